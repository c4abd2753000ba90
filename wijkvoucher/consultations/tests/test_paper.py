"""Paper ballots typed in twice by two different officials."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.consultations.models import Ballot, Consultation, PaperEntry
from wijkvoucher.consultations.services import ballot_cast, paper_entry_record
from wijkvoucher.consultations.services.paper import (
    COUNTED,
    DIFFERS,
    FIRST,
    PaperOutcome,
)
from wijkvoucher.consultations.tests.helpers import (
    AFTER,
    DURING,
    at,
    budget_vote,
    on_roll,
    options_of,
    published,
    snapshot,
    wijk_with_organiser,
)
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.tests.helpers import official

pytestmark = pytest.mark.django_db


def _paper_world() -> tuple[Consultation, str, list[User], list[int]]:
    wijk, organiser = wijk_with_organiser()
    consultation = published(budget_vote(wijk, organiser), organiser)
    [(_credential, code)] = on_roll(consultation, organiser, 1)
    officials = [organiser, official(neighbourhood=wijk), official(neighbourhood=wijk)]
    return consultation, code, officials, options_of(consultation)


def _enter(
    consultation: Consultation, actor: User, code: str, choices: object
) -> PaperOutcome:
    with at(DURING):
        return paper_entry_record(
            actor=actor, consultation=consultation, code=code, choices=choices
        )


def test_two_equal_entries_by_two_officials_cast_the_ballot() -> None:
    # given
    consultation, code, (first, second, _third), (a, b, _c) = _paper_world()
    # when
    one = _enter(consultation, first, code, [a, b])
    two = _enter(consultation, second, code.lower(), [b, a])
    # then
    assert one.state == FIRST
    assert two.state == COUNTED
    ballot = Ballot.objects.get(consultation=consultation)
    assert (ballot.channel, ballot.choices, ballot.receipt) == (
        "paper",
        [a, b],
        two.receipt,
    )
    assert list(PaperEntry.objects.values_list("matched", flat=True)) == [True, True]


def test_a_differing_entry_waits_for_a_third_official() -> None:
    # given
    consultation, code, (first, second, third), (a, b, _c) = _paper_world()
    _enter(consultation, first, code, [a])
    # when
    differs = _enter(consultation, second, code, [b])
    # then no ballot yet, both entries stay
    assert differs.state == DIFFERS
    assert not Ballot.objects.filter(consultation=consultation).exists()
    assert PaperEntry.objects.filter(matched=False).count() == 2
    # when a third official reads [b]
    third_entry = _enter(consultation, third, code, [b])
    # then
    assert third_entry.state == COUNTED
    assert Ballot.objects.get(consultation=consultation).choices == [b]


@pytest.mark.parametrize("case", ["same_official", "counted", "unknown_code", "closed"])
def test_paper_refusals_change_nothing(case: str) -> None:
    # given
    consultation, code, (first, second, third), (a, _b, _c) = _paper_world()
    _enter(consultation, first, code, [a])
    actor, typed, when = first, code, DURING
    if case == "counted":
        _enter(consultation, second, code, [a])
        actor = third
    elif case == "unknown_code":
        actor, typed = second, "AAAA-AAAA-AAAAA"
    elif case == "closed":
        actor, when = second, AFTER
    before = snapshot()
    # when
    with at(when), pytest.raises(ValidationError) as refused:
        paper_entry_record(
            actor=actor, consultation=consultation, code=typed, choices=[a]
        )
    # then
    expected = {
        "same_official": "entered_twice",
        "counted": "paper_counted",
        "unknown_code": "unknown_code",
        "closed": "closed",
    }[case]
    assert refused.value.code == expected
    assert snapshot() == before


def test_only_election_officials_type_paper_ballots_and_only_twice() -> None:
    # given
    consultation, code, _officials, (a, _b, _c) = _paper_world()
    chair = official(neighbourhood=consultation.neighbourhood, role=Role.STEERING_CHAIR)
    before = snapshot()
    # when / then
    with pytest.raises(PermissionDenied):
        _enter(consultation, chair, code, [a])
    with at(DURING), pytest.raises(ValidationError) as refused:
        ballot_cast(
            consultation=consultation,
            credential=consultation.credentials.get(),
            choices=[a],
            channel="paper",
        )
    assert refused.value.code == "paper_needs_two"
    assert snapshot() == before
