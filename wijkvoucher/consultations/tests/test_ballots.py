"""Casting a ballot: every ballot type's rules, the window in server time, re-voting,
the ballot sources and what the audit trail may say."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.consultations.choices import BallotRules, choices_clean
from wijkvoucher.consultations.codes import ballot_link
from wijkvoucher.consultations.models import (
    Ballot,
    BallotSource,
    Consultation,
    Credential,
)
from wijkvoucher.consultations.services import BallotOrigin, ballot_cast
from wijkvoucher.consultations.services.ballots import (
    source_network,
    user_agent_digest,
)
from wijkvoucher.consultations.tests.helpers import (
    CLOSES,
    DURING,
    OPENS,
    at,
    budget_vote,
    on_roll,
    options_of,
    published,
    snapshot,
    vote,
    wijk_with_organiser,
)
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.tests.helpers import official

pytestmark = pytest.mark.django_db

COSTS = {1: 300_000, 2: 400_000, 3: 500_000}


def _rules(ballot_type: str, **fields: object) -> BallotRules:
    return BallotRules(ballot_type=ballot_type, costs=COSTS, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("ballot_type", "fields", "choices", "stored"),
    [
        ("approval", {}, [3, "1"], [1, 3]),
        ("approval", {}, [], []),
        ("approval", {"max_choices": 2}, [2, 1], [1, 2]),
        ("knapsack", {"budget_cents": 800_000}, [1, 3], [1, 3]),
        ("cumulative", {"points": 10}, {"1": 6, "3": "4", "2": 0}, {"1": 6, "3": 4}),
        ("ordinal", {"max_choices": 2}, [3, 1], [3, 1]),
        ("ordinal", {}, [2, 3, 1], [2, 3, 1]),
        (
            "advisory",
            {},
            {
                "2": {"stance": "oppose", "comment": " Te duur "},
                1: {"stance": "support"},
            },
            {
                "1": {"stance": "support", "comment": ""},
                "2": {"stance": "oppose", "comment": "Te duur"},
            },
        ),
    ],
)
def test_valid_choices_are_stored_in_their_plain_form(
    ballot_type: str, fields: dict[str, object], choices: object, stored: object
) -> None:
    assert choices_clean(choices, _rules(ballot_type, **fields)) == stored


@pytest.mark.parametrize(
    ("ballot_type", "fields", "choices", "code"),
    [
        ("approval", {}, [4], "unknown_option"),
        ("approval", {}, [True], "unknown_option"),
        ("approval", {}, ["x"], "unknown_option"),
        ("approval", {}, [1, 1], "duplicate_choice"),
        ("approval", {}, {"1": 1}, "malformed"),
        ("approval", {"max_choices": 2}, [1, 2, 3], "too_many_choices"),
        ("knapsack", {"budget_cents": 800_000}, [2, 3], "over_budget"),
        ("cumulative", {"points": 10}, {"1": 6, "2": 5}, "too_many_points"),
        ("cumulative", {"points": 10}, {"1": -1}, "bad_points"),
        ("cumulative", {"points": 10}, {"1": 1.5}, "bad_points"),
        ("cumulative", {"points": 10}, {"1": True}, "bad_points"),
        ("cumulative", {"points": 10}, {"1": 1, 1: 2}, "duplicate_choice"),
        ("cumulative", {"points": 10}, [1], "malformed"),
        ("ordinal", {"max_choices": 2}, [1, 2, 3], "too_many_choices"),
        ("ordinal", {}, [1, 2, 1], "duplicate_choice"),
        ("advisory", {}, {"1": {"stance": "maybe"}}, "bad_stance"),
        ("advisory", {}, {"1": "support"}, "bad_stance"),
        ("advisory", {}, {"1": {"stance": "support", "comment": 5}}, "malformed"),
        (
            "advisory",
            {},
            {"1": {"stance": "support", "comment": "x" * 1001}},
            "comment_too_long",
        ),
        ("advisory", {}, {"9": {"stance": "support"}}, "unknown_option"),
    ],
)
def test_choices_that_do_not_fit_the_ballot_are_refused(
    ballot_type: str, fields: dict[str, object], choices: object, code: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        choices_clean(choices, _rules(ballot_type, **fields))
    assert refused.value.code == code


def test_a_comment_of_exactly_1000_characters_is_taken() -> None:
    stored = choices_clean(
        {"1": {"stance": "neutral", "comment": "x" * 1000}}, _rules("advisory")
    )
    assert len(stored["1"]["comment"]) == 1000


def _open_vote(
    ballot_type: str = "approval", **fields: Any
) -> tuple[Consultation, User, list[tuple[Credential, str]]]:
    wijk, organiser = wijk_with_organiser()
    consultation = published(
        budget_vote(wijk, organiser, ballot_type=ballot_type, **fields), organiser
    )
    roll = on_roll(consultation, organiser, 3)
    return consultation, organiser, roll


def test_a_ballot_is_stored_without_credential_or_time_and_the_roll_keeps_the_day() -> (
    None
):
    # given
    consultation, _organiser, [(credential, _code), *_] = _open_vote()
    a, b, _c = options_of(consultation)
    # when
    receipt = vote(consultation, credential, [b, a])
    # then
    ballot = Ballot.objects.get(consultation=consultation)
    assert ballot.receipt == receipt
    assert ballot.choices == [a, b]
    assert ballot.cast_on == DURING.date()
    assert ballot.channel == "letter"
    assert ballot.link == ballot_link(consultation.ballot_key or "", credential.pk)
    credential.refresh_from_db()
    assert credential.voted_on == DURING.date()


def test_the_audit_event_names_the_credential_never_the_choices_or_the_ballot() -> None:
    # given
    consultation, _organiser, [(credential, _code), *_] = _open_vote()
    a, _b, _c = options_of(consultation)
    # when
    receipt = vote(consultation, credential, [a])
    # then
    event = AuditEvent.objects.get(action="consultations.ballot_cast")
    ballot = Ballot.objects.get(consultation=consultation)
    assert event.subject_id == str(credential.pk)
    assert event.data == {"channel": "letter", "replaced": False}
    text = str(event.canonical())
    for secret in (receipt, str(ballot.pk), str(ballot.link)):
        assert secret not in text


def test_a_new_ballot_replaces_the_old_one() -> None:
    # given
    consultation, _organiser, [(credential, _code), *_] = _open_vote()
    a, b, _c = options_of(consultation)
    first = vote(consultation, credential, [a])
    # when
    second = vote(consultation, credential, [b], when=DURING + dt.timedelta(days=1))
    # then
    ballot = Ballot.objects.get(consultation=consultation)
    assert (ballot.receipt, ballot.choices) == (second, [b])
    assert second != first
    assert ballot.cast_on == (DURING + dt.timedelta(days=1)).date()
    assert AuditEvent.objects.filter(action="consultations.ballot_cast").count() == 2
    assert (
        AuditEvent.objects.filter(
            action="consultations.ballot_cast", data__replaced=True
        ).count()
        == 1
    )


@pytest.mark.parametrize(
    ("when", "code"),
    [
        (OPENS - dt.timedelta(seconds=1), "not_open"),
        (CLOSES, "closed"),
        (CLOSES + dt.timedelta(seconds=1), "closed"),
    ],
)
def test_outside_the_window_a_ballot_is_refused(when: dt.datetime, code: str) -> None:
    # given
    consultation, _organiser, [(credential, _code), *_] = _open_vote()
    before = snapshot()
    # when
    with pytest.raises(ValidationError) as refused:
        vote(consultation, credential, [], when=when)
    # then
    assert refused.value.code == code
    assert snapshot() == before


def test_the_first_and_last_moments_of_the_window_take_a_ballot() -> None:
    # given
    consultation, _organiser, [(first, _), (last, _), *_] = _open_vote()
    # when
    vote(consultation, first, [], when=OPENS)
    vote(consultation, last, [], when=CLOSES - dt.timedelta(seconds=1))
    # then
    assert Ballot.objects.filter(consultation=consultation).count() == 2


def test_a_draft_takes_no_ballot() -> None:
    # given
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(wijk, organiser)
    [(credential, _code)] = on_roll(consultation, organiser, 1)
    before = snapshot()
    # when
    with pytest.raises(ValidationError) as refused:
        vote(consultation, credential, [])
    # then
    assert refused.value.code == "not_open"
    assert snapshot() == before


def _two(a: int, b: int, c: int) -> object:
    return [b, c]


def _same_twice(a: int, b: int, c: int) -> object:
    return [a, a]


def _six_points(a: int, b: int, c: int) -> object:
    return {str(a): 6}


@pytest.mark.parametrize(
    ("ballot_type", "fields", "choose", "code"),
    [
        ("approval", {"max_choices": 1}, _two, "too_many_choices"),
        ("knapsack", {}, _two, "over_budget"),
        ("cumulative", {"points": 5}, _six_points, "too_many_points"),
        ("ordinal", {}, _same_twice, "duplicate_choice"),
    ],
)
def test_the_service_refuses_choices_that_do_not_fit_and_changes_nothing(
    ballot_type: str, fields: dict[str, object], choose: Any, code: str
) -> None:
    # given a budget of € 6,000 and options of € 3,000, € 4,000 and € 5,000
    consultation, _organiser, [(credential, _code), *_] = _open_vote(
        ballot_type, budget_cents=600_000, **fields
    )
    choices = choose(*options_of(consultation))
    before = snapshot()
    # when
    with pytest.raises(ValidationError) as refused:
        vote(consultation, credential, choices)
    # then
    assert refused.value.code == code
    assert snapshot() == before


def test_a_credential_of_another_consultation_or_revoked_is_refused() -> None:
    # given
    consultation, organiser, [(credential, _code), (revoked, _), *_] = _open_vote()
    other = published(
        budget_vote(credential.consultation.neighbourhood, organiser), organiser
    )
    Credential.objects.filter(pk=revoked.pk).update(revoked=True)
    before = snapshot()
    # when / then
    for target, used in ((other, credential), (consultation, revoked)):
        with pytest.raises(ValidationError) as refused:
            vote(target, used, [])
        assert refused.value.code == "credential_invalid"
    assert snapshot() == before


def test_an_assisted_ballot_needs_an_election_official() -> None:
    # given
    consultation, _organiser, [(credential, _code), *_] = _open_vote()
    helper = official(neighbourhood=consultation.neighbourhood)
    chair = official(neighbourhood=consultation.neighbourhood, role=Role.STEERING_CHAIR)
    before = snapshot()
    # when nobody, or a regiegroep chair (no election official), helps
    with at(DURING), pytest.raises(ValidationError) as refused:
        ballot_cast(
            consultation=consultation,
            credential=credential,
            choices=[],
            channel="assisted",
        )
    assert refused.value.code == "official_needed"
    with at(DURING), pytest.raises(PermissionDenied):
        ballot_cast(
            consultation=consultation,
            credential=credential,
            choices=[],
            channel="assisted",
            actor=chair,
        )
    assert snapshot() == before
    # then the official may
    with at(DURING):
        ballot_cast(
            consultation=consultation,
            credential=credential,
            choices=[],
            channel="assisted",
            actor=helper,
        )
    assert Ballot.objects.get(consultation=consultation).channel == "assisted"
    event = AuditEvent.objects.get(action="consultations.ballot_cast")
    assert event.actor == helper


def test_each_ballot_counts_its_network_hour_and_browser_once() -> None:
    # given
    consultation, _organiser, roll = _open_vote()
    origin = BallotOrigin(ip="192.0.2.77", user_agent="Firefox")
    # when three ballots from one browser, one from another, in the same hour
    with at(DURING):
        for credential, _code in roll:
            ballot_cast(
                consultation=consultation,
                credential=credential,
                choices=[],
                channel="letter",
                origin=origin,
            )
        ballot_cast(
            consultation=consultation,
            credential=roll[0][0],
            choices=[],
            channel="letter",
            origin=BallotOrigin(ip="192.0.2.8", user_agent="Safari"),
        )
    # then
    rows = {
        (row.source, row.user_agent_digest): row.count
        for row in BallotSource.objects.filter(consultation=consultation)
    }
    assert rows == {
        ("192.0.2.0/24", user_agent_digest("Firefox")): 3,
        ("192.0.2.0/24", user_agent_digest("Safari")): 1,
    }
    hour = BallotSource.objects.filter(consultation=consultation).first()
    assert hour is not None
    assert hour.hour == DURING.replace(minute=0, second=0, microsecond=0)


@pytest.mark.parametrize(
    ("ip", "network"),
    [
        ("192.0.2.77", "192.0.2.0/24"),
        ("2001:db8:1234:5678::1", "2001:db8:1234::/48"),
        ("not an address", "unknown"),
    ],
)
def test_the_source_is_the_network_not_the_address(ip: str, network: str) -> None:
    assert source_network(ip) == network
