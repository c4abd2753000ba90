"""What the accountability tests share: the test clock's day, a wijk and its funded
budget period."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.neighbourhoods.models import BudgetPeriod, Neighbourhood
from wijkvoucher.neighbourhoods.tests.helpers import on_day
from wijkvoucher.vouchers.tests.helpers import EUR, funded


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


@pytest.fixture
def wijk() -> Neighbourhood:
    return neighbourhood_ready()


@pytest.fixture
def period(wijk: Neighbourhood) -> BudgetPeriod:
    return funded(wijk, 10_000 * EUR)
