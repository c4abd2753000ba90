"""Reading providers, who may act for them, their applications and API keys."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import (
    Q,
    QuerySet,
)
from django.utils import timezone

from wijkvoucher.neighbourhoods.models import Municipality, Neighbourhood
from wijkvoucher.neighbourhoods.selectors.addresses import addresses_current
from wijkvoucher.providers.constants import ProviderReviewStatus
from wijkvoucher.providers.models import Provider, ProviderApiToken, ProviderMembership

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


def provider_api_tokens(*, provider: Provider) -> QuerySet[ProviderApiToken]:
    """The provider's API keys, newest first (revoked ones too)."""
    return ProviderApiToken.objects.filter(provider=provider).order_by(
        "-created_at", "-pk"
    )


def registration_municipality(*, user: User) -> Municipality | None:
    """Where ``user`` registers a provider: the municipality of their current address
    in a wijk, else the only municipality there is, else None."""
    address = (
        addresses_current(user=user)
        .filter(neighbourhood__isnull=False)
        .select_related("neighbourhood__municipality")
        .first()
    )
    if address is not None and address.neighbourhood is not None:
        return address.neighbourhood.municipality
    municipalities = list(Municipality.objects.all()[:2])
    return municipalities[0] if len(municipalities) == 1 else None


def municipality_neighbourhoods(*, municipality_id: int) -> QuerySet[Neighbourhood]:
    """The wijken of a municipality, by name (the choices of a registration)."""
    return Neighbourhood.objects.filter(municipality_id=municipality_id).order_by(
        "name"
    )


@dataclass(frozen=True)
class ProviderReview:
    """The coordinator's review list: applications waiting, returned and rejected,
    and the providers approved."""

    waiting: QuerySet[Provider]
    returned: QuerySet[Provider]
    rejected: QuerySet[Provider]
    approved: QuerySet[Provider]


def providers_for_review(*, municipalities: QuerySet[Municipality]) -> ProviderReview:
    providers = (
        Provider.objects.filter(municipality__in=municipalities)
        .select_related("municipality")
        .prefetch_related("neighbourhoods")
    )
    undecided = providers.filter(approved_at__isnull=True)
    return ProviderReview(
        waiting=providers_waiting_review(municipalities=municipalities)
        .select_related("municipality")
        .prefetch_related("neighbourhoods"),
        returned=undecided.filter(review_status=ProviderReviewStatus.RETURNED).order_by(
            "name", "pk"
        ),
        rejected=undecided.filter(review_status=ProviderReviewStatus.REJECTED).order_by(
            "name", "pk"
        ),
        approved=providers.filter(approved_at__isnull=False).order_by("name"),
    )


def api_token_labels(*, ids: Iterable[int]) -> dict[int, str]:
    """ "<provider>: <key name> (<prefix>…)" by token id, revoked ones too, in one
    query (the coordinator's security events page)."""
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    tokens = ProviderApiToken.objects.filter(pk__in=wanted).select_related("provider")
    return {
        token.pk: f"{token.provider.name}: {token.name} ({token.prefix}…)"
        for token in tokens
    }
