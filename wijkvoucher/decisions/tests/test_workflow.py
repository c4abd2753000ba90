"""The decisions app's tables (decisions.workflow): the objection's steps through
``objection_transition`` (status, history row, audit event; everything else refused
with nothing changed), and the beschikking's outcomes derived from the initiative
table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.utils import timezone

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.core.tests.workflow_cases import Case, cases, check_case, shared_rows
from wijkvoucher.decisions.constants import DecisionOutcome as DO
from wijkvoucher.decisions.constants import ObjectionStatus
from wijkvoucher.decisions.models import Decision, Objection
from wijkvoucher.decisions.tests.helpers import contact_of
from wijkvoucher.decisions.transitions import objection_transition
from wijkvoucher.decisions.workflow import OBJECTION, OUTCOMES_FROM
from wijkvoucher.initiatives.constants import InitiativeStatus as S
from wijkvoucher.neighbourhoods.tests.helpers import on_day
from wijkvoucher.vouchers.tests.helpers import awarded_plan
from wijkvoucher.vouchers.tests.workflow_world import wijk_with_money

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


@pytest.fixture(scope="module")
def decision_and_official(
    django_db_setup: None, django_db_blocker: Any
) -> Iterator[tuple[Decision, User]]:
    """An awarded plan's beschikking, made once for the module."""
    with shared_rows(django_db_blocker), on_day():
        initiative = awarded_plan(wijk_with_money())
        yield Decision.objects.get(initiative=initiative), contact_of(initiative)


def test_the_beschikking_outcomes_follow_the_initiative_table() -> None:
    # after the advice any decision; after the check only a rejection; without the
    # asked information only "not processed" (Awb 4:5); nothing from elsewhere
    assert {
        S.ADVISED: {DO.AWARD, DO.PARTLY_AWARD, DO.REJECT},
        S.CHECKED: {DO.REJECT},
        S.INFORMATION_REQUESTED: {DO.NOT_PROCESSED},
    } == OUTCOMES_FROM


@pytest.mark.parametrize("case", cases(OBJECTION, ObjectionStatus))
def test_objection_table(
    case: Case, decision_and_official: tuple[Decision, User]
) -> None:
    decision, official = decision_and_official
    decided = case.source != ObjectionStatus.RECEIVED
    objection = Objection.objects.create(
        decision=decision,
        received_on=decision.issued_on,
        objector_name="J. de Vries",
        grounds="Het plan is wel uitvoerbaar.",
        decision_due_on=decision.issued_on + dt.timedelta(weeks=6),
        registered_by=official,
        status=case.source,
        decided_on=decision.issued_on if decided else None,
        decided_by=official if decided else None,
        outcome_motivation="Zo besloten." if decided else "",
    )
    check_case(
        machine=OBJECTION,
        case=case,
        row=objection,
        take=lambda row, to, action: objection_transition(
            actor=official,
            objection=row,  # type: ignore[arg-type]
            to=to,
            action=action,
            fields={
                "decided_on": timezone.localdate(),
                "decided_by": official,
                "outcome_motivation": "Gegrond.",
            },
        ),
        refusal_code="already_decided",
    )
