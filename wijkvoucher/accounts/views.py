"""Sign-in pages: e-mail link, second factor (TOTP or backup code), sign-out.

Thin views: rate limit, parse, call a service or selector, render or redirect.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

import segno
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_ratelimit.core import is_ratelimited  # type: ignore[import-untyped,unused-ignore]

from wijkvoucher.accounts import services
from wijkvoucher.accounts.constants import SESSION_ENDED
from wijkvoucher.accounts.forms import (
    BackupCodeForm,
    LoginForm,
    LoginLinkForm,
    OTPCodeForm,
)
from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.navigation import safe_next, url_with_next
from wijkvoucher.accounts.permissions import SignInRequired, require_signed_in
from wijkvoucher.accounts.selectors import (
    backup_codes_remaining,
    login_link_is_valid,
    totp_secret_grouped,
    user_has_confirmed_totp,
)

logger = logging.getLogger(__name__)

RateKey = str | Callable[[str, HttpRequest], str]


def _limited(request: HttpRequest, *, group: str, key: RateKey, rate: str) -> bool:
    """Count this POST against ``rate``; True when it is one too many."""
    limited = bool(
        is_ratelimited(
            request, group=group, key=key, rate=rate, method="POST", increment=True
        )
    )
    if limited:
        logger.warning("Rate limit reached for %s.", group)
    return limited


def _too_many(request: HttpRequest) -> HttpResponse:
    view = import_string(settings.RATELIMIT_VIEW)
    response: HttpResponse = view(request)
    return response


def _next_from(request: HttpRequest) -> str:
    return safe_next(request.POST.get("next") or request.GET.get("next"))


def _signed_in_user(request: HttpRequest) -> User:
    require_signed_in(request)
    user = request.user
    if not isinstance(user, User):
        raise SignInRequired
    return user


# --- Sign-in with an e-mail link ---------------------------------------------------------


@require_http_methods(["GET", "POST"])
def login(request: HttpRequest) -> HttpResponse:
    next_url = _next_from(request)
    form = LoginForm(request.POST or None)
    if request.method == "POST":
        if _limited(
            request,
            group="accounts.login.ip",
            key="ip",
            rate=settings.LOGIN_RATE_PER_IP,
        ):
            return _too_many(request)
        if form.is_valid():
            email: str = form.cleaned_data["email"]
            if _limited(
                request,
                group="accounts.login.email",
                key=lambda _group, _request: email,
                rate=settings.LOGIN_RATE_PER_EMAIL,
            ):
                return _too_many(request)
            try:
                services.login_link_request(email=email, next_url=next_url)
            except ValidationError as exc:
                form.add_error("email", exc)
            else:
                return redirect("accounts:login_sent")
    context = {
        "form": form,
        "next": next_url,
        "ended": request.session.pop(SESSION_ENDED, None),
    }
    return render(request, "accounts/login.html", context)


@require_GET
def login_sent(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/login_sent.html",
        {"minutes": int(settings.SESAME_MAX_AGE) // 60},
    )


def _link_invalid(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/login_link_invalid.html", status=400)


@require_http_methods(["GET", "POST"])
def login_link(request: HttpRequest) -> HttpResponse:
    """GET only shows a button: mail scanners open links, and must not use them up.
    POST spends the token and signs in."""
    if request.method == "GET":
        token = request.GET.get(settings.SESAME_TOKEN_NAME, "")
        if not login_link_is_valid(token=token):
            return _link_invalid(request)
        form = LoginLinkForm(initial={"token": token, "next": _next_from(request)})
        return render(request, "accounts/login_link.html", {"form": form})
    if _limited(
        request,
        group="accounts.login_link.ip",
        key="ip",
        rate=settings.LOGIN_RATE_PER_IP,
    ):
        return _too_many(request)
    form = LoginLinkForm(request.POST)
    if not form.is_valid():
        return _link_invalid(request)
    try:
        user = services.login_link_redeem(
            request=request, token=form.cleaned_data["token"]
        )
    except ValidationError:
        return _link_invalid(request)
    next_url = safe_next(form.cleaned_data["next"])
    if user_has_confirmed_totp(user=user):
        return redirect(url_with_next("accounts:otp_verify", next_url))
    messages.success(request, _("You are signed in."))
    return redirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))


# --- Second factor ------------------------------------------------------------------------


def _is_verified(request: HttpRequest) -> bool:
    is_verified = getattr(request.user, "is_verified", None)
    return bool(is_verified is not None and is_verified())


def _qr_data_uri(device: TOTPDevice) -> str:
    qr = segno.make(device.config_url, error="m")
    uri: str = qr.svg_data_uri(scale=5, border=4, dark="#000", light="#fff")
    return uri


def _after_second_factor(next_url: str) -> str:
    return next_url or resolve_url(settings.LOGIN_REDIRECT_URL_SECOND_FACTOR)


def _otp_limited(request: HttpRequest, user: User) -> bool:
    return _limited(
        request,
        group="accounts.otp",
        key=lambda _group, _request: str(user.pk),
        rate=settings.OTP_RATE_PER_USER,
    )


@require_http_methods(["GET", "POST"])
def otp_setup(request: HttpRequest) -> HttpResponse:
    user = _signed_in_user(request)
    next_url = _next_from(request)
    if user_has_confirmed_totp(user=user):
        return redirect(url_with_next("accounts:otp_verify", next_url))
    form = OTPCodeForm(request.POST or None)
    if request.method == "POST":
        if _otp_limited(request, user):
            return _too_many(request)
        if form.is_valid():
            try:
                codes = services.otp_device_confirm(
                    actor=user, request=request, code=form.cleaned_data["code"]
                )
            except ValidationError as exc:
                form.add_error("code", exc)
            else:
                done = {
                    "codes": codes,
                    "continue_url": _after_second_factor(next_url),
                }
                return render(request, "accounts/otp_backup_codes.html", done)
    device = services.otp_device_start(actor=user)
    context: dict[str, Any] = {
        "form": form,
        "next": next_url,
        "qr_data_uri": _qr_data_uri(device),
        "secret": totp_secret_grouped(device=device),
    }
    return render(request, "accounts/otp_setup.html", context)


@require_http_methods(["GET", "POST"])
def otp_verify(request: HttpRequest) -> HttpResponse:
    user = _signed_in_user(request)
    next_url = _next_from(request)
    if not user_has_confirmed_totp(user=user):
        return redirect(url_with_next("accounts:otp_setup", next_url))
    if request.method == "GET" and _is_verified(request):
        return redirect(_after_second_factor(next_url))
    backup = (request.POST.get("backup") or request.GET.get("backup")) == "1"
    form_class = BackupCodeForm if backup else OTPCodeForm
    form = form_class(request.POST or None)
    if request.method == "POST":
        if _otp_limited(request, user):
            return _too_many(request)
        if form.is_valid():
            try:
                services.otp_verify(
                    actor=user, request=request, code=form.cleaned_data["code"]
                )
            except ValidationError as exc:
                form.add_error("code", exc)
            else:
                messages.success(request, _("You are signed in."))
                return redirect(_after_second_factor(next_url))
    context = {
        "form": form,
        "next": next_url,
        "backup": backup,
        "backup_codes_remaining": backup_codes_remaining(user=user),
    }
    return render(request, "accounts/otp_verify.html", context)


# --- Sign-out -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def logout(request: HttpRequest) -> HttpResponse:
    """POST signs out and deletes the server-side session; GET asks to confirm."""
    if request.method == "POST":
        services.logout_perform(request=request)
        messages.success(request, _("You are signed out."))
        return redirect(settings.LOGOUT_REDIRECT_URL)
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    return render(request, "accounts/logout.html")
