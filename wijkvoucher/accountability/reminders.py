"""The accountability reminders the hourly deadline scan sends (``deadlines_run`` in
work): the initiator a week before the report is due and, with the contact official,
the day after it was due; the officials a week before the vaststelling term ends.
Each once per plan, kind and date (``DeadlineReminder``)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.accountability.constants import (
    REMINDER_AFTER_DAYS,
    REMINDER_BEFORE_DAYS,
    SETTLE_REMINDER_DAYS,
)
from wijkvoucher.accountability.links import official_execution_url, report_url
from wijkvoucher.accountability.selectors import report_due_on, settle_due_on
from wijkvoucher.core.dates import message_day
from wijkvoucher.core.services import audit_record
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.notifications.services import (
    deadline_reminder_claim,
    notification_send,
)


def _report_reminder(initiative: Initiative, day: dt.date) -> str | None:
    due = report_due_on(initiative=initiative)
    if due is None:
        return None
    params = {"title": initiative.title, "date": message_day(due)}
    if due - dt.timedelta(days=REMINDER_BEFORE_DAYS) <= day <= due:
        if not deadline_reminder_claim(
            subject=initiative, kind="accountability_due", due_on=due
        ):
            return None
        notification_send(
            recipients=[initiative.initiator],
            kind="reminder.accountability_due",
            subject=_("Your report on %(title)s is due on %(date)s"),
            body=_(
                "Tell the municipality how your plan %(title)s went: one short form, "
                "with the spending already filled in. Send it by %(date)s."
            ),
            params=params,
            url=report_url(initiative),
        )
        return "accountability_due"
    if day >= due + dt.timedelta(days=REMINDER_AFTER_DAYS):
        if not deadline_reminder_claim(
            subject=initiative, kind="accountability_overdue", due_on=due
        ):
            return None
        notification_send(
            recipients=[initiative.initiator, initiative.contact_official],
            kind="reminder.accountability_overdue",
            subject=_("The report on %(title)s was due on %(date)s"),
            body=_(
                "The report on the plan %(title)s was due on %(date)s and has not "
                "come in. Please send it soon, or contact the municipality."
            ),
            params=params,
            url=report_url(initiative),
        )
        return "accountability_overdue"
    return None


def _settle_reminder(initiative: Initiative, day: dt.date) -> str | None:
    due = settle_due_on(initiative=initiative)
    if due is None or not (due - dt.timedelta(days=SETTLE_REMINDER_DAYS) <= day <= due):
        return None
    if not deadline_reminder_claim(
        subject=initiative, kind="vaststelling_term", due_on=due
    ):
        return None
    notification_send(
        recipients=[initiative.contact_official],
        kind="reminder.vaststelling_term",
        subject=_("Settle %(title)s by %(date)s"),
        body=_(
            "The term to set the final amount of %(title)s ends on %(date)s. "
            "Settle the plan in time."
        ),
        params={"title": initiative.title, "date": message_day(due)},
        url=official_execution_url(initiative),
    )
    return "vaststelling_term"


def accountability_reminders_send(*, today: dt.date | None = None) -> list[str]:
    """Send what is due on ``today``; returns ``"<plan pk>:<kind>"`` per reminder.
    One transaction per plan; one audit event when something was sent."""
    day = today or timezone.localdate()
    sent: list[str] = []
    plans = (
        Initiative.objects.filter(status=InitiativeStatus.IN_EXECUTION)
        .select_related("initiator", "contact_official", "regulation_version")
        .order_by("pk")
    )
    for initiative in plans:
        with transaction.atomic():
            kinds = []
            if not hasattr(initiative, "accountability_report"):
                kinds.append(_report_reminder(initiative, day))
            kinds.append(_settle_reminder(initiative, day))
            sent.extend(f"{initiative.pk}:{kind}" for kind in kinds if kind)
    if sent:
        audit_record(
            actor=None,
            action="accountability.reminders_send",
            data={"day": day.isoformat(), "sent": sent},
        )
    return sent
