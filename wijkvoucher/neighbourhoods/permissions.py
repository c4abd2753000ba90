"""Fetch-and-check helpers for the residents' and officials' address pages
(docs/architecture.md#inside-an-app: one function per use case, raising PermissionDenied or Http404)."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.permissions import (
    SignInRequired,
    require_second_factor,
    require_signed_in,
)
from wijkvoucher.neighbourhoods.models import Address, Neighbourhood
from wijkvoucher.neighbourhoods.roles import OFFICIAL_ROLES
from wijkvoucher.neighbourhoods.selectors.addresses import addresses_current
from wijkvoucher.neighbourhoods.selectors.roles import (
    neighbourhoods_where_user_has_role,
)


def signed_in_user(request: HttpRequest) -> User:
    require_signed_in(request)
    user = request.user
    if not isinstance(user, User):
        raise SignInRequired
    return user


def access_own_address(request: HttpRequest, address_id: int) -> Address:
    """One of the signed-in person's own addresses; anyone else's answers 404."""
    user = signed_in_user(request)
    return get_object_or_404(
        Address.objects.select_related("neighbourhood"), pk=address_id, user=user
    )


def require_official(request: HttpRequest) -> QuerySet[Neighbourhood]:
    """The wijken where the signed-in person works as contact official or coordinator.
    Someone without that role gets 403; an official who has not passed the second
    factor is sent to it."""
    user = signed_in_user(request)
    neighbourhoods = neighbourhoods_where_user_has_role(user=user, roles=OFFICIAL_ROLES)
    if not neighbourhoods.exists():
        raise PermissionDenied
    require_second_factor(request)
    return neighbourhoods.order_by("name", "pk")


def access_address_for_official(request: HttpRequest, address_id: int) -> Address:
    """An address in one of the official's wijken; any other answers 404."""
    neighbourhoods = require_official(request)
    return get_object_or_404(
        Address.objects.select_related("neighbourhood", "user"),
        pk=address_id,
        neighbourhood__in=neighbourhoods,
    )


def access_resident_for_official(request: HttpRequest, user_uuid: uuid.UUID) -> User:
    """A resident who lives in one of the official's wijken; anyone else answers 404."""
    neighbourhoods = require_official(request)
    resident = get_object_or_404(User, uuid=user_uuid)
    if (
        not addresses_current(user=resident)
        .filter(neighbourhood__in=neighbourhoods)
        .exists()
    ):
        raise Http404
    return resident
