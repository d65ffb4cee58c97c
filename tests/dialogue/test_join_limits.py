"""Limits on joining a live session and on arguments: wrong codes count on every path (the QR
link as much as the form), new participants per address are capped generously, arguments per
participant per minute are capped. A spoofed X-Forwarded-For changes none of it."""

import pytest
from django.test import Client
from django.urls import reverse

from dialogue.models import Argument, Participant
from dialogue.views.participation import (
    ARGUMENTS_PER_MINUTE,
    WRONG_CODES_PER_ADDRESS,
    WRONG_CODES_PER_BROWSER,
)

VENUE = "198.51.100.1"
BALANCER = "10.0.0.2"


@pytest.fixture(autouse=True)
def _behind_proxy(settings):
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXY_COUNT = 1


def wrong(session):
    return "000000" if session.join_code != "000000" else "111111"


def via(address, spoof=""):
    forwarded = f"{spoof}, {address}" if spoof else address
    return {"REMOTE_ADDR": BALANCER, "HTTP_X_FORWARDED_FOR": forwarded}


def qr(client, code, address=VENUE, spoof=""):
    return client.get(reverse("dialogue:join_code", args=[code]), **via(address, spoof))


def typed(client, code, address=VENUE, spoof=""):
    return client.post(reverse("dialogue:join"), {"code": code}, **via(address, spoof))


def test_guessing_codes_by_the_qr_link_is_limited_per_browser(client, live_session):
    client.get(reverse("dialogue:join"))  # the CSRF cookie identifies the browser
    for _ in range(WRONG_CODES_PER_BROWSER):
        assert qr(client, wrong(live_session)).status_code == 404
    response = qr(client, live_session.join_code)
    assert response.status_code == 429
    assert "te vaak een verkeerde code" in response.text
    assert Participant.objects.count() == 0


@pytest.mark.parametrize("path", ["qr", "typed", "mixed"])
def test_guessing_codes_without_cookies_is_limited_per_address_on_every_path(live_session, path):
    for n in range(WRONG_CODES_PER_ADDRESS):
        guess = qr if path == "qr" or (path == "mixed" and n % 2) else typed
        # A new client each time (no cookies), a new forged entry each time.
        response = guess(Client(), f"{n:06d}", spoof=f"203.0.113.{n % 250}")
        if f"{n:06d}" == live_session.join_code:
            continue
        assert response.status_code in (200, 404), n
    for guess in (qr, typed):
        refused = guess(Client(), live_session.join_code, spoof="192.0.2.1")
        assert refused.status_code == 429
        assert "te vaak een verkeerde code" in refused.text
    # Another address still gets in.
    assert typed(Client(), live_session.join_code, address="192.0.2.77").status_code == 302


def test_a_right_code_by_qr_link_does_not_count(client, live_session):
    for _ in range(WRONG_CODES_PER_BROWSER + 5):
        assert qr(client, live_session.join_code).status_code == 200


def test_three_hundred_phones_behind_one_address_all_get_in_by_the_qr_link(live_session):
    for i in range(300):
        phone = Client()
        if i % 10 == 0:  # some scan an old code first
            assert qr(phone, wrong(live_session)).status_code == 404
        assert qr(phone, live_session.join_code).status_code == 200
        response = typed(phone, live_session.join_code)
        assert response.status_code == 302, i
        assert response.cookies[f"ww_deelname_{live_session.pk}"]["max-age"] == 24 * 3600
    assert Participant.objects.count() == 300


def test_new_participants_per_address_are_capped_and_returning_phones_are_not(
    live_session, settings
):
    settings.LIVE_JOINS_PER_ADDRESS = 5
    phones = [Client() for _ in range(5)]
    for phone in phones:
        assert typed(phone, live_session.join_code, spoof="203.0.113.1").status_code == 302
    refused = typed(Client(), live_session.join_code, spoof="203.0.113.2")
    assert refused.status_code == 429
    assert "heel veel telefoons" in refused.text
    assert Participant.objects.count() == 5
    # A phone that is already in comes back without counting again.
    assert typed(phones[0], live_session.join_code).status_code == 302
    # Another address, and another session, have their own count.
    assert typed(Client(), live_session.join_code, address="192.0.2.77").status_code == 302


def test_the_default_cap_is_generous(settings):
    assert settings.LIVE_JOINS_PER_ADDRESS >= 500


def test_arguments_per_participant_per_minute_are_capped(client, live_session):
    from django.core.cache import cache

    typed(client, live_session.join_code)
    url = reverse("dialogue:add_argument", args=[live_session.join_code])
    for n in range(ARGUMENTS_PER_MINUTE):
        data = {"side": "legitimiteit", "stance": "voor", "text": f"Punt {n}"}
        assert client.post(url, data).status_code == 302
    data = {"side": "legitimiteit", "stance": "voor", "text": "Nog een punt"}
    refused = client.post(url, data)
    assert refused.status_code == 422
    assert "Wacht een minuut" in refused.text
    assert "Nog een punt" in refused.text  # nothing typed is lost
    assert Argument.objects.count() == ARGUMENTS_PER_MINUTE
    # Another phone is not affected.
    other = Client()
    typed(other, live_session.join_code)
    assert other.post(url, data).status_code == 302
    # A minute later (the counter expires in the cache) the first phone may send again.
    participant = Participant.objects.order_by("pk").first()
    cache.delete(f"arguments:participant:{participant.pk}")
    assert client.post(url, data).status_code == 302
