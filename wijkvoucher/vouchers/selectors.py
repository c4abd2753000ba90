"""Reading providers and who may act for them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.utils import timezone

from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.vouchers.models import Provider, ProviderMembership

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
