"""The report pages (issue #13, point 5): who may read them, what the sections
count, the downloads (CSV, XLSX, PDF) and a constant number of queries as plans
grow."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

from django.urls import reverse
from django.utils import translation

import pytest
from openpyxl import load_workbook

from wijkvoucher.core.tests.query_counts import page_queries
from wijkvoucher.decisions.tests.helpers import funded
from wijkvoucher.initiatives.constants import InitiativeStatus as S
from wijkvoucher.initiatives.tests.factories import (
    initiative_in,
    neighbourhood_ready,
    resident,
)
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.helpers import (
    TODAY,
    HttpsClient,
    official,
    on_day,
    sign_in_verified,
)
from wijkvoucher.reports.sections import SECTIONS, report_sections
from wijkvoucher.reports.sections.base import ReportScope
from wijkvoucher.vouchers.tests.helpers import EUR, awarded_plan

pytestmark = pytest.mark.django_db

URL = reverse("reports:overview")


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


def _scope(wijk: Neighbourhood) -> ReportScope:
    return ReportScope(
        municipality=wijk.municipality,
        wijken=(wijk,),
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 12, 31),
        on=TODAY,
    )


def _council(wijk: Neighbourhood) -> HttpsClient:
    client = HttpsClient()
    member = official(municipality=wijk.municipality, role=Role.COUNCIL)
    sign_in_verified(client, member)
    return client


def test_council_reads_the_report_with_its_menu_entry() -> None:
    # given
    wijk = neighbourhood_ready()
    funded(wijk)
    awarded_plan(wijk, 300 * EUR)
    client = _council(wijk)
    # when
    response = client.get(URL)
    # then
    page = response.content.decode()
    assert response.status_code == 200
    assert f'href="{URL}"' in page  # the council's menu entry
    for key in SECTIONS:
        assert f'id="section-{key}"' in page
    assert "report-chart__fill" in page


def test_resident_and_anonymous_may_not_read_the_report() -> None:
    # given
    wijk = neighbourhood_ready()
    client = HttpsClient()
    client.force_login(resident(wijk))
    # when
    signed_in = client.get(URL)
    anonymous = HttpsClient().get(URL)
    # then
    assert signed_in.status_code == 403
    assert anonymous.status_code == 302


def test_contact_official_sees_only_their_wijken() -> None:
    # given
    wijk = neighbourhood_ready()
    other = neighbourhood_ready()
    client = HttpsClient()
    sign_in_verified(client, official(neighbourhood=wijk))
    # when
    own = client.get(URL, {"wijk": wijk.slug})
    foreign = client.get(URL, {"wijk": other.slug})
    # then
    assert own.status_code == 200
    assert foreign.status_code == 400
    assert other.name not in foreign.content.decode().split("<form")[0]


def test_sections_count_the_plans() -> None:
    # given
    wijk = neighbourhood_ready()
    funded(wijk)
    awarded_plan(wijk, 300 * EUR)
    initiative_in(S.REJECTED, neighbourhood=wijk)
    initiative_in(S.SUBMITTED, neighbourhood=wijk)
    # when
    with translation.override("en"):
        sections = {s.key: s for s in report_sections(_scope(wijk))}
    # then
    budget = sections["budget"].rows[0]
    assert budget[2:4] == (50_000 * EUR, 300 * EUR)  # ceiling, awarded
    funnel = {row[0]: row[1] for row in sections["funnel"].rows}
    assert funnel["Submitted"] == 3
    assert funnel["Decided"] == 2
    assert funnel["Awarded in full or in part"] == 1
    assert funnel["Rejected"] == 1
    assert funnel["Still waiting for a decision"] == 1
    lead = sections["lead_times"].rows[0]
    assert lead[1] == 2  # decisions
    reasons = sections["reasons"].rows
    assert reasons == (("Other reason", 1, 0, 0, 0, 1),)
    assert sections["reach"].rows[0][1:5] == (3, 3, 3, 0)


def test_csv_xlsx_and_pdf_downloads() -> None:
    # given
    wijk = neighbourhood_ready()
    funded(wijk)
    awarded_plan(wijk, 300 * EUR)
    client = _council(wijk)
    # when
    csv = client.get(reverse("reports:section_csv", kwargs={"key": "budget"}))
    xlsx = client.get(reverse("reports:xlsx"))
    pdf = client.get(reverse("reports:annual_pdf"), {"jaar": "2026"})
    missing = client.get(reverse("reports:section_csv", kwargs={"key": "nothing"}))
    # then
    lines = csv.content.decode().splitlines()
    assert lines[0] == (
        "wijk,budget_period,ceiling_cents,awarded_cents,spent_cents,paid_out_cents,"
        "returned_cents,available_cents"
    )
    assert lines[1].split(",")[2:4] == ["5000000", "30000"]
    book = load_workbook(io.BytesIO(xlsx.content))
    assert len(book.sheetnames) == len(SECTIONS)
    assert book.worksheets[0]["D2"].value == 300
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert missing.status_code == 404


def test_text_that_looks_like_a_formula_stays_text() -> None:
    # given
    wijk = neighbourhood_ready(name="=HYPERLINK(1)")
    funded(wijk)
    client = _council(wijk)
    # when
    csv = client.get(reverse("reports:section_csv", kwargs={"key": "budget"}))
    book = load_workbook(io.BytesIO(client.get(reverse("reports:xlsx")).content))
    # then
    assert csv.content.decode().splitlines()[1].startswith("'=HYPERLINK(1)")
    assert book.worksheets[0]["A2"].value == "'=HYPERLINK(1)"


def test_report_page_queries_stay_constant_as_plans_grow() -> None:
    # given
    wijk = neighbourhood_ready()
    funded(wijk)
    awarded_plan(wijk, 100 * EUR)
    initiative_in(S.REJECTED, neighbourhood=wijk)
    client = _council(wijk)
    before = page_queries(client, URL)
    # when
    for _ in range(4):
        awarded_plan(wijk, 100 * EUR)
        initiative_in(S.REJECTED, neighbourhood=wijk)
        initiative_in(S.INFORMATION_REQUESTED, neighbourhood=wijk)
    after = page_queries(client, URL)
    # then
    assert after == before
