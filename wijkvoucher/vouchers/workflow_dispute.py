"""The status machine of a dispute about a redemption (``core.workflow``).
``vouchers.services.transitions`` is the only code that takes these steps. Review
changes as product decisions."""

from __future__ import annotations

from wijkvoucher.core.workflow import Machine, Step
from wijkvoucher.vouchers.constants import DisputeStatus as D

DISPUTE = Machine(
    name="vouchers.dispute",
    steps=(
        # The cash manager agrees (a refund to the voucher) or disagrees.
        Step(D.OPEN, D.UPHELD, "vouchers.dispute_uphold"),
        Step(D.OPEN, D.REJECTED, "vouchers.dispute_reject"),
    ),
)
