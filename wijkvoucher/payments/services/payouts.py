"""Payout batches (docs/adr/0009, docs/adr/0013): a cash manager prepares a batch of
everything owed to providers and initiators, a second person approves it (four eyes)
and so commits its lines (``payout.commit``: every payable into the municipality's
committed account, netting what a provider owes back), the bank file is exported,
and marking the batch paid moves the total on to the payout clearing account
(``payout``); a batch the bank did not pay out is marked so and its approval
reversed. Every refusal is a ``ValidationError`` with a stable code and changes
nothing."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.iban import iban_valid
from wijkvoucher.core.money import format_euro
from wijkvoucher.core.services import audit_record
from wijkvoucher.ledger.constants import TransactionKind
from wijkvoucher.ledger.models import Account, LedgerTransaction
from wijkvoucher.ledger.services import (
    InsufficientBalance,
    ledger_transaction_post,
    ledger_transaction_reverse,
)
from wijkvoucher.neighbourhoods.models import Municipality
from wijkvoucher.notifications.services import notification_send
from wijkvoucher.payments.constants import (
    OPEN_PAYOUT,
    ClaimStatus,
    PayeeKind,
    PayoutStatus,
)
from wijkvoucher.payments.links import batch_url
from wijkvoucher.payments.models import Claim, PayoutBatch, PayoutLine
from wijkvoucher.payments.permissions import may_handle_payouts, may_prepare_payouts
from wijkvoucher.payments.remittance import initiator_remittance, provider_remittance
from wijkvoucher.payments.selectors.payouts import (
    OwedLine,
    payout_handlers,
    payouts_owed,
)
from wijkvoucher.payments.services.transitions import (
    claims_mark_paid,
    payments_step_check,
    payments_transition,
)
from wijkvoucher.payments.workflows import PAYOUT_BATCH
from wijkvoucher.providers.selectors import provider_users
from wijkvoucher.vouchers.links import vouchers_url
from wijkvoucher.vouchers.models import Redemption
from wijkvoucher.vouchers.services.accounts import (
    payout_clearing_account,
    payout_committed_account,
    provider_owed_account,
)
from wijkvoucher.vouchers.services.redemption import redemptions_payout_commit

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from wijkvoucher.accounts.models import User


def _refuse(code: str, message: StrOrPromise, **params: object) -> ValidationError:
    return ValidationError(message, code=code, params=params or None)


def debtor_problem(municipality: Municipality) -> ValidationError | None:
    """The paying account (SEPA debtor) must be filled in before money can leave."""
    if (
        not municipality.payout_account_name.strip()
        or not municipality.payout_iban.strip()
        or not iban_valid(municipality.payout_iban)
    ):
        return _refuse(
            "debtor_missing",
            _(
                "The municipality's paying account is not filled in yet. Ask the "
                "coordinator to fill in the account holder and IBAN (and BIC) of "
                "%(municipality)s first."
            ),
            municipality=municipality.name,
        )
    return None


def _reference(municipality: Municipality, day: dt.date) -> str:
    # SEPA references allow letters, digits and a few signs; no underscores.
    slug = municipality.slug.upper().replace("_", "-")[:10]
    prefix = f"WV-{slug}-{day:%Y%m%d}-"
    n = PayoutBatch.objects.filter(reference__startswith=prefix).count() + 1
    while PayoutBatch.objects.filter(reference=f"{prefix}{n}").exists():
        n += 1
    return f"{prefix}{n}"[:35]


def _open_batch_refusal() -> ValidationError:
    return _refuse(
        "open_batch_exists",
        _(
            "There is already an open payout batch. Approve and pay it, or cancel it, "
            "before you prepare a new one."
        ),
    )


def _not_allowed() -> ValidationError:
    return _refuse("not_allowed", _("You cannot handle payouts of this municipality."))


@transaction.atomic
def payout_batch_prepare(
    *, actor: User, municipality: Municipality, execution_date: dt.date
) -> PayoutBatch:
    """A batch of everything owed now (see ``payouts_owed``), to be approved by
    someone else."""
    if not may_prepare_payouts(user=actor, municipality=municipality):
        raise _refuse(
            "not_allowed",
            _("Only a cash manager of the municipality prepares payouts."),
        )
    # One preparation at a time per municipality.
    municipality = Municipality.objects.select_for_update().get(pk=municipality.pk)
    problem = debtor_problem(municipality)
    if problem is not None:
        raise problem
    today = timezone.localdate()
    if execution_date < today:
        raise _refuse(
            "execution_date_past", _("The execution date cannot be in the past.")
        )
    if execution_date > today + dt.timedelta(days=90):
        raise _refuse(
            "execution_date_far",
            _("The execution date can be at most 90 days from today."),
        )
    if PayoutBatch.objects.filter(
        municipality=municipality, status__in=list(OPEN_PAYOUT)
    ).exists():
        raise _open_batch_refusal()
    owed = payouts_owed(municipality=municipality, lock=True)
    if not owed.lines:
        raise _refuse("nothing_to_pay", _("Nothing is owed right now."))
    reference = _reference(municipality, today)
    try:
        with transaction.atomic():
            batch = PayoutBatch.objects.create(
                municipality=municipality,
                reference=reference,
                status=PayoutStatus.PREPARED,
                total_cents=owed.total_cents,
                execution_date=execution_date,
                prepared_by=actor,
            )
    except IntegrityError:
        raise _open_batch_refusal() from None
    _lines_create(batch, owed.lines)
    audit_record(
        actor=actor,
        action="vouchers.payout_prepare",
        subject=batch,
        data={
            "reference": reference,
            "total_cents": batch.total_cents,
            "lines": [
                [line.account.code, line.amount_cents, line.netted_cents]
                for line in owed.lines
            ],
            "held_back": [
                [str(h.redemption.uuid), h.amount_cents] for h in owed.held_back
            ],
            "left_out": [[str(x.name), x.amount_cents] for x in owed.left_out],
            "execution_date": execution_date.isoformat(),
        },
    )
    notification_send(
        recipients=[
            u for u in payout_handlers(municipality=municipality) if u.pk != actor.pk
        ],
        kind="vouchers.payout_prepared",
        subject=_("Payout batch %(reference)s waits for approval"),
        body=_(
            "%(name)s prepared payout batch %(reference)s of %(total)s. A second "
            "person must approve it before it goes to the bank."
        ),
        params={
            "name": actor.display_name,
            "reference": reference,
            "total": format_euro(int(batch.total_cents)),
        },
        url=batch_url(batch),
    )
    return batch


def _remittance(reference: str, line: OwedLine) -> str:
    if line.payee_kind == PayeeKind.PROVIDER:
        return provider_remittance(
            batch_reference=reference,
            redemptions=[(r.pk, r.reference) for r in line.redemptions],
            provider_name=line.description,
            netted_cents=line.netted_cents,
        )
    return initiator_remittance(
        batch_reference=reference,
        claims=[(c.pk, c.description) for c in line.claims],
        fallback=line.description,
    )


def _lines_create(batch: PayoutBatch, owed: list[OwedLine]) -> None:
    """The batch's lines, each with what it pays and a description naming it."""
    created = PayoutLine.objects.bulk_create(
        [
            PayoutLine(
                batch=batch,
                account=line.account,
                payee_kind=line.payee_kind,
                provider=line.provider,
                initiative=line.initiative,
                name=line.name,
                iban=line.iban,
                amount_cents=line.amount_cents,
                netted_cents=line.netted_cents,
                remittance=_remittance(batch.reference, line),
            )
            for line in owed
        ]
    )
    PayoutLine.redemptions.through.objects.bulk_create(
        [
            PayoutLine.redemptions.through(payoutline=row, redemption=redemption)
            for row, line in zip(created, owed, strict=True)
            for redemption in line.redemptions
        ]
    )
    PayoutLine.claims.through.objects.bulk_create(
        [
            PayoutLine.claims.through(payoutline=row, claim=claim)
            for row, line in zip(created, owed, strict=True)
            for claim in line.claims
        ]
    )


def _locked(batch: PayoutBatch) -> PayoutBatch:
    return (
        PayoutBatch.objects.select_for_update(of=("self",))
        .select_related("municipality")
        .get(pk=batch.pk)
    )


def _check_step(batch: PayoutBatch, to: PayoutStatus, action: str) -> None:
    """Refuse (``invalid_status``) a step the batch's table does not allow now."""
    payments_step_check(machine=PAYOUT_BATCH, row=batch, to=to, action=action)


def _payable_changed() -> ValidationError:
    return _refuse(
        "payable_changed",
        _(
            "Someone's amount owed has changed since the batch was prepared (a "
            "refund). Nothing has been booked. Cancel this batch and prepare a new "
            "one."
        ),
    )


def _check_payables_cover_the_rest(lines: list[PayoutLine]) -> None:
    """After the approval each provider's payable must still hold what its
    redemptions outside a bank file can be refunded, so that such a refund never
    fails (I11). A refund of a line's redemption since the preparation breaks it:
    refuse (``payable_changed``). The payables are locked after the redemptions, the
    order a refund takes them in."""
    settled = {
        line.account_id: int(line.amount_cents) + int(line.netted_cents)
        for line in lines
        if line.provider_id is not None
    }
    balances = dict(
        Account.objects.select_for_update()
        .filter(pk__in=sorted(settled))
        .order_by("pk")
        .values_list("pk", "balance_cents")
    )
    rest = dict(
        Redemption.objects.filter(
            provider__payable_account__in=list(settled), payout_committed=False
        )
        .order_by()
        .values("provider__payable_account")
        .annotate(cents=Sum(F("amount_cents") - F("refunded_cents")))
        .values_list("provider__payable_account", "cents")
    )
    for account, cents in settled.items():
        if int(balances[account]) - cents < int(rest.get(account) or 0):
            raise _payable_changed()


def _commit(actor: User, batch: PayoutBatch) -> LedgerTransaction:
    """The approval's ledger transaction: from now on the bank file may leave, so its
    lines are committed money (docs/adr/0013-committed-payouts.md). Each line takes
    what it settles (its amount plus what it nets) out of its payable, the netted part
    goes to the provider's "owed" account, the total into the municipality's
    committed account; the line's redemptions are marked as sent to the bank first
    (their locks before the accounts', the order a refund takes them in). A refund
    since the preparation refuses it (``payable_changed``): nothing left yet, so the
    batch can safely be cancelled and prepared again."""
    lines = list(batch.lines.select_related("account", "provider").order_by("pk"))
    redemption_ids = list(
        PayoutLine.redemptions.through.objects.filter(
            payoutline__batch=batch
        ).values_list("redemption_id", flat=True)
    )
    redemptions_payout_commit(redemption_ids=redemption_ids, committed=True)
    _check_payables_cover_the_rest(lines)
    entries: list[tuple[Account, int]] = []
    for line in lines:
        netted = int(line.netted_cents)
        entries.append((line.account, -(int(line.amount_cents) + netted)))
        if netted and line.provider is not None:  # only provider lines net
            owed = provider_owed_account(actor=actor, provider=line.provider)
            if int(owed.balance_cents) > -netted:  # owes less than the line nets
                raise _payable_changed()
            entries.append((owed, netted))
    committed = payout_committed_account(actor=actor, municipality=batch.municipality)
    entries.append((committed, int(batch.total_cents)))
    try:
        return ledger_transaction_post(
            actor=actor,
            kind=TransactionKind.PAYOUT_COMMIT,
            entries=entries,
            memo=f"payout approved {batch.reference}",
        )
    except InsufficientBalance:
        raise _payable_changed() from None


@transaction.atomic
def payout_batch_approve(*, actor: User, batch: PayoutBatch) -> PayoutBatch:
    """The second pair of eyes: someone other than the preparer approves."""
    batch = _locked(batch)
    if not may_handle_payouts(user=actor, municipality=batch.municipality):
        raise _not_allowed()
    _check_step(batch, PayoutStatus.APPROVED, "vouchers.payout_approve")
    if actor.pk == batch.prepared_by_id:
        raise _refuse(
            "four_eyes",
            _(
                "You prepared this batch yourself. A second person approves it "
                "(four eyes)."
            ),
        )
    committed = _commit(actor, batch)
    payments_transition(
        actor=actor,
        machine=PAYOUT_BATCH,
        row=batch,
        to=PayoutStatus.APPROVED,
        action="vouchers.payout_approve",
        fields={
            "approved_by": actor,
            "approved_at": timezone.now(),
            "commit_transaction": committed,
        },
        audit_data={
            "reference": batch.reference,
            "total_cents": int(batch.total_cents),
            "commit_transaction": str(committed.uuid),
        },
    )
    notification_send(
        recipients=[batch.prepared_by],
        kind="vouchers.payout_approved",
        subject=_("Payout batch %(reference)s approved"),
        body=_(
            "%(name)s approved payout batch %(reference)s. You can now download the "
            "bank file."
        ),
        params={"name": actor.display_name, "reference": batch.reference},
        url=batch_url(batch),
    )
    return batch


@transaction.atomic
def payout_batch_mark_paid(*, actor: User, batch: PayoutBatch) -> PayoutBatch:
    """The bank has paid the batch: one ledger transaction moves its total from the
    committed account to the clearing account. The approval took the lines out of
    the payables, so a refund since cannot stop this any more: it is owed by the
    provider and netted in its next payout (docs/adr/0013)."""
    batch = _locked(batch)
    if not may_handle_payouts(user=actor, municipality=batch.municipality):
        raise _not_allowed()
    _check_step(batch, PayoutStatus.PAID, "vouchers.payout_paid")
    lines = list(
        batch.lines.select_related("account", "provider", "initiative__initiator")
    )
    fields: dict[str, object] = {}
    if batch.commit_transaction_id is None:
        # Approved before approval committed the lines (ADR 0013): commit now.
        fields["commit_transaction"] = _commit(actor, batch)
    committed = payout_committed_account(actor=actor, municipality=batch.municipality)
    clearing = payout_clearing_account(actor=actor, municipality=batch.municipality)
    posted = ledger_transaction_post(
        actor=actor,
        kind=TransactionKind.PAYOUT,
        entries=[
            (committed, -int(batch.total_cents)),
            (clearing, int(batch.total_cents)),
        ],
        memo=f"payout {batch.reference}",
    )
    now = timezone.now()
    # Exactly the claims the batch's lines pay; one approved since is paid next time.
    paid = Claim.objects.filter(
        payout_lines__batch=batch, status=ClaimStatus.APPROVED
    ).distinct()
    claims_paid = list(paid.values_list("uuid", flat=True))
    claims_mark_paid(
        actor=actor,
        claims=Claim.objects.filter(uuid__in=claims_paid),
        fields={"updated_at": now},
    )
    payments_transition(
        actor=actor,
        machine=PAYOUT_BATCH,
        row=batch,
        to=PayoutStatus.PAID,
        action="vouchers.payout_paid",
        fields={"paid_by": actor, "paid_at": now, "transaction": posted, **fields},
        audit_data={
            "reference": batch.reference,
            "total_cents": int(batch.total_cents),
            "transaction": str(posted.uuid),
            "claims_paid": [str(u) for u in claims_paid],
        },
    )
    day = date_format(batch.execution_date)
    for line in lines:
        if line.provider is not None:
            recipients = provider_users(provider=line.provider)
            url = ""
        elif line.initiative is not None:
            recipients = [line.initiative.initiator]
            url = vouchers_url(line.initiative)
        else:  # pragma: no cover - the CHECK constraint forbids it
            continue
        notification_send(
            recipients=recipients,
            kind="vouchers.payout_paid",
            subject=_("Payment of %(amount)s is on its way"),
            body=_(
                "You will receive %(amount)s in account %(iban)s from %(day)s, "
                "described as “%(remittance)s”."
            ),
            params={
                "amount": format_euro(int(line.amount_cents)),
                "iban": line.iban,
                "day": day,
                "remittance": line.remittance,
            },
            url=url,
        )
    return batch


@transaction.atomic
def payout_batch_mark_failed(
    *, actor: User, batch: PayoutBatch, reason: str
) -> PayoutBatch:
    """The bank did not pay out an approved batch (it refused the file, or it was
    never uploaded): the approval's ledger transaction is reversed, so the lines are
    owed again (and what they netted is owed back again), and a new batch can pay
    them. The cash manager says why, in the bank's words (docs/adr/0013)."""
    batch = _locked(batch)
    if not may_handle_payouts(user=actor, municipality=batch.municipality):
        raise _not_allowed()
    _check_step(batch, PayoutStatus.FAILED, "vouchers.payout_failed")
    text = (reason or "").strip()
    if not text:
        raise _refuse(
            "reason_required",
            _("Write what the bank said, or why the file was not sent."),
        )
    redemption_ids = list(
        PayoutLine.redemptions.through.objects.filter(
            payoutline__batch=batch
        ).values_list("redemption_id", flat=True)
    )
    redemptions_payout_commit(redemption_ids=redemption_ids, committed=False)
    reversal = None
    if batch.commit_transaction is not None:
        reversal = ledger_transaction_reverse(
            actor=actor,
            original=batch.commit_transaction,
            memo=f"payout not paid out {batch.reference}",
        )
    payments_transition(
        actor=actor,
        machine=PAYOUT_BATCH,
        row=batch,
        to=PayoutStatus.FAILED,
        action="vouchers.payout_failed",
        fields={
            "failed_by": actor,
            "failed_at": timezone.now(),
            "failure_reason": text,
        },
        audit_data={
            "reference": batch.reference,
            "total_cents": int(batch.total_cents),
            "reason": text,
            "reversal": str(reversal.uuid) if reversal else None,
        },
    )
    return batch


@transaction.atomic
def payout_batch_cancel(*, actor: User, batch: PayoutBatch) -> PayoutBatch:
    """Stop a prepared batch (no ledger effect); what it held is owed again. An
    approved batch cannot be cancelled: its file may be at the bank (ADR 0013)."""
    batch = _locked(batch)
    if not may_handle_payouts(user=actor, municipality=batch.municipality):
        raise _not_allowed()
    _check_step(batch, PayoutStatus.CANCELLED, "vouchers.payout_cancel")
    payments_transition(
        actor=actor,
        machine=PAYOUT_BATCH,
        row=batch,
        to=PayoutStatus.CANCELLED,
        action="vouchers.payout_cancel",
        fields={"cancelled_by": actor, "cancelled_at": timezone.now()},
        audit_data={
            "reference": batch.reference,
            "total_cents": int(batch.total_cents),
        },
    )
    return batch
