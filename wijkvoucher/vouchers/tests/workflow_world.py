"""Rows for the transition-table tests of the vouchers app's machines: a wijk with
money, a plan with a voucher, and the people who act on it."""

from __future__ import annotations

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="assignment,arg-type,misc,return-value"
from wijkvoucher.accounts.models import User
from wijkvoucher.decisions.tests.helpers import contact_of, funded
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.helpers import official
from wijkvoucher.vouchers.models import Voucher
from wijkvoucher.vouchers.tests.helpers import EUR, plan_with_vouchers


def wijk_with_money() -> Neighbourhood:
    wijk = neighbourhood_ready()
    funded(wijk)
    return wijk


def plan_and_voucher(wijk: Neighbourhood) -> tuple[Initiative, Voucher, User]:
    """A plan in execution with one voucher of € 450, and its contact official."""
    initiative, vouchers = plan_with_vouchers(wijk, 450 * EUR)
    return initiative, vouchers[0], contact_of(initiative)


def cash_manager(wijk: Neighbourhood, name: str = "Kasbeheerder") -> User:
    return official(
        municipality=wijk.municipality, role=Role.CASH_MANAGER, full_name=name
    )
