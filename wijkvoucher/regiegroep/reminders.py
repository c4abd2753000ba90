"""The regiegroep's meeting cut-off reminder (docs/workflow.md#deadlines-and-reminders): three days before the
last day on which checked plans can go on a meeting's agenda, the chair, the
secretary and the wijk's contact official hear of it, once.

The reminder lives with the meeting it is about; notifications only delivers it.
``manage.py deadlines_run`` (work) starts it every hour through ``tasks.py``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.dates import message_day
from wijkvoucher.core.services import audit_record
from wijkvoucher.neighbourhoods.models import RoleAssignment
from wijkvoucher.neighbourhoods.roles import LEADER_ROLES
from wijkvoucher.notifications.services import (
    deadline_reminder_claim,
    notification_send,
)
from wijkvoucher.regiegroep.constants import MeetingStatus
from wijkvoucher.regiegroep.links import meeting_url
from wijkvoucher.regiegroep.models import Meeting

MEETING_CUTOFF_DAYS = 3


def _lead_ids(*, neighbourhood_id: int, on: dt.date) -> QuerySet[RoleAssignment, Any]:
    """The user ids (``values("user_id")``) of the chair and the secretary of the
    wijk ``neighbourhood_id`` on ``on``: assignments for that wijk itself."""
    return RoleAssignment.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=on),
        role__in=sorted(LEADER_ROLES),
        neighbourhood_id=neighbourhood_id,
        valid_from__lte=on,
    ).values("user_id")


@transaction.atomic
def meeting_cutoff_reminders_send(*, today: dt.date | None = None) -> list[int]:
    """Remind once per planned meeting whose cut-off is within
    ``MEETING_CUTOFF_DAYS`` days. Returns the meetings reminded about. A system
    action: one audit event when something was sent."""
    day = today or timezone.localdate()
    meetings = (
        Meeting.objects.select_for_update(of=("self",))
        .filter(
            status=MeetingStatus.PLANNED,
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
            pk__in=_lead_ids(neighbourhood_id=neighbourhood.pk, on=day),
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
                "date": message_day(meeting.held_on),
                "cutoff": message_day(meeting.cutoff_on),
            },
            url=meeting_url(meeting),
        )
        sent.append(meeting.pk)
    if sent:
        # The action keeps the name it had when this lived in notifications, so the
        # audit trail reads the same before and after the move.
        audit_record(
            actor=None,
            action="notifications.meeting_cutoff_reminders_send",
            data={"day": day.isoformat(), "meetings": sent},
        )
    return sent
