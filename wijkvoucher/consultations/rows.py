"""One resident of the municipal register (BRP extract), as the register parser
(``consultations/register.py``) hands it to ``credentials_import``."""

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
