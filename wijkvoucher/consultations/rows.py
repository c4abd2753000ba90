"""One resident (or address) of the list of eligible voters, as read from a register export."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class RegisterRow:
    name: str
    street: str
    house_number: int
    house_letter: str
    addition: str
    postcode: str
    city: str
    birth_date: dt.date | None
