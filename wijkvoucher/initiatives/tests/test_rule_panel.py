"""The rule check of stored plans after issue #9: the word lists of the regeling in
force, the public-space question on step 1, and the panel's "the regiegroep checks
this" group; the same outcomes on the official's plan file."""

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="assignment,arg-type,misc,return-value"
from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterator
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

import pytest

from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.initiatives.checks import plan_checks
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.rules import RULE_CODES, Outcome
from wijkvoucher.initiatives.services import initiative_submit
from wijkvoucher.initiatives.tests.factories import (
    BudgetLineFactory,
    complete_draft,
)
from wijkvoucher.initiatives.views import official as views_official
from wijkvoucher.initiatives.views import steps as wizard_steps
from wijkvoucher.neighbourhoods.constants import CostCategory
from wijkvoucher.neighbourhoods.models import RegulationVersion
from wijkvoucher.neighbourhoods.services.regulations import regulation_version_create
from wijkvoucher.neighbourhoods.tests.helpers import (
    HttpsClient,
    on_day,
    sign_in,
    sign_in_verified,
)
from wijkvoucher.regiegroep.views import meetings as regiegroep_views

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_interface")]


@pytest.fixture(autouse=True)
def _today_in_english() -> Iterator[None]:
    with on_day(), translation.override("en"):
        yield


def _outcomes(initiative: Initiative, at: dt.datetime | None = None) -> dict[str, str]:
    return {c.code: c.outcome for c in plan_checks(initiative=initiative, at=at)}


def _add_line(
    initiative: Initiative, description: str, category: str, amount: int = 2_000
) -> None:
    BudgetLineFactory(
        initiative=initiative,
        description=description,
        category=category,
        amount_cents=amount,
    )


def _resident_client(initiative: Initiative) -> HttpsClient:
    client = HttpsClient()
    sign_in(client, initiative.initiator)
    return client


def _step(initiative: Initiative, step: int) -> str:
    return reverse(
        "initiatives:plan_step",
        kwargs={"initiative_uuid": initiative.uuid, "step": step},
    )


# The word list of the regeling in force -----------------------------------------------


def test_the_coordinator_changes_a_word_list_and_the_check_follows_the_version() -> (
    None
):
    # given: a draft with kombucha booked as food and drink
    initiative = complete_draft()
    _add_line(initiative, "Kombucha", CostCategory.FOOD_DRINK, 2_000)
    regulation = initiative.neighbourhood.regulation
    first = regulation.versions.get()
    assert _outcomes(initiative)["alcohol"] == "pass"

    # when: the coordinator adds kombucha to the alcohol words, from tomorrow
    tomorrow = timezone.now() + dt.timedelta(days=1)
    words = {**first.cost_words, "alcohol": [*first.cost_words["alcohol"], "Kombucha"]}
    second = regulation_version_create(
        actor=UserFactory.create(),
        regulation=regulation,
        change_note="Kombucha bevat alcohol.",
        valid_from=tomorrow,
        cost_words=words,
    )

    # then: a new version; the first keeps its words
    first.refresh_from_db()
    assert "Kombucha" not in first.cost_words["alcohol"]
    assert second.cost_words["alcohol"][-1] == "Kombucha"
    assert second.number == first.number + 1
    # today the first version is in force; from tomorrow the second
    assert _outcomes(initiative)["alcohol"] == "pass"
    later = tomorrow + dt.timedelta(hours=1)
    assert _outcomes(initiative, at=later)["alcohol"] == "fail"


def test_a_submitted_plan_keeps_the_word_list_of_its_version() -> None:
    # given: a plan with kombucha, sent in under the first version
    initiative = complete_draft()
    _add_line(initiative, "Kombucha", CostCategory.FOOD_DRINK, 2_000)
    initiative = initiative_submit(actor=initiative.initiator, initiative=initiative)
    first = initiative.neighbourhood.regulation.versions.get()
    # when: a later version lists kombucha as alcohol, in force now
    regulation_version_create(
        actor=UserFactory.create(),
        regulation=initiative.neighbourhood.regulation,
        change_note="Kombucha bevat alcohol.",
        cost_words={**first.cost_words, "alcohol": ["kombucha"]},
    )
    # then: the plan is still judged by the words of its own version
    assert RegulationVersion.objects.count() == 2
    assert _outcomes(initiative)["alcohol"] == "pass"


# Street, square or park on step 1 --------------------------------------------------------


PLAN = {
    "title": "Straatfeest",
    "description": "Een middag spelen in de straat.",
    "goals": ["social_cohesion"],
    "target_group": "Alle buren",
    "location_text": "Dijkstraat",
    "starts_on": "2026-09-01",
    "ends_on": "2026-09-01",
    "action": "save",
}


@pytest.mark.parametrize(
    ("answer", "stored"), [("True", True), ("False", False), ("", None)]
)
def test_step_one_asks_whether_the_plan_uses_public_space(
    answer: str, stored: bool | None
) -> None:
    # given
    initiative = complete_draft(uses_public_space=None)
    client = _resident_client(initiative)
    page = client.get(_step(initiative, 1)).content.decode()
    assert "Does your plan use public space, such as a street or square?" in page
    # when
    response = client.post(_step(initiative, 1), {**PLAN, "uses_public_space": answer})
    # then
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.uses_public_space is stored
    if stored is not None:
        event = AuditEvent.objects.filter(
            action="initiatives.initiative_update_draft"
        ).latest("pk")
        assert event.data["diff"]["uses_public_space"] == [None, stored]


def test_the_panel_tells_when_to_ask_for_the_street() -> None:
    # given: a plan in the street on 1 September 2026, today is 15 June 2026
    initiative = complete_draft(uses_public_space=True)
    client = _resident_client(initiative)
    # when
    page = client.get(_step(initiative, 1)).content.decode()
    # then
    assert (
        "Ask the municipality for permission (a permit or a melding) before "
        "1 September 2026." in page
    )
    summary = client.get(
        reverse("initiatives:plan_submit", kwargs={"initiative_uuid": initiative.uuid})
    ).content.decode()
    assert "Does your plan use public space, such as a street or square?" in summary


# The panel ---------------------------------------------------------------------------------


def test_every_rule_has_its_place_in_the_panel() -> None:
    # given
    initiative = complete_draft(uses_public_space=True)
    # when
    panel = wizard_steps._rule_panel(initiative)
    # then: each rule once, the ones only people can judge in their own group
    groups = [panel.blockers, panel.warnings, panel.open, panel.passes, panel.reviewed]
    codes = [item.check.code for group in groups for item in group]
    assert sorted(codes) == sorted(RULE_CODES)
    assert [item.check.code for item in panel.reviewed] == [
        "support_years",
        "plan_aim",
        "other_funding",
    ]


def test_the_panel_shows_what_the_regiegroep_checks() -> None:
    # given
    initiative = complete_draft(uses_public_space=False)
    client = _resident_client(initiative)
    # when
    page = client.get(_step(initiative, 2)).content.decode()
    # then
    assert "The regiegroep checks this: 3" in page
    assert "The same activity can get money in at most 3 years." in page
    assert "We do not pay for a plan with one of these aims:" in page
    assert 'class="rule rule--review"' in page


def test_a_warning_from_the_words_shows_in_the_panel_without_blocking() -> None:
    # given: bierviltjes, booked as materials
    initiative = complete_draft(uses_public_space=False)
    _add_line(initiative, "Bierviltjes", CostCategory.MATERIALS)
    client = _resident_client(initiative)
    # when
    page = client.get(_step(initiative, 2)).content.decode()
    panel = wizard_steps._rule_panel(initiative)
    # then
    assert "alcohol" in [item.check.code for item in panel.warnings]
    assert panel.blockers == []
    assert "These costs may be alcohol: Bierviltjes (“bier”)." in page
    assert "Your plan is ready to send" in page


def test_food_named_in_another_kind_of_cost_asks_for_the_reason() -> None:
    # given: coffee and cake booked as "other"
    initiative = complete_draft()
    _add_line(initiative, "Koffie en taart bij de opening", CostCategory.OTHER, 4_000)
    client = _resident_client(initiative)
    # when
    page = client.get(_step(initiative, 2)).content.decode()
    # then
    assert "Why are food and drink needed?" in page
    assert "Koffie en taart bij de opening (“koffie”, “taart”)" in page


# The official's plan file and the regiegroep's checklist ----------------------------


def test_the_plan_file_shows_the_new_outcomes() -> None:
    # given: a submitted plan with beer booked as food and drink... which cannot be
    # sent in, so the beer comes as an unsure word
    initiative = complete_draft(uses_public_space=True)
    _add_line(initiative, "Biertafels", CostCategory.RENTAL)
    initiative = initiative_submit(actor=initiative.initiator, initiative=initiative)
    official = initiative.contact_official
    assert official is not None
    client = HttpsClient()
    sign_in_verified(client, official)
    # when
    page = client.get(
        reverse(
            "initiatives:official_plan", kwargs={"initiative_uuid": initiative.uuid}
        )
    ).content.decode()
    # then
    assert "The regiegroep checks this" in page
    assert "<strong>Warning</strong>" in page
    assert "These costs may be alcohol: Biertafels (“bier”)." in page
    assert "Street, square or park" in page


@pytest.mark.parametrize("module", [views_official, regiegroep_views])
def test_every_outcome_has_a_label_for_officials(module: Any) -> None:
    assert set(typing.get_args(Outcome)) <= set(module.OUTCOME_LABELS)


def test_an_anonymous_visitor_does_not_see_the_panel() -> None:
    initiative = complete_draft()
    response = Client().get(_step(initiative, 2), secure=True)
    assert response.status_code in {302, 404}
