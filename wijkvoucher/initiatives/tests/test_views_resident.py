"""The resident's plan wizard through the views: a new plan (step 1) → costs and own
contribution (step 2) → check and send (step 3) → the plan page; the live rule check;
input kept on errors; other people's plans 404; no edits after submission;
withdrawing."""

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
from django.utils.html import escape

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.initiatives.constants import ContributionKind, Goal, InitiativeStatus
from wijkvoucher.initiatives.models import BudgetLine, Initiative, OwnContribution
from wijkvoucher.initiatives.tests.factories import (
    BudgetLineFactory,
    complete_draft,
    initiative_in,
    neighbourhood_ready,
    resident,
)
from wijkvoucher.initiatives.views import costs as wizard_costs
from wijkvoucher.neighbourhoods.constants import CostCategory
from wijkvoucher.neighbourhoods.tests.factories import AddressFactory
from wijkvoucher.neighbourhoods.tests.helpers import HttpsClient, on_day, sign_in

S = InitiativeStatus
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_interface")]


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


def money(
    lines: list[dict[str, str]] | None = None,
    contributions: list[dict[str, str]] | None = None,
    **extra: str,
) -> dict[str, str]:
    """The POST of step 2: the new rows of costs and contributions (formsets)."""
    data: dict[str, str] = {}
    for prefix, rows in (("line", lines or []), ("contribution", contributions or [])):
        data[f"{prefix}-TOTAL_FORMS"] = str(max(1, len(rows)))
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        for number, row in enumerate(rows):
            data.update({f"{prefix}-{number}-{k}": v for k, v in row.items()})
    data.update(extra)
    return data


def send(**extra: str) -> dict[str, str]:
    """The POST of step 3 by an adult who gives their name."""
    return {"full_name": "Sanne de Vries", "age_band": "yes", **extra}


def _signed_in_resident(client: Client) -> User:
    user = resident(neighbourhood_ready())
    sign_in(client, user)
    return user


def test_a_resident_writes_and_sends_in_a_plan(client: Client) -> None:
    # given a resident of a wijk that takes part, on "my plans"
    user = _signed_in_resident(client)
    page = client.get(reverse("initiatives:my_plans")).content.decode()
    assert reverse("initiatives:plan_start") in page
    # when they write step 1 of a new plan on one screen
    response = client.post(
        reverse("initiatives:plan_start"),
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
    initiative = Initiative.objects.get(initiator=user)
    assert response["Location"] == _step(initiative, 2)
    # and step 2, a cost and their own contribution in one go
    response = client.post(
        _step(initiative, 2),
        money(
            lines=[
                {
                    "description": "Plantenbakken",
                    "category": CostCategory.MATERIALS,
                    "amount": "345,50",
                    "provider_name": "Bouwmarkt",
                }
            ],
            contributions=[
                {
                    "kind": ContributionKind.HOURS,
                    "description": "Zelf bouwen",
                    "hours": "12",
                }
            ],
            action="next",
        ),
    )
    assert response["Location"] == _url("initiatives:plan_submit", initiative)
    # then step 3 shows the plan, the questions only sending needs, and the button
    summary = client.get(_url("initiatives:plan_submit", initiative)).content.decode()
    assert "Plantenbakken" in summary
    assert "Send my plan" in summary
    assert 'name="full_name"' in summary
    assert 'name="age_band"' in summary
    # when they send it with their name and age
    response = client.post(
        _url("initiatives:plan_submit", initiative),
        send(full_name="Sanne de Vries", publish_text_if_not_awarded="on"),
    )
    # then the plan is submitted and the receipt names the contact person
    assert response["Location"] == _url("initiatives:plan_detail", initiative)
    initiative.refresh_from_db()
    user.refresh_from_db()
    assert initiative.status == S.SUBMITTED
    assert initiative.requested_amount_cents == 34_550
    assert initiative.goals == [Goal.SOCIAL_COHESION, Goal.LIVEABILITY]
    assert initiative.applicant_age_at_least == 18
    assert initiative.applicant_age is None
    assert initiative.publish_text_if_not_awarded is True
    assert initiative.publish_initiator_name is False
    assert user.full_name == "Sanne de Vries"
    line = BudgetLine.objects.get(initiative=initiative)
    assert line.provider_name == "Bouwmarkt"
    assert OwnContribution.objects.get(initiative=initiative).hours == Decimal("12")
    receipt = client.get(response["Location"]).content.decode()
    assert "We have received your plan Buurtmoestuin." in receipt
    assert "Your contact person at the municipality" in receipt
    assert initiative.contact_official is not None
    assert escape(initiative.contact_official.display_name) in receipt
    assert initiative.decision_due_on is not None
    assert "You hear the decision no later than" in receipt
    # and the link for neighbours' support is on the receipt
    assert _url("initiatives:support_page", initiative) in receipt


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
    # then the resident is back at the form, where the message shows
    assert response["Location"] == _step(initiative, 1)
    initiative.refresh_from_db()
    assert initiative.location_text == "Het plein"
    assert initiative.starts_on is None
    page = client.get(_step(initiative, 1)).content.decode()
    assert "Your plan has been saved." in page
    # inside the form, and it takes the focus (autofocus works without JavaScript)
    box = page.index('<div class="messages" role="status" tabindex="-1" autofocus>')
    assert page.index('id="plan-form"') < box < page.index("Your plan has been saved.")


def test_the_panel_shows_a_hard_breach_and_sending_is_refused(
    client: Client,
) -> None:
    # given a complete draft with an alcohol cost line (a hard rule)
    user = _signed_in_resident(client)
    initiative = complete_draft(
        neighbourhood=user.addresses.get().neighbourhood, initiator=user
    )
    client.post(
        _step(initiative, 2),
        money(
            lines=[
                {
                    "description": "Bier voor het feest",
                    "category": CostCategory.ALCOHOL,
                    "amount": "40",
                }
            ],
            action="save",
        ),
    )
    # when the resident looks at the costs step
    step = client.get(_step(initiative, 2)).content.decode()
    # then the panel says it does not fit, with the rule's message
    assert "Does not fit" in step
    assert "No alcohol" in step
    assert "Still to do before you can send your plan: 1 thing." in step
    # and the send page lists the same thing to do, with where to change it
    summary = client.get(_url("initiatives:plan_submit", initiative)).content.decode()
    assert "Still to do: 1 thing" in summary
    assert _step(initiative, 2) in summary
    # and sending is refused with the message, nothing submitted or stored
    user.refresh_from_db()
    name_before = user.full_name
    response = client.post(
        _url("initiatives:plan_submit", initiative), send(full_name="Iemand Anders")
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Your plan does not fit the rules yet" in page
    assert "Please check the following" in page
    initiative.refresh_from_db()
    user.refresh_from_db()
    assert initiative.status == S.DRAFT
    assert user.full_name == name_before
    # and what was typed is still there
    assert 'value="Iemand Anders"' in page


def test_a_warning_does_not_block(client: Client) -> None:
    # support from the wijk is a soft rule: no supporters yet is a warning
    user = _signed_in_resident(client)
    initiative = complete_draft(
        neighbourhood=user.addresses.get().neighbourhood, initiator=user
    )
    summary = client.get(_url("initiatives:plan_submit", initiative)).content.decode()
    assert "Take note" in summary
    assert "Support from the wijk" in summary
    assert "Your plan is ready to send" in summary
    response = client.post(_url("initiatives:plan_submit", initiative), send())
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == S.SUBMITTED


def test_an_invalid_amount_is_shown_again_with_what_was_typed(client: Client) -> None:
    user = _signed_in_resident(client)
    initiative = complete_draft(
        neighbourhood=user.addresses.get().neighbourhood, initiator=user
    )
    lines_before = initiative.budget_lines.count()
    response = client.post(
        _step(initiative, 2),
        money(
            lines=[
                {
                    "description": "Verf voor de bankjes",
                    "category": CostCategory.MATERIALS,
                    "amount": "12,505",
                    "provider_name": "Verfwinkel",
                }
            ],
            contributions=[{"kind": ContributionKind.MONEY, "amount": "25"}],
            action="next",
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter an amount in euros, such as 45.000 or 12,50." in page
    assert 'value="12,505"' in page
    assert 'value="Verf voor de bankjes"' in page
    assert 'value="Verfwinkel"' in page
    # the summary links to the field in error, and the other row is kept too
    assert 'href="#id_line-0-amount"' in page
    assert 'name="contribution-0-amount" value="25"' in page
    # and nothing was stored: not the bad line, not the good contribution
    assert initiative.budget_lines.count() == lines_before
    assert initiative.own_contributions.count() == 1


def test_a_plan_with_food_says_why_on_the_costs_step(client: Client) -> None:
    # given a complete draft without food: the question why is not shown
    user = _signed_in_resident(client)
    initiative = complete_draft(
        neighbourhood=user.addresses.get().neighbourhood, initiator=user
    )
    page = client.get(_step(initiative, 2)).content.decode()
    assert 'class="food-reason" hidden' in page
    # when the resident adds a cost for food
    client.post(
        _step(initiative, 2),
        money(
            lines=[
                {
                    "description": "Soep voor de buren",
                    "category": CostCategory.FOOD_DRINK,
                    "amount": "50",
                }
            ],
            action="save",
        ),
    )
    # then the costs step asks why, and the rule check warns
    page = client.get(_step(initiative, 2)).content.decode()
    assert 'class="food-reason" hidden' not in page
    assert "Why are food and drink needed?" in page
    assert "Explain why they help" in page
    # when they give the reason and save
    response = client.post(
        _step(initiative, 2),
        money(
            food_drink_motivation="  Buren die alleen wonen eten samen.  ",
            action="save",
        ),
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

    def refuse(**kwargs: Any) -> None:
        raise ValidationError(
            {"food_drink_motivation": ["Only a draft can be changed."]}
        )

    monkeypatch.setattr(wizard_costs, "initiative_money_save", refuse)
    # when the resident saves a reason
    response = client.post(
        _step(initiative, 2),
        money(food_drink_motivation="Samen eten", action="save"),
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
    assert page.startswith("<!DOCTYPE html>")
    assert "<title>Error:" in page


def test_removing_a_cost_line_and_a_contribution(client: Client) -> None:
    user = _signed_in_resident(client)
    initiative = complete_draft(
        neighbourhood=user.addresses.get().neighbourhood, initiator=user
    )
    line = initiative.budget_lines.get()
    contribution = initiative.own_contributions.get()
    response = client.post(_step(initiative, 2), money(remove=f"line-{line.pk}"))
    assert response["Location"] == _step(initiative, 2)
    client.post(_step(initiative, 2), money(remove=f"contribution-{contribution.pk}"))
    assert not initiative.budget_lines.exists()
    assert not initiative.own_contributions.exists()
    # and the rule check now says the own contribution is missing
    page = client.get(_step(initiative, 2)).content.decode()
    assert "You do not contribute anything yourself yet." in page


def test_removing_a_row_keeps_a_new_row_typed_meanwhile(client: Client) -> None:
    user = _signed_in_resident(client)
    initiative = complete_draft(
        neighbourhood=user.addresses.get().neighbourhood, initiator=user
    )
    line = initiative.budget_lines.get()
    client.post(
        _step(initiative, 2),
        money(
            lines=[
                {
                    "description": "Verf",
                    "category": CostCategory.MATERIALS,
                    "amount": "30",
                }
            ],
            remove=f"line-{line.pk}",
        ),
    )
    assert list(initiative.budget_lines.values_list("description", flat=True)) == [
        "Verf"
    ]


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
    response = client.post(_step(theirs, 2), money(remove=f"line-{line.pk}"))
    assert response.status_code == 404
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
    response = client.post(_step(mine, 2), money(remove=f"line-{other_line.pk}"))
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
    page = client.get(reverse("initiatives:plan_start")).content.decode()
    assert 'name="postcode"' in page
    assert 'name="description"' in page

    # when they write the plan and give an address outside every wijk, and a
    # start date that is not a date
    response = client.post(
        reverse("initiatives:plan_start"),
        {
            "title": "Buurtfeest",
            "description": "Een feest op straat.",
            "starts_on": "morgen",
            "postcode": "9999 ZZ",
            "house_number": "3",
            "action": "next",
        },
    )

    # then nothing is saved, what they typed is kept, and both errors show at once
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="Buurtfeest"' in page
    assert "Een feest op straat.</textarea>" in page
    assert 'href="#id_starts_on"' in page
    assert not Initiative.objects.exists()
    assert not user.addresses.exists()

    # when they correct the date: the address is refused at the postcode
    response = client.post(
        reverse("initiatives:plan_start"),
        {
            "title": "Buurtfeest",
            "postcode": "9999 ZZ",
            "house_number": "3",
            "action": "next",
        },
    )
    page = response.content.decode()
    assert "This address is not in a wijk that takes part." in page
    assert 'id="id_postcode-error"' in page
    assert not Initiative.objects.exists()
    assert not user.addresses.exists()

    # when they give their address in a wijk that takes part
    response = client.post(
        reverse("initiatives:plan_start"),
        {
            "title": "Buurtfeest",
            "description": "Een feest op straat.",
            "postcode": "1000 ab",
            "house_number": "12",
            "action": "next",
        },
    )

    # then the address and the draft with its text exist, and step 2 follows
    initiative = Initiative.objects.get()
    assert response["Location"] == _step(initiative, 2)
    assert initiative.neighbourhood == neighbourhood
    assert initiative.initiator == user
    assert initiative.description == "Een feest op straat."
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
        reverse("initiatives:plan_start"), {"title": "Bankjes", "action": "next"}
    )
    assert response.status_code == 200
    assert "Choose the wijk where you live." in response.content.decode()
    response = client.post(
        reverse("initiatives:plan_start"),
        {"title": "Bankjes", "neighbourhood": str(second.pk), "action": "next"},
    )
    assert response.status_code == 302
    assert Initiative.objects.get().neighbourhood == second


def test_the_unknown_step_is_not_found(client: Client) -> None:
    user = _signed_in_resident(client)
    initiative = complete_draft(
        neighbourhood=user.addresses.get().neighbourhood, initiator=user
    )
    assert client.get(_step(initiative, 5)).status_code == 404
    # step 3 is the send page
    response = client.get(_step(initiative, 3))
    assert response["Location"] == _url("initiatives:plan_submit", initiative)


def test_step_two_shows_the_error_at_the_row_that_was_sent(client: Client) -> None:
    # given a draft on the costs-and-contribution step
    user = _signed_in_resident(client)
    initiative = complete_draft(
        neighbourhood=user.addresses.get().neighbourhood, initiator=user
    )
    contributions_before = initiative.own_contributions.count()
    # when a contribution is sent without the hours it needs
    response = client.post(
        _step(initiative, 2),
        money(
            contributions=[
                {"kind": ContributionKind.HOURS, "description": "Zelf schilderen"}
            ],
            action="save",
        ),
    )
    # then the error is at the hours, what was typed is kept, and the empty cost
    # row has no errors
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter the number of hours." in page
    assert 'href="#id_contribution-0-hours"' in page
    assert 'value="Zelf schilderen"' in page
    assert page.count("Please check the following") == 1
    assert 'id="id_line-0-amount-error"' not in page
    assert initiative.own_contributions.count() == contributions_before


def test_an_unknown_row_to_remove_is_not_found(client: Client) -> None:
    user = _signed_in_resident(client)
    initiative = complete_draft(
        neighbourhood=user.addresses.get().neighbourhood, initiator=user
    )
    response = client.post(_step(initiative, 2), money(remove="elsewhere-1"))
    assert response.status_code == 404
    assert initiative.budget_lines.count() == 1
