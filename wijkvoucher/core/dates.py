"""Calendar arithmetic and the one way to write a date in a message, shared by the
apps."""

from __future__ import annotations

import calendar
import datetime as dt

from django.utils.formats import date_format
from django.utils.functional import Promise, lazy


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole months; the 31st becomes the last day of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last))


def format_day(value: dt.date | None) -> str:
    """A date as the active language writes it in full ("–" without one)."""
    return date_format(value) if value is not None else "–"


# Rendered when a message is written, so in each recipient's own language.
_lazy_day = lazy(format_day, str)


def message_day(value: dt.date | None) -> Promise | str:
    """A date for a notification or a refusal: formatted when the text is rendered,
    in the language active then ("–" without one)."""
    return _lazy_day(value) if value is not None else "–"
