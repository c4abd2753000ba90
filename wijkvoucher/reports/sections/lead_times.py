"""Lead times against the Awb terms (docs/awb.md): per wijk the decisions taken in
the period, how many within four and eight weeks of receipt (Awb 4:13: at most eight
weeks), how many on or before the plan's own decision date (the regeling's term,
moved by the days the clock stood still and by an extension, Awb 4:14/4:15), the
average number of days, the extensions used, and the plans still waiting after their
decision term at the end of the period (today for a period that still runs)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from wijkvoucher.initiatives.constants import InitiativeStatus as S
from wijkvoucher.initiatives.models import StatusChange
from wijkvoucher.initiatives.selectors.deadlines import initiatives_past_term_count
from wijkvoucher.reports.sections.base import (
    Bar,
    Chart,
    Column,
    Kind,
    ReportScope,
    Section,
    Value,
    average,
    local_day,
    per_wijk,
)

DECISION_STEPS = (S.AWARDED, S.PARTLY_AWARDED, S.REJECTED, S.NOT_PROCESSED)
FOUR_WEEKS = 28
EIGHT_WEEKS = 56


@dataclass(frozen=True)
class Decided:
    wijk_id: int
    days: int
    in_term: bool
    extended: bool
    paused: bool


def decided_in(scope: ReportScope) -> list[Decided]:
    """The decisions on plans of the scope taken in its period (one query)."""
    rows = StatusChange.objects.filter(
        initiative__neighbourhood_id__in=scope.wijk_ids,
        to_status__in=DECISION_STEPS,
        created_at__gte=scope.start_moment,
        created_at__lt=scope.end_moment,
    ).values_list(
        "initiative__neighbourhood_id",
        "initiative__submitted_at",
        "initiative__decision_due_on",
        "initiative__extension_used",
        "initiative__clock_paused_days",
        "created_at",
    )
    found: list[Decided] = []
    for wijk_id, submitted_at, due_on, extended, paused_days, decided_at in rows:
        submitted = local_day(submitted_at)
        decided = local_day(decided_at)
        if submitted is None or decided is None:
            continue
        found.append(
            Decided(
                wijk_id=wijk_id,
                days=(decided - submitted).days,
                in_term=due_on is None or decided <= due_on,
                extended=bool(extended),
                paused=bool(paused_days),
            )
        )
    return found


def _row(name: str, decided: list[Decided], overdue: int) -> tuple[Value, ...]:
    in_term = sum(1 for d in decided if d.in_term)
    return (
        name,
        len(decided),
        sum(1 for d in decided if d.days <= FOUR_WEEKS),
        sum(1 for d in decided if d.days <= EIGHT_WEEKS),
        in_term,
        len(decided) - in_term,
        average([d.days for d in decided]),
        sum(1 for d in decided if d.extended),
        sum(1 for d in decided if d.paused),
        overdue,
    )


def build(scope: ReportScope) -> Section:
    by_wijk: dict[int, list[Decided]] = defaultdict(list)
    for decided in decided_in(scope):
        by_wijk[decided.wijk_id].append(decided)
    day: dt.date = scope.last_day
    overdue = {
        w.pk: initiatives_past_term_count(neighbourhood=w, on=day) for w in scope.wijken
    }
    rows = [_row(w.name, by_wijk[w.pk], overdue[w.pk]) for w in scope.wijken]
    everything = [d for w in scope.wijken for d in by_wijk[w.pk]]
    return per_wijk(
        key="lead_times",
        title=_("Lead times and the Awb terms"),
        intro=_(
            "Decisions taken in this period, counted from the day the plan was "
            "received. The law allows at most eight weeks (Awb 4:13); the decision "
            "date of a plan is later by the days the municipality waited for "
            "information and by an extension."
        ),
        columns=(
            Column("decided", _("Decisions"), Kind.COUNT),
            Column("within_4_weeks", _("Within 4 weeks"), Kind.COUNT),
            Column("within_8_weeks", _("Within 8 weeks"), Kind.COUNT),
            Column("within_term", _("On or before the decision date"), Kind.COUNT),
            Column("after_term", _("After the decision date"), Kind.COUNT),
            Column("average_days", _("Average days"), Kind.DAYS),
            Column("extensions", _("Term extended"), Kind.COUNT),
            Column("information_requested", _("Information asked"), Kind.COUNT),
            Column("open_overdue", _("Still waiting, term ended"), Kind.COUNT),
        ),
        rows=rows,
        total=lambda: _row(_("Total"), everything, sum(overdue.values())),
        chart=Chart(
            title=_("Average days from receipt to decision"),
            bars=tuple(
                Bar(w.name, average([d.days for d in by_wijk[w.pk]]) or 0)
                for w in scope.wijken
            ),
            kind=Kind.DAYS,
        ),
        note=_(
            "Still waiting, term ended: plans without a decision at the end of the "
            "period (today, when the period still runs) whose decision date had "
            "passed. The next table names them."
        ),
    )
