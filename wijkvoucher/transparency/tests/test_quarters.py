"""The public quarterly overview and its CSV (docs/transparency.md#the-wijk-page-and-its-sub-pages)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from django.test import Client
from django.urls import reverse

import pytest

from wijkvoucher.initiatives.constants import InitiativeStatus as S
from wijkvoucher.initiatives.constants import ReasonCode
from wijkvoucher.initiatives.tests.factories import (
    complete_draft,
    neighbourhood_ready,
    step,
)
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.helpers import on_day
from wijkvoucher.transparency.selectors.quarters import (
    Quarter,
    quarter_report,
    quarter_valid,
    quarters_available,
)
from wijkvoucher.transparency.tests.builders import plan_in, published_period

pytestmark = [pytest.mark.django_db]

TODAY = dt.date(2026, 6, 15)


def _get(client: Client, url: str) -> Any:
    with on_day(TODAY):
        return client.get(url, secure=True)


def _url(wijk: Neighbourhood, year: int, quarter: int, name: str = "quarter") -> str:
    return reverse(
        f"transparency:{name}",
        kwargs={"slug": wijk.slug, "year": year, "quarter": quarter},
    )


@pytest.fixture
def wijk() -> Neighbourhood:
    """Decisions on 31 March and 1 April, either side of a quarter's end; a decision
    term of 4 weeks (the regeling's default)."""
    wijk = neighbourhood_ready(name="Bloemenwijk", slug="bloemenwijk")
    with on_day(dt.date(2026, 1, 2)):
        published_period(neighbourhood=wijk, ceiling_cents=5_000_000)
    # Due 2 March, decided 31 March: late. 57 days.
    plan_in(
        wijk,
        S.AWARDED,
        title="Bankjes",
        submitted_on=dt.date(2026, 2, 2),
        decided_on=dt.date(2026, 3, 31),
        initiator_name="Fatima Yilmaz",
        publish_initiator_name=True,
    )
    # Due 30 March, decided 1 April: late. 30 days.
    plan_in(
        wijk,
        S.REJECTED,
        title="Skatebaan",
        submitted_on=dt.date(2026, 3, 2),
        decided_on=dt.date(2026, 4, 1),
        reason_code=ReasonCode.RULE_BREACH,
    )
    plan_in(
        wijk,
        S.REJECTED,
        title="Vuurwerk",
        submitted_on=dt.date(2026, 4, 6),
        decided_on=dt.date(2026, 5, 4),
        reason_code=ReasonCode.BUDGET_EXHAUSTED,
    )  # Due and decided 4 May: in term. 28 days.
    # Decided in term on 2 February (28 days), cancelled in the second quarter.
    plan_in(
        wijk,
        S.CANCELLED,
        title="Kerstmarkt",
        submitted_on=dt.date(2026, 1, 5),
        decided_on=dt.date(2026, 2, 2),
        cancelled_on=dt.date(2026, 4, 15),
        reason_code=ReasonCode.INSUFFICIENT_SUPPORT,
    )
    with on_day(dt.date(2026, 3, 10)):
        withdrawn = step(complete_draft(neighbourhood=wijk, title="Weg"), S.SUBMITTED)
        step(withdrawn, S.WITHDRAWN)
    complete_draft(neighbourhood=wijk, title="Concept")
    return wijk


def _numbers(
    wijk: Neighbourhood, quarter: Quarter
) -> dict[str, tuple[int | None, int | None]]:
    with on_day(TODAY):
        report = quarter_report(neighbourhood=wijk, quarter=quarter, on=TODAY)
    return {row.key: (row.number, row.amount_cents) for row in report.rows}


def test_a_decision_on_31_march_counts_in_the_first_quarter(
    wijk: Neighbourhood,
) -> None:
    # when
    q1 = _numbers(wijk, Quarter(2026, 1))
    # then
    assert q1 == {
        "submitted": (4, None),
        "withdrawn": (1, None),
        "decided": (2, None),
        "decided_in_term": (1, None),
        "decided_late": (1, None),
        "lead_time_days": (43, None),
        "awarded": (2, 90_000),
        "partly_awarded": (0, 0),
        "rejected": (0, None),
        "not_processed": (0, None),
        # Skatebaan: due 30 March, still waiting on 31 March (decided 1 April)
        "open_past_term": (1, None),
        "cancelled": (0, None),
        "budget_ceiling": (None, 5_000_000),
        "budget_awarded": (None, 90_000),
        "budget_available": (None, 4_910_000),
    }


def test_a_decision_on_1_april_counts_in_the_second_quarter(
    wijk: Neighbourhood,
) -> None:
    # when
    q2 = _numbers(wijk, Quarter(2026, 2))
    # then
    assert q2 == {
        "submitted": (1, None),
        "withdrawn": (0, None),
        "decided": (2, None),
        "decided_in_term": (1, None),
        "decided_late": (1, None),
        "lead_time_days": (29, None),
        "awarded": (0, 0),
        "partly_awarded": (0, 0),
        "rejected": (2, None),
        "rejected_reason_budget_exhausted": (1, None),
        "rejected_reason_rule_breach": (1, None),
        "not_processed": (0, None),
        # the running quarter: nothing is waiting past its term today
        "open_past_term": (0, None),
        "cancelled": (1, None),
        "cancelled_reason_insufficient_support": (1, None),
        "budget_ceiling": (None, 5_000_000),
        # the cancelled plan's money is back
        "budget_awarded": (None, 45_000),
        "budget_available": (None, 4_955_000),
    }


def test_quarter_page_shows_the_table_without_names(
    client: Client, wijk: Neighbourhood
) -> None:
    # when
    response = _get(client, _url(wijk, 2026, 1))
    # then
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        '<caption class="utrecht-table__caption" id="quarter-caption">Numbers from 1 January 2026 to 31 March 2026</caption>'
        in html
    )
    assert (
        '<th class="utrecht-table__header-cell" scope="row">Plans submitted</th>'
        in html
    )
    assert "Bankjes" not in html
    assert "Fatima Yilmaz" not in html
    assert "This quarter is not over yet" not in html
    # open plans past their term count at the end of a past quarter, said exactly
    assert (
        "Still waiting for a decision on 31 March 2026, after the end of the decision "
        "term"
    ) in html
    assert _url(wijk, 2026, 1, "quarter_csv") in html


def test_the_running_quarter_says_so(client: Client, wijk: Neighbourhood) -> None:
    # when
    response = _get(client, _url(wijk, 2026, 2))
    # then
    assert (
        "This quarter is not over yet. The numbers can still change."
        in response.content.decode()
    )


def test_csv_holds_the_same_numbers(client: Client, wijk: Neighbourhood) -> None:
    # when
    response = _get(client, _url(wijk, 2026, 2, "quarter_csv"))
    # then
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="wijkvoucher-bloemenwijk-2026-q2.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Key", "Subject", "Number", "Amount (euro)"]
    assert rows[1] == ["submitted", "Plans submitted", "1", ""]
    assert ["rejected_reason_rule_breach", "does not meet the rules", "1", ""] in rows
    assert ["budget_ceiling", "Budget 2026: ceiling", "", "50000.00"] in rows
    assert [
        "budget_awarded",
        "Awarded from this budget up to the end of the quarter",
        "",
        "450.00",
    ] in rows
    assert [
        "open_past_term",
        "Still waiting for a decision on 15 June 2026, after the end of the decision "
        "term",
        "0",
        "",
    ] in rows
    assert len(rows) == 19
    for title in ("Bankjes", "Skatebaan", "Fatima", "@"):
        assert title not in response.content.decode()


def test_the_csv_header_follows_the_interface_language(
    client: Client, wijk: Neighbourhood
) -> None:
    client.cookies["django_language"] = "nl"
    rows = list(
        csv.reader(
            io.StringIO(
                _get(client, _url(wijk, 2026, 2, "quarter_csv")).content.decode()
            )
        )
    )
    assert rows[0] == ["Sleutel", "Onderwerp", "Aantal", "Bedrag (euro)"]
    # The keys and the amounts stay machine-friendly.
    assert ["budget_ceiling", "Budget 2026: plafond", "", "50000.00"] in rows


@pytest.mark.parametrize(
    ("year", "quarter"),
    [(2026, 3), (2027, 1), (2026, 0), (2026, 5), (1999, 4)],
)
def test_quarters_that_have_not_begun_or_do_not_exist_are_404(
    client: Client, wijk: Neighbourhood, year: int, quarter: int
) -> None:
    # when / then
    assert _get(client, _url(wijk, year, quarter)).status_code == 404
    assert _get(client, _url(wijk, year, quarter, "quarter_csv")).status_code == 404


def test_quarter_list_runs_from_the_first_plan_to_now(
    client: Client, wijk: Neighbourhood
) -> None:
    # when
    response = _get(
        client, reverse("transparency:quarters", kwargs={"slug": wijk.slug})
    )
    # then
    assert response.context["quarters"] == [Quarter(2026, 2), Quarter(2026, 1)]
    text = response.content.decode()
    assert "Quarter 2 of 2026 (April to June)" in text
    assert _url(wijk, 2026, 1) in text


def test_quarter_helpers() -> None:
    assert (Quarter(2026, 1).starts_on, Quarter(2026, 1).ends_on) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 3, 31),
    )
    assert Quarter(2026, 4).ends_on == dt.date(2026, 12, 31)
    assert Quarter.of(dt.date(2026, 4, 1)) == Quarter(2026, 2)
    assert Quarter(2026, 1).previous() == Quarter(2025, 4)
    assert quarter_valid(year=2026, number=2, on=dt.date(2026, 4, 1)) == Quarter(
        2026, 2
    )
    assert quarter_valid(year=2026, number=3, on=dt.date(2026, 6, 30)) is None


def test_without_plans_only_the_current_quarter(db: None) -> None:
    wijk = neighbourhood_ready()
    assert quarters_available(neighbourhood=wijk, on=TODAY) == [Quarter(2026, 2)]


def test_csv_amounts_and_labels_are_safe_for_spreadsheets() -> None:
    from wijkvoucher.transparency.views import _csv_text, _euro_text

    assert [_euro_text(c) for c in (0, 5, 1234, 5_000_000, -5, -150)] == [
        "0.00",
        "0.05",
        "12.34",
        "50000.00",
        "-0.05",
        "-1.50",
    ]
    assert _csv_text("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _csv_text("Plans submitted") == "Plans submitted"
