"""Issue #12, the voter's side, in a real browser on a phone (320 px): a resident of
Havenkwartier opens the QR link of their letter for the open poll on the opschoondag,
votes for the plan, changes the vote to against (a new receipt), and after the close
(the server's clock ten days on) and the contact official's certification finds the
last receipt in the published ballots, counted as cast, while the first receipt is
gone. Every voter screen passes axe at 1280 and 320 px and reflows at 320."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.axe import axe_violations, context_with_axe, describe_violations
from tests.browser.conftest import DemoSite
from tests.browser.test_flow import NARROW, WIDE, signed_in
from wijkvoucher.demo.votecodes import POLL_TITLE, demo_vote_code

pytestmark = pytest.mark.browser

ORGANISER = "anouk.verhoeven@example.nl"  # contact official of Havenkwartier
WIJK = "havenkwartier"
# The first resident on the poll's roll: a demo resident who has not voted.
CODE = demo_vote_code(POLL_TITLE, 0)


def _accessible(page: Page, where: str) -> None:
    for width in (WIDE, NARROW):
        page.set_viewport_size({"width": width, "height": 900})
        violations = axe_violations(page)
        assert violations == [], describe_violations(violations, where=where)
        if width == NARROW:
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= NARROW, f"{where}: page is {scroll}px wide"


def _vote(page: Page, stance: str) -> str:
    """On the ballot page: answer ``stance`` on the plan and send; the receipt."""
    page.locator(f"input[type=radio][value={stance}]").first.check()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()
    receipt = page.locator("output#receipt").inner_text().strip()
    assert len(receipt) == 11, receipt
    return receipt


def test_a_resident_votes_changes_the_vote_and_finds_the_last_receipt(
    demo_site: DemoSite, chromium: Browser
) -> None:
    with demo_site.serve() as base:
        context = context_with_axe(chromium, width=NARROW)
        page = context.new_page()
        loads: list[str] = []
        page.on(
            "framenavigated",
            lambda frame: loads.append(frame.url) if frame == page.main_frame else None,
        )
        page.goto(f"{base}/stemmen/{CODE}/")
        _accessible(page, "the letter's link")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").first.click()
        assert "/stembiljet/" in page.url
        uuid = page.url.rstrip("/").split("/")[-2]
        assert "Opschoondag" in page.inner_text("main")
        _accessible(page, "the ballot")
        first = _vote(page, "support")
        _accessible(page, "the receipt")
        # the phone path: the link, the ballot, the receipt
        assert len(loads) == 3, loads
        with page.expect_navigation():
            page.locator("main a", has_text="Stem wijzigen").first.click()
        last = _vote(page, "oppose")
        assert last != first
        context.close()
    with (
        demo_site.serve(days_ahead=10) as base,
        signed_in(chromium, base, ORGANISER) as visit,
    ):
        visit.go("consultations_manage:certify", consultation_uuid=uuid)
        visit.submit("main form")
        ballots = f"{base}/wijken/{WIJK}/raadplegingen/{uuid}/stembiljetten/"
        page = visit.page
        page.goto(f"{ballots}?bon={last}")
        found = page.locator("[role=status]").inner_text()
        assert last in found
        assert "tegen" in found.lower()
        page.goto(f"{ballots}?bon={first}")
        assert "niet in de lijst" in page.locator("[role=status]").inner_text()
        _accessible(page, "the published ballots")
