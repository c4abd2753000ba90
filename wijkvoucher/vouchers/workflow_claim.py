"""The status machine of a claim (a reimbursement or an advance, ``core.workflow``).
``vouchers.services.transitions`` is the only code that takes these steps; every
step leaves a history row (money). Review changes as product decisions."""

from __future__ import annotations

from wijkvoucher.core.workflow import Machine, Step
from wijkvoucher.vouchers.constants import ClaimStatus as C

CLAIM = Machine(
    name="vouchers.claim",
    history=True,
    steps=(
        # The cash manager decides ...
        Step(C.SUBMITTED, C.APPROVED, "vouchers.claim_approve"),
        Step(C.SUBMITTED, C.REJECTED, "vouchers.claim_reject"),
        # ... and the payout batch that pays the approved amount marks it paid.
        Step(C.APPROVED, C.PAID, "vouchers.payout_paid"),
    ),
)
