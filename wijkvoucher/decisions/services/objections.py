"""Objections (bezwaar, Awb chapter 6) against a beschikking: registering one, extending
the term and deciding it."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.dates import message_day
from wijkvoucher.core.refusals import Refusals
from wijkvoucher.core.services import audit_record
from wijkvoucher.decisions.constants import (
    OBJECTION_DECISION_WEEKS,
    OBJECTION_DECISION_WEEKS_COMMITTEE,
    OBJECTION_EXTENSION_WEEKS,
    OBJECTION_MOTIVATED,
    ObjectionStatus,
)
from wijkvoucher.decisions.links import decision_url
from wijkvoucher.decisions.models import Decision, Objection
from wijkvoucher.decisions.services.guards import (
    _initiators,
    _require_official,
    _text,
)
from wijkvoucher.decisions.transitions import (
    objection_may_step,
    objection_refusal,
    objection_transition,
)
from wijkvoucher.decisions.workflow import OBJECTION
from wijkvoucher.notifications.services import notification_send

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


def _lock_decision(decision: Decision) -> Decision:
    return (
        Decision.objects.select_for_update(of=("self",))
        .select_related("initiative__neighbourhood", "initiative__initiator")
        .get(pk=decision.pk)
    )


def _lock_objection(objection: Objection) -> Objection:
    return (
        Objection.objects.select_for_update(of=("self",))
        .select_related("decision__initiative__neighbourhood")
        .get(pk=objection.pk)
    )


def objection_due_on(
    *, decision: Decision, received_on: dt.date, advisory_committee: bool
) -> dt.date:
    """Awb 7:10: 6 weeks (12 with an advisory committee), counted from the day after
    the objection term ended; for a late objection, from its receipt."""
    weeks = (
        OBJECTION_DECISION_WEEKS_COMMITTEE
        if advisory_committee
        else OBJECTION_DECISION_WEEKS
    )
    start = max(received_on, decision.objection_deadline)
    return start + dt.timedelta(weeks=weeks)


@transaction.atomic
def objection_register(
    *,
    actor: User,
    decision: Decision,
    received_on: dt.date,
    objector_name: str,
    grounds: str,
    advisory_committee: bool = False,
) -> Objection:
    """Register a received objection (docs/awb.md#article-67-the-objection-term). One that came in after
    the objection term is registered too, marked late (Awb 6:11 lets the
    municipality still weigh it)."""
    decision = _lock_decision(decision)
    initiative = decision.initiative
    _require_official(actor, initiative)
    objector_name, grounds = _text(objector_name), _text(grounds)
    if not objector_name or not grounds:
        raise ValidationError(
            _("Fill in who objects and on what grounds."), code="required"
        )
    if received_on > timezone.localdate():
        raise ValidationError(
            _("The date of receipt cannot be in the future."), code="received_in_future"
        )
    if received_on < decision.issued_on:
        raise ValidationError(
            _("The date of receipt cannot be before the decision."),
            code="received_before_decision",
        )
    objection = Objection.objects.create(
        decision=decision,
        received_on=received_on,
        objector_name=objector_name,
        grounds=grounds,
        late=received_on > decision.objection_deadline,
        advisory_committee=advisory_committee,
        decision_due_on=objection_due_on(
            decision=decision,
            received_on=received_on,
            advisory_committee=advisory_committee,
        ),
        registered_by=actor,
    )
    audit_record(
        actor=actor,
        action="decisions.objection_register",
        subject=objection,
        data={
            "decision": decision.number,
            "received_on": received_on.isoformat(),
            "late": objection.late,
            "advisory_committee": advisory_committee,
            "decision_due_on": objection.decision_due_on.isoformat(),
        },
    )
    notification_send(
        recipients=_initiators(initiative),
        kind="decisions.objection_received",
        subject=_("Objection against decision %(number)s"),
        body=_(
            "The municipality has received an objection against decision %(number)s "
            "on the plan %(title)s. It will decide on it by %(due)s."
        ),
        params={
            "number": decision.number,
            "title": initiative.title,
            "due": message_day(objection.decision_due_on),
        },
        url=decision_url(decision),
    )
    return objection


@transaction.atomic
def objection_extend(*, actor: User, objection: Objection, reason: str) -> Objection:
    """Postpone the decision on the objection once, by 6 weeks (Awb 7:10 lid 3),
    while its term still runs: a term that has ended cannot be postponed
    (docs/awb.md)."""
    objection = _lock_objection(objection)
    _require_official(actor, objection.decision.initiative)
    if objection.status != ObjectionStatus.RECEIVED:
        raise objection_refusal(objection)
    if objection.extended:
        raise ValidationError(
            _("The term can be postponed only once."), code="already_extended"
        )
    if timezone.localdate() > objection.decision_due_on:
        raise ValidationError(
            _(
                "The term for the decision on this objection ended on %(date)s. It "
                "can no longer be postponed: decide as soon as possible."
            ),
            code="term_ended",
            params={"date": date_format(objection.decision_due_on, "DATE_FORMAT")},
        )
    reason = _text(reason)
    if not reason:
        raise ValidationError(
            _("Explain why the term is postponed."), code="reason_required"
        )
    old = objection.decision_due_on
    objection.decision_due_on = old + dt.timedelta(weeks=OBJECTION_EXTENSION_WEEKS)
    objection.extended = True
    objection.extension_reason = reason
    objection.save(
        update_fields=["decision_due_on", "extended", "extension_reason", "updated_at"]
    )
    audit_record(
        actor=actor,
        action="decisions.objection_extend",
        subject=objection,
        data={"from": old.isoformat(), "to": objection.decision_due_on.isoformat()},
    )
    return objection


@transaction.atomic
def objection_decide(
    *,
    actor: User,
    objection: Objection,
    status: str,
    motivation: str,
    decided_on: dt.date | None = None,
) -> Objection:
    """Record the decision on the objection: upheld, partly upheld, unfounded, not
    admissible (each with its motivation) or withdrawn by the objector. An upheld
    objection is followed by a new beschikking."""
    objection = _lock_objection(objection)
    _require_official(actor, objection.decision.initiative)
    action = "decisions.objection_decide"
    if not objection_may_step(objection, action):
        raise objection_refusal(objection)
    refusals = Refusals()
    if status not in OBJECTION.targets(objection.status, action):
        refusals.add(ValidationError(_("Choose an outcome."), code="unknown_outcome"))
    motivation = _text(motivation)
    if status in OBJECTION_MOTIVATED and not motivation:
        refusals.add(
            ValidationError(
                _("Explain the decision on the objection."), code="reason_required"
            )
        )
    today = timezone.localdate()
    day = decided_on or today
    if day > today or day < objection.received_on:
        refusals.add(
            ValidationError(
                _("The decision date must be between the receipt and today."),
                code="invalid_date",
            )
        )
    refusals.raise_all()
    decision = objection.decision
    objection_transition(
        actor=actor,
        objection=objection,
        to=status,
        action=action,
        fields={
            "outcome_motivation": motivation,
            "decided_on": day,
            "decided_by": actor,
        },
        note=motivation,
        audit_data={
            "decision": decision.number,
            "status": status,
            "decided_on": day.isoformat(),
            "on_time": day <= objection.decision_due_on,
        },
    )
    notification_send(
        recipients=_initiators(decision.initiative),
        kind="decisions.objection_decided",
        subject=_("Decision on the objection against %(number)s"),
        body=_(
            "The municipality has decided on the objection against decision "
            "%(number)s: %(outcome)s."
        ),
        params={
            "number": decision.number,
            "outcome": ObjectionStatus(status).label,
        },
        url=decision_url(decision),
    )
    return objection
