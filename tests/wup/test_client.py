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
