"""The status machine of a payout batch (``core.workflow``): prepared by one person,
approved by a second (four eyes), paid once the bank has the money; an open batch
can be cancelled. ``vouchers.services.transitions`` is the only code that takes these
steps; every step leaves a history row (money). Review changes as product
decisions."""

from __future__ import annotations

from wijkvoucher.core.workflow import Machine, Step, steps
from wijkvoucher.vouchers.constants import PayoutStatus as P

PAYOUT_BATCH = Machine(
    name="vouchers.payout_batch",
    history=True,
    steps=(
        Step(P.PREPARED, P.APPROVED, "vouchers.payout_approve"),
        Step(P.APPROVED, P.PAID, "vouchers.payout_paid"),
        *steps("vouchers.payout_cancel", (P.PREPARED, P.APPROVED), P.CANCELLED),
    ),
)
