"""Sending notifications. Call ``notification_send`` inside the service's transaction:
the in-app messages are part of it, and the e-mails go out through a background task
only after it has committed (so a rolled-back step never mails anyone)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.functional import Promise

from wijkvoucher.notifications.models import Notification
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
            notification = Notification.objects.create(
                recipient=user,
                kind=kind,
                subject=_render(subject, values)[:200],
                body=_render(body, values),
                url=url,
            )
        created.append(notification)
        if email and user.email:
            transaction.on_commit(
                partial(
                    notification_email_send.enqueue, notification_id=notification.pk
                )
            )
    return created


def notification_mark_read(*, actor: User, notification: Notification) -> None:
    """The recipient has seen it (others cannot mark it)."""
    Notification.objects.filter(
        pk=notification.pk, recipient=actor, read_at__isnull=True
    ).update(read_at=timezone.now())
