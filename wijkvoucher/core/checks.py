"""System checks for the core settings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from wijkvoucher.core.addresses import configured_proxies


@checks.register(checks.Tags.security)
def check_trusted_proxies(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """Every entry of WIJKVOUCHER_TRUSTED_PROXIES is an address or a network; else
    every request that asks for the client's address would fail."""
    try:
        configured_proxies()
    except ImproperlyConfigured as exc:
        return [
            checks.Error(
                str(exc),
                hint="List addresses (10.0.0.2) or networks (10.0.0.0/24), "
                "separated by commas.",
                id="core.E001",
            )
        ]
    return []
