"""The one transition helper of the payments app: every status change of a claim,
dispute or payout batch goes through ``payments_transition`` (or ``claims_mark_paid``
for the claims a batch pays), which checks the machine's table
(``payments/workflows.py``), refuses with the app's ``ValidationError`` and nothing
changed, and lets ``core.transitions`` lock and write the status, the history row and
the audit event. A claim's or a dispute's effect on the voucher is the vouchers app's
step (``vouchers.services.transitions.voucher_balance_step``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.transitions import (
    AppTransitions,
    Refuse,
    status_transition_many,
)
from wijkvoucher.payments.constants import ClaimStatus
from wijkvoucher.payments.models import Claim
from wijkvoucher.payments.workflows import CLAIM, DISPUTE, PAYOUT_BATCH

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


def _display(row: Any, field: str) -> str:
    return str(getattr(row, f"get_{field}_display")())


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


REFUSALS: dict[str, Refuse] = {
    CLAIM.name: claim_refusal,
    DISPUTE.name: dispute_refusal,
    PAYOUT_BATCH.name: payout_batch_refusal,
}


_TRANSITIONS = AppTransitions(REFUSALS)
# Refuse a step the table does not allow now, before any other write.
payments_step_check = _TRANSITIONS.check
# Lock, check the table, write the status with ``fields``, the history row (for
# the machines that keep one) and the audit event of the step's action (unless
# ``audit`` is false: the service records the event of its wider write).
payments_transition = _TRANSITIONS.transition


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
