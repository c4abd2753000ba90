"""The workflow table (workflow.py) and the one transition service, over every pair."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from django.core.exceptions import ValidationError

import pytest

from wijkvoucher.core.models import AuditEvent
from wijkvoucher.initiatives.constants import InitiativeStatus as S
from wijkvoucher.initiatives.constants import ReasonCode
from wijkvoucher.initiatives.models import StatusChange
from wijkvoucher.initiatives.services import initiative_transition
from wijkvoucher.initiatives.tests.factories import PATHS, actor_for, initiative_in
from wijkvoucher.initiatives.tests.helpers import snapshot
from wijkvoucher.initiatives.workflow import (
    ALLOWED_TRANSITIONS,
    CLOCK_PAUSED,
    DECISION_PENDING,
    REASON_REQUIRED,
    TERMINAL,
    WITHDRAWABLE,
)
from wijkvoucher.neighbourhoods.tests.helpers import on_day


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


PAIRS = list(itertools.product(S, S))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("old", "new"), PAIRS, ids=[f"{a.value}->{b.value}" for a, b in PAIRS]
)
def test_every_pair_of_statuses(old: S, new: S) -> None:
    # given an initiative in `old`
    initiative = initiative_in(old)
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
        event = AuditEvent.objects.latest("sequence")
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
