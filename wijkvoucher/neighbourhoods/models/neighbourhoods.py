"""Wijken, their postcode ranges and budget periods, and residents' addresses."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.models import BaseModel
from wijkvoucher.neighbourhoods.models.municipality import (
    Municipality,
)
from wijkvoucher.neighbourhoods.models.regulations import (
    Regulation,
)


class Neighbourhood(BaseModel):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="neighbourhoods",
    )
    regulation = models.ForeignKey(
        Regulation,
        verbose_name=_("regeling"),
        on_delete=models.PROTECT,
        related_name="neighbourhoods",
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True)
    description = models.TextField(_("description"), blank=True)
    population = models.PositiveIntegerField(_("inhabitants"))
    designated_from = models.DateField(_("designated from"))
    designated_until = models.DateField(_("designated until"), null=True, blank=True)
    meeting_place = models.CharField(
        _("where the regiegroep meets"), max_length=200, blank=True
    )
    contact_official = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("default contact official"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")
        ordering = ["municipality", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(designated_until__isnull=True)
                | models.Q(designated_until__gt=models.F("designated_from")),
                name="neighbourhood_designation_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PostcodeRange(BaseModel):
    """Inclusive range of six-character postcodes ('1234AA'..'1234ZZ')."""

    neighbourhood = models.ForeignKey(
        Neighbourhood,
        verbose_name=_("wijk"),
        on_delete=models.CASCADE,
        related_name="postcode_ranges",
    )
    start = models.CharField(_("from postcode"), max_length=6)
    end = models.CharField(_("to postcode"), max_length=6)

    class Meta:
        verbose_name = _("postcode range")
        verbose_name_plural = _("postcode ranges")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")),
                name="postcode_range_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start}–{self.end}"


class BudgetPeriod(BaseModel):
    """A wijkbudget for one period with its subsidieplafond (Awb 4:25). The ceiling
    enters the ledger when the period is published."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        verbose_name=_("wijk"),
        on_delete=models.PROTECT,
        related_name="budget_periods",
    )
    name = models.CharField(_("name"), max_length=100)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    ceiling_cents = models.PositiveBigIntegerField(_("ceiling (cents)"))
    publication_date = models.DateField(_("publication date"))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    carry_over_allowed = models.BooleanField(
        _("unspent money carries over"), default=False
    )
    account = models.OneToOneField(
        "ledger.Account",
        verbose_name=_("ledger account"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_period",
    )

    class Meta:
        verbose_name = _("budget period")
        verbose_name_plural = _("budget periods")
        ordering = ["neighbourhood", "-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")),
                name="budget_period_order",
            ),
            models.UniqueConstraint(
                fields=["neighbourhood", "starts_on"], name="budget_period_unique_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.neighbourhood} {self.name}"


class Address(BaseModel):
    """A resident's address. The postcode decides the wijk."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resident"),
        on_delete=models.CASCADE,
        related_name="addresses",
    )
    postcode = models.CharField(_("postcode"), max_length=6)
    house_number = models.PositiveIntegerField(_("house number"))
    house_letter = models.CharField(_("house letter"), max_length=1, blank=True)
    house_number_addition = models.CharField(_("addition"), max_length=4, blank=True)
    street = models.CharField(_("street"), max_length=200, blank=True)
    city = models.CharField(_("place"), max_length=100, blank=True)
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        verbose_name=_("wijk"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="addresses",
    )
    residency_confirmed_at = models.DateTimeField(
        _("residency confirmed at"), null=True, blank=True
    )
    residency_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("residency confirmed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    valid_until = models.DateField(_("moved out on"), null=True, blank=True)
    # Recorded by the official who confirms the residency, as the BRP shows it: the
    # only age the product knows of a resident (voting from the account,
    # docs/voting.md). Cleared when the resident moves out.
    birth_date_confirmed = models.DateField(
        _("birth date (BRP)"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        ordering = ["user", "postcode", "house_number"]
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "user",
                    "postcode",
                    "house_number",
                    "house_letter",
                    "house_number_addition",
                ],
                # One current row per person and address; every stay that ended stays
                # as its own row of history.
                condition=models.Q(valid_until__isnull=True),
                name="address_unique_current_per_user",
            ),
            models.CheckConstraint(
                condition=models.Q(house_number__gte=1)
                & models.Q(house_number__lte=99999),
                name="address_house_number_range",
            ),
        ]

    def __str__(self) -> str:
        number = f"{self.house_number}{self.house_letter}"
        if self.house_number_addition:
            number += f"-{self.house_number_addition}"
        postcode = f"{self.postcode[:4]} {self.postcode[4:]}"
        street = f"{self.street} " if self.street else ""
        return f"{street}{number}, {postcode}"
