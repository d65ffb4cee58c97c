"""Staff sessions: 30 minutes idle, 12 hours at most, the cookie ends with the browser;
residents' phone cookies keep their own lifetimes."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.factories import TEST_PASSWORD

HOME = "/beheer/"


@pytest.fixture
def traveller():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


@pytest.fixture
def signed_in(client, lead, traveller):
    response = client.post(reverse("login"), {"username": lead.username, "password": TEST_PASSWORD})
    assert response.status_code == 302
    return client


def is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_the_session_cookie_ends_with_the_browser(client, lead):
    response = client.post(reverse("login"), {"username": lead.username, "password": TEST_PASSWORD})
    cookie = response.cookies["sessionid"]
    assert cookie["expires"] == "" and cookie["max-age"] == ""


def test_thirty_idle_minutes_sign_out(signed_in, traveller):
    traveller.shift(dt.timedelta(minutes=29))
    assert signed_in.get(HOME).status_code == 200
    traveller.shift(dt.timedelta(minutes=29))  # activity at 29 minutes restarted the clock
    assert signed_in.get(HOME).status_code == 200
    traveller.shift(dt.timedelta(minutes=31))
    response = signed_in.get(HOME)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login") + "?next=")
    assert not is_signed_in(signed_in)
    page = signed_in.get(response.url).content.decode()
    assert "30 minuten niets hebt gedaan" in page


def test_background_refreshes_do_not_keep_a_session_alive(signed_in, traveller):
    for _ in range(3):
        traveller.shift(dt.timedelta(minutes=9))
        assert signed_in.get(HOME, HTTP_HX_REQUEST="true").status_code == 200
    traveller.shift(dt.timedelta(minutes=4))  # 31 minutes after the last real activity
    response = signed_in.get(HOME, HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("login")
    assert not is_signed_in(signed_in)


def test_the_warnings_button_counts_as_activity(signed_in, traveller):
    assert 'id="ww-session-warning"' in signed_in.get(HOME).content.decode()
    traveller.shift(dt.timedelta(minutes=26))
    assert signed_in.post(reverse("stay_signed_in")).status_code == 204
    traveller.shift(dt.timedelta(minutes=26))
    assert signed_in.get(HOME).status_code == 200
    assert signed_in.post(reverse("stay_signed_in"), {"next": HOME}).url == HOME
    assert (
        signed_in.post(reverse("stay_signed_in"), {"next": "https://evil.example"}).status_code
        == 204
    )


def test_twelve_hours_is_the_most_whatever_the_activity(signed_in, traveller):
    for _ in range(11 * 3):
        traveller.shift(dt.timedelta(minutes=20))
        assert signed_in.get(HOME).status_code == 200
    traveller.shift(dt.timedelta(minutes=61))
    response = signed_in.get(HOME)
    assert response.status_code == 302
    assert "12 uur" in signed_in.get(response.url).content.decode()


def test_the_warning_is_only_for_signed_in_people(client, db):
    assert 'id="ww-session-warning"' not in client.get(reverse("login")).content.decode()
