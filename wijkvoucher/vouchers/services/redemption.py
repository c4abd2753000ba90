"""Spending a voucher at a provider and refunding it (issue #4 point 4; docs/money.md;
docs/adr/0009). The voucher row is locked first, then the ledger accounts in
primary-key order (by the posting service); every refusal is a ``ValidationError``
with a stable code from ``REFUSALS`` and changes nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wijkvoucher.accounts.models import User
from wijkvoucher.core import sql
from wijkvoucher.core.db import transaction_join
from wijkvoucher.core.money import format_euro
from wijkvoucher.core.services import audit_batch, audit_record
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import CoInitiator, Initiative
from wijkvoucher.initiatives.selectors.participation import initiators_of
from wijkvoucher.ledger.constants import TransactionKind
from wijkvoucher.ledger.models import Account
from wijkvoucher.ledger.services import (
    MAX_ENTRY_CENTS,
    InsufficientBalance,
    ledger_transaction_post,
)
from wijkvoucher.neighbourhoods.models import Address, Neighbourhood
from wijkvoucher.notifications.services import notification_send
from wijkvoucher.providers.models import Provider, ProviderMembership
from wijkvoucher.providers.selectors import provider_may_serve
from wijkvoucher.vouchers.codes import code_normalise
from wijkvoucher.vouchers.constants import SPENDABLE, Channel, VoucherStatus
from wijkvoucher.vouchers.links import vouchers_url
from wijkvoucher.vouchers.models import Redemption, Refund, Voucher
from wijkvoucher.vouchers.selectors.portal import provider_house
from wijkvoucher.vouchers.selectors.resident import voucher_balance_cents
from wijkvoucher.vouchers.services.accounts import (
    provider_owed_account,
    provider_payable_account,
)
from wijkvoucher.vouchers.services.issuance import voucher_status_for
from wijkvoucher.vouchers.services.transitions import voucher_balance_step

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# code → HTTP status of the API (docs/adr/0009).
REFUSALS: dict[str, int] = {
    "invalid_request": 400,
    "unknown_voucher": 404,
    "provider_not_allowed": 403,
    "blocked": 409,
    "voided": 409,
    "expired": 409,
    "insufficient_balance": 409,
    "refund_exceeds_redemption": 409,
    "already_paid_out": 409,
    "unknown_redemption": 404,
}


def _refuse(code: str, message: StrOrPromise, **params: object) -> ValidationError:
    return ValidationError(message, code=code, params=params or None)


def _balance_step(*, actor: User | None, voucher: Voucher, action: str) -> int:
    """The voucher's balance after a spend or refund (its account as the posting left
    it), and the status step it takes there (history only: the service records the
    audit event)."""
    balance_after = int(voucher.account.balance_cents)
    voucher_balance_step(
        actor=actor,
        voucher=voucher,
        to=voucher_status_for(voucher, balance_after),
        action=action,
    )
    return balance_after


def _not_allowed(provider: Provider) -> ValidationError:
    return _refuse(
        "provider_not_allowed",
        _("This voucher cannot be spent at %(provider)s."),
        provider=provider.name,
    )


def _amount(value: object) -> int:
    if (
        not isinstance(value, int)
        or isinstance(value, bool)
        or value <= 0
        or value > MAX_ENTRY_CENTS
    ):
        raise _refuse(
            "invalid_request", _("The amount must be a whole number of cents above 0.")
        )
    return value


def _text(value: object, limit: int, *, required: bool, label: object) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise _refuse("invalid_request", _("%(field)s must be text."), field=label)
    text = value.strip()
    if required and not text:
        raise _refuse("invalid_request", _("%(field)s needs a value."), field=label)
    if len(text) > limit:
        raise _refuse(
            "invalid_request",
            _("%(field)s can be at most %(limit)s characters."),
            field=label,
            limit=limit,
        )
    return text


def _spendable_problem(
    voucher: Voucher, provider: Provider, *, may_serve: bool
) -> ValidationError | None:
    if not may_serve:
        return _not_allowed(provider)
    if voucher.status == VoucherStatus.BLOCKED:
        return _refuse("blocked", _("This voucher has been blocked."))
    if (
        voucher.status == VoucherStatus.VOIDED
        or voucher.initiative.status == InitiativeStatus.CANCELLED
    ):
        return _refuse(
            "voided", _("This voucher is no longer valid: the plan stopped.")
        )
    if (
        voucher.status == VoucherStatus.EXPIRED
        or timezone.localdate() > voucher.valid_until
    ):
        return _refuse(
            "expired",
            _("This voucher expired on %(day)s."),
            day=date_format(voucher.valid_until),
        )
    return None


def voucher_for_code(*, provider: Provider, code: object) -> Voucher:
    """The voucher with ``code`` if ``provider`` may see it (lookup; no lock)."""
    normalised = code_normalise(code)
    voucher = (
        Voucher.objects.select_related("initiative", "neighbourhood", "account")
        .filter(code=normalised)
        .first()
        if normalised
        else None
    )
    if voucher is None:
        raise _refuse("unknown_voucher", _("No voucher has this code."))
    if voucher.neighbourhood.municipality_id != provider.municipality_id or not (
        provider_may_serve(provider=provider, neighbourhood=voucher.neighbourhood)
    ):
        # The same answer as an unknown code would leak that the code exists.
        raise _not_allowed(provider)
    return voucher


def redemption_create(
    *,
    actor: User,
    provider: Provider,
    code: object,
    amount_cents: object,
    description: object,
    reference: object = "",
    channel: Channel,
) -> Redemption:
    """Spend ``amount_cents`` of the voucher with ``code`` at ``provider``.

    The busiest write of the product (docs/money.md, the write path): it joins the
    caller's transaction without a savepoint, raises every refusal before its first
    write, and inserts its two audit events with one statement."""
    with transaction_join(), audit_batch():
        return _redemption_create(
            actor=actor,
            provider=provider,
            code=code,
            amount_cents=amount_cents,
            description=description,
            reference=reference,
            channel=channel,
        )


# What a spend reads of each row (the other fields stay deferred, as with ``only()``).
_VOUCHER = sql.Loader(
    Voucher,
    "v",
    only=(
        "number",
        "code",
        "status",
        "valid_until",
        "amount_cents",
        "shared_with_coinitiators",
        "account",
        "neighbourhood",
        "initiative",
    ),
)
_PLAN = sql.Loader(Initiative, "i", only=("uuid", "status", "initiator"))
_INITIATOR = sql.Loader(User, "u", only=("is_active", "email", "preferred_language"))
_WIJK = sql.Loader(Neighbourhood, "n", only=("slug", "municipality"))
_ACCOUNT = sql.Loader(Account, "a", only=())


def _spend_statement() -> str:
    """The one statement that locks the voucher and reads all a spend checks: the
    voucher, its account, its plan and initiator, its wijk, whether the provider
    serves that wijk (its wijken, or none: all of them), and whether the provider is
    connected to the plan's people (``provider_connections``: a member of the provider
    is the initiator or an accepted co-initiator, or one of them lives at the
    provider's address)."""
    serves = sql.table(Provider.neighbourhoods.through)
    people = (
        f"SELECT c.user_id FROM {sql.table(CoInitiator)} c "  # noqa: S608 (names from _meta; values are parameters)
        "WHERE c.initiative_id = i.id "
        "AND c.accepted_at IS NOT NULL AND c.revoked_at IS NULL "
        "AND c.user_id IS NOT NULL"
    )
    loaders = (_VOUCHER, _ACCOUNT, _PLAN, _INITIATOR, _WIJK)
    return (
        f"SELECT {', '.join(loader.columns for loader in loaders)}, "  # noqa: S608 (names from _meta; values are parameters)
        f"(NOT EXISTS (SELECT 1 FROM {serves} s WHERE s.provider_id = %s) "
        f"OR EXISTS (SELECT 1 FROM {serves} s WHERE s.provider_id = %s "
        "AND s.neighbourhood_id = v.neighbourhood_id)), "
        f"(EXISTS (SELECT 1 FROM {sql.table(ProviderMembership)} m "
        "WHERE m.provider_id = %s "
        "AND m.valid_from <= %s AND (m.valid_until IS NULL OR m.valid_until >= %s) "
        f"AND (m.user_id = i.initiator_id OR m.user_id IN ({people}))) "
        f"OR (%s AND EXISTS (SELECT 1 FROM {sql.table(Address)} ad "
        "WHERE ad.postcode = %s AND ad.house_number = %s "
        "AND UPPER(ad.house_letter) = %s "
        f"AND (ad.user_id = i.initiator_id OR ad.user_id IN ({people}))))) "
        f"FROM {sql.table(Voucher)} v "
        f"JOIN {sql.table(Account)} a ON a.id = v.account_id "
        f"JOIN {sql.table(Initiative)} i ON i.id = v.initiative_id "
        f"JOIN {sql.table(User)} u ON u.id = i.initiator_id "
        f"JOIN {sql.table(Neighbourhood)} n ON n.id = v.neighbourhood_id "
        f"WHERE v.code = %s{sql.for_update_of('v')}"
    )


_SPEND_SQL: dict[str, str] = {}


def _voucher_for_spend(
    *, provider: Provider, code: str
) -> tuple[Voucher, bool, bool] | None:
    """The voucher with ``code``, locked, with its account, plan, initiator and wijk
    attached, and whether ``provider`` may serve its wijk and is connected to the
    plan's people."""
    vendor = sql.vendor()
    if vendor not in _SPEND_SQL:
        _SPEND_SQL[vendor] = _spend_statement()
    today = timezone.localdate()
    house = provider_house(provider)
    row = sql.fetch_one(
        _SPEND_SQL[vendor],
        [
            provider.pk,
            provider.pk,
            provider.pk,
            today,
            today,
            house is not None,
            provider.postcode,
            house[0] if house else 0,
            house[1] if house else "",
            code,
        ],
    )
    if row is None:
        return None
    voucher, at = _VOUCHER.take(row, 0)
    voucher.account, at = _ACCOUNT.take(row, at)
    voucher.initiative, at = _PLAN.take(row, at)
    voucher.initiative.initiator, at = _INITIATOR.take(row, at)
    voucher.neighbourhood, at = _WIJK.take(row, at)
    serves, connected = row[at:]
    may_serve = (
        bool(serves)
        and voucher.neighbourhood.municipality_id == provider.municipality_id
        and provider.approved_at is not None
    )
    return voucher, may_serve, bool(connected)


def _redemption_create(
    *,
    actor: User,
    provider: Provider,
    code: object,
    amount_cents: object,
    description: object,
    reference: object,
    channel: Channel,
) -> Redemption:
    amount = _amount(amount_cents)
    what = _text(description, 300, required=True, label=_("Description"))
    ref = _text(reference, 100, required=False, label=_("Reference"))
    normalised = code_normalise(code)
    found = (
        _voucher_for_spend(provider=provider, code=normalised) if normalised else None
    )
    if found is None:
        raise _refuse("unknown_voucher", _("No voucher has this code."))
    voucher, may_serve, connected = found
    problem = _spendable_problem(voucher, provider, may_serve=may_serve)
    if problem is not None:
        raise problem
    payable = provider_payable_account(actor=actor, provider=provider)
    ledger_facts: dict[str, Any] = {}
    try:
        posted = ledger_transaction_post(
            actor=actor,
            kind=TransactionKind.VOUCHER_REDEEM,
            entries=[(voucher.account, -amount), (payable, amount)],
            memo=f"redeem {voucher.number} at {provider.uuid}",
            shown_in=voucher.neighbourhood,
            audit_into=ledger_facts,
        )
    except InsufficientBalance:
        raise _refuse(
            "insufficient_balance",
            _("The voucher has %(balance)s left, less than %(amount)s."),
            balance=format_euro(voucher_balance_cents(voucher)),
            amount=format_euro(amount),
        ) from None
    balance_after = _balance_step(
        actor=actor, voucher=voucher, action="vouchers.redeem"
    )
    redemption = Redemption(
        voucher=voucher,
        provider=provider,
        amount_cents=amount,
        description=what,
        reference=ref,
        channel=channel,
        connected=connected,
        created_by=actor,
        transaction=posted,
    )
    sql.insert([redemption])
    audit_record(
        actor=actor,
        action="vouchers.redeem",
        subject=redemption,
        data={
            "voucher": voucher.number,
            "provider": str(provider.uuid),
            "amount_cents": amount,
            "balance_after_cents": balance_after,
            "channel": str(channel),
            "reference": ref,
            "transaction": str(posted.uuid),
            **ledger_facts,
        },
    )
    notification_send(
        recipients=_voucher_people(voucher),
        kind="vouchers.redeemed",
        subject=_("%(amount)s spent with voucher %(number)s"),
        body=_(
            "%(provider)s received %(amount)s from voucher %(number)s for: "
            "%(description)s. %(balance)s is left. Is this not right? You can "
            "dispute it within 14 days on the website."
        ),
        params={
            "amount": format_euro(amount),
            "number": voucher.number,
            "provider": provider.name,
            "description": what,
            "balance": format_euro(balance_after),
        },
        url=vouchers_url(voucher.initiative),
    )
    return redemption


def _voucher_people(voucher: Voucher) -> list[User]:
    if voucher.shared_with_coinitiators:
        return initiators_of(voucher.initiative)
    return [voucher.initiative.initiator]


@transaction.atomic
def refund_create(
    *,
    actor: User,
    redemption: Redemption,
    amount_cents: object,
    reason: object = "",
    channel: Channel,
    provider: Provider | None = None,
) -> Refund:
    """Give (part of) a redemption back to the voucher. ``provider`` must be the
    provider that received it (None only for the cash manager resolving a dispute).
    Never more than what is left of the redemption, and only while the voucher can
    still be spent. The money comes from the provider's payable; once the redemption
    is in a payout to the bank (``payout_committed``), the provider owes it instead
    (its "owed" account), and its next payout nets it (docs/adr/0013)."""
    amount = _amount(amount_cents)
    why = _text(reason, 300, required=False, label=_("Reason"))
    redemption = (
        Redemption.objects.select_for_update(of=("self",))
        .select_related("voucher", "provider")
        .get(pk=redemption.pk)
    )
    if provider is not None and redemption.provider_id != provider.pk:
        raise _refuse("unknown_redemption", _("No redemption of yours has this id."))
    voucher = (
        Voucher.objects.select_for_update(of=("self",))
        .select_related("initiative", "neighbourhood", "account")
        .get(pk=redemption.voucher_id)
    )
    if voucher.status not in SPENDABLE and voucher.status != VoucherStatus.REDEEMED:
        raise _refuse(
            "expired"
            if voucher.status == VoucherStatus.EXPIRED
            else str(voucher.status),
            _("This voucher can no longer receive money back."),
        )
    if timezone.localdate() > voucher.valid_until:
        raise _refuse(
            "expired",
            _("This voucher expired on %(day)s."),
            day=date_format(voucher.valid_until),
        )
    updated = Redemption.objects.filter(
        pk=redemption.pk, refunded_cents__lte=F("amount_cents") - amount
    ).update(refunded_cents=F("refunded_cents") + amount, updated_at=timezone.now())
    if updated != 1:
        raise _refuse(
            "refund_exceeds_redemption",
            _("At most %(left)s of this redemption can still be refunded."),
            left=format_euro(redemption.refundable_cents),
        )
    # Money already in a bank file cannot be taken back from the payable: the
    # provider owes it, and its next payout nets it (docs/adr/0013).
    owed = redemption.payout_committed
    source = (
        provider_owed_account(actor=actor, provider=redemption.provider)
        if owed
        else provider_payable_account(actor=actor, provider=redemption.provider)
    )
    ledger_facts: dict[str, Any] = {}
    try:
        posted = ledger_transaction_post(
            actor=actor,
            kind=TransactionKind.VOUCHER_REFUND,
            entries=[(source, -amount), (voucher.account, amount)],
            memo=f"refund {redemption.uuid}",
            shown_in=voucher.neighbourhood,
            audit_into=ledger_facts,
        )
    except InsufficientBalance:
        raise _refuse(
            "already_paid_out",
            _(
                "This money has already been paid out to the provider; the cash "
                "manager settles it."
            ),
        ) from None
    balance_after = _balance_step(
        actor=actor, voucher=voucher, action="vouchers.refund"
    )
    refund = Refund.objects.create(
        redemption=redemption,
        amount_cents=amount,
        reason=why,
        channel=channel,
        created_by=actor,
        transaction=posted,
    )
    audit_record(
        actor=actor,
        action="vouchers.refund",
        subject=refund,
        data={
            "redemption": str(redemption.uuid),
            "voucher": voucher.number,
            "amount_cents": amount,
            "balance_after_cents": balance_after,
            "channel": str(channel),
            "transaction": str(posted.uuid),
            "owed_by_provider": owed,
            **ledger_facts,
        },
    )
    notification_send(
        recipients=_voucher_people(voucher),
        kind="vouchers.refunded",
        subject=_("%(amount)s back on voucher %(number)s"),
        body=_(
            "%(provider)s gave %(amount)s back to voucher %(number)s. %(balance)s "
            "is left."
        ),
        params={
            "amount": format_euro(amount),
            "number": voucher.number,
            "provider": redemption.provider.name,
            "balance": format_euro(balance_after),
        },
        url=vouchers_url(voucher.initiative),
    )
    return refund


def redemptions_payout_commit(*, redemption_ids: list[int], committed: bool) -> int:
    """Mark the redemptions of an approved payout batch as sent to the bank (or, when
    the bank did not execute the batch, as owed again). Locks the rows in primary-key
    order before the caller posts to the ledger: a refund locks its redemption before
    the accounts, so both take the locks in the same order (docs/adr/0013)."""
    ids = sorted(set(redemption_ids))
    if not ids:
        return 0
    list(
        Redemption.objects.select_for_update()
        .filter(pk__in=ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return Redemption.objects.filter(pk__in=ids).update(
        payout_committed=committed, updated_at=timezone.now()
    )
