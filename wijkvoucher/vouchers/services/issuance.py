"""Issuing vouchers from an award, blocking and replacing a lost one, sharing one
with the co-initiators (issue #4 point 2; docs/adr/0009)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.dates import add_months, message_day
from wijkvoucher.core.money import format_euro
from wijkvoucher.core.services import audit_record
from wijkvoucher.decisions.models import Decision
from wijkvoucher.decisions.selectors import decision_award_latest
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.permissions import is_wijk_official
from wijkvoucher.initiatives.selectors.participation import initiators_of
from wijkvoucher.initiatives.services import initiative_transition
from wijkvoucher.ledger.constants import AccountKind, TransactionKind
from wijkvoucher.ledger.models import Account
from wijkvoucher.ledger.services import ledger_account_open, ledger_transaction_post
from wijkvoucher.notifications.services import notification_send
from wijkvoucher.vouchers.codes import code_generate
from wijkvoucher.vouchers.constants import VoucherStatus
from wijkvoucher.vouchers.links import vouchers_url
from wijkvoucher.vouchers.models import Voucher
from wijkvoucher.vouchers.permissions.resident import may_issue
from wijkvoucher.vouchers.services.transitions import vouchers_transition
from wijkvoucher.vouchers.workflow import VOUCHER

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User

DEFAULT_MAX_PER_VOUCHER_CENTS = 500_000
DEFAULT_EXECUTION_MONTHS = 12
DEFAULT_EXTRA_WEEKS = 4


def voucher_rules(initiative: Initiative) -> tuple[int, int | None, int, int]:
    """(max cents per voucher, max vouchers or None, execution months, extra weeks)
    from the plan's regeling version, with the sourced defaults without one."""
    version = initiative.regulation_version
    if version is None:
        return (
            DEFAULT_MAX_PER_VOUCHER_CENTS,
            None,
            DEFAULT_EXECUTION_MONTHS,
            DEFAULT_EXTRA_WEEKS,
        )
    return (
        int(version.max_amount_per_voucher_cents),
        version.max_vouchers_per_initiative,
        int(version.execution_window_months),
        int(version.voucher_validity_extra_weeks),
    )


def voucher_valid_until(*, initiative: Initiative, decision: Decision) -> dt.date:
    _max, _count, months, extra_weeks = voucher_rules(initiative)
    deadline = decision.execution_deadline or add_months(decision.issued_on, months)
    return deadline + dt.timedelta(weeks=extra_weeks)


def voucher_split(*, total_cents: int, max_cents: int) -> list[int]:
    """The fewest vouchers of at most ``max_cents`` that make ``total_cents``, as equal
    as whole cents allow (the first ones take the odd cents)."""
    if total_cents <= 0:
        return []
    count = -(-total_cents // max_cents)
    base, extra = divmod(total_cents, count)
    return [base + 1 if n < extra else base for n in range(count)]


def _check_amounts(
    amounts: Sequence[int], total: int, max_cents: int, max_count: int | None
) -> list[int]:
    chosen = list(amounts)
    for amount in chosen:
        if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
            raise ValidationError(
                _("Every voucher needs an amount of at least one cent."),
                code="invalid_amount",
            )
        if amount > max_cents:
            raise ValidationError(
                _("A voucher can be worth at most %(max)s (the regeling's maximum)."),
                code="voucher_too_large",
                params={"max": format_euro(max_cents)},
            )
    if sum(chosen) != total:
        raise ValidationError(
            _("The vouchers must add up to the awarded %(total)s, not %(sum)s."),
            code="amounts_do_not_add_up",
            params={"total": format_euro(total), "sum": format_euro(sum(chosen))},
        )
    if max_count is not None and len(chosen) > max_count:
        raise ValidationError(
            _("The regeling allows at most %(count)s vouchers per plan."),
            code="too_many_vouchers",
            params={"count": max_count},
        )
    return chosen


def _latest_award(initiative: Initiative) -> Decision:
    decision = decision_award_latest(initiative=initiative)
    if (
        decision is None
        or decision.reservation_account is None
        or decision.budget_period is None
    ):
        raise ValidationError(
            _("This plan has no award with reserved money to issue vouchers from."),
            code="no_award",
        )
    return decision


def _next_number(decision: Decision) -> str:
    used = Voucher.objects.filter(decision=decision).count()
    return f"{decision.number}-{used + 1}"


def _open_voucher(
    *,
    actor: User | None,
    initiative: Initiative,
    decision: Decision,
    amount_cents: int,
    valid_until: dt.date,
    replaces: Voucher | None = None,
) -> Voucher:
    period = decision.budget_period
    if period is None:
        raise ValidationError(
            _("This plan has no award with reserved money to issue vouchers from."),
            code="no_award",
        )
    number = _next_number(decision)
    account = ledger_account_open(
        actor=actor,
        code=f"voucher:{number}",
        kind=AccountKind.VOUCHER,
        name=f"Voucher {number}",
    )
    # 80 random bits: a clash is practically impossible, but never silently reused.
    for _attempt in range(3):
        try:
            with transaction.atomic():
                return Voucher.objects.create(
                    number=number,
                    code=code_generate(),
                    initiative=initiative,
                    decision=decision,
                    neighbourhood=initiative.neighbourhood,
                    budget_period=period,
                    account=account,
                    amount_cents=amount_cents,
                    valid_until=valid_until,
                    shared_with_coinitiators=(
                        replaces.shared_with_coinitiators if replaces else False
                    ),
                    replaces=replaces,
                    issued_by=actor,
                )
        except IntegrityError:
            continue
    raise RuntimeError("could not draw a unique voucher code")


def _lock_initiative(initiative: Initiative) -> Initiative:
    return (
        Initiative.objects.select_for_update(of=("self",))
        .select_related(
            "neighbourhood__municipality", "regulation_version", "initiator"
        )
        .get(pk=initiative.pk)
    )


@transaction.atomic
def vouchers_issue(
    *,
    actor: User,
    initiative: Initiative,
    amounts_cents: Sequence[int] | None = None,
) -> list[Voucher]:
    """Turn the award's reservation into vouchers (each at most the regeling's
    maximum; by default the fewest equal ones) in one ledger transaction, and start
    the plan's execution. Refused, with nothing changed, unless the plan is awarded
    and money is still reserved for it."""
    initiative = _lock_initiative(initiative)
    if not may_issue(user=actor, initiative=initiative):
        raise PermissionDenied
    if initiative.status not in (
        InitiativeStatus.AWARDED,
        InitiativeStatus.PARTLY_AWARDED,
    ):
        raise ValidationError(
            _("Vouchers can only be issued for an awarded plan."),
            code="invalid_status",
        )
    decision = _latest_award(initiative)
    reserved = Account.objects.select_for_update().get(
        pk=decision.reservation_account_id or 0
    )
    total = int(reserved.balance_cents)
    if total <= 0:
        raise ValidationError(
            _("No money is reserved for this plan any more."), code="nothing_reserved"
        )
    max_cents, max_count, _months, _weeks = voucher_rules(initiative)
    amounts = _check_amounts(
        amounts_cents
        if amounts_cents
        else voucher_split(total_cents=total, max_cents=max_cents),
        total,
        max_cents,
        max_count,
    )
    valid_until = voucher_valid_until(initiative=initiative, decision=decision)
    vouchers = [
        _open_voucher(
            actor=actor,
            initiative=initiative,
            decision=decision,
            amount_cents=amount,
            valid_until=valid_until,
        )
        for amount in amounts
    ]
    posted = ledger_transaction_post(
        actor=actor,
        kind=TransactionKind.VOUCHER_ISSUE,
        entries=[(reserved, -total)] + [(v.account, v.amount_cents) for v in vouchers],
        memo=f"issue {decision.number}",
    )
    initiative_transition(
        actor=actor, initiative=initiative, to=InitiativeStatus.IN_EXECUTION
    )
    audit_record(
        actor=actor,
        action="vouchers.issue",
        subject=initiative,
        data={
            "decision": decision.number,
            "vouchers": [[v.number, v.amount_cents] for v in vouchers],
            "valid_until": valid_until,
            "transaction": str(posted.uuid),
        },
    )
    notification_send(
        recipients=[initiative.initiator],
        kind="vouchers.issued",
        subject=_("Your vouchers for %(title)s are ready"),
        body=_(
            "The municipality has issued %(count)s voucher(s) worth %(total)s in "
            "all for your plan %(title)s. They are valid until %(valid_until)s. "
            "Print them or show them on your phone at a provider in the wijk."
        ),
        params={
            "count": len(vouchers),
            "total": format_euro(total),
            "title": initiative.title,
            "valid_until": message_day(valid_until),
        },
        url=vouchers_url(initiative),
    )
    return vouchers


def _lock_voucher(voucher: Voucher) -> Voucher:
    return (
        Voucher.objects.select_for_update(of=("self",))
        .select_related("initiative__initiator", "decision", "account", "budget_period")
        .get(pk=voucher.pk)
    )


def voucher_status_for(voucher: Voucher, balance_cents: int) -> str:
    """The status a spendable voucher has at ``balance_cents``."""
    if balance_cents <= 0:
        return VoucherStatus.REDEEMED
    if balance_cents < voucher.amount_cents:
        return VoucherStatus.PARTLY_REDEEMED
    return VoucherStatus.ISSUED


def _may_manage(actor: User, voucher: Voucher) -> bool:
    initiative = voucher.initiative
    return actor.pk == initiative.initiator_id or is_wijk_official(
        user=actor, initiative=initiative
    )


@transaction.atomic
def voucher_block_and_replace(
    *, actor: User, voucher: Voucher, reason: str = ""
) -> Voucher | None:
    """Block a lost or stolen voucher at once; its remaining balance moves to a new
    voucher with a new code (returned), or None when nothing was left."""
    voucher = _lock_voucher(voucher)
    if not _may_manage(actor, voucher):
        raise PermissionDenied
    if voucher.status not in VOUCHER.sources("vouchers.block"):
        raise ValidationError(
            _("Only a voucher that can still be spent can be blocked."),
            code="invalid_status",
        )
    account = Account.objects.select_for_update().get(pk=voucher.account_id)
    balance = int(account.balance_cents)
    replacement: Voucher | None = None
    posted = None
    if balance > 0:
        replacement = _open_voucher(
            actor=actor,
            initiative=voucher.initiative,
            decision=voucher.decision,
            amount_cents=balance,
            valid_until=voucher.valid_until,
            replaces=voucher,
        )
        posted = ledger_transaction_post(
            actor=actor,
            kind=TransactionKind.VOUCHER_REPLACE,
            entries=[(account, -balance), (replacement.account, balance)],
            memo=f"replace {voucher.number}",
        )
    why = (reason or "").strip()[:300]
    vouchers_transition(
        actor=actor,
        machine=VOUCHER,
        row=voucher,
        to=VoucherStatus.BLOCKED,
        action="vouchers.block",
        fields={"closed_at": timezone.now(), "close_reason": why},
        note=why,
        audit_data={
            "number": voucher.number,
            "balance_cents": balance,
            "replacement": replacement.number if replacement else None,
            "transaction": str(posted.uuid) if posted else None,
        },
    )
    return replacement


@transaction.atomic
def voucher_share(*, actor: User, voucher: Voucher, shared: bool) -> Voucher:
    """Let the accepted co-initiators see (and so spend) this voucher, or stop it."""
    voucher = _lock_voucher(voucher)
    if actor.pk != voucher.initiative.initiator_id:
        raise PermissionDenied
    voucher.shared_with_coinitiators = shared
    voucher.save(update_fields=["shared_with_coinitiators", "updated_at"])
    audit_record(
        actor=actor,
        action="vouchers.share",
        subject=voucher,
        data={"number": voucher.number, "shared": shared},
    )
    if shared:
        notification_send(
            recipients=[
                p for p in initiators_of(voucher.initiative) if p.pk != actor.pk
            ],
            kind="vouchers.shared",
            subject=_("A voucher for %(title)s has been shared with you"),
            body=_(
                "%(name)s has shared voucher %(number)s of the plan %(title)s with "
                "you. You can now show it at a provider."
            ),
            params={
                "name": actor.display_name,
                "number": voucher.number,
                "title": voucher.initiative.title,
            },
            url=vouchers_url(voucher.initiative),
        )
    return voucher
