import pytest
from django.test import Client
from django.urls import reverse


def test_unknown_page_answers_in_dutch_with_a_way_on(client, db):
    response = client.get("/bestaat-niet/ook-niet/")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.text
    assert '<html lang="nl"' in response.text


def test_refusal_explains_the_role(client, council_member, neighbourhood):
    client.force_login(council_member)
    response = client.get(reverse("wup:bo_neighbourhood_edit", args=["testdal", "bloemenwijk"]))
    assert response.status_code == 403
    assert "Met uw rol kunt u deze pagina bekijken" in response.text


@pytest.mark.urls("tests.wup.error_urls")
def test_a_server_error_shows_no_traceback_or_detail(db, settings):
    settings.DEBUG = False
    response = Client(raise_request_exception=False).get("/kapot/")
    assert response.status_code == 500
    assert "Er ging iets mis" in response.text
    assert "secret detail" not in response.text
    assert "Traceback" not in response.text
