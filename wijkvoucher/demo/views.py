"""The demo mailbox: every e-mail the demo sent, and the second-factor codes of the demo
officials. Every view answers 404 unless ``settings.DEMO_MODE``."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wijkvoucher.core.addresses import FORWARDED_FOR, client_ip, trusted_networks
from wijkvoucher.demo.selectors import demo_email, demo_emails, demo_logins

View = Callable[..., HttpResponse]
MESSAGES_SHOWN = 200


def demo_only(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not settings.DEMO_MODE:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _nearby(address: str) -> bool:
    networks = trusted_networks(tuple(settings.DEMO_MAILBOX_NETWORKS))
    try:
        parsed = ipaddress.ip_address(address.strip().strip("[]"))
    except ValueError:
        return False
    return any(parsed in network for network in networks)


def from_nearby(request: HttpRequest) -> bool:
    """True when the request comes from ``DEMO_MAILBOX_NETWORKS`` (loopback unless
    configured): the client's address and every address a proxy forwarded. A proxy on
    the same machine makes every visitor look like 127.0.0.1; the addresses it
    forwards still name them."""
    forwarded = str(request.META.get(FORWARDED_FOR, ""))
    hops = [hop for hop in forwarded.split(",") if hop.strip()]
    if request.META.get("HTTP_FORWARDED"):
        return False  # RFC 7239: not read anywhere, so not trusted here either
    addresses = [str(request.META.get("REMOTE_ADDR", "")), client_ip(request), *hops]
    return all(_nearby(address) for address in addresses)


def mailbox_nearby(view: View) -> View:
    """The mailbox shows every sign-in link and second-factor code: it answers 404
    to anyone who is not on the demo's own machine (or its configured networks)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not from_nearby(request):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


@demo_only
@mailbox_nearby
@require_GET
@never_cache
def mailbox(request: HttpRequest) -> HttpResponse:
    logins = demo_logins()
    return render(
        request,
        "demo/mailbox.html",
        {
            "messages_list": list(demo_emails()[:MESSAGES_SHOWN]),
            "logins": [login for login in logins if login.is_official],
            "residents": [login for login in logins if not login.is_official],
        },
    )


@demo_only
@mailbox_nearby
@require_GET
@never_cache
def message(request: HttpRequest, pk: int) -> HttpResponse:
    email = demo_email(pk=pk)
    if email is None:
        raise Http404
    return render(request, "demo/message.html", {"email": email})
