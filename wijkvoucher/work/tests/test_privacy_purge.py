"""Retention everywhere (issue #14 point 8): `privacy_purge` removes what is past its
time and keeps everything else."""

from __future__ import annotations

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="assignment,arg-type,misc,return-value,list-item,attr-defined"
import datetime as dt
import io

from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.management import call_command

import pytest
import time_machine
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.retention import accounts_unused_purge
from wijkvoucher.accounts.services import login_link_request
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.tests.factories import (
    MunicipalityFactory,
    RoleAssignmentFactory,
)
from wijkvoucher.notifications.services import notification_send
from wijkvoucher.vouchers.models import IdempotencyKey
from wijkvoucher.vouchers.tests.helpers import approved_provider

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _clean_cache() -> None:
    cache.clear()


def _purge() -> str:
    out = io.StringIO()
    call_command("privacy_purge", stdout=out)
    return out.getvalue()


def test_idempotency_keys_are_purged_after_the_configured_hours(
    settings: object,
) -> None:
    # given two keys, one made 25 hours before the run and one 23 hours before
    provider, _user = approved_provider(neighbourhood_ready())
    with time_machine.travel(START, tick=False):
        IdempotencyKey.objects.create(provider=provider, key="old", request_digest="x")
    with time_machine.travel(START + dt.timedelta(hours=2), tick=False):
        IdempotencyKey.objects.create(provider=provider, key="new", request_digest="y")
    # when the purge runs 25 hours after the first
    with time_machine.travel(START + dt.timedelta(hours=25), tick=False):
        out = _purge()
    # then only the young key remains
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["new"]
    assert "Removed 1 idempotency keys." in out


def test_accounts_that_never_signed_in_are_purged() -> None:
    # given an address typed on the sign-in page 31 days ago, never used
    with time_machine.travel(START, tick=False):
        login_link_request(email="tikfout@example.nl")
    # and accounts that are kept: one that signed in, one made at the desk,
    # a coordinator who has not signed in yet, and one with a message
    with time_machine.travel(START, tick=False):
        signed_in = UserFactory(last_login=START)
        desk = UserFactory(last_login=None, registered_by=signed_in)
        coordinator = UserFactory(last_login=None)
        RoleAssignmentFactory(
            user=coordinator,
            role=Role.COORDINATOR,
            municipality=MunicipalityFactory(),
            neighbourhood=None,
            valid_from=dt.date(2026, 1, 1),
        )
        with_message = UserFactory(last_login=None)
        notification_send(
            recipients=[with_message], kind="test", subject="s", body="b", email=False
        )
    kept = {signed_in.pk, desk.pk, coordinator.pk, with_message.pk}
    # when the purge runs 31 days later
    with time_machine.travel(START + dt.timedelta(days=31), tick=False):
        removed = accounts_unused_purge()
    # then only the typo is gone, and one audit event says how many
    assert removed == 1
    assert not User.objects.filter(email="tikfout@example.nl").exists()
    assert kept <= set(User.objects.values_list("pk", flat=True))
    event = AuditEvent.objects.get(action="accounts.unused_purge")
    assert event.data["removed"] == 1
    assert "tikfout" not in str(event.data)


def test_a_young_unused_account_is_kept() -> None:
    # given an address typed 29 days ago
    with time_machine.travel(START, tick=False):
        login_link_request(email="nieuw@example.nl")
    # when the purge runs
    with time_machine.travel(START + dt.timedelta(days=29), tick=False):
        removed = accounts_unused_purge()
    # then nothing changed
    assert removed == 0
    assert User.objects.filter(email="nieuw@example.nl").exists()
    assert not AuditEvent.objects.filter(action="accounts.unused_purge").exists()


def test_expired_sessions_and_unconfirmed_set_ups_are_purged() -> None:
    # given a session that expired and one still running, and an authenticator
    # set-up started two days ago that was never confirmed
    user = UserFactory(last_login=START)
    with time_machine.travel(START, tick=False):
        old = SessionStore()
        old.set_expiry(60)
        old.create()
        device = TOTPDevice.objects.create(user=user, name="telefoon", confirmed=False)
        confirmed = TOTPDevice.objects.create(user=user, name="oud", confirmed=True)
    with time_machine.travel(START + dt.timedelta(days=2), tick=False):
        current = SessionStore()
        current.create()
        # when
        out = _purge()
    # then
    assert list(Session.objects.values_list("session_key", flat=True)) == [
        current.session_key
    ]
    assert list(TOTPDevice.objects.values_list("pk", flat=True)) == [confirmed.pk]
    assert device.pk != confirmed.pk
    assert "Removed 1 expired sessions." in out
    assert "Removed 1 unconfirmed authenticator set-ups." in out
