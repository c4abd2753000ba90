"""Residents' addresses and the wijk a postcode belongs to."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.utils import timezone

from wijkvoucher.neighbourhoods.models import Address, Neighbourhood, PostcodeRange

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


def _day(on: dt.date | None) -> dt.date:
    return on or timezone.localdate()


def _designated_on(day: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}designated_from__lte": day}) & (
        Q(**{f"{prefix}designated_until__isnull": True})
        | Q(**{f"{prefix}designated_until__gt": day})
    )


def _current_on(day: dt.date) -> Q:
    """An address counts until the day its resident moved out (``valid_until``)."""
    return Q(valid_until__isnull=True) | Q(valid_until__gt=day)


def neighbourhood_for_postcode(
    *, postcode: str, on: dt.date | None = None
) -> Neighbourhood | None:
    """The wijk designated on ``on`` (today by default) whose postcode ranges hold
    ``postcode`` (normalised, e.g. '1234AB'), or None when no such wijk takes part."""
    day = _day(on)
    found = (
        PostcodeRange.objects.filter(start__lte=postcode, end__gte=postcode)
        .filter(_designated_on(day, prefix="neighbourhood__"))
        .select_related("neighbourhood")
        # The most specific range wins if ranges ever overlap.
        .order_by("-start", "end", "pk")
        .first()
    )
    return found.neighbourhood if found is not None else None


def addresses_current(*, user: User, on: dt.date | None = None) -> QuerySet[Address]:
    """The addresses where ``user`` lives on ``on`` (today by default)."""
    return (
        Address.objects.filter(user=user)
        .filter(_current_on(_day(on)))
        .select_related("neighbourhood", "residency_confirmed_by")
        .order_by("created_at", "pk")
    )


def resident_neighbourhoods(
    *, user: User, on: dt.date | None = None, confirmed_only: bool = False
) -> list[Neighbourhood]:
    """The designated wijken ``user`` lives in on ``on``. With ``confirmed_only``, only
    addresses whose residency an official has confirmed count."""
    day = _day(on)
    addresses = addresses_current(user=user, on=day).filter(neighbourhood__isnull=False)
    if confirmed_only:
        addresses = addresses.filter(residency_confirmed_at__isnull=False)
    return list(
        Neighbourhood.objects.filter(
            pk__in=addresses.values("neighbourhood_id")
        ).filter(_designated_on(day))
    )


def resident_neighbourhood_ids(
    *, user_ids: Iterable[int], on: dt.date | None = None
) -> dict[int, set[int]]:
    """The ids of ``resident_neighbourhoods`` of many people in one query, by user
    id."""
    day = _day(on)
    ids = list(user_ids)
    found: dict[int, set[int]] = {pk: set() for pk in ids}
    rows = (
        Address.objects.filter(user_id__in=ids, neighbourhood__isnull=False)
        .filter(_current_on(day))
        .filter(_designated_on(day, prefix="neighbourhood__"))
        .order_by()
        .values_list("user_id", "neighbourhood_id")
    )
    for user_id, neighbourhood_id in rows:
        found[user_id].add(neighbourhood_id)
    return found


def addresses_awaiting_confirmation(
    *, neighbourhoods: Iterable[Neighbourhood] | QuerySet[Neighbourhood]
) -> QuerySet[Address]:
    """Current addresses in ``neighbourhoods`` that no official has confirmed yet,
    oldest first."""
    return (
        Address.objects.filter(
            neighbourhood__in=neighbourhoods, residency_confirmed_at__isnull=True
        )
        .filter(_current_on(_day(None)))
        .select_related("user", "neighbourhood")
        .order_by("created_at", "pk")
    )


def addresses_search(
    *,
    neighbourhoods: Iterable[Neighbourhood] | QuerySet[Neighbourhood],
    postcode: str,
    house_number: int | None = None,
) -> QuerySet[Address]:
    """Current addresses in ``neighbourhoods`` at ``postcode`` (normalised) and, when
    given, ``house_number``."""
    qs = Address.objects.filter(neighbourhood__in=neighbourhoods, postcode=postcode)
    if house_number is not None:
        qs = qs.filter(house_number=house_number)
    return (
        qs.filter(_current_on(_day(None)))
        .select_related("user", "neighbourhood", "residency_confirmed_by")
        .order_by("house_number", "house_letter", "house_number_addition", "pk")
    )
