"""Reads on notifications."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from wijkvoucher.notifications.models import Notification

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


def notifications_of(*, user: User) -> QuerySet[Notification]:
    """The messages of ``user``, newest first."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def notifications_unread_count(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
