"""Who may open "My work" (docs/architecture.md#inside-an-app)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.permissions import require_second_factor
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.permissions import signed_in_user
from wijkvoucher.neighbourhoods.selectors.roles import (
    municipalities_where_user_has_role,
)
from wijkvoucher.work.selectors import has_work


def access_work(request: HttpRequest) -> User | None:
    """The signed-in person when they hold a role or act for a provider, after the
    second factor; None for someone without work (the page sends them to their
    profile: a resident who follows an old link is not scolded)."""
    user = signed_in_user(request)
    if not has_work(user=user):
        return None
    require_second_factor(request)
    return user


def access_security_events(request: HttpRequest) -> User:
    """The coordinator, after the second factor; anyone else 403."""
    user = signed_in_user(request)
    if not municipalities_where_user_has_role(
        user=user, roles=[Role.COORDINATOR]
    ).exists():
        raise PermissionDenied
    require_second_factor(request)
    return user
