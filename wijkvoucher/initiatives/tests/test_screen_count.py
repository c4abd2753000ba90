"""How many screens a first-time resident sees from the home page to a submitted plan
(issue #3: "at most six screens"). The walk uses the real sign-in by e-mail link and
counts every distinct page the browser shows (each GET that renders HTML), in order.
The assertions pin today's numbers so that a change in either direction is noticed."""

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="assignment,arg-type,misc,return-value"
from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

import pytest

from wijkvoucher.core.middleware import DutchFirstLocaleMiddleware
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.neighbourhoods.constants import CostCategory
from wijkvoucher.neighbourhoods.tests.helpers import HttpsClient, on_day

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_interface(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    settings.LANGUAGE_CODE = "en"
    monkeypatch.setattr(
        DutchFirstLocaleMiddleware, "_language_for", lambda self, request: "en"
    )


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day(), translation.override("en"):
        yield


class Walk:
    """A client that records every page it is shown."""

    def __init__(self) -> None:
        self.client: Client = HttpsClient()
        self.screens: list[str] = []

    def get(self, url: str) -> str:
        response = self.client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        self.screens.append(urlsplit(url).path)
        return response.content.decode()

    def post(self, url: str, data: dict[str, Any]) -> str:
        """Post a form and show the page it leads to."""
        response = self.client.post(url, data)
        assert response.status_code == 302, (url, response.content.decode()[:3000])
        return self.get(response["Location"])


def _href(page: str, pattern: str) -> str:
    found = re.search(rf'href="({pattern}[^"]*)"', page)
    assert found is not None, pattern
    return html.unescape(found.group(1))


def test_a_first_time_resident_reaches_a_submitted_plan(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    # given a wijk that takes part, and someone who has never been here
    neighbourhood_ready()
    walk = Walk()

    # the home page asks for the e-mail address; the next page says a link was sent
    home = walk.get(reverse("transparency:home"))
    assert f'action="{reverse("accounts:login")}"' in home
    assert 'name="email"' in home
    with django_capture_on_commit_callbacks(execute=True):
        walk.post(
            reverse("accounts:login"),
            {"email": "nieuw@example.nl", "next": reverse("initiatives:my_plans")},
        )
    # the link from the e-mail shows a button that signs in
    link = re.search(r"https?://\S+/inloggen/link/\S+", mail.outbox[-1].body)
    assert link is not None
    link_page = walk.get(link.group(0))
    token = re.search(r'name="token" value="([^"]+)"', link_page)
    assert token is not None
    # "my plans", where the start form asks for the plan's name and the address
    start = walk.post(
        reverse("accounts:login_link"),
        {
            "token": html.unescape(token.group(1)),
            "next": reverse("initiatives:my_plans"),
        },
    )
    assert 'name="postcode"' in start
    walk.post(
        reverse("initiatives:plan_start"),
        {"title": "Bankjes op het plein", "postcode": "1000AB", "house_number": "4"},
    )
    initiative = Initiative.objects.get()

    def step(number: int) -> str:
        return reverse("initiatives:plan_step", args=[initiative.uuid, number])

    walk.post(
        step(1),
        {
            "title": "Bankjes op het plein",
            "description": "Drie bankjes waar buren elkaar ontmoeten.",
            "location_text": "Plein",
            "starts_on": "2026-09-01",
            "ends_on": "2026-09-01",
            "action": "next",
        },
    )
    # adding a cost shows the same screen again; it is counted once
    walk.post(
        step(2),
        {
            "part": "line",
            "description": "Bankjes",
            "category": CostCategory.MATERIALS,
            "amount": "600",
            "action": "save",
        },
    )
    # the last step, complete and within the rules, offers the send button itself
    last_step = walk.post(
        step(2),
        {"part": "contribution", "kind": "hours", "hours": "10", "action": "save"},
    )
    assert reverse("initiatives:plan_submit", args=[initiative.uuid]) in last_step
    response = walk.client.post(
        reverse("initiatives:plan_submit", args=[initiative.uuid])
    )
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.SUBMITTED

    # then the resident saw six screens: home (with the e-mail field), "link sent",
    # the link's "Sign in" button, "my plans" with the start form (name + address),
    # step 1 (the plan) and step 2 (costs, own contribution and the send button).
    screens = list(dict.fromkeys(walk.screens))
    assert screens == [
        reverse("transparency:home"),
        reverse("accounts:login_sent"),
        reverse("accounts:login_link"),
        reverse("initiatives:my_plans"),
        step(1),
        step(2),
    ]
