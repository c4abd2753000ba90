"""The claim's transition table (workflow_claim): every allowed step does exactly
what it says through ``vouchers_transition`` (status, history row, audit event),
every other pair is refused with nothing changed."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils import timezone

import pytest

from wijkvoucher.core.tests.workflow_cases import Case, cases, check_case
from wijkvoucher.neighbourhoods.tests.helpers import on_day
from wijkvoucher.vouchers.constants import ClaimKind, ClaimStatus
from wijkvoucher.vouchers.models import Claim
from wijkvoucher.vouchers.services.transitions import vouchers_transition
from wijkvoucher.vouchers.tests.helpers import EUR
from wijkvoucher.vouchers.tests.workflow_world import World, world_fixture  # noqa: F401
from wijkvoucher.vouchers.workflow_claim import CLAIM

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


@pytest.mark.parametrize("case", cases(CLAIM, ClaimStatus))
def test_claim_table(case: Case, world: World) -> None:
    manager = world.manager
    claim = Claim.objects.create(
        initiative=world.initiative,
        kind=ClaimKind.ADVANCE,
        amount_cents=50 * EUR,
        description="Verf en kwasten",
        payee_name="J. de Vries",
        iban="NL91ABNA0417164300",
        submitted_by=world.initiative.initiator,
        status=case.source,
    )
    check_case(
        machine=CLAIM,
        case=case,
        row=claim,
        take=lambda row, to, action: vouchers_transition(
            actor=manager,
            machine=CLAIM,
            row=row,
            to=to,
            action=action,
            fields={"decided_by": manager, "decided_at": timezone.now()},
        ),
        refusal_code="invalid_status",
    )
