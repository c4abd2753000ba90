"""The decision pages: taking the decision from the advice, the beschikking as page
and PDF, cancelling, and objections. Access per role is in access_decisions.py."""

from __future__ import annotations

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="assignment,arg-type,misc,return-value"
import datetime as dt
from collections.abc import Iterator

from django.template.loader import render_to_string
from django.urls import reverse

import pytest

from wijkvoucher.core.tests.pdf_checks import pdf_text
from wijkvoucher.decisions.constants import DecisionOutcome, ObjectionStatus
from wijkvoucher.decisions.document import decision_pdf
from wijkvoucher.decisions.models import Decision, Objection
from wijkvoucher.decisions.services import decision_issue, objection_register
from wijkvoucher.decisions.tests.helpers import (
    EUR,
    REQUESTED,
    S,
    advised_plan,
    contact_of,
    funded,
    plan_in,
    world_state,
)
from wijkvoucher.initiatives.constants import ReasonCode
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready, resident
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.helpers import (
    HttpsClient,
    on_day,
    sign_in,
    sign_in_verified,
)
from wijkvoucher.notifications.models import Notification
from wijkvoucher.regiegroep.constants import AdviceOutcome

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_pages")]


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


@pytest.fixture
def wijk() -> Neighbourhood:
    return neighbourhood_ready()


def official_client(plan: Initiative) -> HttpsClient:
    client = HttpsClient()
    sign_in_verified(client, contact_of(plan))
    return client


def awarded(plan: Initiative) -> Decision:
    return decision_issue(
        actor=contact_of(plan),
        initiative=plan,
        outcome=DecisionOutcome.AWARD,
        amount_cents=REQUESTED,
    )


def test_the_plan_file_shows_the_advice_and_the_way_to_the_decision(
    wijk: Neighbourhood,
) -> None:
    funded(wijk)
    plan = advised_plan(wijk)
    html = (
        official_client(plan)
        .get(reverse("initiatives:official_plan", args=[plan.uuid]))
        .content.decode()
    )
    assert reverse("decisions:decision_new", args=[plan.uuid]) in html
    assert "Advice of the regiegroep" in html


def test_the_decision_page_is_filled_in_from_the_advice(wijk: Neighbourhood) -> None:
    funded(wijk)
    plan = advised_plan(wijk, conditions="Foto's meesturen.")
    response = official_client(plan).get(
        reverse("decisions:decision_new", args=[plan.uuid])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Het plan past goed bij de wijk." in html  # the advice's motivation
    assert 'value="450"' in html  # the advised amount
    assert "Foto&#x27;s meesturen." in html
    assert "you must explain why (Awb 3:50)" in html
    award_input = html.split('value="award"')[1].split(">")[0]
    assert "checked" in award_input


def test_issuing_the_decision_redirects_to_the_beschikking(wijk: Neighbourhood) -> None:
    funded(wijk)
    plan = advised_plan(wijk)
    client = official_client(plan)
    response = client.post(
        reverse("decisions:decision_new", args=[plan.uuid]),
        {"outcome": "award", "amount": "450", "conditions": "Foto's meesturen."},
    )
    decision = Decision.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "decisions:decision_detail", args=[decision.uuid]
    )
    page = client.get(response["Location"]).content.decode()
    assert decision.number in page
    assert "six weeks" in page  # the bezwaarclausule
    assert reverse("decisions:decision_pdf", args=[decision.uuid]) in page


def test_an_award_beyond_the_plafond_shows_why_and_keeps_what_was_typed(
    wijk: Neighbourhood,
) -> None:
    funded(wijk, ceiling_cents=100 * EUR)
    plan = advised_plan(wijk)
    before = world_state()
    response = official_client(plan).post(
        reverse("decisions:decision_new", args=[plan.uuid]),
        {"outcome": "award", "amount": "450", "conditions": "Alleen met vergunning."},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Awb 4:25" in html
    assert "Alleen met vergunning." in html
    assert world_state() == before


def test_a_rejection_without_public_explanation_shows_the_error_at_the_field(
    wijk: Neighbourhood,
) -> None:
    plan = plan_in(S.CHECKED, neighbourhood=wijk)
    before = world_state()
    response = official_client(plan).post(
        reverse("decisions:decision_new", args=[plan.uuid]),
        {
            "outcome": "reject",
            "reason_code": ReasonCode.RULE_BREACH,
            "motivation": "Dit is een commercieel plan.",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_public_explanation-error"' in html
    assert "Dit is een commercieel plan." in html
    assert world_state() == before


def test_a_decision_page_for_a_decided_plan_sends_back_to_the_plan_file(
    wijk: Neighbourhood,
) -> None:
    funded(wijk)
    plan = advised_plan(wijk)
    awarded(plan)
    response = official_client(plan).get(
        reverse("decisions:decision_new", args=[plan.uuid])
    )
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "initiatives:official_plan", args=[plan.uuid]
    )


def test_the_initiator_reads_the_beschikking_and_downloads_the_pdf(
    wijk: Neighbourhood,
) -> None:
    funded(wijk)
    plan = advised_plan(wijk)
    decision = awarded(plan)
    client = HttpsClient()
    sign_in(client, plan.initiator)
    page = client.get(reverse("decisions:decision_detail", args=[decision.uuid]))
    assert page.status_code == 200
    assert decision.number in page.content.decode()
    pdf = client.get(reverse("decisions:decision_pdf", args=[decision.uuid]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert f"beschikking-{decision.number}.pdf" in pdf["Content-Disposition"]
    # a neighbour does not even learn that it exists
    other = HttpsClient()
    sign_in(other, resident(wijk))
    assert (
        other.get(reverse("decisions:decision_pdf", args=[decision.uuid])).status_code
        == 404
    )


def test_the_pdf_holds_the_beschikking(wijk: Neighbourhood) -> None:
    funded(wijk)
    plan = advised_plan(wijk)
    decision = decision_issue(
        actor=contact_of(plan),
        initiative=plan,
        outcome=DecisionOutcome.AWARD,
        amount_cents=REQUESTED,
        conditions="Kosten tot € 450 – met bonnetjes “netjes” bewaard.",
    )
    content = decision_pdf(decision=decision)
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert decision.number in text
    assert "€ 450,00" in text
    assert "Kosten tot € 450 – met bonnetjes “netjes” bewaard." in text
    assert plan.title in text
    assert str(decision.municipality.name) in text
    assert "20 juli 2026" not in text  # the term is six weeks: 27 July
    assert "27 juli 2026" in text


def test_the_initiator_include_lists_the_decisions_and_the_objection_term(
    wijk: Neighbourhood,
) -> None:
    funded(wijk)
    plan = advised_plan(wijk)
    decision = awarded(plan)
    html = render_to_string("decisions/_for_initiator.html", {"initiative": plan})
    assert reverse("decisions:decision_detail", args=[decision.uuid]) in html
    assert reverse("decisions:decision_pdf", args=[decision.uuid]) in html
    assert "27 July 2026" in html or "27 juli 2026" in html


def test_the_initiator_cancels_and_the_money_goes_back(wijk: Neighbourhood) -> None:
    funded(wijk)
    plan = advised_plan(wijk)
    awarded(plan)
    client = HttpsClient()
    sign_in(client, plan.initiator)
    url = reverse("decisions:cancel_own", args=[plan.uuid])
    assert client.get(url).status_code == 200
    refused = client.post(url, {"reason_code": "", "motivation": ""})
    assert refused.status_code == 200
    response = client.post(
        url, {"reason_code": ReasonCode.NOT_FEASIBLE, "motivation": "Geen zaal."}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("initiatives:plan_detail", args=[plan.uuid])
    plan.refresh_from_db()
    assert plan.status == S.CANCELLED


def test_the_official_starts_and_cancels_from_the_plan_file(
    wijk: Neighbourhood,
) -> None:
    funded(wijk)
    plan = advised_plan(wijk)
    awarded(plan)
    client = official_client(plan)
    started = client.post(reverse("decisions:execution_start", args=[plan.uuid]))
    assert started.status_code == 302
    plan.refresh_from_db()
    assert plan.status == S.IN_EXECUTION
    url = reverse("decisions:cancel_official", args=[plan.uuid])
    assert client.get(url).status_code == 200
    client.post(url, {"reason_code": ReasonCode.OTHER, "motivation": "Niet gestart."})
    plan.refresh_from_db()
    assert plan.status == S.CANCELLED


def test_registering_and_deciding_an_objection(wijk: Neighbourhood) -> None:
    plan = plan_in(S.CHECKED, neighbourhood=wijk)
    decision = decision_issue(
        actor=contact_of(plan),
        initiative=plan,
        outcome=DecisionOutcome.REJECT,
        reason_code=ReasonCode.RULE_BREACH,
        motivation="Commercieel.",
        public_explanation="Commercieel plan.",
    )
    client = official_client(plan)
    new_url = reverse("decisions:objection_new", args=[decision.uuid])
    assert client.get(new_url).status_code == 200
    future = client.post(
        new_url,
        {"received_on": "2026-06-20", "objector_name": "J. de Vries", "grounds": "x"},
    )
    assert 'id="id_received_on-error"' in future.content.decode()
    response = client.post(
        new_url,
        {
            "received_on": "2026-06-15",
            "objector_name": "J. de Vries",
            "grounds": "Het plan is niet commercieel.",
        },
    )
    objection = Objection.objects.get()
    assert response["Location"] == reverse(
        "decisions:objection_detail", args=[objection.uuid]
    )
    page = client.get(response["Location"]).content.decode()
    assert "J. de Vries" in page
    assert "7 September 2026" in page or "7 september 2026" in page
    client.post(
        reverse("decisions:objection_extend", args=[objection.uuid]),
        {"extend-reason": "Hoorzitting nodig."},
    )
    objection.refresh_from_db()
    assert objection.decision_due_on == dt.date(2026, 10, 19)
    client.post(
        reverse("decisions:objection_decide", args=[objection.uuid]),
        {"decide-status": ObjectionStatus.UPHELD, "decide-motivation": "Terecht."},
    )
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.UPHELD
    detail = client.get(reverse("decisions:decision_detail", args=[decision.uuid]))
    assert reverse("decisions:objection_detail", args=[objection.uuid]) in (
        detail.content.decode()
    )


def test_officials_of_another_wijk_do_not_see_the_decision_page(
    wijk: Neighbourhood,
) -> None:
    plan = advised_plan(wijk, outcome=AdviceOutcome.REJECT)
    elsewhere = advised_plan(neighbourhood_ready(), outcome=AdviceOutcome.REJECT)
    client = official_client(elsewhere)
    response = client.get(reverse("decisions:decision_new", args=[plan.uuid]))
    assert response.status_code == 404


def test_the_plan_file_offers_the_steps_the_status_allows(wijk: Neighbourhood) -> None:
    # a checked plan: only the rejection as clearly inadmissible
    checked = plan_in(S.CHECKED, neighbourhood=wijk)
    client = official_client(checked)
    html = client.get(
        reverse("initiatives:official_plan", args=[checked.uuid])
    ).content.decode()
    assert "Reject as clearly inadmissible" in html
    assert reverse("decisions:execution_start", args=[checked.uuid]) not in html
    # an awarded plan: its decision, issuing vouchers and cancelling; no new decision
    funded(wijk)
    plan = advised_plan(wijk)
    decision = awarded(plan)
    html = client.get(
        reverse("initiatives:official_plan", args=[plan.uuid])
    ).content.decode()
    assert reverse("decisions:decision_detail", args=[decision.uuid]) in html
    # the next step after an award is issuing the vouchers (vouchers app)
    assert reverse("vouchers:voucher_issue", args=[plan.uuid]) in html
    assert reverse("decisions:cancel_official", args=[plan.uuid]) in html
    assert reverse("decisions:decision_new", args=[plan.uuid]) not in html
    # and the decision is listed by its number
    assert decision.number in html


# --- Preview before sending (issue #9, point 11) ----------------------------------------


def _decision_url(plan: Initiative) -> str:
    return reverse("decisions:decision_new", args=[plan.uuid])


PARTLY = {
    "outcome": "partly_award",
    "amount": "300",
    "reason_code": ReasonCode.RULE_BREACH,
    "motivation": "Het eten valt buiten de regels.",
    "public_explanation": "Eten en drinken vallen buiten de regels.",
    "deviation_motivation": "Het eten past niet in de regeling.",
}


def test_the_preview_shows_the_beschikking_and_writes_nothing(
    wijk: Neighbourhood,
) -> None:
    # given an advised plan and its official
    funded(wijk)
    plan = advised_plan(wijk)
    client = official_client(plan)
    before = (world_state(), Notification.objects.count())
    # the decision page's button asks for the preview, not for sending
    form_page = client.get(_decision_url(plan)).content.decode()
    assert 'name="step" value="preview"' in form_page
    # when the official previews a partial award
    response = client.post(_decision_url(plan), {**PARTLY, "step": "preview"})
    # then the whole beschikking is shown as the initiator will get it
    html = response.content.decode()
    assert response.status_code == 200
    assert "Decision on your application" in html
    assert "Het eten valt buiten de regels." in html
    assert "six weeks" in html  # the bezwaarclausule
    assert "number follows when sent" in html
    assert "€\u00a0300,00" in html or "€\u00a0300" in html
    assert 'name="step" value="issue"' in html
    assert 'name="step" value="edit"' in html
    # and nothing was written: no number, no reservation, no message, no audit
    assert (world_state(), Notification.objects.count()) == before
    assert not Decision.objects.exists()
    # the PDF of the preview is made on request, and writes nothing either
    pdf = client.post(_decision_url(plan), {**PARTLY, "step": "pdf"})
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert (world_state(), Notification.objects.count()) == before


def test_going_back_from_the_preview_keeps_everything_filled_in(
    wijk: Neighbourhood,
) -> None:
    funded(wijk)
    plan = advised_plan(wijk)
    client = official_client(plan)
    before = world_state()
    # when the official goes back to change it
    response = client.post(_decision_url(plan), {**PARTLY, "step": "edit"})
    # then the form shows what they entered, without errors, and nothing changed
    html = response.content.decode()
    assert response.status_code == 200
    assert "Het eten valt buiten de regels.</textarea>" in html
    assert 'value="300"' in html
    assert "error-summary" not in html
    assert world_state() == before


def test_sending_from_the_preview_issues_the_decision(wijk: Neighbourhood) -> None:
    funded(wijk)
    plan = advised_plan(wijk)
    client = official_client(plan)
    preview = client.post(_decision_url(plan), {**PARTLY, "step": "preview"})
    # the preview carries every value to the send button
    html = preview.content.decode()
    for name in ("outcome", "amount", "reason_code", "motivation"):
        assert f'type="hidden" name="{name}"' in html, name
    response = client.post(_decision_url(plan), {**PARTLY, "step": "issue"})
    decision = Decision.objects.get()
    assert response.status_code == 302
    assert decision.outcome == DecisionOutcome.PARTLY_AWARD
    assert decision.amount_cents == 300 * EUR
    assert decision.motivation == "Het eten valt buiten de regels."


def test_a_refused_preview_shows_every_problem_at_once(wijk: Neighbourhood) -> None:
    # given a partial award with a mistyped amount, no reason and no explanations
    funded(wijk)
    plan = advised_plan(wijk)
    before = world_state()
    response = official_client(plan).post(
        _decision_url(plan),
        {"outcome": "partly_award", "amount": "3x0", "step": "preview"},
    )
    # then the form comes back with an error at each field, all in one go
    html = response.content.decode()
    assert response.status_code == 200
    for field in ("amount", "motivation", "public_explanation"):
        assert f'id="id_{field}-error"' in html, field
    assert 'value="3x0"' in html
    assert world_state() == before


def _objected(wijk: Neighbourhood) -> tuple[Initiative, Decision, Objection]:
    """A checked plan, rejected, with an objection registered against it."""
    plan = plan_in(S.CHECKED, neighbourhood=wijk)
    decision = decision_issue(
        actor=contact_of(plan),
        initiative=plan,
        outcome=DecisionOutcome.REJECT,
        reason_code=ReasonCode.RULE_BREACH,
        motivation="Commercieel.",
        public_explanation="Commercieel plan.",
    )
    objection = objection_register(
        actor=contact_of(plan),
        decision=decision,
        received_on=dt.date(2026, 6, 15),
        objector_name="J. de Vries",
        grounds="Het plan is niet commercieel.",
    )
    return plan, decision, objection


def test_the_objection_decision_reports_every_problem_at_once(
    wijk: Neighbourhood,
) -> None:
    # given a registered objection
    plan, _decision, objection = _objected(wijk)
    before = world_state()
    # when upheld without a motivation and with a date in the future
    response = official_client(plan).post(
        reverse("decisions:objection_decide", args=[objection.uuid]),
        {"decide-status": ObjectionStatus.UPHELD, "decide-decided_on": "2027-01-01"},
    )
    # then both problems show at their fields, and nothing changed
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_decide-motivation-error"' in html
    assert 'id="id_decide-decided_on-error"' in html
    assert world_state() == before


def test_the_objections_list_shows_open_ones_and_finds_decisions(
    wijk: Neighbourhood,
) -> None:
    plan, decision, objection = _objected(wijk)
    client = official_client(plan)
    listing = client.get(reverse("decisions:objections")).content.decode()
    assert reverse("decisions:objection_detail", args=[objection.uuid]) in listing
    assert reverse("decisions:objection_new", args=[decision.uuid]) in listing
    # searching by a number that does not exist says so
    missing = client.get(reverse("decisions:objections"), {"number": "XYZ-1"})
    assert "XYZ-1" in missing.content.decode()
    assert reverse("decisions:objection_new", args=[decision.uuid]) not in (
        missing.content.decode()
    )
    found = client.get(reverse("decisions:objections"), {"number": decision.number})
    assert reverse("decisions:objection_new", args=[decision.uuid]) in (
        found.content.decode()
    )
