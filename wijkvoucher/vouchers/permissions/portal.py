"""Fetch-and-check helper of the provider portal's voucher pages (docs/architecture.md#inside-an-app:
raise PermissionDenied or Http404)."""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest

from wijkvoucher.providers.permissions import _providers_of
from wijkvoucher.vouchers.models import Redemption


def access_redemption_for_provider(
    request: HttpRequest, redemption_uuid: uuid.UUID
) -> Redemption:
    """A redemption received by one of the person's providers; any other is 404."""
    providers = _providers_of(request)
    redemption = (
        Redemption.objects.select_related(
            "voucher__initiative", "provider", "created_by"
        )
        .filter(uuid=redemption_uuid, provider__in=providers)
        .first()
    )
    if redemption is None:
        raise Http404
    return redemption
