"""The dispute's transition table (workflow_dispute): every allowed step does
exactly what it says through ``vouchers_transition`` (status, audit event; a dispute
keeps no history rows), every other pair is refused with nothing changed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from wijkvoucher.core.tests.workflow_cases import Case, cases, check_case
from wijkvoucher.neighbourhoods.tests.helpers import on_day
from wijkvoucher.vouchers.constants import DisputeStatus
from wijkvoucher.vouchers.models import Dispute
from wijkvoucher.vouchers.services.transitions import vouchers_transition
from wijkvoucher.vouchers.tests.workflow_world import World, world_fixture  # noqa: F401
from wijkvoucher.vouchers.workflow_dispute import DISPUTE

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


@pytest.mark.parametrize("case", cases(DISPUTE, DisputeStatus))
def test_dispute_table(case: Case, world: World) -> None:
    dispute = Dispute.objects.create(
        redemption=world.redemption,
        raised_by=world.initiative.initiator,
        reason="Dit heb ik niet gekocht.",
        status=case.source,
    )
    check_case(
        machine=DISPUTE,
        case=case,
        row=dispute,
        take=lambda row, to, action: vouchers_transition(
            actor=world.manager, machine=DISPUTE, row=row, to=to, action=action
        ),
        refusal_code="invalid_status",
    )
