"""Providers (aanbieders), the people who act for them and their API keys (issue #4).

The tables keep their names from the vouchers app (``db_table``), where these
models lived until issue #10."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.models import BaseModel
from wijkvoucher.providers.constants import ProviderReviewStatus

# The review table lives with its machine; re-exported here for older imports.
from wijkvoucher.providers.workflow import (
    PROVIDER_REVIEW_STEPS as PROVIDER_REVIEW_STEPS,
)


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
    categories = models.JSONField(_("categories"), default=list, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    payable_account = models.OneToOneField(
        "ledger.Account",
        verbose_name=_("payable account"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    review_status = models.CharField(
        _("review"),
        max_length=20,
        choices=ProviderReviewStatus.choices,
        default=ProviderReviewStatus.SUBMITTED,
    )
    # The coordinator's reason when the application was last returned or rejected:
    # the applicant reads it on their application page.
    review_reason = models.TextField(_("reason given to the applicant"), blank=True)

    class Meta:
        db_table = "vouchers_provider"
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(review_status__in=ProviderReviewStatus.values),
                name="provider_review_status_known",
            ),
            # The approval time decides (every query asks for it); an application
            # marked approved has one, a returned or rejected one has none.
            models.CheckConstraint(
                condition=(
                    ~models.Q(review_status=ProviderReviewStatus.APPROVED)
                    | models.Q(approved_at__isnull=False)
                )
                & (
                    ~models.Q(
                        review_status__in=[
                            ProviderReviewStatus.RETURNED,
                            ProviderReviewStatus.REJECTED,
                        ]
                    )
                    | models.Q(approved_at__isnull=True)
                ),
                name="provider_approved_fields",
            ),
        ]

    @property
    def review_state(self) -> ProviderReviewStatus:
        """Where the application stands; a provider with an approval time is
        approved, whatever else it says."""
        if self.approved_at is not None:
            return ProviderReviewStatus.APPROVED
        return ProviderReviewStatus(self.review_status)

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
        db_table = "vouchers_providermembership"
        verbose_name = _("provider user")
        verbose_name_plural = _("provider users")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "user"], name="provider_membership_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.provider}"


class ProviderApiToken(BaseModel):
    """A key a provider's own system sends as ``Authorization: Token <key>``. Only the
    SHA-256 digest is stored; the key is shown once, when it is made."""

    provider = models.ForeignKey(
        Provider,
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="api_tokens",
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("first characters"), max_length=12)
    key_digest = models.CharField(_("key digest"), max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        db_table = "vouchers_providerapitoken"
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.provider} {self.prefix}…"
