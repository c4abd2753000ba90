"""The self-reported step on the social participation ladder (docs/participation.md).
The engagement ladder has no table: it is derived from what people do in the
system (``ladder.py``, ``selectors.py``).

A report exists only with the resident's explicit consent; withdrawing consent
deletes every report of that person, so no report or aggregate uses them again."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.models import BaseModel
from wijkvoucher.participation.constants import SocialStep


class SocialLadderReport(BaseModel):
    """A resident's own step on the social participation ladder on a day, with the
    wijk they lived in then (for the reports per wijk)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("wijk"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    step = models.PositiveSmallIntegerField(_("step"), choices=SocialStep.choices)
    reported_on = models.DateField(_("reported on"))
    consented_at = models.DateTimeField(_("permission given at"))

    class Meta:
        verbose_name = _("social participation report")
        verbose_name_plural = _("social participation reports")
        ordering = ["user", "reported_on", "pk"]
        indexes = [models.Index(fields=["neighbourhood", "reported_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(step__gte=1, step__lte=6),
                name="social_ladder_step_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.reported_on}"
