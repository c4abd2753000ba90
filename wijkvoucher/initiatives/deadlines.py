"""The Awb deadlines of an initiative as pure functions over plain facts (issue #3,
point 8; domain.md 8.5). No queries, no writes: the work list, the extension service
and the periodic reminder scan all read the same answers from here.

- Decision term (Awb 4:13): ``decision_term_weeks`` after receipt, moved later by every
  day the clock stood still for an information request (Awb 4:15).
- One extension (Awb 4:14) by ``decision_extension_weeks``, announced to the initiator
  before the term runs out, never beyond the hard limit.
- Hard limit: ``decision_hard_limit_weeks`` after receipt plus the paused days. After it
  the municipality risks a penalty payment (dwangsom, Awb 4:17): escalate.
- Hersteltermijn (Awb 4:5): the initiator's last day to send what was asked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone

from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.workflow import CLOCK_PAUSED, DECISION_PENDING

if TYPE_CHECKING:
    from wijkvoucher.initiatives.models import Initiative

# "Due soon" on the work list and the first reminder: this many days before the date
# (day 21 of a four-week term).
DUE_SOON_DAYS = 7
# The initiator is reminded this many days before the hersteltermijn ends.
INFORMATION_REMINDER_DAYS = 2


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
    extension_needed: bool
    extended_due_on: dt.date | None
    hard_limit_on: dt.date | None
    hard_limit_reached: bool
    information_due_on: dt.date | None
    information_days_left: int | None
    information_expired: bool

    @property
    def urgent(self) -> bool:
        return self.overdue or self.hard_limit_reached or self.information_expired

    @property
    def days_overdue(self) -> int:
        return -self.days_left if self.days_left is not None and self.overdue else 0


def paused_days(facts: DeadlineFacts, today: dt.date) -> int:
    """Days the decision clock stood still so far, a running pause included."""
    running = 0
    if facts.clock_paused_on is not None:
        running = max((today - facts.clock_paused_on).days, 0)
    return facts.clock_paused_days + running


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
    if today > facts.decision_due_on:
        return "term_ended"
    extended = extended_due_on(facts, today)
    if extended is None or extended <= facts.decision_due_on:
        return "hard_limit"
    return ""


def deadline_state(facts: DeadlineFacts, today: dt.date) -> DeadlineState:
    """Every deadline flag of an initiative on ``today``."""
    pending = facts.status in DECISION_PENDING and facts.decision_due_on is not None
    days_left = (
        (facts.decision_due_on - today).days
        if pending and facts.decision_due_on is not None
        else None
    )
    overdue = days_left is not None and days_left < 0
    due_soon = days_left is not None and 0 <= days_left <= DUE_SOON_DAYS
    term_day = None
    if facts.submitted_on is not None and (pending or facts.status in CLOCK_PAUSED):
        term_day = (today - facts.submitted_on).days - paused_days(facts, today)
    limit = hard_limit_on(facts, today) if pending else None
    possible = pending and extension_refusal(facts, today) == ""
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
        extension_needed=possible and due_soon,
        extended_due_on=extended_due_on(facts, today) if possible else None,
        hard_limit_on=limit,
        hard_limit_reached=limit is not None and today >= limit,
        information_due_on=info_due,
        information_days_left=info_left,
        information_expired=info_left is not None and info_left < 0,
    )


def initiative_deadline_state(
    *, initiative: Initiative, today: dt.date | None = None
) -> DeadlineState:
    """``deadline_state`` of ``initiative`` on ``today`` (default: today)."""
    return deadline_state(DeadlineFacts.of(initiative), today or timezone.localdate())
