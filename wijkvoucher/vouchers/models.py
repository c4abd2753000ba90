"""Providers (aanbieders) where initiators spend vouchers. Issue #4 adds vouchers,
redemptions and payouts; the foundation needs providers and their users."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.models import BaseModel


class Provider(BaseModel):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(
        "neighbourhoods.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="providers",
    )
    name = models.CharField(_("name"), max_length=200)
    kvk_number = models.CharField(_("KvK number"), max_length=8, blank=True)
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    street_address = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)
    city = models.CharField(_("place"), max_length=100, blank=True)
    neighbourhoods = models.ManyToManyField(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("wijken served"),
        blank=True,
        related_name="providers",
    )
    description = models.TextField(_("what they offer"), blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProviderMembership(BaseModel):
    """A person who may act for a provider (role 'provider user')."""

    provider = models.ForeignKey(
        Provider,
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="provider_memberships",
    )
    valid_from = models.DateField(_("from"))
    valid_until = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("provider user")
        verbose_name_plural = _("provider users")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "user"], name="provider_membership_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.provider}"
