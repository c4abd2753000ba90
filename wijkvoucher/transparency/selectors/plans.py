"""Reads for the public list and pages of a wijk's plans (docs/transparency.md, issue #3
points 7 and 11). Everything here is public, so it reads only what may be shown:

- the initiator's name only when ``publish_initiator_name`` is set;
- the plan's own text (summary, description) once it got money; of a plan that is
  still being assessed or got none only its title, reason and the municipality's
  public explanation, unless the initiator agreed to more when sending it
  (``publish_text_if_not_awarded``, issue #9, point 8): a rejected plan's text can
  name the people behind it;
- of a status change only its status, reason code and date: never who took it, never
  the motivation (which may hold personal data);
- of a beschikking only its outcome, amount, reason code, date and the
  ``public_explanation`` that was written for the public.

Drafts and withdrawn plans are never shown: a draft is not a plan yet, and a withdrawn
plan was taken back by its initiator before anything was decided."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative, StatusChange
from wijkvoucher.initiatives.workflow import DECISION_PENDING
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.transparency.decision_facts import DecisionFact, decision_facts
from wijkvoucher.transparency.selectors.reasons import (
    ReasonChart,
    ReasonCount,
    reason_chart,
    reason_counts,
    reason_label,
)

S = InitiativeStatus

# Plans that got money: awarded in full or in part, being carried out, or done.
AWARDED_STATUSES: tuple[S, ...] = (
    S.AWARDED,
    S.PARTLY_AWARDED,
    S.IN_EXECUTION,
    S.SETTLED,
)
# Plans that did not get money, or got it but were not carried out.
NOT_REALISED_STATUSES: tuple[S, ...] = (S.REJECTED, S.CANCELLED, S.NOT_PROCESSED)
# Decided: these have a public page of their own.
DECIDED_STATUSES: tuple[S, ...] = AWARDED_STATUSES + NOT_REALISED_STATUSES
# Plans that got money (a cancelled plan got it first): their text is public.
TEXT_PUBLIC_STATUSES = frozenset((*AWARDED_STATUSES, S.CANCELLED))
# Received and waiting for a decision (the clock may be paused for information).
IN_PROGRESS_STATUSES: tuple[S, ...] = tuple(
    sorted(DECISION_PENDING | {S.INFORMATION_REQUESTED})
)
PUBLIC_STATUSES: tuple[S, ...] = DECIDED_STATUSES + IN_PROGRESS_STATUSES

# The steps that are the decision on the application itself.
DECISION_STEPS = frozenset({S.AWARDED, S.PARTLY_AWARDED, S.REJECTED, S.NOT_PROCESSED})

IN_PROGRESS = "in_progress"

# The status of a plan as the public reads it.
STATUS_LABELS: dict[str, Promise] = {
    S.AWARDED: _("Awarded"),
    S.PARTLY_AWARDED: _("Partly awarded"),
    S.IN_EXECUTION: _("Being carried out"),
    S.SETTLED: _("Carried out and settled"),
    S.REJECTED: _("Rejected"),
    S.CANCELLED: _("Awarded, but not carried out"),
    S.NOT_PROCESSED: _("Not processed: information missing"),
    S.DEFERRED: _("Being assessed: deferred to a later meeting"),
    IN_PROGRESS: _("Being assessed"),
}


# Filter values of the list page, in the order of the select.
STATUS_FILTERS: dict[str, Promise] = {
    S.AWARDED: _("Awarded"),
    S.PARTLY_AWARDED: _("Partly awarded"),
    S.IN_EXECUTION: _("Being carried out"),
    S.SETTLED: _("Carried out and settled"),
    S.REJECTED: _("Rejected"),
    S.CANCELLED: _("Awarded, but not carried out"),
    S.NOT_PROCESSED: _("Not processed"),
    IN_PROGRESS: _("Being assessed"),
}


@dataclass(frozen=True)
class PublicPlan:
    uuid: uuid.UUID
    title: str
    summary: str
    status: str
    status_label: str
    # awarded, partly_awarded, rejected or not_processed once decided; else "".
    outcome: str
    # The amount of the decision; for a full award without a beschikking on record,
    # the amount asked for. None when not known (yet).
    awarded_cents: int | None
    requested_cents: int
    # Empty unless the initiator agreed to publication.
    initiator_name: str
    submitted_on: dt.date | None
    decision_due_on: dt.date | None
    decided_on: dt.date | None
    # The day an awarded plan was cancelled.
    cancelled_on: dt.date | None
    reason_code: str
    reason_label: str
    # The reason of the decision (partly awarded, rejected, not processed); differs
    # from ``reason_code`` for a plan cancelled after a partial award.
    decision_reason_code: str
    # Written by the municipality for the public; only from a beschikking.
    public_explanation: str
    decision_number: str

    @property
    def decision_reason_label(self) -> str:
        return reason_label(self.decision_reason_code)

    @property
    def has_page(self) -> bool:
        return self.status in DECIDED_STATUSES

    @property
    def is_awarded(self) -> bool:
        return self.status in AWARDED_STATUSES

    @property
    def is_not_realised(self) -> bool:
        return self.status in NOT_REALISED_STATUSES

    @property
    def in_progress(self) -> bool:
        return self.status in IN_PROGRESS_STATUSES

    @property
    def year(self) -> int | None:
        return self.submitted_on.year if self.submitted_on else None

    @property
    def sort_date(self) -> dt.date:
        return self.cancelled_on or self.decided_on or self.submitted_on or dt.date.min


@dataclass(frozen=True)
class PlanList:
    awarded: list[PublicPlan]
    not_realised: list[PublicPlan]
    in_progress: list[PublicPlan]
    reasons: list[ReasonCount]
    years: list[int]
    # Plans in the chosen year (all years when none), before the status filter.
    counted: int = 0
    awarded_total_cents: int = 0
    filters: dict[str, str] = field(default_factory=dict)

    @property
    def reasons_total(self) -> int:
        return sum(r.total for r in self.reasons)

    @property
    def chart(self) -> ReasonChart:
        return reason_chart(self.reasons)


def _local_date(moment: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(moment) if moment is not None else None


def status_label(status: str) -> str:
    if status in STATUS_LABELS:
        return str(STATUS_LABELS[status])
    return str(STATUS_LABELS[IN_PROGRESS])


_STEPS = "public_steps"


def _public_steps() -> Prefetch[str, QuerySet[StatusChange], str]:
    """The timeline rows with only what may be shown: no actor, no motivation."""
    return Prefetch(
        "status_changes",
        queryset=StatusChange.objects.only(
            "pk",
            "initiative_id",
            "from_status",
            "to_status",
            "reason_code",
            "created_at",
        ).order_by("created_at", "pk"),
        to_attr=_STEPS,
    )


def _initiatives(
    *, neighbourhood: Neighbourhood, statuses: Iterable[str]
) -> QuerySet[Initiative]:
    return (
        Initiative.objects.filter(neighbourhood=neighbourhood, status__in=statuses)
        .select_related("initiator")
        .only(
            "pk",
            "uuid",
            "neighbourhood_id",
            "title",
            "summary",
            "status",
            "submitted_at",
            "decision_due_on",
            "requested_amount_cents",
            "publish_initiator_name",
            "publish_text_if_not_awarded",
            "initiator__id",
            "initiator__full_name",
        )
        .prefetch_related(_public_steps())
    )


def _last(
    steps: Sequence[StatusChange], statuses: Iterable[str]
) -> StatusChange | None:
    wanted = set(statuses)
    for change in reversed(steps):
        if change.to_status in wanted:
            return change
    return None


def _awarded_cents(
    outcome: str, decision: DecisionFact | None, requested: int
) -> int | None:
    if decision is not None and outcome in (S.AWARDED, S.PARTLY_AWARDED):
        return decision.amount_cents
    if outcome == S.AWARDED:
        return requested
    return None


def _decision_reason_code(
    decision_step: StatusChange | None, decision: DecisionFact | None
) -> str:
    """The coded reason of the decision itself (partly awarded, rejected, not
    processed): from the beschikking when there is one, else from the step."""
    if decision_step is None or decision_step.to_status == S.AWARDED:
        return ""
    if decision is not None and decision.reason_code:
        return decision.reason_code
    return decision_step.reason_code


def _reason_code(
    status: str, steps: Sequence[StatusChange], decision_reason: str
) -> str:
    """The coded reason the public sees first: of the cancellation for a cancelled
    plan, of the deferral for a deferred one, else of the decision."""
    if status == S.CANCELLED:
        cancelled = _last(steps, [S.CANCELLED])
        return cancelled.reason_code if cancelled else ""
    if status == S.DEFERRED:
        deferred = _last(steps, [S.DEFERRED])
        return deferred.reason_code if deferred else ""
    return decision_reason


def text_is_public(initiative: Initiative) -> bool:
    """Whether the plan's own words may be shown: once it got money, or when its
    initiator agreed to it for a plan that got none."""
    return (
        initiative.status in TEXT_PUBLIC_STATUSES
        or initiative.publish_text_if_not_awarded
    )


def _public_plan(initiative: Initiative, decision: DecisionFact | None) -> PublicPlan:
    steps: list[StatusChange] = getattr(initiative, _STEPS)
    status = initiative.status
    decision_step = _last(steps, DECISION_STEPS)
    outcome = decision_step.to_status if decision_step else ""
    decision_reason = _decision_reason_code(decision_step, decision)
    code = _reason_code(status, steps, decision_reason)
    decided_on = None
    if decision is not None:
        decided_on = decision.issued_on
    elif decision_step is not None:
        decided_on = _local_date(decision_step.created_at)
    cancelled = _last(steps, [S.CANCELLED]) if status == S.CANCELLED else None
    name = ""
    if initiative.publish_initiator_name:
        name = initiative.initiator.full_name
    return PublicPlan(
        uuid=initiative.uuid,
        title=initiative.title,
        summary=initiative.summary if text_is_public(initiative) else "",
        status=status,
        status_label=status_label(status),
        outcome=outcome,
        awarded_cents=_awarded_cents(
            outcome, decision, initiative.requested_amount_cents
        ),
        requested_cents=initiative.requested_amount_cents,
        initiator_name=name,
        submitted_on=_local_date(initiative.submitted_at),
        decision_due_on=initiative.decision_due_on,
        decided_on=decided_on,
        cancelled_on=_local_date(cancelled.created_at) if cancelled else None,
        reason_code=code,
        reason_label=reason_label(code),
        decision_reason_code=decision_reason,
        public_explanation=decision.public_explanation if decision else "",
        decision_number=decision.number if decision else "",
    )


def public_plans(
    *,
    neighbourhood: Neighbourhood,
    statuses: Iterable[str] = PUBLIC_STATUSES,
    submitted_in: int | None = None,
) -> list[PublicPlan]:
    """The plans of ``neighbourhood`` in ``statuses`` as the public may see them, in
    three queries (plans, their steps, their beschikkingen) however many there are.
    ``submitted_in``: only plans submitted in that year."""
    qs = _initiatives(neighbourhood=neighbourhood, statuses=statuses)
    if submitted_in is not None:
        qs = qs.filter(submitted_at__year=submitted_in)
    initiatives = list(qs)
    decisions = decision_facts(initiative_ids=[i.pk for i in initiatives])
    return [_public_plan(i, decisions.get(i.pk)) for i in initiatives]


def plan_years(*, neighbourhood: Neighbourhood) -> list[int]:
    """The years in which the public plans of ``neighbourhood`` were submitted, newest
    first."""
    moments = (
        Initiative.objects.filter(
            neighbourhood=neighbourhood, status__in=PUBLIC_STATUSES
        )
        .exclude(submitted_at__isnull=True)
        .datetimes("submitted_at", "year", order="DESC")
    )
    return [timezone.localtime(m).year for m in moments]


def _matches(plan: PublicPlan, status: str) -> bool:
    if not status:
        return True
    if status == IN_PROGRESS:
        return plan.in_progress
    return plan.status == status


def plan_list(
    *,
    neighbourhood: Neighbourhood,
    status: str = "",
    year: int | None = None,
    years: list[int] | None = None,
) -> PlanList:
    """The list page: plans that got money, plans that did not (or were not carried
    out), plans being assessed, and the reasons counted. ``status`` (a key of
    ``STATUS_FILTERS``) filters the lists, ``year`` (of submission) the lists and the
    counts. ``years``: the result of ``plan_years`` when the caller has it."""
    plans = public_plans(neighbourhood=neighbourhood, submitted_in=year)
    shown = [p for p in plans if _matches(p, status)]
    awarded = sorted(
        (p for p in shown if p.is_awarded),
        key=lambda p: (p.sort_date, p.title),
        reverse=True,
    )
    not_realised = sorted(
        (p for p in shown if p.is_not_realised),
        key=lambda p: (p.sort_date, p.title),
        reverse=True,
    )
    in_progress = sorted(
        (p for p in shown if p.in_progress),
        key=lambda p: (p.submitted_on or dt.date.min, p.title),
    )
    return PlanList(
        awarded=awarded,
        not_realised=not_realised,
        in_progress=in_progress,
        reasons=reason_counts(plans),
        years=years if years is not None else plan_years(neighbourhood=neighbourhood),
        counted=len(plans),
        awarded_total_cents=sum(p.awarded_cents or 0 for p in awarded),
        filters={"status": status, "year": str(year) if year else ""},
    )


def recent_decisions(
    *, neighbourhood: Neighbourhood, limit: int = 5
) -> list[PublicPlan]:
    """The plans decided most recently (for the wijk page), newest first."""
    plans = public_plans(neighbourhood=neighbourhood, statuses=DECIDED_STATUSES)
    decided = [p for p in plans if p.decided_on is not None]
    decided.sort(key=lambda p: (p.decided_on or dt.date.min, p.title), reverse=True)
    return decided[:limit]
