"""The accountability app's status tables (``core.workflow``). A plan change that
needs approval is decided once; a recovery is open until paid back in full or until
what is still owed is waived (money: each step leaves a history row). ``accountability.services.transitions`` is the only
code that takes these steps. Review changes as product decisions."""

from __future__ import annotations

from wijkvoucher.accountability.constants import ChangeStatus as C
from wijkvoucher.accountability.constants import RecoveryStatus as R
from wijkvoucher.core.workflow import Machine, Step

PLAN_CHANGE = Machine(
    name="accountability.plan_change",
    steps=(
        Step(C.PENDING, C.APPROVED, "accountability.plan_change_decide"),
        Step(C.PENDING, C.REJECTED, "accountability.plan_change_decide"),
    ),
)

RECOVERY = Machine(
    name="accountability.recovery",
    history=True,
    steps=(
        Step(R.OPEN, R.PAID, "accountability.recovery_payment_record"),
        Step(R.OPEN, R.WAIVED, "accountability.recovery_waive"),
    ),
)
