"""The public quarterly overview of a wijk (docs/transparency.md#the-wijk-page-and-its-sub-pages,
"quarterly overview"): counts and sums only, no plan titles, no names. The same rows feed the
HTML table and the CSV download."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wijkvoucher.initiatives.constants import InitiativeStatus, ReasonCode
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.selectors.deadlines import initiatives_past_term_count
from wijkvoucher.neighbourhoods.models import BudgetPeriod, Neighbourhood
from wijkvoucher.neighbourhoods.selectors.budgets import budget_summaries
from wijkvoucher.transparency.selectors.plans import (
    DECIDED_STATUSES,
    PublicPlan,
    public_plans,
)

S = InitiativeStatus

FIRST_YEAR = 2000


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @property
    def starts_on(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def ends_on(self) -> dt.date:
        if self.number == 4:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, 3 * self.number + 1, 1) - dt.timedelta(days=1)

    def includes(self, day: dt.date | None) -> bool:
        return day is not None and self.starts_on <= day <= self.ends_on

    @classmethod
    def of(cls, day: dt.date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    def previous(self) -> Quarter:
        if self.number == 1:
            return Quarter(self.year - 1, 4)
        return Quarter(self.year, self.number - 1)


@dataclass(frozen=True)
class QuarterRow:
    """One line of the overview. ``key`` is stable (for the CSV); ``number`` and
    ``amount_cents`` are None where they mean nothing."""

    key: str
    label: str
    number: int | None = None
    amount_cents: int | None = None
    # A detail of the row above it (a reason, a part of a total).
    detail: bool = False


@dataclass(frozen=True)
class QuarterReport:
    neighbourhood: Neighbourhood
    quarter: Quarter
    rows: list[QuarterRow]
    period: BudgetPeriod | None
    # The quarter is not over yet: the numbers will still change.
    running: bool

    def row(self, key: str) -> QuarterRow:
        return next(r for r in self.rows if r.key == key)


def quarter_valid(*, year: int, number: int, on: dt.date) -> Quarter | None:
    """The quarter ``number`` of ``year`` if it exists and has begun on ``on``."""
    if not 1 <= number <= 4 or year < FIRST_YEAR:
        return None
    quarter = Quarter(year, number)
    if quarter > Quarter.of(on):
        return None
    return quarter


def quarters_available(*, neighbourhood: Neighbourhood, on: dt.date) -> list[Quarter]:
    """Every quarter from the first submitted plan of ``neighbourhood`` (or the
    current quarter when there is none) up to the current one, newest first."""
    first = Initiative.objects.filter(
        neighbourhood=neighbourhood, submitted_at__isnull=False
    ).aggregate(first=Min("submitted_at"))["first"]
    current = Quarter.of(on)
    start = Quarter.of(timezone.localdate(first)) if first else current
    quarters = [current]
    while quarters[-1] > start:
        quarters.append(quarters[-1].previous())
    return quarters


def _submitted_and_withdrawn(
    neighbourhood: Neighbourhood, quarter: Quarter
) -> tuple[int, int]:
    """Plans received in the quarter, and how many of those the initiator took back
    (two numbers, one query)."""
    start = dt.datetime.combine(quarter.starts_on, dt.time.min)
    end = dt.datetime.combine(quarter.ends_on + dt.timedelta(days=1), dt.time.min)
    tz = timezone.get_current_timezone()
    counts = Initiative.objects.filter(
        neighbourhood=neighbourhood,
        submitted_at__gte=start.replace(tzinfo=tz),
        submitted_at__lt=end.replace(tzinfo=tz),
    ).aggregate(
        submitted=Count("pk"),
        withdrawn=Count("pk", filter=Q(status=S.WITHDRAWN)),
    )
    return counts["submitted"], counts["withdrawn"]


def _period(neighbourhood: Neighbourhood, quarter: Quarter) -> BudgetPeriod | None:
    """The budget period that covers the end of the quarter, else the last one that
    overlaps it."""
    return (
        BudgetPeriod.objects.filter(
            neighbourhood=neighbourhood,
            starts_on__lte=quarter.ends_on,
            ends_on__gte=quarter.starts_on,
        )
        .select_related("account")
        .order_by("-starts_on")
        .first()
    )


def _reason_rows(
    prefix: str, plans: list[PublicPlan], *, of_decision: bool = True
) -> list[QuarterRow]:
    """Per reason how many of ``plans`` carry it: the reason of their decision, or
    (``of_decision=False``) the reason they carry now, e.g. of their cancellation."""
    codes = [p.decision_reason_code if of_decision else p.reason_code for p in plans]
    counts = Counter(code for code in codes if code)
    return [
        QuarterRow(
            key=f"{prefix}_reason_{code}",
            label=str(ReasonCode(code).label),
            number=counts[code],
            detail=True,
        )
        for code in ReasonCode.values
        if counts[code]
    ]


def _lead_time_days(plans: list[PublicPlan]) -> int | None:
    days = [
        (p.decided_on - p.submitted_on).days
        for p in plans
        if p.decided_on is not None and p.submitted_on is not None
    ]
    if not days:
        return None
    # Rounded half up (not to even), as people round.
    return (2 * sum(days) + len(days)) // (2 * len(days))


def _in_term(plan: PublicPlan) -> bool:
    """Decided on or before the decision date (Awb 4:13; moved by paused days)."""
    if plan.decided_on is None or plan.decision_due_on is None:
        return True
    return plan.decided_on <= plan.decision_due_on


def _decision_rows(decided: list[PublicPlan]) -> list[QuarterRow]:
    in_term = [p for p in decided if _in_term(p)]
    awarded = [p for p in decided if p.outcome == S.AWARDED]
    partly = [p for p in decided if p.outcome == S.PARTLY_AWARDED]
    rejected = [p for p in decided if p.outcome == S.REJECTED]
    not_processed = [p for p in decided if p.outcome == S.NOT_PROCESSED]
    return [
        QuarterRow("decided", str(_("Decisions taken")), len(decided)),
        QuarterRow(
            "decided_in_term",
            str(_("of which within the decision term")),
            len(in_term),
            detail=True,
        ),
        QuarterRow(
            "decided_late",
            str(_("of which after the decision term")),
            len(decided) - len(in_term),
            detail=True,
        ),
        QuarterRow(
            "lead_time_days",
            str(_("Average number of days from submission to decision")),
            _lead_time_days(decided),
        ),
        QuarterRow(
            "awarded",
            str(_("Awarded in full")),
            len(awarded),
            sum(p.awarded_cents or 0 for p in awarded),
        ),
        QuarterRow(
            "partly_awarded",
            str(_("Partly awarded")),
            len(partly),
            sum(p.awarded_cents or 0 for p in partly),
        ),
        *_reason_rows("partly_awarded", partly),
        QuarterRow("rejected", str(_("Rejected")), len(rejected)),
        *_reason_rows("rejected", rejected),
        QuarterRow(
            "not_processed",
            str(_("Not processed (information did not arrive in time)")),
            len(not_processed),
        ),
    ]


def _past_term_row(
    neighbourhood: Neighbourhood, quarter: Quarter, on: dt.date
) -> QuarterRow:
    """Plans still waiting for a decision at the end of the quarter (today, for the
    quarter that runs) although their decision term had ended: a late plan counts
    here in every quarter it is still late at the end of, and once decided among the
    decisions "after the decision term"."""
    day = min(quarter.ends_on, on)
    label: Promise = _(
        "Still waiting for a decision on %(date)s, after the end of the decision term"
    )
    return QuarterRow(
        "open_past_term",
        str(label) % {"date": date_format(day, "DATE_FORMAT")},
        initiatives_past_term_count(neighbourhood=neighbourhood, on=day),
    )


def _budget_rows(
    period: BudgetPeriod | None, plans: list[PublicPlan], quarter: Quarter
) -> list[QuarterRow]:
    if period is None or period.published_at is None:
        return []
    summary = budget_summaries(budget_periods=[period])[period.pk]
    # What the decisions up to the end of the quarter took from this period's
    # budget, less what came back from plans cancelled by then.
    committed = sum(
        p.awarded_cents or 0
        for p in plans
        if p.decided_on is not None
        and period.starts_on <= p.decided_on <= quarter.ends_on
        and not (p.cancelled_on is not None and p.cancelled_on <= quarter.ends_on)
    )
    label: Promise = _("Budget %(period)s: ceiling")
    return [
        QuarterRow(
            "budget_ceiling",
            str(label) % {"period": period.name},
            amount_cents=summary.ceiling_cents,
        ),
        QuarterRow(
            "budget_awarded",
            str(_("Awarded from this budget up to the end of the quarter")),
            amount_cents=committed,
            detail=True,
        ),
        QuarterRow(
            "budget_available",
            str(_("Left at the end of the quarter")),
            amount_cents=summary.ceiling_cents - committed,
            detail=True,
        ),
    ]


def quarter_report(
    *, neighbourhood: Neighbourhood, quarter: Quarter, on: dt.date
) -> QuarterReport:
    """The numbers of ``quarter`` for ``neighbourhood``: plans received, decisions
    (in term or late, by outcome and reason), average lead time, plans still waiting
    after their decision term, cancellations and the budget. A plan counts in the
    quarter of its submission, its decision (the date of the beschikking, else of the
    decision step) and its cancellation, and in every quarter at whose end (today, for
    the running quarter) it was waiting past its decision term."""
    submitted, withdrawn = _submitted_and_withdrawn(neighbourhood, quarter)
    plans = public_plans(neighbourhood=neighbourhood, statuses=DECIDED_STATUSES)
    decided = [p for p in plans if quarter.includes(p.decided_on)]
    cancelled = [p for p in plans if quarter.includes(p.cancelled_on)]
    period = _period(neighbourhood, quarter)
    rows = [
        QuarterRow("submitted", str(_("Plans submitted")), submitted),
        QuarterRow(
            "withdrawn",
            str(_("of which withdrawn by the initiator")),
            withdrawn,
            detail=True,
        ),
        *_decision_rows(decided),
        _past_term_row(neighbourhood, quarter, on),
        QuarterRow(
            "cancelled",
            str(_("Awarded earlier, but cancelled: not carried out")),
            len(cancelled),
        ),
        *_reason_rows("cancelled", cancelled, of_decision=False),
        *_budget_rows(period, plans, quarter),
    ]
    return QuarterReport(
        neighbourhood=neighbourhood,
        quarter=quarter,
        rows=rows,
        period=period,
        running=quarter.ends_on >= on,
    )
