"""A plan being carried out changes: its budget lines and end date are rewritten when
a change to the plan is applied or approved (the accountability app decides who may
change what and keeps the change, with the old and new figures, as the history)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.services import audit_record
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import BudgetLine, Initiative
from wijkvoucher.initiatives.selectors.initiatives import budget_lines_of
from wijkvoucher.initiatives.services.guards import _lock
from wijkvoucher.neighbourhoods.constants import CostCategory

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


def _lines_json(initiative: Initiative) -> list[dict[str, Any]]:
    """The plan's budget lines as a change keeps them: ``{"line", "description",
    "amount_cents"}`` in the plan's order."""
    return [
        {
            "line": line.pk,
            "description": line.description,
            "amount_cents": int(line.amount_cents),
        }
        for line in budget_lines_of(initiative=initiative)
    ]


def _match(
    lines: Sequence[Mapping[str, Any]], rows: list[BudgetLine]
) -> list[tuple[BudgetLine | None, Mapping[str, Any]]]:
    """Pair each new line with the plan's row it changes: by ``line`` (the row's
    pk), else by description among the rows not yet paired; None for a new line."""
    free = {row.pk: row for row in rows}
    by_pk = {row.pk: row for row in rows}
    pairs: list[tuple[BudgetLine | None, Mapping[str, Any]]] = []
    for line in lines:
        pk = line.get("line")
        row: BudgetLine | None = None
        if pk is not None:
            row = by_pk.get(pk)
            if row is None or row.pk not in free:
                raise ValidationError(
                    _("A budget line of the change is not a line of this plan."),
                    code="line_unknown",
                )
        else:
            row = next(
                (r for r in free.values() if r.description == line["description"]),
                None,
            )
        if row is not None:
            del free[row.pk]
        pairs.append((row, line))
    return pairs


@transaction.atomic
def initiative_plan_change_apply(
    *,
    actor: User,
    initiative: Initiative,
    lines: Sequence[Mapping[str, Any]],
    ends_on: dt.date | None,
    change: str,
) -> list[dict[str, Any]]:
    """Rewrite a plan being carried out by an applied or approved change (``change``
    names it in the audit trail). ``lines`` (``{"line"?, "description",
    "amount_cents"}``) are the plan's new budget: a listed line gets its new
    amount, a line of the plan not listed or set to zero is removed, a line without
    a match is added (category "other"); an empty list leaves the lines alone.
    ``ends_on`` moves the end of the activity. The caller (the accountability app)
    has checked who may change the plan and that the lines stay within the award.
    Returns the lines as they are now. Refusals: ``invalid_status``,
    ``line_unknown``, ``line_in_use`` (a reimbursement names a line that would go)."""
    initiative = _lock(initiative)
    if initiative.status != InitiativeStatus.IN_EXECUTION:
        raise ValidationError(
            _("This is only possible while the plan is being carried out."),
            code="invalid_status",
        )
    before = _lines_json(initiative)
    if lines:
        rows = list(
            BudgetLine.objects.select_for_update()
            .filter(initiative=initiative)
            .order_by("created_at", "pk")
        )
        pairs = _match(lines, rows)
        kept = {row.pk for row, line in pairs if row is not None}
        gone = [row for row in rows if row.pk not in kept]
        for row, line in pairs:
            amount = int(line["amount_cents"])
            if row is None and amount > 0:
                BudgetLine.objects.create(
                    initiative=initiative,
                    description=str(line["description"])[:200],
                    category=CostCategory.OTHER,
                    amount_cents=amount,
                )
            elif row is not None and amount <= 0:
                gone.append(row)
            elif row is not None and amount != row.amount_cents:
                row.amount_cents = amount
                row.save(update_fields=["amount_cents", "updated_at"])
        for row in gone:
            try:
                row.delete()
            except ProtectedError as exc:
                raise ValidationError(
                    _(
                        "The line “%(line)s” has a reimbursement; it cannot be "
                        "removed from the plan."
                    ),
                    code="line_in_use",
                    params={"line": row.description},
                ) from exc
    old_end = initiative.ends_on
    if ends_on is not None and ends_on != old_end:
        initiative.ends_on = ends_on
        initiative.save(update_fields=["ends_on", "updated_at"])
    after = _lines_json(initiative)
    audit_record(
        actor=actor,
        action="initiatives.plan_change_apply",
        subject=initiative,
        data={
            "change": change,
            "lines_before": before,
            "lines": after,
            "ends_on_before": old_end.isoformat() if old_end else None,
            "ends_on": initiative.ends_on.isoformat() if initiative.ends_on else None,
        },
    )
    return after
