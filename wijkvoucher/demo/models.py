"""The demo mailbox: in demo mode every e-mail the system sends is stored here instead
of being delivered, so that a visitor can read sign-in links without a real inbox."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DemoEmail(models.Model):
    to = models.TextField(_("to"), help_text=_("Recipients, separated by commas."))
    from_email = models.CharField(_("from"), max_length=300, blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body = models.TextField(_("text"), blank=True)
    html_body = models.TextField(_("HTML text"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("demo e-mail")
        verbose_name_plural = _("demo e-mails")
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"
