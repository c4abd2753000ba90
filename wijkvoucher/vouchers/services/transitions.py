"""The one transition helper of the vouchers app: every status change of a voucher,
claim, dispute, payout batch or provider application goes through
``vouchers_transition`` (or ``claims_mark_paid`` for the claims a batch pays), which
checks the machine's table (``workflow_*.py`` next to the models), refuses with the
app's ``ValidationError`` and nothing changed, and lets ``core.transitions`` lock and
write the status, the history row and the audit event."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.transitions import (
    Refuse,
    status_transition,
    status_transition_many,
    step_check,
)
from wijkvoucher.core.workflow import Machine, Step
from wijkvoucher.vouchers.constants import ClaimStatus, ProviderReviewStatus
from wijkvoucher.vouchers.models import Claim
from wijkvoucher.vouchers.workflow_claim import CLAIM
from wijkvoucher.vouchers.workflow_dispute import DISPUTE
from wijkvoucher.vouchers.workflow_payout_batch import PAYOUT_BATCH
from wijkvoucher.vouchers.workflow_provider import PROVIDER_REVIEW
from wijkvoucher.vouchers.workflow_voucher import VOUCHER

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


def _display(row: Any, field: str) -> str:
    return str(getattr(row, f"get_{field}_display")())


def voucher_refusal(voucher: Any, *_step: str) -> ValidationError:
    return ValidationError(
        _("This is not possible now: the voucher is %(status)s."),
        code="invalid_status",
        params={"status": _display(voucher, "status")},
    )


def claim_refusal(claim: Any, *_step: str) -> ValidationError:
    return ValidationError(
        _("This request has already been decided (%(status)s)."),
        code="invalid_status",
        params={"status": _display(claim, "status")},
    )


def dispute_refusal(dispute: Any, *_step: str) -> ValidationError:
    return ValidationError(
        _("This dispute has already been resolved."), code="invalid_status"
    )


def payout_batch_refusal(batch: Any, *_step: str) -> ValidationError:
    return ValidationError(
        _("This is not possible now: the batch is %(status)s."),
        code="invalid_status",
        params={"status": _display(batch, "status")},
    )


def provider_review_refusal(provider: Any, *_step: str) -> ValidationError:
    return ValidationError(
        _("This is not possible now: the application is %(state)s."),
        code="invalid_review_step",
        params={"state": ProviderReviewStatus(provider.review_state).label},
    )


REFUSALS: dict[str, Refuse] = {
    VOUCHER.name: voucher_refusal,
    CLAIM.name: claim_refusal,
    DISPUTE.name: dispute_refusal,
    PAYOUT_BATCH.name: payout_batch_refusal,
    PROVIDER_REVIEW.name: provider_review_refusal,
}


def vouchers_step_check(
    *, machine: Machine, row: models.Model, to: str, action: str
) -> Step:
    """Refuse a step the table does not allow now, before any other write."""
    return step_check(
        machine=machine, row=row, to=to, action=action, refuse=REFUSALS[machine.name]
    )


def vouchers_transition(
    *,
    actor: User | None,
    machine: Machine,
    row: models.Model,
    to: str,
    action: str,
    fields: dict[str, Any] | None = None,
    note: str = "",
    audit: bool = True,
    audit_subject: models.Model | None = None,
    audit_data: dict[str, Any] | None = None,
) -> Step:
    """Lock, check the table, write the status with ``fields``, the history row (for
    the machines that keep one) and the audit event of the step's action (unless
    ``audit`` is false: the service records the event of its wider write)."""
    return status_transition(
        machine=machine,
        row=row,
        to=to,
        action=action,
        actor=actor,
        refuse=REFUSALS[machine.name],
        fields=fields,
        note=note,
        audit=audit,
        audit_subject=audit_subject,
        audit_data=audit_data,
    )


def voucher_balance_step(
    *, actor: User | None, voucher: models.Model, to: str, action: str
) -> Step | None:
    """A spend, claim or refund changed the voucher's balance: move it to ``to``
    (its status at the new balance), or leave it when it already has that status.
    The service records the audit event of the spend, claim or refund."""
    if str(getattr(voucher, VOUCHER.field)) == str(to):
        return None
    return vouchers_transition(
        actor=actor, machine=VOUCHER, row=voucher, to=to, action=action, audit=False
    )


def claims_mark_paid(
    *, actor: User, claims: models.QuerySet[Claim], fields: dict[str, Any]
) -> list[Claim]:
    """The payout batch paid these approved claims: one locked bulk step to paid,
    with a history row per claim (the batch's audit event lists them)."""
    return status_transition_many(
        machine=CLAIM,
        queryset=claims,
        to=ClaimStatus.PAID,
        action="vouchers.payout_paid",
        actor=actor,
        refuse=claim_refusal,
        fields=fields,
    )
