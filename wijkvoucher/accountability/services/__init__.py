"""Writes of the accountability app (issue #13 points 1 and 2; docs/accountability.md).

Every service runs in one transaction and locks the plan first; money moves only
through the ledger (unspent voucher money back through ``voucher_close``, the rest of
the reservation through ``reservation_release``, a recovery through
``ledger_transaction_post``), and the beschikkingen through the decisions app.

The package: ``execution`` (progress updates, plan changes), ``report`` (the
accountability form), ``settlement`` (the sample and the vaststelling),
``recovery`` (the terugvordering), ``guards`` they share and ``transitions``."""

from __future__ import annotations

from wijkvoucher.accountability.services.execution import (
    plan_change_decide,
    plan_change_request,
    progress_update_post,
)
from wijkvoucher.accountability.services.recovery import (
    recovery_open,
    recovery_payment_record,
    recovery_waive,
)
from wijkvoucher.accountability.services.report import report_submit
from wijkvoucher.accountability.services.settlement import (
    sample_draw_make,
    settlement_make,
)

__all__ = [
    "plan_change_decide",
    "plan_change_request",
    "progress_update_post",
    "recovery_open",
    "recovery_payment_record",
    "recovery_waive",
    "report_submit",
    "sample_draw_make",
    "settlement_make",
]
