"""All writes on initiatives (house-style 4.2). Every service runs in one transaction,
locks the initiative it decides on and writes one audit event.

Permissions, kept simple until the views bring the full matrix (domain.md 8.2):

- the initiator edits their own draft, submits it, answers an information request,
  withdraws before the decision and may cancel after the award;
- a "wijk official" takes every other step: the initiative's contact official, or whoever
  holds the contact-official or coordinator role for its wijk (or for the whole
  municipality). An official never takes the official steps on their own initiative.

E-mails to the initiator and followers come later (via ``transaction.on_commit``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.services import audit_record
from wijkvoucher.initiatives.checks import plan_checks
from wijkvoucher.initiatives.constants import (
    ContributionKind,
    Goal,
    InitiativeStatus,
    ReasonCode,
)
from wijkvoucher.initiatives.models import (
    BudgetLine,
    ContactHandover,
    Initiative,
    OwnContribution,
    StatusChange,
)
from wijkvoucher.initiatives.rules import submission_blockers
from wijkvoucher.initiatives.selectors import (
    MISSING_LABELS,
    initiative_missing_for_submit,
)
from wijkvoucher.initiatives.workflow import (
    ALLOWED_TRANSITIONS,
    CLOCK_PAUSED,
    REASON_REQUIRED,
)
from wijkvoucher.neighbourhoods.constants import CostCategory, Role
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.selectors.addresses import resident_neighbourhoods
from wijkvoucher.neighbourhoods.selectors.regulations import (
    regulation_version_in_force,
)
from wijkvoucher.neighbourhoods.selectors.roles import user_has_role

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User

S = InitiativeStatus
OFFICIAL_ROLES = (Role.CONTACT_OFFICIAL, Role.COORDINATOR)
DRAFT_FIELDS = frozenset(
    {
        "title",
        "summary",
        "description",
        "goals",
        "target_group",
        "location_text",
        "starts_on",
        "ends_on",
        "publish_initiator_name",
        "food_drink_motivation",
    }
)


# --- Guards -------------------------------------------------------------------------


def _lock(initiative: Initiative) -> Initiative:
    return (
        Initiative.objects.select_for_update()
        .select_related("neighbourhood")
        .get(pk=initiative.pk)
    )


def is_wijk_official(*, user: User, initiative: Initiative) -> bool:
    """The initiative's contact official, or a contact official or coordinator of its
    wijk (or of the whole municipality)."""
    if initiative.contact_official_id is not None and (
        user.pk == initiative.contact_official_id
    ):
        return True
    return user_has_role(
        user=user, roles=OFFICIAL_ROLES, neighbourhood=initiative.neighbourhood
    )


def _may_take_step(
    *, actor: User, initiative: Initiative, to: InitiativeStatus
) -> bool:
    if actor.pk == initiative.initiator_id:
        return (
            to in {S.WITHDRAWN, S.CANCELLED}
            or initiative.status == S.DRAFT
            or (initiative.status == S.INFORMATION_REQUESTED and to == S.SUBMITTED)
        )
    if to == S.WITHDRAWN or initiative.status == S.DRAFT:
        return False
    return is_wijk_official(user=actor, initiative=initiative)


def _require_own_draft(*, actor: User, initiative: Initiative) -> None:
    if actor.pk != initiative.initiator_id:
        raise PermissionDenied
    if initiative.status != S.DRAFT:
        raise ValidationError(
            _("Only a draft can be changed."),
            code="not_draft",
        )


def _require_text(value: str, label: str) -> str:
    text = value.strip()
    if not text:
        raise ValidationError(
            _("%(field)s needs a value."), code="required", params={"field": label}
        )
    return text


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


# --- Drafting -----------------------------------------------------------------------


@transaction.atomic
def initiative_create(
    *, actor: User, neighbourhood: Neighbourhood, title: str
) -> Initiative:
    """A new draft in ``neighbourhood``. The actor must live there now."""
    here = resident_neighbourhoods(user=actor)
    if neighbourhood.pk not in {n.pk for n in here}:
        raise ValidationError(
            _("You can only start a plan for the wijk where you live."),
            code="not_resident",
        )
    initiative = Initiative.objects.create(
        neighbourhood=neighbourhood,
        initiator=actor,
        title=_require_text(title, str(_("title"))),
    )
    audit_record(
        actor=actor,
        action="initiatives.initiative_create",
        subject=initiative,
        data={"neighbourhood": neighbourhood.slug, "title": initiative.title},
    )
    return initiative


def _check_draft_fields(initiative: Initiative, fields: Mapping[str, Any]) -> None:
    unknown = sorted(set(fields) - DRAFT_FIELDS)
    if unknown:
        raise ValidationError(
            _("These cannot be changed here: %(names)s."),
            code="unknown_field",
            params={"names": ", ".join(unknown)},
        )
    if "title" in fields:
        _require_text(fields["title"], str(_("title")))
    if "goals" in fields:
        goals = fields["goals"]
        if not isinstance(goals, list) or not set(goals) <= set(Goal.values):
            raise ValidationError(
                _("Choose the goals from the list."), code="unknown_goal"
            )
    starts_on = fields.get("starts_on", initiative.starts_on)
    ends_on = fields.get("ends_on", initiative.ends_on)
    if starts_on is not None and ends_on is not None and ends_on < starts_on:
        raise ValidationError(
            _("The end date cannot be before the start date."), code="period_order"
        )


@transaction.atomic
def initiative_update_draft(
    *, actor: User, initiative: Initiative, **fields: Any
) -> Initiative:
    """Change the initiator's own draft. Only the fields in ``DRAFT_FIELDS``."""
    initiative = _lock(initiative)
    _require_own_draft(actor=actor, initiative=initiative)
    _check_draft_fields(initiative, fields)
    diff: dict[str, list[Any]] = {}
    for name, value in fields.items():
        new = value.strip() if isinstance(value, str) else value
        if name == "goals":
            new = list(dict.fromkeys(new))
        old = getattr(initiative, name)
        if old != new:
            diff[name] = [_plain(old), _plain(new)]
            setattr(initiative, name, new)
    if diff:
        initiative.save(update_fields=[*diff, "updated_at"])
        audit_record(
            actor=actor,
            action="initiatives.initiative_update_draft",
            subject=initiative,
            data={"diff": diff},
        )
    return initiative


@transaction.atomic
def budget_line_add(
    *,
    actor: User,
    initiative: Initiative,
    description: str,
    category: str,
    amount_cents: int,
    hours: Decimal | None = None,
    provider_name: str = "",
) -> BudgetLine:
    """Add a cost line to the initiator's own draft. Whether the category is allowed
    under the regeling is for the rule check, not for this service."""
    initiative = _lock(initiative)
    _require_own_draft(actor=actor, initiative=initiative)
    if category not in CostCategory.values:
        raise ValidationError(
            _("Choose a category from the list."), code="unknown_category"
        )
    if amount_cents <= 0:
        raise ValidationError(
            _("The amount must be more than zero."), code="amount_not_positive"
        )
    if hours is not None and hours <= 0:
        raise ValidationError(
            _("The number of hours must be more than zero."),
            code="hours_not_positive",
        )
    line = BudgetLine.objects.create(
        initiative=initiative,
        description=_require_text(description, str(_("description"))),
        category=category,
        amount_cents=amount_cents,
        hours=hours,
        provider_name=provider_name.strip(),
    )
    audit_record(
        actor=actor,
        action="initiatives.budget_line_add",
        subject=initiative,
        data={
            "line": line.pk,
            "category": category,
            "amount_cents": amount_cents,
            "hours": hours,
        },
    )
    return line


@transaction.atomic
def budget_line_remove(*, actor: User, budget_line: BudgetLine) -> None:
    """Remove a cost line from the initiator's own draft."""
    initiative = _lock(budget_line.initiative)
    _require_own_draft(actor=actor, initiative=initiative)
    line = BudgetLine.objects.get(pk=budget_line.pk, initiative=initiative)
    data = {
        "line": line.pk,
        "category": line.category,
        "amount_cents": line.amount_cents,
    }
    line.delete()
    audit_record(
        actor=actor,
        action="initiatives.budget_line_remove",
        subject=initiative,
        data=data,
    )


def _check_contribution(
    kind: str, description: str, amount_cents: int | None, hours: Decimal | None
) -> None:
    if kind not in ContributionKind.values:
        raise ValidationError(_("Choose a kind from the list."), code="unknown_kind")
    if amount_cents is not None and amount_cents <= 0:
        raise ValidationError(
            _("The amount must be more than zero."), code="amount_not_positive"
        )
    if hours is not None and hours <= 0:
        raise ValidationError(
            _("The number of hours must be more than zero."),
            code="hours_not_positive",
        )
    if kind == ContributionKind.MONEY and amount_cents is None:
        raise ValidationError(_("Enter the amount."), code="amount_required")
    if kind == ContributionKind.HOURS and hours is None:
        raise ValidationError(_("Enter the number of hours."), code="hours_required")
    if kind == ContributionKind.IN_KIND and not description.strip():
        raise ValidationError(
            _("Describe what you contribute."), code="description_required"
        )


@transaction.atomic
def own_contribution_add(
    *,
    actor: User,
    initiative: Initiative,
    kind: str,
    description: str = "",
    amount_cents: int | None = None,
    hours: Decimal | None = None,
) -> OwnContribution:
    """Record what the initiators bring themselves, on their own draft."""
    initiative = _lock(initiative)
    _require_own_draft(actor=actor, initiative=initiative)
    _check_contribution(kind, description, amount_cents, hours)
    contribution = OwnContribution.objects.create(
        initiative=initiative,
        kind=kind,
        description=description.strip(),
        amount_cents=amount_cents,
        hours=hours,
    )
    audit_record(
        actor=actor,
        action="initiatives.own_contribution_add",
        subject=initiative,
        data={
            "contribution": contribution.pk,
            "kind": kind,
            "amount_cents": amount_cents,
            "hours": hours,
        },
    )
    return contribution


@transaction.atomic
def own_contribution_remove(*, actor: User, contribution: OwnContribution) -> None:
    """Remove an own contribution from the initiator's own draft."""
    initiative = _lock(contribution.initiative)
    _require_own_draft(actor=actor, initiative=initiative)
    row = OwnContribution.objects.get(pk=contribution.pk, initiative=initiative)
    data = {
        "contribution": row.pk,
        "kind": row.kind,
        "amount_cents": row.amount_cents,
        "hours": row.hours,
    }
    row.delete()
    audit_record(
        actor=actor,
        action="initiatives.own_contribution_remove",
        subject=initiative,
        data=data,
    )


# --- The workflow ---------------------------------------------------------------------


def _check_reason(
    to: InitiativeStatus, reason_code: str, motivation: str
) -> tuple[str, str]:
    motivation = motivation.strip()
    if to not in REASON_REQUIRED:
        if reason_code:
            raise ValidationError(
                _("This step takes no reason code."), code="reason_not_applicable"
            )
        return "", motivation
    if not reason_code or not motivation:
        raise ValidationError(
            _("Give a reason and explain it for the step to %(status)s."),
            code="reason_required",
            params={"status": to.label},
        )
    if reason_code not in ReasonCode.values:
        raise ValidationError(
            _("Choose a reason from the list."), code="unknown_reason"
        )
    return reason_code, motivation


def _refuse_rule_breaches(initiative: Initiative, at: dt.datetime) -> None:
    """Hard rule breaches block submission (soft ones are for the regiegroep to
    weigh); the message lists each breach in the words the resident saw while
    writing."""
    blockers = submission_blockers(plan_checks(initiative=initiative, at=at))
    if blockers:
        raise ValidationError(
            _("Your plan does not fit the rules yet: %(breaches)s"),
            code="rule_breach",
            params={
                "breaches": " ".join(str(b.message) for b in blockers),
                "rules": [b.code for b in blockers],
            },
        )


def _submit_effects(initiative: Initiative, at: dt.datetime) -> dict[str, Any]:
    """Set what submission fixes: regeling version, receipt time, amount, contact
    official and the Awb decision date. Returns the audit data."""
    missing = initiative_missing_for_submit(initiative=initiative)
    if missing:
        raise ValidationError(
            _("Your application is not complete yet. Still missing: %(missing)s."),
            code="incomplete",
            params={
                "missing": ", ".join(str(MISSING_LABELS[m]) for m in missing),
                "fields": missing,
            },
        )
    neighbourhood = initiative.neighbourhood
    version = regulation_version_in_force(regulation=neighbourhood.regulation, at=at)
    _refuse_rule_breaches(initiative, at)
    if neighbourhood.contact_official_id is None:
        raise ValidationError(
            _("This wijk has no contact official yet. Please try again later."),
            code="no_contact_official",
        )
    total = initiative.budget_lines.aggregate(total=Sum("amount_cents"))["total"]
    initiative.regulation_version = version
    initiative.submitted_at = at
    initiative.requested_amount_cents = total or 0
    initiative.contact_official_id = neighbourhood.contact_official_id
    initiative.decision_due_on = timezone.localdate(at) + dt.timedelta(
        weeks=version.decision_term_weeks
    )
    return {
        "regulation_version": version.pk,
        "requested_amount_cents": initiative.requested_amount_cents,
        "contact_official": initiative.contact_official_id,
        "decision_due_on": initiative.decision_due_on,
    }


def _clock_effects(
    initiative: Initiative, to: InitiativeStatus, today: dt.date
) -> dict[str, Any]:
    """Awb 4:15: the hersteltermijn pauses the decision clock. Leaving the pause moves
    the decision date later by the days it stood still."""
    if to in CLOCK_PAUSED:
        initiative.clock_paused_on = today
        return {"clock_paused_on": today}
    if initiative.status in CLOCK_PAUSED and initiative.clock_paused_on is not None:
        paused = (today - initiative.clock_paused_on).days
        initiative.clock_paused_on = None
        initiative.clock_paused_days += paused
        if initiative.decision_due_on is not None:
            initiative.decision_due_on += dt.timedelta(days=paused)
        return {"paused_days": paused, "decision_due_on": initiative.decision_due_on}
    return {}


@transaction.atomic
def initiative_transition(
    *,
    actor: User,
    initiative: Initiative,
    to: InitiativeStatus | str,
    reason_code: str = "",
    motivation: str = "",
    at: dt.datetime | None = None,
) -> StatusChange:
    """The one way a status changes: checks the workflow table, who may take the step
    and the reasons; keeps the Awb clock; writes the timeline row and the audit event.
    ``at`` (default now) only matters for submission: it picks the regeling version."""
    initiative = _lock(initiative)
    target = InitiativeStatus(to)
    current = InitiativeStatus(initiative.status)
    if target not in ALLOWED_TRANSITIONS[current]:
        raise ValidationError(
            _("An initiative cannot go from %(old)s to %(new)s."),
            code="invalid_transition",
            params={"old": current.label, "new": target.label},
        )
    if not _may_take_step(actor=actor, initiative=initiative, to=target):
        raise PermissionDenied
    reason_code, motivation = _check_reason(target, reason_code, motivation)
    moment = at or timezone.now()
    data: dict[str, Any] = {"from": current.value, "to": target.value}
    if current == S.DRAFT and target == S.SUBMITTED:
        data.update(_submit_effects(initiative, moment))
    data.update(_clock_effects(initiative, target, timezone.localdate()))
    change = StatusChange.objects.create(
        initiative=initiative,
        from_status=current,
        to_status=target,
        actor=actor,
        reason_code=reason_code,
        motivation=motivation,
    )
    initiative.status = target
    initiative.save()
    if reason_code:
        data["reason_code"] = reason_code
    audit_record(
        actor=actor,
        action="initiatives.initiative_transition",
        subject=initiative,
        data=data,
    )
    return change


def initiative_submit(
    *, actor: User, initiative: Initiative, at: dt.datetime | None = None
) -> Initiative:
    """Draft → submitted by the initiator. Needs a title, description, dates and at
    least one cost line (code ``incomplete``). Fixes the regeling version in force at
    ``at`` (default now), the amount, the contact official and the decision date."""
    change = initiative_transition(
        actor=actor, initiative=initiative, to=S.SUBMITTED, at=at
    )
    return change.initiative


def initiative_withdraw(
    *, actor: User, initiative: Initiative, motivation: str
) -> Initiative:
    """The initiator withdraws, any time before the decision. The motivation may be
    empty: an applicant owes no reasons."""
    change = initiative_transition(
        actor=actor, initiative=initiative, to=S.WITHDRAWN, motivation=motivation
    )
    return change.initiative


@transaction.atomic
def initiative_contact_change(
    *, actor: User, initiative: Initiative, to_official: User, note: str
) -> ContactHandover:
    """Hand the initiative over to another contact official of the wijk, with a note
    so that the resident does not have to tell their story twice."""
    initiative = _lock(initiative)
    if actor.pk == initiative.initiator_id or not is_wijk_official(
        user=actor, initiative=initiative
    ):
        raise PermissionDenied
    if initiative.status == S.DRAFT:
        raise ValidationError(
            _("A draft has no contact official yet."), code="not_submitted"
        )
    note = _require_text(note, str(_("note")))
    if to_official.pk == initiative.contact_official_id:
        raise ValidationError(
            _("This person is already the contact official."), code="same_official"
        )
    if to_official.pk == initiative.initiator_id or not user_has_role(
        user=to_official, roles=OFFICIAL_ROLES, neighbourhood=initiative.neighbourhood
    ):
        raise ValidationError(
            _("Choose a contact official of this wijk."), code="not_an_official"
        )
    handover = ContactHandover.objects.create(
        initiative=initiative,
        from_official_id=initiative.contact_official_id,
        to_official=to_official,
        note=note,
        actor=actor,
    )
    previous = initiative.contact_official_id
    initiative.contact_official = to_official
    initiative.save(update_fields=["contact_official", "updated_at"])
    audit_record(
        actor=actor,
        action="initiatives.initiative_contact_change",
        subject=initiative,
        data={"from": previous, "to": to_official.pk, "handover": handover.pk},
    )
    return handover


def initiative_request_information(
    *, actor: User, initiative: Initiative, message: str
) -> StatusChange:
    """Submitted → information requested by a wijk official (Awb 4:5, the
    hersteltermijn). The message to the initiator is required; the term (today plus
    the regeling's ``information_request_days``) is added to it in the initiator's
    language, so the timeline says what was asked and by when."""
    text = _require_text(message, str(_("message")))
    version = initiative.regulation_version
    days = version.information_request_days if version is not None else 0
    due = timezone.localdate() + dt.timedelta(days=days)
    with translation.override(initiative.initiator.preferred_language or None):
        term = gettext("Please send the information by %(date)s.") % {
            "date": date_format(due, "j F Y")
        }
    return initiative_transition(
        actor=actor,
        initiative=initiative,
        to=S.INFORMATION_REQUESTED,
        motivation=f"{text}\n\n{term}",
    )
