"""The dispute's transition table (workflow_dispute): every allowed step does
exactly what it says through ``vouchers_transition`` (status, audit event; a dispute
keeps no history rows), every other pair is refused with nothing changed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from wijkvoucher.core.tests.workflow_cases import Case, cases, check_case
from wijkvoucher.neighbourhoods.tests.helpers import on_day
from wijkvoucher.vouchers.constants import Channel, DisputeStatus
from wijkvoucher.vouchers.models import Dispute
from wijkvoucher.vouchers.services.redemption import redemption_create
from wijkvoucher.vouchers.services.transitions import vouchers_transition
from wijkvoucher.vouchers.tests.helpers import EUR, approved_provider
from wijkvoucher.vouchers.tests.workflow_world import (
    cash_manager,
    plan_and_voucher,
    wijk_with_money,
)
from wijkvoucher.vouchers.workflow_dispute import DISPUTE

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


@pytest.mark.parametrize("case", cases(DISPUTE, DisputeStatus))
def test_dispute_table(case: Case) -> None:
    wijk = wijk_with_money()
    initiative, voucher, _official = plan_and_voucher(wijk)
    provider, user = approved_provider(wijk)
    redemption = redemption_create(
        actor=user,
        provider=provider,
        code=voucher.code,
        amount_cents=20 * EUR,
        description="Steigerhout",
        channel=Channel.PORTAL,
    )
    dispute = Dispute.objects.create(
        redemption=redemption,
        raised_by=initiative.initiator,
        reason="Dit heb ik niet gekocht.",
        status=case.source,
    )
    manager = cash_manager(wijk)
    check_case(
        machine=DISPUTE,
        case=case,
        row=dispute,
        take=lambda row, to, action: vouchers_transition(
            actor=manager, machine=DISPUTE, row=row, to=to, action=action
        ),
        refusal_code="invalid_status",
    )
