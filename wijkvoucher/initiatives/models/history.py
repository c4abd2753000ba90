"""Append-only history of an initiative: its status changes and the hand-overs between contact officials."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.initiatives.constants import (
    InitiativeStatus,
    ReasonCode,
)
from wijkvoucher.initiatives.models.initiative import (
    Initiative,
)
from wijkvoucher.initiatives.workflow import REASON_REQUIRED


class StatusChange(models.Model):
    """One step of the timeline. Append-only: the database refuses UPDATE and DELETE
    (migration 0002); a correction is a new step."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        related_name="status_changes",
    )
    from_status = models.CharField(
        _("from"), max_length=30, choices=InitiativeStatus.choices
    )
    to_status = models.CharField(
        _("to"), max_length=30, choices=InitiativeStatus.choices
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the system took the step."),
    )
    reason_code = models.CharField(
        _("reason"), max_length=30, choices=ReasonCode.choices, blank=True
    )
    motivation = models.TextField(_("motivation"), blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["initiative", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(from_status=models.F("to_status")),
                name="status_change_moves",
            ),
            models.CheckConstraint(
                condition=models.Q(reason_code="")
                | models.Q(reason_code__in=ReasonCode.values),
                name="status_change_reason_known",
            ),
            # A step into a status that needs reasons carries both a code and a
            # motivation; other steps carry no code.
            models.CheckConstraint(
                condition=(
                    models.Q(to_status__in=sorted(REASON_REQUIRED))
                    & ~models.Q(reason_code="")
                    & ~models.Q(motivation="")
                )
                | (
                    ~models.Q(to_status__in=sorted(REASON_REQUIRED))
                    & models.Q(reason_code="")
                ),
                name="status_change_reason_when_required",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class ContactHandover(models.Model):
    """The vaste contactambtenaar changed: who handed over to whom, and why."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        related_name="contact_handovers",
    )
    from_official = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("from"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    to_official = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("to"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("note for the new contact official"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("contact hand-over")
        verbose_name_plural = _("contact hand-overs")
        ordering = ["initiative", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(from_official__isnull=True)
                | ~models.Q(from_official=models.F("to_official")),
                name="contact_handover_changes_official",
            ),
            models.CheckConstraint(
                condition=~models.Q(note=""), name="contact_handover_note_required"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.from_official_id} → {self.to_official_id}"
