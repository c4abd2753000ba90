"""The sign-in limit per address behind a reverse proxy (WIJKVOUCHER_TRUSTED_PROXIES,
docs/deployment.md#the-reverse-proxy): every resident counts on their own address,
and a client that writes X-Forwarded-For itself gains nothing."""

from __future__ import annotations

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


def test_residents_behind_the_proxy_have_a_limit_each(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    # given: one resident uses up the limit of their address, through the proxy
    for n in range(3):
        response = request_link(
            client,
            django_capture_on_commit_callbacks,
            f"eerste{n}@example.nl",
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
        assert response.status_code == 302

    # when
    refused = request_link(
        client,
        django_capture_on_commit_callbacks,
        "eerste-extra@example.nl",
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7",
    )
    other_resident = request_link(
        client,
        django_capture_on_commit_callbacks,
        "tweede@example.nl",
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )

    # then: a made-up address on the left did not help the first resident
    assert refused.status_code == 429
    assert other_resident.status_code == 302
    assert len(mail.outbox) == 4
    assert not User.objects.filter(email="eerste-extra@example.nl").exists()


def test_a_spoofed_header_from_outside_the_proxy_is_ignored(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    # given: one address that is not the proxy claims a new address every time
    for n in range(3):
        response = request_link(
            client,
            django_capture_on_commit_callbacks,
            f"spoof{n}@example.nl",
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )
        assert response.status_code == 302

    # when
    refused = request_link(
        client,
        django_capture_on_commit_callbacks,
        "spoof-extra@example.nl",
        REMOTE_ADDR="203.0.113.7",
        HTTP_X_FORWARDED_FOR="198.51.100.99",
    )

    # then
    assert refused.status_code == 429
    assert len(mail.outbox) == 3
    assert not User.objects.filter(email="spoof-extra@example.nl").exists()


def test_the_audit_trail_names_the_forwarded_client(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    # when
    request_link(
        client,
        django_capture_on_commit_callbacks,
        "herkomst@example.nl",
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7",
    )

    # then
    event = AuditEvent.objects.get(action="accounts.login_link_sent")
    assert event.origin == "web 203.0.113.7 POST /inloggen/"
