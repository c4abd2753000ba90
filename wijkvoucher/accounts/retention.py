"""Retention of the accounts app (issue #14 point 8; docs/configuration.md#retention):
the writes ``manage.py privacy_purge`` runs every hour. Sign-in links themselves are
never stored (django-sesame signs them; a used or expired link proves nothing), so
there is nothing of them to purge; what is stored is purged here."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import DatabaseError, transaction
from django.db.models.deletion import Collector, ProtectedError
from django.utils import timezone

from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkvoucher.accounts.models import User
from wijkvoucher.core.services import audit_record

# At most this many accounts per run: a backlog is worked off over a few hours.
ACCOUNTS_PER_RUN = 500


def sessions_expired_purge(*, now: dt.datetime | None = None) -> int:
    """Remove the sessions past their expiry (Django keeps them otherwise)."""
    deleted, _rows = Session.objects.filter(
        expire_date__lt=now or timezone.now()
    ).delete()
    return int(deleted)


def otp_devices_unconfirmed_purge(*, now: dt.datetime | None = None) -> int:
    """Remove authenticator set-ups that were started but never confirmed: their
    secret was shown once and is worth nothing after the set-up page."""
    cutoff = (now or timezone.now()) - dt.timedelta(
        hours=settings.UNCONFIRMED_DEVICE_KEEP_HOURS
    )
    deleted, _rows = TOTPDevice.objects.filter(
        confirmed=False, created_at__lt=cutoff
    ).delete()
    return int(deleted)


def _holds_nothing(user: User) -> bool:
    """True when deleting ``user`` removes no other row: a role, an address, a plan,
    a message, anything at all keeps the account."""
    collector = Collector(using="default")
    try:
        collector.collect([user])
    except ProtectedError:
        return False
    related = [
        model
        for model, instances in collector.data.items()
        if model is not User and instances
    ]
    fast = [qs for qs in collector.fast_deletes if qs.exists()]
    return not related and not fast


def accounts_unused_purge(*, now: dt.datetime | None = None) -> int:
    """Remove accounts that asked for a sign-in link and never used it, after
    ``UNUSED_ACCOUNT_KEEP_DAYS``: typing an address on the sign-in page makes an
    account, and most of those who never come back are typos. An account made at
    the desk (assisted intake), by a coordinator (staff) or that holds anything
    (a role, an address, a message) is kept. One audit event per run, with the
    number only."""
    cutoff = (now or timezone.now()) - dt.timedelta(
        days=settings.UNUSED_ACCOUNT_KEEP_DAYS
    )
    candidates = User.objects.filter(
        last_login__isnull=True,
        date_joined__lt=cutoff,
        registered_by__isnull=True,
        is_staff=False,
        is_superuser=False,
        email__isnull=False,
    ).order_by("pk")[:ACCOUNTS_PER_RUN]
    removed = 0
    for user in candidates:
        try:
            with transaction.atomic():
                locked = User.objects.select_for_update().get(pk=user.pk)
                if locked.last_login is not None or not _holds_nothing(locked):
                    continue
                locked.delete()
                removed += 1
        except (ProtectedError, DatabaseError):
            continue
    if removed:
        with transaction.atomic():
            audit_record(
                actor=None,
                action="accounts.unused_purge",
                data={
                    "removed": removed,
                    "kept_days": settings.UNUSED_ACCOUNT_KEEP_DAYS,
                },
            )
    return removed
