"""Payout batches (docs/adr/0009): a cash manager prepares a batch of everything owed
to providers and initiators, a second person approves it (four eyes), the bank file
is exported, and marking the batch paid posts one ``payout`` ledger transaction from
every payable account to the municipality's payout clearing account. Every refusal
is a ``ValidationError`` with a stable code and changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.iban import iban_valid
from wijkvoucher.core.money import format_euro
from wijkvoucher.core.services import audit_record
from wijkvoucher.ledger.constants import TransactionKind
from wijkvoucher.ledger.services import InsufficientBalance, ledger_transaction_post
from wijkvoucher.neighbourhoods.models import Municipality
from wijkvoucher.notifications.services import notification_send
from wijkvoucher.vouchers.constants import (
    OPEN_PAYOUT,
    ClaimStatus,
    PayeeKind,
    PayoutStatus,
)
from wijkvoucher.vouchers.links import batch_url, vouchers_url
from wijkvoucher.vouchers.models import Claim, PayoutBatch, PayoutLine
from wijkvoucher.vouchers.permissions_cash import (
    may_handle_payouts,
    may_prepare_payouts,
)
from wijkvoucher.vouchers.remittance import initiator_remittance, provider_remittance
from wijkvoucher.vouchers.selectors import provider_users
from wijkvoucher.vouchers.selectors_payouts import (
    OwedLine,
    payout_handlers,
    payouts_owed,
)
from wijkvoucher.vouchers.services.accounts import payout_clearing_account
from wijkvoucher.vouchers.services.transitions import (
    claims_mark_paid,
    vouchers_step_check,
    vouchers_transition,
)
from wijkvoucher.vouchers.workflow_payout_batch import PAYOUT_BATCH

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
            "lines": [[line.account.code, line.amount_cents] for line in owed.lines],
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
    vouchers_step_check(machine=PAYOUT_BATCH, row=batch, to=to, action=action)


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
    vouchers_transition(
        actor=actor,
        machine=PAYOUT_BATCH,
        row=batch,
        to=PayoutStatus.APPROVED,
        action="vouchers.payout_approve",
        fields={"approved_by": actor, "approved_at": timezone.now()},
        audit_data={
            "reference": batch.reference,
            "total_cents": int(batch.total_cents),
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
    """The bank has the money: one ledger transaction empties every payable line into
    the clearing account. A payable that no longer holds its line (a refund since)
    refuses it with nothing changed; the batch must be cancelled and prepared again."""
    batch = _locked(batch)
    if not may_handle_payouts(user=actor, municipality=batch.municipality):
        raise _not_allowed()
    _check_step(batch, PayoutStatus.PAID, "vouchers.payout_paid")
    lines = list(
        batch.lines.select_related("account", "provider", "initiative__initiator")
    )
    clearing = payout_clearing_account(actor=actor, municipality=batch.municipality)
    entries = [(line.account, -int(line.amount_cents)) for line in lines]
    entries.append((clearing, int(batch.total_cents)))
    try:
        posted = ledger_transaction_post(
            actor=actor,
            kind=TransactionKind.PAYOUT,
            entries=entries,
            memo=f"payout {batch.reference}",
        )
    except InsufficientBalance:
        raise _refuse(
            "payable_changed",
            _(
                "Someone's amount owed has changed since the batch was prepared (a "
                "refund). Nothing has been booked. Cancel this batch and prepare a "
                "new one."
            ),
        ) from None
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
    vouchers_transition(
        actor=actor,
        machine=PAYOUT_BATCH,
        row=batch,
        to=PayoutStatus.PAID,
        action="vouchers.payout_paid",
        fields={"paid_by": actor, "paid_at": now, "transaction": posted},
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
def payout_batch_cancel(*, actor: User, batch: PayoutBatch) -> PayoutBatch:
    """Stop an open batch (no ledger effect); what it held is owed again."""
    batch = _locked(batch)
    if not may_handle_payouts(user=actor, municipality=batch.municipality):
        raise _not_allowed()
    _check_step(batch, PayoutStatus.CANCELLED, "vouchers.payout_cancel")
    vouchers_transition(
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
