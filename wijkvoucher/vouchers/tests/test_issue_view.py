"""The official's page to issue vouchers after the award: proposed split, own split,
refusals that keep what was typed and change nothing."""

from __future__ import annotations

from collections.abc import Iterator

from django.test import Client
from django.urls import reverse

import pytest

from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.decisions.tests.helpers import contact_of, world_state
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.helpers import (
    HttpsClient,
    on_day,
    sign_in_verified,
)
from wijkvoucher.payments.tests.test_claims_decide import cash_manager
from wijkvoucher.vouchers.forms.resident import parse_amount_list
from wijkvoucher.vouchers.models import Voucher
from wijkvoucher.vouchers.tests.helpers import EUR, awarded_plan, balance, funded

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


@pytest.fixture
def wijk() -> Neighbourhood:
    wijk = neighbourhood_ready()
    funded(wijk)
    return wijk


def _official_client(initiative: Initiative) -> Client:
    client = HttpsClient()
    sign_in_verified(client, contact_of(initiative))
    return client


def _url(initiative: Initiative) -> str:
    return reverse("vouchers:voucher_issue", args=[initiative.uuid])


def test_parse_amount_list() -> None:
    assert parse_amount_list("250; 200,50") == [25000, 20050]
    assert parse_amount_list("250, 200,50") == [25000, 20050]
    assert parse_amount_list("1.250;\n200") == [125000, 20000]
    assert parse_amount_list("  ") == []


def test_proposed_split_is_issued(wijk: Neighbourhood) -> None:
    initiative = awarded_plan(wijk, 450 * EUR)
    client = _official_client(initiative)
    page = client.get(_url(initiative))
    assert page.status_code == 200
    assert "€\u00a0450" in page.content.decode()
    response = client.post(_url(initiative), {"split": ""})
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "initiatives:official_plan", args=[initiative.uuid]
    )
    vouchers = list(Voucher.objects.filter(initiative=initiative))
    assert [v.amount_cents for v in vouchers] == [450 * EUR]
    assert balance(vouchers[0]) == 450 * EUR
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.IN_EXECUTION
    # Issuing again is not possible: back to the plan file, nothing new.
    again = client.post(_url(initiative), {"split": ""})
    assert again.status_code == 302
    assert Voucher.objects.filter(initiative=initiative).count() == 1


def test_own_split(wijk: Neighbourhood) -> None:
    initiative = awarded_plan(wijk, 450 * EUR)
    client = _official_client(initiative)
    response = client.post(_url(initiative), {"split": "250; 199,50; 0,50"})
    assert response.status_code == 302
    amounts = sorted(
        Voucher.objects.filter(initiative=initiative).values_list(
            "amount_cents", flat=True
        )
    )
    assert amounts == [50, 19950, 25000]


@pytest.mark.parametrize("split", ["250; 100", "abc", "450,001"])
def test_refused_split_keeps_the_text_and_changes_nothing(
    wijk: Neighbourhood, split: str
) -> None:
    initiative = awarded_plan(wijk, 450 * EUR)
    client = _official_client(initiative)
    before = world_state()
    response = client.post(_url(initiative), {"split": split})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'value="{split}"' in html
    assert "error-summary" in html
    assert world_state() == before
    assert not Voucher.objects.filter(initiative=initiative).exists()


def test_who_may_open_it(wijk: Neighbourhood) -> None:
    initiative = awarded_plan(wijk, 450 * EUR)
    resident = HttpsClient()
    resident.force_login(initiative.initiator)
    assert resident.get(_url(initiative)).status_code == 403
    unverified = HttpsClient()
    unverified.force_login(contact_of(initiative))
    assert unverified.get(_url(initiative)).status_code == 302
    other_wijk = neighbourhood_ready(
        municipality=wijk.municipality, start="2000AA", end="2000ZZ"
    )
    elsewhere = HttpsClient()
    sign_in_verified(elsewhere, other_wijk.contact_official or UserFactory.create())
    assert elsewhere.get(_url(initiative)).status_code == 404


def test_plan_file_links_to_the_issue_page(wijk: Neighbourhood) -> None:
    initiative = awarded_plan(wijk, 450 * EUR)
    page = _official_client(initiative).get(
        reverse("initiatives:official_plan", args=[initiative.uuid])
    )
    assert page.status_code == 200
    assert _url(initiative) in page.content.decode()


def test_a_cash_manager_finds_awarded_plans_and_comes_back_to_the_cash(
    wijk: Neighbourhood,
) -> None:
    # given an awarded plan and a cash manager (who has no plan file)
    initiative = awarded_plan(wijk, 450 * EUR)
    client = HttpsClient()
    sign_in_verified(client, cash_manager(wijk))
    # when they open the cash overview
    home = client.get(reverse("payments:cash_home")).content.decode()
    # then the plan waits there with a link to issue its vouchers
    assert f'href="{_url(initiative)}"' in home
    page = client.get(_url(initiative)).content.decode()
    assert f'href="{reverse("payments:cash_home")}"' in page
    plan_file = reverse("initiatives:official_plan", args=[initiative.uuid])
    assert f'href="{plan_file}"' not in page
    # and after issuing they come back to the cash overview, not to a page they
    # may not open
    response = client.post(_url(initiative), {"split": ""})
    assert response.status_code == 302
    assert response["Location"] == reverse("payments:cash_home")
    assert client.get(response["Location"]).status_code == 200
    assert (
        f'href="{_url(initiative)}"'
        not in client.get(reverse("payments:cash_home")).content.decode()
    )
