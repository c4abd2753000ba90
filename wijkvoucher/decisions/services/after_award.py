"""After the award: the start of execution, and cancellation with the release of what
was reserved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.services import audit_record
from wijkvoucher.decisions.models import Decision
from wijkvoucher.decisions.selectors import decision_award_latest
from wijkvoucher.decisions.services.guards import (
    S,
    _lock_initiative,
    _reason,
    _require_official,
    _text,
)
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.permissions import is_wijk_official
from wijkvoucher.initiatives.services import initiative_transition
from wijkvoucher.initiatives.workflow import CANCELLABLE
from wijkvoucher.ledger.constants import TransactionKind
from wijkvoucher.ledger.models import Account, LedgerTransaction
from wijkvoucher.ledger.services import (
    ledger_transaction_post,
)

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


@transaction.atomic
def execution_start(*, actor: User, initiative: Initiative) -> Initiative:
    """Awarded → being carried out, by a wijk official (issue #4 will take this step
    when the vouchers are issued)."""
    initiative = _lock_initiative(initiative)
    _require_official(actor, initiative)
    if initiative.status not in (S.AWARDED, S.PARTLY_AWARDED):
        raise ValidationError(
            _("Only an awarded plan can start."), code="invalid_status"
        )
    initiative_transition(actor=actor, initiative=initiative, to=S.IN_EXECUTION)
    audit_record(
        actor=actor,
        action="decisions.execution_start",
        subject=initiative,
        data={"initiative": str(initiative.uuid)},
    )
    initiative.refresh_from_db()
    return initiative


def _release(
    *,
    actor: User,
    initiative: Initiative,
    decision: Decision | None,
    memo: str = "cancel",
) -> tuple[int, LedgerTransaction | None]:
    """Move what is left of the reservation back to the budget account it came
    from. Both accounts are locked (in primary-key order) before the balance is read."""
    if decision is None or decision.reservation_account is None:
        return 0, None
    period = decision.budget_period
    if period is None or period.account is None:
        return 0, None
    ids = sorted({decision.reservation_account.pk, period.account.pk})
    locked = {
        a.pk: a
        for a in Account.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    }
    reserved = locked[decision.reservation_account.pk]
    left = int(reserved.balance_cents)
    if left <= 0:
        return 0, None
    posted = ledger_transaction_post(
        actor=actor,
        kind=TransactionKind.DECISION_RELEASE,
        entries=[(reserved, -left), (locked[period.account.pk], left)],
        memo=f"{memo} {initiative.uuid}",
    )
    return left, posted


@transaction.atomic
def initiative_cancel(
    *, actor: User, initiative: Initiative, reason_code: str, motivation: str
) -> Initiative:
    """Cancel an awarded plan (docs/workflow.md#steps): by the initiator or a wijk
    official, with a coded reason and a motivation (why it was not carried out). What
    is left of the reservation goes back to the wijk's budget."""
    initiative = _lock_initiative(initiative)
    is_initiator = actor.pk == initiative.initiator_id
    if not is_initiator and not is_wijk_official(user=actor, initiative=initiative):
        raise PermissionDenied
    if initiative.status not in CANCELLABLE:
        raise ValidationError(
            _("Only an awarded plan can be cancelled."), code="invalid_status"
        )
    reason_code, motivation = _reason(reason_code, _text(motivation))
    decision = decision_award_latest(initiative=initiative)
    released, posted = _release(actor=actor, initiative=initiative, decision=decision)
    initiative_transition(
        actor=actor,
        initiative=initiative,
        to=S.CANCELLED,
        reason_code=reason_code,
        motivation=motivation,
    )
    audit_record(
        actor=actor,
        action="decisions.initiative_cancel",
        subject=initiative,
        data={
            "decision": decision.number if decision else None,
            "reason_code": reason_code,
            "released_cents": released,
            "release": str(posted.uuid) if posted else None,
        },
    )
    # The workflow step tells the residents (and the contact official when the
    # initiator cancels): initiatives.notify.transition_notify.
    initiative.refresh_from_db()
    return initiative


def reservation_release(*, actor: User, initiative: Initiative) -> int:
    """What is left of the plan's reservation goes back to the budget period it came
    from (when the plan is settled, accountability app); returns the cents. Joins
    the caller's transaction."""
    decision = decision_award_latest(initiative=initiative)
    released, _posted = _release(
        actor=actor, initiative=initiative, decision=decision, memo="settle"
    )
    return released
