"""Reading for the provider JSON API: a provider's own redemptions."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet

from wijkvoucher.providers.models import Provider
from wijkvoucher.vouchers.models import Redemption


def provider_redemption(
    *, provider: Provider, redemption_uuid: uuid.UUID
) -> Redemption | None:
    """One of the provider's own redemptions, with its voucher and refunds."""
    return (
        Redemption.objects.select_related("voucher")
        .prefetch_related("refunds")
        .filter(uuid=redemption_uuid, provider=provider)
        .first()
    )


def provider_redemptions_api(*, provider: Provider) -> QuerySet[Redemption]:
    """The provider's redemptions for the API's pages, newest first."""
    return (
        Redemption.objects.filter(provider=provider)
        .select_related("voucher")
        .prefetch_related("refunds")
        .order_by("-created_at", "-pk")
    )
