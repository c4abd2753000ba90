from __future__ import annotations

from collections.abc import Iterator

from django.core.cache import cache

import pytest


@pytest.fixture(autouse=True)
def _fresh_limits() -> Iterator[None]:
    """The rate limits of the voting pages count in the cache: every test starts
    from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_ballot_facts() -> Iterator[None]:
    """The ballot page keeps a published consultation in the process for a while;
    every test starts without."""
    from wijkvoucher.consultations.views.kept import ballot_facts_forget

    ballot_facts_forget()
    yield
    ballot_facts_forget()
