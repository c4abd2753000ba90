"""Who may do what in the regiegroep workspace, and the checks the services share."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.neighbourhoods.constants import VOTING_STEERING_ROLES, Role
from wijkvoucher.neighbourhoods.selectors.roles import user_has_role
from wijkvoucher.regiegroep.constants import AgendaItemStatus, MeetingStatus
from wijkvoucher.regiegroep.models import AgendaItem, Meeting
from wijkvoucher.regiegroep.selectors import (
    conflicted_ids,
    meeting_quorum,
    present_ids,
)

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User
    from wijkvoucher.neighbourhoods.models import Neighbourhood

# The chair and the secretary run the meetings (docs/roles.md#the-roles).
LEADER_ROLES = (Role.STEERING_CHAIR, Role.STEERING_SECRETARY)
OFFICIAL_ROLES = (Role.CONTACT_OFFICIAL, Role.COORDINATOR)


def is_leader(
    *, user: User, neighbourhood: Neighbourhood, on: dt.date | None = None
) -> bool:
    """Chair or secretary of the wijk's regiegroep on ``on`` (today)."""
    return user_has_role(
        user=user,
        roles=LEADER_ROLES,
        neighbourhood=neighbourhood,
        on=on or timezone.localdate(),
    )


def is_wijk_official(*, user: User, neighbourhood: Neighbourhood) -> bool:
    return user_has_role(user=user, roles=OFFICIAL_ROLES, neighbourhood=neighbourhood)


def require_leader(*, actor: User, neighbourhood: Neighbourhood) -> None:
    if not is_leader(user=actor, neighbourhood=neighbourhood):
        raise PermissionDenied


def lock_meeting(meeting: Meeting) -> Meeting:
    return (
        Meeting.objects.select_for_update()
        .select_related("neighbourhood", "neighbourhood__regulation")
        .get(pk=meeting.pk)
    )


def lock_item(item: AgendaItem) -> AgendaItem:
    return (
        AgendaItem.objects.select_for_update()
        .select_related(
            "meeting",
            "meeting__neighbourhood",
            "initiative",
            "initiative__neighbourhood",
        )
        .get(pk=item.pk)
    )


def require_meeting_status(meeting: Meeting, *statuses: MeetingStatus) -> None:
    if meeting.status not in statuses:
        raise ValidationError(
            _("This is not possible now: the meeting is %(status)s."),
            code="meeting_status",
            params={"status": meeting.get_status_display()},
        )


def require_item_status(item: AgendaItem, *statuses: AgendaItemStatus) -> None:
    if item.status not in statuses:
        raise ValidationError(
            _("This is not possible now: the agenda item is %(status)s."),
            code="item_status",
            params={"status": item.get_status_display()},
        )


def require_quorum(meeting: Meeting) -> None:
    quorum = meeting_quorum(meeting=meeting)
    if not quorum.reached:
        raise ValidationError(
            _(
                "There is no quorum: %(present)s of %(total)s members with a vote "
                "are present, %(needed)s are needed."
            ),
            code="no_quorum",
            params={
                "present": quorum.present,
                "total": quorum.voting_members,
                "needed": quorum.needed,
            },
        )


def require_may_vote(*, member: User, item: AgendaItem) -> None:
    """A member votes only with a vote of their own, present, and without a
    personal interest in the plan."""
    meeting = item.meeting
    if not user_has_role(
        user=member,
        roles=VOTING_STEERING_ROLES,
        neighbourhood=meeting.neighbourhood,
        on=meeting.held_on,
    ):
        raise ValidationError(
            _("Only regiegroep members with a vote can vote."), code="no_vote"
        )
    if member.pk not in present_ids(meeting=meeting):
        raise ValidationError(
            _("Only members who are present can vote."), code="absent"
        )
    if member.pk in conflicted_ids(agenda_item=item):
        raise ValidationError(
            _("You have a personal interest in this plan, so you cannot vote on it."),
            code="conflict",
        )
