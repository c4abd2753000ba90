"""The payout batch's transition table (workflow_payout_batch): every allowed step
does exactly what it says through ``vouchers_transition`` (status, history row, audit
event), every other pair is refused with nothing changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.utils import timezone

import pytest

from wijkvoucher.core.tests.workflow_cases import Case, cases, check_case
from wijkvoucher.neighbourhoods.tests.helpers import TODAY, on_day
from wijkvoucher.vouchers.constants import PayoutStatus
from wijkvoucher.vouchers.models import PayoutBatch
from wijkvoucher.vouchers.services.transitions import vouchers_transition
from wijkvoucher.vouchers.tests.workflow_world import World, world_fixture  # noqa: F401
from wijkvoucher.vouchers.workflow_payout_batch import PAYOUT_BATCH

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


@pytest.mark.parametrize("case", cases(PAYOUT_BATCH, PayoutStatus))
def test_payout_batch_table(case: Case, world: World) -> None:
    wijk = world.wijk
    preparer = world.manager
    second = world.second_manager
    approved = case.source in (PayoutStatus.APPROVED, PayoutStatus.PAID)
    batch = PayoutBatch.objects.create(
        municipality=wijk.municipality,
        reference="UITBETALING-TEST-1",
        status=case.source,
        total_cents=12_345,
        execution_date=TODAY + dt.timedelta(days=1),
        prepared_by=preparer,
        approved_by=second if approved else None,
        approved_at=timezone.now() if approved else None,
    )
    check_case(
        machine=PAYOUT_BATCH,
        case=case,
        row=batch,
        take=lambda row, to, action: vouchers_transition(
            actor=second,
            machine=PAYOUT_BATCH,
            row=row,
            to=to,
            action=action,
            fields={"approved_by": second, "approved_at": timezone.now()},
        ),
        refusal_code="invalid_status",
    )
