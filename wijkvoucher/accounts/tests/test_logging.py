"""No token, code or e-mail address ever reaches the log output (ASVS 16.2.5)."""

from __future__ import annotations

import logging
import smtplib
import time
from collections.abc import Sequence
from typing import Any

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage
from django.test import Client

import pytest
import time_machine
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkvoucher.accounts.selectors import totp_current_code
from wijkvoucher.accounts.tests.helpers import (
    LINK_URL,
    link_in,
    request_link,
    token_and_next,
)

pytestmark = pytest.mark.django_db

EMAIL = "logboek@example.nl"


class RefusingBackend(BaseEmailBackend):
    """An SMTP server that refuses the recipient, naming it in the error."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        recipients = {
            address: (550, b"no such user") for m in email_messages for address in m.to
        }
        raise smtplib.SMTPRecipientsRefused(recipients)


def _capture_everything(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)  # what production writes (LOG_LEVEL=INFO)
    caplog.set_level(logging.DEBUG, logger="wijkvoucher")  # and all of our own


def test_full_sign_in_flow_logs_no_secrets(
    client: Client,
    caplog: pytest.LogCaptureFixture,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given
    _capture_everything(caplog)
    secrets: list[str] = [EMAIL, EMAIL.split("@")[0]]

    # when: ask for a link twice, open it, use it, use it again, a broken one
    request_link(client, django_capture_on_commit_callbacks, EMAIL)
    request_link(client, django_capture_on_commit_callbacks, EMAIL.upper())
    token, _next = token_and_next(link_in(mail.outbox[-1]))
    secrets.append(token)
    client.get(LINK_URL, {"token": token})
    client.post(LINK_URL, {"token": token})
    client.post(LINK_URL, {"token": token})
    client.post(LINK_URL, {"token": token[:-3] + "abc"})

    # and: set up the app with a wrong and a right code, then sign in again
    client.get("/inloggen/tweede-stap/instellen/")
    device = TOTPDevice.objects.get()
    right = totp_current_code(device=device)
    wrong = str((int(right) + 1) % 1_000_000).zfill(6)
    secrets += [right, wrong, device.key]
    with time_machine.travel(time.time(), tick=False) as clock:
        client.post("/inloggen/tweede-stap/instellen/", {"code": wrong})
        clock.shift(2)  # django-otp waits 1 s after a wrong code
        client.post("/inloggen/tweede-stap/instellen/", {"code": right})
    backup = StaticToken.objects.order_by("token").first()
    assert backup is not None
    secrets.append(backup.token)
    client.post("/uitloggen/")
    request_link(client, django_capture_on_commit_callbacks, EMAIL)
    second_token, _next = token_and_next(link_in(mail.outbox[-1]))
    secrets.append(second_token)
    client.post(LINK_URL, {"token": second_token})
    with time_machine.travel(time.time() + 60, tick=False) as clock:
        client.post("/inloggen/tweede-stap/", {"code": "zzzzzzzz", "backup": "1"})
        clock.shift(2)
        client.post("/inloggen/tweede-stap/", {"code": backup.token, "backup": "1"})

    # then
    assert client.session.get("otp_device_id") is not None  # the flow did complete
    output = caplog.text + "\n".join(str(r.args) for r in caplog.records)
    for secret in secrets:
        assert secret.lower() not in output.lower()


def test_failed_sending_logs_no_address(
    client: Client,
    caplog: pytest.LogCaptureFixture,
    django_capture_on_commit_callbacks: Any,
    settings: Any,
) -> None:
    # given
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    _capture_everything(caplog)

    # when
    response = request_link(client, django_capture_on_commit_callbacks, EMAIL)

    # then: the resident sees the usual answer; the log says what failed, not to whom
    assert response.status_code == 302
    assert response["Location"] == "/inloggen/verstuurd/"
    assert "Sign-in e-mail could not be sent" in caplog.text
    assert "SMTPRecipientsRefused" in caplog.text
    assert "logboek" not in caplog.text


def test_sesame_debug_lines_are_off_even_at_debug_level(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """django-sesame logs 'Valid token for user <str(user)>' at DEBUG, and str(user)
    can be the e-mail address. LOGGING must hold that logger at WARNING, so that
    LOG_LEVEL=DEBUG cannot leak addresses."""
    # given
    caplog.set_level(logging.DEBUG)

    # when
    enabled = logging.getLogger("sesame").isEnabledFor(logging.DEBUG)

    # then
    assert enabled is False, 'add "sesame": {"level": "WARNING"} to LOGGING["loggers"]'
