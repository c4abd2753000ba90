"""The resident's plan wizard through the views: start → two steps → check and send →
the plan page; the live rule check; input kept on errors; other people's plans 404;
no edits after submission; withdrawing."""

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="assignment,arg-type,misc,return-value"
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.core.middleware import DutchFirstLocaleMiddleware
from wijkvoucher.initiatives import views_resident
from wijkvoucher.initiatives.constants import ContributionKind, Goal, InitiativeStatus
from wijkvoucher.initiatives.models import BudgetLine, Initiative, OwnContribution
from wijkvoucher.initiatives.tests.factories import (
    BudgetLineFactory,
    complete_draft,
    initiative_in,
    neighbourhood_ready,
    resident,
)
from wijkvoucher.neighbourhoods.constants import CostCategory
from wijkvoucher.neighbourhoods.tests.factories import AddressFactory
from wijkvoucher.neighbourhoods.tests.helpers import HttpsClient, on_day, sign_in

S = InitiativeStatus
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_interface(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the messages in the source language (English msgids); that the
    Dutch catalogue covers them is tested in tests/test_translations.py."""
    settings.LANGUAGE_CODE = "en"
    monkeypatch.setattr(
        DutchFirstLocaleMiddleware, "_language_for", lambda self, request: "en"
    )


@pytest.fixture(autouse=True)
def _today_in_english() -> Iterator[None]:
    with on_day(), translation.override("en"):
        yield


@pytest.fixture
def client() -> Client:
    return HttpsClient()


def _step(initiative: Initiative, step: int) -> str:
    return reverse(
        "initiatives:plan_step",
        kwargs={"initiative_uuid": initiative.uuid, "step": step},
    )


def _url(name: str, initiative: Initiative) -> str:
    return reverse(name, kwargs={"initiative_uuid": initiative.uuid})


def _signed_in_resident(client: Client) -> User:
    user = resident(neighbourhood_ready())
    sign_in(client, user)
    return user


def test_a_resident_writes_and_sends_in_a_plan(client: Client) -> None:
    # given a resident of a wijk that takes part, on "my plans"
    user = _signed_in_resident(client)
    page = client.get(reverse("initiatives:my_plans"))
    assert "Start my plan" in page.content.decode()
    # when they start a plan
    response = client.post(
        reverse("initiatives:plan_start"), {"title": "Buurtmoestuin"}
    )
    initiative = Initiative.objects.get(initiator=user)
    assert response["Location"] == _step(initiative, 1)
    # and fill in the two steps: the plan, then costs and own contribution
    response = client.post(
        _step(initiative, 1),
        {
            "title": "Buurtmoestuin",
            "description": "Samen groente kweken op het pleintje.",
            "goals": [Goal.SOCIAL_COHESION, Goal.LIVEABILITY],
            "target_group": "Alle buren",
            "location_text": "Pleintje",
            "starts_on": "2026-09-01",
            "ends_on": "2026-09-30",
            "action": "next",
        },
    )
    assert response["Location"] == _step(initiative, 2)
    response = client.post(
        _step(initiative, 2),
        {
            "part": "line",
            "description": "Plantenbakken",
            "category": CostCategory.MATERIALS,
            "amount": "345,50",
            "provider_name": "Bouwmarkt",
            "action": "save",
        },
    )
    assert response["Location"] == _step(initiative, 2)
    response = client.post(
        _step(initiative, 2),
        {
            "part": "contribution",
            "kind": ContributionKind.HOURS,
            "description": "Zelf bouwen",
            "hours": "12",
            "action": "next",
        },
    )
    assert response["Location"] == _url("initiatives:plan_submit", initiative)
    # then the summary shows the plan and the submit button
    summary = client.get(_url("initiatives:plan_submit", initiative)).content.decode()
    assert "Plantenbakken" in summary
    assert "Send in my plan" in summary
    # when they send it in
    response = client.post(_url("initiatives:plan_submit", initiative))
    # then the plan is submitted and the receipt names the contact person
    assert response["Location"] == _url("initiatives:plan_detail", initiative)
    initiative.refresh_from_db()
    assert initiative.status == S.SUBMITTED
    assert initiative.requested_amount_cents == 34_550
    assert initiative.goals == [Goal.SOCIAL_COHESION, Goal.LIVEABILITY]
    line = BudgetLine.objects.get(initiative=initiative)
    assert line.provider_name == "Bouwmarkt"
    assert OwnContribution.objects.get(initiative=initiative).hours == Decimal("12")
    receipt = client.get(response["Location"]).content.decode()
    assert "We have received your plan Buurtmoestuin." in receipt
    assert "Your contact person at the municipality" in receipt
    assert initiative.contact_official is not None
    assert initiative.contact_official.display_name in receipt
    assert initiative.decision_due_on is not None
    assert "You hear the decision no later than" in receipt


def test_save_stays_on_the_step_and_keeps_the_draft(client: Client) -> None:
    user = _signed_in_resident(client)
    initiative = complete_draft(neighbourhood=neighbourhood_ready(), initiator=user)
    response = client.post(
        _step(initiative, 1),
        {
            "title": initiative.title,
            "location_text": "Het plein",
            "starts_on": "",
            "ends_on": "",
            "action": "save",
        },
    )
    assert response["Location"] == _step(initiative, 1)
    initiative.refresh_from_db()
    assert initiative.location_text == "Het plein"
    assert initiative.starts_on is None


def test_the_panel_shows_a_hard_breach_and_the_submit_button_is_absent(
    client: Client,
) -> None:
    # given a complete draft with an alcohol cost line (a hard rule)
    user = _signed_in_resident(client)
    initiative = complete_draft(
        neighbourhood=user.addresses.get().neighbourhood, initiator=user
    )
    client.post(
        _step(initiative, 2),
        {
            "description": "Bier voor het feest",
            "category": CostCategory.ALCOHOL,
            "amount": "40",
            "action": "save",
        },
    )
    # when the resident looks at the costs step
    step = client.get(_step(initiative, 2)).content.decode()
    # then the panel says it does not fit, with the rule's message, and the step
    # offers no send button
    assert "Does not fit" in step
    assert "No alcohol" in step
    assert "Send in my plan" not in step
    # and the summary has no submit button but says what to fix and where
    summary = client.get(_url("initiatives:plan_submit", initiative)).content.decode()
    assert "Send in my plan" not in summary
    assert "You cannot send in your plan yet." in summary
    assert _step(initiative, 2) in summary
    # and a forced POST is refused with the message, nothing submitted
    response = client.post(_url("initiatives:plan_submit", initiative))
    assert response.status_code == 200
    assert "We could not send in your plan." in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.status == S.DRAFT


def test_a_warning_does_not_block(client: Client) -> None:
    # support from the wijk is a soft rule: no supporters yet is a warning
    user = _signed_in_resident(client)
    initiative = complete_draft(
        neighbourhood=user.addresses.get().neighbourhood, initiator=user
    )
    summary = client.get(_url("initiatives:plan_submit", initiative)).content.decode()
    assert "Take note" in summary
    assert "Support from the wijk" in summary
    assert "Send in my plan" in summary
    # and the last step offers sending too, but the first does not
    assert "Send in my plan" in client.get(_step(initiative, 2)).content.decode()
    assert "Send in my plan" not in client.get(_step(initiative, 1)).content.decode()


def test_an_invalid_amount_is_shown_again_with_what_was_typed(client: Client) -> None:
    user = _signed_in_resident(client)
    initiative = complete_draft(
        neighbourhood=user.addresses.get().neighbourhood, initiator=user
    )
    lines_before = initiative.budget_lines.count()
    response = client.post(
        _step(initiative, 2),
        {
            "description": "Verf voor de bankjes",
            "category": CostCategory.MATERIALS,
            "amount": "12,505",
            "provider_name": "Verfwinkel",
            "action": "next",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter an amount in euros, such as 45.000 or 12,50." in page
    assert 'value="12,505"' in page
    assert 'value="Verf voor de bankjes"' in page
    assert 'value="Verfwinkel"' in page
    assert initiative.budget_lines.count() == lines_before


def test_a_plan_with_food_says_why_on_the_costs_step(client: Client) -> None:
    # given a complete draft without food: the costs step does not ask why
    user = _signed_in_resident(client)
    initiative = complete_draft(
        neighbourhood=user.addresses.get().neighbourhood, initiator=user
    )
    assert "Why are food and drink needed?" not in (
        client.get(_step(initiative, 2)).content.decode()
    )
    # when the resident adds a cost for food
    client.post(
        _step(initiative, 2),
        {
            "description": "Soep voor de buren",
            "category": CostCategory.FOOD_DRINK,
            "amount": "50",
            "action": "save",
        },
    )
    # then the costs step asks why, and the rule check warns
    page = client.get(_step(initiative, 2)).content.decode()
    assert "Why are food and drink needed?" in page
    assert "Explain why they help" in page
    # when they give the reason with the form's own button
    response = client.post(
        _step(initiative, 2),
        {
            "food_drink_motivation": "  Buren die alleen wonen eten samen.  ",
            "action": "food_drink",
        },
    )
    # then it is saved, no cost line is added, and the warning becomes a pass
    assert response["Location"] == _step(initiative, 2)
    initiative.refresh_from_db()
    assert initiative.food_drink_motivation == "Buren die alleen wonen eten samen."
    assert initiative.budget_lines.count() == 2
    page = client.get(_step(initiative, 2)).content.decode()
    assert "You explained why food and drink help your plan." in page
    assert "Buren die alleen wonen eten samen.</textarea>" in page
    # and the plan page shows the reason under the costs
    detail = client.get(_url("initiatives:plan_detail", initiative)).content.decode()
    assert detail.index("Buren die alleen wonen eten samen.") > detail.index("Soep")


def test_a_refused_reason_is_shown_again_with_what_was_typed(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a draft with food, and a service that refuses the change
    user = _signed_in_resident(client)
    initiative = complete_draft(
        neighbourhood=user.addresses.get().neighbourhood, initiator=user
    )
    BudgetLineFactory(initiative=initiative, category=CostCategory.FOOD_DRINK)

    def refuse(**kwargs: Any) -> Initiative:
        raise ValidationError("Only a draft can be changed.")

    monkeypatch.setattr(views_resident, "initiative_update_draft", refuse)
    # when the resident saves a reason
    response = client.post(
        _step(initiative, 2),
        {"food_drink_motivation": "Samen eten", "action": "food_drink"},
    )
    # then the step is shown again with the error and the typed text
    assert response.status_code == 200
    page = response.content.decode()
    assert "Only a draft can be changed." in page
    assert "Samen eten</textarea>" in page
    initiative.refresh_from_db()
    assert initiative.food_drink_motivation == ""


def test_an_end_before_the_start_is_refused_and_kept(client: Client) -> None:
    user = _signed_in_resident(client)
    initiative = complete_draft(
        neighbourhood=user.addresses.get().neighbourhood, initiator=user
    )
    response = client.post(
        _step(initiative, 1),
        {
            "title": initiative.title,
            "location_text": "Pleintje",
            "starts_on": "2026-09-10",
            "ends_on": "2026-09-01",
            "action": "next",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "The end date cannot be before the start date." in page
    assert 'value="2026-09-01"' in page


def test_removing_a_cost_line_and_a_contribution(client: Client) -> None:
    user = _signed_in_resident(client)
    initiative = complete_draft(
        neighbourhood=user.addresses.get().neighbourhood, initiator=user
    )
    line = initiative.budget_lines.get()
    contribution = initiative.own_contributions.get()
    client.post(_step(initiative, 2), {"remove": str(line.pk)})
    client.post(
        _step(initiative, 2), {"part": "contribution", "remove": str(contribution.pk)}
    )
    assert not initiative.budget_lines.exists()
    assert not initiative.own_contributions.exists()
    # and the rule check now says the own contribution is missing
    page = client.get(_step(initiative, 2)).content.decode()
    assert "You do not contribute anything yourself yet." in page


def test_someone_elses_plan_is_not_found(client: Client) -> None:
    _signed_in_resident(client)
    theirs = complete_draft()
    for url in (
        _url("initiatives:plan_detail", theirs),
        _step(theirs, 1),
        _url("initiatives:plan_submit", theirs),
    ):
        assert client.get(url).status_code == 404
    line = theirs.budget_lines.get()
    assert client.post(_step(theirs, 2), {"remove": str(line.pk)}).status_code == 404
    assert client.post(_url("initiatives:plan_withdraw", theirs)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == S.DRAFT
    assert theirs.budget_lines.exists()


def test_a_line_of_another_plan_cannot_be_removed_through_mine(
    client: Client,
) -> None:
    user = _signed_in_resident(client)
    mine = complete_draft(
        neighbourhood=user.addresses.get().neighbourhood, initiator=user
    )
    other_line = complete_draft().budget_lines.get()
    response = client.post(_step(mine, 2), {"remove": str(other_line.pk)})
    assert response.status_code == 404
    assert BudgetLine.objects.filter(pk=other_line.pk).exists()


def test_a_submitted_plan_cannot_be_edited(client: Client) -> None:
    initiative = initiative_in(S.SUBMITTED)
    sign_in(client, initiative.initiator)
    response = client.post(
        _step(initiative, 1),
        {"title": "Iets anders", "description": "Nieuw", "action": "next"},
    )
    assert response["Location"] == _url("initiatives:plan_detail", initiative)
    initiative.refresh_from_db()
    assert initiative.title == "Geveltuinen in de Dijkstraat"
    page = client.get(response["Location"]).content.decode()
    assert "This plan has been sent in, so you can no longer change it." in page
    assert client.get(_url("initiatives:plan_submit", initiative)).status_code == 302


def test_the_resident_withdraws_a_submitted_plan(client: Client) -> None:
    initiative = initiative_in(S.SUBMITTED)
    sign_in(client, initiative.initiator)
    page = client.get(_url("initiatives:plan_detail", initiative)).content.decode()
    assert "Withdraw my plan" in page
    response = client.post(
        _url("initiatives:plan_withdraw", initiative),
        {"motivation": "We verhuizen."},
    )
    assert response["Location"] == _url("initiatives:plan_detail", initiative)
    initiative.refresh_from_db()
    assert initiative.status == S.WITHDRAWN
    page = client.get(response["Location"]).content.decode()
    assert "You have withdrawn your plan." in page
    assert "Withdraw my plan" not in page


def test_withdrawing_after_the_decision_is_refused(client: Client) -> None:
    initiative = initiative_in(S.AWARDED)
    sign_in(client, initiative.initiator)
    response = client.post(_url("initiatives:plan_withdraw", initiative))
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == S.AWARDED


def test_someone_without_an_address_gives_it_on_the_start_screen(
    client: Client,
) -> None:
    # given someone signed in whose address we do not know
    user: User = UserFactory()
    neighbourhood = neighbourhood_ready()
    sign_in(client, user)
    page = client.get(reverse("initiatives:my_plans")).content.decode()
    assert 'name="postcode"' in page
    assert "Start my plan" in page

    # when they give the plan's name and an address outside every wijk
    response = client.post(
        reverse("initiatives:plan_start"),
        {"title": "Buurtfeest", "postcode": "9999 ZZ", "house_number": "3"},
    )

    # then nothing is saved and what they typed is kept, the error at the postcode
    assert response.status_code == 200
    page = response.content.decode()
    assert "This address is not in a wijk that takes part." in page
    assert 'value="Buurtfeest"' in page
    assert 'id="id_postcode-error"' in page
    assert not Initiative.objects.exists()
    assert not user.addresses.exists()

    # when they give their address in a wijk that takes part
    response = client.post(
        reverse("initiatives:plan_start"),
        {"title": "Buurtfeest", "postcode": "1000 ab", "house_number": "12"},
    )

    # then both the address and the draft exist, and step 1 follows
    initiative = Initiative.objects.get()
    assert response["Location"] == _step(initiative, 1)
    assert initiative.neighbourhood == neighbourhood
    assert initiative.initiator == user
    assert user.addresses.get().postcode == "1000AB"


def test_an_empty_title_is_refused(client: Client) -> None:
    _signed_in_resident(client)
    response = client.post(reverse("initiatives:plan_start"), {"title": "  "})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Initiative.objects.exists()


def test_a_resident_of_two_wijken_chooses(client: Client) -> None:
    user = _signed_in_resident(client)
    second = neighbourhood_ready(start="2000AA", end="2000ZZ")
    AddressFactory(user=user, postcode="2000AB", neighbourhood=second)
    page = client.get(reverse("initiatives:plan_start")).content.decode()
    assert "For which wijk?" in page
    response = client.post(
        reverse("initiatives:plan_start"),
        {"title": "Bankjes", "neighbourhood": str(second.pk)},
    )
    assert response.status_code == 302
    assert Initiative.objects.get().neighbourhood == second


def test_the_unknown_step_is_not_found(client: Client) -> None:
    user = _signed_in_resident(client)
    initiative = complete_draft(
        neighbourhood=user.addresses.get().neighbourhood, initiator=user
    )
    assert client.get(_step(initiative, 5)).status_code == 404


def test_step_two_shows_the_error_at_the_form_that_was_sent(client: Client) -> None:
    # given a draft on the costs-and-contribution step
    user = _signed_in_resident(client)
    initiative = complete_draft(
        neighbourhood=user.addresses.get().neighbourhood, initiator=user
    )
    contributions_before = initiative.own_contributions.count()
    # when the contribution form is sent without the hours it needs
    response = client.post(
        _step(initiative, 2),
        {
            "part": "contribution",
            "kind": ContributionKind.HOURS,
            "description": "Zelf schilderen",
            "action": "save",
        },
    )
    # then the error is at the hours, what was typed is kept, and the cost form
    # above is empty and without errors
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter the number of hours." in page
    assert 'value="Zelf schilderen"' in page
    assert page.count("Please check the following") == 1
    assert initiative.own_contributions.count() == contributions_before


def test_an_unknown_part_of_step_two_is_not_found(client: Client) -> None:
    user = _signed_in_resident(client)
    initiative = complete_draft(
        neighbourhood=user.addresses.get().neighbourhood, initiator=user
    )
    response = client.post(
        _step(initiative, 2), {"part": "elsewhere", "action": "save"}
    )
    assert response.status_code == 404
    assert client.get(_step(initiative, 3)).status_code == 404
