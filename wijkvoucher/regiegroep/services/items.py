"""One plan on the agenda: conflict-of-interest declarations, members' assessments,
opening the discussion and votes (the advice, or deferring it: ``advice``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.services import audit_record
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.services import initiative_transition
from wijkvoucher.regiegroep.constants import (
    AgendaItemStatus,
    ConflictKind,
    MeetingStatus,
    Opinion,
    VoteChoice,
)
from wijkvoucher.regiegroep.models import (
    AgendaItem,
    Assessment,
    ConflictDeclaration,
    MemberVote,
)
from wijkvoucher.regiegroep.permissions import is_leader
from wijkvoucher.regiegroep.selectors import (
    member_ids,
)
from wijkvoucher.regiegroep.selectors_conflicts import (
    conflicted_ids,
    conflicts_for,
    undeclared_present_voters,
)
from wijkvoucher.regiegroep.services.guards import (
    lock_item,
    require_item_status,
    require_leader,
    require_may_vote,
    require_meeting_status,
    require_quorum,
)
from wijkvoucher.regiegroep.services.transitions import (
    regiegroep_step_check,
    regiegroep_transition,
)
from wijkvoucher.regiegroep.workflows import AGENDA_ITEM

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User

LIVE = (AgendaItemStatus.WAITING, AgendaItemStatus.OPEN)


def _require_member(user: User, item: AgendaItem) -> None:
    if user.pk not in member_ids(meeting=item.meeting):
        raise ValidationError(
            _("Only members of this regiegroep can do this."), code="not_member"
        )


def _has_voted(user: User, item: AgendaItem) -> bool:
    return MemberVote.objects.filter(agenda_item=item, member=user).exists()


@transaction.atomic
def conflict_declare(
    *,
    actor: User,
    agenda_item: AgendaItem,
    member: User,
    has_conflict: bool,
    kind: str = "",
    note: str = "",
) -> ConflictDeclaration:
    """A member's belangenverklaring for one plan, by the member or recorded for them
    by the chair or secretary. A conflict the system finds (initiator, co-initiator,
    household, provider, signer) cannot be declared away."""
    item = lock_item(agenda_item)
    meeting = item.meeting
    if actor.pk != member.pk and not is_leader(
        user=actor, neighbourhood=meeting.neighbourhood
    ):
        raise PermissionDenied
    require_meeting_status(meeting, MeetingStatus.PLANNED, MeetingStatus.OPEN)
    require_item_status(item, *LIVE)
    _require_member(member, item)
    if _has_voted(member, item):
        raise ValidationError(
            _("This member has already voted on this plan."), code="already_voted"
        )
    detected = conflicts_for(agenda_item=item).get(member.pk)
    if detected is not None and not has_conflict:
        raise ValidationError(
            _(
                "The system shows a personal interest: %(kind)s. This cannot be "
                "declared away."
            ),
            code="conflict_detected",
            params={"kind": ConflictKind(detected).label},
        )
    if detected is not None:
        kind = detected
    elif not has_conflict:
        kind = ""
    elif kind not in ConflictKind.values:
        raise ValidationError(
            _("Choose what kind of interest it is."), code="kind_required"
        )
    declaration, _created = ConflictDeclaration.objects.update_or_create(
        agenda_item=item,
        member=member,
        defaults={
            "has_conflict": has_conflict,
            "kind": kind,
            "note": note.strip(),
            "detected": detected is not None,
            "recorded_by": actor,
        },
    )
    audit_record(
        actor=actor,
        action="regiegroep.conflict_declare",
        subject=item,
        data={
            "member": member.pk,
            "has_conflict": has_conflict,
            "kind": kind,
            "detected": detected is not None,
        },
    )
    return declaration


@transaction.atomic
def assessment_record(
    *, actor: User, agenda_item: AgendaItem, opinion: str, note: str = ""
) -> Assessment:
    """A member's own judgement of the plan, before the advice. Members with a
    personal interest do not assess."""
    item = lock_item(agenda_item)
    require_meeting_status(item.meeting, MeetingStatus.PLANNED, MeetingStatus.OPEN)
    require_item_status(item, *LIVE)
    _require_member(actor, item)
    if actor.pk in conflicted_ids(agenda_item=item):
        raise ValidationError(
            _("You have a personal interest in this plan, so you cannot judge it."),
            code="conflict",
        )
    if opinion not in Opinion.values:
        raise ValidationError(_("Choose your opinion."), code="opinion_required")
    assessment, _created = Assessment.objects.update_or_create(
        agenda_item=item,
        member=actor,
        defaults={"opinion": opinion, "note": note.strip()},
    )
    audit_record(
        actor=actor,
        action="regiegroep.assessment_record",
        subject=item,
        data={"opinion": opinion},
    )
    return assessment


@transaction.atomic
def agenda_item_open(*, actor: User, agenda_item: AgendaItem) -> AgendaItem:
    """Start discussing a plan (chair or secretary): the meeting is open, there is a
    quorum and every present member with a vote has declared their interests. Moves
    the plan to "under discussion"."""
    item = lock_item(agenda_item)
    meeting = item.meeting
    require_leader(actor=actor, neighbourhood=meeting.neighbourhood)
    require_meeting_status(meeting, MeetingStatus.OPEN)
    regiegroep_step_check(
        machine=AGENDA_ITEM,
        row=item,
        to=AgendaItemStatus.OPEN,
        action="regiegroep.agenda_item_open",
    )
    if meeting.agenda_items.filter(status=AgendaItemStatus.OPEN).exists():
        raise ValidationError(
            _("Finish the plan under discussion first."), code="other_item_open"
        )
    require_quorum(meeting)
    missing = undeclared_present_voters(agenda_item=item)
    if missing:
        raise ValidationError(
            _(
                "Not every member present has said whether they have a personal "
                "interest in this plan (%(count)s still to do)."
            ),
            code="declarations_missing",
            params={"count": len(missing)},
        )
    initiative_transition(
        actor=actor,
        initiative=item.initiative,
        to=InitiativeStatus.IN_DELIBERATION,
    )
    regiegroep_transition(
        actor=actor,
        machine=AGENDA_ITEM,
        row=item,
        to=AgendaItemStatus.OPEN,
        action="regiegroep.agenda_item_open",
        fields={"opened_at": timezone.now()},
    )
    return item


@transaction.atomic
def vote_cast(*, actor: User, agenda_item: AgendaItem, choice: str) -> MemberVote:
    """A member votes on awarding the plan under discussion: once, present, with a
    vote of their own, after declaring no personal interest, with a quorum."""
    item = lock_item(agenda_item)
    meeting = item.meeting
    require_meeting_status(meeting, MeetingStatus.OPEN)
    require_item_status(item, AgendaItemStatus.OPEN)
    require_may_vote(member=actor, item=item)
    if not ConflictDeclaration.objects.filter(
        agenda_item=item, member=actor, has_conflict=False
    ).exists():
        raise ValidationError(
            _("First say whether you have a personal interest in this plan."),
            code="not_declared",
        )
    require_quorum(meeting)
    if _has_voted(actor, item):
        raise ValidationError(
            _("You have already voted on this plan."), code="already_voted"
        )
    if choice not in VoteChoice.values:
        raise ValidationError(_("Choose your vote."), code="choice_required")
    vote = MemberVote.objects.create(agenda_item=item, member=actor, choice=choice)
    audit_record(
        actor=actor,
        action="regiegroep.vote_cast",
        subject=item,
        data={"choice": choice},
    )
    return vote
