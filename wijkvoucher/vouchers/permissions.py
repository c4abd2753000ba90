"""Who may act as a provider user."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wijkvoucher.vouchers.selectors import provider_memberships_active

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from wijkvoucher.accounts.models import User


def user_is_provider_user(*, user: User | AnonymousUser) -> bool:
    """True when ``user`` may act today for at least one approved provider."""
    return provider_memberships_active(user=user).exists()
