from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
import time_machine

NOW = dt.datetime(2026, 3, 16, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
TODAY = NOW.date()


@pytest.fixture
def now() -> Iterator[dt.datetime]:
    """The clock stands still on Monday 16 March 2026, 10:00 in Amsterdam."""
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture(autouse=True)
def _english(english_text: None) -> None:
    """Assert on the English msgids, whatever Dutch translations exist."""
