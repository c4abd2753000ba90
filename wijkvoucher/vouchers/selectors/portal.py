"""Reading for the provider portal's voucher pages and the redemption service: the
provider's redemptions, and how a provider is connected to the people of a plan (a
warning, not a refusal)."""

from __future__ import annotations

import re

from django.db.models import QuerySet

from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.selectors.participation import initiators_of
from wijkvoucher.neighbourhoods.models import Address
from wijkvoucher.providers.models import Provider
from wijkvoucher.providers.selectors import provider_memberships_for
from wijkvoucher.vouchers.models import Redemption

_HOUSE_NUMBER = re.compile(r"(\d+)\s*([A-Za-z]?)\b")


def _house(street_address: str) -> tuple[int, str] | None:
    found = _HOUSE_NUMBER.search(street_address or "")
    if found is None:
        return None
    return int(found.group(1)), found.group(2).upper()


def provider_house(provider: Provider) -> tuple[int, str] | None:
    """The provider's house number and letter (upper case), when it has a street
    address with a number and a postcode: what ``provider_connections`` compares."""
    if not provider.postcode:
        return None
    return _house(provider.street_address)


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
    house = provider_house(provider)
    if house is not None:
        same = Address.objects.filter(
            user_id__in=[p.pk for p in people],
            postcode=provider.postcode,
            house_number=house[0],
        )
        if any(a.house_letter.upper() == house[1] for a in same):
            reasons.append("address")
    return reasons


def provider_redemptions_latest(*, provider: Provider) -> QuerySet[Redemption]:
    """The provider's redemptions, newest first, with their voucher."""
    return (
        Redemption.objects.filter(provider=provider)
        .select_related("voucher")
        .order_by("-created_at", "-pk")
    )
