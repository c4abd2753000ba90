"""The shape every report section has (docs/reports.md): a table of plain values
with typed columns, and a bar chart of one of its columns. The page, the CSV, the XLSX
and the annual report's PDF all draw the same ``Section``; a builder only computes it.

A builder is a function ``(scope) -> Section``; ``sections.SECTIONS`` lists them in the
order of the report, so a later issue adds a section by adding a module and a line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from django.utils import timezone

if TYPE_CHECKING:
    from wijkvoucher.neighbourhoods.models import Municipality, Neighbourhood


class Kind(StrEnum):
    """What a column holds; it decides how each output writes the value."""

    TEXT = "text"
    COUNT = "count"
    CENTS = "cents"
    DAYS = "days"
    PERCENT = "percent"
    DATE = "date"


# A cell: text, a whole number (count, cents, days, percent), a date, or None (no
# value: "–" on the page, empty in the files).
Value = str | int | dt.date | None


@dataclass(frozen=True)
class Column:
    # Stable, English, snake case: the CSV header and the XLSX's first row.
    key: str
    label: str
    kind: Kind = Kind.COUNT


@dataclass(frozen=True)
class Bar:
    label: str
    value: int


@dataclass(frozen=True)
class Chart:
    """Horizontal bars, one per row or step; ``kind`` says how to write the values."""

    title: str
    bars: tuple[Bar, ...]
    kind: Kind = Kind.COUNT

    @property
    def top(self) -> int:
        return max((bar.value for bar in self.bars), default=0)

    def percent(self, bar: Bar) -> int:
        """The bar's length in whole percent of the longest bar (0-100)."""
        top = self.top
        if top <= 0 or bar.value <= 0:
            return 0
        return max(1, (bar.value * 100 + top // 2) // top)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    intro: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]
    chart: Chart | None = None
    # A line under the table: how a number is counted, or what is not known.
    note: str = ""
    # The last row is a total (shown bold).
    has_total: bool = False

    @property
    def empty(self) -> bool:
        return not self.rows


@dataclass(frozen=True)
class ReportScope:
    """What a report covers: some wijken of one municipality, from ``starts_on`` to
    ``ends_on`` (both included). ``on`` is today: a report of a period that still runs
    counts open plans up to today."""

    municipality: Municipality
    wijken: tuple[Neighbourhood, ...]
    starts_on: dt.date
    ends_on: dt.date
    on: dt.date

    @property
    def wijk_ids(self) -> list[int]:
        return [w.pk for w in self.wijken]

    @property
    def last_day(self) -> dt.date:
        """The last day with data: the end of the period, or today if that is earlier."""
        return min(self.ends_on, self.on)

    @property
    def start_moment(self) -> dt.datetime:
        return _moment(self.starts_on)

    @property
    def end_moment(self) -> dt.datetime:
        """The moment just after the period (exclusive)."""
        return _moment(self.ends_on + dt.timedelta(days=1))

    def includes(self, day: dt.date | None) -> bool:
        return day is not None and self.starts_on <= day <= self.ends_on


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


def local_day(moment: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(moment) if moment is not None else None


def percent_of(part: int, whole: int) -> int | None:
    """``part`` in whole percent of ``whole`` (rounded half up); None without a whole."""
    if whole <= 0:
        return None
    return (part * 200 + whole) // (2 * whole)


def average(values: Sequence[int]) -> int | None:
    """The mean rounded half up, or None without values."""
    if not values:
        return None
    return (2 * sum(values) + len(values)) // (2 * len(values))


Builder = Callable[[ReportScope], Section]


def per_wijk(
    *,
    key: str,
    title: str,
    intro: str,
    columns: tuple[Column, ...],
    rows: Sequence[tuple[Value, ...]],
    total: Callable[[], tuple[Value, ...]],
    chart: Chart | None = None,
    note: str = "",
) -> Section:
    """A section with a row per wijk (the first column) and, with more than one
    wijk, a total row made by ``total``."""
    from django.utils.translation import gettext as _

    more = len(rows) > 1
    return Section(
        key=key,
        title=title,
        intro=intro,
        columns=(Column("wijk", _("Wijk"), Kind.TEXT), *columns),
        rows=(*rows, total()) if more else tuple(rows),
        chart=chart,
        note=note,
        has_total=more,
    )
