"""Reads about lateness: how late a plan is, the penalty payment after a notice of
default (Awb 4:17), and how many plans were past their decision term on a day (for the
quarterly overview). The arithmetic is in initiatives/deadlines.py; docs/awb.md says
what the law asks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Prefetch
from django.utils import timezone

from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.deadlines import (
    AWAITING_DECISION,
    PENALTY_MAX_CENTS,
    PENALTY_MAX_DAYS,
    DeadlineFacts,
    deadline_state,
    decision_due_on,
    penalty_cents,
    penalty_days,
    penalty_rates_text,
    penalty_starts_on,
)
from wijkvoucher.initiatives.models import Initiative, NoticeOfDefault, StatusChange

if TYPE_CHECKING:
    from wijkvoucher.neighbourhoods.models import Neighbourhood

# The municipality fixes the penalty by a decision of its own within two weeks after
# the last penalty day (Awb 4:18).
PENALTY_DECISION_DAYS = 14


@dataclass(frozen=True)
class Penalty:
    """The penalty payment after a notice of default, on ``today``."""

    notice: NoticeOfDefault
    received_on: dt.date
    starts_on: dt.date
    # The day of the decision on the plan; None while there is none.
    decided_on: dt.date | None
    days: int
    cents: int
    # The last day the penalty can run (the 42nd).
    last_possible_on: dt.date
    # Once it has stopped (decision or maximum): the day the amount must be fixed by.
    fix_by: dt.date | None
    today: dt.date

    max_cents: int = PENALTY_MAX_CENTS
    max_days: int = PENALTY_MAX_DAYS

    @property
    def started(self) -> bool:
        return self.today >= self.starts_on

    @property
    def at_maximum(self) -> bool:
        return self.days >= PENALTY_MAX_DAYS


@dataclass(frozen=True)
class DecisionDelay:
    """What the plan pages say about a decision that is late, or was late and got a
    notice of default. ``late``: the plan waits for a decision and its date has
    passed."""

    late: bool
    due_on: dt.date | None
    days_late: int
    # If a notice of default arrived today, the penalty payment would start on:
    starts_if_sent_today: dt.date
    penalty: Penalty | None
    rates: str


def _decided_on(initiative: Initiative, since: dt.datetime) -> dt.date | None:
    """The day ``initiative`` stopped waiting for a decision after ``since`` (a
    decision, withdrawal or "not processed"), if it has."""
    if initiative.status in AWAITING_DECISION:
        return None
    step = (
        StatusChange.objects.filter(initiative=initiative, created_at__gte=since)
        .exclude(to_status__in=sorted(AWAITING_DECISION))
        .order_by("created_at", "pk")
        .first()
    )
    return timezone.localdate(step.created_at) if step is not None else None


def initiative_penalty(
    *, initiative: Initiative, today: dt.date | None = None
) -> Penalty | None:
    """The penalty payment of ``initiative`` after its notice of default (None
    without one): the days and amount so far, counted up to and including the day of
    the decision, at most 42 days."""
    notice = NoticeOfDefault.objects.filter(initiative=initiative).first()
    if notice is None:
        return None
    day = today or timezone.localdate()
    decided = _decided_on(initiative, notice.received_at)
    until = min(decided, day) if decided is not None else day
    days = penalty_days(notice.penalty_starts_on, until)
    last_possible = notice.penalty_starts_on + dt.timedelta(days=PENALTY_MAX_DAYS - 1)
    fix_by = None
    if days and (decided is not None or days >= PENALTY_MAX_DAYS):
        last_day = min(until, last_possible)
        fix_by = last_day + dt.timedelta(days=PENALTY_DECISION_DAYS)
    return Penalty(
        notice=notice,
        received_on=timezone.localdate(notice.received_at),
        starts_on=notice.penalty_starts_on,
        decided_on=decided,
        days=days,
        cents=penalty_cents(days),
        last_possible_on=last_possible,
        fix_by=fix_by,
        today=day,
    )


def initiative_decision_delay(
    *, initiative: Initiative, today: dt.date | None = None
) -> DecisionDelay | None:
    """How late the decision on ``initiative`` is on ``today``, with its penalty
    payment; None when it is not late and there was no notice of default."""
    day = today or timezone.localdate()
    state = deadline_state(DeadlineFacts.of(initiative), day)
    penalty = initiative_penalty(initiative=initiative, today=day)
    if not state.overdue and penalty is None:
        return None
    return DecisionDelay(
        late=state.overdue,
        due_on=state.due_on,
        days_late=state.days_overdue,
        starts_if_sent_today=penalty_starts_on(day),
        penalty=penalty,
        rates=penalty_rates_text(),
    )


def initiatives_past_term_count(*, neighbourhood: Neighbourhood, on: dt.date) -> int:
    """How many plans of ``neighbourhood`` were still waiting for a decision at the
    end of ``on`` although their decision term had ended before it. A plan waits from
    its submission until the first step out of waiting (decided, not processed,
    withdrawn). Its decision date is the one in force (initiatives/deadlines.py): a
    term that has ended can be neither paused nor extended, so today's date is the
    date it had on ``on`` whenever the plan was late then."""
    end = dt.datetime.combine(on + dt.timedelta(days=1), dt.time.min)
    plans = (
        Initiative.objects.filter(
            neighbourhood=neighbourhood,
            submitted_at__lt=end.replace(tzinfo=timezone.get_current_timezone()),
        )
        .exclude(status=InitiativeStatus.DRAFT)
        .select_related("regulation_version")
        .prefetch_related(
            Prefetch(
                "status_changes",
                queryset=StatusChange.objects.only(
                    "pk", "initiative_id", "to_status", "created_at"
                ).order_by("created_at", "pk"),
                to_attr="steps",
            )
        )
    )
    count = 0
    for plan in plans:
        stopped = next(
            (
                timezone.localdate(step.created_at)
                for step in getattr(plan, "steps", [])
                if step.to_status not in AWAITING_DECISION
            ),
            None,
        )
        if stopped is not None and stopped <= on:
            continue
        due = decision_due_on(DeadlineFacts.of(plan), on)
        if due is not None and due < on:
            count += 1
    return count
