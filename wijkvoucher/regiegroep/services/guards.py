"""Who may do what in the regiegroep workspace, and the checks the services share."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from wijkvoucher.neighbourhoods.roles import (
    VOTING_STEERING_ROLES,
)
from wijkvoucher.neighbourhoods.selectors.roles import user_has_role
from wijkvoucher.regiegroep.constants import AgendaItemStatus, MeetingStatus
from wijkvoucher.regiegroep.models import AgendaItem, Meeting
from wijkvoucher.regiegroep.permissions import is_leader
from wijkvoucher.regiegroep.selectors import (
    meeting_quorum,
    present_ids,
)
from wijkvoucher.regiegroep.selectors_conflicts import conflicted_ids

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User
    from wijkvoucher.neighbourhoods.models import Neighbourhood


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


def meeting_status_refusal(meeting: Meeting, *_step: str) -> ValidationError:
    """The refusal of a step the meeting's status does not allow (also the refusal
    of the meeting's transition table)."""
    return ValidationError(
        _("This is not possible now: the meeting is %(status)s."),
        code="meeting_status",
        params={"status": meeting.get_status_display()},
    )


def item_status_refusal(item: AgendaItem, *_step: str) -> ValidationError:
    """The refusal of a step the agenda item's status does not allow (also the
    refusal of the agenda item's transition table)."""
    return ValidationError(
        _("This is not possible now: the agenda item is %(status)s."),
        code="item_status",
        params={"status": item.get_status_display()},
    )


def require_meeting_status(meeting: Meeting, *statuses: MeetingStatus) -> None:
    if meeting.status not in statuses:
        raise meeting_status_refusal(meeting)


def require_item_status(item: AgendaItem, *statuses: AgendaItemStatus) -> None:
    if item.status not in statuses:
        raise item_status_refusal(item)


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
