"""The cash manager resolves a dispute about a redemption (issue #4 point 4): upheld
with a refund to the voucher (``refund_create`` on the cash manager's channel), or
rejected with an answer. Never on one's own plan; refusals change nothing. When the
provider has already been paid the money, ``refund_create`` refuses
``already_paid_out``: the cash manager then recovers it outside the system."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.money import format_euro
from wijkvoucher.notifications.services import notification_send
from wijkvoucher.vouchers.constants import Channel, DisputeStatus
from wijkvoucher.vouchers.links import vouchers_url
from wijkvoucher.vouchers.models import Dispute
from wijkvoucher.vouchers.selectors import provider_users
from wijkvoucher.vouchers.services.claims_decide import check_may_decide
from wijkvoucher.vouchers.services.redemption import refund_create
from wijkvoucher.vouchers.services.transitions import (
    vouchers_step_check,
    vouchers_transition,
)
from wijkvoucher.vouchers.workflow_dispute import DISPUTE

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


def _lock_dispute(dispute: Dispute) -> Dispute:
    return (
        Dispute.objects.select_for_update(of=("self",))
        .select_related(
            "redemption__voucher__initiative__neighbourhood",
            "redemption__voucher__initiative__initiator",
            "redemption__provider",
        )
        .get(pk=dispute.pk)
    )


def _check(
    actor: User, dispute: Dispute, resolution: str, to: DisputeStatus, action: str
) -> str:
    check_may_decide(actor=actor, initiative=dispute.redemption.voucher.initiative)
    vouchers_step_check(machine=DISPUTE, row=dispute, to=to, action=action)
    answer = (resolution or "").strip()
    if not answer:
        raise ValidationError(
            _("Write an answer for the initiator and the provider."),
            code="resolution_required",
        )
    return answer


def _notify(dispute: Dispute, upheld: bool, amount_cents: int = 0) -> None:
    redemption = dispute.redemption
    initiative = redemption.voucher.initiative
    params = {
        "provider": redemption.provider.name,
        "amount": format_euro(amount_cents or int(redemption.amount_cents)),
        "number": redemption.voucher.number,
        "answer": dispute.resolution,
    }
    if upheld:
        subject = _("Dispute about %(provider)s upheld")
        body = _(
            "The cash manager agreed with the dispute about the payment at "
            "%(provider)s with voucher %(number)s. %(amount)s has gone back to the "
            "voucher. The answer: %(answer)s"
        )
    else:
        subject = _("Dispute about %(provider)s rejected")
        body = _(
            "The cash manager did not agree with the dispute about the payment at "
            "%(provider)s with voucher %(number)s. The payment stays. The answer: "
            "%(answer)s"
        )
    notification_send(
        recipients=[initiative.initiator],
        kind="vouchers.dispute_resolved",
        subject=subject,
        body=body,
        params=params,
        url=vouchers_url(initiative),
    )
    notification_send(
        recipients=provider_users(provider=dispute.redemption.provider),
        kind="vouchers.dispute_resolved",
        subject=subject,
        body=body,
        params=params,
    )


@transaction.atomic
def dispute_uphold(
    *, actor: User, dispute: Dispute, amount_cents: int, resolution: str
) -> Dispute:
    """Agree with the initiator: ``amount_cents`` of the redemption goes back to the
    voucher (a refund by the cash manager)."""
    dispute = _lock_dispute(dispute)
    answer = _check(
        actor, dispute, resolution, DisputeStatus.UPHELD, "vouchers.dispute_uphold"
    )
    refund = refund_create(
        actor=actor,
        redemption=dispute.redemption,
        amount_cents=amount_cents,
        reason=answer[:300],
        channel=Channel.CASH_MANAGER,
    )
    vouchers_transition(
        actor=actor,
        machine=DISPUTE,
        row=dispute,
        to=DisputeStatus.UPHELD,
        action="vouchers.dispute_uphold",
        fields={
            "refund": refund,
            "resolved_by": actor,
            "resolved_at": timezone.now(),
            "resolution": answer,
        },
        audit_data={
            "refund": str(refund.uuid),
            "amount_cents": int(refund.amount_cents),
        },
    )
    _notify(dispute, True, int(refund.amount_cents))
    return dispute


@transaction.atomic
def dispute_reject(*, actor: User, dispute: Dispute, resolution: str) -> Dispute:
    """Disagree with the initiator: the payment stays, with an answer."""
    dispute = _lock_dispute(dispute)
    answer = _check(
        actor, dispute, resolution, DisputeStatus.REJECTED, "vouchers.dispute_reject"
    )
    vouchers_transition(
        actor=actor,
        machine=DISPUTE,
        row=dispute,
        to=DisputeStatus.REJECTED,
        action="vouchers.dispute_reject",
        fields={
            "resolved_by": actor,
            "resolved_at": timezone.now(),
            "resolution": answer,
        },
        audit_data={"redemption": str(dispute.redemption.uuid)},
    )
    _notify(dispute, False)
    return dispute
