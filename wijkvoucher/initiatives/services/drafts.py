"""The initiator writes a draft: the plan, its cost lines, its own contribution."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.services import audit_record
from wijkvoucher.initiatives.constants import (
    ContributionKind,
    Goal,
)
from wijkvoucher.initiatives.models import (
    BudgetLine,
    Initiative,
    OwnContribution,
)
from wijkvoucher.neighbourhoods.constants import CostCategory
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.selectors.addresses import resident_neighbourhoods

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User

from wijkvoucher.initiatives.services.guards import (
    DRAFT_FIELDS,
    _lock,
    _plain,
    _require_own_draft,
    _require_text,
)

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


_DraftRow = TypeVar("_DraftRow", BudgetLine, OwnContribution)


def _draft_row_remove(
    *,
    actor: User,
    row: _DraftRow,
    action: str,
    facts: Callable[[_DraftRow], dict[str, Any]],
) -> None:
    """Delete a row of the initiator's own draft; ``facts`` says what the audit
    event keeps of it. Call it inside the caller's transaction."""
    initiative = _lock(row.initiative)
    _require_own_draft(actor=actor, initiative=initiative)
    locked = type(row).objects.get(pk=row.pk, initiative=initiative)
    data = facts(locked)
    locked.delete()
    audit_record(actor=actor, action=action, subject=initiative, data=data)


@transaction.atomic
def budget_line_remove(*, actor: User, budget_line: BudgetLine) -> None:
    """Remove a cost line from the initiator's own draft."""
    _draft_row_remove(
        actor=actor,
        row=budget_line,
        action="initiatives.budget_line_remove",
        facts=lambda line: {
            "line": line.pk,
            "category": line.category,
            "amount_cents": line.amount_cents,
        },
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
    _draft_row_remove(
        actor=actor,
        row=contribution,
        action="initiatives.own_contribution_remove",
        facts=lambda row: {
            "contribution": row.pk,
            "kind": row.kind,
            "amount_cents": row.amount_cents,
            "hours": row.hours,
        },
    )


def _row_remove(*, actor: User, row: BudgetLine | OwnContribution) -> None:
    if isinstance(row, BudgetLine):
        budget_line_remove(actor=actor, budget_line=row)
    else:
        own_contribution_remove(actor=actor, contribution=row)


@dataclass(frozen=True, kw_only=True)
class LineInput:
    """A cost line as typed on step 2."""

    description: str
    category: str
    amount_cents: int
    hours: Decimal | None = None
    provider_name: str = ""


@dataclass(frozen=True, kw_only=True)
class ContributionInput:
    """An own contribution as typed on step 2."""

    kind: str
    description: str = ""
    amount_cents: int | None = None
    hours: Decimal | None = None


@transaction.atomic
def initiative_money_save(
    *,
    actor: User,
    initiative: Initiative,
    remove: BudgetLine | OwnContribution | None = None,
    lines: Sequence[LineInput] = (),
    contributions: Sequence[ContributionInput] = (),
    food_drink_motivation: str | None = None,
) -> None:
    """Step 2 in one go, as posted: the row whose Remove button was pressed, the
    new cost lines, the new contributions and the reason for food and drink, all or
    nothing (a refused row keeps the removal from being stored too). Errors are keyed
    ``remove``, ``line-<n>`` and ``contribution-<n>`` (the row's position in the
    input) so that the page can put each at its row; every row is checked before the
    first error is raised. Each change writes its own audit event."""
    if remove is not None:
        try:
            _row_remove(actor=actor, row=remove)
        except ValidationError as exc:
            raise ValidationError({"remove": exc.error_list}) from exc
    errors: dict[str, list[ValidationError]] = {}

    def attempt(key: str, service: Callable[..., Any], **values: Any) -> None:
        try:
            with transaction.atomic():
                service(actor=actor, initiative=initiative, **values)
        except ValidationError as exc:
            errors[key] = exc.error_list

    for number, line in enumerate(lines):
        attempt(f"line-{number}", budget_line_add, **asdict(line))
    for number, row in enumerate(contributions):
        attempt(f"contribution-{number}", own_contribution_add, **asdict(row))
    if food_drink_motivation is not None:
        attempt(
            "food_drink_motivation",
            initiative_update_draft,
            food_drink_motivation=food_drink_motivation,
        )
    if errors:
        raise ValidationError(errors)
