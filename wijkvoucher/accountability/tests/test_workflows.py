"""The accountability app's transition tables (accountability.workflows): every
allowed step of a plan change and a recovery does exactly what it says through
``accountability_transition``, every other pair is refused with nothing changed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from wijkvoucher.accountability.constants import (
    ChangeRoute,
    ChangeStatus,
    RecoveryStatus,
)
from wijkvoucher.accountability.models import PlanChange
from wijkvoucher.accountability.services import recovery_open
from wijkvoucher.accountability.services.transitions import accountability_transition
from wijkvoucher.accountability.workflows import PLAN_CHANGE, RECOVERY
from wijkvoucher.core.tests.workflow_cases import Case, cases, check_case
from wijkvoucher.decisions.tests.helpers import contact_of
from wijkvoucher.neighbourhoods.tests.helpers import on_day
from wijkvoucher.vouchers.tests.workflow_world import World, world_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


@pytest.mark.parametrize("case", cases(PLAN_CHANGE, ChangeStatus))
def test_plan_change_table(case: Case, world: World) -> None:
    change = PlanChange.objects.create(
        initiative=world.initiative,
        requested_by=world.initiative.initiator,
        explanation="Later",
        shifted_cents=0,
        route="" if case.source == ChangeStatus.ACCEPTED else ChangeRoute.OFFICIAL,
        status=case.source,
    )
    check_case(
        machine=PLAN_CHANGE,
        case=case,
        row=change,
        take=lambda row, to, action: accountability_transition(
            actor=contact_of(world.initiative),
            machine=PLAN_CHANGE,
            row=row,
            to=to,
            action=action,
        ),
        refusal_code="invalid_status",
    )


@pytest.mark.parametrize("case", cases(RECOVERY, RecoveryStatus))
def test_recovery_table(case: Case, world: World) -> None:
    recovery = recovery_open(
        actor=contact_of(world.initiative),
        initiative=world.initiative,
        reason="not_carried_out",
        amount_cents=100,
        motivation="Niet gedaan.",
    )
    if case.source == RecoveryStatus.PAID:
        type(recovery).objects.filter(pk=recovery.pk).update(
            received_cents=100, status=RecoveryStatus.PAID
        )
        recovery.refresh_from_db()
    if case.source == RecoveryStatus.WAIVED:
        type(recovery).objects.filter(pk=recovery.pk).update(
            waived_cents=100, status=RecoveryStatus.WAIVED
        )
        recovery.refresh_from_db()
    # What closing needs: paid in full, or the rest waived.
    closing = {
        RecoveryStatus.PAID: {"received_cents": recovery.amount_cents},
        RecoveryStatus.WAIVED: {"waived_cents": recovery.amount_cents},
    }
    check_case(
        machine=RECOVERY,
        case=case,
        row=recovery,
        take=lambda row, to, action: accountability_transition(
            actor=contact_of(world.initiative),
            machine=RECOVERY,
            row=row,
            to=to,
            action=action,
            fields=closing.get(RecoveryStatus(to), {}),
        ),
        refusal_code="invalid_status",
    )
