"""The limit on wrong voting codes (docs/voting.md rule 3): at most
``VOTE_CODE_RATE_PER_SESSION`` per browser session and ``VOTE_CODE_RATE_PER_IP`` per
client address within the window; one failure more answers 429. Addresses inside the
network of a registered voting location (a buurthuis, where many residents share one
address) have no address limit, only the session one. Only failures count: a right
code costs nothing, and a resident who mistyped twice is not held up."""

from __future__ import annotations

import datetime as dt
import ipaddress
import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from django_ratelimit.core import is_ratelimited  # type: ignore[import-untyped,unused-ignore]

from wijkvoucher.consultations.models import VotingLocation
from wijkvoucher.core.addresses import client_ip
from wijkvoucher.core.security_events import cache_count, refusal_note
from wijkvoucher.neighbourhoods.selectors.roles import coordinators_active
from wijkvoucher.notifications.services import notification_send

logger = logging.getLogger(__name__)

SESSION_GROUP = "consultations.code.session"
IP_GROUP = "consultations.code.ip"


def _session_key(_group: str, request: HttpRequest) -> str:
    return request.session.session_key or ""


def at_voting_location(request: HttpRequest) -> bool:
    """Whether the client's address is inside a registered voting location's network."""
    try:
        address = ipaddress.ip_address(client_ip(request))
    except ValueError:
        return False
    for network in VotingLocation.objects.values_list("network", flat=True):
        try:
            if address in ipaddress.ip_network(network, strict=False):
                return True
        except ValueError:
            continue
    return False


def _limited(request: HttpRequest, *, increment: bool, registered: bool) -> bool:
    limited = False
    if request.session.session_key:
        limited = bool(
            is_ratelimited(
                request,
                group=SESSION_GROUP,
                key=_session_key,
                rate=settings.VOTE_CODE_RATE_PER_SESSION,
                method="POST",
                increment=increment,
            )
        )
    if not registered:
        limited = (
            bool(
                is_ratelimited(
                    request,
                    group=IP_GROUP,
                    key="ip",
                    rate=settings.VOTE_CODE_RATE_PER_IP,
                    method="POST",
                    increment=increment,
                )
            )
            or limited
        )
    return limited


def code_attempts_exhausted(request: HttpRequest, *, registered: bool) -> bool:
    """Before a code is checked: have this session or address used up their tries?"""
    return _limited(request, increment=False, registered=registered)


def code_failure_counted(request: HttpRequest, *, registered: bool) -> bool:
    """Count one wrong code; True when it was one too many (answer 429). Every wrong
    code is a security event, and the wrong codes of all voters together are counted
    per hour for the alarm (``wrong_codes_alarm``)."""
    refusal_note("vote.code_wrong")
    wrong_codes_alarm()
    if not request.session.session_key:
        # A session to count in (an anonymous voter has none yet).
        request.session.save()
    limited = _limited(request, increment=True, registered=registered)
    if limited:
        logger.warning("Too many wrong voting codes.")
    return limited


def too_many(request: HttpRequest) -> HttpResponse:
    view = import_string(settings.RATELIMIT_VIEW)
    response: HttpResponse = view(request)
    return response


def wrong_codes_alarm(*, now: dt.datetime | None = None) -> bool:
    """Count one wrong code in this hour, for every voter and address together; the
    one that passes ``VOTE_CODE_ALARM_PER_HOUR`` notifies the coordinators, once an
    hour (docs/voting.md rule 3): many addresses guessing together stay under each
    address's limit, not under this one. True when this call raised the alarm."""
    hour = (now or timezone.now()).astimezone(dt.UTC).strftime("%Y%m%d%H")
    count = cache_count(f"wv:vote:wrong-codes:{hour}", 2 * 60 * 60)
    threshold = int(settings.VOTE_CODE_ALARM_PER_HOUR)
    if count != threshold + 1:
        return False
    logger.warning("More than %s wrong voting codes this hour.", threshold)
    notification_send(
        recipients=coordinators_active(),
        kind="consultations.wrong_codes",
        subject=_("Many wrong voting codes"),
        body=_(
            "More than %(threshold)s wrong voting codes were typed in the last hour, "
            "from all addresses together. Someone may be guessing codes. See the "
            "security events, and the organisers' report of suspicious ballots."
        ),
        params={"threshold": threshold},
        url=reverse("work:security_events"),
    )
    return True
