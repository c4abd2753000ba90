"""Who may open "My work" (docs/architecture.md#inside-an-app)."""

from __future__ import annotations

from django.http import HttpRequest

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.permissions import require_second_factor
from wijkvoucher.neighbourhoods.permissions import signed_in_user
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
