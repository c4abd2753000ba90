"""The contact official's work list and plan file: who sees what, in which order, and
that every action goes through the services (issue #3, points 3 and 4)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import ContactHandover, Initiative, StatusChange
from wijkvoucher.initiatives.services import (
    initiative_contact_change,
    initiative_submit,
)
from wijkvoucher.initiatives.tests.factories import (
    complete_draft,
    neighbourhood_ready,
    resident,
    step,
)
from wijkvoucher.initiatives.tests.helpers import snapshot
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.factories import (
    MunicipalityFactory,
    NeighbourhoodFactory,
)
from wijkvoucher.neighbourhoods.tests.helpers import (
    TODAY,
    HttpsClient,
    official,
    on_day,
    sign_in,
    sign_in_verified,
)

S = InitiativeStatus
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_interface")]


def submitted_on(
    day: dt.date, neighbourhood: Neighbourhood, title: str, **fields: Any
) -> Initiative:
    """A plan that fits the rules, submitted on ``day`` (decision due four weeks
    later, the factory regeling's term)."""
    with on_day(day):
        draft = complete_draft(
            neighbourhood=neighbourhood,
            title=title,
            initiator=resident(neighbourhood, preferred_language="en"),
            **fields,
        )
        return initiative_submit(actor=draft.initiator, initiative=draft)


def client_for(user: User) -> HttpsClient:
    client = HttpsClient()
    sign_in_verified(client, user)
    return client


def plan_url(initiative: Initiative, name: str = "official_plan") -> str:
    return reverse(f"initiatives:{name}", kwargs={"initiative_uuid": initiative.uuid})


def titles_in_order(html: str) -> list[str]:
    return re.findall(
        r'<a class="utrecht-link" href="/ambtenaar/plannen/[^"]+/">([^<]+)</a>', html
    )


# --- The work list ------------------------------------------------------------------


def test_the_work_list_shows_overdue_plans_first_then_by_decision_date() -> None:
    # given plans submitted on different days, one of them waiting for information
    wijk = neighbourhood_ready()
    me = wijk.contact_official
    assert me is not None
    submitted_on(dt.date(2026, 6, 10), wijk, "Due 8 July")
    submitted_on(dt.date(2026, 5, 10), wijk, "Overdue since 7 June")
    submitted_on(dt.date(2026, 6, 1), wijk, "Due 29 June")
    submitted_on(dt.date(2026, 5, 1), wijk, "Overdue since 29 May")
    paused = submitted_on(dt.date(2026, 5, 5), wijk, "Waiting for information")
    with on_day(dt.date(2026, 5, 20)):
        step(paused, S.INFORMATION_REQUESTED)
    # and a plan of another wijk's official
    elsewhere = neighbourhood_ready(start="2000AA", end="2000ZZ")
    submitted_on(dt.date(2026, 5, 1), elsewhere, "Someone else's plan")
    # when the contact official opens the work list
    with on_day():
        response = client_for(me).get(reverse("initiatives:worklist"))
    # then overdue plans come first, marked in words, then by decision date
    html = response.content.decode()
    assert response.status_code == 200
    assert titles_in_order(html) == [
        "Overdue since 29 May",
        "Overdue since 7 June",
        "Waiting for information",
        "Due 29 June",
        "Due 8 July",
    ]
    assert html.count(">Overdue</strong>") == 2
    assert "Paused since 20 May 2026 (information requested)" in html


def test_the_status_filter_narrows_the_work_list() -> None:
    # given a submitted and a checked plan
    wijk = neighbourhood_ready()
    assert wijk.contact_official is not None
    submitted_on(TODAY, wijk, "Just in")
    checked = submitted_on(TODAY, wijk, "Looked at")
    with on_day():
        step(checked, S.CHECKED)
        # when the official shows only checked plans
        response = client_for(wijk.contact_official).get(
            reverse("initiatives:worklist"), {"status": S.CHECKED}
        )
    # then only that one is listed
    assert titles_in_order(response.content.decode()) == ["Looked at"]


def test_a_coordinator_sees_the_plans_of_every_wijk_of_the_municipality() -> None:
    # given plans in two wijken of one municipality and one in another municipality
    north = neighbourhood_ready()
    south = neighbourhood_ready(
        municipality=north.municipality, start="2000AA", end="2000ZZ"
    )
    far = neighbourhood_ready(
        municipality=MunicipalityFactory(slug="elders", name="Elders"),
        start="3000AA",
        end="3000ZZ",
    )
    submitted_on(dt.date(2026, 6, 1), north, "North")
    submitted_on(dt.date(2026, 6, 2), south, "South")
    submitted_on(dt.date(2026, 6, 1), far, "Far away")
    coordinator = official(municipality=north.municipality, role=Role.COORDINATOR)
    # when the coordinator opens the work list
    with on_day():
        response = client_for(coordinator).get(reverse("initiatives:worklist"))
    # then both wijken of their municipality are there, the other municipality is not
    assert titles_in_order(response.content.decode()) == ["North", "South"]


# --- Access to the plan file --------------------------------------------------------


def test_an_official_of_another_wijk_gets_404_on_the_plan_file() -> None:
    plan = submitted_on(dt.date(2026, 6, 1), neighbourhood_ready(), "Ours")
    stranger = official(neighbourhood=neighbourhood_ready(start="2000AA", end="2000ZZ"))
    with on_day():
        response = client_for(stranger).get(plan_url(plan))
    assert response.status_code == 404


def test_an_unverified_official_is_sent_to_the_second_factor() -> None:
    wijk = neighbourhood_ready()
    plan = submitted_on(dt.date(2026, 6, 1), wijk, "Ours")
    client = HttpsClient()
    assert wijk.contact_official is not None
    sign_in(client, wijk.contact_official)
    with on_day():
        response = client.get(plan_url(plan))
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/tweede-stap/")


def test_the_plan_file_shows_budget_rule_check_dates_and_contact() -> None:
    wijk = neighbourhood_ready()
    plan = submitted_on(dt.date(2026, 6, 1), wijk, "Geveltuinen")
    assert wijk.contact_official is not None
    with on_day():
        response = client_for(wijk.contact_official).get(plan_url(plan))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Planten en aarde" in html  # the budget line
    assert "Meets the rule" in html  # the rule checklist
    assert "Hard rule" in html
    assert "29 June 2026" in html  # the decision date
    assert escape(wijk.contact_official.display_name) in html
    # only the steps "submitted" allows: ask for information, checked, hand over
    assert plan_url(plan, "official_request_information") in html
    assert plan_url(plan, "official_mark_checked") in html
    # "not processed" is a beschikking, written on the decisions page
    assert reverse("decisions:decision_new", args=[plan.uuid]) not in html


def test_the_plan_file_shows_why_food_and_drink_are_needed() -> None:
    wijk = neighbourhood_ready()
    reason = "Buren die alleen wonen eten samen."
    plan = submitted_on(
        dt.date(2026, 6, 1), wijk, "Soep op het plein", food_drink_motivation=reason
    )
    assert wijk.contact_official is not None
    with on_day():
        html = client_for(wijk.contact_official).get(plan_url(plan)).content.decode()
    assert "Why food and drink are needed" in html
    assert html.index(reason) > html.index("Cost lines")
    # and a plan without a reason has no such heading
    other = submitted_on(dt.date(2026, 6, 1), wijk, "Geveltuinen")
    with on_day():
        html = client_for(wijk.contact_official).get(plan_url(other)).content.decode()
    assert "Why food and drink are needed" not in html


# --- Actions ------------------------------------------------------------------------


def test_asking_for_information_pauses_the_plan_with_the_term_in_the_message() -> None:
    wijk = neighbourhood_ready()
    plan = submitted_on(dt.date(2026, 6, 1), wijk, "Geveltuinen")
    assert wijk.contact_official is not None
    before = StatusChange.objects.count()
    with on_day():
        response = client_for(wijk.contact_official).post(
            plan_url(plan, "official_request_information"),
            {"request-message": "Please add a quote for the plants."},
        )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == S.INFORMATION_REQUESTED
    assert plan.clock_paused_on == TODAY
    assert StatusChange.objects.count() == before + 1
    change = StatusChange.objects.latest("pk")
    assert change.actor == wijk.contact_official
    # the regeling's 14 days from today
    assert change.motivation == (
        "Please add a quote for the plants.\n\n"
        "Please send the information by 29 June 2026."
    )


def test_an_information_request_without_a_message_changes_nothing() -> None:
    wijk = neighbourhood_ready()
    plan = submitted_on(dt.date(2026, 6, 1), wijk, "Geveltuinen")
    assert wijk.contact_official is not None
    before = snapshot(plan)
    with on_day():
        response = client_for(wijk.contact_official).post(
            plan_url(plan, "official_request_information"), {"request-message": " "}
        )
    assert response.status_code == 200
    assert snapshot(plan) == before
    assert "This field is required." in response.content.decode()


def test_marking_as_checked_takes_one_step_with_the_note() -> None:
    wijk = neighbourhood_ready()
    plan = submitted_on(dt.date(2026, 6, 1), wijk, "Geveltuinen")
    assert wijk.contact_official is not None
    before = StatusChange.objects.count()
    with on_day():
        response = client_for(wijk.contact_official).post(
            plan_url(plan, "official_mark_checked"), {"check-note": "Feasible."}
        )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == S.CHECKED
    assert StatusChange.objects.count() == before + 1
    assert StatusChange.objects.latest("pk").motivation == "Feasible."


def test_an_action_the_status_does_not_allow_changes_nothing() -> None:
    wijk = neighbourhood_ready()
    plan = submitted_on(dt.date(2026, 6, 1), wijk, "Geveltuinen")
    assert wijk.contact_official is not None
    with on_day():
        plan = step(plan, S.INFORMATION_REQUESTED)
    before = snapshot(plan)
    with on_day():
        response = client_for(wijk.contact_official).post(
            plan_url(plan, "official_mark_checked"),
            {"check-note": "Looks fine."},
            follow=True,
        )
    assert snapshot(plan) == before
    assert "This step is not possible in the current status" in (
        response.content.decode()
    )


def test_handing_over_records_the_handover_and_the_new_contact() -> None:
    wijk = neighbourhood_ready()
    plan = submitted_on(dt.date(2026, 6, 1), wijk, "Geveltuinen")
    me = wijk.contact_official
    assert me is not None
    colleague = official(neighbourhood=wijk, full_name="Sanne de Vries")
    client = client_for(me)
    # a missing colleague is refused, and the note typed is kept
    before = snapshot(plan)
    with on_day():
        refused = client.post(
            plan_url(plan, "official_hand_over"),
            {"handover-to_official": "", "handover-note": "Called on Monday."},
        )
    assert refused.status_code == 200
    assert snapshot(plan) == before
    assert ContactHandover.objects.count() == 0
    assert "Called on Monday.</textarea>" in refused.content.decode()
    # with a colleague chosen, the plan moves over
    with on_day():
        response = client.post(
            plan_url(plan, "official_hand_over"),
            {
                "handover-to_official": colleague.pk,
                "handover-note": "Called on Monday.",
            },
        )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.contact_official == colleague
    handover = ContactHandover.objects.get()
    assert (handover.from_official, handover.to_official, handover.note) == (
        me,
        colleague,
        "Called on Monday.",
    )
    # and the old contact no longer has it on their list
    with on_day():
        listing = client.get(reverse("initiatives:worklist"))
    assert titles_in_order(listing.content.decode()) == []


# --- Hand-over: choose from the colleagues, never oneself (issue #9, point 11) ----------


def _handover_choices(html: str) -> dict[str, list[str]]:
    """The hand-over select's option groups: group label → the names offered."""
    select = re.search(r'<select name="handover-to_official".*?</select>', html, re.S)
    assert select is not None
    groups: dict[str, list[str]] = {}
    for label, body in re.findall(
        r'<optgroup label="([^"]*)">(.*?)</optgroup>', select.group(0), re.S
    ):
        groups[label] = re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', body)
    return groups


def test_handover_offers_the_wijks_contact_officials_then_the_municipalitys() -> None:
    # given a plan with its contact official, a second contact official of the wijk,
    # one of another wijk, a municipality-wide coordinator and a resident
    wijk = neighbourhood_ready(name="Bloemenwijk")
    plan = submitted_on(dt.date(2026, 6, 1), wijk, "Geveltuinen")
    me = wijk.contact_official
    assert me is not None
    official(neighbourhood=wijk, full_name="Sanne de Vries")
    elsewhere = NeighbourhoodFactory.create(municipality=wijk.municipality)
    official(neighbourhood=elsewhere, full_name="Ander Wijk")
    official(
        municipality=wijk.municipality, role=Role.COORDINATOR, full_name="Cor Dinator"
    )
    # when the contact official opens the plan file
    with on_day():
        html = client_for(me).get(plan_url(plan)).content.decode()
    # then the colleagues are offered in two groups, without the official themselves
    assert _handover_choices(html) == {
        "Contact officials of Bloemenwijk": ["Sanne de Vries"],
        "For the whole municipality": ["Cor Dinator"],
    }


def test_a_coordinator_cannot_hand_over_to_themselves() -> None:
    # given a coordinator who is not the plan's contact official
    wijk = neighbourhood_ready()
    plan = submitted_on(dt.date(2026, 6, 1), wijk, "Geveltuinen")
    coordinator = official(
        municipality=wijk.municipality, role=Role.COORDINATOR, full_name="Cor Dinator"
    )
    official(neighbourhood=wijk, full_name="Sanne de Vries")
    client = client_for(coordinator)
    before = snapshot(plan)
    # then the plan file offers the colleague, not them
    with on_day():
        html = client.get(plan_url(plan)).content.decode()
    assert _handover_choices(html) == {
        f"Contact officials of {wijk.name}": ["Sanne de Vries"]
    }
    # and choosing themselves anyway is refused with a clear message, note kept
    with on_day():
        refused = client.post(
            plan_url(plan, "official_hand_over"),
            {"handover-to_official": coordinator.pk, "handover-note": "Ik neem het."},
        )
    html = refused.content.decode()
    assert refused.status_code == 200
    assert "Choose a colleague from the list" in html
    assert "Ik neem het.</textarea>" in html
    assert snapshot(plan) == before
    assert ContactHandover.objects.count() == 0


def test_the_service_refuses_oneself_and_people_without_the_role_all_at_once() -> None:
    # given
    wijk = neighbourhood_ready()
    plan = submitted_on(dt.date(2026, 6, 1), wijk, "Geveltuinen")
    coordinator = official(municipality=wijk.municipality, role=Role.COORDINATOR)
    neighbour = resident(wijk)
    before = snapshot(plan)
    # when handing over to oneself, or to a resident, without a note
    for target, code in (
        (coordinator, "self_handover"),
        (neighbour, "not_an_official"),
    ):
        with on_day(), pytest.raises(ValidationError) as refused:
            initiative_contact_change(
                actor=coordinator, initiative=plan, to_official=target, note=" "
            )
        # then both problems are reported together, and nothing changed
        assert sorted(e.code or "" for e in refused.value.error_list) == sorted(
            ["required", code]
        )
    assert snapshot(plan) == before
    assert ContactHandover.objects.count() == 0
