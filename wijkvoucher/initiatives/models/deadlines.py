"""Awb terms of an initiative: extensions of the decision term and notices of default."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.initiatives.models.initiative import (
    Initiative,
)


class DecisionTermExtension(models.Model):
    """The one extension of the decision term (Awb 4:14): from which date to which,
    by whom and why. On the plan's timeline; append-only (database triggers)."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        related_name="term_extensions",
    )
    from_due_on = models.DateField(_("decision due before"))
    to_due_on = models.DateField(_("decision due after"))
    motivation = models.TextField(_("reason"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("decision term extension")
        verbose_name_plural = _("decision term extensions")
        ordering = ["initiative", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative"], name="decision_term_extended_once"
            ),
            models.CheckConstraint(
                condition=models.Q(to_due_on__gt=models.F("from_due_on")),
                name="decision_term_extension_later",
            ),
            models.CheckConstraint(
                condition=~models.Q(motivation=""),
                name="decision_term_extension_reason_required",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id}: {self.from_due_on} → {self.to_due_on}"


class NoticeOfDefault(models.Model):
    """The initiator's notice of default (ingebrekestelling, Awb 4:17): the municipality
    is late with its decision. Received through the plan page; the day it was received
    fixes the first day of the penalty payment. One per plan; append-only (database
    triggers)."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        related_name="notices_of_default",
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    decision_due_on = models.DateField(
        _("decision was due on"),
        help_text=_("The decision date that had passed when the notice arrived."),
    )
    penalty_starts_on = models.DateField(_("penalty payment starts on"))
    message = models.TextField(_("message"), blank=True)

    class Meta:
        verbose_name = _("notice of default")
        verbose_name_plural = _("notices of default")
        ordering = ["initiative", "received_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative"], name="notice_of_default_once_per_plan"
            ),
            models.CheckConstraint(
                condition=models.Q(penalty_starts_on__gt=models.F("decision_due_on")),
                name="notice_of_default_after_the_term",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id}: {self.received_at:%Y-%m-%d}"
