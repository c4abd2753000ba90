"""Reading for the cash desk: what waits for the cash manager, the claim and dispute
lists, and what a claim's page shows next to it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from django.db.models import Case, Count, IntegerField, QuerySet, Sum, Value, When

from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.payments.constants import ClaimStatus, DisputeStatus
from wijkvoucher.payments.models import Claim, Dispute
from wijkvoucher.vouchers.models import Redemption, Voucher

_Row = TypeVar("_Row", Claim, Dispute)


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


def cash_waiting_per_wijk(
    *, neighbourhoods: Iterable[Neighbourhood]
) -> tuple[dict[int, int], dict[int, int]]:
    """({wijk id: claims waiting for a decision}, {wijk id: open disputes})."""
    claims = dict(
        Claim.objects.filter(
            status=ClaimStatus.SUBMITTED, initiative__neighbourhood__in=neighbourhoods
        )
        .values_list("initiative__neighbourhood_id")
        .annotate(n=Count("pk"))
        .values_list("initiative__neighbourhood_id", "n")
    )
    disputes = dict(
        Dispute.objects.filter(
            status=DisputeStatus.OPEN,
            redemption__voucher__neighbourhood__in=neighbourhoods,
        )
        .values_list("redemption__voucher__neighbourhood_id")
        .annotate(n=Count("pk"))
        .values_list("redemption__voucher__neighbourhood_id", "n")
    )
    return claims, disputes


def _waiting_first(qs: QuerySet[_Row], waiting: str) -> QuerySet[_Row]:
    return qs.annotate(
        waiting_order=Case(
            When(status=waiting, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("waiting_order", "-created_at", "-pk")


def cash_claims_list(*, neighbourhoods: QuerySet[Neighbourhood]) -> QuerySet[Claim]:
    """The claims of ``neighbourhoods``, those waiting for a decision first."""
    return _waiting_first(
        Claim.objects.filter(initiative__neighbourhood__in=neighbourhoods)
        .select_related("initiative__neighbourhood")
        .all(),
        ClaimStatus.SUBMITTED,
    )


def cash_disputes_list(*, neighbourhoods: QuerySet[Neighbourhood]) -> QuerySet[Dispute]:
    """The disputes of ``neighbourhoods``, the open ones first."""
    return _waiting_first(
        Dispute.objects.filter(
            redemption__voucher__neighbourhood__in=neighbourhoods
        ).select_related(
            "redemption__provider", "redemption__voucher__initiative__neighbourhood"
        ),
        DisputeStatus.OPEN,
    )


def spent_at_claimed_provider(*, claim: Claim) -> int | None:
    """What the plan's vouchers spent (net of refunds) at the provider the claim's
    budget line names; None when the line names none."""
    line = claim.budget_line
    if line is None or not line.provider_name.strip():
        return None
    rows = Redemption.objects.filter(
        voucher__initiative=claim.initiative,
        provider__name__iexact=line.provider_name.strip(),
    ).values_list("amount_cents", "refunded_cents")
    return sum(int(a) - int(r) for a, r in rows)


def vouchers_soonest_ending(*, initiative: Initiative) -> list[Voucher]:
    """The plan's vouchers, the one valid the shortest first."""
    return list(
        Voucher.objects.filter(initiative=initiative).order_by("valid_until", "pk")
    )


def other_claims_cents(*, claim: Claim) -> int | None:
    """What other approved or paid claims took from the claim's budget line (None
    without a line, or without such claims)."""
    line = claim.budget_line
    if line is None:
        return None
    total: int | None = (
        Claim.objects.filter(
            budget_line=line, status__in=[ClaimStatus.APPROVED, ClaimStatus.PAID]
        )
        .exclude(pk=claim.pk)
        .aggregate(total=Sum("amount_cents"))["total"]
    )
    return total
