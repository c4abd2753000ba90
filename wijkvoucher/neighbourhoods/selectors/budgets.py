"""Reading budget periods and what is left of their ceiling (subsidieplafond)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from wijkvoucher.ledger.models import Account
from wijkvoucher.ledger.selectors import account_balance_cents
from wijkvoucher.neighbourhoods.models import BudgetPeriod, Neighbourhood


@dataclass(frozen=True)
class BudgetSummary:
    ceiling_cents: int
    # Everything no longer available: for now the ceiling minus the ledger balance;
    # later split into reserved, issued and spent.
    awarded_cents: int
    available_cents: int
    published: bool
    publication_date: dt.date


def budget_periods(*, neighbourhood: Neighbourhood) -> QuerySet[BudgetPeriod]:
    """All periods of a wijk, newest first."""
    return BudgetPeriod.objects.filter(neighbourhood=neighbourhood).select_related(
        "account"
    )


def budget_period_current(
    *, neighbourhood: Neighbourhood, on: dt.date
) -> BudgetPeriod | None:
    """The period of the wijk that includes ``on``, published or not; check
    ``budget_summary(...).published`` before showing or spending from it."""
    return (
        budget_periods(neighbourhood=neighbourhood)
        .filter(starts_on__lte=on, ends_on__gte=on)
        .order_by("-starts_on")
        .first()
    )


def _summary(budget_period: BudgetPeriod, available: int) -> BudgetSummary:
    published = budget_period.published_at is not None
    return BudgetSummary(
        ceiling_cents=budget_period.ceiling_cents,
        awarded_cents=budget_period.ceiling_cents - available if published else 0,
        available_cents=available if published else 0,
        published=published,
        publication_date=budget_period.publication_date,
    )


def budget_summary(*, budget_period: BudgetPeriod) -> BudgetSummary:
    """The ceiling and what is left of it, read fresh from the ledger."""
    available = 0
    if budget_period.published_at is not None and budget_period.account is not None:
        available = account_balance_cents(account=budget_period.account)
    return _summary(budget_period, available)


def budget_summaries(
    *, budget_periods: Iterable[BudgetPeriod]
) -> dict[int, BudgetSummary]:
    """``budget_summary`` for many periods, by period pk: the balances are read fresh
    from the ledger in one query however many periods there are (none if no period is
    published)."""
    periods = list(budget_periods)
    account_ids = {
        p.account_id
        for p in periods
        if p.published_at is not None and p.account_id is not None
    }
    balances: dict[int, int] = {}
    if account_ids:
        balances = dict(
            Account.objects.filter(pk__in=account_ids).values_list(
                "pk", "balance_cents"
            )
        )
    return {
        p.pk: _summary(p, balances.get(p.account_id, 0) if p.account_id else 0)
        for p in periods
    }
