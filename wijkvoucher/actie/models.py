"""ACTIE assessments (docs/actie.md): one filled-in form, kept for ever. A new
assessment of the same plan or wijk is a new row, so the history is every row;
the database refuses changes and deletions (append-only, migration 0001)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkvoucher.actie.constants import NOTE_MAX, SupportRole, Variant
from wijkvoucher.core.models import BaseModel


class ActieAssessment(BaseModel):
    """One filled-in ACTIE form: per plan (FRONTLINE) or per wijk and period
    (ORGANISATION). ``role_suggested`` is what the scoring suggested when it was
    recorded; ``role_chosen`` what the author chose (empty: not chosen)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    variant = models.CharField(_("form"), max_length=20, choices=Variant.choices)
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("wijk"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period until"), null=True, blank=True)
    assessed_on = models.DateField(_("filled in on"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filled in by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    role_suggested = models.CharField(
        _("suggested role"), max_length=20, choices=SupportRole.choices, blank=True
    )
    role_chosen = models.CharField(
        _("chosen role"), max_length=20, choices=SupportRole.choices, blank=True
    )
    # The ACTIE-punten per letter: {"A": "...", "C": "...", ...}.
    points = models.JSONField(_("ACTIE-punten"), default=dict, blank=True)

    class Meta:
        verbose_name = _("ACTIE assessment")
        verbose_name_plural = _("ACTIE assessments")
        ordering = ["-assessed_on", "-pk"]
        indexes = [
            models.Index(fields=["initiative", "assessed_on"]),
            models.Index(fields=["neighbourhood", "variant", "assessed_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    variant=Variant.FRONTLINE,
                    initiative__isnull=False,
                    period_start__isnull=True,
                    period_end__isnull=True,
                )
                | models.Q(
                    variant=Variant.ORGANISATION,
                    initiative__isnull=True,
                    period_start__isnull=False,
                    period_end__gte=models.F("period_start"),
                ),
                name="actie_assessment_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"ACTIE {self.variant} {self.assessed_on}"


class ActieAnswer(models.Model):
    """One item's score (1-4, or empty for "unknown") and note."""

    assessment = models.ForeignKey(
        ActieAssessment,
        verbose_name=_("ACTIE assessment"),
        on_delete=models.PROTECT,
        related_name="answers",
    )
    item = models.CharField(_("item"), max_length=4)
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    note = models.TextField(_("note"), max_length=NOTE_MAX, blank=True)

    class Meta:
        verbose_name = _("ACTIE answer")
        verbose_name_plural = _("ACTIE answers")
        ordering = ["assessment", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "item"], name="actie_answer_one_per_item"
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True)
                | models.Q(score__gte=1, score__lte=4),
                name="actie_answer_score_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.score}"
