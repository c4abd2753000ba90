"""Background work of regiegroep (django-tasks)."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from wijkvoucher.regiegroep.reminders import meeting_cutoff_reminders_send


@task()
def meeting_cutoff_scan(day: str = "") -> int:
    """Send the regiegroep meeting cut-off reminders due on ``day`` (ISO date;
    default today) that were not sent before. Returns how many meetings."""
    today = dt.date.fromisoformat(day) if day else None
    return len(meeting_cutoff_reminders_send(today=today))
