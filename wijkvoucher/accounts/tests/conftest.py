from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.core.cache import cache
from django.test import Client

import pytest

from wijkvoucher.accounts.tests.helpers import HttpsClient


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> Iterator[None]:
    """Rate-limit counters live in the cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english(english_text: None) -> None:
    """Assert on the English msgids, whatever Dutch translations exist."""


@pytest.fixture(autouse=True)
def _own_redirect_targets(settings: Any) -> None:
    """Where sign-in and sign-out lead is other apps' business: fixed paths here."""
    settings.LOGIN_REDIRECT_URL = "/na-inloggen/"
    settings.LOGIN_REDIRECT_URL_SECOND_FACTOR = "/na-inloggen/"
    settings.LOGOUT_REDIRECT_URL = "/na-uitloggen/"


@pytest.fixture
def client() -> Client:
    return HttpsClient()
