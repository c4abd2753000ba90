"""E-mail backend for the demo: stores every message in ``DemoEmail`` so that the demo
mailbox page (``demo:mailbox``) can show it. Nothing leaves the machine."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend

from wijkvoucher.demo.models import DemoEmail


def _html_alternative(message: EmailMessage) -> str:
    if not isinstance(message, EmailMultiAlternatives):
        return ""
    for content, mimetype in message.alternatives:
        if mimetype == "text/html":
            if isinstance(content, bytes):
                return content.decode()
            return str(content)
    return ""


def _text_body(message: EmailMessage) -> str:
    body = message.body
    if message.content_subtype == "html":
        # An HTML-only message: keep it for the HTML view, not as plain text.
        return ""
    return body if isinstance(body, str) else str(body)


class DemoMailboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        stored = []
        for message in email_messages:
            recipients = message.recipients()
            if not recipients:
                continue
            html = _html_alternative(message)
            if message.content_subtype == "html":
                html = str(message.body)
            stored.append(
                DemoEmail(
                    to=", ".join(recipients),
                    from_email=str(message.from_email or "")[:300],
                    subject=str(message.subject)[:300],
                    body=_text_body(message),
                    html_body=html,
                )
            )
        DemoEmail.objects.bulk_create(stored)
        return len(stored)
