"""Background work of notifications (django-tasks)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def notification_email_send(notification_id: int) -> None:
    """E-mail one notification once. The text was written in the recipient's language
    when the notification was made; the link is made absolute with SITE_URL."""
    from wijkvoucher.notifications.models import Notification

    notification = (
        Notification.objects.select_related("recipient")
        .filter(pk=notification_id, emailed_at__isnull=True)
        .first()
    )
    if notification is None or not notification.recipient.email:
        return
    body = notification.body
    if notification.url:
        body = f"{body}\n\n{settings.SITE_URL.rstrip('/')}{notification.url}"
    message = EmailMessage(
        subject=notification.subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.recipient.email],
    )
    try:
        message.send()
    except OSError as exc:
        logger.error(
            "Notification e-mail %s could not be sent (%s).",
            notification.pk,
            type(exc).__name__,
        )
        raise
    Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
