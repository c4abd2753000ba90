"""The roles people hold (roles are data, docs/roles.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.models import BaseModel
from wijkvoucher.neighbourhoods import constants as c
from wijkvoucher.neighbourhoods.models.municipality import (
    Municipality,
)
from wijkvoucher.neighbourhoods.models.neighbourhoods import (
    Neighbourhood,
)


class RoleAssignment(BaseModel):
    """A role someone holds, for one wijk or the whole municipality, for a period."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    role = models.CharField(_("role"), max_length=30, choices=c.Role.choices)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        verbose_name=_("wijk"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        help_text=_("Empty means the whole municipality."),
    )
    valid_from = models.DateField(_("from"))
    valid_until = models.DateField(_("until"), null=True, blank=True)
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("appointed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    previously_active = models.BooleanField(
        _("was already active in the wijk before"), default=False
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["municipality", "neighbourhood", "role", "user"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="role_assignment_period_order",
            ),
        ]

    def __str__(self) -> str:
        where = self.neighbourhood or self.municipality
        return f"{self.user} – {self.get_role_display()} ({where})"
