"""The links to plan pages that messages carry."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from wijkvoucher.initiatives.models import Initiative


def resident_url(initiative: Initiative) -> str:
    return reverse(
        "initiatives:plan_detail", kwargs={"initiative_uuid": initiative.uuid}
    )


def official_url(initiative: Initiative) -> str:
    return reverse(
        "initiatives:official_plan", kwargs={"initiative_uuid": initiative.uuid}
    )


def regiegroep_url() -> str:
    try:
        return reverse("regiegroep:home")
    except NoReverseMatch:
        return ""


def co_initiator_invitation_path(token: str) -> str:
    """The path of the page where an invited co-initiator answers."""
    return reverse("initiatives:co_initiator_invitation", kwargs={"token": token})
