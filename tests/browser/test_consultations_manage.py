"""Issue #12, the organisers' side, in a real browser: the contact official of De Hoven
makes a budget vote (the form refuses a close before the opening first), puts two
options on the ballot and publishes it, imports a register with wrong rows (nothing
imported, every line named) and then a right one (the letters download as one ZIP),
helps two residents vote at the buurthuis, and two days later, after the close,
checks the count and certifies it. Every screen passes axe at 1280 and 320 px and
reflows at 320; with ``WIJKVOUCHER_SHOTS`` set, each is also saved as a PNG."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from pathlib import Path

from django.urls import reverse

import pytest
from playwright.sync_api import Browser, FilePayload

from tests.browser.conftest import DemoSite
from tests.browser.test_flow import NARROW, WIDE, Visit, signed_in

pytestmark = pytest.mark.browser

ORGANISER = "yasmina.haddou@example.nl"  # contact official of De Hoven
WIJK = "de-hoven"
TITLE = "Wijkbudget De Hoven 2026"
HEADER = (
    "Naam;Straat;Huisnummer;Huisletter;Toevoeging;Postcode;Woonplaats;Geboortedatum"
)
PROBLEMS: list[str] = []


def _shots_dir() -> Path | None:
    value = os.environ.get("WIJKVOUCHER_SHOTS", "")
    if not value:
        return None
    folder = Path("/tmp/shots-consultations") if value == "1" else Path(value)  # noqa: S108
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def screen(visit: Visit, name: str) -> None:
    try:
        visit.check(name)
    except AssertionError as problem:
        PROBLEMS.append(str(problem).split("\nassert ")[0])
        visit.csp.clear()
    folder = _shots_dir()
    if folder is not None:
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        for width in (WIDE, NARROW):
            visit.page.set_viewport_size({"width": width, "height": 900})
            visit.page.screenshot(
                path=str(folder / f"{slug}-{width}.png"), full_page=True
            )
    visit.page.set_viewport_size({"width": WIDE, "height": 900})


def _register(lines: list[str]) -> FilePayload:
    data = ("\r\n".join((HEADER, *lines)) + "\r\n").encode("utf-8-sig")
    return {"name": "brp.csv", "mimeType": "text/csv", "buffer": data}


def _make_and_publish(visit: Visit, today: dt.date) -> str:
    page = visit.page
    visit.go("consultations_manage:home")
    screen(visit, "consultations of my wijken")
    visit.go("consultations_manage:create", slug=WIJK)
    page.fill("input[name=title]", TITLE)
    page.fill("textarea[name=question]", "Welke plannen wilt u uitvoeren in De Hoven?")
    page.check("input[name=ballot][value=approval]")
    page.fill("input[name=budget]", "10.000")
    page.fill("input[name=opens_on]", today.isoformat())
    page.fill("input[name=opens_time]", "00:00")
    page.fill("input[name=closes_on]", today.isoformat())
    page.fill("input[name=closes_time]", "00:00")
    visit.submit("form.consultation-form")
    assert "form" in page.url or "nieuw" in page.url
    screen(visit, "new consultation with an error")
    page.fill("input[name=closes_on]", (today + dt.timedelta(days=1)).isoformat())
    page.fill("input[name=closes_time]", "12:00")
    visit.submit("form.consultation-form")
    uuid = page.url.rstrip("/").split("/")[-1]
    for title, cost in (
        ("Jeu-de-boulesbaan in park De Hof", "6.000"),
        ("Bankjes op de Boomgaardlaan", "5.000"),
    ):
        page.fill("input[name=free-title]", title)
        page.fill("input[name=free-cost]", cost)
        visit.submit(
            f"form[action='{reverse('consultations_manage:option_add_free', kwargs={'consultation_uuid': uuid})}']"
        )
    screen(visit, "draft with two options")
    return uuid


def _import_roll(visit: Visit, uuid: str) -> None:
    page = visit.page
    visit.go("consultations_manage:roll", consultation_uuid=uuid)
    bad = [
        "Anna de Wit;Hofstede;3;;;2813 AB;Dijkstad;12-03-1975",
        "Bram Smit;Hofstede;;;;2813 AB;Dijkstad;01-01-1980",
        "Cor Jansen;Hofstede;5;;;28133;Dijkstad;01-01-1980",
    ]
    page.set_input_files("input[name=register]", _register(bad))
    visit.submit("form.register-form")
    errors = page.locator(".register-errors li").all_inner_texts()
    assert len(errors) == 2, errors
    screen(visit, "register import with errors")
    good = [
        "Anna de Wit;Hofstede;3;;;2813 AB;Dijkstad;12-03-1975",
        "Bram Smit;Hofstede;4;;;2813 AB;Dijkstad;01-01-1980",
        "Cor Jansen;Hofstede;5;;;2813 AB;Dijkstad;01-01-1980",
    ]
    page.set_input_files("input[name=register]", _register(good))
    with page.expect_download() as download_info:
        page.locator("form.register-form button[type=submit]").click()
    archive = zipfile.ZipFile(io.BytesIO(Path(download_info.value.path()).read_bytes()))
    assert sorted(archive.namelist()) == ["brieven.pdf", "drukker.csv"]
    rows = archive.read("drukker.csv").decode("utf-8-sig").strip().splitlines()
    assert len(rows) == 4  # the header and three letters


def _publish(visit: Visit, uuid: str) -> None:
    visit.go("consultations_manage:publish", consultation_uuid=uuid)
    screen(visit, "publish confirmation")
    visit.submit("main form")
    publish = reverse(
        "consultations_manage:publish", kwargs={"consultation_uuid": uuid}
    )
    assert publish not in visit.page.content()


def _assist(visit: Visit, uuid: str, number: int, option: int) -> None:
    page = visit.page
    visit.go("consultations_manage:assisted", consultation_uuid=uuid)
    page.fill("input[name=postcode]", "2813AB")
    page.fill("input[name=house_number]", str(number))
    page.fill("input[name=name]", {3: "Anna de Wit", 4: "Bram Smit"}[number])
    visit.submit("main form")
    if number == 3:
        screen(visit, "assisted ballot")
    page.check("input[name=id_checked]")
    page.locator("input[name=chosen]").nth(option).check()
    visit.submit("main form")
    assert page.locator(".receipt").count() == 1


def test_an_organiser_runs_a_budget_vote_to_its_certified_result(
    demo_site: DemoSite, chromium: Browser
) -> None:
    today = dt.date.today()  # noqa: DTZ011 - the demo server's own day
    with demo_site.serve() as base, signed_in(chromium, base, ORGANISER) as visit:
        uuid = _make_and_publish(visit, today)
        _import_roll(visit, uuid)
        _publish(visit, uuid)
        _assist(visit, uuid, 3, 0)
        _assist(visit, uuid, 4, 0)
    with (
        demo_site.serve(days_ahead=2) as base,
        signed_in(chromium, base, ORGANISER) as visit,
    ):
        visit.go("consultations_manage:certify", consultation_uuid=uuid)
        assert "Jeu-de-boulesbaan" in visit.main()
        screen(visit, "certify preview")
        visit.submit("main form")
        screen(visit, "certified result")
    assert PROBLEMS == [], "\n".join(PROBLEMS)
