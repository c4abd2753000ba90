"""Sending notifications. Call ``notification_send`` inside the service's transaction:
the in-app messages are part of it, and so is the e-mail task when the task queue lives
in the same database (django-tasks-db): the worker sees it only once the step has
committed, and a rolled-back step never mails anyone. Any other task backend gets the
task after the commit (docs/adr/0010)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone, translation
from django.utils.functional import Promise

from django_tasks_db.backend import DatabaseBackend

from wijkvoucher.core import sql
from wijkvoucher.notifications.models import DeadlineReminder, Notification
from wijkvoucher.notifications.tasks import notification_email_send

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


def _render(text: Promise | str, params: Mapping[str, Any]) -> str:
    rendered = str(text)
    return rendered % dict(params) if params else rendered


def notification_send(
    *,
    recipients: Iterable[User | None],
    kind: str,
    subject: Promise | str,
    body: Promise | str,
    params: Mapping[str, Any] | None = None,
    url: str = "",
    email: bool = True,
) -> list[Notification]:
    """Write one notification per distinct active recipient, each in their own
    language: ``subject`` and ``body`` are (lazy) msgids with ``%(name)s``
    placeholders, filled from ``params`` (lazy values render in the recipient's
    language too). ``url`` is a site path (no host). With ``email``, each is also
    e-mailed after commit by the ``notification_email_send`` task."""
    seen: set[int] = set()
    created: list[Notification] = []
    values = params or {}
    for user in recipients:
        if user is None or not user.is_active or user.pk in seen:
            continue
        seen.add(user.pk)
        language = user.preferred_language or settings.LANGUAGE_CODE
        with translation.override(language):
            created.append(
                Notification(
                    recipient=user,
                    kind=kind,
                    subject=_render(subject, values)[:200],
                    body=_render(body, values),
                    url=url,
                )
            )
    sql.insert(created)  # one statement for all recipients
    if email:
        for notification in created:
            if notification.recipient.email:
                # Inside ``sql.joined_writes`` the key exists only after the block.
                sql.after_joined(partial(_email_enqueue, notification))
    return created


def _email_enqueue(notification: Notification) -> None:
    send = partial(notification_email_send.enqueue, notification_id=notification.pk)
    if isinstance(notification_email_send.get_backend(), DatabaseBackend):
        send()  # one more row in this transaction; no commit of its own
    else:
        transaction.on_commit(send)


def notification_mark_read(*, actor: User, notification: Notification) -> None:
    """The recipient has seen it (others cannot mark it)."""
    Notification.objects.filter(
        pk=notification.pk, recipient=actor, read_at__isnull=True
    ).update(read_at=timezone.now())


def notification_mark_all_read(*, actor: User) -> int:
    """Every unread message of ``actor`` counts as seen. Returns how many."""
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )


# E-mails that failed are tried again by the periodic command, up to this many times.
EMAIL_MAX_ATTEMPTS = 3


def notification_emails_retry() -> int:
    """Enqueue again the e-mails whose sending failed fewer than
    ``EMAIL_MAX_ATTEMPTS`` times (the task marks each failure). Returns how many."""
    pending = list(
        Notification.objects.filter(
            emailed_at__isnull=True,
            email_attempts__gt=0,
            email_attempts__lt=EMAIL_MAX_ATTEMPTS,
            recipient__is_active=True,
        )
        .exclude(recipient__email__isnull=True)
        .exclude(recipient__email="")
        .values_list("pk", flat=True)
    )
    for pk in pending:
        notification_email_send.enqueue(notification_id=pk)
    return len(pending)


def deadline_reminder_claim(
    *, subject: models.Model, kind: str, due_on: dt.date
) -> bool:
    """Record that the ``kind`` reminder about ``subject`` for ``due_on`` goes out now.
    False when it was already sent: call it first and send only on True. Use inside
    the transaction that sends the reminder, so both happen or neither does."""
    subject_type = ContentType.objects.get_for_model(subject)
    try:
        with transaction.atomic():
            DeadlineReminder.objects.create(
                subject_type=subject_type,
                subject_id=subject.pk,
                kind=kind,
                due_on=due_on,
            )
    except IntegrityError:
        return False
    return True
