"""Writes of the accounts app: sign-in links, the second factor, sessions.

Secrets never leave these functions in log lines or audit data: no tokens, no codes,
no e-mail addresses (ASVS 16.2.5, BIO2 8.15.02).

Sign-in is the one place where the acting user is not known beforehand, so the
sign-in services take no ``actor``; every other service does.
"""

from __future__ import annotations

import time
from functools import partial

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

import django_otp
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from sesame.utils import get_user as sesame_get_user

from wijkvoucher.accounts import constants as c
from wijkvoucher.accounts.emails import login_link_email_send
from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.selectors import user_has_confirmed_totp
from wijkvoucher.core.constants import AuditResult
from wijkvoucher.core.services import audit_record

# --- Sign-in links --------------------------------------------------------------------


def email_normalise(value: str) -> str:
    return value.strip().lower()


def _user_get_or_create(*, email: str) -> tuple[User, bool]:
    user = User.objects.select_for_update().filter(email=email).first()
    if user is not None:
        return user, False
    language = translation.get_language() or settings.LANGUAGE_CODE
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=email,
                preferred_language="en" if language.startswith("en") else "nl",
            )
    except IntegrityError:
        # The same new address arrived twice at once; the other request created it.
        return User.objects.select_for_update().get(email=email), False
    return user, True


@transaction.atomic
def login_link_request(*, email: str, next_url: str = "") -> None:
    """Send a sign-in link to ``email``. An unknown address becomes a new resident
    account: signing in and registering are one step. Inactive accounts get nothing.
    The caller shows the same answer in every case (no user enumeration)."""
    email = email_normalise(email)
    validate_email(email)
    user, created = _user_get_or_create(email=email)
    if created:
        audit_record(
            actor=None,
            action="accounts.register",
            subject=user,
            data={"method": "login_link"},
        )
    if not user.is_active:
        audit_record(
            actor=None,
            action="accounts.login_link_sent",
            subject=user,
            result=AuditResult.DENIED,
            data={"reason": "inactive"},
        )
        return
    audit_record(
        actor=None,
        action="accounts.login_link_sent",
        subject=user,
        data={"new_account": created, "with_next": bool(next_url)},
    )
    transaction.on_commit(
        partial(
            login_link_email_send,
            user_id=user.pk,
            next_url=next_url,
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
    )


def _session_start(request: HttpRequest, user: User) -> None:
    # login() gives the session a new key (ASVS 7.2.4) and, through Django's
    # user_logged_in handler, updates last_login, which spends the one-time token.
    auth_login(request, user)
    now = int(time.time())
    request.session[c.SESSION_SIGNED_IN_AT] = now
    request.session[c.SESSION_LAST_SEEN] = now
    request.session[c.SESSION_STRICT_IDLE] = user_has_confirmed_totp(user=user)


def login_link_redeem(*, request: HttpRequest, token: str) -> User:
    """Sign in with the token of a sign-in link; the token is spent. Raises
    ValidationError(code="link_invalid") when the token is wrong, expired or used."""
    candidate = sesame_get_user(token, scope=c.LOGIN_SCOPE, update_last_login=False)
    with transaction.atomic():
        if candidate is not None:
            # Lock the user and check again: of two simultaneous uses, the second
            # sees the new last_login and so a spent token.
            User.objects.select_for_update().filter(pk=candidate.pk).first()
            user = sesame_get_user(token, scope=c.LOGIN_SCOPE, update_last_login=False)
            if isinstance(user, User):
                _session_start(request, user)
                audit_record(
                    actor=user,
                    action="accounts.login",
                    subject=user,
                    data={"method": "login_link"},
                )
                return user
        audit_record(
            actor=None,
            action="accounts.login_failed",
            result=AuditResult.FAILURE,
            data={"method": "login_link", "reason": "link_invalid"},
        )
    raise ValidationError(_("This sign-in link no longer works."), code="link_invalid")


# --- Second factor ---------------------------------------------------------------------


def code_normalise(value: str) -> str:
    """Codes may be pasted with spaces or dashes; backup codes in any case."""
    return "".join(ch for ch in value if ch.isalnum()).lower()


def _devices_lock(*, user: User) -> None:
    User.objects.select_for_update().filter(pk=user.pk).first()


@transaction.atomic
def otp_device_start(*, actor: User) -> TOTPDevice:
    """The authenticator device being set up: the unconfirmed one, or a new one."""
    _devices_lock(user=actor)
    if TOTPDevice.objects.filter(user_id=actor.pk, confirmed=True).exists():
        raise ValidationError(
            _("You have already set up an authenticator app."), code="already_set_up"
        )
    device = (
        TOTPDevice.objects.filter(user_id=actor.pk, confirmed=False)
        .order_by("pk")
        .first()
    )
    if device is None:
        device = TOTPDevice.objects.create(
            user=actor, name=c.TOTP_DEVICE_NAME, confirmed=False
        )
        audit_record(actor=actor, action="accounts.otp_setup_started", subject=device)
    return device


def _backup_codes_replace(*, user: User) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=c.BACKUP_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes: set[str] = set()
    while len(codes) < c.BACKUP_CODE_COUNT:
        codes.add(StaticToken.random_token())
    StaticToken.objects.bulk_create(
        [StaticToken(device=device, token=code) for code in sorted(codes)]
    )
    return sorted(codes)


def _session_verified(request: HttpRequest, device: Device) -> None:
    django_otp.login(request, device)
    # A new session key after the second factor too (ASVS 7.2.4, re-authentication).
    request.session.cycle_key()
    request.session[c.SESSION_STRICT_IDLE] = True


def _throttle_error(device: Device) -> ValidationError | None:
    allowed, _info = device.verify_is_allowed()
    if allowed:
        return None
    return ValidationError(
        _("Too many wrong codes. Wait a minute and try again."), code="throttled"
    )


def otp_device_confirm(*, actor: User, request: HttpRequest, code: str) -> list[str]:
    """Confirm the authenticator app with its first code, verify this session and
    return 10 new backup codes (shown once)."""
    with transaction.atomic():
        _devices_lock(user=actor)
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user_id=actor.pk, confirmed=False)
            .order_by("pk")
            .first()
        )
        if device is None or user_has_confirmed_totp(user=actor):
            raise ValidationError(
                _("Start setting up the authenticator app again."), code="no_device"
            )
        error = _throttle_error(device)
        if error is None and device.verify_token(code_normalise(code)):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            codes = _backup_codes_replace(user=actor)
            _session_verified(request, device)
            audit_record(actor=actor, action="accounts.otp_setup", subject=device)
            return codes
        audit_record(
            actor=actor,
            action="accounts.otp_failed",
            subject=device,
            result=AuditResult.FAILURE,
            data={"step": "setup", "throttled": error is not None},
        )
    raise error or ValidationError(
        _("This code is not right. Check the code in your app and try again."),
        code="invalid_code",
    )


def _devices_for_code(*, user: User, code: str) -> list[Device]:
    """Only digits: the app's code. Otherwise: a backup code."""
    model: type[Device] = TOTPDevice if code.isdigit() else StaticDevice
    return list(
        model.objects.select_for_update()
        .filter(user_id=user.pk, confirmed=True)
        .order_by("pk")
    )


def otp_verify(*, actor: User, request: HttpRequest, code: str) -> Device:
    """Check a code from the authenticator app or a backup code (which is then
    used up) and mark this session as verified."""
    code = code_normalise(code)
    error: ValidationError | None = None
    with transaction.atomic():
        _devices_lock(user=actor)
        devices = _devices_for_code(user=actor, code=code) if code else []
        for device in devices:
            error = _throttle_error(device)
            if error is None and device.verify_token(code):
                _session_verified(request, device)
                method = "backup" if isinstance(device, StaticDevice) else "totp"
                audit_record(
                    actor=actor,
                    action="accounts.otp_verified",
                    subject=device,
                    data={"method": method},
                )
                return device
        audit_record(
            actor=actor,
            action="accounts.otp_failed",
            subject=actor,
            result=AuditResult.FAILURE,
            data={"step": "verify", "throttled": error is not None},
        )
    raise error or ValidationError(
        _("This code is not right. Check the code and try again."),
        code="invalid_code",
    )


@transaction.atomic
def otp_device_create_for_demo(*, user: User, secret_hex: str) -> TOTPDevice:
    """A confirmed authenticator device with a known key, for the demo data only."""
    device = TOTPDevice.objects.filter(
        user_id=user.pk, key=secret_hex, confirmed=True
    ).first()
    if device is not None:
        return device
    device = TOTPDevice(user=user, name=c.TOTP_DEVICE_NAME, key=secret_hex)
    device.full_clean(exclude=["user"])
    device.confirmed = True
    device.save()
    audit_record(
        actor=None, action="accounts.otp_setup", subject=device, data={"demo": True}
    )
    return device


# --- Sessions ---------------------------------------------------------------------------


@transaction.atomic
def logout_perform(*, request: HttpRequest, reason: str = "user") -> None:
    """End the session: the server-side session is deleted, not only the cookie."""
    user = request.user
    if isinstance(user, User):
        audit_record(
            actor=user, action="accounts.logout", subject=user, data={"reason": reason}
        )
    auth_logout(request)


def _session_store_class() -> type:
    engine = import_string(settings.SESSION_ENGINE + ".SessionStore")
    if not isinstance(engine, type) or not hasattr(engine, "get_model_class"):
        raise ImproperlyConfigured(
            "user_deactivate needs a database-backed SESSION_ENGINE."
        )
    return engine


def _sessions_delete(*, user: User) -> int:
    store_class = _session_store_class()
    model = store_class.get_model_class()  # type: ignore[attr-defined]
    keys = []
    for session in model.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            keys.append(session.session_key)
    for key in keys:
        store_class(session_key=key).delete()
    return len(keys)


@transaction.atomic
def user_deactivate(*, actor: User, user: User) -> User:
    """Switch an account off and end all its sessions at once (ASVS 7.4.2)."""
    user = User.objects.select_for_update().get(pk=user.pk)
    user.is_active = False
    user.save(update_fields=["is_active"])
    ended = _sessions_delete(user=user)
    audit_record(
        actor=actor,
        action="accounts.user_deactivate",
        subject=user,
        data={"sessions_ended": ended},
    )
    return user
