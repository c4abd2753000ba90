"""The voucher's transition table (workflow_voucher): every allowed step does
exactly what it says through ``vouchers_transition`` (status, history row, audit
event), every other pair is refused with nothing changed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from wijkvoucher.core.tests.workflow_cases import Case, cases, check_case
from wijkvoucher.neighbourhoods.tests.helpers import on_day
from wijkvoucher.vouchers.constants import VoucherStatus
from wijkvoucher.vouchers.models import Voucher
from wijkvoucher.vouchers.services.transitions import vouchers_transition
from wijkvoucher.vouchers.tests.workflow_world import World, world_fixture  # noqa: F401
from wijkvoucher.vouchers.workflow_voucher import VOUCHER

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


@pytest.mark.parametrize("case", cases(VOUCHER, VoucherStatus))
def test_voucher_table(case: Case, world: World) -> None:
    voucher = world.voucher
    Voucher.objects.filter(pk=voucher.pk).update(status=case.source)
    voucher.refresh_from_db()
    check_case(
        machine=VOUCHER,
        case=case,
        row=voucher,
        take=lambda row, to, action: vouchers_transition(
            actor=world.official, machine=VOUCHER, row=row, to=to, action=action
        ),
        refusal_code="invalid_status",
    )
