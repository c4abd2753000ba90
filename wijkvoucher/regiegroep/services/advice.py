"""The outcome of one plan on the agenda: the advice, with the count of the votes that
backs it, or deferring the plan to a later meeting (the steps before it: ``items``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.dates import message_day
from wijkvoucher.core.refusals import Refusals
from wijkvoucher.initiatives.constants import InitiativeStatus, ReasonCode
from wijkvoucher.initiatives.links import official_url, resident_url
from wijkvoucher.initiatives.selectors.participation import initiators_of
from wijkvoucher.initiatives.services import initiative_transition
from wijkvoucher.neighbourhoods.constants import AuthorityMode
from wijkvoucher.notifications.services import notification_send
from wijkvoucher.regiegroep.constants import (
    AdviceOutcome,
    AgendaItemStatus,
    MeetingStatus,
    VoteChoice,
)
from wijkvoucher.regiegroep.models import (
    Advice,
    AgendaItem,
    MemberVote,
)
from wijkvoucher.regiegroep.selectors import (
    present_ids,
    voting_member_ids,
)
from wijkvoucher.regiegroep.selectors_conflicts import conflicted_ids
from wijkvoucher.regiegroep.services.guards import (
    lock_item,
    require_leader,
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


def _check_amount(outcome: AdviceOutcome, amount: int | None, requested: int) -> int:
    if outcome == AdviceOutcome.AWARD:
        if requested <= 0 or amount not in (None, requested):
            raise ValidationError(
                _("An award is for the amount asked for."),
                code="amount_invalid",
            )
        return requested
    if outcome == AdviceOutcome.PARTLY_AWARD:
        if amount is None or not 0 < amount < requested:
            raise ValidationError(
                _("A partial award is more than zero and less than the amount asked."),
                code="amount_invalid",
            )
        return amount
    if amount not in (None, 0):
        raise ValidationError(_("A rejection has no amount."), code="amount_invalid")
    return 0


def _check_reason(outcome: AdviceOutcome, reason_code: str) -> str:
    if outcome == AdviceOutcome.AWARD:
        if reason_code:
            raise ValidationError(
                _("An award takes no reason code."), code="reason_not_applicable"
            )
        return ""
    if reason_code not in ReasonCode.values:
        raise ValidationError(
            _("Choose the reason for this advice."), code="reason_required"
        )
    return reason_code


def _count_votes(
    item: AgendaItem, outcome: AdviceOutcome, by_consensus: bool
) -> dict[str, int]:
    """The votes cast on the item, checked against who may vote and the outcome."""
    choices = list(MemberVote.objects.filter(agenda_item=item).values_list("choice"))
    counts = {
        "votes_for": choices.count((VoteChoice.FOR,)),
        "votes_against": choices.count((VoteChoice.AGAINST,)),
        "votes_abstain": choices.count((VoteChoice.ABSTAIN,)),
    }
    meeting = item.meeting
    eligible = (
        voting_member_ids(meeting=meeting) & present_ids(meeting=meeting)
    ) - conflicted_ids(agenda_item=item)
    if len(choices) > len(eligible):
        raise ValidationError(
            _("More votes were cast than there are members who may vote."),
            code="vote_mismatch",
        )
    if by_consensus:
        return counts
    if not choices:
        raise ValidationError(
            _("No votes were cast. Vote first, or record the advice by consensus."),
            code="no_votes",
        )
    awarding = outcome != AdviceOutcome.REJECT
    majority_for = counts["votes_for"] > counts["votes_against"]
    if awarding != majority_for:
        raise ValidationError(
            _(
                "The votes do not support this advice: %(for)s for, %(against)s "
                "against."
            ),
            code="vote_mismatch",
            params={"for": counts["votes_for"], "against": counts["votes_against"]},
        )
    return counts


@transaction.atomic
def advice_record(
    *,
    actor: User,
    agenda_item: AgendaItem,
    outcome: str,
    motivation: str,
    amount_cents: int | None = None,
    reason_code: str = "",
    conditions: str = "",
    by_consensus: bool = False,
) -> Advice:
    """The regiegroep's advice on the plan under discussion (chair or secretary):
    award (the amount asked), award in part (less, with a reason) or reject (with a
    reason), always with a motivation in plain words. Counts the votes cast, or
    records agreement without a vote. Moves the plan to "advice given" and tells the
    initiators and the contact official."""
    item = lock_item(agenda_item)
    meeting = item.meeting
    initiative = item.initiative
    require_leader(actor=actor, neighbourhood=meeting.neighbourhood)
    require_meeting_status(meeting, MeetingStatus.OPEN)
    regiegroep_step_check(
        machine=AGENDA_ITEM,
        row=item,
        to=AgendaItemStatus.ADVISED,
        action="regiegroep.advice_record",
    )
    require_quorum(meeting)
    if outcome not in AdviceOutcome.values:
        raise ValidationError(_("Choose the advice."), code="outcome_required")
    kind = AdviceOutcome(outcome)
    # Every problem of the advice form at once (core.refusals).
    refusals = Refusals()
    amount = refusals.check(
        lambda: _check_amount(kind, amount_cents, initiative.requested_amount_cents),
        0,
    )
    reason = refusals.check(lambda: _check_reason(kind, reason_code), "")
    text = motivation.strip()
    if not text:
        refusals.add(
            ValidationError(
                _("Explain the advice in plain words."), code="motivation_required"
            )
        )
    refusals.raise_all()
    counts = _count_votes(item, kind, by_consensus)
    version = initiative.regulation_version
    advice = Advice.objects.create(
        initiative=initiative,
        agenda_item=item,
        outcome=kind,
        amount_cents=amount,
        reason_code=reason,
        motivation=text,
        conditions=conditions.strip(),
        by_consensus=by_consensus,
        authority_mode=version.authority_mode if version else AuthorityMode.ADVICE,
        recorded_by=actor,
        **counts,
    )
    initiative_transition(
        actor=actor,
        initiative=initiative,
        to=InitiativeStatus.ADVISED,
        motivation=text,
    )
    regiegroep_transition(
        actor=actor,
        machine=AGENDA_ITEM,
        row=item,
        to=AgendaItemStatus.ADVISED,
        action="regiegroep.advice_record",
        audit_subject=advice,
        audit_data={
            "initiative": initiative.pk,
            "outcome": kind.value,
            "amount_cents": amount,
            "reason_code": reason,
            "by_consensus": by_consensus,
            **counts,
        },
    )
    params = {
        "title": initiative.title,
        "date": message_day(meeting.held_on),
        "outcome": kind.label,
    }
    initiators = initiators_of(initiative)
    notification_send(
        recipients=initiators,
        kind="regiegroep.advice",
        subject=_("The regiegroep has given its advice on %(title)s"),
        body=_(
            "On %(date)s the regiegroep advised on the plan %(title)s: %(outcome)s. "
            "The municipality now takes the decision and sends it in writing."
        ),
        params=params,
        url=resident_url(initiative),
    )
    # The contact official works from the plan file, where the decision is taken.
    contact = initiative.contact_official
    if contact is not None and contact not in initiators:
        notification_send(
            recipients=[contact],
            kind="regiegroep.advice",
            subject=_("The regiegroep has given its advice on %(title)s"),
            body=_(
                "On %(date)s the regiegroep advised on the plan %(title)s: "
                "%(outcome)s. Take the decision from the plan file."
            ),
            params=params,
            url=official_url(initiative),
        )
    return advice


@transaction.atomic
def agenda_item_defer(
    *, actor: User, agenda_item: AgendaItem, reason_code: str, motivation: str
) -> AgendaItem:
    """Defer a plan to a later meeting (chair or secretary), with a reason and a
    motivation. A plan not yet under discussion passes through "under discussion"
    (the workflow has no shorter step). The decision clock keeps running."""
    item = lock_item(agenda_item)
    meeting = item.meeting
    require_leader(actor=actor, neighbourhood=meeting.neighbourhood)
    require_meeting_status(meeting, MeetingStatus.OPEN)
    regiegroep_step_check(
        machine=AGENDA_ITEM,
        row=item,
        to=AgendaItemStatus.DEFERRED,
        action="regiegroep.agenda_item_defer",
    )
    text = motivation.strip()
    if reason_code not in ReasonCode.values or not text:
        raise ValidationError(
            _("Give a reason and explain why the plan is deferred."),
            code="reason_required",
        )
    initiative = item.initiative
    if item.status == AgendaItemStatus.WAITING:
        item.opened_at = timezone.now()
        initiative_transition(
            actor=actor, initiative=initiative, to=InitiativeStatus.IN_DELIBERATION
        )
    initiative_transition(
        actor=actor,
        initiative=initiative,
        to=InitiativeStatus.DEFERRED,
        reason_code=reason_code,
        motivation=text,
    )
    regiegroep_transition(
        actor=actor,
        machine=AGENDA_ITEM,
        row=item,
        to=AgendaItemStatus.DEFERRED,
        action="regiegroep.agenda_item_defer",
        fields={"opened_at": item.opened_at},
        audit_data={"reason_code": reason_code},
    )
    notification_send(
        recipients=initiators_of(initiative),
        kind="regiegroep.deferred",
        subject=_("Your plan %(title)s is deferred"),
        body=_(
            "On %(date)s the regiegroep deferred your plan %(title)s to a later "
            "meeting. Why: %(motivation)s"
        ),
        params={
            "title": initiative.title,
            "date": message_day(meeting.held_on),
            "motivation": text,
        },
        url=resident_url(initiative),
    )
    return item
