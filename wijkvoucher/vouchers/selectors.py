"""Reading providers and who may act for them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.utils import timezone

from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.selectors_participation import initiators_of
from wijkvoucher.neighbourhoods.models import Address, Municipality, Neighbourhood
from wijkvoucher.vouchers.constants import (
    ClaimStatus,
    DisputeStatus,
    ProviderReviewStatus,
)
from wijkvoucher.vouchers.models import Claim, Dispute, Provider, ProviderMembership

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from wijkvoucher.accounts.models import User


def providers_approved(*, neighbourhood: Neighbourhood) -> QuerySet[Provider]:
    """Approved providers where vouchers of this wijk can be spent: those that serve
    the wijk, and those of its municipality that list no wijken (they serve all)."""
    return (
        Provider.objects.filter(
            municipality_id=neighbourhood.municipality_id, approved_at__isnull=False
        )
        .filter(Q(neighbourhoods=neighbourhood) | Q(neighbourhoods__isnull=True))
        .distinct()
        .order_by("name")
    )


def provider_memberships_active(
    *, user: User | AnonymousUser, on: dt.date | None = None
) -> QuerySet[ProviderMembership]:
    """The approved providers ``user`` may act for on ``on`` (today by default)."""
    if not user.is_authenticated or not user.is_active:
        return ProviderMembership.objects.none()
    day = on or timezone.localdate()
    return (
        ProviderMembership.objects.filter(
            user_id=user.pk,
            valid_from__lte=day,
            provider__approved_at__isnull=False,
        )
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
        .select_related("provider")
        .order_by("provider__name")
    )


_HOUSE_NUMBER = re.compile(r"(\d+)\s*([A-Za-z]?)\b")


def _house(street_address: str) -> tuple[int, str] | None:
    found = _HOUSE_NUMBER.search(street_address or "")
    if found is None:
        return None
    return int(found.group(1)), found.group(2).upper()


def provider_connections(*, provider: Provider, initiative: Initiative) -> list[str]:
    """Why ``provider`` is connected to the people of ``initiative`` (empty: it is
    not): one of its users is the initiator or a co-initiator, or it is at the
    address of one of them. Domain.md 8.1: 'niet verbonden aan initiatiefnemer'."""
    people = initiators_of(initiative)
    reasons: list[str] = []
    member_ids = set(
        provider_memberships_for(provider=provider).values_list("user_id", flat=True)
    )
    if member_ids & {p.pk for p in people}:
        reasons.append("member")
    house = _house(provider.street_address)
    if house is not None and provider.postcode:
        same = Address.objects.filter(
            user_id__in=[p.pk for p in people],
            postcode=provider.postcode,
            house_number=house[0],
        )
        if any(a.house_letter.upper() == house[1] for a in same):
            reasons.append("address")
    return reasons


def provider_memberships_for(
    *, provider: Provider, on: dt.date | None = None
) -> QuerySet[ProviderMembership]:
    day = on or timezone.localdate()
    return ProviderMembership.objects.filter(
        provider=provider, valid_from__lte=day
    ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))


def provider_users(*, provider: Provider) -> list[User]:
    """The people who act for ``provider`` today (who hear about its payments)."""
    return [
        m.user
        for m in provider_memberships_for(provider=provider)
        .filter(user__is_active=True)
        .select_related("user")
        .order_by("pk")
    ]


def provider_may_serve(*, provider: Provider, neighbourhood: Neighbourhood) -> bool:
    """Approved, of the wijk's municipality, and serving the wijk (or every wijk)."""
    return (
        providers_approved(neighbourhood=neighbourhood).filter(pk=provider.pk).exists()
    )


def providers_waiting_review(
    *, municipalities: QuerySet[Municipality]
) -> QuerySet[Provider]:
    """Applications of ``municipalities`` the coordinator has to look at: sent (or
    sent again) and not yet decided, oldest first."""
    return Provider.objects.filter(
        municipality__in=municipalities,
        approved_at__isnull=True,
        review_status=ProviderReviewStatus.SUBMITTED,
    ).order_by("created_at", "pk")


def provider_applications_of(*, user: User) -> QuerySet[Provider]:
    """The applications ``user`` sent that are not approved (yet)."""
    return Provider.objects.filter(
        registered_by=user, approved_at__isnull=True
    ).order_by("name", "pk")


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
