"""E-mails of the accounts app. They run after the transaction commits
(``transaction.on_commit``), so a rolled-back request never sends anything."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from sesame.utils import get_token

from wijkvoucher.accounts.constants import LOGIN_SCOPE
from wijkvoucher.accounts.models import User

logger = logging.getLogger(__name__)


def login_link_url(*, user: User, next_url: str = "") -> str:
    """The absolute sign-in link with a fresh single-use token."""
    params = {settings.SESAME_TOKEN_NAME: get_token(user, scope=LOGIN_SCOPE)}
    if next_url:
        params["next"] = next_url
    path = reverse("accounts:login_link")
    return f"{settings.SITE_URL}{path}?{urlencode(params)}"


def login_link_email_send(*, user_id: int, next_url: str, language: str) -> None:
    """Make the token only now, at sending time: it never sits in the database."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return
    context = {
        "url": login_link_url(user=user, next_url=next_url),
        "minutes": int(settings.SESAME_MAX_AGE) // 60,
        "site_url": settings.SITE_URL,
    }
    with translation.override(language):
        subject = _("Your sign-in link for wijkvoucher")
        text = render_to_string("accounts/emails/login_link.txt", context)
        html = render_to_string("accounts/emails/login_link.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except OSError as exc:
        # Not the exception itself: SMTP errors can carry the recipient's address.
        logger.error(
            "Sign-in e-mail could not be sent (user %s, %s).",
            user.pk,
            type(exc).__name__,
        )
