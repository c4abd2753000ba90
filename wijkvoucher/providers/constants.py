"""Choices of providers (issue #4)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProviderCategory(models.TextChoices):
    MATERIALS = "materials", _("materials and tools")
    FOOD = "food", _("food and drink")
    PRINTING = "printing", _("printing and communication")
    RENTAL = "rental", _("renting space or equipment")
    GREEN = "green", _("plants and gardening")
    SERVICES = "services", _("services and guidance")
    OTHER = "other", _("other")


class ProviderReviewStatus(models.TextChoices):
    """Where a provider's application stands; the steps are in
    ``workflow.PROVIDER_REVIEW``."""

    SUBMITTED = "submitted", _("waiting for review")
    RETURNED = "returned", _("returned for more information")
    REJECTED = "rejected", _("rejected")
    APPROVED = "approved", _("approved")
