"""The ACTIE pages: filling in, the result with its radar and table, the PDF, the
plan file's panel and the overview's fixed number of queries."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import reverse

import pytest

from wijkvoucher.actie.constants import Variant
from wijkvoucher.actie.items import items_of
from wijkvoucher.actie.models import ActieAssessment
from wijkvoucher.actie.tests.helpers import (
    contact_of,
    coordinator_of,
    plan_assessed,
    submitted_plan,
    wijk_assessed,
)
from wijkvoucher.core.tests.query_counts import page_queries
from wijkvoucher.neighbourhoods.tests.helpers import (
    HttpsClient,
    on_day,
    sign_in_verified,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


def _post_data(score: str = "3", **overrides: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        f"score_{item.code}": score for item in items_of(Variant.FRONTLINE)
    }
    data.update(overrides)
    return data


def test_the_official_fills_in_the_form_and_sees_radar_table_and_suggestion() -> None:
    # given a submitted plan and its contact official
    plan = submitted_plan()
    client = HttpsClient()
    sign_in_verified(client, contact_of(plan))
    url = reverse("actie:initiative_new", args=[plan.uuid])
    # when they send the form with Toerusting unknown and a note
    response = client.post(
        url,
        _post_data(
            score_T1="unknown",
            note_A1="Ze willen de buren leren kennen.",
            points_C="Koppelen aan het buurthuis.",
        ),
    )
    # then one assessment, and its page shows the chart, the table and the points
    assessment = ActieAssessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("actie:assessment", args=[assessment.uuid])
    page = client.get(response["Location"]).content.decode()
    assert 'class="actie-radar__svg"' in page
    assert 'role="img"' in page
    assert "Koppelen aan het buurthuis." in page
    assert "Ze willen de buren leren kennen." in page
    assert assessment.answers.get(item="T1").score is None


def test_a_form_with_missing_scores_comes_back_with_what_was_entered() -> None:
    # given the form without a score for E3
    plan = submitted_plan()
    client = HttpsClient()
    sign_in_verified(client, contact_of(plan))
    data = _post_data(note_E2="Verwachtingen besproken op 3 juni.")
    del data["score_E3"]
    # when sent
    response = client.post(reverse("actie:initiative_new", args=[plan.uuid]), data)
    # then the page comes back with the error and the note kept; nothing stored
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_score_E3"' in page
    assert "Verwachtingen besproken op 3 juni." in page
    assert 'aria-invalid="true"' in page
    assert ActieAssessment.objects.count() == 0


def test_a_new_form_starts_from_the_last_answers() -> None:
    # given an assessment with A1 at 1
    plan = submitted_plan()
    plan_assessed(plan, A1=1)
    client = HttpsClient()
    sign_in_verified(client, contact_of(plan))
    # when the form is opened again
    form = client.get(reverse("actie:initiative_new", args=[plan.uuid])).context["form"]
    # then it starts from those answers
    assert form.initial["score_A1"] == "1"
    assert form.initial["score_A2"] == "3"


def test_the_pdf_is_a_pdf() -> None:
    # given an assessment
    plan = submitted_plan()
    assessment = plan_assessed(plan)
    client = HttpsClient()
    sign_in_verified(client, contact_of(plan))
    # when downloaded
    response = client.get(reverse("actie:assessment_pdf", args=[assessment.uuid]))
    # then a PDF attachment
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert "attachment" in response["Content-Disposition"]


def test_the_plan_file_shows_the_latest_assessment() -> None:
    # given an assessment of the plan
    plan = submitted_plan()
    assessment = plan_assessed(plan)
    client = HttpsClient()
    sign_in_verified(client, contact_of(plan))
    # when the official opens the plan file
    page = client.get(reverse("initiatives:official_plan", args=[plan.uuid]))
    # then the ACTIE panel links to the assessment and to a new form
    html = page.content.decode()
    assert reverse("actie:assessment", args=[assessment.uuid]) in html
    assert reverse("actie:initiative_new", args=[plan.uuid]) in html


def test_the_overview_does_not_grow_with_the_assessments() -> None:
    # given a plan form and a wijk form
    plan = submitted_plan()
    wijk = plan.neighbourhood
    coordinator = coordinator_of(wijk)
    plan_assessed(plan, score=2)
    wijk_assessed(wijk, coordinator)
    client = HttpsClient()
    sign_in_verified(client, coordinator)
    url = reverse("actie:report")
    before = page_queries(client, url)
    # when nine more of each are recorded
    second = submitted_plan()
    for _ in range(9):
        plan_assessed(second, score=1)
        wijk_assessed(wijk, coordinator, score=2)
    # then the same number of queries
    assert page_queries(client, url) == before


def test_the_history_pages_do_not_grow_with_the_assessments() -> None:
    # given one assessment of a plan and of its wijk
    plan = submitted_plan()
    coordinator = coordinator_of(plan.neighbourhood)
    plan_assessed(plan)
    wijk_assessed(plan.neighbourhood, coordinator)
    client = HttpsClient()
    sign_in_verified(client, coordinator)
    urls = [
        reverse("actie:initiative", args=[plan.uuid]),
        reverse("actie:wijk", args=[plan.neighbourhood.slug]),
    ]
    before = [page_queries(client, url) for url in urls]
    # when nine more are recorded
    for _ in range(9):
        plan_assessed(plan, score=2)
        wijk_assessed(plan.neighbourhood, coordinator, score=2)
    # then
    assert [page_queries(client, url) for url in urls] == before
