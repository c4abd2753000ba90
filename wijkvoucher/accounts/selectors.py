"""Reads of the accounts app: second-factor devices and their codes."""

from __future__ import annotations

from base64 import b32encode
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from sesame.utils import get_user as sesame_get_user

from wijkvoucher.accounts.constants import LOGIN_SCOPE

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from wijkvoucher.accounts.models import User


def login_link_is_valid(*, token: str) -> bool:
    """Whether a sign-in token would work now, without spending it: opening the link
    (GET, also done by mail scanners) must not use it up."""
    if not token:
        return False
    return (
        sesame_get_user(token, scope=LOGIN_SCOPE, update_last_login=False) is not None
    )


def user_has_confirmed_totp(*, user: User | AnonymousUser) -> bool:
    """True when ``user`` has finished setting up an authenticator app."""
    if not user.is_authenticated:
        return False
    return bool(TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists())


def totp_device_confirmed(*, user: User) -> TOTPDevice | None:
    return (
        TOTPDevice.objects.filter(user_id=user.pk, confirmed=True)
        .order_by("pk")
        .first()
    )


def totp_device_unconfirmed(*, user: User) -> TOTPDevice | None:
    return (
        TOTPDevice.objects.filter(user_id=user.pk, confirmed=False)
        .order_by("pk")
        .first()
    )


def backup_device(*, user: User) -> StaticDevice | None:
    return (
        StaticDevice.objects.filter(user_id=user.pk, confirmed=True)
        .order_by("pk")
        .first()
    )


def backup_codes_remaining(*, user: User) -> int:
    device = backup_device(user=user)
    return device.token_set.count() if device is not None else 0


def totp_current_code(*, device: TOTPDevice) -> str:
    """The code the authenticator app shows right now (the demo mailbox shows it, so
    that visitors need no phone). Never use this outside the demo."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return str(totp.token()).zfill(device.digits)


def totp_secret_grouped(*, device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing it into an app by hand."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def user_names(*, ids: Iterable[int]) -> dict[int, str]:
    """Display names (never e-mail addresses) by user id, in one query."""
    from wijkvoucher.accounts.models import User

    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    users = User.objects.filter(pk__in=wanted).only("pk", "full_name", "uuid")
    return {user.pk: user.full_name or f"#{user.pk}" for user in users}
