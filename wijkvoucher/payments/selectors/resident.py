"""Reading a plan's claims and disputes as the initiator, the cash managers and the
claim services see them: what may still be claimed, the advances, who decides."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Sum
from django.utils import timezone

from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.selectors.roles import role_holders
from wijkvoucher.payments.constants import ClaimKind, ClaimStatus, DisputeStatus
from wijkvoucher.payments.models import Claim
from wijkvoucher.vouchers.constants import DISPUTE_DAYS
from wijkvoucher.vouchers.models import Redemption
from wijkvoucher.vouchers.selectors.resident import (
    claims_waiting_cents,
    vouchers_left_cents,
)

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


def claimable_cents(*, initiative: Initiative) -> int:
    """What a new claim may ask for at most."""
    return max(
        0,
        vouchers_left_cents(initiative=initiative)
        - claims_waiting_cents(initiative=initiative),
    )


def advances_requested_cents(*, initiative: Initiative) -> int:
    """Advances asked for and not rejected."""
    total = (
        Claim.objects.filter(initiative=initiative, kind=ClaimKind.ADVANCE)
        .exclude(status=ClaimStatus.REJECTED)
        .aggregate(total=Sum("amount_cents"))["total"]
    )
    return int(total or 0)


def advance_max_percent(initiative: Initiative) -> int:
    version = initiative.regulation_version
    return int(version.advance_max_percent) if version is not None else 50


def cash_managers(*, neighbourhood: Neighbourhood) -> list[User]:
    """The cash managers of the wijk or of its whole municipality, today."""
    return list(role_holders(neighbourhood=neighbourhood, roles=[Role.CASH_MANAGER]))


def redemption_may_be_disputed(
    redemption: Redemption, now: dt.datetime | None = None
) -> bool:
    """Less than DISPUTE_DAYS days old and no dispute open on it."""
    moment = now or timezone.now()
    if moment - redemption.created_at >= dt.timedelta(days=DISPUTE_DAYS):
        return False
    return not redemption.disputes.filter(status=DisputeStatus.OPEN).exists()
