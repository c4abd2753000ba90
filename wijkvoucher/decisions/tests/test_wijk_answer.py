"""Under ADVIES a beschikking that goes against what the wijk said in a certified
wijkraadpleging must say why (issue #12, docs/voting.md#what-the-wijk-said)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from wijkvoucher.consultations.selectors_answers import AGAINST, FOR, wijk_answer
from wijkvoucher.consultations.services import consultation_option_add
from wijkvoucher.consultations.tests.helpers import (
    PREPARED,
    at,
    budget_vote,
    certified,
    on_roll,
    options_of,
    published,
    vote,
)
from wijkvoucher.decisions.constants import DecisionOutcome
from wijkvoucher.decisions.document import decision_document
from wijkvoucher.decisions.tests.helpers import (
    REQUESTED,
    advised_plan,
    contact_of,
    funded,
)
from wijkvoucher.decisions.tests.test_services import REJECT, issue, refused
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.neighbourhoods.constants import AuthorityMode
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.helpers import on_day

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


def wijk_votes(plan: Initiative, *, plan_votes: int, other_votes: int) -> None:
    """A certified budget vote of € 10,000 on ``plan`` (€ 8,000) and another plan
    (€ 5,000): the one with more votes is chosen first; the other no longer fits."""
    organiser = contact_of(plan)
    consultation = budget_vote(plan.neighbourhood, organiser, costs=(500_000,))
    with at(PREPARED):
        consultation_option_add(
            actor=organiser,
            consultation=consultation,
            initiative=plan,
            cost_cents=800_000,
        )
    other, ours = options_of(consultation)
    roll = on_roll(consultation, organiser, plan_votes + other_votes)
    published(consultation, organiser)
    for n, (credential, _code) in enumerate(roll):
        vote(consultation, credential, [ours] if n < plan_votes else [other])
    certified(consultation, organiser)


def test_the_answer_of_a_budget_vote_leans_by_whether_it_chose_the_plan(
    wijk: Neighbourhood,
) -> None:
    chosen = advised_plan(wijk)
    wijk_votes(chosen, plan_votes=3, other_votes=1)
    left_out = advised_plan(wijk)
    wijk_votes(left_out, plan_votes=1, other_votes=3)
    answer = wijk_answer(initiative_id=chosen.pk)
    assert answer is not None
    assert (answer.votes, answer.selected, answer.leaning) == (3, True, FOR)
    answer = wijk_answer(initiative_id=left_out.pk)
    assert answer is not None
    assert (answer.votes, answer.selected, answer.leaning) == (1, False, AGAINST)


def test_an_award_against_the_wijk_needs_reasons_even_when_it_follows_the_advice(
    wijk: Neighbourhood,
) -> None:
    # given: the regiegroep advised to award; the wijk's vote did not choose the plan
    plan = advised_plan(wijk)
    wijk_votes(plan, plan_votes=1, other_votes=3)
    # when the decision follows the advice without a word about the wijk: refused,
    # and nothing changed
    refused("wijk_deviation_unmotivated", issue, plan)
    # with the reasons it is issued; it follows the advice and keeps the reasons
    reasons = "Het plan is klein en de regiegroep zag er veel draagvlak voor."
    decision = issue(plan, deviation_motivation=reasons)
    assert decision.outcome == DecisionOutcome.AWARD
    assert decision.amount_cents == REQUESTED
    assert decision.deviates_from_advice is False
    assert decision.deviation_motivation == reasons
    text = "\n".join(
        paragraph
        for section in decision_document(decision=decision).sections
        for paragraph in section.paragraphs
    )
    assert "wijkraadpleging" in text
    assert reasons in text


def test_a_decision_that_follows_the_wijk_and_the_advice_needs_no_extra_reasons(
    wijk: Neighbourhood,
) -> None:
    plan = advised_plan(wijk)
    wijk_votes(plan, plan_votes=3, other_votes=1)
    decision = issue(plan)
    assert decision.deviation_motivation == ""


def test_a_rejection_the_wijk_asked_for_still_needs_reasons_against_the_advice(
    wijk: Neighbourhood,
) -> None:
    plan = advised_plan(wijk)
    wijk_votes(plan, plan_votes=1, other_votes=3)
    # the wijk is not against the rejection, the advice is: that refusal only
    refused("deviation_unmotivated", issue, plan, **REJECT)


def test_binding_advice_is_followed_without_a_word_about_the_wijk(
    wijk: Neighbourhood,
) -> None:
    plan = advised_plan(wijk, mode=AuthorityMode.BINDING_ADVICE)
    wijk_votes(plan, plan_votes=1, other_votes=3)
    decision = issue(plan)
    assert decision.outcome == DecisionOutcome.AWARD
    assert decision.deviation_motivation == ""
