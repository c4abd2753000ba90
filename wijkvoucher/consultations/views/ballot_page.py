"""What the ballot page shows: one row per option with its input, the running total
of a knapsack or cumulative ballot, and the error summary."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django import forms

from wijkvoucher.consultations.constants import BallotType
from wijkvoucher.consultations.forms import BallotForm
from wijkvoucher.consultations.models import Consultation, ConsultationOption
from wijkvoucher.core.forms import ErrorItem, error_items


@dataclass(frozen=True)
class BallotRow:
    """One option on the ballot: the option, the ids its input and description
    carry, whether it is ticked (approval, knapsack), and its own fields (points,
    place, stance and comment)."""

    option: ConsultationOption
    input_id: str
    summary_id: str
    checked: bool = False
    field: forms.BoundField | None = None
    comment: forms.BoundField | None = None


def _rows(form: BallotForm, options: Sequence[ConsultationOption]) -> list[BallotRow]:
    kind = form.ballot_type
    chosen = form.chosen_ids()
    rows = []
    for option in options:
        summary_id = f"option-{option.pk}-summary"
        if kind in (BallotType.APPROVAL, BallotType.KNAPSACK):
            rows.append(
                BallotRow(
                    option,
                    f"option-{option.pk}",
                    summary_id,
                    checked=str(option.pk) in chosen,
                )
            )
            continue
        name = {
            BallotType.CUMULATIVE: "points",
            BallotType.ORDINAL: "rank",
            BallotType.ADVISORY: "stance",
        }[BallotType(kind)]
        field = form[f"{name}-{option.pk}"]
        comment = form[f"comment-{option.pk}"] if kind == BallotType.ADVISORY else None
        rows.append(
            BallotRow(
                option,
                field.id_for_label or field.auto_id,
                summary_id,
                field=field,
                comment=comment,
            )
        )
    return rows


def _chosen_cost(form: BallotForm, options: Sequence[ConsultationOption]) -> int:
    chosen = form.chosen_ids()
    return sum(o.cost_cents or 0 for o in options if str(o.pk) in chosen)


def ballot_context(
    consultation: Consultation,
    options: Sequence[ConsultationOption],
    form: BallotForm,
    **extra: Any,
) -> dict[str, Any]:
    kind = form.ballot_type
    # The boxes of an approval or knapsack ballot are drawn by the template; the
    # summary links to their group.
    errors = [
        item if item.href != "#id_choices_0" else ErrorItem(item.text, "#choices")
        for item in error_items(form)
    ]
    return {
        "consultation": consultation,
        "wijk": consultation.neighbourhood,
        "form": form,
        "rows": _rows(form, options),
        "errors": errors,
        "kind": kind,
        "is_choice": kind in (BallotType.APPROVAL, BallotType.KNAPSACK),
        "is_knapsack": kind == BallotType.KNAPSACK,
        "is_cumulative": kind == BallotType.CUMULATIVE,
        "is_ordinal": kind == BallotType.ORDINAL,
        "is_advisory": kind == BallotType.ADVISORY,
        "chosen_cost": _chosen_cost(form, options),
        "points_given": form.points_given(),
        "ranks": form.ranks(),
        "show_costs": kind != BallotType.ADVISORY,
        **extra,
    }
