"""The Django admin (/beheer/) is the coordinators' back office: every admin URL refuses
everyone but a coordinator who passed the second factor (ASVS 8.2.1; BIO2 5.17.01)."""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse

import pytest

from tests.access_world import PERSONAS, build_world
from tests.test_access_matrix import all_url_names, outcome_of


def _admin_urls_without_object() -> list[str]:
    urls = []
    for name in sorted(n for n in all_url_names() if n.startswith("admin:")):
        try:
            urls.append(reverse(name))
        except NoReverseMatch:
            continue  # needs an object id or an app label; the changelists cover those models
    return urls


ADMIN_URLS = _admin_urls_without_object()
NOT_COORDINATORS = [p for p in PERSONAS if p != "coordinator"]
# What a coordinator manages; elsewhere (groups, task results, devices, adding to
# read-only tables) a refusal is right.
COORDINATOR_WORKS_HERE = {
    "/beheer/",
    "/beheer/neighbourhoods/municipality/",
    "/beheer/neighbourhoods/regulation/",
    "/beheer/neighbourhoods/regulationversion/",
    "/beheer/neighbourhoods/neighbourhood/",
    "/beheer/neighbourhoods/budgetperiod/",
    "/beheer/neighbourhoods/roleassignment/",
    "/beheer/neighbourhoods/roleassignment/add/",
    "/beheer/providers/provider/",
    "/beheer/providers/provider/add/",
    "/beheer/providers/providermembership/",
    "/beheer/core/auditevent/",
    "/beheer/ledger/account/",
    "/beheer/ledger/ledgertransaction/",
    "/beheer/accounts/user/",
}


def test_the_admin_family_is_not_empty() -> None:
    assert set(ADMIN_URLS) >= COORDINATOR_WORKS_HERE


@pytest.mark.django_db
@pytest.mark.parametrize("url", ADMIN_URLS)
def test_admin_refuses_everyone_but_a_verified_coordinator(url: str) -> None:
    # given
    world = build_world()
    expected: dict[str, tuple[str, ...]] = {
        "anonymous": ("login", "redirect") if url.endswith("/logout/") else ("login",),
        # an official with a device who has not passed it yet, and every non-coordinator
        **{p: ("forbidden", "otp") for p in NOT_COORDINATORS if p != "anonymous"},
        "coordinator": ("ok", "redirect", "forbidden", "missing"),
    }
    if url.endswith("/logout/"):
        # our sign-out view: a GET only shows the button or goes back, and signs nobody out
        expected = dict.fromkeys(PERSONAS, ("login", "redirect", "ok"))
    seen: dict[str, Any] = {}
    # when each persona opens the admin URL (following the admin's own login gate once)
    for persona in PERSONAS:
        client = world.client_for(persona)
        response = client.get(url, secure=True)
        if response.status_code == 302 and response["Location"].startswith(
            "/beheer/login/"
        ):
            response = client.get(response["Location"], secure=True)
        seen[persona] = outcome_of(response)
    # then only the coordinator gets in; nobody else sees any admin page
    for persona in PERSONAS:
        assert seen[persona] in expected[persona], (url, persona, seen[persona])
    if url in COORDINATOR_WORKS_HERE:
        assert seen["coordinator"] == "ok", url
