"""Beschikkingen after the activity, issued for the accountability app: the
vaststelling (the final amount, Awb 4:46), the terugvordering (the reclaim of
money paid, Awb 4:57) and the kwijtschelding (what is still owed of a
terugvordering is forgiven). Same number series, document, objection term and message as
the decision on the application; they reserve nothing and do not move the plan's
status (the caller does what follows in the same transaction)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.services import audit_record
from wijkvoucher.decisions.constants import FOLLOW_UP, DecisionOutcome
from wijkvoucher.decisions.models import Decision
from wijkvoucher.decisions.selectors import decision_award_latest
from wijkvoucher.decisions.services.beschikking import _next_number, _notify_decision
from wijkvoucher.decisions.services.guards import _lock_initiative, _require_official
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.neighbourhoods.selectors.documents import signatory_for

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


def decision_issue_follow_up(
    *,
    actor: User,
    initiative: Initiative,
    outcome: DecisionOutcome,
    amount_cents: int,
    motivation: str,
    conditions: str = "",
) -> Decision:
    """Issue a vaststelling, terugvordering or kwijtschelding on an awarded plan.
    Joins the caller's transaction (the caller holds the plan's lock and moves the money).

    Refusals: ``unknown_outcome``, ``no_award`` (the plan has no award to follow
    up on), ``amount_invalid``, ``motivation_required``. ``PermissionDenied``
    unless the actor is a wijk official other than the initiator."""
    initiative = _lock_initiative(initiative)
    _require_official(actor, initiative)
    if outcome not in FOLLOW_UP:
        raise ValidationError(_("Choose a decision."), code="unknown_outcome")
    award = decision_award_latest(initiative=initiative)
    if award is None:
        raise ValidationError(
            _("This plan has no award to settle or reclaim."), code="no_award"
        )
    if (
        isinstance(amount_cents, bool)
        or not isinstance(amount_cents, int)
        or not 0 <= amount_cents <= award.amount_cents
        or (
            outcome in (DecisionOutcome.RECOVER, DecisionOutcome.WAIVE)
            and amount_cents == 0
        )
    ):
        raise ValidationError(_("Enter a valid amount."), code="amount_invalid")
    motivation = motivation.strip()
    if not motivation:
        raise ValidationError(
            _("Explain the decision in plain words."), code="motivation_required"
        )
    today = timezone.localdate()
    version = initiative.regulation_version
    weeks = version.objection_term_weeks if version is not None else 6
    municipality = initiative.neighbourhood.municipality
    signatory = signatory_for(
        municipality=municipality, authority_mode=award.authority_mode
    )
    number, sequence = _next_number(initiative, today)
    decision = Decision.objects.create(
        initiative=initiative,
        municipality=municipality,
        number=number,
        year=today.year,
        sequence=sequence,
        outcome=outcome,
        requested_amount_cents=award.amount_cents,
        amount_cents=amount_cents,
        conditions=conditions.strip(),
        motivation=motivation,
        authority_mode=award.authority_mode,
        decided_by=actor,
        signatory_name=signatory.name,
        signatory_function=signatory.function,
        signatory_mandate=signatory.mandate,
        issued_on=today,
        objection_deadline=today + dt.timedelta(weeks=weeks),
    )
    audit_record(
        actor=actor,
        action="decisions.decision_issue",
        subject=decision,
        data={
            "number": number,
            "initiative": str(initiative.uuid),
            "outcome": str(outcome),
            "amount_cents": amount_cents,
            "award": award.number,
        },
    )
    _notify_decision(decision, initiative)
    return decision
