"""Issue #9, point 9: charts and tables stay readable on a phone.

- The text of every chart (the budget chart, the budget meter, the reason chart) is at
  least 12 px on screen at 320, 360 and 1280 CSS px, on the public wijk page and the
  cash manager's budget view. An SVG scales with its width, so SVG text is measured
  as its font size times the SVG's scale; HTML text around a chart by its font size.
- At 320 and 360 px no table makes the page (or the main column) scroll sideways: a
  table fits, or sits in a named scroll region with a visible cue; and axe finds no
  WCAG A/AA problem on the public pages with tables at those widths.
- A table that becomes stacked cards on a phone is still a table for screen readers
  (checked in chromium's own accessibility tree)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.axe import axe_violations, context_with_axe, describe_violations
from tests.browser.test_flow import signed_in

pytestmark = pytest.mark.browser

WIJK = "havenkwartier"
INITIATOR = "naima.bakkali@example.nl"
PLAN = "Natuurspeelplek op het Pakhuisplein"
CASH_MANAGER = "peter.vanleeuwen@example.nl"
CHART_WIDTHS = (320, 360, 1280)
PHONE_WIDTHS = (320, 360)
MIN_CHART_TEXT_PX = 12

# Every piece of chart text with its size on screen in CSS px.
CHART_TEXT_SIZES = """() => {
  const sizes = [];
  for (const text of document.querySelectorAll("main svg text")) {
    if (!text.getClientRects().length) continue;
    const ctm = text.getScreenCTM();
    const scale = Math.min(Math.hypot(ctm.a, ctm.b), Math.hypot(ctm.c, ctm.d));
    const svg = text.closest("svg");
    sizes.push({what: `${svg.getAttribute("class")}: ${text.textContent.trim()}`,
                size: parseFloat(getComputedStyle(text).fontSize) * scale});
  }
  for (const chart of document.querySelectorAll("main .budget-series-chart")) {
    for (const element of chart.querySelectorAll("p, span, li")) {
      const own = [...element.childNodes].some(
        (node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim());
      if (own) sizes.push({what: `budget-series: ${element.textContent.trim()}`,
                           size: parseFloat(getComputedStyle(element).fontSize)});
    }
  }
  return sizes;
}"""

# What makes the page scroll sideways, if anything.
SIDEWAYS = """() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  if (document.documentElement.scrollWidth > width) {
    problems.push(`the page is ${document.documentElement.scrollWidth}px wide`);
  }
  const main = document.querySelector("main");
  if (main.scrollWidth > main.clientWidth) {
    problems.push(`the main column scrolls: ${main.scrollWidth}px in ${main.clientWidth}px`);
  }
  for (const table of main.querySelectorAll("table")) {
    const name = (table.caption ? table.caption.textContent : table.className).trim();
    const region = table.closest('[role="region"][tabindex="0"]');
    if (region) {
      const named = region.getAttribute("aria-label") || region.getAttribute("aria-labelledby");
      const cue = getComputedStyle(region).backgroundImage.includes("gradient");
      if (!named || !cue) problems.push(`scroll region of "${name}": named ${!!named}, cue ${cue}`);
      continue;
    }
    const box = table.getBoundingClientRect();
    if (box.left < -0.5 || box.right > width + 0.5) {
      problems.push(`table "${name}" runs from ${box.left}px to ${box.right}px`);
    }
  }
  return problems;
}"""


def _chart_text_too_small(page: Page, where: str) -> list[str]:
    sizes: list[dict[str, Any]] = page.evaluate(CHART_TEXT_SIZES)
    assert sizes, f"{where}: no chart text found"
    return [
        f"{where}: {item['what']!r} is {item['size']:.1f}px"
        for item in sizes
        if item["size"] < MIN_CHART_TEXT_PX
    ]


def _go(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None
    assert response.status < 400, f"{response.status} at {url}"


def _table_roles(page: Page) -> dict[str, int]:
    """How many nodes of each table role chromium's accessibility tree holds."""
    session = page.context.new_cdp_session(page)
    try:
        tree = session.send("Accessibility.getFullAXTree")
    finally:
        session.detach()
    counts: dict[str, int] = {}
    for node in tree["nodes"]:
        role = node.get("role", {}).get("value", "")
        if role in {"table", "row", "columnheader", "rowheader", "cell"}:
            counts[role] = counts.get(role, 0) + 1
    return counts


def test_chart_text_keeps_its_size_on_the_public_wijk_page(
    demo_server: str, chromium: Browser
) -> None:
    context = context_with_axe(chromium, width=1280)
    page = context.new_page()
    try:
        url = demo_server + reverse("transparency:neighbourhood", kwargs={"slug": WIJK})
        problems = []
        for width in CHART_WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            _go(page, url)
            problems += _chart_text_too_small(page, f"wijk page at {width}px")
        assert problems == []
    finally:
        context.close()


def test_chart_text_keeps_its_size_in_the_budget_view(
    demo_server: str, chromium: Browser
) -> None:
    with signed_in(chromium, demo_server, CASH_MANAGER) as visit:
        problems = []
        for width in CHART_WIDTHS:
            visit.page.set_viewport_size({"width": width, "height": 900})
            visit.go("payments:cash_budget", neighbourhood_slug=WIJK)
            problems += _chart_text_too_small(visit.page, f"budget view at {width}px")
        assert problems == []


def test_public_tables_and_charts_fit_a_phone(
    demo_server: str, chromium: Browser
) -> None:
    context = context_with_axe(chromium, width=360)
    page = context.new_page()
    try:
        wijk = demo_server + reverse(
            "transparency:neighbourhood", kwargs={"slug": WIJK}
        )
        _go(page, wijk)
        decision_list = page.locator("main a[href*='/besluitenlijst/']").first
        href = decision_list.get_attribute("href")
        assert href is not None
        _go(page, demo_server + reverse("transparency:quarters", kwargs={"slug": WIJK}))
        quarter = page.locator("main a[href*='/overzicht/2']").first.get_attribute(
            "href"
        )
        assert quarter is not None
        urls = [
            wijk,
            demo_server + href,
            demo_server + reverse("transparency:plans", kwargs={"slug": WIJK}),
            demo_server + quarter,
        ]
        problems = []
        for width in PHONE_WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            for url in urls:
                _go(page, url)
                problems += [
                    f"{url} at {width}px: {p}" for p in page.evaluate(SIDEWAYS)
                ]
                violations = axe_violations(page)
                if violations:
                    problems.append(
                        describe_violations(violations, where=f"{url} at {width}px")
                    )
        assert problems == []
        # the besluitenlijst is cards on a phone, and still a table with its headers
        page.set_viewport_size({"width": 360, "height": 900})
        _go(page, demo_server + href)
        display = page.eval_on_selector(
            "main table tbody tr", "r => getComputedStyle(r).display"
        )
        assert display == "block"
        roles = _table_roles(page)
        assert roles.get("table") == 1, roles
        assert roles.get("columnheader") == 4, roles
        assert roles.get("rowheader", 0) >= 1, roles
        assert roles.get("cell", 0) >= 3 * roles["rowheader"], roles
    finally:
        context.close()


def test_the_voucher_movements_fit_a_phone(demo_server: str, chromium: Browser) -> None:
    with signed_in(chromium, demo_server, INITIATOR, official=False) as visit:
        page = visit.page
        visit.go("initiatives:my_plans")
        href = page.locator("main a", has_text=PLAN).first.get_attribute("href")
        assert href is not None, visit.main()
        plan_uuid = href.split("/mijn-plannen/")[1].split("/")[0]
        problems = []
        for width in PHONE_WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            visit.go("payments:initiative_vouchers", initiative_uuid=plan_uuid)
            problems += [f"vouchers at {width}px: {p}" for p in page.evaluate(SIDEWAYS)]
        assert problems == []
        # each movement is a card that names its column values
        first = page.locator("main table tbody tr").first
        labels = first.locator("[data-label]").evaluate_all(
            "cells => cells.map((c) => getComputedStyle(c, '::before').content)"
        )
        # shown on screen, with empty alternative text for screen readers
        assert labels[:2] == ['"Datum" / ""', '"Voucher" / ""'], labels
        roles = _table_roles(page)
        assert roles.get("columnheader") == 4, roles


def test_the_budget_view_fits_a_phone(demo_server: str, chromium: Browser) -> None:
    with signed_in(chromium, demo_server, CASH_MANAGER) as visit:
        problems = []
        for width in PHONE_WIDTHS:
            visit.page.set_viewport_size({"width": width, "height": 900})
            visit.go("payments:cash_budget", neighbourhood_slug=WIJK)
            problems += [
                f"budget at {width}px: {p}" for p in visit.page.evaluate(SIDEWAYS)
            ]
        assert problems == []
