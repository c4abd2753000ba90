"""The regiegroep's overview asks the same number of queries when the plans to
schedule and on the agenda grow tenfold (issue #11)."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse

import pytest

from wijkvoucher.core.tests.query_counts import page_queries
from wijkvoucher.neighbourhoods.tests.helpers import (
    HttpsClient,
    on_day,
    sign_in_verified,
)
from wijkvoucher.regiegroep.models import Meeting
from wijkvoucher.regiegroep.services import agenda_item_add
from wijkvoucher.regiegroep.tests.factories import (
    Group,
    checked_plan,
    planned_meeting,
    regiegroep,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


def _plans(group: Group, meeting: Meeting) -> None:
    """A plan on the meeting's agenda and one still to schedule."""
    agenda_item_add(
        actor=group.secretary, meeting=meeting, initiative=checked_plan(group.wijk)
    )
    checked_plan(group.wijk)


def test_regiegroep_overview_does_not_grow_with_the_plans() -> None:
    # given
    group = regiegroep()
    meeting = planned_meeting(group)
    client = HttpsClient()
    sign_in_verified(client, group.secretary)
    url = reverse("regiegroep:home")
    _plans(group, meeting)
    before = page_queries(client, url)
    # when
    for _ in range(9):
        _plans(group, meeting)
    # then
    assert page_queries(client, url) == before
