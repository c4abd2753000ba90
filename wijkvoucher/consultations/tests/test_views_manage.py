"""The organisers' pages: the list per wijk, a draft made and changed through its
form, options, publishing and cancelling after a confirmation, and the whole way from
a new draft to the certified result through the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.html import escape

import pytest

from wijkvoucher.consultations.constants import ConsultationStatus
from wijkvoucher.consultations.models import Ballot, Consultation, ConsultationOption
from wijkvoucher.consultations.services import consultation_update
from wijkvoucher.consultations.tests.helpers import (
    AFTER,
    CLOSES,
    DURING,
    OPENS,
    PREPARED,
    at,
    budget_vote,
    on_roll,
    options_of,
    published,
    snapshot,
    vote,
    wijk_with_organiser,
)
from wijkvoucher.consultations.tests.pages_manage import client_for, page, url
from wijkvoucher.initiatives.constants import InitiativeStatus as S
from wijkvoucher.initiatives.tests.factories import initiative_in
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.tests.helpers import HttpsClient, official, sign_in

pytestmark = pytest.mark.django_db


def _form(**overrides: Any) -> dict[str, Any]:
    data = {
        "title": "Wijkbudget 2026",
        "question": "Welke plannen wilt u uitvoeren?",
        "ballot": "approval",
        "budget": "10.000",
        "max_choices": "",
        "points": "",
        "rule": "greedy",
        "opens_on": OPENS.date().isoformat(),
        "opens_time": "12:00",
        "closes_on": CLOSES.date().isoformat(),
        "closes_time": "12:00",
    }
    data.update(overrides)
    return data


def test_the_list_shows_the_consultations_of_the_wijken_someone_works_in() -> None:
    # given a budget vote in one wijk, and another wijk with its own
    wijk, organiser = wijk_with_organiser()
    mine = budget_vote(wijk, organiser)
    other_wijk, other_organiser = wijk_with_organiser()
    theirs = budget_vote(other_wijk, other_organiser)
    member = official(neighbourhood=wijk, role=Role.STEERING_MEMBER)
    # when a regiegroep member of the first wijk opens the list
    with at(PREPARED):
        response = client_for(member).get(url("home"))
    # then they see their wijk's consultation, not the other, and may not make one
    assert response.status_code == 200
    html = page(response)
    assert url("detail", mine) in html
    assert url("detail", theirs) not in html
    assert url("create", slug=wijk.slug) not in html


def test_create_stores_amsterdam_times_as_moments_and_shows_the_draft() -> None:
    # given
    wijk, organiser = wijk_with_organiser()
    client = client_for(organiser)
    # when the organiser fills in the form
    with at(PREPARED):
        response = client.post(
            url("create", slug=wijk.slug),
            _form(opens_time="09:30", closes_time="18:00"),
        )
    # then a draft exists, opening and closing at those Amsterdam times
    consultation = Consultation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("detail", consultation)
    assert consultation.status == ConsultationStatus.DRAFT
    assert consultation.budget_cents == 1_000_000
    assert consultation.rule == "greedy"
    assert consultation.opens_at == OPENS.replace(hour=9, minute=30)
    assert consultation.closes_at == CLOSES.replace(hour=18)
    assert consultation.opens_at.astimezone(dt.UTC).hour == 7  # summer time: UTC+2


def test_a_refused_form_keeps_what_was_typed_and_changes_nothing() -> None:
    # given
    wijk, organiser = wijk_with_organiser()
    client = client_for(organiser)
    before = snapshot()
    # when the vote would close before it opens (the service refuses)
    with at(PREPARED):
        response = client.post(
            url("create", slug=wijk.slug),
            _form(
                title="Bankjes <en> bomen",
                closes_on=OPENS.date().isoformat(),
                closes_time="11:00",
            ),
        )
    # then the form comes back with the error at the closing date and the title kept
    assert response.status_code == 200
    form = response.context["form"]
    assert "closes_on" in form.errors
    assert escape("Bankjes <en> bomen") in page(response)
    assert snapshot() == before


def test_a_budget_vote_without_a_budget_is_refused_at_the_budget_field() -> None:
    wijk, organiser = wijk_with_organiser()
    with at(PREPARED):
        response = client_for(organiser).post(
            url("create", slug=wijk.slug), _form(budget="")
        )
    assert response.status_code == 200
    assert "budget" in response.context["form"].errors
    assert not Consultation.objects.exists()


def test_a_poll_drops_the_budget_fields() -> None:
    wijk, organiser = wijk_with_organiser()
    with at(PREPARED):
        client_for(organiser).post(
            url("create", slug=wijk.slug), _form(ballot="advisory", points="5")
        )
    consultation = Consultation.objects.get()
    assert (consultation.kind, consultation.budget_cents, consultation.rule) == (
        "advisory",
        None,
        "",
    )
    assert consultation.points is None


def test_edit_changes_a_draft_and_shows_its_values() -> None:
    # given
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(wijk, organiser)
    client = client_for(organiser)
    with at(PREPARED):
        shown = client.get(url("edit", consultation))
        # when
        response = client.post(
            url("edit", consultation),
            _form(ballot="cumulative", points="10", title="Verdeel de punten"),
        )
    # then
    assert shown.context["form"].initial["budget"] == 1_000_000
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert (consultation.ballot_type, consultation.points, consultation.title) == (
        "cumulative",
        10,
        "Verdeel de punten",
    )


def test_a_plan_goes_on_a_budget_ballot_at_its_requested_amount() -> None:
    # given a draft budget vote and a checked plan of the wijk
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(wijk, organiser, costs=())
    with at(PREPARED):
        plan = initiative_in(S.CHECKED, neighbourhood=wijk)
        advised = initiative_in(S.ADVISED, neighbourhood=wijk)
        client = client_for(organiser)
        shown = client.get(url("detail", consultation))
        # when
        response = client.post(
            url("option_add_plan", consultation), {"plan-initiative": plan.pk}
        )
    # then only the checked plan was offered, and it is on the ballot
    assert [p.pk for p in shown.context["plans"]] == [plan.pk]
    assert advised.pk not in [p.pk for p in shown.context["plans"]]
    assert response.status_code == 302
    option = ConsultationOption.objects.get(consultation=consultation)
    assert (option.initiative, option.cost_cents) == (
        plan,
        plan.requested_amount_cents,
    )


def test_a_free_option_without_a_cost_is_refused_and_kept() -> None:
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(wijk, organiser, costs=())
    with at(PREPARED):
        response = client_for(organiser).post(
            url("option_add_free", consultation),
            {"free-title": "Speeltuin", "free-cost": ""},
        )
    assert response.status_code == 200
    form = response.context["free_form"]
    assert "cost" in form.errors
    assert 'value="Speeltuin"' in page(response)
    assert not ConsultationOption.objects.exists()


def test_an_option_is_taken_off_the_ballot() -> None:
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(wijk, organiser)
    first = options_of(consultation)[0]
    with at(PREPARED):
        response = client_for(organiser).post(
            url("option_remove", consultation, option_id=first)
        )
    assert response.status_code == 302
    assert first not in options_of(consultation)
    assert len(options_of(consultation)) == 2


def test_publish_asks_first_and_a_refusal_is_shown() -> None:
    # given a draft with nothing on the ballot
    wijk, organiser = wijk_with_organiser()
    empty = budget_vote(wijk, organiser, costs=())
    client = client_for(organiser)
    with at(PREPARED):
        question = client.get(url("publish", empty))
        refused = client.post(url("publish", empty))
    # then the GET only asks, and the POST is refused with the reason
    assert question.status_code == 200
    assert refused.status_code == 200
    assert refused.context["error"]
    empty.refresh_from_db()
    assert empty.status == ConsultationStatus.DRAFT


def test_cancel_needs_a_reason_and_then_cancels() -> None:
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(wijk, organiser)
    client = client_for(organiser)
    with at(PREPARED):
        refused = client.post(url("cancel", consultation), {"reason": ""})
        consultation.refresh_from_db()
        assert consultation.status == ConsultationStatus.DRAFT
        done = client.post(url("cancel", consultation), {"reason": "Te weinig tijd"})
    assert refused.status_code == 200
    assert "reason" in refused.context["form"].errors
    assert done.status_code == 302
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.CANCELLED


def test_from_a_new_draft_to_the_certified_result_through_the_pages() -> None:
    # given an organiser who makes a budget vote with two options
    wijk, organiser = wijk_with_organiser()
    client = client_for(organiser)
    with at(PREPARED):
        client.post(url("create", slug=wijk.slug), _form())
        consultation = Consultation.objects.get()
        for title, cost in (("Speeltuin", "6.000"), ("Bankjes", "5.000")):
            client.post(
                url("option_add_free", consultation),
                {"free-title": title, "free-cost": cost},
            )
        credentials = on_roll(consultation, organiser, 3)
        # when it is published
        client.post(url("publish", consultation))
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.PUBLISHED
    speeltuin, bankjes = options_of(consultation)
    # and residents vote (through the ballot service)
    vote(consultation, credentials[0][0], [speeltuin])
    vote(consultation, credentials[1][0], [speeltuin, bankjes])
    vote(consultation, credentials[2][0], [bankjes])
    # then while open the certify page shows no count
    with at(DURING):
        early = client_for(organiser).get(url("certify", consultation))
    assert "table" not in early.context
    # after closing it shows the count before anything is certified
    with at(AFTER):
        client = client_for(organiser)  # a new session: the last one timed out
        preview = client.get(url("certify", consultation))
        consultation.refresh_from_db()
        assert consultation.status == ConsultationStatus.PUBLISHED
        assert Ballot.objects.filter(link__isnull=False).count() == 3
        # and certifying it stores that result
        done = client.post(url("certify", consultation))
    rows = {
        row.title: (row.count, row.selected) for row in preview.context["table"].rows
    }
    assert rows == {"Speeltuin": (2, True), "Bankjes": (2, False)}
    assert done.status_code == 302
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.CERTIFIED
    assert consultation.result is not None
    assert consultation.result["selected"] == [speeltuin]
    assert consultation.ballot_key is None
    assert not Ballot.objects.filter(link__isnull=False).exists()


def test_a_member_may_read_but_not_organise() -> None:
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(wijk, organiser)
    member = official(neighbourhood=wijk, role=Role.STEERING_ADVISER)
    client = client_for(member)
    with at(PREPARED):
        assert client.get(url("detail", consultation)).status_code == 200
        assert client.get(url("harvest", consultation)).status_code == 200
        for name in ("edit", "publish", "cancel", "roll", "certify"):
            assert client.get(url(name, consultation)).status_code == 403, name
        assert client.get(url("assisted", consultation)).status_code == 403
        assert client.get(url("create", slug=wijk.slug)).status_code == 403


def test_other_wijken_are_not_found_and_the_second_factor_is_required() -> None:
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(wijk, organiser)
    _elsewhere, stranger = wijk_with_organiser()
    with at(PREPARED):
        assert client_for(stranger).get(url("detail", consultation)).status_code == 404
        unverified = HttpsClient()
        sign_in(unverified, organiser)
        response = unverified.get(url("detail", consultation))
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/tweede-stap/")


def test_the_chair_organises_and_the_work_menu_links_the_list() -> None:
    wijk, organiser = wijk_with_organiser()
    chair = official(neighbourhood=wijk, role=Role.STEERING_CHAIR)
    consultation = published(budget_vote(wijk, organiser), organiser)
    client = client_for(chair)
    with at(PREPARED):
        work = client.get("/mijn-werk/")
        cancel = client.get(url("cancel", consultation))
    assert url("home") in page(work)
    assert cancel.status_code == 200


def test_a_poll_through_the_pages_moves_its_plan_and_counts_stances() -> None:
    # given a plan on the agenda and a poll about it
    wijk, organiser = wijk_with_organiser()
    with at(PREPARED):
        plan = initiative_in(S.ON_AGENDA, neighbourhood=wijk)
        client = client_for(organiser)
        client.post(url("create", slug=wijk.slug), _form(ballot="advisory"))
        poll = Consultation.objects.get()
        client.post(url("option_add_plan", poll), {"plan-initiative": plan.pk})
        [(_credential, code)] = on_roll(poll, organiser, 1)
        # when it is published
        client.post(url("publish", poll))
    # then the plan is in consultation
    plan.refresh_from_db()
    assert plan.status == S.IN_CONSULTATION
    [option] = options_of(poll)
    # and an assisted voter says "against" with a comment
    with at(DURING):
        desk = client_for(organiser)
        token = desk.post(url("assisted", poll), {"code": code}).context["token"]
        desk.post(
            url("assisted", poll),
            {
                "voter": token,
                "id_checked": "on",
                f"option_{option}": "oppose",
                f"comment_{option}": "Te duur",
            },
        )
    with at(AFTER):
        preview = client_for(organiser).get(url("certify", poll))
    [row] = preview.context["poll_rows"]
    assert (row.support, row.oppose, row.neutral, row.comments) == (0, 1, 0, 1)


def test_a_draft_whose_kind_changes_keeps_its_options_and_is_refused() -> None:
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(wijk, organiser)
    before = snapshot()
    with at(PREPARED), pytest.raises(ValidationError) as refused:
        consultation_update(
            actor=organiser,
            consultation=consultation,
            kind="advisory",
            title="Peiling",
            question="Voor of tegen?",
            ballot_type="advisory",
            opens_at=OPENS,
            closes_at=CLOSES,
        )
    assert refused.value.code == "kind_has_options"
    assert snapshot() == before


def test_a_published_consultation_cannot_be_edited() -> None:
    wijk, organiser = wijk_with_organiser()
    consultation = published(budget_vote(wijk, organiser), organiser)
    before = snapshot()
    with at(PREPARED):
        client = client_for(organiser)
        shown = client.get(url("edit", consultation))
        posted = client.post(url("edit", consultation), _form(title="Anders"))
    assert shown.status_code == posted.status_code == 302
    assert snapshot() == before
