"""Reads for payouts (docs/adr/0009, docs/adr/0013): who may handle a municipality's
payouts, what is owed now (the lines a new batch would contain, with disputed amounts
held back, what providers owe back netted, and payees without a valid IBAN left out),
and the batches themselves."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.iban import iban_normalise, iban_valid
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.ledger.constants import AccountKind
from wijkvoucher.ledger.models import Account
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Municipality
from wijkvoucher.neighbourhoods.roles import CASH_ROLES
from wijkvoucher.neighbourhoods.selectors.roles import role_assignments_active
from wijkvoucher.payments.constants import (
    OPEN_PAYOUT,
    ClaimStatus,
    DisputeStatus,
    PayeeKind,
    PayoutStatus,
)
from wijkvoucher.payments.models import Claim, PayoutBatch, PayoutLine
from wijkvoucher.providers.models import Provider
from wijkvoucher.vouchers.models import Redemption

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from wijkvoucher.accounts.models import User

# A redemption or claim on a line of a batch in these states is paid or being paid.
_TAKEN = [PayoutStatus.PREPARED, PayoutStatus.APPROVED, PayoutStatus.PAID]


def role_in_municipality(
    *, user: User | AnonymousUser, roles: frozenset[Role], municipality: Municipality
) -> bool:
    """A role for the whole municipality or for any of its wijken."""
    return (
        role_assignments_active(user=user)
        .filter(role__in=list(roles))
        .filter(
            Q(municipality_id=municipality.pk)
            | Q(neighbourhood__municipality_id=municipality.pk)
        )
        .exists()
    )


def payout_municipalities(*, user: User | AnonymousUser) -> QuerySet[Municipality]:
    """The municipalities whose payouts ``user`` handles, by name."""
    assignments = role_assignments_active(user=user).filter(role__in=list(CASH_ROLES))
    return (
        Municipality.objects.filter(
            Q(pk__in=assignments.values("municipality_id"))
            | Q(neighbourhoods__pk__in=assignments.values("neighbourhood_id"))
        )
        .distinct()
        .order_by("name", "pk")
    )


def payout_handlers(*, municipality: Municipality) -> list[User]:
    """Everyone who may approve a batch of ``municipality`` today."""
    from wijkvoucher.accounts.models import User

    day = timezone.localdate()
    return list(
        User.objects.filter(
            is_active=True,
            role_assignments__role__in=list(CASH_ROLES),
            role_assignments__valid_from__lte=day,
        )
        .filter(
            Q(role_assignments__valid_until__isnull=True)
            | Q(role_assignments__valid_until__gte=day)
        )
        .filter(
            Q(role_assignments__municipality_id=municipality.pk)
            | Q(role_assignments__neighbourhood__municipality_id=municipality.pk)
        )
        .distinct()
        .order_by("pk")
    )


@dataclass
class OwedLine:
    """One line a new batch would contain."""

    account: Account
    payee_kind: PayeeKind
    name: str
    iban: str
    amount_cents: int
    description: str
    provider: Provider | None = None
    initiative: Initiative | None = None
    held_back_cents: int = 0
    # What the provider owes back (refunds of money sent before), taken off this
    # payment; the line settles ``amount_cents + netted_cents`` of its payable.
    netted_cents: int = 0
    # What the line pays: the redemptions (provider) or claims (initiator) that no
    # earlier batch paid or holds.
    redemptions: list[Redemption] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


@dataclass
class HeldBack:
    redemption: Redemption
    amount_cents: int


@dataclass
class LeftOut:
    """Money owed that a batch cannot pay now, with the reason."""

    name: str
    amount_cents: int
    reason: Promise | str


@dataclass
class OwedBack:
    """A provider that owes money back: refunds of money already sent to its bank,
    not (yet) netted against a payout (docs/adr/0013-committed-payouts.md)."""

    provider: Provider
    amount_cents: int
    # The part the batch prepared now would net.
    netted_cents: int = 0

    @property
    def left_cents(self) -> int:
        return self.amount_cents - self.netted_cents


@dataclass
class Owed:
    lines: list[OwedLine] = field(default_factory=list)
    held_back: list[HeldBack] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)
    owed_back: list[OwedBack] = field(default_factory=list)
    # Redemptions at a provider connected to the initiator (same address or a
    # co-initiator, flagged when spent): the cash manager checks them before paying.
    connected: list[Redemption] = field(default_factory=list)

    @property
    def total_cents(self) -> int:
        return sum(line.amount_cents for line in self.lines)


def _initiative_uuid(code: str) -> uuid.UUID | None:
    parts = code.split(":")
    if len(parts) != 3 or parts[0] != "initiator" or parts[2] != "payable":
        return None
    try:
        return uuid.UUID(parts[1])
    except ValueError:
        return None


def _payable_accounts(
    municipality: Municipality,
) -> tuple[dict[int, Provider], dict[int, Initiative]]:
    providers = {
        p.payable_account_id: p
        for p in Provider.objects.filter(
            municipality=municipality,
            payable_account__isnull=False,
            payable_account__balance_cents__gt=0,
        ).order_by("name", "pk")
        if p.payable_account_id is not None
    }
    candidates = {
        a.pk: u
        for a in Account.objects.filter(
            kind=AccountKind.INITIATOR_PAYABLE, balance_cents__gt=0
        ).only("pk", "code")
        if (u := _initiative_uuid(a.code)) is not None
    }
    by_uuid = {
        i.uuid: i
        for i in Initiative.objects.filter(
            uuid__in=list(candidates.values()),
            neighbourhood__municipality=municipality,
        ).select_related("initiator")
    }
    initiatives = {pk: by_uuid[u] for pk, u in candidates.items() if u in by_uuid}
    return providers, initiatives


def provider_owed_code(provider: Provider) -> str:
    """The code of the account of what ``provider`` owes back (opened by the vouchers
    app on the first refund of committed money)."""
    return f"provider:{provider.uuid}:owed"


def providers_owing(*, municipality: Municipality) -> dict[int, tuple[Provider, int]]:
    """Per provider id: the providers of ``municipality`` that owe money back, with
    the amount, by name (one query)."""
    codes = {
        a.code: -int(a.balance_cents)
        for a in Account.objects.filter(
            kind=AccountKind.PROVIDER_OWED, balance_cents__lt=0
        ).only("code", "balance_cents")
    }
    if not codes:
        return {}
    found: dict[int, tuple[Provider, int]] = {}
    for provider in Provider.objects.filter(municipality=municipality).order_by(
        "name", "pk"
    ):
        cents = codes.get(provider_owed_code(provider), 0)
        if cents > 0:
            found[provider.pk] = (provider, cents)
    return found


def payouts_owed(*, municipality: Municipality, lock: bool = False) -> Owed:
    """What a batch prepared now would pay. With ``lock`` (inside a transaction), the
    payable accounts are locked in primary-key order before their balances are read.

    A provider's payable holds only money not yet in a bank file; what it owes back
    (a refund of money sent before) is taken off its line (netted) when the line is
    larger, otherwise it waits, shown in ``owed_back`` (docs/adr/0013)."""
    providers, initiatives = _payable_accounts(municipality)
    ids = sorted({*providers, *initiatives})
    accounts = Account.objects.filter(pk__in=ids).order_by("pk")
    if lock:
        accounts = accounts.select_for_update()
    balances = {a.pk: a for a in accounts}
    owing = providers_owing(municipality=municipality)
    owed = Owed()
    for account_id, provider in providers.items():
        account = balances[account_id]
        balance = int(account.balance_cents)
        if balance <= 0:
            continue
        # Only money still in the payable is held back: a dispute about money sent
        # to the bank already becomes an amount owed back when it is upheld.
        disputed = list(
            Redemption.objects.filter(
                provider=provider,
                disputes__status=DisputeStatus.OPEN,
                payout_committed=False,
            )
            .distinct()
            .select_related("voucher", "provider")
            .order_by("pk")
        )
        held = [HeldBack(r, r.refundable_cents) for r in disputed if r.refundable_cents]
        owed.held_back.extend(held)
        available = balance - sum(h.amount_cents for h in held)
        back = owing.get(provider.pk, (provider, 0))[1]
        if available <= 0:
            continue
        if back >= available:
            # Nothing left to pay after netting; the next batch tries again.
            owed.left_out.append(
                LeftOut(
                    provider.name,
                    available,
                    _("It owes more back than it is owed now."),
                )
            )
            continue
        amount = available - back
        if not iban_valid(provider.iban):
            owed.left_out.append(
                LeftOut(
                    provider.name,
                    amount,
                    _("No valid IBAN: fill it in on the provider's page first."),
                )
            )
            continue
        owed.connected.extend(
            Redemption.objects.filter(
                provider=provider,
                connected=True,
                refunded_cents__lt=F("amount_cents"),
            )
            .select_related("voucher__initiative", "provider")
            .order_by("pk")
        )
        owed.lines.append(
            OwedLine(
                account=account,
                payee_kind=PayeeKind.PROVIDER,
                name=provider.name[:70],
                iban=iban_normalise(provider.iban),
                amount_cents=amount,
                description=provider.name,
                provider=provider,
                held_back_cents=sum(h.amount_cents for h in held),
                netted_cents=back,
                redemptions=list(
                    Redemption.objects.filter(
                        provider=provider, refunded_cents__lt=F("amount_cents")
                    )
                    .exclude(pk__in=[h.redemption.pk for h in held])
                    .exclude(payout_lines__batch__status__in=_TAKEN)
                    .order_by("pk")
                ),
            )
        )
    netted = {
        line.provider.pk: line.netted_cents for line in owed.lines if line.provider
    }
    owed.owed_back = [
        OwedBack(provider, cents, netted.get(pk, 0))
        for pk, (provider, cents) in owing.items()
    ]
    for account_id, initiative in sorted(
        initiatives.items(), key=lambda item: (item[1].title, item[0])
    ):
        account = balances[account_id]
        balance = int(account.balance_cents)
        if balance <= 0:
            continue
        claim = (
            Claim.objects.filter(initiative=initiative, status=ClaimStatus.APPROVED)
            .order_by("-decided_at", "-pk")
            .first()
        )
        if claim is None or not iban_valid(claim.iban):
            owed.left_out.append(
                LeftOut(
                    initiative.title,
                    balance,
                    _("No approved claim with a valid IBAN."),
                )
            )
            continue
        owed.lines.append(
            OwedLine(
                account=account,
                payee_kind=PayeeKind.INITIATOR,
                name=(claim.payee_name or initiative.title)[:70],
                iban=iban_normalise(claim.iban),
                amount_cents=balance,
                description=claim.description,
                initiative=initiative,
                claims=list(
                    Claim.objects.filter(
                        initiative=initiative, status=ClaimStatus.APPROVED
                    )
                    .exclude(payout_lines__batch__status__in=_TAKEN)
                    .order_by("pk")
                ),
            )
        )
    return owed


def payout_batch_open(*, municipality: Municipality) -> PayoutBatch | None:
    return (
        PayoutBatch.objects.filter(
            municipality=municipality, status__in=list(OPEN_PAYOUT)
        )
        .select_related("prepared_by", "approved_by")
        .first()
    )


def payout_batches(*, municipality: Municipality) -> QuerySet[PayoutBatch]:
    return (
        PayoutBatch.objects.filter(municipality=municipality)
        .select_related("prepared_by", "approved_by", "paid_by", "cancelled_by")
        .order_by("-created_at", "-pk")
    )


def payout_batches_closed(*, municipality: Municipality) -> QuerySet[PayoutBatch]:
    """The municipality's batches that are paid or cancelled, newest first."""
    return payout_batches(municipality=municipality).exclude(
        status__in=list(OPEN_PAYOUT)
    )


def payout_lines_of(*, batch: PayoutBatch) -> list[PayoutLine]:
    """The lines of ``batch`` with their provider or plan, in order."""
    return list(batch.lines.select_related("provider", "initiative").order_by("pk"))


def payout_batch_for(
    *, batch_uuid: uuid.UUID, municipalities: QuerySet[Municipality]
) -> PayoutBatch | None:
    return (
        PayoutBatch.objects.filter(uuid=batch_uuid, municipality__in=municipalities)
        .select_related(
            "municipality", "prepared_by", "approved_by", "paid_by", "cancelled_by"
        )
        .first()
    )


def next_working_day(day: dt.date | None = None) -> dt.date:
    """The next Monday to Friday after ``day`` (today by default)."""
    current = (day or timezone.localdate()) + dt.timedelta(days=1)
    while current.weekday() >= 5:
        current += dt.timedelta(days=1)
    return current
