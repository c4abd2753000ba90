"""The links to provider pages that messages carry. Services put them in
notifications; they read nothing but the row. The provider's home page is served by
the payments app (what the provider is owed and paid); it is linked by name."""

from __future__ import annotations

from django.urls import reverse

from wijkvoucher.providers.models import Provider


def application_url(provider: Provider) -> str:
    """The applicant's page of their application (linked from every message)."""
    return reverse(
        "providers:provider_application", kwargs={"provider_uuid": provider.uuid}
    )


def provider_review_url(provider: Provider) -> str:
    """The coordinator's review page of an application."""
    return reverse("providers:provider_review", kwargs={"provider_uuid": provider.uuid})


def provider_home_url() -> str:
    return reverse("payments:provider_home")
