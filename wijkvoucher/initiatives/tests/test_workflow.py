"""The workflow table (workflow.py) and the one transition service, over every pair."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator

from django.core.exceptions import ValidationError

import pytest

from wijkvoucher.core.models import AuditEvent
from wijkvoucher.initiatives.constants import InitiativeStatus as S
from wijkvoucher.initiatives.constants import ReasonCode
from wijkvoucher.initiatives.models import Initiative, StatusChange
from wijkvoucher.initiatives.services import initiative_transition
from wijkvoucher.initiatives.tests.factories import (
    PATHS,
    actor_for,
    initiative_in,
    step,
)
from wijkvoucher.initiatives.tests.helpers import snapshot
from wijkvoucher.initiatives.workflow import (
    ALLOWED_TRANSITIONS,
    CLOCK_PAUSED,
    DECISION_PENDING,
    REASON_REQUIRED,
    TERMINAL,
    WITHDRAWABLE,
)
from wijkvoucher.neighbourhoods.tests.helpers import TODAY, on_day

# Information asked this long ago: the hersteltermijn (14 days) has ended, so "not
# processed" is possible today.
TERM_ENDED = TODAY - dt.timedelta(days=20)


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


def test_every_status_has_a_row_and_is_reachable() -> None:
    assert set(ALLOWED_TRANSITIONS) == set(S)
    assert set(PATHS) == set(S)
    assert all(targets <= set(S) for targets in ALLOWED_TRANSITIONS.values())


def test_the_derived_sets() -> None:
    assert {
        S.NOT_PROCESSED,
        S.REJECTED,
        S.CANCELLED,
        S.SETTLED,
        S.WITHDRAWN,
    } == TERMINAL
    assert {
        S.REJECTED,
        S.PARTLY_AWARDED,
        S.DEFERRED,
        S.CANCELLED,
        S.NOT_PROCESSED,
    } == REASON_REQUIRED
    assert {S.INFORMATION_REQUESTED} == CLOCK_PAUSED
    # Withdrawal: any time before the decision, never after it.
    assert DECISION_PENDING | CLOCK_PAUSED | {S.DRAFT} == WITHDRAWABLE
    assert not WITHDRAWABLE & {S.AWARDED, S.PARTLY_AWARDED, S.IN_EXECUTION}


def _initiative_in(status: S) -> Initiative:
    """``initiative_in``, except that information was requested long enough ago for
    the hersteltermijn to have ended (so "not processed" can follow)."""
    if status != S.INFORMATION_REQUESTED and S.NOT_PROCESSED not in PATHS[status]:
        return initiative_in(status)
    with on_day(TERM_ENDED):
        initiative = initiative_in(S.INFORMATION_REQUESTED)
    if status == S.NOT_PROCESSED:
        initiative = step(initiative, S.NOT_PROCESSED)
    return initiative


PAIRS = list(itertools.product(S, S))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("old", "new"), PAIRS, ids=[f"{a.value}->{b.value}" for a, b in PAIRS]
)
def test_every_pair_of_statuses(old: S, new: S) -> None:
    # given an initiative in `old`
    initiative = _initiative_in(old)
    needs_reason = new in REASON_REQUIRED
    reason_code = ReasonCode.OTHER if needs_reason else ""
    motivation = "Besproken in het overleg." if needs_reason else ""
    before = snapshot(initiative)
    actor = actor_for(initiative, new)
    if new in ALLOWED_TRANSITIONS[old]:
        events = AuditEvent.objects.count()
        # when the step is allowed
        change = initiative_transition(
            actor=actor,
            initiative=initiative,
            to=new,
            reason_code=reason_code,
            motivation=motivation,
        )
        # then it is taken, with exactly one timeline row and one audit event
        initiative.refresh_from_db()
        assert initiative.status == new
        assert StatusChange.objects.filter(initiative=initiative).latest("pk") == change
        assert (change.from_status, change.to_status) == (old, new)
        assert StatusChange.objects.count() == before[1] + 1
        assert AuditEvent.objects.count() == events + 1
        event = AuditEvent.objects.latest("id")
        assert event.action == "initiatives.initiative_transition"
        assert (event.data["from"], event.data["to"]) == (old.value, new.value)
    else:
        # when it is not, then it is refused and nothing changes
        with pytest.raises(ValidationError) as refused:
            initiative_transition(
                actor=actor,
                initiative=initiative,
                to=new,
                reason_code=reason_code,
                motivation=motivation,
            )
        assert refused.value.code == "invalid_transition"
        assert snapshot(initiative) == before


@pytest.mark.django_db
def test_not_processed_waits_for_the_end_of_the_hersteltermijn() -> None:
    # given information requested today (term: 14 days, so until TODAY + 14)
    initiative = initiative_in(S.INFORMATION_REQUESTED)
    assert initiative.information_due_on == TODAY + dt.timedelta(days=14)
    actor = actor_for(initiative, S.NOT_PROCESSED)
    for day in (TODAY, TODAY + dt.timedelta(days=14)):
        before = snapshot(initiative)
        # when the official stops handling it while the term runs
        with on_day(day), pytest.raises(ValidationError) as refused:
            initiative_transition(
                actor=actor,
                initiative=initiative,
                to=S.NOT_PROCESSED,
                reason_code=ReasonCode.OTHER,
                motivation="Geen antwoord.",
            )
        # then it is refused and nothing changes
        assert refused.value.code == "hersteltermijn_running"
        assert snapshot(initiative) == before
    # when the term has ended, then it is possible, and the term is cleared
    with on_day(TODAY + dt.timedelta(days=15)):
        initiative = step(initiative, S.NOT_PROCESSED)
    assert initiative.status == S.NOT_PROCESSED
    assert initiative.information_due_on is None


@pytest.mark.django_db
def test_answering_clears_the_hersteltermijn() -> None:
    initiative = initiative_in(S.INFORMATION_REQUESTED)
    assert initiative.information_due_on is not None
    initiative = step(initiative, S.SUBMITTED)
    assert initiative.information_due_on is None
