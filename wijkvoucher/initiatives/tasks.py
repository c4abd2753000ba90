"""Background work of initiatives (django-tasks). ``manage.py deadlines_run`` enqueues
the scan; a cron job or systemd timer calls that command every hour."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from wijkvoucher.initiatives.services.deadlines import (
    initiative_deadline_reminders_send,
)


@task()
def deadlines_scan(day: str = "") -> int:
    """Send the deadline reminders and escalations due on ``day`` (ISO date; default
    today) that were not sent before. Returns how many went out."""
    today = dt.date.fromisoformat(day) if day else None
    return len(initiative_deadline_reminders_send(today=today))
