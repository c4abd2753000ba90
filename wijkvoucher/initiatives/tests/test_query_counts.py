"""The contact official's work list asks the same number of queries when the plans
in it grow tenfold (issue #11)."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse

import pytest

from wijkvoucher.core.tests.query_counts import page_queries
from wijkvoucher.decisions.tests.helpers import funded, plan_in
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.helpers import (
    HttpsClient,
    on_day,
    sign_in_verified,
)
from wijkvoucher.vouchers.tests.helpers import awarded_plan

pytestmark = pytest.mark.django_db
S = InitiativeStatus


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


def _plans(wijk: Neighbourhood) -> None:
    """One plan in each step the work list shows differently."""
    for status in (S.SUBMITTED, S.INFORMATION_REQUESTED):
        plan_in(status, neighbourhood=wijk)
    awarded_plan(wijk)


def test_work_list_does_not_grow_with_the_plans() -> None:
    # given
    wijk = neighbourhood_ready()
    funded(wijk)
    client = HttpsClient()
    assert wijk.contact_official is not None
    sign_in_verified(client, wijk.contact_official)
    url = reverse("initiatives:worklist")
    _plans(wijk)
    before = page_queries(client, url)
    # when
    for _ in range(9):
        _plans(wijk)
    # then
    assert page_queries(client, url) == before
