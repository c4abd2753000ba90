"""Authentication-level checks that every ``access_*`` helper builds on."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest


class SecondFactorRequired(PermissionDenied):
    """The page needs a verified second factor (TOTP). The accounts middleware turns
    this into a redirect to set up or enter the code, and back to the page after."""


class SignInRequired(PermissionDenied):
    """The page needs a signed-in user. The accounts middleware redirects to sign-in."""


def require_signed_in(request: HttpRequest) -> None:
    if not request.user.is_authenticated:
        raise SignInRequired


def require_second_factor(request: HttpRequest) -> None:
    """Officials, regiegroep members, cash managers, providers, coordinators and the
    council must pass TOTP (ASVS 6.3.2, BIO2 5.17.01)."""
    require_signed_in(request)
    is_verified = getattr(request.user, "is_verified", None)
    if is_verified is None or not is_verified():
        raise SecondFactorRequired
