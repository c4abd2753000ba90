"""Reading what waits for the official who issues vouchers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.neighbourhoods.models import Neighbourhood

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


def plans_awaiting_vouchers(
    *, neighbourhoods: Iterable[Neighbourhood], user: User
) -> QuerySet[Initiative]:
    """Awarded plans in ``neighbourhoods`` whose vouchers have not been issued yet
    (issuing starts their execution); never ``user``'s own plans."""
    return (
        Initiative.objects.filter(
            neighbourhood__in=neighbourhoods,
            status__in=[InitiativeStatus.AWARDED, InitiativeStatus.PARTLY_AWARDED],
        )
        .exclude(initiator=user)
        .select_related("neighbourhood")
        .order_by("updated_at", "pk")
    )
