"""Certification: the result per ballot type and rule, and afterwards no way back from
a ballot to a credential, a person or an address."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection

import pytest

from wijkvoucher.consultations.models import (
    Ballot,
    Consultation,
    Credential,
    PaperEntry,
)
from wijkvoucher.consultations.selectors import (
    ballots_published,
    consultation_result,
)
from wijkvoucher.consultations.selectors_answers import wijk_answer
from wijkvoucher.consultations.services import (
    consultation_certify,
    paper_entry_record,
)
from wijkvoucher.consultations.tests.helpers import (
    AFTER,
    CLOSES,
    DURING,
    advisory_poll,
    at,
    budget_vote,
    certified,
    on_roll,
    options_of,
    published,
    snapshot,
    vote,
    wijk_with_organiser,
)
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.initiatives.constants import InitiativeStatus as S
from wijkvoucher.initiatives.tests.factories import initiative_in
from wijkvoucher.neighbourhoods.tests.helpers import official
from wijkvoucher.tally import make_election, run_rule

pytestmark = pytest.mark.django_db


def _voted(
    ballots: list[Any],
    *,
    ballot_type: str = "approval",
    costs: tuple[int, ...] = (300_000, 400_000, 500_000),
    budget_cents: int = 1_000_000,
    **fields: Any,
) -> tuple[Consultation, list[int]]:
    """A budget vote with one voter per entry of ``ballots``: each a function of the
    option ids giving the choices."""
    wijk, organiser = wijk_with_organiser()
    consultation = published(
        budget_vote(
            wijk,
            organiser,
            costs=costs,
            budget_cents=budget_cents,
            ballot_type=ballot_type,
            **fields,
        ),
        organiser,
    )
    ids = options_of(consultation)
    for (credential, _code), choose in zip(
        on_roll(consultation, organiser, len(ballots)), ballots, strict=True
    ):
        vote(consultation, credential, choose(*ids))
    return certified(consultation, organiser), ids


def test_certifying_before_the_close_is_refused() -> None:
    # given
    wijk, organiser = wijk_with_organiser()
    consultation = published(budget_vote(wijk, organiser), organiser)
    [(credential, _code)] = on_roll(consultation, organiser, 1)
    vote(consultation, credential, [])
    before = snapshot()
    # when
    with (
        at(CLOSES - dt.timedelta(seconds=1)),
        pytest.raises(ValidationError) as refused,
    ):
        consultation_certify(actor=organiser, consultation=consultation)
    # then
    assert refused.value.code == "still_open"
    assert snapshot() == before


def test_approval_with_greedy_funds_down_the_votes_while_money_lasts() -> None:
    # when A has 3 votes, B 4, C 2: B and A fit € 10,000, C (€ 5,000) no longer does
    consultation, (a, b, c) = _voted(
        [
            lambda a, b, c: [a, b],
            lambda a, b, c: [a, b, c],
            lambda a, b, c: [a, b],
            lambda a, b, c: [b, c],
        ]
    )
    # then
    assert consultation.status == "certified"
    assert consultation.result == {
        "rule": "greedy",
        "selected": [b, a],
        "cost": 700_000,
        "budget": 1_000_000,
        "votes": {str(a): 3, str(b): 4, str(c): 2},
        "unsupported": [],
        "ballots": 4,
        "tie_break_matters": False,
    }


def test_an_option_nobody_chose_is_not_funded_even_when_money_is_left() -> None:
    # when only A gets a vote
    consultation, (a, b, c) = _voted([lambda a, b, c: [a]])
    # then
    result = consultation_result(consultation=consultation)
    assert result is not None
    assert result["selected"] == [a]
    assert result["unsupported"] == [b, c]


def test_cumulative_points_rank_the_options() -> None:
    # when A gets 15 points, C 11, B 4
    consultation, (a, b, c) = _voted(
        [
            lambda a, b, c: {str(a): 10},
            lambda a, b, c: {str(c): 6, str(b): 4},
            lambda a, b, c: {str(c): 5, str(a): 5},
        ],
        ballot_type="cumulative",
        points=10,
    )
    # then
    assert consultation.result is not None
    assert consultation.result["votes"] == {str(a): 15, str(b): 4, str(c): 11}
    assert consultation.result["selected"] == [a, c]


def test_ordinal_rankings_give_points_by_place() -> None:
    # when three voters rank two plans each: first place 2 points, second 1
    consultation, (a, b, c) = _voted(
        [
            lambda a, b, c: [c, a],
            lambda a, b, c: [c, b],
            lambda a, b, c: [a, c],
        ],
        ballot_type="ordinal",
        max_choices=2,
    )
    # then
    assert consultation.result is not None
    assert consultation.result["votes"] == {str(a): 3, str(b): 1, str(c): 5}
    assert consultation.result["selected"] == [c, a]


def test_knapsack_ballots_are_counted_like_approval() -> None:
    consultation, (a, b, _c) = _voted(
        [lambda a, b, c: [a, b], lambda a, b, c: [b]], ballot_type="knapsack"
    )
    assert consultation.result is not None
    assert consultation.result["selected"] == [b, a]


def test_equal_shares_with_add_one_counts_in_euros() -> None:
    # given the example of docs/pabulib.md: € 600 and € 500 for a € 1,000 budget
    consultation, (_p1, p2) = _voted(
        [lambda a, b: [a], lambda a, b: [a, b], lambda a, b: [b]],
        costs=(60_000, 50_000),
        budget_cents=100_000,
        rule="equalshares/add1",
    )
    # then MES funds the cheaper plan at equal support, as the tally does in euros
    expected = run_rule(
        make_election(
            [("p1", 600, ""), ("p2", 500, "")],
            [["p1"], ["p1", "p2"], ["p2"]],
            budget=1000,
        ),
        "equalshares/add1",
    )
    assert expected.selected == ("p2",)
    assert consultation.result is not None
    assert consultation.result["selected"] == [p2]
    assert consultation.result["cost"] == 50_000
    assert consultation.result["tie_break_matters"] is False


def test_a_tie_decided_by_the_option_order_is_reported() -> None:
    # when A and B each get one vote and only one fits
    consultation, (a, _b) = _voted(
        [lambda a, b: [a], lambda a, b: [b]],
        costs=(600_000, 600_000),
    )
    # then
    assert consultation.result is not None
    assert consultation.result["selected"] == [a]
    assert consultation.result["tie_break_matters"] is True


def test_after_certification_no_ballot_can_be_traced_back() -> None:
    # given a vote with online and paper ballots
    wijk, organiser = wijk_with_organiser()
    consultation = published(budget_vote(wijk, organiser), organiser)
    a, b, _c = options_of(consultation)
    roll = on_roll(consultation, organiser, 4)
    for credential, _code in roll[:3]:
        vote(consultation, credential, [a])
    second = official(neighbourhood=wijk)
    with at(DURING):
        for actor in (organiser, second):
            paper_entry_record(
                actor=actor, consultation=consultation, code=roll[3][1], choices=[b]
            )
    receipts = set(Ballot.objects.values_list("receipt", flat=True))
    # when
    certified(consultation, organiser)
    # then the key and every link are gone, the receipts stay
    consultation.refresh_from_db()
    assert consultation.ballot_key is None
    assert not Ballot.objects.filter(link__isnull=False).exists()
    assert set(Ballot.objects.values_list("receipt", flat=True)) == receipts
    # the letters' addresses and the paper entries are blanked
    assert set(
        Credential.objects.values_list(
            "letter_name", "letter_street", "letter_postcode", "letter_city"
        )
    ) == {("", "", "", "")}
    assert list(PaperEntry.objects.values_list("code_digest", "choices")) == [
        ("", {}),
        ("", {}),
    ]
    # and no column of the ballot table points anywhere but the consultation
    with connection.cursor() as cursor:
        relations = connection.introspection.get_relations(
            cursor, Ballot._meta.db_table
        )
    assert {table for _column, table in relations.values()} == {
        Consultation._meta.db_table
    }
    event = AuditEvent.objects.get(action="consultations.consultation_certify")
    assert event.data["ballots"] == 4


def test_the_published_list_recounts_to_the_result() -> None:
    # given
    consultation, (a, b, c) = _voted(
        [lambda a, b, c: [a, b], lambda a, b, c: [c], lambda a, b, c: [b]]
    )
    # when
    published_list = ballots_published(consultation=consultation)
    # then sorted by receipt, and the same count comes out of the tally
    assert [row[0] for row in published_list] == sorted(
        row[0] for row in published_list
    )
    recount = run_rule(
        make_election(
            [(str(a), 3000, ""), (str(b), 4000, ""), (str(c), 5000, "")],
            [[str(i) for i in choices] for _receipt, choices in published_list],
            budget=10_000,
        ),
        "greedy",
    )
    assert consultation.result is not None
    assert [int(i) for i in recount.selected] == consultation.result["selected"]


def test_the_ballot_list_stays_closed_until_certified() -> None:
    # given
    wijk, organiser = wijk_with_organiser()
    consultation = published(budget_vote(wijk, organiser), organiser)
    [(credential, _code)] = on_roll(consultation, organiser, 1)
    vote(consultation, credential, [])
    # then
    assert ballots_published(consultation=consultation) == []
    assert consultation_result(consultation=consultation) is None


def test_a_certified_vote_takes_no_ballot_and_no_second_certification() -> None:
    # given
    consultation, _ids = _voted([lambda a, b, c: [a]])
    organiser = consultation.created_by
    credential = Credential.objects.get(consultation=consultation)
    before = snapshot()
    # when / then
    with pytest.raises(ValidationError) as refused:
        vote(consultation, credential, [], when=DURING)
    assert refused.value.code == "not_open"
    with at(AFTER), pytest.raises(ValidationError) as refused:
        consultation_certify(actor=organiser, consultation=consultation)
    assert refused.value.code == "invalid_status"
    assert snapshot() == before


def test_a_poll_counts_stances_and_comments_and_leaves_the_plans_in_consultation() -> (
    None
):
    # given
    wijk, organiser = wijk_with_organiser()
    with at(dt.datetime(2026, 6, 15, 9, tzinfo=DURING.tzinfo)):
        plans = [initiative_in(S.ON_AGENDA, neighbourhood=wijk) for _ in range(2)]
    poll = published(advisory_poll(wijk, organiser, plans), organiser)
    first, second = options_of(poll)
    answers = [
        {str(first): {"stance": "support", "comment": "Mooi plan"}},
        {
            str(first): {"stance": "oppose", "comment": "Te duur"},
            str(second): {"stance": "neutral"},
        },
        {str(first): {"stance": "support", "comment": "Doen!"}},
    ]
    for (credential, _code), choices in zip(
        on_roll(poll, organiser, 3), answers, strict=True
    ):
        vote(poll, credential, choices)
    # when
    certified(poll, organiser)
    # then
    poll.refresh_from_db()
    assert poll.result == {
        "options": {
            str(first): {"support": 2, "oppose": 1, "neutral": 0},
            str(second): {"support": 0, "oppose": 0, "neutral": 1},
        },
        "comments": {str(first): ["Doen!", "Mooi plan", "Te duur"], str(second): []},
        "ballots": 3,
    }
    for plan in plans:
        plan.refresh_from_db()
        assert plan.status == S.IN_CONSULTATION
    answer = wijk_answer(initiative_id=plans[0].pk)
    assert answer is not None
    assert (answer.support, answer.oppose, answer.neutral) == (2, 1, 0)
    assert answer.comments == ("Doen!", "Mooi plan", "Te duur")
    assert wijk_answer(initiative_id=initiative_in_other().pk) is None


def initiative_in_other() -> Any:
    wijk, _organiser = wijk_with_organiser()
    with at(dt.datetime(2026, 6, 15, 9, tzinfo=DURING.tzinfo)):
        return initiative_in(S.ON_AGENDA, neighbourhood=wijk)
