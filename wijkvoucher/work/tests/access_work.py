"""Access-matrix rows for "My work" (merged into tests/test_access_matrix.py)."""

from __future__ import annotations

from tests.test_access_matrix import Route, everyone
from wijkvoucher.providers.tests.access_provider import _approved

ROUTES: dict[str, Route] = {
    # Anyone with a role (or a provider membership) after the second factor; a
    # resident without work is sent to their profile.
    "work:home": Route(
        expect={
            "-": everyone(
                "ok",
                anonymous="login",
                resident="redirect",
                official_unverified="otp",
            )
        },
        # The world's provider approved: its user has work.
        kwargs={"-": _approved},
    ),
    # The security events: coordinators only, after the second factor.
    "work:security_events": Route(
        expect={"-": everyone("forbidden", anonymous="login", coordinator="ok")}
    ),
}
