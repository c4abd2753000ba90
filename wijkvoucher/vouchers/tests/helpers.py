"""Setup for voucher tests: an awarded plan with reserved money, issued vouchers, an
approved provider with a user, all made through the services."""

from __future__ import annotations

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="assignment,arg-type,misc,return-value"
import datetime as dt
from typing import Any

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.decisions.constants import DecisionOutcome
from wijkvoucher.decisions.services import decision_issue
from wijkvoucher.decisions.tests.helpers import advised_plan, contact_of, funded
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.ledger.models import Account
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.helpers import official
from wijkvoucher.providers.models import Provider
from wijkvoucher.providers.services.memberships import provider_membership_add
from wijkvoucher.providers.services.providers import provider_create
from wijkvoucher.providers.services.review import provider_approve
from wijkvoucher.vouchers.models import Voucher
from wijkvoucher.vouchers.services.issuance import vouchers_issue

EUR = 100


def awarded_plan(wijk: Neighbourhood, amount_cents: int = 450 * EUR) -> Initiative:
    """A plan in ``wijk`` awarded ``amount_cents`` by a beschikking (money reserved).
    The wijk needs a funded budget period (``funded(wijk)``)."""
    initiative = advised_plan(wijk, requested_cents=amount_cents)
    decision_issue(
        actor=contact_of(initiative),
        initiative=initiative,
        outcome=DecisionOutcome.AWARD,
        amount_cents=amount_cents,
    )
    initiative.refresh_from_db()
    return initiative


def plan_with_vouchers(
    wijk: Neighbourhood,
    amount_cents: int = 450 * EUR,
    amounts_cents: list[int] | None = None,
) -> tuple[Initiative, list[Voucher]]:
    """An awarded plan whose reservation became vouchers (plan in execution)."""
    initiative = awarded_plan(wijk, amount_cents)
    vouchers = vouchers_issue(
        actor=contact_of(initiative),
        initiative=initiative,
        amounts_cents=amounts_cents,
    )
    initiative.refresh_from_db()
    return initiative, vouchers


def approved_provider(
    wijk: Neighbourhood, name: str = "Bouwmarkt De Dijk", **fields: Any
) -> tuple[Provider, User]:
    """An approved provider serving ``wijk`` and a user who acts for it."""
    coordinator = official(
        municipality=wijk.municipality, role=Role.COORDINATOR, full_name="Coördinator"
    )
    provider = provider_create(
        actor=coordinator,
        municipality=wijk.municipality,
        name=name,
        kvk_number=fields.pop("kvk_number", "12345678"),
        iban=fields.pop("iban", "NL91ABNA0417164300"),
        neighbourhoods=[wijk],
        **fields,
    )
    provider_approve(actor=coordinator, provider=provider)
    user = UserFactory.create(full_name=f"Kassa {name}")
    provider_membership_add(
        actor=coordinator,
        provider=provider,
        user=user,
        valid_from=dt.date(2026, 1, 1),
    )
    provider.refresh_from_db()
    return provider, user


def balance(voucher: Voucher) -> int:
    return int(
        Account.objects.values_list("balance_cents", flat=True).get(
            pk=voucher.account_id
        )
    )


__all__ = ["EUR", "awarded_plan", "funded", "plan_with_vouchers"]
