"""Open data (issue #13, point 6; docs/open-data.md): the downloads hold exactly the
documented columns and no personal data; the read API lists, pages, finds one item,
answers 404 as JSON, limits the rate, and sits in the provider API's schema."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

import pytest
from openpyxl import load_workbook

from wijkvoucher.accounts.models import User
from wijkvoucher.consultations.tests.helpers import (
    budget_vote,
    certified,
    on_roll,
    options_of,
    published,
    vote,
    wijk_with_organiser,
)
from wijkvoucher.decisions.tests.helpers import funded
from wijkvoucher.initiatives.constants import InitiativeStatus as S
from wijkvoucher.initiatives.models import CoInitiator, Initiative
from wijkvoucher.initiatives.tests.factories import initiative_in, neighbourhood_ready
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Address, Neighbourhood
from wijkvoucher.neighbourhoods.tests.helpers import (
    HttpsClient,
    official,
    on_day,
    sign_in_verified,
)
from wijkvoucher.reports.sections import SECTIONS
from wijkvoucher.transparency.selectors.open_data import OPEN_PLAN_COLUMNS
from wijkvoucher.vouchers.tests.helpers import EUR, awarded_plan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    cache.clear()
    with on_day():
        yield


def _world() -> Neighbourhood:
    """A wijk with an awarded plan whose initiator agreed to be named, a rejected
    plan and a plan waiting for a decision."""
    wijk = neighbourhood_ready_with_budget()
    plan = awarded_plan(wijk, 300 * EUR)
    Initiative.objects.filter(pk=plan.pk).update(publish_initiator_name=True)
    initiative_in(S.REJECTED, neighbourhood=wijk)
    initiative_in(S.SUBMITTED, neighbourhood=wijk)
    return wijk


def neighbourhood_ready_with_budget() -> Neighbourhood:
    wijk = neighbourhood_ready()
    funded(wijk)
    return wijk


def _personal_data() -> set[str]:
    """Every name, e-mail address and street address of the fixtures' people."""
    found: set[str] = set()
    for name, email in User.objects.values_list("full_name", "email"):
        found |= {str(v) for v in (name, email) if v}
    for street, number, postcode in Address.objects.values_list(
        "street", "house_number", "postcode"
    ):
        found.add(postcode)
        if street:
            found.add(f"{street} {number}")
    found |= {e for e in CoInitiator.objects.values_list("email", flat=True) if e}
    return found


def _outputs(client: HttpsClient, slug: str) -> dict[str, str]:
    urls = [
        reverse("transparency:open_data", kwargs={"slug": slug}),
        reverse("transparency:open_plans_csv", kwargs={"slug": slug}),
        reverse("transparency:open_plans_json", kwargs={"slug": slug}),
        *(
            reverse(f"open_api:{name}")
            for name in ("wijken", "budget_periods", "initiatives", "consultations")
        ),
    ]
    texts = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        texts[url] = response.content.decode()
    return texts


def test_open_data_and_report_downloads_hold_no_personal_data() -> None:
    # given
    wijk = _world()
    council = HttpsClient()
    sign_in_verified(
        council, official(municipality=wijk.municipality, role=Role.COUNCIL)
    )
    people = _personal_data()
    # when
    texts = _outputs(HttpsClient(), wijk.municipality.slug)
    for key in SECTIONS:
        url = reverse("reports:section_csv", kwargs={"key": key})
        texts[url] = council.get(url).content.decode()
    book = load_workbook(io.BytesIO(council.get(reverse("reports:xlsx")).content))
    texts["xlsx"] = " ".join(
        str(cell) for sheet in book.worksheets for row in sheet.values for cell in row
    )
    # then
    assert people
    leaks = {(url, p) for url, text in texts.items() for p in people if p in text}
    assert leaks == set()


def test_open_list_has_the_documented_columns() -> None:
    # given
    wijk = _world()
    slug = wijk.municipality.slug
    client = HttpsClient()
    # when
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get(
                    reverse("transparency:open_plans_csv", kwargs={"slug": slug})
                ).content.decode()
            )
        )
    )
    body = json.loads(
        client.get(
            reverse("transparency:open_plans_json", kwargs={"slug": slug})
        ).content
    )
    # then
    assert len(rows) == 1  # only the plan that got money
    assert tuple(rows[0]) == OPEN_PLAN_COLUMNS
    assert rows[0]["amount_cents"] == "30000"
    assert rows[0]["status"] == "awarded"
    assert rows[0]["reason"] == ""
    assert body["columns"] == list(OPEN_PLAN_COLUMNS)
    assert [tuple(item) for item in body["initiatives"]] == [OPEN_PLAN_COLUMNS]


def test_api_lists_pages_and_finds_one() -> None:
    # given
    wijk = _world()
    client = HttpsClient()
    # when
    first = json.loads(
        client.get(reverse("open_api:initiatives"), {"page_size": 2}).content
    )
    second = client.get(first["next"])
    one = first["results"][0]
    detail = client.get(
        reverse("open_api:initiative", kwargs={"initiative_uuid": one["uuid"]})
    )
    missing = client.get(reverse("open_api:wijk", kwargs={"slug": "nergens"}))
    wijk_answer = client.get(reverse("open_api:wijk", kwargs={"slug": wijk.slug}))
    # then
    assert first["count"] == 3
    assert len(first["results"]) == 2
    assert len(json.loads(second.content)["results"]) == 1
    assert json.loads(detail.content) == one
    assert missing.status_code == 404
    assert json.loads(missing.content)["code"] == "not_found"
    assert json.loads(wijk_answer.content)["name"] == wijk.name


def test_api_filters_by_slug_and_a_value_that_is_no_slug_finds_nothing() -> None:
    # given
    wijk = _world()
    client = HttpsClient()
    url = reverse("open_api:wijken")
    # when
    found = client.get(url, {"wijk": wijk.slug})
    odd = [client.get(url, {"wijk": value}) for value in ("\x00b", "a b", "%")]
    other = client.get(url, {"gemeente": "\x00"})
    # then
    assert [w["slug"] for w in json.loads(found.content)["results"]] == [wijk.slug]
    for answer in [*odd, other]:
        assert answer.status_code == 200
        assert json.loads(answer.content)["results"] == []


def test_api_gives_certified_consultation_results_without_comments() -> None:
    # given
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(wijk, organiser)
    roll = on_roll(consultation, organiser, 2)
    published(consultation, organiser)
    a, b, _c = options_of(consultation)
    vote(consultation, roll[0][0], [a])
    vote(consultation, roll[1][0], [a, b])
    certified(consultation, organiser)
    # when
    response = HttpsClient().get(
        reverse(
            "open_api:consultation",
            kwargs={"consultation_uuid": consultation.uuid},
        )
    )
    # then
    result = json.loads(response.content)["result"]
    assert result["ballots"] == 2
    assert [(o["title"], o["votes"]) for o in result["options"]] == [
        ("Plan A", 2),
        ("Plan B", 1),
        ("Plan C", 0),
    ]


@override_settings(WIJKVOUCHER_OPEN_API_RATE="2/m")
def test_api_limits_the_rate_per_address() -> None:
    # given
    client = HttpsClient()
    url = reverse("open_api:wijken")
    # when
    answers = [client.get(url) for _ in range(3)]
    # then
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert answers[2]["Retry-After"] == "60"
    assert json.loads(answers[2].content)["code"] == "rate_limited"


def test_api_is_in_the_shared_schema() -> None:
    # when
    schema = json.loads(
        HttpsClient().get(reverse("api:schema"), {"format": "json"}).content
    )
    # then
    for path in ("wijken", "budget-periods", "initiatives", "consultations"):
        assert f"/api/v1/{path}/" in schema["paths"]
    assert "/api/v1/vouchers/lookup/" in schema["paths"]
