"""The meeting page asks the same number of queries when the agenda grows tenfold,
and when the votes, assessments and signatures on one item do (issue #11)."""

from __future__ import annotations

from collections.abc import Iterator

from django.test import Client
from django.urls import reverse

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.core.tests.query_counts import page_queries
from wijkvoucher.initiatives.constants import InitiativeStatus as S
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.services import support_sign
from wijkvoucher.initiatives.tests.factories import (
    BudgetLineFactory,
    complete_draft,
    resident,
    step,
)
from wijkvoucher.neighbourhoods.constants import CostCategory
from wijkvoucher.neighbourhoods.tests.helpers import (
    TODAY,
    HttpsClient,
    on_day,
    sign_in_verified,
)
from wijkvoucher.regiegroep.models import AgendaItem, Meeting
from wijkvoucher.regiegroep.services import (
    advice_record,
    agenda_item_add,
    agenda_item_open,
    assessment_record,
    vote_cast,
)
from wijkvoucher.regiegroep.tests.factories import (
    MEETING_DAY,
    Group,
    declare_all,
    member,
    open_meeting,
    planned_meeting,
    regiegroep,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _meeting_day() -> Iterator[None]:
    with on_day(MEETING_DAY):
        yield


def _plan(group: Group, signers: int = 1) -> Initiative:
    """A plan checked on TODAY with two cost lines (one naming a provider), an own
    contribution and ``signers`` neighbours' signatures."""
    with on_day(TODAY):
        initiative = complete_draft(neighbourhood=group.wijk)
        BudgetLineFactory(
            initiative=initiative,
            description="Gereedschap huren",
            category=CostCategory.MATERIALS,
            amount_cents=5_000,
            provider_name="Tuincentrum De Wilg",
        )
        initiative = step(step(initiative, S.SUBMITTED), S.CHECKED)
        for _ in range(signers):
            support_sign(
                actor=resident(group.wijk), initiative=initiative, stance="for"
            )
    return initiative


def _discussed(group: Group, meeting: Meeting, voters: list[User]) -> AgendaItem:
    """A plan on the agenda with every voter's declaration, the first voter's
    assessment, opened and with ``voters``' votes: left open."""
    with on_day(TODAY):
        item = agenda_item_add(
            actor=group.secretary, meeting=meeting, initiative=_plan(group)
        )
    declare_all(group, item, group.voters)
    assessment_record(
        actor=voters[0], agenda_item=item, opinion="for", note="Goed plan."
    )
    item = agenda_item_open(actor=group.chair, agenda_item=item)
    for voter in voters:
        vote_cast(actor=voter, agenda_item=item, choice="for")
    return item


def _advised(group: Group, item: AgendaItem) -> None:
    advice_record(
        actor=group.chair,
        agenda_item=item,
        outcome="award",
        motivation="Een mooi plan voor de straat.",
    )


def _clients(group: Group) -> dict[str, Client]:
    clients: dict[str, Client] = {}
    for name, user in (("member", group.members[0]), ("chair", group.chair)):
        clients[name] = HttpsClient()
        sign_in_verified(clients[name], user)
    return clients


def _counts(clients: dict[str, Client], meeting: Meeting) -> dict[str, int]:
    url = reverse("regiegroep:meeting", kwargs={"meeting_uuid": meeting.uuid})
    return {name: page_queries(client, url) for name, client in clients.items()}


def test_the_meeting_page_does_not_grow_with_the_agenda() -> None:
    # given: one plan under discussion with a bit of everything, and one waiting
    with on_day(TODAY):
        group = regiegroep()
        meeting = planned_meeting(group)
        waiting = agenda_item_add(
            actor=group.secretary, meeting=meeting, initiative=_plan(group)
        )
    open_meeting(group, waiting, group.voters)
    declare_all(group, waiting, group.voters[:1])
    item = _discussed(group, meeting, group.voters[:2])
    clients = _clients(group)
    before = _counts(clients, meeting)
    # when: nine more such plans, each advised before the next is opened
    for _ in range(9):
        _advised(group, item)
        item = _discussed(group, meeting, group.voters[:2])
    # then
    assert meeting.agenda_items.count() == 11
    assert _counts(clients, meeting) == before


def test_the_meeting_page_does_not_grow_with_the_rows_of_an_item() -> None:
    # given: a regiegroep of eleven voters, all present and declared, one vote,
    # one assessment and one signature on the plan under discussion
    with on_day(TODAY):
        group = regiegroep()
        group.members.extend(member(group.wijk) for _ in range(6))
        meeting = planned_meeting(group)
        initiative = _plan(group)
        item = agenda_item_add(
            actor=group.secretary, meeting=meeting, initiative=initiative
        )
    voters = group.voters
    open_meeting(group, item, voters)
    declare_all(group, item, voters)
    item = agenda_item_open(actor=group.chair, agenda_item=item)
    assessment_record(actor=voters[0], agenda_item=item, opinion="for")
    vote_cast(actor=voters[0], agenda_item=item, choice="for")
    clients = _clients(group)
    before = _counts(clients, meeting)
    # when: ten times the votes, assessments and signatures
    for voter in voters[1:10]:
        assessment_record(actor=voter, agenda_item=item, opinion="partly")
        vote_cast(actor=voter, agenda_item=item, choice="against")
    initiative.refresh_from_db()
    with on_day(TODAY):
        for _ in range(9):
            support_sign(
                actor=resident(group.wijk), initiative=initiative, stance="for"
            )
    # then
    assert (item.votes.count(), item.assessments.count()) == (10, 10)
    assert initiative.support_signatures.count() == 10
    assert _counts(clients, meeting) == before
