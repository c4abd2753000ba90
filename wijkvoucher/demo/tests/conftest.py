from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from io import StringIO
from typing import Any

from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

import pytest
import time_machine

# A day in the demo's current year, so that the expected periods are exact.
DEMO_DAY = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The demo data, loaded once per test module (it takes seconds) inside a
    transaction that is rolled back afterwards. Each test still runs in its own
    savepoint through the ``db`` fixture, so tests cannot see each other's writes."""
    with (
        django_db_blocker.unblock(),
        override_settings(DEMO_MODE=True),
        time_machine.travel(DEMO_DAY, tick=True),
        transaction.atomic(),
    ):
        call_command("demo_load", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo_mode(settings: Any) -> None:
    settings.DEMO_MODE = True
