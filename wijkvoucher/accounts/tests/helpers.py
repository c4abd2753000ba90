"""Reaching signed-in states through the real services, for the accounts tests."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.core import mail
from django.test import Client
from django.urls import reverse

from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkvoucher.accounts.emails import login_link_url
from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.selectors import totp_current_code
from wijkvoucher.accounts.services import otp_device_create_for_demo

LOGIN_URL = "/inloggen/"
LINK_URL = "/inloggen/link/"
SECRET_HEX = "3132333435363738393031323334353637383930"  # RFC 6238 test key

CaptureOnCommit = Callable[..., Any]


def request_link(
    client: Client,
    capture: CaptureOnCommit,
    email: str,
    *,
    next_url: str = "",
    **extra: Any,
) -> Any:
    """POST the sign-in form and run what happens on commit (the e-mail)."""
    data = {"email": email}
    if next_url:
        data["next"] = next_url
    with capture(execute=True):
        return client.post(LOGIN_URL, data, **extra)


def link_in(message: mail.EmailMessage) -> str:
    match = re.search(r"https?://\S+/inloggen/link/\?\S+", str(message.body))
    assert match is not None, "no sign-in link in the e-mail"
    return match.group(0)


def token_and_next(link: str) -> tuple[str, str]:
    query = parse_qs(urlsplit(link).query)
    return query["token"][0], query.get("next", [""])[0]


class HttpsClient(Client):
    """A browser on https, as production requires (SECURE_SSL_REDIRECT)."""

    def generic(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["secure"] = True
        return super().generic(*args, **kwargs)


def sign_in(client: Client, user: User, *, next_url: str = "") -> Any:
    """Sign in through a real sign-in link (so the session clocks are set)."""
    user.refresh_from_db()
    token, next_value = token_and_next(login_link_url(user=user, next_url=next_url))
    return client.post(LINK_URL, {"token": token, "next": next_value})


def totp_device(user: User) -> TOTPDevice:
    return otp_device_create_for_demo(user=user, secret_hex=SECRET_HEX)


def verify_second_factor(client: Client, device: TOTPDevice) -> Any:
    return client.post(
        reverse("accounts:otp_verify"), {"code": totp_current_code(device=device)}
    )
