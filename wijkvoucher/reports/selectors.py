"""Reads for the report pages that are not a section: the years a report can cover
and the scope of a request."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db.models import Min

from wijkvoucher.neighbourhoods.models import BudgetPeriod, Neighbourhood
from wijkvoucher.reports.sections.base import ReportScope


def report_years(*, wijken: Sequence[Neighbourhood], on: dt.date) -> list[int]:
    """From the first budget period of ``wijken`` (this year when none) to this year,
    newest first."""
    first = BudgetPeriod.objects.filter(
        neighbourhood_id__in=[w.pk for w in wijken]
    ).aggregate(first=Min("starts_on"))["first"]
    start = min(first.year, on.year) if first else on.year
    return list(range(on.year, start - 1, -1))


def report_scope(
    *,
    readable: Sequence[Neighbourhood],
    chosen: Neighbourhood | None,
    starts_on: dt.date,
    ends_on: dt.date,
    on: dt.date,
) -> ReportScope:
    """One wijk, or every readable wijk of the municipality of the first one."""
    if chosen is not None:
        municipality = chosen.municipality
        wijken: tuple[Neighbourhood, ...] = (chosen,)
    else:
        municipality = readable[0].municipality
        wijken = tuple(w for w in readable if w.municipality_id == municipality.pk)
    return ReportScope(
        municipality=municipality,
        wijken=wijken,
        starts_on=starts_on,
        ends_on=ends_on,
        on=on,
    )
