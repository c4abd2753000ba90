"""Reads: conflict detection, quorum, the composition of the regiegroep, the latest
advice; and the database constraints of the models."""

from __future__ import annotations

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="misc,arg-type"
import datetime as dt
from collections.abc import Iterator

from django.db import IntegrityError, transaction
from django.utils import timezone

import pytest

from wijkvoucher.initiatives.models import BudgetLine, CoInitiator, SupportSignature
from wijkvoucher.neighbourhoods.constants import AuthorityMode, Role
from wijkvoucher.neighbourhoods.tests.factories import (
    AddressFactory,
    RoleAssignmentFactory,
)
from wijkvoucher.neighbourhoods.tests.helpers import TODAY, on_day
from wijkvoucher.providers.models import Provider, ProviderMembership
from wijkvoucher.regiegroep.constants import AdviceOutcome, ConflictKind
from wijkvoucher.regiegroep.models import Advice, ConflictDeclaration, Meeting
from wijkvoucher.regiegroep.selectors import (
    advice_latest,
    composition,
    conflicts_for,
    meeting_quorum,
    plans_to_schedule,
)
from wijkvoucher.regiegroep.services import attendance_record
from wijkvoucher.regiegroep.tests.factories import (
    MEETING_DAY,
    Group,
    checked_plan,
    item_on_agenda,
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


def test_someone_at_the_initiators_address_is_household(group: Group) -> None:
    item = item_on_agenda(group)
    home = item.initiative.initiator.addresses.get()
    AddressFactory(
        user=group.members[1],
        postcode=home.postcode,
        house_number=home.house_number,
        neighbourhood=group.wijk,
    )
    # a neighbour next door is not household
    AddressFactory(
        user=group.members[2],
        postcode=home.postcode,
        house_number=home.house_number + 1,
        neighbourhood=group.wijk,
    )
    assert conflicts_for(agenda_item=item) == {
        group.members[1].pk: ConflictKind.HOUSEHOLD
    }


def test_a_member_who_moved_out_is_no_longer_household(group: Group) -> None:
    item = item_on_agenda(group)
    home = item.initiative.initiator.addresses.get()
    AddressFactory(
        user=group.members[1],
        postcode=home.postcode,
        house_number=home.house_number,
        neighbourhood=group.wijk,
        valid_until=TODAY - dt.timedelta(days=30),
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
