"""The coordinators' side of the security events (docs/adr/0014-security-events.md):
what each reason means in words, and the message about a burst. core counts the
refusals; it sits below notifications, so the message is sent from here (registered
in WorkConfig.ready)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.security_events import Burst
from wijkvoucher.neighbourhoods.selectors.roles import coordinators_active
from wijkvoucher.notifications.services import notification_send

REASONS = {
    "csrf": _("Form expired or sent from another site (CSRF)"),
    "denied": _("No access (403)"),
    "not_found": _("Object not found or not theirs (404)"),
    "not_authenticated": _("Not signed in or no API key (401)"),
    "rate_limited": _("Too many attempts (429)"),
    "too_large": _("Request too large (413)"),
    "refused": _("Refused (409/422)"),
    "api.key_revoked": _("Revoked API key"),
    "api.key_unknown": _("Unknown API key"),
    "api.key_malformed": _("API key sent the wrong way"),
    "api.key_of_inactive_user": _("API key of a deactivated person"),
    "api.key_holder_left": _("API key of someone who left the provider"),
    "vote.code_wrong": _("Wrong voting code"),
}
PREFIXES = {
    "refused.": _("A service refused"),
    "api.": _("The API refused"),
}


def reason_label(reason: str) -> str:
    """The reason in words; a service's or the API's own code follows its prefix."""
    if reason in REASONS:
        return str(REASONS[reason])
    for prefix, label in PREFIXES.items():
        if reason.startswith(prefix):
            return f"{label}: {reason.removeprefix(prefix)}"
    return reason


def security_burst_notify(burst: Burst) -> None:
    """Tell every coordinator, once per burst (core calls this at the refusal that
    passes the threshold)."""
    # Lazy: written in each coordinator's own language (notification_send).
    start = lazy(
        lambda: date_format(
            timezone.localtime(burst.window_start), "SHORT_DATETIME_FORMAT"
        ),
        str,
    )()
    body = (
        _(
            "From %(start)s, requests from address %(subject)s were refused more "
            "than %(threshold)s times within 10 minutes. See the security events."
        )
        if burst.kind == "client"
        else _(
            "From %(start)s, requests with API key number %(subject)s were refused "
            "more than %(threshold)s times within 10 minutes. See the security "
            "events."
        )
    )
    notification_send(
        recipients=coordinators_active(),
        kind="security.burst",
        subject=_("Many refused requests"),
        body=body,
        params={
            "start": start,
            "subject": burst.subject,
            "threshold": settings.SECURITY_BURST_THRESHOLD,
        },
        url=reverse("work:security_events"),
    )
