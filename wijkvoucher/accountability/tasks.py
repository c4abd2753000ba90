"""Background work of accountability (django-tasks)."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from wijkvoucher.accountability.reminders import accountability_reminders_send


@task()
def accountability_scan(day: str = "") -> int:
    """Send the accountability reminders due on ``day`` (ISO date; default today)
    that were not sent before. Returns how many."""
    today = dt.date.fromisoformat(day) if day else None
    return len(accountability_reminders_send(today=today))
