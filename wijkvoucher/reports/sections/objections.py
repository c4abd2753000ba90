"""Objections (bezwaar, Awb 6:7 and 7:10): per wijk the objections received in the
period, how they ended, how long the decision took, how many terms were postponed and
how many are still open, of which past their decision date today."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import NamedTuple

from django.utils.translation import gettext as _

from wijkvoucher.decisions.constants import ObjectionStatus as O
from wijkvoucher.decisions.models import Objection
from wijkvoucher.reports.sections.base import (
    Bar,
    Chart,
    Column,
    Kind,
    ReportScope,
    Section,
    Value,
    average,
    per_wijk,
)

OUTCOMES = (O.UPHELD, O.PARTLY_UPHELD, O.REJECTED, O.NOT_ADMISSIBLE, O.WITHDRAWN)


class Found(NamedTuple):
    wijk_id: int
    status: str
    received_on: dt.date
    decision_due_on: dt.date
    decided_on: dt.date | None
    late: bool
    extended: bool


def _row(name: str, rows: list[Found], on: dt.date) -> tuple[Value, ...]:
    statuses = [row.status for row in rows]
    still_open = [row for row in rows if row.status == O.RECEIVED]
    days = [
        (row.decided_on - row.received_on).days
        for row in rows
        if row.decided_on is not None
    ]
    return (
        name,
        len(rows),
        sum(1 for row in rows if row.late),
        *(statuses.count(outcome) for outcome in OUTCOMES),
        average(days),
        sum(1 for row in rows if row.extended),
        len(still_open),
        sum(1 for row in still_open if row.decision_due_on < on),
    )


def build(scope: ReportScope) -> Section:
    found = Objection.objects.filter(
        decision__initiative__neighbourhood_id__in=scope.wijk_ids,
        received_on__gte=scope.starts_on,
        received_on__lte=scope.ends_on,
    ).values_list(
        "decision__initiative__neighbourhood_id",
        "status",
        "received_on",
        "decision_due_on",
        "decided_on",
        "late",
        "extended",
    )
    by_wijk: dict[int, list[Found]] = defaultdict(list)
    for row in found:
        by_wijk[int(row[0])].append(Found(*row))
    rows = [_row(w.name, by_wijk[w.pk], scope.on) for w in scope.wijken]
    everything = [r for w in scope.wijken for r in by_wijk[w.pk]]
    return per_wijk(
        key="objections",
        title=_("Objections"),
        intro=_(
            "Objections against decisions received in this period: how they ended, "
            "the average number of days until the decision on the objection, and "
            "those still open."
        ),
        columns=(
            Column("received", _("Received"), Kind.COUNT),
            Column("late", _("Received late"), Kind.COUNT),
            Column("upheld", _("Upheld"), Kind.COUNT),
            Column("partly_upheld", _("Partly upheld"), Kind.COUNT),
            Column("unfounded", _("Unfounded"), Kind.COUNT),
            Column("not_admissible", _("Not admissible"), Kind.COUNT),
            Column("withdrawn", _("Withdrawn"), Kind.COUNT),
            Column("average_days", _("Average days to decide"), Kind.DAYS),
            Column("postponed", _("Term postponed"), Kind.COUNT),
            Column("open", _("Still open"), Kind.COUNT),
            Column("open_overdue", _("Open after the decision date"), Kind.COUNT),
        ),
        rows=rows,
        total=lambda: _row(_("Total"), everything, scope.on),
        chart=Chart(
            title=_("Objections received per wijk"),
            bars=tuple(Bar(w.name, len(by_wijk[w.pk])) for w in scope.wijken),
        ),
    )
