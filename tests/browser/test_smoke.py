"""Browser smoke test: every public page of the demo, at 320 and 1280 CSS px, has no
WCAG 2.x A/AA violations that axe-core can find, no horizontal scrolling at 320 px
(WCAG 1.4.10) and no Content-Security-Policy violations; and a visitor can sign in as
a demo official using only the demo mailbox."""

from __future__ import annotations

import re
from typing import Any

from django.urls import reverse

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page

from tests.browser.axe import axe_violations, context_with_axe, describe_violations
from wijkvoucher.demo.content import WIJKEN

pytestmark = pytest.mark.browser

WIDTHS = [320, 1280]
# (name, URL name and kwargs or a literal path, expected status)
PAGES: list[tuple[str, tuple[str, dict[str, Any]] | str, int]] = [
    ("home", ("transparency:home", {}), 200),
    *[
        (f"wijk {wijk.slug}", ("transparency:neighbourhood", {"slug": wijk.slug}), 200)
        for wijk in WIJKEN
    ],
    ("accessibility statement", ("core:accessibility", {}), 200),
    ("sign in", ("accounts:login", {}), 200),
    ("sign-in link sent", ("accounts:login_sent", {}), 200),
    ("not found", "/deze-pagina-bestaat-niet/", 404),
    ("demo mailbox", ("demo:mailbox", {}), 200),
]
OFFICIAL_EMAIL = "anouk.verhoeven@example.nl"


def _path(target: tuple[str, dict[str, Any]] | str) -> str:
    if isinstance(target, str):
        return target
    name, kwargs = target
    return reverse(name, kwargs=kwargs)


def _watch_csp(page: Page) -> list[str]:
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            problems.append(message.text)

    page.on("console", on_console)
    return problems


def _check_page(page: Page, *, where: str, width: int) -> None:
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations, where=where)
    if width <= 320:
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{where}: page is {scroll_width}px wide"


@pytest.mark.parametrize("width", WIDTHS, ids=lambda w: f"{w}px")
@pytest.mark.parametrize(
    ("name", "target", "status"), PAGES, ids=[page[0] for page in PAGES]
)
def test_public_page_passes_axe(
    demo_server: str,
    chromium: Browser,
    name: str,
    target: tuple[str, dict[str, Any]] | str,
    status: int,
    width: int,
) -> None:
    # given
    context = context_with_axe(chromium, width=width)
    page = context.new_page()
    csp_problems = _watch_csp(page)
    url = demo_server + _path(target)
    try:
        # when
        response = page.goto(url, wait_until="load")

        # then
        assert response is not None
        assert response.status == status
        _check_page(page, where=f"{name} ({url}) at {width}px", width=width)
        assert csp_problems == []
    finally:
        context.close()


def _sign_in_link(page: Page, demo_server: str, email: str) -> str:
    page.goto(demo_server + reverse("demo:mailbox"))
    with page.expect_navigation():
        page.locator("tr", has_text=email).locator("a").first.click()
    link = page.locator(f"a[href^='{demo_server}/inloggen/link/']").first
    href = link.get_attribute("href")
    assert href is not None
    return href


def _current_code(page: Page, demo_server: str, email: str) -> str:
    page.goto(demo_server + reverse("demo:mailbox"))
    row = page.locator("tr", has_text=email)
    code = row.locator(".demo-code").inner_text().strip()
    assert re.fullmatch(r"[0-9]{6}", code), code
    return code


@pytest.mark.parametrize("width", WIDTHS, ids=lambda w: f"{w}px")
def test_visitor_signs_in_as_official_with_only_the_demo_mailbox(
    demo_server: str, chromium: Browser, width: int
) -> None:
    # given
    context = context_with_axe(chromium, width=width)
    page = context.new_page()
    csp_problems = _watch_csp(page)
    email = OFFICIAL_EMAIL if width == WIDTHS[0] else "thijs.brouwer@example.nl"
    try:
        page.goto(demo_server + reverse("accounts:login"))
        page.fill("input[name=email]", email)
        with page.expect_navigation():
            page.locator("main button[type=submit]").click()
        assert reverse("accounts:login_sent") in page.url

        # when
        href = _sign_in_link(page, demo_server, email)
        _check_page(page, where=f"demo e-mail at {width}px", width=width)
        page.goto(href)
        _check_page(page, where=f"sign-in link page at {width}px", width=width)
        with page.expect_navigation():
            page.locator("main button[type=submit]").click()
        assert reverse("accounts:otp_verify") in page.url
        _check_page(page, where=f"second step at {width}px", width=width)
        second_step = page.url
        code = _current_code(page, demo_server, email)
        page.goto(second_step)
        page.fill("input[name=code]", code)
        with page.expect_navigation():
            page.locator("main button[type=submit]").click()

        # then
        assert reverse("accounts:otp_verify") not in page.url, page.inner_text("main")
        assert reverse("work:home") in page.url  # officials land on "Mijn werk"
        _check_page(page, where=f"my work at {width}px", width=width)
        assert page.locator(f"form[action='{reverse('accounts:logout')}']").count() == 1
        assert csp_problems == []
    finally:
        context.close()


RESIDENT_EMAIL = "karin.willems@example.nl"
NEIGHBOUR_EMAIL = "tarik.aydin@example.nl"


def _submit_main_form(page: Page, action: str = "next") -> None:
    with page.expect_navigation():
        page.locator(f"#plan-form button[name=action][value={action}]").last.click()


@pytest.mark.parametrize("width", WIDTHS, ids=lambda w: f"{w}px")
def test_resident_writes_and_sends_a_plan(
    demo_server: str, chromium: Browser, width: int
) -> None:
    """A demo resident signs in with the mailbox link and goes through the wizard to a
    sent plan; every screen passes axe and reflows at 320 px."""
    # given a signed-in resident of Havenkwartier
    context = context_with_axe(chromium, width=width)
    page = context.new_page()
    csp_problems = _watch_csp(page)
    try:
        page.goto(demo_server + reverse("accounts:login"))
        page.fill("input[name=email]", RESIDENT_EMAIL)
        with page.expect_navigation():
            page.locator("main button[type=submit]").click()
        page.goto(_sign_in_link(page, demo_server, RESIDENT_EMAIL))
        with page.expect_navigation():
            page.locator("main button[type=submit]").click()

        # when they start a plan and go through the three steps
        page.goto(demo_server + reverse("initiatives:my_plans"))
        _check_page(page, where=f"my plans at {width}px", width=width)
        with page.expect_navigation():
            page.locator(f"main a[href='{reverse('initiatives:plan_start')}']").click()
        _check_page(page, where=f"step 1 at {width}px", width=width)
        page.fill("input[name=title]", f"Bankjes op de kade ({width})")
        page.fill(
            "textarea[name=description]", "Drie bankjes waar buren elkaar ontmoeten."
        )
        page.locator("input[name=goals]").first.check()
        page.fill("input[name=target_group]", "Bewoners van de kade")
        page.fill("input[name=location_text]", "Kadestraat")
        page.fill("input[name=starts_on]", "2027-05-01")
        page.fill("input[name=ends_on]", "2027-05-31")
        _submit_main_form(page)
        _check_page(page, where=f"step 2 at {width}px", width=width)
        page.fill("input[name=line-0-description]", "Drie houten bankjes")
        page.select_option("select[name=line-0-category]", "materials")
        page.fill("input[name=line-0-amount]", "1.200")
        _submit_main_form(page, "save")
        _check_page(page, where=f"step 2 with a cost at {width}px", width=width)
        step_2 = page.url
        plan = {"initiative_uuid": step_2.split("/mijn-plannen/")[1].split("/")[0]}
        page.goto(demo_server + reverse("initiatives:plan_files", kwargs=plan))
        _check_page(page, where=f"photos and files at {width}px", width=width)
        page.goto(step_2)
        page.check("input[name=contribution-0-kind][value=hours]")
        page.fill(
            "input[name=contribution-0-description]", "Zelf de bankjes schilderen"
        )
        page.fill("input[name=contribution-0-hours]", "16")
        _submit_main_form(page)
        _check_page(page, where=f"send page at {width}px", width=width)
        page.check("input[name=age_band][value=yes]")
        with page.expect_navigation():
            page.locator("#plan-form button[type=submit]").click()

        # then the plan is sent, with a contact official named on its page
        _check_page(page, where=f"plan page at {width}px", width=width)
        main = page.inner_text("main")
        assert "Anouk Verhoeven" in main, main

        # and they invite a co-initiator and open the support page to share
        page.fill("input[name=email]", f"buur{width}@example.nl")
        with page.expect_navigation():
            page.locator("main form", has=page.locator("input[name=email]")).locator(
                "button[type=submit]"
            ).click()
        _check_page(
            page, where=f"plan page with an invitation at {width}px", width=width
        )
        assert f"buur{width}@example.nl" in page.inner_text("main")
        page.goto(demo_server + reverse("initiatives:support_page", kwargs=plan))
        _check_page(page, where=f"support page at {width}px", width=width)
        assert csp_problems == []
    finally:
        context.close()

    # and a neighbour signs in and says they are for the plan
    context = context_with_axe(chromium, width=width)
    page = context.new_page()
    csp_problems = _watch_csp(page)
    try:
        page.goto(demo_server + reverse("accounts:login"))
        page.fill("input[name=email]", NEIGHBOUR_EMAIL)
        with page.expect_navigation():
            page.locator("main button[type=submit]").click()
        page.goto(_sign_in_link(page, demo_server, NEIGHBOUR_EMAIL))
        with page.expect_navigation():
            page.locator("main button[type=submit]").click()
        page.goto(demo_server + reverse("initiatives:support_page", kwargs=plan))
        _check_page(page, where=f"support form at {width}px", width=width)
        page.check("input[name=stance][value=for]")
        page.fill("textarea[name=comment]", "Fijn voor de buurt.")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").first.click()
        _check_page(page, where=f"support form after signing at {width}px", width=width)
        assert page.is_checked("input[name=stance][value=for]")
        assert page.input_value("textarea[name=comment]") == "Fijn voor de buurt."
        assert csp_problems == []
    finally:
        context.close()
