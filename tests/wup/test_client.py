"""The client's address: behind our load balancer the entry it appended, else the connection's."""

import pytest
from django.test import RequestFactory

from wup.client import AddressRateThrottle, client_address

CLIENT = "198.51.100.7"
BALANCER = "10.0.0.2"


def request(**meta):
    return RequestFactory().get("/", REMOTE_ADDR=BALANCER, **meta)


@pytest.fixture
def behind_proxy(settings):
    settings.BEHIND_PROXY = True


@pytest.mark.usefixtures("behind_proxy")
def test_behind_the_proxy_the_entry_the_balancer_appended_counts():
    assert client_address(request(HTTP_X_FORWARDED_FOR=CLIENT)) == CLIENT
    assert client_address(request(HTTP_X_FORWARDED_FOR=f"203.0.113.9, {CLIENT}")) == CLIENT


@pytest.mark.usefixtures("behind_proxy")
def test_a_spoofed_leftmost_entry_changes_nothing():
    honest = client_address(request(HTTP_X_FORWARDED_FOR=CLIENT))
    for spoofed in ("203.0.113.9", "127.0.0.1", "not an address", ""):
        forged = request(HTTP_X_FORWARDED_FOR=f"{spoofed}, {CLIENT}")
        assert client_address(forged) == honest == CLIENT


@pytest.mark.usefixtures("behind_proxy")
def test_behind_the_proxy_without_the_header_the_connection_counts():
    assert client_address(request()) == BALANCER
    assert client_address(request(HTTP_X_FORWARDED_FOR=" ")) == BALANCER


def test_without_a_proxy_the_header_is_ignored(settings):
    settings.BEHIND_PROXY = False
    assert client_address(request(HTTP_X_FORWARDED_FOR=f"203.0.113.9, {CLIENT}")) == BALANCER
    assert client_address(request()) == BALANCER


def test_no_address_at_all_is_empty(settings):
    settings.BEHIND_PROXY = False
    assert client_address(RequestFactory().get("/", REMOTE_ADDR="")) == ""


def test_the_api_throttle_keys_on_the_same_address(settings):
    settings.BEHIND_PROXY = True
    forged = request(HTTP_X_FORWARDED_FOR=f"203.0.113.9, {CLIENT}")
    assert AddressRateThrottle().get_ident(forged) == CLIENT


# --- more than one trusted proxy (TRUSTED_PROXY_COUNT) -----------------------------------------

PROXY = "10.0.0.3"  # a reverse proxy between the balancer and us


@pytest.fixture
def two_proxies(settings):
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXY_COUNT = 2


@pytest.mark.usefixtures("two_proxies")
def test_with_two_proxies_the_second_entry_from_the_right_counts():
    # The balancer appended the client, our reverse proxy appended the balancer.
    assert client_address(request(HTTP_X_FORWARDED_FOR=f"{CLIENT}, {PROXY}")) == CLIENT


@pytest.mark.usefixtures("two_proxies")
@pytest.mark.parametrize("spoofed", ["203.0.113.9", "127.0.0.1", "10.0.0.1, 10.0.0.2", "::1"])
def test_with_two_proxies_what_the_client_wrote_changes_nothing(spoofed):
    forged = request(HTTP_X_FORWARDED_FOR=f"{spoofed}, {CLIENT}, {PROXY}")
    assert client_address(forged) == CLIENT


@pytest.mark.usefixtures("two_proxies")
def test_with_fewer_entries_than_proxies_the_leftmost_counts():
    assert client_address(request(HTTP_X_FORWARDED_FOR=CLIENT)) == CLIENT


@pytest.mark.usefixtures("behind_proxy")
def test_an_entry_that_is_no_address_falls_back_to_the_connection():
    assert client_address(request(HTTP_X_FORWARDED_FOR="203.0.113.9, unknown")) == BALANCER
    assert client_address(request(HTTP_X_FORWARDED_FOR="<script>")) == BALANCER


@pytest.mark.usefixtures("behind_proxy")
def test_ipv6_clients_are_read_as_well():
    assert client_address(request(HTTP_X_FORWARDED_FOR="2001:db8::7")) == "2001:db8::7"


@pytest.mark.parametrize("count", [1, 2, 3])
@pytest.mark.parametrize(
    "forwarded",
    [
        CLIENT,
        f"203.0.113.9, {CLIENT}",
        f"203.0.113.9, {CLIENT}, {PROXY}",
        f"1.1.1.1, 203.0.113.9, {CLIENT}, {PROXY}, 10.0.0.4",
    ],
)
def test_drf_num_proxies_reads_the_header_the_same_way(settings, count, forwarded):
    from rest_framework.settings import api_settings
    from rest_framework.throttling import BaseThrottle

    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXY_COUNT = count
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": count}
    api_settings.reload()
    try:
        drf = BaseThrottle().get_ident(request(HTTP_X_FORWARDED_FOR=forwarded))
        assert drf == client_address(request(HTTP_X_FORWARDED_FOR=forwarded))
    finally:
        api_settings.reload()


def test_the_setting_follows_the_environment():
    from wup import settings as site

    assert site.REST_FRAMEWORK["NUM_PROXIES"] == (
        site.TRUSTED_PROXY_COUNT if site.BEHIND_PROXY else 0
    )


def test_a_login_lockout_reads_the_same_address(settings):
    from axes.helpers import get_client_ip_address

    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXY_COUNT = 2
    forged = request(HTTP_X_FORWARDED_FOR=f"203.0.113.9, {CLIENT}, {PROXY}")
    assert get_client_ip_address(forged) == CLIENT
