"""The demo provider's API key. Only its digest is stored (like every key), so the
demo derives it from the public seed, the way it derives the second-factor secrets:
``demo_load`` makes the token with this key and ``demo_credentials`` prints it. Demo
only: anyone who reads this file knows the key; that is the point of the demo."""

from __future__ import annotations

import base64
import hashlib

from wijkvoucher.demo.totp import DEMO_SEED
from wijkvoucher.providers.services.tokens import TOKEN_PREFIX


def demo_api_key_suffix(provider_name: str) -> str:
    """40 URL-safe characters, as ``secrets.token_urlsafe(30)`` would give."""
    digest = hashlib.sha256(f"{DEMO_SEED}:api:{provider_name}".encode()).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")[:40]


def demo_api_key(provider_name: str) -> str:
    return TOKEN_PREFIX + demo_api_key_suffix(provider_name)
