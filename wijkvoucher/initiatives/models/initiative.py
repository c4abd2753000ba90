"""The initiative (aanvraag) with its budget lines and its own contribution."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.models import BaseModel
from wijkvoucher.initiatives.constants import (
    ContributionKind,
    InitiativeStatus,
)
from wijkvoucher.neighbourhoods.constants import CostCategory

# Rough bounding box of the Netherlands for an optional map point.
LATITUDE_RANGE = (Decimal("50.7"), Decimal("53.6"))


LONGITUDE_RANGE = (Decimal("3.3"), Decimal("7.3"))


class Initiative(BaseModel):
    """A resident's plan. ``status`` is kept here for fast filtering; the timeline is in
    ``StatusChange``. Only the services in services.py change it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("wijk"),
        on_delete=models.PROTECT,
        related_name="initiatives",
    )
    regulation_version = models.ForeignKey(
        "neighbourhoods.RegulationVersion",
        verbose_name=_("regeling version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatives",
        help_text=_("The version in force when the initiative was submitted."),
    )
    initiator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("initiator"),
        on_delete=models.PROTECT,
        related_name="initiatives",
    )
    contact_official = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact official"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatives_in_contact",
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    goals = models.JSONField(_("goals"), default=list, blank=True)
    target_group = models.CharField(_("target group"), max_length=200, blank=True)
    location_text = models.CharField(_("location"), max_length=200, blank=True)
    # None: the initiator has not answered yet. A plan in the street, on a square or
    # in a park needs permission and meets the regeling's public-space deadline.
    uses_public_space = models.BooleanField(
        _("uses public space"), null=True, blank=True
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=30,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.DRAFT,
        db_index=True,
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decision_due_on = models.DateField(_("decision due on"), null=True, blank=True)
    clock_paused_on = models.DateField(
        _("decision clock paused since"), null=True, blank=True
    )
    clock_paused_days = models.PositiveIntegerField(
        _("days the decision clock was paused"), default=0
    )
    extension_used = models.BooleanField(
        _("decision term extended (Awb 4:14)"), default=False
    )
    requested_amount_cents = models.PositiveBigIntegerField(
        _("requested amount (cents)"), default=0
    )
    food_drink_motivation = models.TextField(
        _("why food and drink are needed"), blank=True
    )
    publish_initiator_name = models.BooleanField(
        _("initiator's name may be published"), default=False
    )
    # A plan that gets no money is published with its title, the reason and the
    # official's public explanation; its full text only with this consent (issue #9).
    publish_text_if_not_awarded = models.BooleanField(
        _("full text may be published if the plan gets no money"), default=False
    )
    # What the age rules of the regeling need, and nothing more (AVG: data
    # minimisation): either "at least N years old" (N the regeling's threshold when
    # the initiator answered) or, only for someone younger, the age itself.
    applicant_age_at_least = models.PositiveSmallIntegerField(
        _("initiator is at least this old"), null=True, blank=True
    )
    applicant_age = models.PositiveSmallIntegerField(
        _("initiator's age (only when younger than the threshold)"),
        null=True,
        blank=True,
    )
    parental_consent = models.BooleanField(
        _("a parent or guardian agrees"), default=False
    )
    parental_consent_name = models.CharField(
        _("name of the parent or guardian who agrees"), max_length=200, blank=True
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    information_due_on = models.DateField(
        _("information due on"),
        null=True,
        blank=True,
        help_text=_("The last day to send the requested information."),
    )

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=InitiativeStatus.values),
                name="initiative_status_known",
            ),
            models.CheckConstraint(
                condition=models.Q(starts_on__isnull=True)
                | models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="initiative_period_order",
            ),
            models.CheckConstraint(
                condition=models.Q(clock_paused_days__gte=0),
                name="initiative_paused_days_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(requested_amount_cents__gte=0),
                name="initiative_requested_not_negative",
            ),
            # What submission sets comes together, and a draft has none of it.
            models.CheckConstraint(
                condition=models.Q(
                    submitted_at__isnull=True,
                    regulation_version__isnull=True,
                    decision_due_on__isnull=True,
                )
                | (
                    models.Q(
                        submitted_at__isnull=False,
                        regulation_version__isnull=False,
                        decision_due_on__isnull=False,
                    )
                    & ~models.Q(status=InitiativeStatus.DRAFT)
                ),
                name="initiative_submission_complete",
            ),
            # The clock has a pause start exactly while information is requested.
            models.CheckConstraint(
                condition=models.Q(
                    status=InitiativeStatus.INFORMATION_REQUESTED,
                    clock_paused_on__isnull=False,
                )
                | (
                    ~models.Q(status=InitiativeStatus.INFORMATION_REQUESTED)
                    & models.Q(clock_paused_on__isnull=True)
                ),
                name="initiative_pause_matches_status",
            ),
            # A map point is both coordinates or none, and lies roughly in the
            # Netherlands.
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(
                    latitude__isnull=False,
                    longitude__isnull=False,
                    latitude__gte=LATITUDE_RANGE[0],
                    latitude__lte=LATITUDE_RANGE[1],
                    longitude__gte=LONGITUDE_RANGE[0],
                    longitude__lte=LONGITUDE_RANGE[1],
                ),
                name="initiative_point_in_netherlands",
            ),
            # The age answer is one of the two, never both.
            models.CheckConstraint(
                condition=models.Q(applicant_age_at_least__isnull=True)
                | models.Q(applicant_age__isnull=True),
                name="initiative_one_age_answer",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class BudgetLine(BaseModel):
    """One cost line of the begroting."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="budget_lines",
    )
    description = models.CharField(_("description"), max_length=200)
    category = models.CharField(
        _("category"), max_length=30, choices=CostCategory.choices
    )
    amount_cents = models.PositiveBigIntegerField(_("amount (cents)"))
    hours = models.DecimalField(
        _("hours"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    provider_name = models.CharField(_("provider"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["initiative", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_cents__gt=0),
                name="budget_line_amount_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(hours__isnull=True) | models.Q(hours__gt=0),
                name="budget_line_hours_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(category__in=CostCategory.values),
                name="budget_line_category_known",
            ),
        ]

    def __str__(self) -> str:
        return self.description


class OwnContribution(BaseModel):
    """What the initiators bring themselves: money, hours or things."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="own_contributions",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ContributionKind.choices)
    description = models.CharField(_("description"), max_length=200, blank=True)
    amount_cents = models.PositiveBigIntegerField(
        _("amount (cents)"), null=True, blank=True
    )
    hours = models.DecimalField(
        _("hours"), max_digits=7, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("own contribution")
        verbose_name_plural = _("own contributions")
        ordering = ["initiative", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=ContributionKind.values),
                name="own_contribution_kind_known",
            ),
            models.CheckConstraint(
                condition=models.Q(amount_cents__isnull=True)
                | models.Q(amount_cents__gt=0),
                name="own_contribution_amount_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(hours__isnull=True) | models.Q(hours__gt=0),
                name="own_contribution_hours_positive",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind=ContributionKind.MONEY)
                | models.Q(amount_cents__isnull=False),
                name="own_contribution_money_has_amount",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind=ContributionKind.HOURS)
                | models.Q(hours__isnull=False),
                name="own_contribution_hours_has_hours",
            ),
        ]

    def __str__(self) -> str:
        return self.description or self.get_kind_display()
