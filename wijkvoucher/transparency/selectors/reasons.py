"""How often each reason was given, and the bar chart of the public list (see plans
for what is public)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wijkvoucher.initiatives.constants import InitiativeStatus, ReasonCode

if TYPE_CHECKING:
    from wijkvoucher.transparency.selectors.plans import PublicPlan

S = InitiativeStatus

# The reason chart: per reason a line of text and a bar under it (SVG user units).
_ROW_HEIGHT = 48
_BAR_HEIGHT = 18


@dataclass(frozen=True)
class ReasonCount:
    reason_code: str
    label: str
    rejected: int
    partly_awarded: int
    cancelled: int
    not_processed: int
    # Width of the bar in whole percent of the largest total (0–100).
    bar_percent: int = 0

    @property
    def total(self) -> int:
        return self.rejected + self.partly_awarded + self.cancelled + self.not_processed


@dataclass(frozen=True)
class ChartBar:
    label: str
    total: int
    percent: int
    text_y: int
    bar_y: int


@dataclass(frozen=True)
class ReasonChart:
    height: int
    bar_height: int
    bars: list[ChartBar]


def reason_chart(reasons: Sequence[ReasonCount]) -> ReasonChart:
    """Where the bars of ``reasons`` go: one row of ``_ROW_HEIGHT`` per reason."""
    bars = [
        ChartBar(
            label=r.label,
            total=r.total,
            percent=r.bar_percent,
            text_y=i * _ROW_HEIGHT + 18,
            bar_y=i * _ROW_HEIGHT + 24,
        )
        for i, r in enumerate(reasons)
    ]
    return ReasonChart(
        height=len(bars) * _ROW_HEIGHT, bar_height=_BAR_HEIGHT, bars=bars
    )


def reason_label(code: str) -> str:
    if code in ReasonCode.values:
        return str(ReasonCode(code).label)
    return ""


def reason_counts(plans: Iterable[PublicPlan]) -> list[ReasonCount]:
    """How often each reason was given, per kind of outcome: rejected, partly
    awarded, cancelled after the award, not processed. Only numbers; the order is
    the order of ``ReasonCode``; reasons never given are left out."""
    counts: Counter[tuple[str, str]] = Counter()
    for plan in plans:
        if not plan.reason_code:
            continue
        kind: str
        if plan.status == S.CANCELLED:
            kind = S.CANCELLED
        elif plan.status in (S.REJECTED, S.NOT_PROCESSED):
            kind = plan.status
        elif plan.outcome == S.PARTLY_AWARDED and plan.is_awarded:
            kind = S.PARTLY_AWARDED
        else:
            continue
        counts[(plan.reason_code, kind)] += 1
    rows = [
        ReasonCount(
            reason_code=code,
            label=str(ReasonCode(code).label),
            rejected=counts[(code, S.REJECTED)],
            partly_awarded=counts[(code, S.PARTLY_AWARDED)],
            cancelled=counts[(code, S.CANCELLED)],
            not_processed=counts[(code, S.NOT_PROCESSED)],
        )
        for code in ReasonCode.values
    ]
    rows = [r for r in rows if r.total]
    largest = max((r.total for r in rows), default=0)
    return [
        ReasonCount(
            reason_code=r.reason_code,
            label=r.label,
            rejected=r.rejected,
            partly_awarded=r.partly_awarded,
            cancelled=r.cancelled,
            not_processed=r.not_processed,
            bar_percent=(r.total * 100 + largest // 2) // largest if largest else 0,
        )
        for r in rows
    ]
