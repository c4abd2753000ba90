"""The second step: setting up an authenticator app, codes, backup codes."""

from __future__ import annotations

import datetime as dt
import re

from django.test import Client

import django_otp
import pytest
import time_machine
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.selectors import (
    totp_current_code,
    totp_secret_grouped,
    user_has_confirmed_totp,
)
from wijkvoucher.accounts.services import otp_device_create_for_demo
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.accounts.tests.helpers import (
    SECRET_HEX,
    HttpsClient,
    sign_in,
    totp_device,
    verify_second_factor,
)
from wijkvoucher.core.constants import AuditResult
from wijkvoucher.core.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_interface")]

SETUP_URL = "/inloggen/tweede-stap/instellen/"
VERIFY_URL = "/inloggen/tweede-stap/"
START = dt.datetime(2026, 3, 16, 9, 0, tzinfo=dt.UTC)


def _verified_device_id(client: Client) -> str | None:
    return client.session.get(django_otp.DEVICE_ID_SESSION_KEY)


def _wrong(code: str) -> str:
    return str((int(code) + 1) % 1_000_000).zfill(6)


def _signed_in(client: Client) -> User:
    user = UserFactory.create()
    sign_in(client, user)
    return user


# --- Setting up ----------------------------------------------------------------------------


def test_setup_page_shows_qr_code_key_and_code_field(client: Client) -> None:
    # given
    user = _signed_in(client)

    # when
    response = client.get(SETUP_URL)
    again = client.get(SETUP_URL)

    # then
    assert response.status_code == again.status_code == 200
    device = TOTPDevice.objects.get(user=user)
    assert device.confirmed is False
    html = response.content.decode()
    assert 'src="data:image/svg+xml' in html
    assert 'alt="QR code for your authenticator app.' in html
    assert totp_secret_grouped(device=device) in html
    assert 'autocomplete="one-time-code"' in html
    assert 'inputmode="numeric"' in html
    assert "<script" not in html
    assert "style=" not in html


def test_secret_is_grouped_in_fours_for_typing() -> None:
    # given
    device = TOTPDevice(key=SECRET_HEX)

    # when
    grouped = totp_secret_grouped(device=device)

    # then
    assert grouped == "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ"


def test_right_code_confirms_the_app_and_shows_10_backup_codes(client: Client) -> None:
    # given
    user = _signed_in(client)
    client.get(SETUP_URL)
    device = TOTPDevice.objects.get(user=user)
    key_before = client.session.session_key

    # when
    response = client.post(SETUP_URL, {"code": totp_current_code(device=device)})

    # then
    assert response.status_code == 200
    device.refresh_from_db()
    assert device.confirmed is True
    assert user_has_confirmed_totp(user=user) is True
    assert _verified_device_id(client) == device.persistent_id
    assert client.session.session_key != key_before
    tokens = sorted(
        StaticToken.objects.filter(device__user=user).values_list("token", flat=True)
    )
    assert len(tokens) == 10
    assert len(set(tokens)) == 10
    html = response.content.decode()
    assert all(f"<code>{t}</code>" in html for t in tokens)
    event = AuditEvent.objects.get(action="accounts.otp_setup")
    assert event.actor == user
    assert event.result == AuditResult.SUCCESS


def test_wrong_setup_code_is_refused_audited_and_kept(client: Client) -> None:
    # given
    user = _signed_in(client)
    client.get(SETUP_URL)
    device = TOTPDevice.objects.get(user=user)
    wrong = _wrong(totp_current_code(device=device))

    # when
    response = client.post(SETUP_URL, {"code": wrong})

    # then
    assert response.status_code == 200
    html = response.content.decode()
    assert "This code is not right" in html
    assert f'value="{wrong}"' in html
    device.refresh_from_db()
    assert device.confirmed is False
    assert _verified_device_id(client) is None
    assert not StaticDevice.objects.filter(user=user).exists()
    event = AuditEvent.objects.get(action="accounts.otp_failed")
    assert event.result == AuditResult.FAILURE
    assert event.data == {"step": "setup", "throttled": False}
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_setup_is_not_offered_again_once_confirmed(client: Client) -> None:
    # given: someone with only the e-mail link must not replace the second factor
    user = _signed_in(client)
    device = totp_device(user)

    # when
    get = client.get(SETUP_URL)
    post = client.post(SETUP_URL, {"code": totp_current_code(device=device)})

    # then
    assert get.status_code == post.status_code == 302
    assert get["Location"] == VERIFY_URL
    assert TOTPDevice.objects.filter(user=user).count() == 1
    assert _verified_device_id(client) is None


@pytest.mark.parametrize("url", [SETUP_URL, VERIFY_URL])
def test_second_step_pages_need_a_signed_in_user(client: Client, url: str) -> None:
    # when
    response = client.get(url)

    # then
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/?next=")
    assert TOTPDevice.objects.count() == 0


# --- Verifying -----------------------------------------------------------------------------


def test_verify_page_fields_allow_paste_and_one_time_code(client: Client) -> None:
    # given
    user = _signed_in(client)
    totp_device(user)

    # when
    response = client.get(VERIFY_URL)

    # then
    html = response.content.decode()
    field = re.search(r"<input[^>]*name=\"code\"[^>]*>", html)
    assert field is not None
    assert 'autocomplete="one-time-code"' in field.group(0)
    assert 'inputmode="numeric"' in field.group(0)
    assert "onpaste" not in html


def test_right_app_code_verifies_the_session(client: Client) -> None:
    # given
    user = _signed_in(client)
    device = totp_device(user)

    # when
    response = client.post(
        VERIFY_URL, {"code": totp_current_code(device=device), "next": "/wijk/"}
    )

    # then
    assert response.status_code == 302
    assert response["Location"] == "/wijk/"
    assert _verified_device_id(client) == device.persistent_id
    event = AuditEvent.objects.get(action="accounts.otp_verified")
    assert event.data == {"method": "totp"}


def test_pasted_code_with_spaces_is_accepted(client: Client) -> None:
    # given
    user = _signed_in(client)
    device = totp_device(user)
    code = totp_current_code(device=device)

    # when
    response = client.post(VERIFY_URL, {"code": f" {code[:3]} {code[3:]} "})

    # then
    assert response.status_code == 302
    assert _verified_device_id(client) == device.persistent_id


def test_wrong_code_is_refused_and_audited(client: Client) -> None:
    # given
    user = _signed_in(client)
    device = totp_device(user)

    # when
    response = client.post(
        VERIFY_URL, {"code": _wrong(totp_current_code(device=device))}
    )

    # then
    assert response.status_code == 200
    assert "This code is not right" in response.content.decode()
    assert _verified_device_id(client) is None
    event = AuditEvent.objects.get(action="accounts.otp_failed")
    assert event.result == AuditResult.FAILURE
    assert event.actor == user
    assert event.data == {"step": "verify", "throttled": False}


def test_same_app_code_does_not_work_twice(client: Client) -> None:
    # given
    user = _signed_in(client)
    device = totp_device(user)
    with time_machine.travel(START, tick=False):
        code = totp_current_code(device=device)
        assert client.post(VERIFY_URL, {"code": code}).status_code == 302
        other = HttpsClient()
        sign_in(other, user)

        # when
        response = other.post(VERIFY_URL, {"code": code})

        # then
        assert response.status_code == 200
        assert _verified_device_id(other) is None


def test_backup_code_works_once(client: Client) -> None:
    # given
    user = _signed_in(client)
    client.get(SETUP_URL)
    setup_device = TOTPDevice.objects.get(user=user)
    client.post(SETUP_URL, {"code": totp_current_code(device=setup_device)})
    code = StaticToken.objects.filter(device__user=user).order_by("token").first()
    assert code is not None
    first, second = HttpsClient(), HttpsClient()
    sign_in(first, user)
    sign_in(second, user)

    # when
    used = first.post(VERIFY_URL, {"code": code.token.upper(), "backup": "1"})
    reused = second.post(VERIFY_URL, {"code": code.token, "backup": "1"})

    # then
    assert used.status_code == 302
    assert _verified_device_id(first) is not None
    assert reused.status_code == 200
    assert _verified_device_id(second) is None
    assert StaticToken.objects.filter(device__user=user).count() == 9
    verified = AuditEvent.objects.filter(action="accounts.otp_verified").last()
    assert verified is not None
    assert verified.data == {"method": "backup"}


def test_backup_code_form_does_not_ask_for_digits(client: Client) -> None:
    # given
    user = _signed_in(client)
    totp_device(user)

    # when
    response = client.get(VERIFY_URL, {"backup": "1"})

    # then
    html = response.content.decode()
    field = re.search(r"<input[^>]*name=\"code\"[^>]*>", html)
    assert field is not None
    assert "inputmode" not in field.group(0)
    assert "Backup code" in html


def test_eleventh_attempt_within_15_minutes_is_refused(client: Client) -> None:
    # given
    user = _signed_in(client)
    device = totp_device(user)
    with time_machine.travel(START, tick=False) as clock:
        wrong = _wrong(totp_current_code(device=device))
        for _ in range(10):
            assert client.post(VERIFY_URL, {"code": wrong}).status_code == 200
            clock.shift(dt.timedelta(seconds=1))
        right = totp_current_code(device=device)

        # when
        response = client.post(VERIFY_URL, {"code": right})

        # then
        assert response.status_code == 429
        assert _verified_device_id(client) is None
        assert AuditEvent.objects.filter(action="accounts.otp_failed").count() == 10


def test_verify_without_an_app_goes_to_setup(client: Client) -> None:
    # given
    _signed_in(client)

    # when
    response = client.get(VERIFY_URL, {"next": "/wijk/"})

    # then
    assert response.status_code == 302
    assert response["Location"] == f"{SETUP_URL}?next=%2Fwijk%2F"


# --- Demo helpers ----------------------------------------------------------------------------


def test_demo_device_is_confirmed_with_the_given_key_and_idempotent() -> None:
    # given
    user = UserFactory.create()

    # when
    device = otp_device_create_for_demo(user=user, secret_hex=SECRET_HEX)
    again = otp_device_create_for_demo(user=user, secret_hex=SECRET_HEX)

    # then
    assert device.pk == again.pk
    assert device.confirmed is True
    assert device.key == SECRET_HEX
    assert user_has_confirmed_totp(user=user) is True


def test_current_code_is_the_rfc_6238_code() -> None:
    # given
    user = UserFactory.create()
    device = otp_device_create_for_demo(user=user, secret_hex=SECRET_HEX)

    # when: RFC 6238 appendix B, T = 59 s, SHA-1, 8 digits 94287082 → 6 digits 287082
    with time_machine.travel(
        dt.datetime(1970, 1, 1, 0, 0, 59, tzinfo=dt.UTC), tick=False
    ):
        code = totp_current_code(device=device)

    # then
    assert code == "287082"
    assert TOTP(device.bin_key).token() != ""  # sanity: the library agrees on the key


def test_verified_user_passes_second_step_check(client: Client) -> None:
    # given
    user = _signed_in(client)
    device = totp_device(user)

    # when
    verify_second_factor(client, device)
    response = client.get(VERIFY_URL)

    # then
    assert response.status_code == 302
    assert response["Location"] == "/na-inloggen/"
