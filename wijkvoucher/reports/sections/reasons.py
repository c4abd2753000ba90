"""Why plans got less or nothing, or were not carried out: the coded reason
(``ReasonCode``) of each step in the period into rejected, partly awarded, not
processed or cancelled, for expectation management. Counts only."""

from __future__ import annotations

from collections import Counter

from django.utils.translation import gettext as _

from wijkvoucher.initiatives.constants import InitiativeStatus as S
from wijkvoucher.initiatives.constants import ReasonCode
from wijkvoucher.initiatives.models import StatusChange
from wijkvoucher.reports.sections.base import (
    Bar,
    Chart,
    Column,
    Kind,
    ReportScope,
    Section,
    Value,
)

OUTCOMES = (S.REJECTED, S.PARTLY_AWARDED, S.NOT_PROCESSED, S.CANCELLED)


def build(scope: ReportScope) -> Section:
    counts: Counter[tuple[str, str]] = Counter(
        StatusChange.objects.filter(
            initiative__neighbourhood_id__in=scope.wijk_ids,
            to_status__in=OUTCOMES,
            created_at__gte=scope.start_moment,
            created_at__lt=scope.end_moment,
        ).values_list("reason_code", "to_status")
    )
    rows: list[tuple[Value, ...]] = []
    bars: list[Bar] = []
    for code, label in ReasonCode.choices:
        numbers = [counts[(code, outcome)] for outcome in OUTCOMES]
        if not any(numbers):
            continue
        rows.append((str(label).capitalize(), *numbers, sum(numbers)))
        bars.append(Bar(str(label).capitalize(), sum(numbers)))
    if len(rows) > 1:
        per_outcome = [
            sum(n for (_code, to), n in counts.items() if to == outcome)
            for outcome in OUTCOMES
        ]
        rows.append((_("Total"), *per_outcome, sum(per_outcome)))
    return Section(
        key="reasons",
        title=_("Reasons for rejection and non-realisation"),
        intro=_(
            "The coded reason of every rejection, partial award, plan not processed "
            "and cancellation after the award in this period."
        ),
        columns=(
            Column("reason", _("Reason"), Kind.TEXT),
            Column("rejected", _("Rejected"), Kind.COUNT),
            Column("partly_awarded", _("Partly awarded"), Kind.COUNT),
            Column("not_processed", _("Not processed"), Kind.COUNT),
            Column("cancelled", _("Not carried out"), Kind.COUNT),
            Column("total", _("Total"), Kind.COUNT),
        ),
        rows=tuple(rows),
        has_total=len(rows) > 1,
        chart=Chart(title=_("How often each reason was given"), bars=tuple(bars)),
    )
