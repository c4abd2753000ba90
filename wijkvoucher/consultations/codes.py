"""Voting codes, receipts and the keyed hashes of the voter roll (docs/voting.md).

A code is 65 random bits (``secrets``): 13 Crockford base32 characters, shown as
``XXXX-XXXX-XXXXX``. It is never stored: the roll keeps ``code_digest``, an
HMAC-SHA256 under ``settings.WIJKVOUCHER_VOTE_CODE_PEPPER`` of the normalised code
(13 characters, no dashes). The same pepper hashes a register identity
(``person_digest``). A ballot's ``link`` is an HMAC-SHA256 of the credential id under
the consultation's own key, which certification destroys. Typing mistakes that
Crockford base32 forgives (O for 0, I or L for 1, lower case, spaces, dashes) are
forgiven here too."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata

from django.conf import settings

from wijkvoucher.core.crockford import ALPHABET as ALPHABET  # the codes' alphabet
from wijkvoucher.core.crockford import SEPARATORS, group, normalise
from wijkvoucher.core.crockford import random_string as _random

CODE_LENGTH = 13  # 65 bits
CODE_GROUPS = (4, 4, 5)
RECEIPT_LENGTH = 10  # 50 bits
KEY_BYTES = 32
_NOT_NAME = re.compile(r"[^a-z0-9 ]+")
_SPACES = re.compile(r"\s+")


def code_generate() -> str:
    """A new code, formatted for the letter."""
    return code_format(_random(CODE_LENGTH))


def code_format(raw: str) -> str:
    """``XXXX-XXXX-XXXXX`` from the 13 characters."""
    return group(raw, CODE_GROUPS)


def code_normalise(value: object) -> str | None:
    """The 13 characters a typed or scanned code stands for, or None when it cannot
    be a code."""
    return normalise(value, length=CODE_LENGTH)


def _pepper() -> bytes:
    return str(settings.WIJKVOUCHER_VOTE_CODE_PEPPER).encode()


def _hmac(key: bytes, message: str) -> str:
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()


def code_digest(code: str) -> str | None:
    """The keyed hash the roll keeps of ``code``, or None when it cannot be a code."""
    raw = code_normalise(code)
    if raw is None:
        return None
    return _hmac(_pepper(), "code:" + raw)


def name_normalise(name: str) -> str:
    """A name as the roll compares it: lower case, without accents, punctuation or
    double spaces (``'t Hoen-Álvarez`` and ``T HOEN ALVAREZ`` are the same)."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _SPACES.sub(" ", _NOT_NAME.sub(" ", plain)).strip()


def person_digest(
    *,
    postcode: str,
    house_number: int,
    house_letter: str = "",
    addition: str = "",
    name: str | None = None,
) -> str:
    """The keyed hash of a register identity: the address, plus the normalised name
    unless the vote is per household (``name=None``)."""
    parts = [
        _SPACES.sub("", postcode).upper(),
        str(int(house_number)),
        house_letter.strip().upper(),
        SEPARATORS.sub("", addition).upper(),
    ]
    if name is not None:
        parts.append(name_normalise(name))
    return _hmac(_pepper(), "person:" + "\x1f".join(parts))


def ballot_key_generate() -> str:
    """A consultation's link key: 32 random bytes as hex."""
    return secrets.token_hex(KEY_BYTES)


def ballot_link(key: str, credential_id: int) -> str:
    """The link of a credential's ballot: HMAC-SHA256(key, credential id)."""
    return _hmac(bytes.fromhex(key), str(credential_id))


def receipt_generate() -> str:
    """A receipt: 10 random Crockford characters, shown to the voter once."""
    return _random(RECEIPT_LENGTH)


def receipt_format(receipt: str) -> str:
    """``XXXXX-XXXXX``."""
    return f"{receipt[:5]}-{receipt[5:]}"


def receipt_normalise(value: object) -> str | None:
    return normalise(value, length=RECEIPT_LENGTH, max_typed=32)
