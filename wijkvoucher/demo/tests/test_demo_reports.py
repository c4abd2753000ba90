"""The council's report on the demo (issue #13, points 5 and 7): the sections about
what happens after the award say something, with exact numbers."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

import pytest

from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.reports.sections import report_section
from wijkvoucher.reports.sections.base import ReportScope, Section

pytestmark = pytest.mark.usefixtures("demo_loaded", "db", "demo_mode")


def _scope(days: int = 90) -> ReportScope:
    wijken = tuple(Neighbourhood.objects.order_by("name"))
    today = timezone.localdate()
    return ReportScope(
        municipality=wijken[0].municipality,
        wijken=wijken,
        starts_on=today - dt.timedelta(days=days),
        ends_on=today,
        on=today,
    )


def _row(section: Section, wijk: str) -> dict[str, object]:
    keys = [column.key for column in section.columns]
    (row,) = [r for r in section.rows if r[0] == wijk]
    return dict(zip(keys, row, strict=True))


def test_the_report_shows_settlement_sample_and_recovery() -> None:
    # given the demo / when the accountability section is read
    section = report_section(_scope(), "accountability")
    # then the havendag is settled after the sample's check, with a recovery
    assert section is not None
    havenkwartier = _row(section, "Havenkwartier")
    assert havenkwartier["settled"] == 1
    assert havenkwartier["reports"] == 1
    assert havenkwartier["sampled"] == 1
    assert havenkwartier["recoveries"] == 1
    assert havenkwartier["recovered_claimed"] == 5_000
    assert havenkwartier["recovered_received"] == 2_500


def test_the_report_shows_actie_scores_needs_and_the_ladder() -> None:
    # given the demo / when the other sections after the award are read
    scope = _scope()
    actie = report_section(scope, "actie")
    needs = report_section(scope, "support_needs")
    ladder = report_section(_scope(days=60), "ladder")
    # then
    assert actie is not None
    assert needs is not None
    assert ladder is not None
    assert _row(actie, "Havenkwartier")["forms"] >= 1  # type: ignore[operator]
    assert needs.rows
    assert _row(ladder, "Havenkwartier")["moved_up"] == 14


def test_the_year_before_has_a_settled_plan_in_every_wijk() -> None:
    # given the demo's history (content.py): one plan per wijk went the whole way
    # in the year before the demo day (2 March 2026)
    wijken = tuple(Neighbourhood.objects.order_by("name"))
    scope = ReportScope(
        municipality=wijken[0].municipality,
        wijken=wijken,
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2025, 12, 31),
        on=timezone.localdate(),
    )
    # when
    section = report_section(scope, "accountability")
    funnel = report_section(scope, "funnel")
    # then: settled with their reports, De Hoven's after the sample's check
    assert section is not None
    assert funnel is not None
    assert [(r[0], r[1], r[4], r[6]) for r in section.rows] == [
        ("De Hoven", 1, 1, 1),
        ("Havenkwartier", 1, 1, 0),
        ("Molenbuurt", 1, 1, 0),
        ("Totaal", 3, 3, 1),
    ]
    assert funnel.rows
