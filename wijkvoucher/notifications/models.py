"""Messages to a person about their initiatives: shown in the app, and sent by e-mail
after the transaction that caused them has committed (docs/workflow.md#messages)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.models import BaseModel


class Notification(BaseModel):
    """One message to one person, written in that person's language when it was made."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=60)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    url = models.CharField(_("link"), max_length=300, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(
        _("failed e-mail attempts"), default=0
    )

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["recipient", "read_at"], name="notification_unread_idx"
            )
        ]

    def __str__(self) -> str:
        return self.subject


class DeadlineReminder(models.Model):
    """A reminder or escalation about a deadline that has been sent: at most one per
    subject, kind and due date (the unique constraint makes the periodic scan safe to
    run twice). The subject is any row (an initiative, a meeting): notifications sits
    below the apps whose deadlines it remembers, so it refers to them generically."""

    subject_type = models.ForeignKey(
        ContentType,
        verbose_name=_("subject type"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    subject_id = models.PositiveBigIntegerField(_("subject"))
    kind = models.CharField(_("kind"), max_length=60)
    due_on = models.DateField(_("due on"))
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("deadline reminder")
        verbose_name_plural = _("deadline reminders")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["subject_type", "subject_id", "kind", "due_on"],
                name="deadline_reminder_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.due_on}"
