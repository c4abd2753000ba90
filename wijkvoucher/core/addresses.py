"""The client's address behind trusted reverse proxies (docs/deployment.md#the-reverse-proxy).

Behind a proxy every request reaches the app server from the proxy's address, so
``REMOTE_ADDR`` alone would give all residents one sign-in limit per address and one
origin in the audit trail. ``X-Forwarded-For`` names the client, but anyone can send
it: it is read only when ``REMOTE_ADDR`` is one of ``WIJKVOUCHER_TRUSTED_PROXIES``,
and then from the right, where the trusted proxies appended what they saw, to the
first address that is not a trusted proxy. Whatever a client wrote further left is
never read.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address

FORWARDED_FOR = "HTTP_X_FORWARDED_FOR"


@lru_cache(maxsize=8)
def trusted_networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    """The proxies as networks: an address ("10.0.0.2") or a network ("10.0.0.0/24")."""
    networks: list[Network] = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"WIJKVOUCHER_TRUSTED_PROXIES: {entry!r} is not an address or network."
            ) from None
    return tuple(networks)


def configured_proxies() -> tuple[Network, ...]:
    entries: Iterable[str] = getattr(settings, "WIJKVOUCHER_TRUSTED_PROXIES", ())
    return trusted_networks(tuple(str(entry) for entry in entries if str(entry)))


def _address(text: str) -> Address | None:
    text = text.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]  # "[2001:db8::1]"
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _trusted(address: Address, proxies: tuple[Network, ...]) -> bool:
    return any(address in network for network in proxies)


def forwarded_client(
    remote_addr: str, forwarded_for: str, proxies: tuple[Network, ...]
) -> str:
    """The client's address: ``remote_addr`` unless it is a trusted proxy; then the
    right-most address of ``forwarded_for`` that is not a trusted proxy. When the
    chain breaks (no header, or an entry that is no address) the last hop that a
    trusted proxy vouched for is the answer, never anything further left."""
    peer = _address(remote_addr)
    if peer is None or not _trusted(peer, proxies):
        return remote_addr
    client = peer
    for entry in reversed(forwarded_for.split(",")):
        hop = _address(entry)
        if hop is None:
            break
        client = hop
        if not _trusted(hop, proxies):
            break
    return str(client)


def client_ip(request: HttpRequest) -> str:
    """The client's address for rate limits (``RATELIMIT_IP_META_KEY``) and the
    audit trail's origin."""
    remote_addr = str(request.META.get("REMOTE_ADDR", ""))
    proxies = configured_proxies()
    if not proxies:
        return remote_addr
    return forwarded_client(
        remote_addr, str(request.META.get(FORWARDED_FOR, "")), proxies
    )
