"""Reads of the accountability app: the spending that pre-fills the report (from the
ledger and the vouchers), a plan's execution file, the lists for the officials, the
public updates, and the figures per period that council reports build on
(``accountability_figures``)."""

from __future__ import annotations

import datetime as dt
import math
import random
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from wijkvoucher.accountability.constants import ChangeStatus, RecoveryStatus
from wijkvoucher.accountability.models import (
    AccountabilityReport,
    PlanChange,
    ProgressUpdate,
    Recovery,
    RecoveryWaiver,
    SampleDraw,
    Settlement,
)
from wijkvoucher.decisions.models import Decision
from wijkvoucher.decisions.selectors import decision_award_latest
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.selectors.initiatives import budget_lines_of
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.payments.models import Claim
from wijkvoucher.payments.selectors.resident import claims_waiting_cents, voucher_totals
from wijkvoucher.vouchers.models import Redemption
from wijkvoucher.vouchers.selectors.resident import initiative_vouchers

S = InitiativeStatus
# The plan's budget line a spend is put under when no line names its provider.
OTHER = ""


# --- The random sample ---------------------------------------------------------------


def sample_size(population: int, percent: int) -> int:
    """How many plans a draw picks: the percentage rounded up, at least one when
    anything can be drawn and the percentage is above zero."""
    if population <= 0 or percent <= 0:
        return 0
    return min(population, math.ceil(population * percent / 100))


def sample_pick(population: Sequence[int], seed: str, size: int) -> list[int]:
    """The plans a draw with ``seed`` picks from ``population``: the same seed and
    population give the same list, on any machine (Python's ``random.Random``
    seeded with a string is stable across versions)."""
    ordered = sorted(set(population))
    # Not a secret: the seed itself comes from ``secrets``; this only replays it.
    rng = random.Random(seed)  # noqa: S311
    return sorted(rng.sample(ordered, min(size, len(ordered))))


# --- The spending that pre-fills the report ------------------------------------------


@dataclass(frozen=True)
class LineSpending:
    description: str
    planned_cents: int
    spent_cents: int


@dataclass(frozen=True)
class Spending:
    awarded_cents: int
    spent_cents: int
    left_cents: int
    lines: list[LineSpending]
    providers: list[tuple[str, int]]

    def as_json(self) -> dict[str, object]:
        return {
            "awarded_cents": self.awarded_cents,
            "spent_cents": self.spent_cents,
            "left_cents": self.left_cents,
            "lines": [
                {
                    "description": line.description,
                    "planned_cents": line.planned_cents,
                    "spent_cents": line.spent_cents,
                }
                for line in self.lines
            ],
            "providers": [
                {"name": name, "spent_cents": cents} for name, cents in self.providers
            ],
        }


def plan_lines(*, initiative: Initiative) -> list[tuple[str, int]]:
    """The plan's budget lines as they stand now: an applied or approved change
    rewrites them (``PlanChange`` keeps what they were)."""
    return [
        (line.description, int(line.amount_cents))
        for line in budget_lines_of(initiative=initiative)
    ]


def plan_ends_on(*, initiative: Initiative) -> dt.date | None:
    """The end of the activity: the plan's end date, which an applied or approved
    change moves."""
    return initiative.ends_on


def lines_with_claims(*, initiative: Initiative) -> set[str]:
    """The descriptions of the plan's budget lines a reimbursement or advance names."""
    return set(
        Claim.objects.filter(
            initiative=initiative, budget_line__isnull=False
        ).values_list("budget_line__description", flat=True)
    )


_WORD = re.compile(r"\w{3,}")


def _words(text: str) -> set[str]:
    return {word.casefold() for word in _WORD.findall(text)}


def _line_for_spend(candidates: list[str], description: str) -> str:
    """Of the lines naming the spend's provider, the one whose description shares
    the most words with what the provider wrote (the first line on a tie)."""
    if len(candidates) == 1:
        return candidates[0]
    said = _words(description)
    return max(candidates, key=lambda line: len(_words(line) & said))


def spending_for(*, initiative: Initiative) -> Spending:
    """What the ledger says the plan spent: per budget line (an approved claim names
    its line; a spend at a provider counts under the line that names that provider,
    and when several do, under the one whose description is most like the spend's),
    per provider, and what is left on the vouchers."""
    vouchers = initiative_vouchers(initiative=initiative)
    award = decision_award_latest(initiative=initiative)
    totals = voucher_totals(vouchers=vouchers)
    lines = plan_lines(initiative=initiative)
    known = {description for description, _cents in lines}
    by_provider: dict[str, list[str]] = defaultdict(list)
    for line in budget_lines_of(initiative=initiative):
        if line.provider_name.strip() and line.description in known:
            by_provider[line.provider_name.strip().casefold()].append(line.description)
    per_provider: dict[str, int] = defaultdict(int)
    per_line: dict[str, int] = defaultdict(int)
    for row in Redemption.objects.filter(voucher__in=vouchers).select_related(
        "provider"
    ):
        cents = int(row.refundable_cents)
        if not cents:
            continue
        per_provider[row.provider.name] += cents
        candidates = by_provider.get(row.provider.name.casefold())
        description = (
            _line_for_spend(candidates, row.description) if candidates else OTHER
        )
        per_line[description] += cents
    for claim in Claim.objects.filter(
        initiative=initiative, transaction__isnull=False
    ).select_related("budget_line"):
        description = claim.budget_line.description if claim.budget_line else OTHER
        per_line[description if description in known else OTHER] += int(
            claim.amount_cents
        )
    rows = [
        LineSpending(description, planned, per_line.pop(description, 0))
        for description, planned in lines
    ]
    if per_line.get(OTHER):
        rows.append(LineSpending(OTHER, 0, per_line[OTHER]))
    return Spending(
        awarded_cents=int(award.amount_cents) if award else 0,
        spent_cents=totals.spent_cents,
        left_cents=totals.left_cents,
        lines=rows,
        providers=sorted(per_provider.items()),
    )


def claims_waiting(*, initiative: Initiative) -> bool:
    return claims_waiting_cents(initiative=initiative) > 0


# --- Dates ---------------------------------------------------------------------------


def report_due_on(*, initiative: Initiative) -> dt.date | None:
    """The day the accountability report is due: the regeling's weeks after the end
    of the activity (or after the beschikking's deadline when the plan has no end
    date)."""
    end = plan_ends_on(initiative=initiative)
    if end is None:
        award = decision_award_latest(initiative=initiative)
        end = award.execution_deadline if award else None
    if end is None:
        return None
    version = initiative.regulation_version
    weeks = version.accountability_due_weeks if version is not None else 4
    return end + dt.timedelta(weeks=weeks)


def settle_due_on(*, initiative: Initiative) -> dt.date | None:
    """The end of the vaststelling term (weeks after the beschikking's deadline)."""
    award = decision_award_latest(initiative=initiative)
    if award is None or award.execution_deadline is None:
        return None
    weeks = award.settlement_term_weeks or 13
    return award.execution_deadline + dt.timedelta(weeks=weeks)


# --- One plan ------------------------------------------------------------------------


@dataclass
class ExecutionFile:
    """Everything of one plan's execution and accountability, for its pages."""

    initiative: Initiative
    award: Decision | None
    updates: list[ProgressUpdate]
    changes: list[PlanChange]
    report: AccountabilityReport | None
    settlement: Settlement | None
    recoveries: list[Recovery]
    report_due_on: dt.date | None
    in_sample: SampleDraw | None
    lines: list[tuple[str, int]] = field(default_factory=list)

    @property
    def pending_change(self) -> PlanChange | None:
        return next((c for c in self.changes if c.status == ChangeStatus.PENDING), None)


def sample_draw_for(*, initiative: Initiative) -> SampleDraw | None:
    """The draw that picked this plan for a closer check, if any."""
    for draw in SampleDraw.objects.filter(
        neighbourhood_id=initiative.neighbourhood_id
    ).order_by("-created_at", "-pk"):
        if initiative.pk in draw.drawn:
            return draw
    return None


def execution_file(*, initiative: Initiative) -> ExecutionFile:
    photos = Prefetch("photos")
    return ExecutionFile(
        initiative=initiative,
        award=decision_award_latest(initiative=initiative),
        updates=list(
            ProgressUpdate.objects.filter(initiative=initiative).prefetch_related(
                photos
            )
        ),
        changes=list(
            PlanChange.objects.filter(initiative=initiative).select_related(
                "decided_by"
            )
        ),
        report=AccountabilityReport.objects.filter(initiative=initiative)
        .prefetch_related(photos)
        .first(),
        settlement=Settlement.objects.filter(initiative=initiative)
        .select_related("decision")
        .first(),
        recoveries=list(
            Recovery.objects.filter(initiative=initiative)
            .select_related("decision", "waiver__decision")
            .prefetch_related("payments")
        ),
        report_due_on=report_due_on(initiative=initiative),
        in_sample=sample_draw_for(initiative=initiative),
        lines=plan_lines(initiative=initiative),
    )


# --- The officials' lists ------------------------------------------------------------


def changes_waiting(*, neighbourhoods: Iterable[Neighbourhood]) -> QuerySet[PlanChange]:
    return (
        PlanChange.objects.filter(
            status=ChangeStatus.PENDING,
            initiative__neighbourhood__in=list(neighbourhoods),
        )
        .select_related("initiative__neighbourhood", "requested_by")
        .order_by("created_at", "pk")
    )


def plans_to_settle(*, neighbourhoods: Iterable[Neighbourhood]) -> QuerySet[Initiative]:
    """Plans being carried out in these wijken, with their report when sent, oldest
    first; one query for the plans and one for their reports whatever the count."""
    return (
        Initiative.objects.filter(
            status=S.IN_EXECUTION, neighbourhood__in=list(neighbourhoods)
        )
        .select_related("neighbourhood", "accountability_report")
        .order_by("ends_on", "pk")
    )


def sample_candidates(*, neighbourhood: Neighbourhood) -> list[int]:
    """Plans of the wijk a new draw may pick: being carried out, report sent, not
    settled, and not in an earlier draw."""
    drawn_before: set[int] = set()
    for population in SampleDraw.objects.filter(
        neighbourhood=neighbourhood
    ).values_list("population", flat=True):
        drawn_before.update(int(pk) for pk in population)
    return sorted(
        pk
        for pk in Initiative.objects.filter(
            neighbourhood=neighbourhood,
            status=S.IN_EXECUTION,
            accountability_report__isnull=False,
        ).values_list("pk", flat=True)
        if pk not in drawn_before
    )


def sample_draws(*, neighbourhoods: Iterable[Neighbourhood]) -> QuerySet[SampleDraw]:
    return (
        SampleDraw.objects.filter(neighbourhood__in=list(neighbourhoods))
        .select_related("neighbourhood", "drawn_by")
        .order_by("-created_at", "-pk")
    )


def recoveries_open(*, neighbourhoods: Iterable[Neighbourhood]) -> QuerySet[Recovery]:
    return (
        Recovery.objects.filter(
            status=RecoveryStatus.OPEN,
            initiative__neighbourhood__in=list(neighbourhoods),
        )
        .select_related("initiative", "decision")
        .order_by("due_on", "pk")
    )


# --- The public page -----------------------------------------------------------------


def public_updates(*, initiative_id: int) -> list[ProgressUpdate]:
    """The progress updates the initiator agreed to publish, newest first, with
    their photos (two queries)."""
    return list(
        ProgressUpdate.objects.filter(initiative_id=initiative_id, public=True)
        .prefetch_related("photos")
        .order_by("-created_at", "-pk")
    )


def public_report(*, initiative_id: int) -> AccountabilityReport | None:
    """The report, when the initiator agreed to publish it."""
    return (
        AccountabilityReport.objects.filter(initiative_id=initiative_id, public=True)
        .prefetch_related("photos")
        .first()
    )


# --- Figures per period (for the council's reports) ----------------------------------


@dataclass(frozen=True)
class AccountabilityFigures:
    settled: int
    returned_cents: int
    established_cents: int
    reports: int
    reports_on_time: int
    sampled: int
    sample_findings: int
    recoveries: int
    recovered_claimed_cents: int
    recovered_received_cents: int
    # Forgiven by a kwijtschelding in the period: never counted as received.
    recovered_waived_cents: int


def accountability_figures(
    *,
    start: dt.date,
    end: dt.date,
    neighbourhood: Neighbourhood | None = None,
) -> AccountabilityFigures:
    """Counts and sums for settlements, reports, samples and recoveries made from
    ``start`` up to and including ``end`` (Amsterdam days), for one wijk or all.
    Received back counts payments only; waived money is its own figure."""
    tz = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    where = Q(initiative__neighbourhood=neighbourhood) if neighbourhood else Q()
    settlements = Settlement.objects.filter(
        where, created_at__gte=since, created_at__lt=until
    )
    sums = settlements.aggregate(
        returned=Sum("returned_cents"), established=Sum("established_cents")
    )
    reports = list(
        AccountabilityReport.objects.filter(
            where, submitted_at__gte=since, submitted_at__lt=until
        ).only("submitted_at", "due_on")
    )
    recoveries = Recovery.objects.filter(
        where, created_at__gte=since, created_at__lt=until
    )
    received = (
        Recovery.objects.filter(where)
        .filter(payments__received_on__gte=start, payments__received_on__lte=end)
        .aggregate(total=Sum("payments__amount_cents"))["total"]
    )
    waived = RecoveryWaiver.objects.filter(
        Q(recovery__initiative__neighbourhood=neighbourhood) if neighbourhood else Q(),
        created_at__gte=since,
        created_at__lt=until,
    ).aggregate(total=Sum("amount_cents"))["total"]
    sampled = settlements.filter(sample_draw__isnull=False)
    return AccountabilityFigures(
        settled=settlements.count(),
        returned_cents=int(sums["returned"] or 0),
        established_cents=int(sums["established"] or 0),
        reports=len(reports),
        reports_on_time=sum(1 for r in reports if r.on_time),
        sampled=sampled.count(),
        sample_findings=recoveries.filter(reason="sample_finding").count(),
        recoveries=recoveries.count(),
        recovered_claimed_cents=int(
            recoveries.aggregate(total=Sum("amount_cents"))["total"] or 0
        ),
        recovered_received_cents=int(received or 0),
        recovered_waived_cents=int(waived or 0),
    )
