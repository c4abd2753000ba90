"""Who may act as a provider user, and the fetch-and-check helpers of the provider
portal and the coordinator's provider review (docs/architecture.md#inside-an-app: one function per use
case, raising PermissionDenied or Http404)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from wijkvoucher.accounts.permissions import require_second_factor
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Municipality
from wijkvoucher.neighbourhoods.permissions import signed_in_user
from wijkvoucher.neighbourhoods.selectors.roles import (
    municipalities_where_user_has_role,
)
from wijkvoucher.vouchers.models import (
    Provider,
    ProviderApiToken,
    ProviderMembership,
    Redemption,
)
from wijkvoucher.vouchers.selectors import provider_memberships_active

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from wijkvoucher.accounts.models import User

# The session remembers which provider someone with several memberships works for.
PROVIDER_SESSION_KEY = "vouchers_provider_uuid"


def user_is_provider_user(*, user: User | AnonymousUser) -> bool:
    """True when ``user`` may act today for at least one approved provider."""
    return provider_memberships_active(user=user).exists()


def provider_memberships(request: HttpRequest) -> list[ProviderMembership]:
    """The signed-in person's active memberships (no second-factor check: the
    provider home page explains registration to people without one)."""
    user = signed_in_user(request)
    return list(provider_memberships_active(user=user))


def _chosen(
    request: HttpRequest, memberships: list[ProviderMembership]
) -> ProviderMembership:
    wanted = request.session.get(PROVIDER_SESSION_KEY)
    for membership in memberships:
        if str(membership.provider.uuid) == wanted:
            return membership
    return memberships[0]


def choose_provider(request: HttpRequest, provider_uuid: str) -> bool:
    """Remember ``provider_uuid`` for this session when the person acts for it."""
    for membership in provider_memberships(request):
        if str(membership.provider.uuid) == provider_uuid:
            request.session[PROVIDER_SESSION_KEY] = provider_uuid
            return True
    return False


def access_provider(request: HttpRequest) -> Provider:
    """The provider the signed-in person works for now: an active membership of an
    approved provider (403 without one) and the second factor."""
    memberships = provider_memberships(request)
    if not memberships:
        raise PermissionDenied
    require_second_factor(request)
    return _chosen(request, memberships).provider


def _providers_of(request: HttpRequest) -> list[Provider]:
    memberships = provider_memberships(request)
    if not memberships:
        raise PermissionDenied
    require_second_factor(request)
    return [m.provider for m in memberships]


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


def access_token_for_provider(request: HttpRequest, token_id: int) -> ProviderApiToken:
    """An API key of one of the person's providers; any other is 404."""
    providers = _providers_of(request)
    token = (
        ProviderApiToken.objects.select_related("provider")
        .filter(pk=token_id, provider__in=providers)
        .first()
    )
    if token is None:
        raise Http404
    return token


def require_provider_reviewer(request: HttpRequest) -> QuerySet[Municipality]:
    """The municipalities where the person is coordinator (403 otherwise), after
    the second factor."""
    user = signed_in_user(request)
    municipalities = municipalities_where_user_has_role(
        user=user, roles=[Role.COORDINATOR]
    )
    if not municipalities.exists():
        raise PermissionDenied
    require_second_factor(request)
    return municipalities


def access_provider_for_review(
    request: HttpRequest, provider_uuid: uuid.UUID
) -> Provider:
    """A provider of one of the coordinator's municipalities; any other is 404."""
    municipalities = require_provider_reviewer(request)
    provider = (
        Provider.objects.select_related("municipality", "registered_by", "approved_by")
        .filter(uuid=provider_uuid, municipality__in=municipalities)
        .first()
    )
    if provider is None:
        raise Http404
    return provider


def access_own_application(request: HttpRequest, provider_uuid: uuid.UUID) -> Provider:
    """An application the signed-in person sent themselves; anyone else's is 404 (no
    second factor: the applicant is not a provider user yet)."""
    user = signed_in_user(request)
    provider = (
        Provider.objects.select_related("municipality")
        .filter(uuid=provider_uuid, registered_by=user)
        .first()
    )
    if provider is None:
        raise Http404
    return provider
