"""Reads: conflict detection, quorum, the composition of the regiegroep, the latest
advice; and the database constraints of the models."""

from __future__ import annotations

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="misc,arg-type"
import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.initiatives.models import BudgetLine, CoInitiator, SupportSignature
from wijkvoucher.neighbourhoods.constants import AuthorityMode, Role
from wijkvoucher.neighbourhoods.tests.factories import (
    AddressFactory,
    RoleAssignmentFactory,
)
from wijkvoucher.neighbourhoods.tests.helpers import TODAY, on_day
from wijkvoucher.providers.models import Provider, ProviderMembership
from wijkvoucher.regiegroep.constants import AdviceOutcome, ConflictKind
from wijkvoucher.regiegroep.models import (
    Advice,
    AgendaItem,
    ConflictDeclaration,
    Meeting,
)
from wijkvoucher.regiegroep.selectors import (
    advice_latest,
    composition,
    meeting_agenda,
    meeting_quorum,
    plans_to_schedule,
)
from wijkvoucher.regiegroep.selectors_conflicts import conflicts_by_item, conflicts_for
from wijkvoucher.regiegroep.selectors_meeting import agenda_facts, agenda_item_facts
from wijkvoucher.regiegroep.services import (
    assessment_record,
    attendance_record,
    conflict_declare,
    vote_cast,
)
from wijkvoucher.regiegroep.tests.factories import (
    MEETING_DAY,
    Group,
    checked_plan,
    item_on_agenda,
    item_under_discussion,
    member,
    planned_meeting,
    regiegroep,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


@pytest.fixture
def group() -> Group:
    return regiegroep()


# --- Conflict detection ------------------------------------------------------------


def test_nobody_conflicts_with_an_ordinary_plan(group: Group) -> None:
    item = item_on_agenda(group)
    assert conflicts_for(agenda_item=item) == {}


def test_an_accepted_co_initiator_conflicts_but_an_invited_one_does_not(
    group: Group,
) -> None:
    item = item_on_agenda(group)
    initiative = item.initiative

    def invite(user_index: int, accepted: bool) -> None:
        person = group.members[user_index]
        CoInitiator.objects.create(
            initiative=initiative,
            email=person.email,
            user=person if accepted else None,
            invited_by=initiative.initiator,
            token_hash=f"{user_index:064d}",
            expires_at=timezone.now() + dt.timedelta(days=7),
            accepted_at=timezone.now() if accepted else None,
        )

    invite(0, accepted=True)
    invite(1, accepted=False)
    assert conflicts_for(agenda_item=item) == {
        group.members[0].pk: ConflictKind.CO_INITIATOR
    }


def _at_home_of_initiator(item: AgendaItem, user: User, **fields: Any) -> None:
    """Give ``user`` an address at the plan initiator's home (``house_offset`` next
    door)."""
    home = item.initiative.initiator.addresses.get()
    AddressFactory(
        user=user,
        postcode=home.postcode,
        house_number=home.house_number + fields.pop("house_offset", 0),
        neighbourhood=item.meeting.neighbourhood,
        **fields,
    )


def test_someone_at_the_initiators_address_is_household(group: Group) -> None:
    item = item_on_agenda(group)
    _at_home_of_initiator(item, group.members[1])
    # a neighbour next door is not household
    _at_home_of_initiator(item, group.members[2], house_offset=1)
    assert conflicts_for(agenda_item=item) == {
        group.members[1].pk: ConflictKind.HOUSEHOLD
    }


def test_a_member_who_moved_out_is_no_longer_household(group: Group) -> None:
    item = item_on_agenda(group)
    _at_home_of_initiator(
        item, group.members[1], valid_until=TODAY - dt.timedelta(days=30)
    )
    assert conflicts_for(agenda_item=item) == {}


def test_a_provider_in_the_budget_conflicts_whatever_the_case(group: Group) -> None:
    item = item_on_agenda(group)
    BudgetLine.objects.filter(initiative=item.initiative).update(
        provider_name="Tuincentrum De Groene Vingers"
    )
    provider = Provider.objects.create(
        municipality=group.wijk.municipality, name="tuincentrum de groene vingers"
    )
    ProviderMembership.objects.create(
        provider=provider, user=group.members[2], valid_from=dt.date(2026, 1, 1)
    )
    other = Provider.objects.create(
        municipality=group.wijk.municipality, name="Bouwmarkt"
    )
    ProviderMembership.objects.create(
        provider=other, user=group.members[1], valid_from=dt.date(2026, 1, 1)
    )
    assert conflicts_for(agenda_item=item) == {
        group.members[2].pk: ConflictKind.PROVIDER
    }


def test_a_signer_conflicts_and_the_initiator_counts_as_initiator(
    group: Group,
) -> None:
    AddressFactory(user=group.chair, neighbourhood=group.wijk)
    item = item_on_agenda(group)
    SupportSignature.objects.create(
        initiative=item.initiative,
        signer=group.members[0],
        address=AddressFactory(user=group.members[0], neighbourhood=group.wijk),
        stance="against",
    )
    assert conflicts_for(agenda_item=item) == {
        group.members[0].pk: ConflictKind.SUPPORTER
    }


# --- Composition -------------------------------------------------------------------


def test_composition_counts_the_mix_and_the_vacancies(group: Group) -> None:
    # a member whose term ended and one who starts later are not counted
    member(group.wijk, valid_until=TODAY - dt.timedelta(days=1))
    member(group.wijk, valid_from=TODAY + dt.timedelta(days=1))
    result = composition(neighbourhood=group.wijk)
    assert (result.total, result.voting, result.non_voting) == (6, 5, 1)
    # the chair and one member were active before: 2 of 6
    assert (result.previously_active, result.previously_active_percent) == (2, 33)
    assert (result.new, result.new_percent) == (4, 67)
    assert (result.min_size, result.max_size) == (5, 9)
    assert (result.vacancies, result.room, result.over_maximum) == (0, 4, 0)


def test_composition_of_a_small_group_shows_vacancies() -> None:
    group = regiegroep()
    for person in group.members:
        person.role_assignments.update(valid_until=TODAY - dt.timedelta(days=1))
    result = composition(neighbourhood=group.wijk)
    assert (result.voting, result.vacancies) == (2, 3)


def test_someone_with_two_roles_is_one_member(group: Group) -> None:
    RoleAssignmentFactory(
        user=group.adviser, role=Role.STEERING_MEMBER, neighbourhood=group.wijk
    )
    result = composition(neighbourhood=group.wijk)
    assert (result.total, result.voting, result.non_voting) == (6, 6, 0)


def test_plans_to_schedule_leaves_out_plans_already_on_an_agenda(
    group: Group,
) -> None:
    waiting = checked_plan(group.wijk)
    item_on_agenda(group)
    assert list(plans_to_schedule(neighbourhoods=[group.wijk])) == [waiting]


# --- Constraints -------------------------------------------------------------------


def _refused(create: object) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        create()  # type: ignore[operator]


def test_the_cutoff_lies_before_the_meeting(group: Group) -> None:
    _refused(
        lambda: Meeting.objects.create(
            neighbourhood=group.wijk,
            held_on=TODAY,
            cutoff_on=TODAY + dt.timedelta(days=1),
        )
    )


def test_a_declared_conflict_has_a_kind(group: Group) -> None:
    item = item_on_agenda(group)
    _refused(
        lambda: ConflictDeclaration.objects.create(
            agenda_item=item,
            member=group.chair,
            has_conflict=True,
            kind="",
            recorded_by=group.chair,
        )
    )
    _refused(
        lambda: ConflictDeclaration.objects.create(
            agenda_item=item,
            member=group.chair,
            has_conflict=False,
            kind=ConflictKind.OTHER,
            recorded_by=group.chair,
        )
    )


@pytest.mark.parametrize(
    ("outcome", "amount", "reason", "consensus", "votes_for"),
    [
        (AdviceOutcome.AWARD, 0, "", True, 0),
        (AdviceOutcome.AWARD, 45_000, "other", True, 0),
        (AdviceOutcome.PARTLY_AWARD, 30_000, "", True, 0),
        (AdviceOutcome.REJECT, 5, "other", True, 0),
        (AdviceOutcome.REJECT, 0, "", True, 0),
        (AdviceOutcome.AWARD, 45_000, "", False, 0),
    ],
)
def test_an_advice_row_is_consistent(
    group: Group,
    outcome: str,
    amount: int,
    reason: str,
    consensus: bool,
    votes_for: int,
) -> None:
    item = item_on_agenda(group)
    _refused(
        lambda: Advice.objects.create(
            initiative=item.initiative,
            agenda_item=item,
            outcome=outcome,
            amount_cents=amount,
            reason_code=reason,
            motivation="Zo.",
            by_consensus=consensus,
            votes_for=votes_for,
            authority_mode=AuthorityMode.ADVICE,
            recorded_by=group.chair,
        )
    )


def test_advice_latest_is_none_before_any_advice(group: Group) -> None:
    item = item_on_agenda(group)
    assert advice_latest(initiative=item.initiative) is None


def test_the_quorum_counts_roles_valid_on_the_meeting_day(group: Group) -> None:
    leaving = member(group.wijk, valid_until=MEETING_DAY - dt.timedelta(days=1))
    joining = member(group.wijk, valid_from=MEETING_DAY)
    meeting = planned_meeting(group)
    attendance_record(
        actor=group.secretary,
        meeting=meeting,
        present=[group.chair, group.secretary, joining],
    )
    quorum = meeting_quorum(meeting=meeting)
    # five plus the one who joins; the one who left is not counted
    assert (quorum.voting_members, quorum.present, quorum.needed) == (6, 3, 4)
    assert not quorum.reached
    assert leaving.pk not in {a.member_id for a in meeting.attendances.all()}


# --- A whole agenda at once --------------------------------------------------------


def test_the_conflicts_of_a_whole_agenda_match_those_of_each_item(
    group: Group,
) -> None:
    meeting = planned_meeting(group)
    provider = Provider.objects.create(
        municipality=group.wijk.municipality, name="Bouwmarkt"
    )
    ProviderMembership.objects.create(
        provider=provider, user=group.members[2], valid_from=dt.date(2026, 1, 1)
    )
    named, housed, plain = (item_on_agenda(group, meeting) for _ in range(3))
    BudgetLine.objects.filter(initiative=named.initiative).update(
        provider_name=" BOUWMARKT "
    )
    _at_home_of_initiator(housed, group.members[1])
    SupportSignature.objects.create(
        initiative=housed.initiative,
        signer=group.members[0],
        address=AddressFactory(user=group.members[0], neighbourhood=group.wijk),
        stance="for",
    )
    items = [named, housed, plain]
    found = conflicts_by_item(agenda_items=items)
    assert found == {item.pk: conflicts_for(agenda_item=item) for item in items}
    assert found == {
        named.pk: {group.members[2].pk: ConflictKind.PROVIDER},
        housed.pk: {
            group.members[1].pk: ConflictKind.HOUSEHOLD,
            group.members[0].pk: ConflictKind.SUPPORTER,
        },
        plain.pk: {},
    }


def test_the_facts_of_a_whole_agenda_match_those_of_each_item(group: Group) -> None:
    with on_day(MEETING_DAY):
        discussed = item_under_discussion(group)
        assessment_record(actor=group.chair, agenda_item=discussed, opinion="for")
        vote_cast(actor=group.chair, agenda_item=discussed, choice="for")
        vote_cast(actor=group.members[0], agenda_item=discussed, choice="against")
        with on_day(TODAY):
            waiting = item_on_agenda(group, discussed.meeting)
        conflict_declare(
            actor=group.chair,
            agenda_item=waiting,
            member=group.chair,
            has_conflict=False,
        )
        items = list(meeting_agenda(meeting=discussed.meeting))
        for user in (group.chair, group.members[1]):
            facts = agenda_facts(items=items, user=user)
            assert facts == {
                item.pk: agenda_item_facts(item=item, user=user) for item in items
            }
    chair = agenda_facts(items=items, user=group.chair)
    assert chair[discussed.pk]["tally"] == {"for": 1, "against": 1, "abstain": 0}
    assert chair[discussed.pk]["my_vote"].choice == "for"
    assert len(chair[discussed.pk]["declarations"]) == len(group.voters)
    assert len(chair[waiting.pk]["declarations"]) == 1
    assert chair[waiting.pk]["my_vote"] is None
