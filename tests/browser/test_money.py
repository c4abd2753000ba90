"""Issue #4, "done when": in the demo a provider redeems part of a voucher through the
portal and through the API, the initiator sees it, the kasbeheerder pays out a batch
and downloads the SEPA file, and ``ledger_verify`` is clean.

Everything a person does goes through the real screens in chromium; the till's API
call comes from this process. Each new money screen passes axe at 1280 and at 320 CSS
px (and reflows at 320). With ``WIJKVOUCHER_SHOTS`` set, a full-page screenshot of each
screen at both widths goes to /tmp/shots-money/ (or to the directory the variable
names, when it is not "1")."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
import uuid as uuid_module
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from django.urls import reverse

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import REPO, DemoSite, _demo_env
from tests.browser.test_flow import NARROW, WIDE, Visit, signed_in
from wijkvoucher.core.money import format_euro

pytestmark = pytest.mark.browser

PROVIDER_USER = "erik.vandam@example.nl"  # Bouwmarkt Van Dam, uses the portal
PORTAL_PROVIDER = "Bouwmarkt Van Dam"
API_PROVIDER = "Drukkerij De Letterbak"  # its till holds the demo API key
INITIATOR = "naima.bakkali@example.nl"
PLAN = "Natuurspeelplek op het Pakhuisplein"
CASH_MANAGER = "peter.vanleeuwen@example.nl"
WIJK = "havenkwartier"
PORTAL_CENTS = 1250
API_CENTS = 3475


# --- Screens: axe, reflow and (if asked) screenshots --------------------------------


def _shots_dir() -> Path | None:
    value = os.environ.get("WIJKVOUCHER_SHOTS", "")
    if not value:
        return None
    folder = Path("/tmp/shots-money") if value == "1" else Path(value)  # noqa: S108
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# Axe, reflow and CSP problems of every screen: the test walks on and fails at the end
# with all of them, so one run lists every screen that needs work.
PROBLEMS: list[str] = []


def screen(visit: Visit, name: str) -> None:
    """Axe at 1280 and 320 px, reflow at 320, no CSP problems (remembered in
    PROBLEMS); then, when WIJKVOUCHER_SHOTS is set, a full-page PNG at both widths
    named after ``name``."""
    try:
        visit.check(name)
    except AssertionError as problem:
        PROBLEMS.append(str(problem).split("\nassert ")[0])
        visit.csp.clear()
    visit.page.set_viewport_size({"width": WIDE, "height": 900})
    folder = _shots_dir()
    if folder is None:
        return
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    for width in (WIDE, NARROW):
        visit.page.set_viewport_size({"width": width, "height": 900})
        visit.page.screenshot(path=str(folder / f"{slug}-{width}.png"), full_page=True)
    visit.page.set_viewport_size({"width": WIDE, "height": 900})


def _text(value: str) -> str:
    """Page text with non-breaking spaces (as in "€ 12,50") made plain."""
    return value.replace("\xa0", " ")


def euro(cents: int) -> str:
    return _text(format_euro(cents))


# --- The demo: its credentials, the API, manage.py ----------------------------------


def _manage_output(site: DemoSite, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=_demo_env(site.database, site.base_url),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _credentials(site: DemoSite) -> dict[str, Any]:
    result = _manage_output(site, "demo_credentials")
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def api_post(
    base: str, path: str, token: str, body: dict[str, Any], key: str | None = None
) -> tuple[int, dict[str, str], bytes]:
    headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
    if key is not None:
        headers["Idempotency-Key"] = key
    request = urllib.request.Request(  # noqa: S310 - our own demo server
        base + path, data=json.dumps(body).encode(), headers=headers, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def _plan_voucher(base: str, token: str, codes: list[str]) -> tuple[str, str]:
    """(code, number) of an unspent voucher of the speelplek plan, found with the
    API's lookup (which changes nothing)."""
    for code in codes:
        status, _headers, body = api_post(
            base, reverse("api:voucher_lookup"), token, {"code": code}
        )
        assert status == 200, body
        answer = json.loads(body)
        if answer["initiative_title"] == PLAN and answer["status"] == "issued":
            return code, str(answer["number"])
    pytest.fail(f"no unspent voucher of {PLAN} among {codes}")


# --- The steps ----------------------------------------------------------------------


def _provider_redeems(visit: Visit, code: str, number: str) -> int:
    """Erik takes € 12,50 off the voucher in the portal; returns the balance left."""
    page = visit.page
    visit.go("payments:provider_home")
    assert PORTAL_PROVIDER in visit.main(), visit.main()
    screen(visit, "provider portal home")
    visit.go("providers:provider_tokens")
    screen(visit, "provider API keys")
    visit.go("api:docs")
    screen(visit, "API docs")

    visit.go("vouchers:provider_redeem")
    screen(visit, "redeem step 1 code")
    page.fill("input[name=code]", code.lower().replace("-", " "))
    visit.submit("main form")
    main = _text(visit.main())
    assert number in main, main
    assert PLAN in main, main
    screen(visit, "redeem step 2 amount")
    page.fill("input[name=amount]", "12,50")
    page.fill("input[name=description]", "Schroeven en touw voor de wilgenhut")
    page.fill("input[name=reference]", "KASSA-0815")
    visit.submit("main form")
    assert "/aanbieder/verzilveringen/" in page.url, visit.main()
    main = _text(visit.main())
    assert euro(PORTAL_CENTS) in main, main
    assert "KASSA-0815" in main, main
    balance = page.locator("main dd").last.inner_text()
    assert _text(balance).startswith("€"), balance
    screen(visit, "redeem receipt")
    return _cents(balance)


def _cents(text: str) -> int:
    """ "€ 1.234,50" → 123450."""
    digits = _text(text).replace("€", "").replace(".", "").replace(" ", "").strip()
    euros, _, rest = digits.partition(",")
    return int(euros) * 100 + int(rest or "0")


def _till_redeems(base: str, token: str, code: str, balance_before: int) -> None:
    """The printer's till spends € 34,75 through the API, and retries with the same
    key: the same answer, charged once."""
    key = f"browser-test-{uuid_module.uuid4()}"
    body = {
        "voucher_code": code,
        "amount_cents": API_CENTS,
        "description": "Bewonersbrieven voor de speelplek",
        "reference": "LB-2026-77",
    }
    path = reverse("api:redemptions")
    status, _headers, first = api_post(base, path, token, body, key)
    assert status == 201, first
    answer = json.loads(first)
    assert answer["amount_cents"] == API_CENTS, answer
    assert answer["balance_cents"] == balance_before - API_CENTS, answer
    status, headers, again = api_post(base, path, token, body, key)
    assert status == 201, again
    assert again == first
    replayed = {name.lower(): value for name, value in headers.items()}
    assert replayed.get("idempotent-replayed") == "true", headers
    # Charged once: a lookup shows the balance after one payment.
    status, _headers, looked = api_post(
        base, reverse("api:voucher_lookup"), token, {"code": code}
    )
    assert status == 200, looked
    assert json.loads(looked)["balance_cents"] == balance_before - API_CENTS


def _initiator_sees_it(visit: Visit, number: str, code: str, base: str) -> None:
    page = visit.page
    visit.go("initiatives:my_plans")
    link = page.locator("main a", has_text=PLAN).first
    href = link.get_attribute("href")
    assert href is not None, visit.main()
    plan_uuid = href.split("/mijn-plannen/")[1].split("/")[0]
    visit.go("payments:initiative_vouchers", initiative_uuid=plan_uuid)
    rows = page.locator("main table tbody tr")
    texts = [_text(rows.nth(i).inner_text()) for i in range(rows.count())]
    portal = [t for t in texts if PORTAL_PROVIDER in t and euro(PORTAL_CENTS) in t]
    api = [t for t in texts if API_PROVIDER in t and euro(API_CENTS) in t]
    assert portal, texts
    assert api, texts
    assert any(number in t for t in portal), portal
    assert any(number in t for t in api), api
    screen(visit, "initiator vouchers")

    voucher_link = page.locator("main a", has_text=number).first
    with page.expect_navigation():
        voucher_link.click()
    main = visit.main()
    assert code in main, main
    assert page.locator("main .voucher-qr-wrap svg").first.is_visible()
    screen(visit, "initiator voucher detail")
    pdf_href = page.locator("main a[href$='/pdf/']").first.get_attribute("href")
    assert pdf_href is not None
    response = page.request.get(base + pdf_href)
    assert response.status == 200
    assert response.headers["content-type"].startswith("application/pdf")
    assert response.body().startswith(b"%PDF")


def _sepa_total(xml: bytes) -> int:
    """The file's control sum in cents, checked against its payments."""
    root = ElementTree.fromstring(xml)  # noqa: S314 - our own server's file
    ns = root.tag.split("}")[0] + "}" if root.tag.startswith("{") else ""
    assert "pain.001" in ns, root.tag
    control = root.find(f"{ns}CstmrCdtTrfInitn/{ns}GrpHdr/{ns}CtrlSum")
    assert control is not None, xml[:500]
    assert control.text, xml[:500]
    amounts = [Decimal(node.text or "0") for node in root.iter(f"{ns}InstdAmt")]
    assert sum(amounts) == Decimal(control.text), (amounts, control.text)
    return int(Decimal(control.text) * 100)


def _cash_manager_pays(visit: Visit) -> None:
    page = visit.page
    visit.go("payments:cash_home")
    screen(visit, "kas home")
    visit.go("payments:cash_budget", neighbourhood_slug=WIJK)
    screen(visit, "kas budget havenkwartier")
    visit.go("payments:cash_payouts")
    screen(visit, "kas payouts overview")
    # The demo's batch: prepared by Peter, approved by Rachid, the open batch.
    links = page.locator("main a[href*='/kas/uitbetalingen/']")
    found = [links.nth(i).get_attribute("href") for i in range(links.count())]
    batch_url = re.compile(r"/kas/uitbetalingen/[0-9a-f-]{36}/$")
    hrefs = [h for h in found if h is not None and batch_url.search(h)]
    assert hrefs, visit.main()
    page.goto(visit.base + hrefs[0])
    main = _text(visit.main())
    assert "Peter van Leeuwen" in main, main
    assert "Rachid Benali" in main, main
    total_text = page.locator("main dd").nth(1).inner_text()
    total = _cents(total_text)
    assert total > 0, total_text
    screen(visit, "kas payout batch approved")

    with page.expect_download() as info:
        page.locator("main a[href$='/sepa.xml']").click()
    xml = Path(info.value.path()).read_bytes()
    assert xml.lstrip().startswith(b"<?xml"), xml[:100]
    assert b"<CstmrCdtTrfInitn>" in xml, xml[:300]
    assert _sepa_total(xml) == total

    form = page.locator("main form[action$='/betaald/']")
    form.locator("input[type=checkbox]").check()
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    main = _text(visit.main())
    status = _text(page.locator("main dd").first.inner_text())
    assert re.search("Betaald|Paid", status, re.IGNORECASE), main
    assert page.locator("main form[action$='/betaald/']").count() == 0, main
    screen(visit, "kas payout batch paid")


def _public_wijk_page(visit: Visit) -> None:
    visit.go("transparency:neighbourhood", slug=WIJK)
    assert visit.page.locator("main svg, main .budget-figures").count() > 0
    screen(visit, "public wijk page")


def test_a_voucher_is_spent_seen_and_paid_out(
    demo_site: DemoSite, chromium: Browser
) -> None:
    PROBLEMS.clear()
    credentials = _credentials(demo_site)
    token = credentials["provider_api_token"]
    assert token, credentials
    with demo_site.serve() as base:
        code, number = _plan_voucher(base, token, credentials["voucher_codes"])

        with signed_in(chromium, base, PROVIDER_USER) as provider:
            balance = _provider_redeems(provider, code, number)

        _till_redeems(base, token, code, balance)

        with signed_in(chromium, base, INITIATOR, official=False) as initiator:
            _initiator_sees_it(initiator, number, code, base)

        with signed_in(chromium, base, CASH_MANAGER) as cash_manager:
            _cash_manager_pays(cash_manager)

        visitor = Visit(chromium, base, "")
        try:
            _public_wijk_page(visitor)
        finally:
            visitor.context.close()

    result = _manage_output(demo_site, "ledger_verify")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ledger_verify: clean" in result.stdout, result.stdout
    assert PROBLEMS == [], "\n\n".join(PROBLEMS)
