"""The officials' pages of issue #9 point 11 in a real browser: "Mijn werk" for each
role, the objections list, the review of a provider's application, the preview of a
beschikking and the confirmation before revoking an API key. Each passes axe at 1280
and 320 px, reflows at 320 px and has no CSP problems. Nothing here changes the demo
data (the preview writes nothing), so the shared demo server is used."""

from __future__ import annotations

from django.urls import reverse

import pytest
from playwright.sync_api import Browser

from tests.browser.test_flow import Visit, signed_in

pytestmark = pytest.mark.browser

COORDINATOR = "maaike.schouten@example.nl"
COUNCIL = "janwillem.degraaf@example.nl"
DECIDER = "yasmina.haddou@example.nl"  # contact official of De Hoven
TILL_USER = "hans.kuipers@example.nl"  # his provider's till uses an API key


def _follow(visit: Visit, link_text: str) -> None:
    with visit.page.expect_navigation():
        visit.page.locator("main a", has_text=link_text).first.click()


def test_the_coordinator_reaches_every_page_from_my_work(
    demo_server: str, chromium: Browser
) -> None:
    with signed_in(chromium, demo_server, COORDINATOR) as visit:
        # after the second step the coordinator lands on "Mijn werk"
        assert reverse("work:home") in visit.page.url
        visit.check("my work of the coordinator")
        for label in ("Bezwaren", "Aanbieders beoordelen", "Beheer"):
            assert visit.page.locator("main a", has_text=label).count() >= 1
        _follow(visit, "Bezwaren")
        visit.check("objections")
        visit.go("providers:providers_review")
        _follow(visit, "Fietsenmaker Spaak")
        visit.check("review of a waiting application")
        assert "Terugsturen voor meer informatie" in visit.main()


def test_the_council_finds_the_budgets(demo_server: str, chromium: Browser) -> None:
    with signed_in(chromium, demo_server, COUNCIL) as visit:
        visit.go("work:home")
        visit.check("my work of the council")
        _follow(visit, "Budget van Havenkwartier")
        visit.check("budget for the council")


def test_the_beschikking_is_previewed_before_it_is_sent(
    demo_server: str, chromium: Browser
) -> None:
    with signed_in(chromium, demo_server, DECIDER) as visit:
        visit.go("initiatives:worklist")
        _follow(visit, "Taalcafé in Wijkcentrum De Hoven")
        _follow(visit, "Besluit nemen")
        visit.submit("main form", "button[value=preview]")
        visit.check("preview of the beschikking")
        assert "nummer volgt bij verzenden" in visit.main()
        visit.submit("main form", "button[value=edit]")
        visit.check("the decision form again")


def test_revoking_a_key_asks_first(demo_server: str, chromium: Browser) -> None:
    with signed_in(chromium, demo_server, TILL_USER) as visit:
        visit.go("providers:provider_tokens")
        _follow(visit, "intrekken")
        visit.check("confirmation before revoking a key")
        assert visit.page.locator("input[name=confirm]").count() == 1


def test_the_coordinator_sees_the_refused_requests(
    demo_server: str, chromium: Browser
) -> None:
    with signed_in(chromium, demo_server, COORDINATOR) as visit:
        url = reverse("work:security_events")
        assert visit.page.locator(f"main a[href='{url}']").count() == 1
        visit.go("work:security_events")
        visit.check("security events")
        assert "198.51.100.77" in visit.main()  # the demo's burst of made-up keys
