"""The ledger accounts of the money after the award (docs/adr/0009): one per voucher,
one payable and one "owed" account per provider, one payable per initiative
(reimbursements and advances), one committed and one payout clearing account per
municipality and one 'returned' account per wijk for money that
goes back to the council when its budget period has ended without carry-over."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction

from wijkvoucher.ledger.constants import AccountKind
from wijkvoucher.ledger.models import Account
from wijkvoucher.ledger.services import ledger_account_open

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User
    from wijkvoucher.initiatives.models import Initiative
    from wijkvoucher.neighbourhoods.models import Municipality, Neighbourhood
    from wijkvoucher.providers.models import Provider


def account_get_or_open(
    *,
    actor: User | None,
    code: str,
    kind: AccountKind,
    name: str,
    allow_negative: bool = False,
) -> Account:
    """The account with ``code``, opened on first use. Two requests opening the same
    account at once: one wins the unique code, the other reads it."""
    account = Account.objects.filter(code=code).first()
    if account is not None:
        return account
    try:
        with transaction.atomic():
            return ledger_account_open(
                actor=actor,
                code=code,
                kind=kind,
                name=name[:200],
                allow_negative=allow_negative,
            )
    except IntegrityError:
        return Account.objects.get(code=code)


def provider_payable_account(*, actor: User | None, provider: Provider) -> Account:
    if provider.payable_account_id is not None:
        return provider.payable_account  # type: ignore[return-value]
    account = account_get_or_open(
        actor=actor,
        code=f"provider:{provider.uuid}:payable",
        kind=AccountKind.PROVIDER_PAYABLE,
        name=f"{provider.name} (te betalen)",
    )
    type(provider).objects.filter(pk=provider.pk, payable_account__isnull=True).update(
        payable_account=account
    )
    provider.payable_account = account
    return account


def provider_owed_account(*, actor: User | None, provider: Provider) -> Account:
    """What ``provider`` owes back: refunds of money already sent to its bank. A
    source of money like the funding account: its balance is minus what it owes, and
    the next payout to the provider nets it (docs/adr/0013-committed-payouts.md)."""
    return account_get_or_open(
        actor=actor,
        code=f"provider:{provider.uuid}:owed",
        kind=AccountKind.PROVIDER_OWED,
        name=f"{provider.name} (terug te betalen)",
        allow_negative=True,
    )


def payout_committed_account(
    *, actor: User | None, municipality: Municipality
) -> Account:
    """The lines of approved payout batches: in the bank file, not yet marked paid."""
    return account_get_or_open(
        actor=actor,
        code=f"payout:committed:{municipality.slug}",
        kind=AccountKind.PAYOUT_COMMITTED,
        name=f"{municipality.name}: naar de bank",
    )


def initiator_payable_account(*, actor: User | None, initiative: Initiative) -> Account:
    return account_get_or_open(
        actor=actor,
        code=f"initiator:{initiative.uuid}:payable",
        kind=AccountKind.INITIATOR_PAYABLE,
        name=f"{initiative.title} (te betalen aan initiatiefnemer)",
    )


def payout_clearing_account(
    *, actor: User | None, municipality: Municipality
) -> Account:
    return account_get_or_open(
        actor=actor,
        code=f"payout:clearing:{municipality.slug}",
        kind=AccountKind.PAYOUT_CLEARING,
        name=f"{municipality.name}: uitbetaald",
    )


def returned_account(*, actor: User | None, neighbourhood: Neighbourhood) -> Account:
    return account_get_or_open(
        actor=actor,
        code=f"returned:{neighbourhood.slug}",
        kind=AccountKind.RETURNED,
        name=f"{neighbourhood.name}: teruggegaan naar de gemeente",
    )
