"""Preparing a wijkraadpleging: create it, add and remove options, publish it, cancel
it. Certification is in ``certify.py``."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.consultations.codes import ballot_key_generate
from wijkvoucher.consultations.constants import (
    BUDGET_BALLOT_TYPES,
    BallotType,
    ConsultationKind,
    ConsultationStatus,
)
from wijkvoucher.consultations.counting import rule_refusal
from wijkvoucher.consultations.models import Consultation, ConsultationOption
from wijkvoucher.consultations.services.guards import (
    consultation_lock,
    purpose_ended,
    require_draft,
    require_organiser,
)
from wijkvoucher.consultations.services.transitions import (
    consultations_step_check,
    consultations_transition,
)
from wijkvoucher.consultations.workflow import CANCEL, CONSULTATION, PUBLISH
from wijkvoucher.core.services import audit_record
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.services import initiative_transition
from wijkvoucher.neighbourhoods.selectors.regulations import (
    regulation_version_in_force,
)

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User
    from wijkvoucher.neighbourhoods.models import Neighbourhood

DEFAULT_RULE = "greedy"


def _text(value: str, label: Any) -> str:
    text = value.strip()
    if not text:
        raise ValidationError(
            _("%(field)s needs a value."), code="required", params={"field": label}
        )
    return text


def _check_ballot(
    *,
    kind: str,
    ballot_type: str,
    budget_cents: int | None,
    max_choices: int | None,
    points: int | None,
    rule: str,
) -> str:
    """The rule to store, or the refusal of a ballot that does not fit its kind."""
    if kind == ConsultationKind.ADVISORY:
        if ballot_type != BallotType.ADVISORY or budget_cents is not None or rule:
            raise ValidationError(
                _("An advisory poll asks for or against each plan, without a budget."),
                code="ballot_does_not_fit",
            )
        return ""
    if ballot_type not in BUDGET_BALLOT_TYPES:
        raise ValidationError(
            _("Choose how residents vote on the budget."), code="ballot_does_not_fit"
        )
    if not budget_cents or budget_cents <= 0:
        raise ValidationError(
            _("A budget vote needs a budget of more than € 0."), code="no_budget"
        )
    if ballot_type == BallotType.CUMULATIVE and not points:
        raise ValidationError(
            _("Say how many points each resident divides."), code="no_points"
        )
    if ballot_type != BallotType.CUMULATIVE and points is not None:
        raise ValidationError(
            _("Only a ballot that divides points has points."), code="points_not_used"
        )
    if max_choices is not None and max_choices < 1:
        raise ValidationError(
            _("Residents must be able to choose at least one plan."),
            code="max_choices_too_low",
        )
    chosen = rule or DEFAULT_RULE
    refusal = rule_refusal(chosen, ballot_type)
    if refusal is not None:
        raise refusal
    return chosen


def settings_checked(
    *,
    kind: str,
    title: str,
    question: str,
    ballot_type: str,
    opens_at: dt.datetime,
    closes_at: dt.datetime,
    budget_cents: int | None,
    max_choices: int | None,
    points: int | None,
    rule: str,
) -> dict[str, Any]:
    """A consultation's question, ballot and window as they are stored, checked the
    same way at creation and when a draft changes (the first refusal is raised)."""
    title = _text(title, _("title"))
    question = _text(question, _("question on the ballot"))
    if closes_at <= opens_at:
        raise ValidationError(
            _("The vote must close after it opens."), code="closes_before_opening"
        )
    return {
        "kind": kind,
        "title": title,
        "question": question,
        "ballot_type": ballot_type,
        "max_choices": max_choices,
        "points": points,
        "budget_cents": budget_cents,
        "rule": _check_ballot(
            kind=kind,
            ballot_type=ballot_type,
            budget_cents=budget_cents,
            max_choices=max_choices,
            points=points,
            rule=rule,
        ),
        "opens_at": opens_at,
        "closes_at": closes_at,
    }


@transaction.atomic
def consultation_create(
    *,
    actor: User,
    neighbourhood: Neighbourhood,
    kind: str,
    title: str,
    question: str,
    ballot_type: str,
    opens_at: dt.datetime,
    closes_at: dt.datetime,
    budget_cents: int | None = None,
    max_choices: int | None = None,
    points: int | None = None,
    rule: str = "",
) -> Consultation:
    """A draft consultation of ``neighbourhood``. Who may vote (minimum age, one vote
    per address) is copied from the regeling in force now."""
    require_organiser(actor=actor, neighbourhood=neighbourhood)
    values = settings_checked(
        kind=kind,
        title=title,
        question=question,
        ballot_type=ballot_type,
        opens_at=opens_at,
        closes_at=closes_at,
        budget_cents=budget_cents,
        max_choices=max_choices,
        points=points,
        rule=rule,
    )
    version = regulation_version_in_force(
        regulation=neighbourhood.regulation, at=timezone.now()
    )
    consultation = Consultation.objects.create(
        neighbourhood=neighbourhood,
        **values,
        per_household=version.consultation_per_household,
        min_age=version.consultation_min_age,
        created_by=actor,
        ballot_key=ballot_key_generate(),
    )
    audit_record(
        actor=actor,
        action="consultations.consultation_create",
        subject=consultation,
        data={
            "kind": kind,
            "ballot_type": ballot_type,
            "budget_cents": budget_cents,
            "rule": values["rule"],
            "opens_at": opens_at,
            "closes_at": closes_at,
            "regulation_version": version.pk,
        },
    )
    return consultation


def _check_plan_for(consultation: Consultation, initiative: Initiative) -> None:
    if initiative.neighbourhood_id != consultation.neighbourhood_id:
        raise ValidationError(
            _("Only plans of this wijk can be on its ballot."), code="other_wijk"
        )
    if (
        consultation.kind == ConsultationKind.ADVISORY
        and initiative.status != InitiativeStatus.ON_AGENDA
    ):
        raise ValidationError(
            _("Only a plan on the agenda of the regiegroep can be put to the wijk."),
            code="plan_not_on_agenda",
        )
    if consultation.options.filter(initiative=initiative).exists():
        raise ValidationError(
            _("This plan is already on the ballot."), code="plan_twice"
        )


@transaction.atomic
def consultation_option_add(
    *,
    actor: User,
    consultation: Consultation,
    title: str = "",
    summary: str = "",
    cost_cents: int | None = None,
    initiative: Initiative | None = None,
) -> ConsultationOption:
    """Add an option at the end of the ballot (drafts only). An advisory poll's
    options are plans of the wijk on the regiegroep's agenda; a budget vote's option
    needs a cost. A plan's title, summary and amount are the defaults."""
    consultation = consultation_lock(consultation)
    require_organiser(actor=actor, neighbourhood=consultation.neighbourhood)
    require_draft(consultation)
    if initiative is not None:
        # The plan as it is now (the caller's copy may be older than its status).
        initiative = Initiative.objects.get(pk=initiative.pk)
        _check_plan_for(consultation, initiative)
        title = title or initiative.title
        summary = summary or initiative.summary
        if cost_cents is None and consultation.kind == ConsultationKind.BUDGET_VOTE:
            cost_cents = initiative.requested_amount_cents or None
    elif consultation.kind == ConsultationKind.ADVISORY:
        raise ValidationError(
            _("An advisory poll asks about plans: choose a plan."), code="plan_needed"
        )
    title = _text(title, _("title"))
    if consultation.kind == ConsultationKind.BUDGET_VOTE and (
        cost_cents is None or cost_cents <= 0
    ):
        raise ValidationError(_("Give what this option costs."), code="cost_needed")
    if consultation.kind == ConsultationKind.ADVISORY:
        cost_cents = None
    last = consultation.options.aggregate(last=Max("position"))["last"] or 0
    option = ConsultationOption.objects.create(
        consultation=consultation,
        initiative=initiative,
        title=title,
        summary=summary.strip(),
        cost_cents=cost_cents,
        position=last + 1,
    )
    audit_record(
        actor=actor,
        action="consultations.consultation_option_add",
        subject=consultation,
        data={
            "option": option.pk,
            "initiative": initiative.pk if initiative else None,
            "cost_cents": cost_cents,
        },
    )
    return option


@transaction.atomic
def consultation_option_remove(*, actor: User, option: ConsultationOption) -> None:
    """Take an option off a draft ballot; the options after it move up one place."""
    consultation = consultation_lock(option.consultation)
    require_organiser(actor=actor, neighbourhood=consultation.neighbourhood)
    require_draft(consultation)
    removed = ConsultationOption.objects.get(pk=option.pk, consultation=consultation)
    position = removed.position
    photo = removed.photo.name
    removed.delete()
    if photo:  # the file goes once the option is gone for good
        storage = removed.photo.storage
        transaction.on_commit(lambda: storage.delete(photo))
    for later in consultation.options.filter(position__gt=position).order_by(
        "position"
    ):
        later.position -= 1
        later.save(update_fields=["position", "updated_at"])
    audit_record(
        actor=actor,
        action="consultations.consultation_option_remove",
        subject=consultation,
        data={"option": option.pk, "title": removed.title},
    )


def _check_publishable(consultation: Consultation, now: dt.datetime) -> list[Any]:
    options = list(consultation.options.select_related("initiative"))
    if not options:
        raise ValidationError(
            _("Put at least one option on the ballot first."), code="no_options"
        )
    if consultation.closes_at <= now:
        raise ValidationError(
            _("The closing time has passed: choose a later one."),
            code="closes_in_past",
        )
    if consultation.kind == ConsultationKind.BUDGET_VOTE:
        if not consultation.budget_cents or any(
            not option.cost_cents for option in options
        ):
            raise ValidationError(
                _("Every option needs a cost, and the vote a budget."),
                code="cost_needed",
            )
        return options
    for option in options:
        if (
            option.initiative is None
            or option.initiative.status != InitiativeStatus.ON_AGENDA
        ):
            raise ValidationError(
                _("%(plan)s is no longer on the agenda of the regiegroep."),
                code="plan_not_on_agenda",
                params={"plan": option.title},
            )
    return options


@transaction.atomic
def consultation_publish(*, actor: User, consultation: Consultation) -> Consultation:
    """Draft → published: the ballot is fixed and the window set. An opening time in
    the past becomes now (the vote cannot have been open before it was published).
    An advisory poll moves each of its plans from on the agenda to in consultation."""
    locked = consultation_lock(consultation)
    require_organiser(actor=actor, neighbourhood=locked.neighbourhood)
    consultations_step_check(
        machine=CONSULTATION,
        row=locked,
        to=ConsultationStatus.PUBLISHED,
        action=PUBLISH,
    )
    now = timezone.now()
    options = _check_publishable(locked, now)
    opens_at = max(locked.opens_at, now)
    for option in options:
        if locked.kind == ConsultationKind.ADVISORY and option.initiative is not None:
            initiative_transition(
                actor=actor,
                initiative=option.initiative,
                to=InitiativeStatus.IN_CONSULTATION,
            )
    consultations_transition(
        actor=actor,
        machine=CONSULTATION,
        row=locked,
        to=ConsultationStatus.PUBLISHED,
        action=PUBLISH,
        fields={"opens_at": opens_at},
        audit_data={
            "options": [option.pk for option in options],
            "opens_at": opens_at,
            "closes_at": locked.closes_at,
        },
    )
    return locked


@transaction.atomic
def consultation_cancel(
    *, actor: User, consultation: Consultation, reason: str
) -> Consultation:
    """Draft or published → cancelled, with a reason. No result is counted; the link
    key is destroyed and the letters' addresses blanked, as at certification. The
    plans of a cancelled poll stay in consultation until the regiegroep discusses
    them."""
    locked = consultation_lock(consultation)
    require_organiser(actor=actor, neighbourhood=locked.neighbourhood)
    consultations_step_check(
        machine=CONSULTATION, row=locked, to=ConsultationStatus.CANCELLED, action=CANCEL
    )
    reason = _text(reason, _("reason"))
    counts = purpose_ended(locked)
    consultations_transition(
        actor=actor,
        machine=CONSULTATION,
        row=locked,
        to=ConsultationStatus.CANCELLED,
        action=CANCEL,
        fields={"ballot_key": None},
        note=reason,
        audit_data={"reason": reason, **counts},
    )
    return locked
