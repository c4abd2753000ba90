"""`check --deploy` refuses the demo, and security.txt names the contact (issue #14
point 7)."""

from __future__ import annotations

from typing import Any

from django.core import checks
from django.test import Client, RequestFactory

import pytest
import time_machine

from wijkvoucher.core.checks import (
    check_not_demo,
    check_proxy_ssl_header,
    check_security_contact,
)


def test_the_demo_fails_the_deploy_check(settings: Any) -> None:
    # given the demo switched on
    settings.DEMO_MODE = True
    # when the deploy checks run
    problems = check_not_demo()
    # then one error: the deploy fails
    assert [(p.id, p.level) for p in problems] == [("core.E002", checks.ERROR)]


def test_production_passes_the_demo_check(settings: Any) -> None:
    # given
    settings.DEMO_MODE = False
    # when / then
    assert check_not_demo() == []


@pytest.mark.parametrize(
    ("contact", "ids"),
    [("", ["core.W001"]), ("security@x.nl", ["core.W001"]), ("mailto:s@x.nl", [])],
)
def test_security_contact_is_checked(
    settings: Any, contact: str, ids: list[str]
) -> None:
    # given
    settings.SECURITY_CONTACT = contact
    # when / then
    assert [p.id for p in check_security_contact()] == ids


def test_a_believed_forwarded_proto_needs_trusted_proxies(settings: Any) -> None:
    # given the header believed, but no proxy named
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.WIJKVOUCHER_TRUSTED_PROXIES = []
    # when / then
    assert [p.id for p in check_proxy_ssl_header()] == ["core.W002"]
    settings.WIJKVOUCHER_TRUSTED_PROXIES = ["10.0.0.2"]
    assert check_proxy_ssl_header() == []


def test_forwarded_proto_is_not_believed_by_default() -> None:
    # given the default settings, and a client that claims HTTPS over plain HTTP
    request = RequestFactory().get("/", HTTP_X_FORWARDED_PROTO="https")
    # when / then Django does not believe it
    assert request.is_secure() is False


@pytest.mark.django_db
def test_security_txt_follows_rfc_9116(client: Client, settings: Any) -> None:
    # given a configured contact
    settings.SECURITY_CONTACT = "mailto:security@gemeente.nl"
    settings.SITE_URL = "https://wijkvoucher.gemeente.nl"
    # when
    with time_machine.travel("2026-03-01T12:00:00Z", tick=False):
        response = client.get("/.well-known/security.txt", secure=True)
    # then the required fields, with an expiry within a year
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "Contact: mailto:security@gemeente.nl",
        "Expires: 2026-08-30T12:00:00Z",
        "Preferred-Languages: nl, en",
        "Canonical: https://wijkvoucher.gemeente.nl/.well-known/security.txt",
    ]


@pytest.mark.django_db
def test_security_txt_is_missing_without_a_contact(
    client: Client, settings: Any
) -> None:
    # given
    settings.SECURITY_CONTACT = ""
    # when / then
    assert client.get("/.well-known/security.txt", secure=True).status_code == 404
