"""One resident of the municipal register (BRP extract), as the register parser
(``consultations/register.py``) hands it to ``credentials_import``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


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
    # The line of the export this row was read from (0: not read from a file), so
    # that a refusal of the import names the line the official sees.
    line: int = field(default=0, compare=False)
