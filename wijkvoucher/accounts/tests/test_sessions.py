"""Session lifetime: sign-out, idle and absolute timeouts, deactivation (ASVS 7.3, 7.4)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.test import Client

import pytest
import time_machine

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.services import user_deactivate
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.accounts.tests.helpers import (
    HttpsClient,
    sign_in,
    totp_device,
    verify_second_factor,
)
from wijkvoucher.core.models import AuditEvent

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("wijkvoucher.accounts.tests.urls_raising"),
]

START = dt.datetime(2026, 3, 16, 9, 0, tzinfo=dt.UTC)
PAGE = "/test/ingelogd/"
LOGOUT_URL = "/uitloggen/"


def _signed_in_user_id(client: Client) -> str | None:
    return client.session.get(SESSION_KEY)


def _session_exists(key: str | None) -> bool:
    return Session.objects.filter(session_key=key).exists()


# --- Signing out ---------------------------------------------------------------------------


def test_sign_out_page_asks_to_confirm_and_changes_nothing(client: Client) -> None:
    # given
    sign_in(client, UserFactory.create())
    key = client.session.session_key

    # when
    response = client.get(LOGOUT_URL)

    # then
    assert response.status_code == 200
    html = response.content.decode()
    assert 'method="post"' in html
    assert _session_exists(key)
    assert _signed_in_user_id(client) is not None


def test_sign_out_deletes_the_server_session(client: Client) -> None:
    # given
    user = UserFactory.create()
    sign_in(client, user)
    key = client.session.session_key
    stolen = HttpsClient()
    stolen.cookies = client.cookies.__class__(client.cookies)  # a copied cookie

    # when
    response = client.post(LOGOUT_URL)

    # then
    assert response.status_code == 302
    assert response["Location"] == "/na-uitloggen/"
    assert not _session_exists(key)
    assert stolen.get(PAGE).status_code == 302  # the old cookie no longer works
    event = AuditEvent.objects.get(action="accounts.logout")
    assert event.actor == user
    assert event.data == {"reason": "user"}


def test_sign_out_needs_csrf() -> None:
    # given
    browser = HttpsClient(enforce_csrf_checks=True)
    sign_in(browser, UserFactory.create())
    key = browser.session.session_key

    # when
    response = browser.post(LOGOUT_URL)

    # then
    assert response.status_code == 403
    assert _session_exists(key)


# --- Timeouts --------------------------------------------------------------------------------


def test_resident_stays_signed_in_within_2_idle_hours(client: Client) -> None:
    with time_machine.travel(START, tick=False) as clock:
        # given
        sign_in(client, UserFactory.create())
        clock.shift(dt.timedelta(hours=1, minutes=59))

        # when
        response = client.get(PAGE)

        # then
        assert response.status_code == 200


def test_resident_is_signed_out_after_2_idle_hours(client: Client) -> None:
    with time_machine.travel(START, tick=False) as clock:
        # given
        user = UserFactory.create()
        sign_in(client, user)
        key = client.session.session_key
        clock.shift(dt.timedelta(hours=2, minutes=1))

        # when
        response = client.get(PAGE)
        login_page = client.get(response["Location"])

        # then
        assert response.status_code == 302
        assert response["Location"] == "/inloggen/?next=%2Ftest%2Fingelogd%2F"
        assert not _session_exists(key)
        assert _signed_in_user_id(client) is None
        assert "You were signed out because you did nothing for a while" in (
            login_page.content.decode()
        )
        event = AuditEvent.objects.get(action="accounts.logout")
        assert event.data == {"reason": "timeout_idle"}


def test_activity_keeps_a_resident_signed_in(client: Client) -> None:
    with time_machine.travel(START, tick=False) as clock:
        # given
        sign_in(client, UserFactory.create())
        for _ in range(4):
            clock.shift(dt.timedelta(hours=1, minutes=30))
            assert client.get(PAGE).status_code == 200

        # when: six hours after signing in, never idle for two
        response = client.get(PAGE)

        # then
        assert response.status_code == 200


def test_anyone_with_an_authenticator_is_signed_out_after_30_idle_minutes(
    client: Client,
) -> None:
    with time_machine.travel(START, tick=False) as clock:
        # given
        user = UserFactory.create()
        device = totp_device(user)
        sign_in(client, user)
        verify_second_factor(client, device)
        clock.shift(dt.timedelta(minutes=29))
        assert client.get(PAGE).status_code == 200
        clock.shift(dt.timedelta(minutes=31))

        # when
        response = client.get(PAGE)

        # then
        assert response.status_code == 302
        assert response["Location"].startswith("/inloggen/")
        assert _signed_in_user_id(client) is None


def test_everyone_is_signed_out_12_hours_after_signing_in(client: Client) -> None:
    with time_machine.travel(START, tick=False) as clock:
        # given: active every hour, so never idle
        sign_in(client, UserFactory.create())
        key = client.session.session_key
        for _ in range(12):
            clock.shift(dt.timedelta(minutes=59, seconds=50))
            assert client.get(PAGE).status_code == 200
        clock.shift(dt.timedelta(minutes=5))

        # when: 12 h and a bit after signing in
        response = client.get(PAGE)
        login_page = client.get(response["Location"])

        # then
        assert response.status_code == 302
        assert not _session_exists(key)
        assert "signed in for a long time" in login_page.content.decode()
        event = AuditEvent.objects.get(action="accounts.logout")
        assert event.data == {"reason": "timeout_absolute"}


def test_session_from_elsewhere_gets_its_clocks_on_first_use(client: Client) -> None:
    with time_machine.travel(START, tick=False) as clock:
        # given: signed in by Django's own login (e.g. the admin form)
        client.force_login(UserFactory.create())
        assert client.get(PAGE).status_code == 200
        clock.shift(dt.timedelta(hours=2, minutes=1))

        # when
        response = client.get(PAGE)

        # then
        assert response.status_code == 302


# --- Deactivation ---------------------------------------------------------------------------


def test_deactivating_an_account_ends_all_its_sessions() -> None:
    # given
    admin = UserFactory.create(is_staff=True)
    user = UserFactory.create()
    phone, laptop, someone_else = HttpsClient(), HttpsClient(), HttpsClient()
    sign_in(phone, user)
    sign_in(laptop, user)
    sign_in(someone_else, UserFactory.create())
    keys = [phone.session.session_key, laptop.session.session_key]
    other_key = someone_else.session.session_key

    # when
    user_deactivate(actor=admin, user=user)

    # then
    assert User.objects.get(pk=user.pk).is_active is False
    assert not any(_session_exists(k) for k in keys)
    assert _session_exists(other_key)
    assert phone.get(PAGE).status_code == 302
    assert someone_else.get(PAGE).status_code == 200
    event = AuditEvent.objects.get(action="accounts.user_deactivate")
    assert event.actor == admin
    assert event.data == {"sessions_ended": 2}
