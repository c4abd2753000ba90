"""Who gets a letter: the residents of the register export that are old enough on a
given day, each person once, and per household one letter per address; with how many
were left out and why."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.utils import timezone
from django.utils.translation import ngettext

from wijkvoucher.consultations.rows import RegisterRow
from wijkvoucher.core.text import fold


@dataclass(frozen=True)
class Selection:
    """The rows that get a letter, and how many were left out and why."""

    rows: list[RegisterRow]
    too_young: int
    same_address: int  # per household: a further resident of an address already kept
    duplicates: int  # the same name at the same address again
    without_birth_date: int  # kept: the file gives no birth date to check the age

    @property
    def left_out(self) -> int:
        return self.too_young + self.same_address + self.duplicates

    def summary(self) -> list[str]:
        """One plain sentence per reason, for the page that shows the import."""
        lines = []
        if self.too_young:
            lines.append(
                ngettext(
                    "%(count)s resident is too young to vote and gets no letter.",
                    "%(count)s residents are too young to vote and get no letter.",
                    self.too_young,
                )
                % {"count": self.too_young}
            )
        if self.same_address:
            lines.append(
                ngettext(
                    "%(count)s resident lives at an address that already gets a "
                    "letter (one vote per household).",
                    "%(count)s residents live at an address that already gets a "
                    "letter (one vote per household).",
                    self.same_address,
                )
                % {"count": self.same_address}
            )
        if self.duplicates:
            lines.append(
                ngettext(
                    "%(count)s line repeats a name and address from an earlier line.",
                    "%(count)s lines repeat a name and address from an earlier line.",
                    self.duplicates,
                )
                % {"count": self.duplicates}
            )
        if self.without_birth_date:
            lines.append(
                ngettext(
                    "The list has no birth date for %(count)s resident: the age was "
                    "not checked.",
                    "The list has no birth date for %(count)s residents: their age "
                    "was not checked.",
                    self.without_birth_date,
                )
                % {"count": self.without_birth_date}
            )
        return lines


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Full years on ``day``. Someone born on 29 February turns a year older on
    1 March in a year without 29 February."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - before_birthday


def vote_day(closes_at: dt.datetime) -> dt.date:
    """The day on which a voter must have the minimum age: the closing day, in the
    municipality's time (the register import and the account's check alike)."""
    return timezone.localdate(closes_at)


def address_key(row: RegisterRow) -> tuple[str, int, str, str]:
    """The address: postcode, house number, letter and addition (the postcode and
    number decide the street and city)."""
    return (row.postcode, row.house_number, row.house_letter, row.addition)


def register_select(
    rows: Iterable[RegisterRow], *, min_age: int, on: dt.date, per_household: bool
) -> Selection:
    """The rows that get a letter, in file order: residents at least ``min_age`` on
    ``on`` (a row without a birth date is kept and counted), the same person only
    once and, ``per_household``, one row per address, without the name: the letter
    then goes to the residents of the address, and the vote belongs to the address."""
    kept: list[RegisterRow] = []
    seen: set[tuple[object, ...]] = set()
    too_young = same_address = duplicates = without_birth_date = 0
    for row in rows:
        if row.birth_date is not None and age_on(row.birth_date, on) < min_age:
            too_young += 1
            continue
        if per_household:
            key: tuple[object, ...] = address_key(row)
            if key in seen:
                same_address += 1
                continue
            row = replace(row, name="")
        else:
            key = (*address_key(row), fold(row.name))
            if key in seen:
                duplicates += 1
                continue
        seen.add(key)
        without_birth_date += row.birth_date is None
        kept.append(row)
    return Selection(
        rows=kept,
        too_young=too_young,
        same_address=same_address,
        duplicates=duplicates,
        without_birth_date=without_birth_date,
    )
