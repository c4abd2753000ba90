"""Background work of notifications (django-tasks)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def notification_email_send(notification_id: int) -> None:
    """E-mail one notification once, as plain text with an HTML alternative. The text
    was written in the recipient's language when the notification was made; the
    frame around it is rendered in that language too, and the link is made absolute
    with SITE_URL. A failure is logged without the address, counted on the
    notification and raised (the task shows as failed); ``deadlines_run`` tries it
    again later."""
    from wijkvoucher.notifications.models import Notification

    notification = (
        Notification.objects.select_related("recipient")
        .filter(pk=notification_id, emailed_at__isnull=True)
        .first()
    )
    if notification is None:
        return
    recipient = notification.recipient
    address = recipient.email
    if not address:
        return
    link = (
        f"{settings.SITE_URL.rstrip('/')}{notification.url}" if notification.url else ""
    )
    context = {
        "notification": notification,
        "link": link,
        "site_url": settings.SITE_URL.rstrip("/"),
        "inbox_url": f"{settings.SITE_URL.rstrip('/')}{reverse('notifications:inbox')}",
        "name": recipient.display_name,
    }
    language = recipient.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        text = render_to_string("notifications/emails/notification.txt", context)
        html = render_to_string("notifications/emails/notification.html", context)
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
    )
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except OSError as exc:
        Notification.objects.filter(pk=notification.pk).update(
            email_attempts=F("email_attempts") + 1
        )
        logger.error(
            "Notification e-mail %s could not be sent (%s).",
            notification.pk,
            type(exc).__name__,
        )
        raise
    Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
