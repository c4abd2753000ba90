"""The public plan pages of a wijk: the list with reasons, the page per decided plan
and the wijk page's recent decisions (issue #3 points 7 and 11)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from wijkvoucher.core.money import NBSP
from wijkvoucher.initiatives.constants import InitiativeStatus as S
from wijkvoucher.initiatives.constants import ReasonCode
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.tests.factories import (
    complete_draft,
    neighbourhood_ready,
    step,
)
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.services.regulations import start_of_day
from wijkvoucher.neighbourhoods.tests.factories import RegulationVersionFactory
from wijkvoucher.neighbourhoods.tests.helpers import on_day
from wijkvoucher.transparency.selectors.plan_detail import public_plan_detail
from wijkvoucher.transparency.selectors.plans import public_plans
from wijkvoucher.transparency.selectors.reasons import (
    ReasonCount,
    reason_chart,
    reason_counts,
)
from wijkvoucher.transparency.tests.builders import MOTIVATION, plan_in

pytestmark = [pytest.mark.django_db]

TODAY = dt.date(2026, 6, 15)


def _text(html: bytes) -> str:
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html.decode())).strip()


def _euro(text: str) -> str:
    return text.replace("€ ", "€" + NBSP)


def _get(client: Client, url: str) -> Any:
    with on_day(TODAY):
        return client.get(url, secure=True)


def _plans_url(wijk: Neighbourhood, query: str = "") -> str:
    url = reverse("transparency:plans", kwargs={"slug": wijk.slug})
    return f"{url}?{query}" if query else url


def _plan_url(wijk: Neighbourhood, initiative: Initiative) -> str:
    return reverse(
        "transparency:plan",
        kwargs={"slug": wijk.slug, "initiative_uuid": initiative.uuid},
    )


@pytest.fixture
def wijk() -> Neighbourhood:
    return neighbourhood_ready(name="Bloemenwijk", slug="bloemenwijk")


def _every_kind(wijk: Neighbourhood) -> dict[str, Initiative]:
    """One plan in each state a visitor may meet, and two they never see."""
    plans = {
        "awarded": plan_in(
            wijk,
            S.AWARDED,
            title="Bankjes op het plein",
            decided_on=dt.date(2026, 3, 2),
            initiator_name="Fatima Yilmaz",
            publish_initiator_name=True,
        ),
        "partly": plan_in(
            wijk,
            S.PARTLY_AWARDED,
            title="Buurtfeest",
            decided_on=dt.date(2026, 4, 6),
            reason_code=ReasonCode.BUDGET_EXHAUSTED,
        ),
        "settled": plan_in(
            wijk, S.SETTLED, title="Moestuin", decided_on=dt.date(2026, 2, 20)
        ),
        "rejected": plan_in(
            wijk,
            S.REJECTED,
            title="Skatebaan",
            decided_on=dt.date(2026, 3, 20),
            reason_code=ReasonCode.NOT_FEASIBLE,
            initiator_name="Kees Verborgen",
        ),
        "cancelled": plan_in(
            wijk,
            S.CANCELLED,
            title="Kerstmarkt",
            decided_on=dt.date(2026, 3, 3),
            cancelled_on=dt.date(2026, 5, 1),
            reason_code=ReasonCode.INSUFFICIENT_SUPPORT,
        ),
        "not_processed": plan_in(
            wijk,
            S.NOT_PROCESSED,
            title="Zomerkamp",
            decided_on=dt.date(2026, 3, 1),
            reason_code=ReasonCode.RULE_BREACH,
        ),
        "deferred": plan_in(
            wijk,
            S.DEFERRED,
            title="Speeltuin",
            reason_code=ReasonCode.NOT_FEASIBLE,
        ),
    }
    plans["draft"] = complete_draft(neighbourhood=wijk, title="Geheim concept")
    with on_day(dt.date(2026, 2, 2)):
        withdrawn = step(
            complete_draft(neighbourhood=wijk, title="Ingetrokken"), S.SUBMITTED
        )
        plans["withdrawn"] = step(withdrawn, S.WITHDRAWN)
    return plans


def test_plan_list_sorts_plans_into_their_sections(
    client: Client, wijk: Neighbourhood
) -> None:
    # given
    _every_kind(wijk)
    # when
    response = _get(client, _plans_url(wijk))
    # then
    assert response.status_code == 200
    plans = response.context["plans"]
    assert [p.title for p in plans.awarded] == [
        "Buurtfeest",
        "Bankjes op het plein",
        "Moestuin",
    ]
    assert [p.title for p in plans.not_realised] == [
        "Kerstmarkt",
        "Skatebaan",
        "Zomerkamp",
    ]
    assert [p.title for p in plans.in_progress] == ["Speeltuin"]
    text = _text(response.content)
    assert "Geheim concept" not in text
    assert "Ingetrokken" not in text
    assert _euro("Amount awarded € 450") in text
    assert "Awarded, but not carried out" in text
    assert "Reason Not enough support in the wijk" in text
    assert "Reason Not feasible" in text
    assert (
        "Speeltuin (Being assessed: deferred to a later meeting; reason: not feasible)"
        in text
    )
    # the partly awarded plan has no beschikking on record: the amount is not known
    assert _euro("Amount asked for € 450") in text
    assert "style=" not in response.content.decode()


def test_plan_list_counts_the_reasons_as_table_and_chart(
    client: Client, wijk: Neighbourhood
) -> None:
    # given
    _every_kind(wijk)
    plan_in(wijk, S.REJECTED, title="Tweede", reason_code=ReasonCode.NOT_FEASIBLE)
    # when
    response = _get(client, _plans_url(wijk))
    # then
    reasons = response.context["plans"].reasons
    assert [
        (
            r.reason_code,
            r.rejected,
            r.partly_awarded,
            r.not_processed,
            r.cancelled,
            r.total,
        )
        for r in reasons
    ] == [
        (ReasonCode.BUDGET_EXHAUSTED, 0, 1, 0, 0, 1),
        (ReasonCode.RULE_BREACH, 0, 0, 1, 0, 1),
        (ReasonCode.NOT_FEASIBLE, 2, 0, 0, 0, 2),
        (ReasonCode.INSUFFICIENT_SUPPORT, 0, 0, 0, 1, 1),
    ]
    assert [r.bar_percent for r in reasons] == [50, 50, 100, 50]
    html = response.content.decode()
    assert 'class="reason-chart__bar" x="0" y="120" width="100%"' in html
    text = _text(response.content)
    assert "Not feasible 2 0 0 0 2" in text
    assert "Not feasible: 2" in text


def test_reason_chart_places_one_row_per_reason() -> None:
    # given
    rows = [
        ReasonCount(ReasonCode.NOT_FEASIBLE, "not feasible", 3, 0, 1, 0, 100),
        ReasonCount(ReasonCode.OTHER, "other reason", 0, 1, 0, 0, 25),
    ]
    # when
    chart = reason_chart(rows)
    empty = reason_chart([])
    # then
    assert (chart.height, chart.bar_height) == (96, 18)
    assert [(b.label, b.total, b.percent, b.text_y, b.bar_y) for b in chart.bars] == [
        ("not feasible", 4, 100, 18, 24),
        ("other reason", 1, 25, 66, 72),
    ]
    assert (empty.height, empty.bars) == (0, [])


def test_plan_list_filters_by_status_and_year(
    client: Client, wijk: Neighbourhood
) -> None:
    # given
    _every_kind(wijk)
    RegulationVersionFactory.create(
        regulation=wijk.regulation, valid_from=start_of_day(dt.date(2025, 1, 1))
    )
    Neighbourhood.objects.filter(pk=wijk.pk).update(designated_from=dt.date(2025, 1, 1))
    plan_in(
        wijk,
        S.REJECTED,
        title="Oud plan",
        submitted_on=dt.date(2025, 11, 3),
        decided_on=dt.date(2025, 12, 1),
    )
    # when
    rejected = _get(client, _plans_url(wijk, "status=rejected"))
    of_2025 = _get(client, _plans_url(wijk, "year=2025"))
    pending = _get(client, _plans_url(wijk, "status=in_progress&year=2026"))
    # then
    r = rejected.context["plans"]
    assert ([p.title for p in r.awarded], [p.title for p in r.not_realised]) == (
        [],
        ["Skatebaan", "Oud plan"],
    )
    o = of_2025.context["plans"]
    assert [p.title for p in o.awarded + o.not_realised + o.in_progress] == ["Oud plan"]
    assert [(x.reason_code, x.total) for x in o.reasons] == [
        (ReasonCode.RULE_BREACH, 1)
    ]
    assert o.years == [2026, 2025]
    p = pending.context["plans"]
    assert [x.title for x in p.awarded + p.not_realised + p.in_progress] == [
        "Speeltuin"
    ]
    assert '<option value="2025" selected>2025</option>' in of_2025.content.decode()


def test_plan_list_ignores_an_unknown_filter(
    client: Client, wijk: Neighbourhood
) -> None:
    # given
    _every_kind(wijk)
    # when
    response = _get(client, _plans_url(wijk, "status=nonsense&year=1812"))
    # then
    assert response.status_code == 200
    assert len(response.context["plans"].awarded) == 3


def test_names_only_with_consent_and_never_motivations_or_e_mail(
    client: Client, wijk: Neighbourhood
) -> None:
    # given
    plans = _every_kind(wijk)
    emails = [p.initiator.email for p in plans.values()]
    official = wijk.contact_official
    assert official is not None
    urls = [
        _plans_url(wijk),
        reverse("transparency:neighbourhood", kwargs={"slug": wijk.slug}),
        *(
            _plan_url(wijk, plans[k])
            for k in ("awarded", "partly", "rejected", "cancelled", "not_processed")
        ),
    ]
    for url in urls:
        # when
        response = _get(client, url)
        # then
        text = response.content.decode()
        assert response.status_code == 200, url
        assert "Kees Verborgen" not in text, url
        assert "Jan de Vries" not in text, url
        assert MOTIVATION not in text, url
        assert "Jansen" not in text, url
        assert official.full_name not in text, url
        assert official.email not in text, url
        for email in emails:
            assert email not in text, url
    shown = _get(client, _plans_url(wijk))
    assert "Initiator Fatima Yilmaz" in _text(shown.content)


def test_plan_page_tells_the_story_in_words(
    client: Client, wijk: Neighbourhood
) -> None:
    # given
    plan = plan_in(
        wijk,
        S.CANCELLED,
        title="Kerstmarkt",
        submitted_on=dt.date(2026, 2, 2),
        decided_on=dt.date(2026, 3, 3),
        cancelled_on=dt.date(2026, 5, 1),
        reason_code=ReasonCode.INSUFFICIENT_SUPPORT,
        description="Een markt op het plein.",
    )
    # when
    response = _get(client, _plan_url(wijk, plan))
    # then
    assert response.status_code == 200
    timeline = [
        (s.on, s.label, s.reason_label) for s in response.context["detail"].timeline
    ]
    assert timeline == [
        (dt.date(2026, 2, 2), "Plan submitted", ""),
        (dt.date(2026, 2, 2), "Checked against the rules", ""),
        (dt.date(2026, 2, 2), "Put on the agenda of the regiegroep", ""),
        (dt.date(2026, 2, 2), "Discussed by the regiegroep", ""),
        (dt.date(2026, 3, 3), "Awarded", ""),
        (
            dt.date(2026, 5, 1),
            "Cancelled: the plan was not carried out",
            "not enough support in the wijk",
        ),
    ]
    text = _text(response.content)
    assert "Why this plan was not carried out" in text
    assert "Reason: not enough support in the wijk." in text
    assert "Een markt op het plein." in text
    assert _euro("Amount awarded € 450") in text


@pytest.mark.parametrize(
    "status", [S.SUBMITTED, S.CHECKED, S.DEFERRED], ids=lambda s: str(s)
)
def test_plan_page_of_an_undecided_plan_is_404(
    client: Client, wijk: Neighbourhood, status: S
) -> None:
    # given
    plan = plan_in(wijk, status)
    # when / then
    assert _get(client, _plan_url(wijk, plan)).status_code == 404


def test_plan_page_of_a_draft_withdrawn_or_other_wijk_plan_is_404(
    client: Client, wijk: Neighbourhood
) -> None:
    # given
    plans = _every_kind(wijk)
    other = neighbourhood_ready(name="Oost", slug="oost")
    # when / then
    assert _get(client, _plan_url(wijk, plans["draft"])).status_code == 404
    assert _get(client, _plan_url(wijk, plans["withdrawn"])).status_code == 404
    assert _get(client, _plan_url(other, plans["awarded"])).status_code == 404
    assert _get(client, _plan_url(wijk, plans["awarded"])).status_code == 200
    assert (
        public_plan_detail(neighbourhood=other, initiative_uuid=plans["awarded"].uuid)
        is None
    )


def _list_queries(client: Client, wijk: Neighbourhood) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = _get(client, _plans_url(wijk))
    assert response.status_code == 200
    return len(queries)


def test_plan_list_query_count_does_not_grow_with_the_plans(
    client: Client, wijk: Neighbourhood, django_assert_max_num_queries: Any
) -> None:
    # given
    plan_in(wijk, S.AWARDED)
    plan_in(wijk, S.REJECTED)
    few = _list_queries(client, wijk)
    _every_kind(wijk)
    # when / then
    with django_assert_max_num_queries(few):
        response = _get(client, _plans_url(wijk))
    assert len(response.context["plans"].awarded) == 4


def test_wijk_page_shows_recent_decisions_and_links(
    client: Client, wijk: Neighbourhood
) -> None:
    # given
    _every_kind(wijk)
    # when
    response = _get(
        client, reverse("transparency:neighbourhood", kwargs={"slug": wijk.slug})
    )
    # then
    recent = response.context["page"].recent_decisions
    assert [p.title for p in recent] == [
        "Buurtfeest",
        "Skatebaan",
        "Kerstmarkt",
        "Bankjes op het plein",
        "Zomerkamp",
    ]
    html = response.content.decode()
    assert _plans_url(wijk) in html
    assert reverse("transparency:quarters", kwargs={"slug": wijk.slug}) in html
    assert reverse("transparency:meetings", kwargs={"slug": wijk.slug}) in html
    assert "The next meeting has not been planned yet." in _text(response.content)


def test_pages_switch_to_english(
    client: Client, wijk: Neighbourhood, settings: Any
) -> None:
    # given a site that speaks Dutch first, and a plan
    settings.LANGUAGE_CODE = "nl"
    plan = plan_in(wijk, S.AWARDED)
    from django.utils import translation

    with translation.override("nl"):
        dutch = _get(client, _plan_url(wijk, plan))
        # when the visitor switches to English
        client.post("/i18n/setlang/", {"language": "en", "next": "/"}, secure=True)
        english = _get(client, _plan_url(wijk, plan))
    # then
    assert '<html lang="nl"' in dutch.content.decode()
    assert 'aria-label="Kruimelpad"' in dutch.content.decode()
    assert '<html lang="en"' in english.content.decode()
    assert 'aria-label="Breadcrumb"' in english.content.decode()
    assert "What happened when" in _text(english.content)


def test_a_plan_cancelled_after_a_partial_award_keeps_both_reasons(
    client: Client, wijk: Neighbourhood
) -> None:
    # given
    plan = plan_in(
        wijk,
        S.PARTLY_AWARDED,
        title="Buurtfeest",
        decided_on=dt.date(2026, 3, 2),
        reason_code=ReasonCode.BUDGET_EXHAUSTED,
    )
    with on_day(dt.date(2026, 4, 20)):
        step(
            plan,
            S.CANCELLED,
            reason_code=ReasonCode.INSUFFICIENT_SUPPORT,
            motivation=MOTIVATION,
        )
    # when
    response = _get(client, _plan_url(wijk, plan))
    with on_day(TODAY):
        public = public_plans(neighbourhood=wijk)
    # then
    assert [(p.reason_code, p.decision_reason_code, p.outcome) for p in public] == [
        (ReasonCode.INSUFFICIENT_SUPPORT, ReasonCode.BUDGET_EXHAUSTED, S.PARTLY_AWARDED)
    ]
    assert [
        (r.reason_code, r.cancelled, r.partly_awarded) for r in reason_counts(public)
    ] == [(ReasonCode.INSUFFICIENT_SUPPORT, 1, 0)]
    text = _text(response.content)
    assert (
        "Why this plan was not carried out Reason: not enough support in the wijk."
        in text
    )
    assert "Why this plan got less money Reason: the budget is used up." in text
