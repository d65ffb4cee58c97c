"""Links in mails, feeds and QR codes use the public base URL (SITE_URL), never the Host header
of whoever triggered them; in development, with SITE_URL empty, they follow the request."""

import re

from django.core import mail
from django.test import RequestFactory
from django.urls import reverse

from wup.links import DEVELOPMENT_URL, absolute, site_url

PUBLIC = "https://wijkwaarde.example.nl"


def test_the_public_url_wins_over_the_request(settings):
    settings.SITE_URL = PUBLIC + "/"
    request = RequestFactory().get("/", HTTP_HOST="evil.example")
    assert site_url(request) == PUBLIC
    assert absolute("/doe-mee/", request) == PUBLIC + "/doe-mee/"


def test_in_development_links_follow_the_request(settings):
    settings.SITE_URL = ""
    request = RequestFactory().get("/", HTTP_HOST="localhost:8000")
    assert absolute("/doe-mee/", request) == "http://localhost:8000/doe-mee/"
    assert absolute("/doe-mee/") == DEVELOPMENT_URL + "/doe-mee/"


def test_an_invitation_links_to_the_public_url_whatever_the_host(
    client, admin, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = PUBLIC
    settings.ALLOWED_HOSTS = ["*"]
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wup:bo_member_invite", args=["testdal"]),
            {"email": "nieuw@example.org", "name": "Nieuw", "role": "council_member"},
            HTTP_HOST="evil.example",
        )
    assert response.status_code == 302
    (message,) = mail.outbox
    links = re.findall(r"https?://\S+", message.body)
    assert links and all(link.startswith(PUBLIC + "/") for link in links)


def test_the_join_qr_code_and_link_use_the_public_url(client, lead, settings, neighbourhood):
    import datetime

    from django.utils import timezone

    from dialogue.models import DialogueSession

    settings.SITE_URL = PUBLIC
    session = DialogueSession.objects.create(
        neighbourhood=neighbourhood,
        title="Warmtenet?",
        proposition="Een warmtenet.",
        starts_at=timezone.now() + datetime.timedelta(days=1),
        location="Buurthuis",
        can_influence="De volgorde.",
        cannot_influence="Het jaar.",
    )
    session.add_default_prompts()
    session.open_live()
    client.force_login(lead)
    page = client.get(
        reverse("dialogue:presenter", args=["testdal", session.pk]), HTTP_HOST="localhost"
    ).content.decode()
    assert PUBLIC + "/doe-mee/" in page
    assert "http://localhost" not in page
