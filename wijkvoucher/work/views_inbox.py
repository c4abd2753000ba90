"""The inbox: a person's messages in the app (issue #3, point 10). Thin views:
parse → access → service/selector → render; POST then redirect."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wijkvoucher.notifications.selectors import (
    notifications_of,
    notifications_unread_count,
)
from wijkvoucher.notifications.services import (
    notification_mark_all_read,
    notification_mark_read,
)
from wijkvoucher.work.permissions_inbox import (
    access_inbox,
    access_own_notification,
)

PER_PAGE = 20


def is_site_path(url: str) -> bool:
    """Only a path on this site (``/…``, not ``//host`` or a full URL) is followed."""
    return (
        url.startswith("/")
        and not url.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(url, allowed_hosts=None)
    )


@require_http_methods(["GET", "HEAD"])
def inbox(request: HttpRequest) -> HttpResponse:
    user = access_inbox(request)
    paginator = Paginator(notifications_of(user=user), PER_PAGE)
    page = paginator.get_page(request.GET.get("pagina"))
    return render(
        request,
        "notifications/inbox.html",
        {
            "page": page,
            "unread": notifications_unread_count(user=user),
        },
    )


@require_http_methods(["GET", "HEAD"])
def open_notification(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the message read and go where it points; a message without a link (or
    with one that leaves the site) goes back to it in the inbox."""
    notification = access_own_notification(request, pk)
    notification_mark_read(actor=notification.recipient, notification=notification)
    if notification.url and is_site_path(notification.url):
        return redirect(notification.url)
    return redirect(f"{reverse('notifications:inbox')}#bericht-{notification.pk}")


@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    user = access_inbox(request)
    count = notification_mark_all_read(actor=user)
    if count:
        messages.success(request, _("All your messages are marked as read."))
    return redirect("notifications:inbox")
