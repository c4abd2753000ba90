"""Who is voting in this browser: a short-lived signed cookie, not the session.

After a letter code is accepted (or an account is found on the roll) the browser
gets a cookie, signed with the secret key, that names the consultation, the
credential and the channel (and the account, for account voting). The ballot page
reads it without a query, so the hot path does not load or save a database session;
the code itself never travels again. The cookie is HttpOnly, SameSite=Lax, Secure
over HTTPS, sent only to ``/stemmen/`` and lasts an hour (``VOTER_MAX_AGE``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing
from django.http import HttpRequest, HttpResponse

from wijkvoucher.consultations.constants import BallotChannel

VOTER_COOKIE = "wv_stem"
# The receipt on its way from the ballot's POST to the receipt page: ten minutes at
# most, deleted when shown.
RECEIPT_COOKIE = "wv_bon"
RECEIPT_MAX_AGE = 10 * 60
VOTER_COOKIE_PATH = "/stemmen/"
VOTER_MAX_AGE = 60 * 60
_SALT = "wijkvoucher.consultations.voter"
_RECEIPT_SALT = "wijkvoucher.consultations.receipt"


@dataclass(frozen=True)
class Voter:
    """The credential this browser votes with, in one consultation."""

    consultation_id: int
    credential_id: int
    channel: str
    user_id: int | None = None


def voter_cookie_value(voter: Voter) -> str:
    """The cookie's signed value, as ``voter_set`` sends it (and a load test makes)."""
    value = ":".join(
        [
            str(voter.consultation_id),
            str(voter.credential_id),
            voter.channel,
            str(voter.user_id or ""),
        ]
    )
    return signing.get_cookie_signer(salt=VOTER_COOKIE + _SALT).sign(value)


def voter_set(response: HttpResponse, request: HttpRequest, voter: Voter) -> None:
    response.set_cookie(
        VOTER_COOKIE,
        voter_cookie_value(voter),
        max_age=VOTER_MAX_AGE,
        path=VOTER_COOKIE_PATH,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


def voter_of(request: HttpRequest, *, consultation_id: int) -> Voter | None:
    """The voter of this browser in ``consultation_id``, or None (no cookie, another
    consultation, expired, or tampered with)."""
    try:
        value = request.get_signed_cookie(
            VOTER_COOKIE, salt=_SALT, max_age=VOTER_MAX_AGE
        )
    except (KeyError, signing.BadSignature):
        return None
    if not value:
        return None
    parts = value.split(":")
    if len(parts) != 4 or parts[2] not in BallotChannel.values:
        return None
    try:
        consultation, credential = int(parts[0]), int(parts[1])
        user = int(parts[3]) if parts[3] else None
    except ValueError:
        return None
    if consultation != consultation_id:
        return None
    return Voter(consultation, credential, parts[2], user)


def receipt_cookie_value(consultation_id: int, receipt: str) -> str:
    """The receipt cookie's signed value, as ``receipt_set`` sends it (and a load test
    makes)."""
    return signing.get_cookie_signer(salt=RECEIPT_COOKIE + _RECEIPT_SALT).sign(
        f"{consultation_id}:{receipt}"
    )


def receipt_set(
    response: HttpResponse, request: HttpRequest, consultation_id: int, receipt: str
) -> None:
    """Carry ``receipt`` to the receipt page in a signed cookie (the same flags as
    the voter's), so that it never appears in a URL or a log."""
    response.set_cookie(
        RECEIPT_COOKIE,
        receipt_cookie_value(consultation_id, receipt),
        max_age=RECEIPT_MAX_AGE,
        path=VOTER_COOKIE_PATH,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


def receipt_take(request: HttpRequest, *, consultation_id: int) -> str:
    """The receipt the ballot's POST left for ``consultation_id``, or "" (none,
    expired, another consultation or tampered with)."""
    try:
        value = request.get_signed_cookie(
            RECEIPT_COOKIE, salt=_RECEIPT_SALT, max_age=RECEIPT_MAX_AGE
        )
    except (KeyError, signing.BadSignature):
        return ""
    consultation, _sep, receipt = (value or "").partition(":")
    if consultation != str(consultation_id) or not receipt.isalnum():
        return ""
    return receipt
