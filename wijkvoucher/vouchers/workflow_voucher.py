"""The voucher's status machine (``core.workflow``): spending and refunds move it
between issued, partly spent and spent as its balance changes; expiry, voiding and
blocking close it. ``vouchers.services.transitions`` is the only code that takes these
steps; every step leaves a history row (money). Review changes as product decisions."""

from __future__ import annotations

from wijkvoucher.core.workflow import Machine, steps
from wijkvoucher.vouchers.constants import VoucherStatus as V

# Where a voucher can still be spent or refunded to: its balance decides the status.
_LIVE = (V.ISSUED, V.PARTLY_REDEEMED, V.REDEEMED)

VOUCHER = Machine(
    name="vouchers.voucher",
    history=True,
    steps=(
        # A redemption at a provider, or an approved claim paid from the voucher.
        *steps("vouchers.redeem", (V.ISSUED,), V.PARTLY_REDEEMED),
        *steps("vouchers.redeem", (V.ISSUED, V.PARTLY_REDEEMED), V.REDEEMED),
        *steps("vouchers.claim_approve", (V.ISSUED,), V.PARTLY_REDEEMED),
        *steps("vouchers.claim_approve", (V.ISSUED, V.PARTLY_REDEEMED), V.REDEEMED),
        # A refund by the provider (or the cash manager upholding a dispute).
        *steps("vouchers.refund", (V.PARTLY_REDEEMED, V.REDEEMED), V.ISSUED),
        *steps("vouchers.refund", (V.REDEEMED,), V.PARTLY_REDEEMED),
        # The end of the validity, or the plan called off: the balance goes back.
        *steps("vouchers.expire", _LIVE, V.EXPIRED),
        *steps("vouchers.void", _LIVE, V.VOIDED),
        # Lost or stolen: the balance moves to a replacement voucher.
        *steps("vouchers.block", (V.ISSUED, V.PARTLY_REDEEMED), V.BLOCKED),
    ),
)
