"""The links to the accountability pages that messages carry."""

from __future__ import annotations

from django.urls import reverse

from wijkvoucher.initiatives.models import Initiative


def execution_url(initiative: Initiative) -> str:
    return reverse(
        "accountability:execution", kwargs={"initiative_uuid": initiative.uuid}
    )


def report_url(initiative: Initiative) -> str:
    return reverse("accountability:report", kwargs={"initiative_uuid": initiative.uuid})


def official_execution_url(initiative: Initiative) -> str:
    return reverse(
        "accountability:official_execution",
        kwargs={"initiative_uuid": initiative.uuid},
    )
