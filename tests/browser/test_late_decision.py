"""A decision that is late, in the browser (issue #9, point 10; docs/awb.md): the demo's
overdue plan ("Drie bankjes op de Kadestraat") tells its initiator plainly that the
municipality is late, with the amounts and the first day of the penalty payment; they
send a notice of default; the coordinator's plan file and work list show it. Every
screen passes axe and fits a 360 px phone without sideways scrolling."""

from __future__ import annotations

import datetime as dt
import time

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.axe import axe_violations, context_with_axe, describe_violations
from tests.browser.test_smoke import _current_code, _sign_in_link
from wijkvoucher.initiatives.deadlines import penalty_starts_on

pytestmark = pytest.mark.browser

INITIATOR_EMAIL = "bas.verbeek@example.nl"
COORDINATOR_EMAIL = "maaike.schouten@example.nl"
TITLE = "Drie bankjes op de Kadestraat"


def _check(page: Page, *, where: str, width: int) -> None:
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations, where=where)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{where}: page is {scroll_width}px wide"


def _dutch_day(day: dt.date) -> str:
    with translation.override("nl"):
        return date_format(day, "j F Y")


def _sign_in(page: Page, base: str, email: str) -> None:
    page.goto(base + reverse("accounts:login"))
    page.fill("input[name=email]", email)
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    page.goto(_sign_in_link(page, base, email))
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()


def _second_factor(page: Page, base: str, email: str) -> None:
    """The TOTP step; a code already used in this 30-second window is refused, so
    wait for the next one once."""
    step = page.url
    for _attempt in range(2):
        code = _current_code(page, base, email)
        page.goto(step)
        page.fill("input[name=code]", code)
        with page.expect_navigation():
            page.locator("main button[type=submit]").click()
        if reverse("accounts:otp_verify") not in page.url:
            return
        time.sleep(31)
    pytest.fail(f"the second factor of {email} was refused twice")


def _open_plan(page: Page, base: str) -> str:
    page.goto(base + reverse("initiatives:my_plans"))
    with page.expect_navigation():
        page.locator("main a", has_text=TITLE).first.click()
    return page.url


def test_the_initiator_hears_we_are_late_and_gives_notice_of_default(
    demo_server: str, chromium: Browser
) -> None:
    starts = _dutch_day(penalty_starts_on(timezone.localdate()))
    context = context_with_axe(chromium, width=360)
    page = context.new_page()
    try:
        # given the initiator of the overdue demo plan, on a phone
        _sign_in(page, demo_server, INITIATOR_EMAIL)
        plan_url = _open_plan(page, demo_server)
        _check(page, where="late plan page at 360px", width=360)
        main = page.inner_text("main")
        # then the page says we are late, without promising a date that has passed
        assert "We zijn te laat met ons besluit" in main, main
        assert "U hoort het besluit uiterlijk op" not in main
        assert "€\u00a023 per dag voor de eerste 14 dagen" in main
        assert "samen hoogstens €\u00a01.442" in main
        assert f"begint de dwangsom op {starts}" in main

        # when they open the notice page and send it without confirming
        with page.expect_navigation():
            page.locator("main a", has_text="Ingebrekestelling sturen").click()
        _check(page, where="notice page at 360px", width=360)
        page.fill("textarea[name=message]", "Wij wachten al lang op een besluit.")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        # then the error says what to do and the text is still there
        _check(page, where="notice page with an error at 360px", width=360)
        assert "Zet een vinkje" in page.inner_text("main")
        assert page.locator("textarea[name=message]").input_value() == (
            "Wij wachten al lang op een besluit."
        )
        # and once confirmed, the plan page says when the penalty payment starts
        page.check("input[name=confirm]")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        assert page.url == plan_url
        _check(page, where="plan page after the notice at 360px", width=360)
        main = page.inner_text("main")
        assert "We hebben uw ingebrekestelling ontvangen op" in main
        assert f"Hebben we op {starts} nog steeds niet beslist?" in main
    finally:
        context.close()

    # and the coordinator sees it at the top of the plan file and on the work list
    for width in (360, 1280):
        context = context_with_axe(chromium, width=width)
        page = context.new_page()
        try:
            _sign_in(page, demo_server, COORDINATOR_EMAIL)
            _second_factor(page, demo_server, COORDINATOR_EMAIL)
            page.goto(demo_server + reverse("initiatives:worklist"))
            _check(page, where=f"work list at {width}px", width=width)
            assert "Ingebrekestelling: dwangsom vanaf" in page.inner_text("main")
            with page.expect_navigation():
                page.locator("main a", has_text=TITLE).first.click()
            _check(page, where=f"plan file with a notice at {width}px", width=width)
            notice = page.locator("main .notice-of-default").inner_text()
            assert "Ingebrekestelling ontvangen" in notice
            assert f"Beslis vóór {starts}." in notice
            assert "Wij wachten al lang op een besluit." in notice
        finally:
            context.close()
