"""The regiegroep's meeting cut-off reminder (docs/workflow.md#deadlines-and-reminders): three days before the
last day on which checked plans can go on a meeting's agenda, the chair, the
secretary and the wijk's contact official hear of it, once.

notifications sits below regiegroep (docs/architecture.md), so the meeting model is
looked up through the app registry, and nothing happens when that app is not
installed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.services import audit_record
from wijkvoucher.notifications.roles import active_role_holders
from wijkvoucher.notifications.services import (
    deadline_reminder_claim,
    notification_send,
)

MEETING_CUTOFF_DAYS = 3
LEAD_ROLES = ("steering_chair", "steering_secretary")
PLANNED = "planned"  # regiegroep.constants.MeetingStatus.PLANNED


def _format_day(value: dt.date) -> str:
    return date_format(value)


# Rendered when each message is written, so in the recipient's language.
lazy_day = lazy(_format_day, str)


def _meeting_url(meeting: Any) -> str:
    try:
        return reverse("regiegroep:meeting", kwargs={"meeting_uuid": meeting.uuid})
    except NoReverseMatch:
        return ""


@transaction.atomic
def meeting_cutoff_reminders_send(*, today: dt.date | None = None) -> list[int]:
    """Remind once per planned meeting whose cut-off is within
    ``MEETING_CUTOFF_DAYS`` days. Returns the meetings reminded about. A system
    action: one audit event when something was sent."""
    if not apps.is_installed("wijkvoucher.regiegroep"):
        return []
    meeting_model = apps.get_model("regiegroep", "Meeting")
    day = today or timezone.localdate()
    meetings = (
        meeting_model.objects.select_for_update(of=("self",))
        .filter(
            status=PLANNED,
            cutoff_on__gte=day,
            cutoff_on__lte=day + dt.timedelta(days=MEETING_CUTOFF_DAYS),
        )
        .select_related("neighbourhood", "neighbourhood__contact_official")
        .order_by("pk")
    )
    user_model = get_user_model()
    sent: list[int] = []
    for meeting in meetings:
        if not deadline_reminder_claim(
            subject=meeting, kind="meeting_cutoff", due_on=meeting.cutoff_on
        ):
            continue
        neighbourhood = meeting.neighbourhood
        leads = user_model.objects.filter(
            pk__in=active_role_holders(
                roles=LEAD_ROLES, neighbourhood_id=neighbourhood.pk, on=day
            ),
            is_active=True,
        ).order_by("pk")
        notification_send(
            recipients=[*leads, neighbourhood.contact_official],
            kind="reminder.meeting_cutoff",
            subject=_("Cut-off for the regiegroep meeting of %(date)s: %(cutoff)s"),
            body=_(
                "The regiegroep of %(wijk)s meets on %(date)s. Plans that are "
                "checked on or before %(cutoff)s can go on the agenda of that "
                "meeting. Check the plans that are waiting in time, and prepare "
                "the agenda."
            ),
            params={
                "wijk": neighbourhood.name,
                "date": lazy_day(meeting.held_on),
                "cutoff": lazy_day(meeting.cutoff_on),
            },
            url=_meeting_url(meeting),
        )
        sent.append(meeting.pk)
    if sent:
        audit_record(
            actor=None,
            action="notifications.meeting_cutoff_reminders_send",
            data={"day": day.isoformat(), "meetings": sent},
        )
    return sent
