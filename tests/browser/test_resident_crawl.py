"""Issue #9, "done when": a resident walking the demo on a phone meets no dead end.

Each demo resident with a story (an award being carried out with vouchers, a rejected
plan with an objection, an information request to answer) signs in on a 360 px phone
and follows every link of the site that a resident can follow, from the home page and
"my plans" on. Every page they reach must open (no 4xx or 5xx), have a way on (a link
in the page's main content or the menu), not scroll sideways, use no id twice and pass
axe. Sign-out, downloads, the Django admin and the demo's own pages are not followed."""

from __future__ import annotations

from collections import deque
from urllib.parse import urldefrag, urlsplit

from django.urls import reverse

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.axe import axe_violations, describe_violations
from tests.browser.test_resident_path import PHONE, _sign_in_link, phone

pytestmark = pytest.mark.browser

RESIDENTS = (
    "naima.bakkali@example.nl",  # award being carried out: vouchers, a claim
    "gerrit.vos@example.nl",  # rejected, objected
    "mirjam.hofman@example.nl",  # must answer an information request
)
NOT_FOLLOWED = ("/demo/", "/beheer/", "/api/", "/static/", "/media/")
DOWNLOADS = (
    ".pdf",
    ".csv",
    ".xml",
    ".pb",
    ".zip",
    "/pdf/",
    "/csv/",
    "/pb/",
    "/sepa/",
    "/download",
)
MAX_PAGES = 60
# The resident's own pages first, then the public ones.
OWN = ("/mijn-plannen/", "/berichten/", "/mijn-profiel/", "/profiel/", "/plannen/")


def _links(page: Page, base: str) -> list[str]:
    hrefs: list[str] = page.evaluate(
        "Array.from(document.querySelectorAll('a[href]')).map((a) => a.href)"
    )
    found = []
    for href in hrefs:
        url, _fragment = urldefrag(href)
        if not url.startswith(base):
            continue
        path = urlsplit(url).path
        if path.startswith(NOT_FOLLOWED) or any(d in path for d in DOWNLOADS):
            continue
        found.append(url)
    return found


def _check(page: Page, where: str) -> None:
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations, where=where)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{where}: the page is {width}px wide"
    ids = page.evaluate(
        "Array.from(document.querySelectorAll('[id]')).map((e) => e.id)"
    )
    doubles = sorted({i for i in ids if ids.count(i) > 1})
    assert doubles == [], f"{where}: ids used twice: {doubles}"


@pytest.mark.parametrize("email", RESIDENTS)
def test_a_resident_meets_no_dead_end_on_a_phone(
    chromium: Browser, demo_server: str, email: str
) -> None:
    base = demo_server
    with phone(chromium, javascript=True) as context:
        page = context.new_page()
        page.goto(base + reverse("accounts:login"))
        page.fill("input[name=email]", email)
        with page.expect_navigation():
            page.locator("main button[type=submit]").click()
        page.goto(_sign_in_link(context, base, email))
        with page.expect_navigation():
            page.locator("main button[type=submit]").click()

        start = [base + reverse("initiatives:my_plans"), base + "/"]
        queue, seen = deque(start), set(start)
        visited: list[str] = []
        while queue and len(visited) < MAX_PAGES:
            url = queue.popleft()
            response = page.goto(url)
            assert response is not None
            assert response.status < 400, f"{response.status} at {url} for {email}"
            if "text/html" not in response.headers.get("content-type", ""):
                continue
            visited.append(url)
            _check(page, f"{url} ({email})")
            links = _links(page, base)
            assert links, f"{url} has no link to go on from ({email})"
            for link in links:
                if link not in seen:
                    seen.add(link)
                    if urlsplit(link).path.startswith(OWN):
                        queue.appendleft(link)
                    else:
                        queue.append(link)
    # the plan pages and the messages were reached, not just the menu
    assert any("/mijn-plannen/" in url for url in visited[2:]), visited
    assert any(reverse("notifications:inbox") in url for url in visited), visited
