"""Session lifetime (ASVS 7.3) and the redirects for SignInRequired and
SecondFactorRequired raised by the ``access_*`` helpers of the other apps.

Timeouts: 2 hours idle for residents, 30 minutes idle for anyone with an
authenticator app (officials, regiegroep, providers, …), 12 hours after signing in
for everyone. When a session runs out it is deleted on the server, and the next
page is the sign-in page, which says why.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from wijkvoucher.accounts import constants as c
from wijkvoucher.accounts.navigation import url_with_next
from wijkvoucher.accounts.permissions import SecondFactorRequired, SignInRequired
from wijkvoucher.accounts.selectors import user_has_confirmed_totp
from wijkvoucher.accounts.services import logout_perform


def _seconds(value: object) -> int:
    total = getattr(value, "total_seconds", None)
    return int(total()) if total is not None else int(str(value))


def session_expiry_reason(request: HttpRequest, now: int) -> str | None:
    """``"absolute"`` or ``"idle"`` when the session has run out; otherwise None,
    after noting this request as the latest activity."""
    session = request.session
    signed_in_at = session.get(c.SESSION_SIGNED_IN_AT)
    if signed_in_at is None:
        # Signed in some other way (the admin's own form): start the clocks now.
        session[c.SESSION_SIGNED_IN_AT] = now
        session[c.SESSION_LAST_SEEN] = now
        session[c.SESSION_STRICT_IDLE] = user_has_confirmed_totp(user=request.user)
        return None
    if now - int(signed_in_at) > _seconds(settings.SESSION_ABSOLUTE_TIMEOUT):
        return "absolute"
    idle_limit = _seconds(
        settings.SESSION_IDLE_TIMEOUT_STAFF
        if session.get(c.SESSION_STRICT_IDLE)
        else settings.SESSION_IDLE_TIMEOUT_RESIDENT
    )
    last_seen = int(session.get(c.SESSION_LAST_SEEN, signed_in_at))
    if now - last_seen > idle_limit:
        return "idle"
    if now - last_seen >= c.LAST_SEEN_RESOLUTION_SECONDS:
        session[c.SESSION_LAST_SEEN] = now
    return None


def _back_here(request: HttpRequest) -> str:
    return request.get_full_path() if request.method == "GET" else ""


class SessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            reason = session_expiry_reason(request, int(time.time()))
            if reason is not None:
                logout_perform(request=request, reason=f"timeout_{reason}")
                request.session[c.SESSION_ENDED] = reason
                return HttpResponseRedirect(
                    url_with_next("accounts:login", _back_here(request))
                )
        return self.get_response(request)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        if not isinstance(exception, SignInRequired | SecondFactorRequired):
            return None
        back = _back_here(request)
        if not request.user.is_authenticated:
            return HttpResponseRedirect(url_with_next("accounts:login", back))
        if isinstance(exception, SignInRequired):
            # Signed in after all (a helper was stricter than needed): nothing to do.
            return None
        target = (
            "accounts:otp_verify"
            if user_has_confirmed_totp(user=request.user)
            else "accounts:otp_setup"
        )
        return HttpResponseRedirect(url_with_next(target, back))
