"""Helpers of the organisers' page tests: signed-in clients and the page URLs."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from wijkvoucher.accounts.models import User
from wijkvoucher.consultations.models import Consultation
from wijkvoucher.neighbourhoods.tests.helpers import HttpsClient, sign_in_verified


def client_for(user: User) -> HttpsClient:
    """A browser of ``user`` who passed the second factor."""
    client = HttpsClient()
    sign_in_verified(client, user)
    return client


def url(name: str, consultation: Consultation | None = None, **kwargs: Any) -> str:
    if consultation is not None:
        kwargs["consultation_uuid"] = consultation.uuid
    return reverse(f"consultations_manage:{name}", kwargs=kwargs)


def page(response: Any) -> str:
    text: str = response.content.decode()
    return text
