"""Reading for the provider portal's home page: what the provider was paid."""

from __future__ import annotations

from django.db.models import QuerySet

from wijkvoucher.payments.constants import PayoutStatus
from wijkvoucher.payments.models import PayoutLine
from wijkvoucher.providers.models import Provider


def provider_payouts_latest(*, provider: Provider) -> QuerySet[PayoutLine]:
    """The provider's lines of paid batches, the latest payment first."""
    return (
        PayoutLine.objects.filter(provider=provider, batch__status=PayoutStatus.PAID)
        .select_related("batch")
        .order_by("-batch__paid_at", "-pk")
    )
