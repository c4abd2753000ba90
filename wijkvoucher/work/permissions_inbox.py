"""Fetch-and-check helpers for the inbox (docs/architecture.md#inside-an-app). The inbox shows
notifications' messages under a rule about roles (neighbourhoods), so its pages are
composed here, in work, above both."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.permissions import (
    SignInRequired,
    require_second_factor,
    require_signed_in,
)
from wijkvoucher.notifications.models import Notification
from wijkvoucher.work.navigation import nav_facts


def access_inbox(request: HttpRequest) -> User:
    """The signed-in person, whose own messages the inbox shows. Someone who holds a
    role (official, regiegroep, cash manager, council) must have passed the second
    factor: their messages are about other people's plans."""
    require_signed_in(request)
    user = request.user
    if not isinstance(user, User):
        raise SignInRequired
    if nav_facts(user).has_role:
        require_second_factor(request)
    return user


def access_own_notification(request: HttpRequest, pk: int) -> Notification:
    """One of the signed-in person's own messages; anyone else's answers 404."""
    user = access_inbox(request)
    return get_object_or_404(Notification, pk=pk, recipient=user)
