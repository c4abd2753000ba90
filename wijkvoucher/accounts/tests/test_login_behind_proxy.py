"""The sign-in limit per address behind a reverse proxy (WIJKVOUCHER_TRUSTED_PROXIES,
docs/deployment.md#the-reverse-proxy): every resident counts on their own address,
and a client that writes X-Forwarded-For itself gains nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core import mail
from django.test import Client

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.tests.helpers import request_link
from wijkvoucher.core.models import AuditEvent

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"


@pytest.fixture(autouse=True)
def _behind_proxy(settings: Any) -> None:
    settings.WIJKVOUCHER_TRUSTED_PROXIES = [PROXY]
    settings.LOGIN_RATE_PER_IP = "3/15m"


Ask = Callable[[str, str, str], Any]


@pytest.fixture
def ask(client: Client, django_capture_on_commit_callbacks: Any) -> Ask:
    """``ask(email, REMOTE_ADDR, X-Forwarded-For)``: POST the sign-in form."""

    def post(email: str, remote_addr: str, forwarded_for: str) -> Any:
        return request_link(
            client,
            django_capture_on_commit_callbacks,
            email,
            REMOTE_ADDR=remote_addr,
            HTTP_X_FORWARDED_FOR=forwarded_for,
        )

    return post


def test_residents_behind_the_proxy_have_a_limit_each(ask: Ask) -> None:
    # given: one resident uses up the limit of their address, through the proxy
    for n in range(3):
        response = ask(f"eerste{n}@example.nl", PROXY, "203.0.113.7")
        assert response.status_code == 302

    # when
    refused = ask("eerste-extra@example.nl", PROXY, "198.51.100.1, 203.0.113.7")
    other_resident = ask("tweede@example.nl", PROXY, "198.51.100.9")

    # then: a made-up address on the left did not help the first resident
    assert refused.status_code == 429
    assert other_resident.status_code == 302
    assert len(mail.outbox) == 4
    assert not User.objects.filter(email="eerste-extra@example.nl").exists()


def test_a_spoofed_header_from_outside_the_proxy_is_ignored(ask: Ask) -> None:
    # given: one address that is not the proxy claims a new address every time
    for n in range(3):
        response = ask(f"spoof{n}@example.nl", "203.0.113.7", f"198.51.100.{n}")
        assert response.status_code == 302

    # when
    refused = ask("spoof-extra@example.nl", "203.0.113.7", "198.51.100.99")

    # then
    assert refused.status_code == 429
    assert len(mail.outbox) == 3
    assert not User.objects.filter(email="spoof-extra@example.nl").exists()


def test_the_audit_trail_names_the_forwarded_client(ask: Ask) -> None:
    # when
    ask("herkomst@example.nl", PROXY, "198.51.100.1, 203.0.113.7")

    # then
    event = AuditEvent.objects.get(action="accounts.login_link_sent")
    assert event.origin == "web 203.0.113.7 POST /inloggen/"
