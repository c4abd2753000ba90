"""The client's address behind trusted proxies (wijkvoucher/core/addresses.py)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

import pytest

from wijkvoucher.core.addresses import client_ip, forwarded_client, trusted_networks
from wijkvoucher.core.checks import check_trusted_proxies

PROXIES = trusted_networks(("10.0.0.2", "10.0.1.0/24", "2001:db8::2"))


@pytest.mark.parametrize(
    ("remote_addr", "forwarded_for", "expected"),
    [
        # Not from a proxy: the header is the client's own words and never read.
        ("203.0.113.7", "198.51.100.9", "203.0.113.7"),
        ("203.0.113.7", "", "203.0.113.7"),
        # From a proxy: the address the proxy appended.
        ("10.0.0.2", "203.0.113.7", "203.0.113.7"),
        ("10.0.0.2", " 203.0.113.7 ", "203.0.113.7"),
        # A client that sends its own header: what it wrote stays on the left.
        ("10.0.0.2", "198.51.100.9, 203.0.113.7", "203.0.113.7"),
        ("10.0.0.2", "not-an-address, 203.0.113.7", "203.0.113.7"),
        # Two proxies in a row (an outer one in the trusted network): skip both.
        ("10.0.0.2", "203.0.113.7, 10.0.1.5", "203.0.113.7"),
        ("10.0.0.2", "198.51.100.9, 203.0.113.7, 10.0.1.5", "203.0.113.7"),
        # A proxy that sent no header: the proxy is the client as far as we know.
        ("10.0.0.2", "", "10.0.0.2"),
        # A broken chain: the last hop a trusted proxy vouched for, nothing further.
        ("10.0.0.2", "203.0.113.7, garbage", "10.0.0.2"),
        ("10.0.0.2", "198.51.100.9, garbage, 10.0.1.5", "10.0.1.5"),
        # Only proxies in the chain: the left-most of them.
        ("10.0.0.2", "10.0.1.7, 10.0.1.5", "10.0.1.7"),
        # IPv6, also in brackets.
        ("2001:db8::2", "[2001:db8::77]", "2001:db8::77"),
        ("2001:db8::2", "198.51.100.9, 2001:db8::77", "2001:db8::77"),
        ("2001:db8::99", "203.0.113.7", "2001:db8::99"),
    ],
)
def test_forwarded_client_takes_the_rightmost_untrusted_address(
    remote_addr: str, forwarded_for: str, expected: str
) -> None:
    # when
    found = forwarded_client(remote_addr, forwarded_for, PROXIES)

    # then
    assert found == expected


def test_without_trusted_proxies_the_header_is_never_read(settings: Any) -> None:
    # given
    settings.WIJKVOUCHER_TRUSTED_PROXIES = []
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7"
    )

    # when
    found = client_ip(request)

    # then
    assert found == "10.0.0.2"


def test_with_a_trusted_proxy_the_request_gives_the_forwarded_client(
    settings: Any,
) -> None:
    # given
    settings.WIJKVOUCHER_TRUSTED_PROXIES = ["10.0.0.2"]
    via_proxy = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7"
    )
    spoofed = RequestFactory().get(
        "/", REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR="203.0.113.7"
    )

    # when
    found = (client_ip(via_proxy), client_ip(spoofed))

    # then
    assert found == ("203.0.113.7", "198.51.100.9")


def test_a_wrong_proxy_entry_is_refused(settings: Any) -> None:
    # given
    settings.WIJKVOUCHER_TRUSTED_PROXIES = ["10.0.0.2", "proxy.example.nl"]

    # when
    problems = check_trusted_proxies()

    # then
    assert [problem.id for problem in problems] == ["core.E001"]
    assert "proxy.example.nl" in problems[0].msg
    with pytest.raises(ImproperlyConfigured):
        client_ip(RequestFactory().get("/", REMOTE_ADDR="10.0.0.2"))


def test_the_configured_proxies_pass_the_check(settings: Any) -> None:
    # given
    settings.WIJKVOUCHER_TRUSTED_PROXIES = ["10.0.0.2", "10.0.1.0/24", "::1"]

    # when
    problems = check_trusted_proxies()

    # then
    assert problems == []
