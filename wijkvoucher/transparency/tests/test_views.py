from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.core.money import NBSP
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.services.regulations import regulation_version_create
from wijkvoucher.neighbourhoods.tests.factories import (
    BudgetPeriodFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    RegulationVersionFactory,
    RoleAssignmentFactory,
)
from wijkvoucher.providers.models import Provider
from wijkvoucher.transparency.tests.builders import coordinator, published_period

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("now")]


def _euro(text: str) -> str:
    """'€ 18.500' as the page writes it, with a non-breaking space."""
    return text.replace("€ ", "€" + NBSP)


def _wijk_url(wijk: Neighbourhood) -> str:
    return reverse("transparency:neighbourhood", kwargs={"slug": wijk.slug})


def _get(client: Client, url: str) -> _MonkeyPatchedWSGIResponse:
    """Over HTTPS, as in production (plain HTTP is redirected)."""
    return client.get(url, secure=True)


def _text(html: bytes) -> str:
    """The page's text with tags removed and whitespace collapsed."""
    # Collapse ASCII whitespace only: the non-breaking space in amounts stays.
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html.decode())).strip()


def _designated_with_budget(**kwargs: Any) -> Neighbourhood:
    wijk = NeighbourhoodFactory.create(**kwargs)
    RegulationVersionFactory.create(regulation=wijk.regulation)
    published_period(
        neighbourhood=wijk, ceiling_cents=5_000_000, awarded_cents=1_850_000
    )
    return wijk


def test_home_lists_designated_wijken_only(client: Client) -> None:
    # given
    _designated_with_budget(name="Bloemenwijk")
    NeighbourhoodFactory.create(
        name="Toekomstwijk", designated_from=dt.date(2026, 9, 1)
    )
    NeighbourhoodFactory.create(
        name="Oude Haven",
        designated_from=dt.date(2024, 1, 1),
        designated_until=dt.date(2025, 12, 31),
    )
    # when
    response = _get(client, reverse("transparency:home"))
    # then
    assert response.status_code == 200
    assert [c.neighbourhood.name for c in response.context["cards"]] == ["Bloemenwijk"]
    text = _text(response.content)
    assert "Bloemenwijk" in text
    assert "Toekomstwijk" not in text
    assert "Oude Haven" not in text
    assert _euro("Budget 2026: € 31.500 of € 50.000 still available.") in text
    assert reverse("accounts:login") in response.content.decode()


def test_home_shows_when_an_unpublished_budget_will_be_published(
    client: Client,
) -> None:
    # given
    wijk = NeighbourhoodFactory.create(name="Bloemenwijk")
    BudgetPeriodFactory.create(neighbourhood=wijk, publication_date=dt.date(2026, 4, 1))
    # when
    response = _get(client, reverse("transparency:home"))
    # then
    text = _text(response.content)
    assert "The budget for 2026 will be published on 1 April 2026." in text
    assert "still available" not in text


def _home_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = _get(client, reverse("transparency:home"))
    assert response.status_code == 200
    return len(queries)


def test_home_query_count_does_not_grow_with_the_number_of_wijken(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    # given
    for _ in range(3):
        _designated_with_budget()
    with_three = _home_queries(client)
    for _ in range(3):
        _designated_with_budget()
    # when / then
    with django_assert_max_num_queries(with_three):
        response = _get(client, reverse("transparency:home"))
    assert len(response.context["cards"]) == 6


def test_wijk_page_shows_the_budget_meter(client: Client) -> None:
    # given
    wijk = _designated_with_budget(name="Bloemenwijk", population=8250)
    # when
    response = _get(client, _wijk_url(wijk))
    # then
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        _euro(
            'role="img" focusable="false"\n     aria-label="Budget 2026: € 18.500 of '
            '€ 50.000 awarded, € 31.500 still available."'
        )
        in html
    )
    assert 'class="budget-chart__awarded" x="0" y="0" width="37%"' in html
    assert 'class="budget-chart__available" x="37%" y="0" width="63%"' in html
    text = _text(response.content)
    assert _euro("Total budget (ceiling) € 50.000") in text
    assert _euro("Awarded to plans € 18.500") in text
    assert _euro("Still available € 31.500") in text
    assert "Awarded: 37%" in text
    assert "Still available: 63%" in text
    assert "About 8,250 people live in this wijk of Gemeente Dijkstad." in text
    assert "style=" not in html


def test_wijk_page_unknown_slug_is_404(client: Client) -> None:
    # when
    response = _get(client, "/wijken/bestaat-niet/")
    # then
    assert response.status_code == 404


def test_wijk_page_of_a_wijk_no_longer_designated_is_404(client: Client) -> None:
    # given
    wijk = NeighbourhoodFactory.create(
        designated_from=dt.date(2024, 1, 1), designated_until=dt.date(2026, 3, 15)
    )
    # when
    response = _get(client, _wijk_url(wijk))
    # then
    assert response.status_code == 404


def test_wijk_page_says_when_the_budget_will_be_published(client: Client) -> None:
    # given
    wijk = NeighbourhoodFactory.create()
    BudgetPeriodFactory.create(neighbourhood=wijk, publication_date=dt.date(2026, 4, 1))
    # when
    response = _get(client, _wijk_url(wijk))
    # then
    text = _text(response.content)
    assert "The budget for 2026 will be published on 1 April 2026." in text
    assert "budget-chart" not in response.content.decode()
    assert "Total budget (ceiling)" not in text


def test_wijk_page_says_soon_when_the_publication_date_has_passed(
    client: Client,
) -> None:
    # given
    wijk = NeighbourhoodFactory.create()
    BudgetPeriodFactory.create(neighbourhood=wijk, publication_date=dt.date(2026, 3, 1))
    # when
    response = _get(client, _wijk_url(wijk))
    # then
    text = _text(response.content)
    assert "The budget for 2026 will be published soon." in text
    assert "Total budget (ceiling)" not in text


def test_wijk_page_says_so_when_there_is_no_budget_period(client: Client) -> None:
    # given
    wijk = NeighbourhoodFactory.create()
    # when
    response = _get(client, _wijk_url(wijk))
    # then
    assert "There is no budget for this wijk at the moment." in _text(response.content)


def test_wijk_page_names_only_members_who_consented(client: Client) -> None:
    # given
    wijk = NeighbourhoodFactory.create()
    RoleAssignmentFactory.create(
        neighbourhood=wijk,
        role=Role.STEERING_CHAIR,
        user=UserFactory.create(full_name="Fatima Yilmaz", consent_publish_name=True),
    )
    RoleAssignmentFactory.create(
        neighbourhood=wijk,
        role=Role.STEERING_MEMBER,
        user=UserFactory.create(full_name="Kees de Vries", consent_publish_name=False),
    )
    # when
    response = _get(client, _wijk_url(wijk))
    # then
    text = _text(response.content)
    assert "Chair : Fatima Yilmaz" in text
    assert "Kees de Vries" not in text
    assert re.search(
        r"<li>\s*<span class=\"public-steering__role\">Member</span>\s*</li>",
        response.content.decode(),
    )


def test_wijk_page_marks_advisers_as_not_voting(client: Client) -> None:
    # given
    wijk = NeighbourhoodFactory.create()
    RoleAssignmentFactory.create(
        neighbourhood=wijk,
        role=Role.STEERING_ADVISER,
        user=UserFactory.create(full_name="Anouk Bakker", consent_publish_name=True),
    )
    RoleAssignmentFactory.create(
        neighbourhood=wijk,
        role=Role.STEERING_MEMBER,
        user=UserFactory.create(full_name="Piet Smit", consent_publish_name=True),
    )
    # when
    response = _get(client, _wijk_url(wijk))
    # then
    text = _text(response.content)
    assert "Adviser : Anouk Bakker (gives advice, does not vote)" in text
    assert "Member : Piet Smit Adviser" in text


def test_wijk_page_shows_contact_and_objection_term(client: Client) -> None:
    # given
    MunicipalityFactory.create(contact_phone="14 0123")
    wijk = NeighbourhoodFactory.create()
    RegulationVersionFactory.create(regulation=wijk.regulation, objection_term_weeks=6)
    # when
    response = _get(client, _wijk_url(wijk))
    # then
    text = _text(response.content)
    assert "within 6 weeks after the date of the letter" in text
    assert "E-mail wijkvoucher@dijkstad.example.nl" in text
    assert "Phone 14 0123" in text


def test_wijk_page_links_to_its_wijkraadplegingen(client: Client) -> None:
    wijk = NeighbourhoodFactory.create()
    response = _get(client, _wijk_url(wijk))
    target = reverse("consultations:list", kwargs={"slug": wijk.slug})
    assert f'href="{target}"' in response.content.decode()
    assert _get(client, target).status_code == 200


def test_wijk_page_rules_follow_a_new_regeling_version(
    client: Client, now: dt.datetime
) -> None:
    # given
    wijk = NeighbourhoodFactory.create()
    RegulationVersionFactory.create(
        regulation=wijk.regulation, number=1, max_amount_per_voucher_cents=500_000
    )
    before = _text(_get(client, _wijk_url(wijk)).content)
    # when
    regulation_version_create(
        actor=coordinator(),
        regulation=wijk.regulation,
        change_note="Lower maximum so that more plans get money.",
        max_amount_per_voucher_cents=250_000,
    )
    after = _text(_get(client, _wijk_url(wijk)).content)
    # then
    assert _euro("You can get at most € 5.000 per voucher.") in before
    assert _euro("You can get at most € 2.500 per voucher.") not in before
    assert _euro("You can get at most € 2.500 per voucher.") in after
    assert _euro("You can get at most € 5.000 per voucher.") not in after
    assert "These rules apply to plans in this wijk since 16 March 2026." in after


def test_wijk_page_without_a_regeling_version_in_force_shows_no_rules(
    client: Client, now: dt.datetime
) -> None:
    # given
    wijk = NeighbourhoodFactory.create()
    RegulationVersionFactory.create(
        regulation=wijk.regulation, valid_from=now + dt.timedelta(days=10)
    )
    # when
    response = _get(client, _wijk_url(wijk))
    # then
    assert response.status_code == 200
    text = _text(response.content)
    assert "The rules in plain language" not in text
    assert "within 6 weeks after the date of the letter" in text


def test_wijk_page_lists_approved_providers_only(
    client: Client, now: dt.datetime
) -> None:
    # given
    wijk = NeighbourhoodFactory.create()
    approved = Provider.objects.create(
        municipality=wijk.municipality,
        name="Bouwmarkt Dijkstad",
        description="Hout, verf en gereedschap.",
        approved_at=now,
    )
    approved.neighbourhoods.add(wijk)
    pending = Provider.objects.create(
        municipality=wijk.municipality, name="Nog Niet BV", description="Alles."
    )
    pending.neighbourhoods.add(wijk)
    # when
    response = _get(client, _wijk_url(wijk))
    # then
    text = _text(response.content)
    assert "Bouwmarkt Dijkstad Hout, verf en gereedschap." in text
    assert "Nog Niet BV" not in text
