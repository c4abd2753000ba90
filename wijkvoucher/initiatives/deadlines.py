"""The Awb deadlines of an initiative as pure functions over plain facts (issue #3,
point 8; docs/workflow.md#deadlines-and-reminders). No queries, no writes: the work list, the extension service
and the periodic reminder scan all read the same answers from here.

- Decision term (Awb 4:13): ``decision_term_weeks`` after receipt, moved later by every
  day the clock stood still for an information request (Awb 4:15), but never by more
  days than the hersteltermijn lasted: once that term has passed unused, the clock runs
  again, answer or not.
- A term that has ended stays ended: it can be neither paused (``pause_refusal``) nor
  extended (``extension_refusal``, Awb 4:14).
- One extension (Awb 4:14) by ``decision_extension_weeks``, announced to the initiator
  before the term runs out, never beyond the hard limit.
- Hard limit: ``decision_hard_limit_weeks`` after receipt plus the paused days. After it
  the municipality risks a penalty payment (dwangsom, Awb 4:17): escalate.
- Hersteltermijn (Awb 4:5): the initiator's last day to send what was asked.
- Penalty payment (Awb 4:17): from two weeks after a notice of default reaches the
  municipality, per day, in three tiers, for at most 42 days.

docs/awb.md says what each article means for the product."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext

from wijkvoucher.core.money import format_euro
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.workflow import CLOCK_PAUSED, DECISION_PENDING

if TYPE_CHECKING:
    from wijkvoucher.initiatives.models import Initiative

# "Due soon" on the work list and the first reminder: this many days before the date
# (day 21 of a four-week term).
DUE_SOON_DAYS = 7
# The initiator is reminded this many days before the hersteltermijn ends.
INFORMATION_REMINDER_DAYS = 2

# Received and not decided: the clock runs, or stands still for an information request.
AWAITING_DECISION: frozenset[str] = frozenset(DECISION_PENDING | CLOCK_PAUSED)

# The penalty payment for not deciding in time (Awb 4:17, docs/awb.md): it starts two
# weeks after the notice of default reaches the municipality and runs per day, in
# whole cents per day for each tier of days, for at most 42 days.
PENALTY_WAIT_DAYS = 14
PENALTY_TIERS: tuple[tuple[int, int], ...] = ((14, 2_300), (14, 3_500), (14, 4_500))
PENALTY_MAX_DAYS = sum(days for days, _ in PENALTY_TIERS)


@dataclass(frozen=True)
class DeadlineFacts:
    """What the deadlines depend on. ``term_weeks`` etc. come from the regeling
    version the initiative was submitted under."""

    status: str
    submitted_on: dt.date | None
    decision_due_on: dt.date | None
    extension_used: bool
    clock_paused_on: dt.date | None
    clock_paused_days: int
    information_due_on: dt.date | None
    term_weeks: int
    extension_weeks: int
    hard_limit_weeks: int

    @classmethod
    def of(cls, initiative: Initiative) -> DeadlineFacts:
        """The facts of ``initiative`` (its ``regulation_version`` should be loaded
        with it, as the selectors do)."""
        version = initiative.regulation_version
        submitted = (
            timezone.localdate(initiative.submitted_at)
            if initiative.submitted_at is not None
            else None
        )
        return cls(
            status=initiative.status,
            submitted_on=submitted,
            decision_due_on=initiative.decision_due_on,
            extension_used=initiative.extension_used,
            clock_paused_on=initiative.clock_paused_on,
            clock_paused_days=initiative.clock_paused_days,
            information_due_on=initiative.information_due_on,
            term_weeks=version.decision_term_weeks if version else 0,
            extension_weeks=version.decision_extension_weeks if version else 0,
            hard_limit_weeks=version.decision_hard_limit_weeks if version else 0,
        )


@dataclass(frozen=True)
class DeadlineState:
    """The deadline flags of one initiative on one day."""

    pending: bool
    days_left: int | None
    due_soon: bool
    overdue: bool
    term_day: int | None
    extension_possible: bool
    # Why the term cannot be extended today ("" when it can; see extension_refusal).
    extension_refusal: str
    extension_needed: bool
    extended_due_on: dt.date | None
    hard_limit_on: dt.date | None
    hard_limit_reached: bool
    information_due_on: dt.date | None
    information_days_left: int | None
    information_expired: bool
    # The decision date in force today (see ``decision_due_on``): None while a
    # hersteltermijn runs, because the date then depends on the answer.
    due_on: dt.date | None = None
    # The clock stands still for an information request.
    paused: bool = False
    # While paused: the days of the decision term that were left when it stopped.
    paused_days_left: int | None = None

    @property
    def awaiting(self) -> bool:
        """Received and not decided yet (the clock runs or stands still)."""
        return self.pending or self.paused

    @property
    def urgent(self) -> bool:
        return self.overdue or self.hard_limit_reached or self.information_expired

    @property
    def days_overdue(self) -> int:
        return -self.days_left if self.days_left is not None and self.overdue else 0


def pause_days(
    paused_on: dt.date, information_due_on: dt.date | None, today: dt.date
) -> int:
    """Days one pause for an information request has stopped the clock by ``today``:
    from the day it began up to the answer, but never past the last day of the
    hersteltermijn (Awb 4:15: the suspension ends when that term has passed unused)."""
    until = today
    if information_due_on is not None:
        until = min(today, information_due_on)
    return max((until - paused_on).days, 0)


def paused_days(facts: DeadlineFacts, today: dt.date) -> int:
    """Days the decision clock stood still so far, a running pause included."""
    running = 0
    if facts.clock_paused_on is not None:
        running = pause_days(facts.clock_paused_on, facts.information_due_on, today)
    return facts.clock_paused_days + running


def decision_due_on(facts: DeadlineFacts, today: dt.date) -> dt.date | None:
    """The decision date in force on ``today``: the stored date while the clock runs.
    While it stands still for an information request the date depends on the answer,
    so there is none; once the hersteltermijn has passed unused the clock runs again
    and the date is fixed: the stored date plus the whole hersteltermijn."""
    due = facts.decision_due_on
    if due is None or facts.clock_paused_on is None:
        return due
    if facts.information_due_on is None or today <= facts.information_due_on:
        return None
    return due + dt.timedelta(
        days=pause_days(facts.clock_paused_on, facts.information_due_on, today)
    )


def term_ended(facts: DeadlineFacts, today: dt.date) -> bool:
    """The plan waits for a decision and its decision date has passed: the
    municipality is late (Awb 4:13), whatever it does next."""
    if facts.status not in AWAITING_DECISION:
        return False
    due = decision_due_on(facts, today)
    return due is not None and today > due


def pause_refusal(facts: DeadlineFacts, today: dt.date) -> str:
    """Why the decision clock cannot be stopped for an information request today, as a
    code ("" when it can): ``term_ended`` once the decision date has passed. Awb 4:15
    suspends a term that is still running; it cannot bring back one that has ended."""
    return "term_ended" if term_ended(facts, today) else ""


def hard_limit_on(facts: DeadlineFacts, today: dt.date) -> dt.date | None:
    """The last day of the hard limit: receipt + hard limit weeks + paused days."""
    if facts.submitted_on is None:
        return None
    return facts.submitted_on + dt.timedelta(
        weeks=facts.hard_limit_weeks, days=paused_days(facts, today)
    )


def extended_due_on(facts: DeadlineFacts, today: dt.date) -> dt.date | None:
    """The decision date after the one extension: the current date plus the
    extension weeks, but never beyond the hard limit."""
    limit = hard_limit_on(facts, today)
    if facts.decision_due_on is None or limit is None:
        return None
    return min(facts.decision_due_on + dt.timedelta(weeks=facts.extension_weeks), limit)


def extension_refusal(facts: DeadlineFacts, today: dt.date) -> str:
    """Why the decision term cannot be extended today, as a code ("" when it can):
    ``not_pending``, ``already_extended``, ``term_ended`` or ``hard_limit``."""
    if facts.status not in DECISION_PENDING or facts.decision_due_on is None:
        return "not_pending"
    if facts.extension_used:
        return "already_extended"
    if term_ended(facts, today):
        return "term_ended"
    extended = extended_due_on(facts, today)
    if extended is None or extended <= facts.decision_due_on:
        return "hard_limit"
    return ""


def deadline_state(facts: DeadlineFacts, today: dt.date) -> DeadlineState:
    """Every deadline flag of an initiative on ``today``. A plan whose hersteltermijn
    has passed unused has a running clock again: it gets a decision date, days left
    and, once that date has passed, the overdue flag, just like a plan without a
    question."""
    pending = facts.status in DECISION_PENDING and facts.decision_due_on is not None
    paused = facts.status in CLOCK_PAUSED and facts.decision_due_on is not None
    due = decision_due_on(facts, today) if pending or paused else None
    days_left = (due - today).days if due is not None else None
    overdue = days_left is not None and days_left < 0
    due_soon = days_left is not None and 0 <= days_left <= DUE_SOON_DAYS
    term_day = None
    if facts.submitted_on is not None and (pending or paused):
        term_day = (today - facts.submitted_on).days - paused_days(facts, today)
    limit = hard_limit_on(facts, today) if due is not None else None
    refusal = extension_refusal(facts, today)
    possible = pending and refusal == ""
    paused_left = None
    if paused and facts.clock_paused_on is not None and facts.decision_due_on:
        paused_left = max((facts.decision_due_on - facts.clock_paused_on).days, 0)
    info_due = (
        facts.information_due_on
        if facts.status == InitiativeStatus.INFORMATION_REQUESTED
        else None
    )
    info_left = (info_due - today).days if info_due is not None else None
    return DeadlineState(
        pending=pending,
        days_left=days_left,
        due_soon=due_soon,
        overdue=overdue,
        term_day=term_day,
        extension_possible=possible,
        extension_refusal=refusal,
        extension_needed=possible and due_soon,
        extended_due_on=extended_due_on(facts, today) if possible else None,
        hard_limit_on=limit,
        hard_limit_reached=limit is not None and today >= limit,
        information_due_on=info_due,
        information_days_left=info_left,
        information_expired=info_left is not None and info_left < 0,
        due_on=due,
        paused=paused,
        paused_days_left=paused_left,
    )


def initiative_deadline_state(
    *, initiative: Initiative, today: dt.date | None = None
) -> DeadlineState:
    """``deadline_state`` of ``initiative`` on ``today`` (default: today)."""
    return deadline_state(DeadlineFacts.of(initiative), today or timezone.localdate())


# --- The penalty payment for not deciding in time (Awb 4:17) ---------------------------


def penalty_starts_on(received_on: dt.date) -> dt.date:
    """The first day of the penalty payment when a notice of default reaches the
    municipality on ``received_on`` after the decision term has ended: two weeks later,
    the day of receipt counted as the first of the fourteen (docs/awb.md, 4:17)."""
    return received_on + dt.timedelta(days=PENALTY_WAIT_DAYS)


def penalty_days(starts_on: dt.date, until: dt.date) -> int:
    """Penalty days from ``starts_on`` up to and including ``until`` (the day of the
    decision, or today while there is none), at most ``PENALTY_MAX_DAYS``."""
    return min(max((until - starts_on).days + 1, 0), PENALTY_MAX_DAYS)


def penalty_cents(days: int) -> int:
    """What ``days`` penalty days cost, tier by tier, in whole cents."""
    total = 0
    left = max(min(days, PENALTY_MAX_DAYS), 0)
    for tier_days, per_day in PENALTY_TIERS:
        counted = min(left, tier_days)
        total += counted * per_day
        left -= counted
    return total


PENALTY_MAX_CENTS = penalty_cents(PENALTY_MAX_DAYS)


def penalty_rates_text() -> str:
    """The tiers in words, in the active language: "€ 23 a day for the first 14
    days, …, for at most 42 days (€ 1.442 in all)"."""
    (days, first), (_, second), (_, third) = PENALTY_TIERS
    return gettext(
        "%(first)s a day for the first %(days)s days, %(second)s a day for the next "
        "%(days)s days and %(third)s a day after that, for at most %(max_days)s days "
        "(%(max)s in all)."
    ) % {
        "first": format_euro(first),
        "second": format_euro(second),
        "third": format_euro(third),
        "days": days,
        "max_days": PENALTY_MAX_DAYS,
        "max": format_euro(PENALTY_MAX_CENTS),
    }


# For messages, which are rendered in each recipient's language.
penalty_rates_lazy = lazy(penalty_rates_text, str)
