"""The engagement ladder from what people did: one's own step and the movement in
a wijk, never a number about fewer than ten people."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.test import Client
from django.urls import reverse

import pytest

from wijkvoucher.initiatives.constants import InitiativeStatus, SupportStance
from wijkvoucher.initiatives.services import support_sign
from wijkvoucher.initiatives.tests.factories import initiative_in, resident
from wijkvoucher.neighbourhoods.tests.helpers import HttpsClient, on_day, sign_in
from wijkvoucher.participation.constants import EngagementStep
from wijkvoucher.participation.selectors import (
    DOWN,
    SAME,
    UP,
    ladder_movement,
    ladder_step_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


def test_support_moves_residents_up_and_the_report_counts_groups_of_ten() -> None:
    # given a submitted plan (its initiator an initiator) and twelve neighbours
    with on_day(dt.date(2026, 3, 2)):
        plan = initiative_in(InitiativeStatus.SUBMITTED)
        wijk = plan.neighbourhood
        neighbours = [resident(wijk) for _ in range(12)]
    # when ten of them sign support in June
    for person in neighbours[:10]:
        support_sign(actor=person, initiative=plan, stance=SupportStance.FOR)
    movement = ladder_movement(
        municipality=wijk.municipality,
        start=dt.date(2026, 4, 1),
        end=dt.date(2026, 6, 15),
        wijk=wijk,
    )
    # then in April 13 people (12 visitors and the initiator), in June 10 supporters
    assert movement.on_start.total == movement.on_end.total
    assert movement.on_start.count(EngagementStep.VISITOR) == 12
    assert movement.on_end.count(EngagementStep.SUPPORTER) == 10
    # the small groups (2 visitors, 1 initiator) are hidden, and with the 3 who
    # stayed the 0 who moved down
    assert movement.on_end.count(EngagementStep.VISITOR) is None
    assert movement.on_end.count(EngagementStep.INITIATOR) is None
    assert movement.movement.count(UP) == 10
    assert movement.movement.count(SAME) is None
    assert movement.movement.count(DOWN) is None


def test_a_small_wijk_shows_nothing() -> None:
    # given a plan and three neighbours who support it
    plan = initiative_in(InitiativeStatus.SUBMITTED)
    for _ in range(3):
        support_sign(actor=resident(plan.neighbourhood), initiative=plan, stance="for")
    # when counted / then no number at all
    movement = ladder_movement(
        municipality=plan.neighbourhood.municipality,
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 6, 15),
    )
    assert movement.on_end.total is None
    assert {c.count for c in movement.on_end.cells} == {None}


def test_each_person_sees_only_their_own_step() -> None:
    # given a supporter and a neighbour who did nothing
    plan = initiative_in(InitiativeStatus.SUBMITTED)
    supporter = resident(plan.neighbourhood)
    neighbour = resident(plan.neighbourhood)
    support_sign(actor=supporter, initiative=plan, stance=SupportStance.FOR)
    # when each opens their own page (it takes no one's id)
    pages = {}
    for person in (supporter, neighbour):
        client: Client = HttpsClient()
        sign_in(client, person)
        pages[person.pk] = client.get(reverse("participation:mine"))
    # then each page holds that person's own step only
    assert pages[supporter.pk].context["ladder"].step == EngagementStep.SUPPORTER
    assert pages[neighbour.pk].context["ladder"].step == EngagementStep.VISITOR
    assert ladder_step_of(user=plan.initiator).step == EngagementStep.INITIATOR


def test_own_history_shows_the_step_at_the_start_of_each_month() -> None:
    # given a plan submitted on 2 March
    with on_day(dt.date(2026, 3, 2)):
        plan = initiative_in(InitiativeStatus.SUBMITTED)
    # when its initiator's ladder is read on 15 June
    ladder = ladder_step_of(user=plan.initiator, months=4)
    # then visitor on 1 March, initiator from 1 April
    assert [(day.isoformat(), int(step)) for day, step in ladder.history] == [
        ("2026-03-01", 1),
        ("2026-04-01", 4),
        ("2026-05-01", 4),
        ("2026-06-01", 4),
    ]
