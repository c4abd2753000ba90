"""Issue #13, "done when": in the demo an initiator files the accountability form on a
360 px phone with the spending already filled in, the official settles the plan, the
money left goes back to the wijk budget (``ledger_verify`` clean), and the council
member opens the report and downloads the XLSX.

The demo's jeu-de-boulesbaan (Molenbuurt) was laid last week and its vouchers were
spent at Bouwmarkt Van Dam: € 1.386,50 and € 249,90 of the € 2.240 award. Every
screen passes axe and does not scroll sideways at its width; the resident's path is
counted in page loads from "Mijn plannen" to the report sent. The required textarea
of the form has its normal border when the page opens (no error style before a
refused submit)."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
from zoneinfo import ZoneInfo

from django.urls import reverse

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Browser, Page

from tests.browser.conftest import REPO, DemoSite, _demo_env
from tests.browser.test_flow import Visit, signed_in
from tests.browser.test_resident_path import _check_page, _sign_in_link, phone

pytestmark = pytest.mark.browser

INITIATOR = "hanneke.prins@example.nl"
OFFICIAL = "thijs.brouwer@example.nl"  # contact official of the Molenbuurt
COUNCIL = "janwillem.degraaf@example.nl"
PLAN = "Jeu-de-boulesbaan bij De Wiek"
WIJK = "molenbuurt"
# What the demo spent, and what settling returns of the € 2.240 award.
SPENT = ("1.386,50", "249,90")
RETURNED_CENTS = 224_000 - 138_650 - 24_990
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Mijn plannen, the plan, the form, the report sent (after the POST's redirect).
RESIDENT_LOADS = 4


def _cents(text: str) -> int:
    """€ 1.234,56 or € 27.760 (as the Dutch pages write it) in cents."""
    match = re.search(r"([0-9][0-9.]*)(?:,([0-9]{2}|-))?", text)
    assert match is not None, text
    decimals = int(match[2]) if match[2] and match[2] != "-" else 0
    return int(match[1].replace(".", "")) * 100 + decimals


def _available(page: Page, base: str) -> int:
    page.goto(base + reverse("transparency:neighbourhood", kwargs={"slug": WIJK}))
    figure = page.locator(".budget-figures > div").nth(2).locator("dd")
    return _cents(figure.inner_text())


def _border(page: Page, selector: str) -> str:
    return str(
        page.eval_on_selector(
            selector,
            "(e) => { const s = getComputedStyle(e);"
            " return `${s.borderTopColor} ${s.borderTopWidth}`; }",
        )
    )


def _resident_files_the_report(page: Page, base: str) -> list[str]:
    """The initiator's part at 360 px; returns the page loads."""
    loads: list[str] = []
    page.on("load", lambda loaded: loads.append(loaded.url))
    page.goto(base + reverse("initiatives:my_plans"))
    _check_page(page, "my plans")
    with page.expect_navigation():
        page.locator("main a", has_text=PLAN).first.click()
    _check_page(page, "the plan, being carried out")
    with page.expect_navigation():
        page.locator("main a[href$='/verantwoording/']").first.click()
    main = page.inner_text("main")
    assert "Bouwmarkt Van Dam" in main, main
    for amount in SPENT:
        assert amount in main, main
    _check_page(page, "the accountability form")
    # no error style before the form was sent: the required textarea looks like the
    # optional one
    assert _border(page, "textarea[name=what_happened]") == _border(
        page, "textarea[name=learned]"
    )
    page.fill(
        "textarea[name=what_happened]",
        "De baan ligt er. Op de eerste dinsdag speelden twintig buren mee.",
    )
    page.fill("input[name=participants]", "20")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()
    main = page.inner_text("main")
    assert "Bouwmarkt Van Dam" in main, main
    assert page.url.endswith("/verantwoording/"), page.url
    _check_page(page, "the report sent")
    return list(loads)


def _official_settles(visit: Visit) -> None:
    page = visit.page
    visit.go("accountability:overview")
    visit.check("plans being carried out")
    with page.expect_navigation():
        page.locator("main a", has_text=PLAN).first.click()
    main = visit.main()
    assert "20 mensen" in main, main
    assert "Bouwmarkt Van Dam" in main, main
    visit.check("execution file with the report")
    visit.submit("main form[action$='/vaststellen/']")
    main = visit.main()
    assert f"{RETURNED_CENTS // 100},{RETURNED_CENTS % 100:02d}" in main, main
    assert page.locator("main form[action$='/vaststellen/']").count() == 0, main
    visit.check("execution file, settled")


def _council_reads_the_report(visit: Visit, today: dt.date) -> None:
    """This quarter of the Molenbuurt: the plan settled today (the year's history
    settled the wijk's plan of last summer, a quarter or more ago)."""
    page = visit.page
    quarter = (today.month - 1) // 3 + 1
    page.goto(
        visit.base
        + reverse("reports:overview")
        + f"?wijk={WIJK}&jaar={today.year}&kwartaal={quarter}",
    )
    main = visit.main()
    assert "Verantwoording en vaststelling" in main, main
    assert page.locator("main svg, main .chart").count() > 0, main
    visit.check("the council's report")
    with page.expect_download() as info:
        page.locator("main a[href*='/rapportages/xlsx/']").first.click()
    book = load_workbook(io.BytesIO(open(info.value.path(), "rb").read()))  # noqa: SIM115
    sheet = next(s for s in book.worksheets if s.title.startswith("Verantwoording"))
    rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    molenbuurt = next(r for r in rows if r[0] == "Molenbuurt")
    # the columns of the section: wijk, settled, final amount, back to the wijk
    # budget, forms received, ... (reports/sections/after_award.py)
    assert molenbuurt[1] == 1, rows
    assert molenbuurt[3] == pytest.approx(RETURNED_CENTS / 100), rows
    assert molenbuurt[4] == 1, rows


def test_the_initiator_accounts_the_official_settles_the_council_reads(
    demo_site: DemoSite, chromium: Browser
) -> None:
    with demo_site.serve() as base:
        # the resident, on a phone, signed in from the link in the e-mail
        with phone(chromium, javascript=True) as context:
            page = context.new_page()
            page.goto(base + reverse("accounts:login"))
            page.fill("main input[name=email]", INITIATOR)
            with page.expect_navigation():
                page.locator("main button[type=submit]").click()
            page.goto(_sign_in_link(context, base, INITIATOR))
            with page.expect_navigation():
                page.locator("main button[type=submit]").click()
            loads = _resident_files_the_report(page, base)
            before = _available(page, base)
        assert len(loads) == RESIDENT_LOADS, loads

        with signed_in(chromium, base, OFFICIAL) as official:
            _official_settles(official)

        visitor = Visit(chromium, base, "")
        try:
            after = _available(visitor.page, base)
        finally:
            visitor.context.close()
        assert after - before == RETURNED_CENTS, (before, after)

        with signed_in(chromium, base, COUNCIL) as council:
            _council_reads_the_report(council, dt.datetime.now(AMSTERDAM).date())

    result = subprocess.run(
        [sys.executable, "manage.py", "ledger_verify"],
        cwd=REPO,
        env=_demo_env(demo_site.database, demo_site.base_url),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ledger_verify: clean" in result.stdout, result.stdout
