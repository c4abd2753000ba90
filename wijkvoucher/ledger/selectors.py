from __future__ import annotations

from django.db.models import Sum

from wijkvoucher.ledger.models import Account, Entry


def account_balance_cents(*, account: Account) -> int:
    """The cached balance, read fresh from the database."""
    return int(
        Account.objects.values_list("balance_cents", flat=True).get(pk=account.pk)
    )


def account_balance_from_entries_cents(*, account: Account) -> int:
    total = Entry.objects.filter(account=account).aggregate(total=Sum("amount_cents"))[
        "total"
    ]
    return int(total or 0)
