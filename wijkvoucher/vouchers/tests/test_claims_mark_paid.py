"""Claims paid by a payout batch move in one locked bulk step
(``claims_mark_paid``): a history row per claim, refused all at once when one claim
cannot be paid."""

from __future__ import annotations

from collections.abc import Iterator

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

import pytest

from wijkvoucher.core.models import AuditEvent, StatusHistory
from wijkvoucher.neighbourhoods.tests.helpers import on_day
from wijkvoucher.vouchers.constants import ClaimKind, ClaimStatus
from wijkvoucher.vouchers.models import Claim
from wijkvoucher.vouchers.services.transitions import claims_mark_paid
from wijkvoucher.vouchers.tests.helpers import EUR
from wijkvoucher.vouchers.tests.workflow_world import (
    cash_manager,
    plan_and_voucher,
    wijk_with_money,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


def _claims(count: int, status: str = ClaimStatus.APPROVED) -> list[Claim]:
    wijk = wijk_with_money()
    initiative, _voucher, _official = plan_and_voucher(wijk)
    manager = cash_manager(wijk)
    return [
        Claim.objects.create(
            initiative=initiative,
            kind=ClaimKind.ADVANCE,
            amount_cents=(10 + n) * EUR,
            description="Verf",
            payee_name="J. de Vries",
            iban="NL91ABNA0417164300",
            submitted_by=initiative.initiator,
            status=status,
            decided_by=manager if status != ClaimStatus.SUBMITTED else None,
        )
        for n in range(count)
    ]


def test_many_claims_are_paid_in_one_step_with_a_history_row_each() -> None:
    claims = _claims(3)
    actor = cash_manager(claims[0].initiative.neighbourhood, "Kas twee")
    audit_before = AuditEvent.objects.count()
    paid = claims_mark_paid(
        actor=actor,
        claims=Claim.objects.filter(pk__in=[c.pk for c in claims]),
        fields={},
    )
    assert sorted(c.pk for c in paid) == sorted(c.pk for c in claims)
    assert set(Claim.objects.values_list("status", flat=True)) == {ClaimStatus.PAID}
    rows = StatusHistory.objects.filter(
        subject_type=ContentType.objects.get_for_model(Claim)
    )
    assert sorted(
        (int(r.subject_id), r.from_status, r.to_status, r.action, r.actor_id)
        for r in rows
    ) == sorted(
        (c.pk, "approved", "paid", "vouchers.payout_paid", actor.pk) for c in claims
    )
    # the payout batch records the one audit event of the payment
    assert AuditEvent.objects.count() == audit_before


def test_one_claim_that_cannot_be_paid_refuses_them_all() -> None:
    claims = _claims(3)
    Claim.objects.filter(pk=claims[1].pk).update(status=ClaimStatus.REJECTED)
    actor = cash_manager(claims[0].initiative.neighbourhood, "Kas twee")
    with pytest.raises(ValidationError) as caught:
        claims_mark_paid(
            actor=actor,
            claims=Claim.objects.filter(pk__in=[c.pk for c in claims]),
            fields={},
        )
    assert caught.value.code == "invalid_status"
    assert sorted(Claim.objects.values_list("status", flat=True)) == [
        ClaimStatus.APPROVED,
        ClaimStatus.APPROVED,
        ClaimStatus.REJECTED,
    ]
    assert not StatusHistory.objects.exists()
