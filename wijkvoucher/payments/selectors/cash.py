"""Reading what waits for the cash manager."""

from __future__ import annotations

from django.db.models import QuerySet

from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.payments.constants import ClaimStatus, DisputeStatus
from wijkvoucher.payments.models import Claim, Dispute


def cash_waiting_counts(*, neighbourhoods: QuerySet[Neighbourhood]) -> tuple[int, int]:
    """(claims waiting for a decision, open disputes) in ``neighbourhoods``."""
    claims = Claim.objects.filter(
        status=ClaimStatus.SUBMITTED, initiative__neighbourhood__in=neighbourhoods
    ).count()
    disputes = Dispute.objects.filter(
        status=DisputeStatus.OPEN,
        redemption__voucher__neighbourhood__in=neighbourhoods,
    ).count()
    return claims, disputes
