"""Reads for the demo pages and commands: who can sign in, as what, with which code."""

from __future__ import annotations

import base64
import time
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.selectors import totp_current_code
from wijkvoucher.consultations.codes import code_digest, receipt_format
from wijkvoucher.consultations.constants import ConsultationStatus
from wijkvoucher.consultations.models import Consultation, Credential
from wijkvoucher.consultations.selectors import ballots_published
from wijkvoucher.demo.apikey import demo_api_key
from wijkvoucher.demo.content import API_PROVIDER, MUNICIPALITY_SLUG, STORY
from wijkvoucher.demo.models import DemoEmail
from wijkvoucher.demo.votecodes import (
    BUDGET_VOTE_TITLE,
    POLL_ROLL,
    POLL_TITLE,
    demo_vote_code,
)
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import RoleAssignment
from wijkvoucher.providers.models import ProviderApiToken
from wijkvoucher.providers.services.tokens import token_digest
from wijkvoucher.vouchers.constants import SPENDABLE
from wijkvoucher.vouchers.models import Voucher

RESIDENT = "resident"
PROVIDER_USER = "provider_user"


@dataclass(frozen=True)
class DemoLogin:
    email: str
    full_name: str
    roles: tuple[str, ...]
    role_labels: tuple[str, ...]
    neighbourhoods: tuple[str, ...]
    providers: tuple[str, ...]
    totp_secret: str
    totp_code: str
    seconds_left: int

    @property
    def is_official(self) -> bool:
        return bool(self.totp_secret)

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "email": self.email,
            "name": self.full_name,
            "roles": list(self.roles),
            "neighbourhoods": list(self.neighbourhoods),
            "providers": list(self.providers),
        }
        if self.is_official:
            data["totp_secret"] = self.totp_secret
            data["totp_code"] = self.totp_code
            data["totp_seconds_left"] = self.seconds_left
        return data


def demo_emails() -> QuerySet[DemoEmail]:
    """Newest first."""
    return DemoEmail.objects.order_by("-sent_at", "-pk")


def demo_email(*, pk: int) -> DemoEmail | None:
    return DemoEmail.objects.filter(pk=pk).first()


def _seconds_left(device: TOTPDevice, now: float) -> int:
    step = int(device.step)
    return step - int(now - int(device.t0)) % step


def _role_parts(user: User) -> tuple[list[str], list[str], list[str]]:
    roles: list[str] = []
    labels: list[str] = []
    wijken: list[str] = []
    for assignment in user.role_assignments.all():
        if assignment.role not in roles:
            roles.append(assignment.role)
            labels.append(str(Role(assignment.role).label))
        if assignment.neighbourhood and assignment.neighbourhood.name not in wijken:
            wijken.append(assignment.neighbourhood.name)
    return roles, labels, wijken


def _login_for(user: User, device: TOTPDevice | None, now: float) -> DemoLogin:
    roles, labels, wijken = _role_parts(user)
    providers = [m.provider.name for m in user.provider_memberships.all()]
    if providers:
        roles.append(PROVIDER_USER)
        labels.append(gettext("provider"))
    addresses = list(user.addresses.all())
    if addresses:
        roles.append(RESIDENT)
        labels.append(gettext("resident"))
        for address in addresses:
            if address.neighbourhood and address.neighbourhood.name not in wijken:
                wijken.append(address.neighbourhood.name)
    return DemoLogin(
        email=user.email or "",
        full_name=user.full_name,
        roles=tuple(roles),
        role_labels=tuple(labels),
        neighbourhoods=tuple(wijken),
        providers=tuple(providers),
        totp_secret=base64.b32encode(device.bin_key).decode() if device else "",
        totp_code=totp_current_code(device=device) if device else "",
        seconds_left=_seconds_left(device, now) if device else 0,
    )


def demo_logins(*, officials_only: bool = False) -> list[DemoLogin]:
    """Everyone who can sign in (has an e-mail address), officials first, then by
    e-mail. Officials carry their TOTP secret and the code that is valid right now."""
    users = (
        User.objects.filter(is_active=True, email__isnull=False)
        .prefetch_related(
            Prefetch(
                "role_assignments",
                queryset=RoleAssignment.objects.select_related(
                    "neighbourhood"
                ).order_by("role", "pk"),
            ),
            "provider_memberships__provider",
            "addresses__neighbourhood",
        )
        .order_by("email")
    )
    devices: dict[int, TOTPDevice] = {}
    for device in TOTPDevice.objects.filter(confirmed=True).order_by("pk"):
        devices.setdefault(device.user_id, device)
    now = time.time()
    logins = [_login_for(user, devices.get(user.pk), now) for user in users]
    if officials_only:
        logins = [login for login in logins if login.is_official]
    return sorted(logins, key=lambda login: (not login.is_official, login.email))


# Vouchers offered to try the portal and the API with have at least this much left.
VOUCHER_MIN_BALANCE_CENTS = 1_000


def demo_voucher_codes() -> list[str]:
    """Codes of the demo's vouchers that can still be spent (issued or partly spent,
    not past their end date, at least € 10 left), in voucher number order."""
    return list(
        Voucher.objects.filter(
            neighbourhood__municipality__slug=MUNICIPALITY_SLUG,
            status__in=sorted(SPENDABLE),
            valid_until__gte=timezone.localdate(),
            account__balance_cents__gte=VOUCHER_MIN_BALANCE_CENTS,
        )
        .order_by("number")
        .values_list("code", flat=True)
    )


def demo_api_token() -> str:
    """The demo provider's API key while its token is live (not revoked), else ""."""
    key = demo_api_key(API_PROVIDER)
    live = ProviderApiToken.objects.filter(
        key_digest=token_digest(key),
        revoked_at__isnull=True,
        provider__approved_at__isnull=False,
    ).exists()
    return key if live else ""


def _story_text(shows: str, *, api_key: str, voucher_code: str) -> str:
    return (
        shows.replace("<SITE_URL>", settings.SITE_URL)
        .replace("<API_KEY>", api_key or "<API_KEY>")
        .replace("<VOUCHER_CODE>", voucher_code or "<VOUCHER_CODE>")
    )


def demo_story() -> list[tuple[str, str, str]]:
    """(e-mail, name, what that login shows) for the people of the demo story who
    exist in the database; the API example carries the demo key and a live code."""
    names = dict(
        User.objects.filter(email__in=[email for email, _shows in STORY]).values_list(
            "email", "full_name"
        )
    )
    codes = demo_voucher_codes()
    # The last code: the first ones are the likeliest to be tried in the portal.
    code = codes[-1] if codes else ""
    key = demo_api_token()
    return [
        (email, names[email], _story_text(shows, api_key=key, voucher_code=code))
        for email, shows in STORY
        if email in names
    ]


def demo_vote_codes(*, limit: int = 10) -> list[str]:
    """Letter codes of the demo's open poll that have not voted yet, to try."""
    consultation = (
        Consultation.objects.filter(
            title=POLL_TITLE, neighbourhood__municipality__slug=MUNICIPALITY_SLUG
        )
        .order_by("-pk")
        .first()
    )
    if consultation is None:
        return []
    unused = set(
        Credential.objects.filter(
            consultation=consultation, voted_on__isnull=True, revoked=False
        ).values_list("code_digest", flat=True)
    )
    found: list[str] = []
    for n in range(POLL_ROLL + 100):
        code = demo_vote_code(POLL_TITLE, n)
        if code_digest(code) in unused:
            found.append(code)
            if len(found) >= limit:
                break
    return found


def demo_vote_receipts(*, limit: int = 3) -> list[str]:
    """Receipts of the demo's finished budget vote, to look up in its published
    list of ballots."""
    consultation = (
        Consultation.objects.filter(
            title=BUDGET_VOTE_TITLE,
            neighbourhood__municipality__slug=MUNICIPALITY_SLUG,
            status=ConsultationStatus.CERTIFIED,
        )
        .order_by("-pk")
        .first()
    )
    if consultation is None:
        return []
    return [
        receipt_format(receipt)
        for receipt, _choices in ballots_published(consultation=consultation)[:limit]
    ]
