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
