"""Voting under concurrency (docs/voting.md#tests, docs/quality.md):
threads released together by a barrier, each on its own database connection. On
PostgreSQL the credential's row lock and the unique (consultation, link) constraint
do the work; on SQLite the IMMEDIATE transactions serialise the writers, so the same
counts hold on both back-ends."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence

from django.utils import timezone

import pytest
import time_machine

from wijkvoucher.consultations.models import Ballot, Consultation, Credential
from wijkvoucher.consultations.services import ballot_cast, consultation_certify
from wijkvoucher.consultations.tests.helpers import (
    DURING,
    budget_vote,
    certified,
    on_roll,
    options_of,
    published,
    wijk_with_organiser,
)
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.core.selectors import audit_chain_problems
from wijkvoucher.core.services import audit_seal
from wijkvoucher.core.tests.concurrency import run_together

# One xdist worker runs every many-thread test, so that two of them never open more
# database connections together than PostgreSQL allows (100 by default).
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("concurrency"),
]

SAME_THREADS = 50
REVOTE_THREADS = 20
WORKERS = 20
VOTERS = 1000
KNAPSACK_THREADS = 30


def _ticking() -> time_machine.travel:
    """The clock runs from a moment inside the voting window."""
    return time_machine.travel(DURING, tick=True)


def _open_vote(
    voters: int, **fields: object
) -> tuple[Consultation, list[Credential], list[int]]:
    wijk, organiser = wijk_with_organiser()
    consultation = published(budget_vote(wijk, organiser, **fields), organiser)  # type: ignore[arg-type]
    roll = [
        credential for credential, _code in on_roll(consultation, organiser, voters)
    ]
    return consultation, roll, options_of(consultation)


def _cast(consultation: Consultation, credential: Credential, choices: object) -> str:
    return ballot_cast(
        consultation=consultation,
        credential=credential,
        choices=choices,
        channel="letter",
    )


def test_fifty_threads_voting_with_one_credential_leave_one_ballot() -> None:
    # given
    consultation, [credential], (a, b, c) = _open_vote(1)
    choices = [[a], [b], [c], [a, b], []]
    # when
    with _ticking():
        outcomes = run_together(
            lambda n: _cast(consultation, credential, choices[n % len(choices)]),
            list(range(SAME_THREADS)),
        )
    # then every ballot was taken in turn, and exactly one counts
    assert outcomes == {"ok": SAME_THREADS}
    assert Ballot.objects.filter(consultation=consultation).count() == 1
    events = AuditEvent.objects.filter(action="consultations.ballot_cast")
    assert events.count() == SAME_THREADS
    assert events.filter(data__replaced=True).count() == SAME_THREADS - 1
    audit_seal()
    assert audit_chain_problems() == []


def test_twenty_concurrent_revotes_leave_one_of_the_submitted_ballots() -> None:
    # given one credential that already voted, and twenty different new ballots
    consultation, [credential], (a, b, c) = _open_vote(
        1, ballot_type="cumulative", points=20
    )
    with _ticking():
        _cast(consultation, credential, {str(a): 1})
    submitted = [{str(a): n, str(b): 20 - n} for n in range(REVOTE_THREADS)]
    # when
    with _ticking():
        outcomes = run_together(
            lambda n: _cast(consultation, credential, submitted[n]),
            list(range(REVOTE_THREADS)),
        )
    # then
    assert outcomes == {"ok": REVOTE_THREADS}
    [ballot] = Ballot.objects.filter(consultation=consultation)
    assert ballot.choices in [
        {key: value for key, value in s.items() if value} for s in submitted
    ]
    assert str(c) not in ballot.choices


def _choices_of(number: int, ids: Sequence[int]) -> list[int]:
    """Voter ``number``'s approval ballot: the options whose bit is set."""
    return [option for bit, option in enumerate(ids) if number >> bit & 1]


def test_a_thousand_voters_at_once_give_a_thousand_ballots_and_the_exact_tally() -> (
    None
):
    # given
    voters = VOTERS
    consultation, roll, ids = _open_vote(voters)
    chunks = [roll[n::WORKERS] for n in range(WORKERS)]
    number = {credential.pk: n for n, credential in enumerate(roll)}

    def vote_chunk(chunk: list[Credential]) -> None:
        for credential in chunk:
            _cast(consultation, credential, _choices_of(number[credential.pk], ids))

    # when twenty workers cast every ballot at the same time
    with _ticking():
        outcomes = run_together(vote_chunk, chunks)
    # then
    assert outcomes == {"ok": WORKERS}
    assert Ballot.objects.filter(consultation=consultation).count() == voters
    assert (
        Credential.objects.filter(
            consultation=consultation, voted_on__isnull=False
        ).count()
        == voters
    )
    expected = {
        str(option): sum(option in _choices_of(n, ids) for n in range(voters))
        for option in ids
    }
    wijk_organiser = consultation.created_by
    result = certified(consultation, wijk_organiser).result
    assert result is not None
    assert result["votes"] == expected
    assert result["ballots"] == voters


def test_thirty_concurrent_knapsack_ballots_never_exceed_the_budget() -> None:
    # given € 6,000 to divide over plans of € 3,000, € 4,000 and € 5,000
    consultation, roll, (a, b, c) = _open_vote(
        KNAPSACK_THREADS, ballot_type="knapsack", budget_cents=600_000
    )
    wishes = [[a], [b, c], [a, b], [c], [a, c], [b]]
    fits = {0: True, 1: False, 2: False, 3: True, 4: False, 5: True}
    # when
    with _ticking():
        outcomes = run_together(
            lambda n: _cast(consultation, roll[n], wishes[n % len(wishes)]),
            list(range(KNAPSACK_THREADS)),
        )
    # then exactly the ballots within the budget were taken
    allowed = sum(fits[n % len(wishes)] for n in range(KNAPSACK_THREADS))
    assert outcomes == {"ok": allowed, "over_budget": KNAPSACK_THREADS - allowed}
    cost = {a: 300_000, b: 400_000, c: 500_000}
    ballots = list(Ballot.objects.filter(consultation=consultation))
    assert len(ballots) == allowed
    assert all(sum(cost[i] for i in ballot.choices) <= 600_000 for ballot in ballots)


def test_certification_waits_for_ballots_and_later_ballots_are_refused() -> None:
    # given a vote that closes while twenty voters are casting
    consultation, roll, (a, _b, _c) = _open_vote(REVOTE_THREADS)
    closes = consultation.closes_at
    # when the ballots and the certification race at the close
    with time_machine.travel(closes - dt.timedelta(milliseconds=200), tick=True):
        outcomes = run_together(
            lambda n: (
                _cast(consultation, roll[n], [a])
                if n
                else certified_after(consultation)
            ),
            list(range(REVOTE_THREADS)),
        )
    # then every ballot is either counted or refused, never left behind
    consultation.refresh_from_db()
    assert consultation.status == "certified"
    assert not Ballot.objects.filter(link__isnull=False).exists()
    counted = Ballot.objects.filter(consultation=consultation).count()
    assert consultation.result is not None
    assert consultation.result["ballots"] == counted
    assert outcomes["ok"] == counted + 1
    assert sum(outcomes.values()) == REVOTE_THREADS


def certified_after(consultation: Consultation) -> None:
    """Certify as soon as the vote has closed (by server time)."""
    while timezone.now() < consultation.closes_at:
        time.sleep(0.005)
    consultation_certify(actor=consultation.created_by, consultation=consultation)
