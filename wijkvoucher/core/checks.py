"""System checks for the core settings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
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


@checks.register(checks.Tags.security, deploy=True)
def check_not_demo(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """The demo shows every sign-in link and second-factor code on its mailbox page
    and falls back to a public secret key: never in production."""
    if not settings.DEMO_MODE:
        return []
    return [
        checks.Error(
            "WIJKVOUCHER_DEMO is on: the demo mailbox shows every sign-in link and "
            "second-factor code, and the secret key may be the public demo key.",
            hint="Unset WIJKVOUCHER_DEMO (docs/deployment.md).",
            id="core.E002",
        )
    ]


@checks.register(checks.Tags.security, deploy=True)
def check_security_contact(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """/.well-known/security.txt (RFC 9116) needs a contact."""
    contact = str(settings.SECURITY_CONTACT)
    if contact.startswith(("mailto:", "https://", "tel:")):
        return []
    return [
        checks.Warning(
            "WIJKVOUCHER_SECURITY_CONTACT is not a mailto:, https: or tel: address; "
            "/.well-known/security.txt answers 404.",
            hint="Set it to where vulnerabilities are reported, e.g. "
            "mailto:security@gemeente.nl (docs/configuration.md).",
            id="core.W001",
        )
    ]


@checks.register(checks.Tags.security, deploy=True)
def check_proxy_ssl_header(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """Believing X-Forwarded-Proto from anyone lets a client that reaches the app
    server directly pass for HTTPS."""
    if settings.SECURE_PROXY_SSL_HEADER is None or configured_proxies():
        return []
    return [
        checks.Warning(
            "WIJKVOUCHER_PROXY_SSL_HEADER is on but no WIJKVOUCHER_TRUSTED_PROXIES "
            "are set: any client's X-Forwarded-Proto is believed.",
            hint="Turn it off and let gunicorn's --forwarded-allow-ips set the "
            "scheme (docs/deployment.md#the-reverse-proxy).",
            id="core.W002",
        )
    ]
