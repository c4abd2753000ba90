"""The status machines of the payments app (``core.workflow``): a claim (a
reimbursement or an advance), a dispute about a redemption, and a payout batch.
``payments.services.transitions`` is the only code that takes these steps; the claim's
and the batch's steps leave a history row (money). Review changes as product
decisions. The machines keep the names and actions they had before the split (history
rows and audit events carry them)."""

from __future__ import annotations

from wijkvoucher.core.workflow import Machine, Step
from wijkvoucher.payments.constants import ClaimStatus as C
from wijkvoucher.payments.constants import DisputeStatus as D
from wijkvoucher.payments.constants import PayoutStatus as P

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

DISPUTE = Machine(
    name="vouchers.dispute",
    steps=(
        # The cash manager agrees (a refund to the voucher) or disagrees.
        Step(D.OPEN, D.UPHELD, "vouchers.dispute_uphold"),
        Step(D.OPEN, D.REJECTED, "vouchers.dispute_reject"),
    ),
)

# A payout batch is prepared by one person, approved by a second (four eyes), paid once
# the bank has the money. Only a prepared batch can be cancelled: from the approval on
# its bank file may be at the bank (committed money, docs/adr/0013), so it ends paid,
# or not paid out by the bank with the approval reversed.
PAYOUT_BATCH = Machine(
    name="vouchers.payout_batch",
    history=True,
    steps=(
        Step(P.PREPARED, P.APPROVED, "vouchers.payout_approve"),
        Step(P.APPROVED, P.PAID, "vouchers.payout_paid"),
        Step(P.APPROVED, P.FAILED, "vouchers.payout_failed"),
        Step(P.PREPARED, P.CANCELLED, "vouchers.payout_cancel"),
    ),
)
