"""Deterministic second-factor secrets for the demo people. Demo only: the seed is
public, so anyone can compute these codes; that is the point of the demo."""

from __future__ import annotations

import hashlib

DEMO_SEED = "wijkvoucher-demo-totp-v1"


def demo_totp_secret_hex(email: str) -> str:
    """A 20-byte TOTP secret, as hex, derived from the public seed and the e-mail."""
    return hashlib.sha256(f"{DEMO_SEED}:{email}".encode()).hexdigest()[:40]
