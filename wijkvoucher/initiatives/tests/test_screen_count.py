"""How many page loads a first-time resident needs from the home page to a sent plan
(issue #9: at most eight, the mailbox not counted). The walk uses the real sign-in
by e-mail link and counts every page the browser shows: each GET that renders HTML
and each POST answered with a page of its own (a refused form). A redirect followed
by its page counts once. The assertions pin today's numbers so that a change in
either direction is noticed; tests/browser/test_resident_path.py walks the same path
in chromium at 360 px, with and without JavaScript."""

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

from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.neighbourhoods.constants import CostCategory
from wijkvoucher.neighbourhoods.tests.helpers import HttpsClient, on_day

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_interface")]


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day(), translation.override("en"):
        yield


class Walk:
    """A client that records every page load, in order."""

    def __init__(self) -> None:
        self.client: Client = HttpsClient()
        self.loads: list[str] = []

    def get(self, url: str) -> str:
        response = self.client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        self.loads.append(urlsplit(url).path)
        return response.content.decode()

    def post(self, url: str, data: dict[str, Any]) -> str:
        """Send a form; the page it leads to (or the page itself, refused) is the
        next load."""
        response = self.client.post(url, data)
        if response.status_code == 200:
            self.loads.append(urlsplit(url).path)
            return response.content.decode()
        assert response.status_code == 302, (url, response.content.decode()[:3000])
        return self.get(response["Location"])


def _money(amount: str) -> dict[str, str]:
    return {
        "line-TOTAL_FORMS": "1",
        "line-INITIAL_FORMS": "0",
        "line-0-description": "Bankjes",
        "line-0-category": CostCategory.MATERIALS,
        "line-0-amount": amount,
        "contribution-TOTAL_FORMS": "1",
        "contribution-INITIAL_FORMS": "0",
        "contribution-0-kind": "hours",
        "contribution-0-hours": "10",
        "action": "next",
    }


def _walk(capture: Callable[..., Any], *, mistake: bool) -> tuple[Walk, Initiative]:
    neighbourhood_ready()
    walk = Walk()
    # the home page asks for the e-mail address on its first screen
    home = walk.get(reverse("transparency:home"))
    assert f'action="{reverse("accounts:login")}"' in home
    assert home.index('name="email"') < home.index('id="steps-title"')
    with capture(execute=True):
        walk.post(
            reverse("accounts:login"),
            {"email": "nieuw@example.nl", "next": reverse("initiatives:plan_start")},
        )
    # the link from the e-mail (the mailbox is not counted) shows a button
    link = re.search(r"https?://\S+/inloggen/link/\S+", mail.outbox[-1].body)
    assert link is not None
    link_page = walk.get(link.group(0))
    token = re.search(r'name="token" value="([^"]+)"', link_page)
    assert token is not None
    # which leads straight to step 1, where the address is asked too
    start = walk.post(
        reverse("accounts:login_link"),
        {
            "token": html.unescape(token.group(1)),
            "next": reverse("initiatives:plan_start"),
        },
    )
    assert 'name="postcode"' in start
    assert 'name="description"' in start
    walk.post(
        reverse("initiatives:plan_start"),
        {
            "title": "Bankjes op het plein",
            "postcode": "1000AB",
            "house_number": "4",
            "description": "Drie bankjes waar buren elkaar ontmoeten.",
            "location_text": "Plein",
            "starts_on": "2026-09-01",
            "ends_on": "2026-09-01",
            "action": "next",
        },
    )
    initiative = Initiative.objects.get()
    step2 = reverse("initiatives:plan_step", args=[initiative.uuid, 2])
    if mistake:
        refused = walk.post(step2, _money("12,505"))
        assert "Please check the following" in refused
    walk.post(step2, _money("600"))
    walk.post(
        reverse("initiatives:plan_submit", args=[initiative.uuid]),
        {"full_name": "Sanne de Vries", "age_band": "yes"},
    )
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.SUBMITTED
    return walk, initiative


def test_a_first_time_resident_sends_a_plan_in_seven_page_loads(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    walk, initiative = _walk(django_capture_on_commit_callbacks, mistake=False)
    # home (with the e-mail field), "link sent", the link's "Sign in" button, step 1
    # (plan and address), step 2 (costs and contribution), step 3 (check, name and
    # age, send) and the plan page that confirms it was received.
    assert walk.loads == [
        reverse("transparency:home"),
        reverse("accounts:login_sent"),
        reverse("accounts:login_link"),
        reverse("initiatives:plan_start"),
        reverse("initiatives:plan_step", args=[initiative.uuid, 2]),
        reverse("initiatives:plan_submit", args=[initiative.uuid]),
        reverse("initiatives:plan_detail", args=[initiative.uuid]),
    ]


def test_one_refused_step_on_the_way_stays_within_eight(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    walk, _initiative = _walk(django_capture_on_commit_callbacks, mistake=True)
    assert len(walk.loads) == 8
