"""The one transition helper of the vouchers app: every status change of a voucher
goes through ``vouchers_transition`` (or ``voucher_balance_step`` when a spend, claim or
refund changed its balance), which checks the table (``vouchers/workflow.py``),
refuses with the app's ``ValidationError`` and nothing changed, and lets
``core.transitions`` lock and write the status, the history row and the audit
event."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.transitions import AppTransitions, Refuse
from wijkvoucher.core.workflow import Step
from wijkvoucher.vouchers.workflow import VOUCHER

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


REFUSALS: dict[str, Refuse] = {VOUCHER.name: voucher_refusal}


_TRANSITIONS = AppTransitions(REFUSALS)
# Refuse a step the table does not allow now, before any other write.
vouchers_step_check = _TRANSITIONS.check
# Lock, check the table, write the status with ``fields``, the history row (for
# the machines that keep one) and the audit event of the step's action (unless
# ``audit`` is false: the service records the event of its wider write).
vouchers_transition = _TRANSITIONS.transition


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
