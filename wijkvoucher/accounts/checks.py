"""System checks for the sign-in settings (ASVS 6.5.1, 6.5.5, 7.2.3)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core import checks

MIN_TOKEN_SIGNATURE_BYTES = 16  # 128 bits
MAX_LINK_AGE_SECONDS = 10 * 60


@checks.register(checks.Tags.security)
def check_sign_in_links(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    problems: list[checks.CheckMessage] = []
    if getattr(settings, "SESAME_SIGNATURE_SIZE", 10) < MIN_TOKEN_SIGNATURE_BYTES:
        problems.append(
            checks.Warning(
                "Sign-in link tokens carry less than 128 bits of secret.",
                hint="Set SESAME_SIGNATURE_SIZE = 16 (or more).",
                id="accounts.W001",
            )
        )
    max_age = getattr(settings, "SESAME_MAX_AGE", None)
    if max_age is None or int(getattr(max_age, "total_seconds", lambda: max_age)()) > (
        MAX_LINK_AGE_SECONDS
    ):
        problems.append(
            checks.Warning(
                "Sign-in links may live longer than 10 minutes.",
                hint="Set SESAME_MAX_AGE = 600 (seconds) or less.",
                id="accounts.W002",
            )
        )
    if not getattr(settings, "SESAME_ONE_TIME", False):
        problems.append(
            checks.Warning(
                "Sign-in links can be used more than once.",
                hint="Set SESAME_ONE_TIME = True.",
                id="accounts.W003",
            )
        )
    return problems
