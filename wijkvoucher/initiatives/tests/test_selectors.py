from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from wijkvoucher.initiatives.constants import InitiativeStatus as S
from wijkvoucher.initiatives.selectors.initiatives import (
    initiative_timeline,
    initiatives_for_official,
)
from wijkvoucher.initiatives.tests.factories import (
    complete_draft,
    neighbourhood_ready,
    step,
)
from wijkvoucher.neighbourhoods.tests.helpers import TODAY, on_day

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


def test_the_timeline_lists_the_steps_in_order() -> None:
    initiative = complete_draft()
    for to in (S.SUBMITTED, S.INFORMATION_REQUESTED, S.SUBMITTED, S.CHECKED):
        initiative = step(initiative, to)
    steps = [
        (c.from_status, c.to_status) for c in initiative_timeline(initiative=initiative)
    ]
    assert steps == [
        (S.DRAFT, S.SUBMITTED),
        (S.SUBMITTED, S.INFORMATION_REQUESTED),
        (S.INFORMATION_REQUESTED, S.SUBMITTED),
        (S.SUBMITTED, S.CHECKED),
    ]


def test_the_officials_list_puts_overdue_first() -> None:
    # given four applications of one wijk, submitted on different days
    wijk = neighbourhood_ready()
    contact = wijk.contact_official
    assert contact is not None

    def submitted_on(day: dt.date, title: str) -> None:
        with on_day(day):
            step(complete_draft(neighbourhood=wijk, title=title), S.SUBMITTED)

    submitted_on(TODAY - dt.timedelta(weeks=2), "recent")  # due in 2 weeks
    submitted_on(TODAY - dt.timedelta(weeks=5), "late")  # due a week ago
    submitted_on(TODAY - dt.timedelta(weeks=6), "later")  # due two weeks ago
    with on_day(TODAY - dt.timedelta(weeks=6)):
        paused = step(complete_draft(neighbourhood=wijk, title="paused"), S.SUBMITTED)
        step(paused, S.INFORMATION_REQUESTED)  # the clock stands still: not overdue
    complete_draft(neighbourhood=wijk, title="draft")  # no contact official yet
    # when
    rows = list(initiatives_for_official(official=contact))
    # then
    assert [(i.title, i.is_overdue) for i in rows] == [  # type: ignore[attr-defined]
        ("later", True),
        ("late", True),
        ("paused", False),
        ("recent", False),
    ]
