"""Background work of the vouchers app (django-tasks). ``manage.py vouchers_run``
enqueues it; a cron job or systemd timer calls that command every hour."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from wijkvoucher.vouchers.services.returns import vouchers_return_due


@task()
def vouchers_return_scan(day: str = "") -> dict[str, int]:
    """Expire the vouchers past their end date and void those of cancelled plans on
    ``day`` (ISO date; default today); their balances go back (docs/adr/0009)."""
    on = dt.date.fromisoformat(day) if day else None
    result = vouchers_return_due(on=on)
    return {
        "expired": result.expired,
        "voided": result.voided,
        "returned_cents": result.returned_cents,
    }
