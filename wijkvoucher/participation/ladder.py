"""The engagement step of one person on a day, from dated facts: pure Python over
what the selectors fetched (docs/participation.md#the-engagement-ladder).

A fact counts from its day for ``ACTIVE_DAYS`` days: someone who signed support
for a plan is a supporter for a year. A regiegroep seat counts while it is held.
The step is the highest that counts; anyone else in the wijk is a visitor."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from wijkvoucher.participation.constants import ACTIVE_DAYS, EngagementStep


@dataclass
class Facts:
    """What one person did, by day: each list is the days of one kind of fact."""

    supported: list[dt.date] = field(default_factory=list)
    voted: list[dt.date] = field(default_factory=list)
    co_initiated: list[dt.date] = field(default_factory=list)
    initiated: list[dt.date] = field(default_factory=list)
    # Regiegroep seats: (first day, last day or None).
    seats: list[tuple[dt.date, dt.date | None]] = field(default_factory=list)

    def _recent(self, days: list[dt.date], on: dt.date) -> bool:
        since = on - dt.timedelta(days=ACTIVE_DAYS)
        return any(since < day <= on for day in days)

    def step_on(self, on: dt.date) -> EngagementStep:
        if any(start <= on and (end is None or on <= end) for start, end in self.seats):
            return EngagementStep.REGIEGROEP
        if self._recent(self.initiated, on):
            return EngagementStep.INITIATOR
        if self._recent(self.co_initiated, on):
            return EngagementStep.CO_INITIATOR
        if self._recent(self.supported, on) or self._recent(self.voted, on):
            return EngagementStep.SUPPORTER
        return EngagementStep.VISITOR
