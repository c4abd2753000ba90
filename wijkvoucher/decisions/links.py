"""The link to a beschikking that messages carry."""

from __future__ import annotations

from django.urls import reverse

from wijkvoucher.decisions.models import Decision


def decision_url(decision: Decision) -> str:
    return reverse("decisions:decision_detail", kwargs={"decision_uuid": decision.uuid})
