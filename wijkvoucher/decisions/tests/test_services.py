"""The beschikking, the reservation, cancellation and objections: every guard, the
three authority modes, the plafond (Awb 4:25) and the terms (Awb 6:7, 7:10)."""

from __future__ import annotations

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="assignment,arg-type,misc,return-value"
import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import DatabaseError, transaction
from django.utils import timezone

import pytest

from wijkvoucher.core.dates import add_months
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.decisions.constants import DecisionOutcome, ObjectionStatus
from wijkvoucher.decisions.models import Decision, Objection
from wijkvoucher.decisions.selectors import (
    public_decisions,
    reserved_cents,
    reserved_cents_by_period,
    settlement_text,
)
from wijkvoucher.decisions.services import (
    decision_issue,
    execution_start,
    initiative_cancel,
    objection_decide,
    objection_extend,
    objection_register,
)
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
from wijkvoucher.initiatives.models import CoInitiator, Initiative
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready, resident
from wijkvoucher.ledger.models import Account
from wijkvoucher.ledger.selectors import account_balance_cents
from wijkvoucher.ledger.verify import ledger_problems
from wijkvoucher.neighbourhoods.constants import AuthorityMode, Role
from wijkvoucher.neighbourhoods.models import BudgetPeriod, Neighbourhood
from wijkvoucher.neighbourhoods.tests.helpers import TODAY, official, on_day
from wijkvoucher.notifications.models import Notification
from wijkvoucher.regiegroep.constants import AdviceOutcome

pytestmark = pytest.mark.django_db

ISSUED = TODAY  # 2026-06-15


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


@pytest.fixture
def wijk() -> Neighbourhood:
    return neighbourhood_ready()


@pytest.fixture
def period(wijk: Neighbourhood) -> BudgetPeriod:
    return funded(wijk)


def budget_left(period: BudgetPeriod) -> int:
    period.refresh_from_db()
    assert period.account is not None
    return account_balance_cents(account=period.account)


def issue(initiative: Initiative, **kwargs: Any) -> Decision:
    kwargs.setdefault("actor", contact_of(initiative))
    kwargs.setdefault("outcome", DecisionOutcome.AWARD)
    if kwargs["outcome"] == DecisionOutcome.AWARD:
        kwargs.setdefault("amount_cents", initiative.requested_amount_cents)
    return decision_issue(initiative=initiative, **kwargs)


def refused(code: str, call: Any, *args: Any, **kwargs: Any) -> None:
    """``call`` raises a ValidationError with ``code`` (among the others it reports
    at once) and changes nothing."""
    before = world_state()
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    assert code in {error.code for error in caught.value.error_list}
    assert world_state() == before


def forbidden(call: Any, *args: Any, **kwargs: Any) -> None:
    before = world_state()
    with pytest.raises(PermissionDenied):
        call(*args, **kwargs)
    assert world_state() == before


REJECT = {
    "outcome": DecisionOutcome.REJECT,
    "reason_code": ReasonCode.NOT_FEASIBLE,
    "motivation": "Het plan is in deze vorm niet uit te voeren.",
    "public_explanation": "Niet uitvoerbaar in deze vorm.",
}


# --- Awarding --------------------------------------------------------------------------


def test_an_award_that_follows_the_advice_reserves_the_amount_and_informs_the_initiator(
    wijk: Neighbourhood, period: BudgetPeriod
) -> None:
    # given a plan asking € 450 with a positive advice
    plan = advised_plan(wijk, conditions="Foto's meesturen.")
    last_event = AuditEvent.objects.order_by("pk").last()
    assert last_event is not None
    # when the contact official issues the decision
    decision = issue(plan, conditions="Foto's meesturen.")
    # then the decision is numbered and complete
    plan.refresh_from_db()
    assert plan.status == S.AWARDED
    assert decision.number == "DIJKSTAD-2026-0001"
    assert decision.outcome == DecisionOutcome.AWARD
    assert decision.amount_cents == REQUESTED
    assert decision.requested_amount_cents == REQUESTED
    assert decision.issued_on == ISSUED
    assert decision.objection_deadline == dt.date(2026, 7, 27)
    assert decision.execution_deadline == dt.date(2027, 6, 15)
    assert decision.settlement_mode == "ambtshalve"
    assert decision.settlement_term_weeks == 13
    assert "13" in settlement_text(decision=decision)
    assert decision.advice == plan.advices.get()
    assert decision.deviates_from_advice is False
    assert decision.authority_mode == AuthorityMode.ADVICE
    assert decision.conditions == "Foto's meesturen."
    # and € 450 moved from the wijk budget to the plan's reservation
    assert budget_left(period) == 50_000 * EUR - REQUESTED
    reserved = Account.objects.get(code=f"reserved:{plan.uuid}")
    assert reserved.kind == "reserved"
    assert reserved.balance_cents == REQUESTED
    assert decision.reservation_account == reserved
    assert decision.budget_period == period
    assert reserved_cents(neighbourhood=wijk) == REQUESTED
    assert reserved_cents_by_period(budget_periods=[period]) == {period.pk: REQUESTED}
    assert ledger_problems() == []
    # and the step, the audit event and the message are there
    change = plan.status_changes.latest("pk")
    assert (change.to_status, change.motivation) == (S.AWARDED, decision.number)
    actions = list(
        AuditEvent.objects.filter(pk__gt=last_event.pk)
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions.count("decisions.decision_issue") == 1
    assert "ledger.transaction_post" in actions
    assert "initiatives.initiative_transition" in actions
    note = Notification.objects.get(
        recipient=plan.initiator, kind="decisions.decision_issued"
    )
    assert note.url == f"/beschikkingen/{decision.uuid}/"
    assert decision.number in note.body
    # one message about the decision, not a second one about the status
    assert not Notification.objects.filter(
        recipient=plan.initiator, kind="initiative.awarded"
    ).exists()


def test_accepted_co_initiators_are_told_too(
    wijk: Neighbourhood, period: BudgetPeriod
) -> None:
    plan = advised_plan(wijk)
    partner, invited = resident(wijk), resident(wijk)
    expires = timezone.now() + dt.timedelta(days=7)
    CoInitiator.objects.create(
        initiative=plan,
        email="partner@example.org",
        user=partner,
        invited_by=plan.initiator,
        token_hash="a" * 64,
        expires_at=expires,
        accepted_at=timezone.now(),
    )
    CoInitiator.objects.create(
        initiative=plan,
        email="invited@example.org",
        invited_by=plan.initiator,
        token_hash="b" * 64,
        expires_at=expires,
    )
    issue(plan)
    assert set(
        Notification.objects.filter(kind="decisions.decision_issued").values_list(
            "recipient", flat=True
        )
    ) == {plan.initiator_id, partner.pk}
    assert not Notification.objects.filter(recipient=invited).exists()


def test_an_award_beyond_the_plafond_is_refused_and_nothing_changes(
    wijk: Neighbourhood,
) -> None:
    # given a budget with € 400 left and a positive advice for € 450
    period = funded(wijk, ceiling_cents=400 * EUR)
    plan = advised_plan(wijk)
    # when awarding, then it is refused with the plafond reason and nothing changed
    refused("budget_exhausted", issue, plan)
    plan.refresh_from_db()
    assert plan.status == S.ADVISED
    assert budget_left(period) == 400 * EUR
    assert not Account.objects.filter(code=f"reserved:{plan.uuid}").exists()
    # and the official can then reject it for that reason
    decision = issue(
        plan,
        outcome=DecisionOutcome.REJECT,
        reason_code=ReasonCode.BUDGET_EXHAUSTED,
        motivation="Het budget voor dit jaar is op.",
        public_explanation="Het wijkbudget is op.",
        deviation_motivation="Het plafond is bereikt (Awb 4:25).",
    )
    assert decision.number == "DIJKSTAD-2026-0001"  # the refusal used no number
    assert decision.deviates_from_advice is True
    assert budget_left(period) == 400 * EUR
    assert ledger_problems() == []


def test_a_partial_award_needs_reasons_and_an_explanation_for_the_public(
    wijk: Neighbourhood, period: BudgetPeriod
) -> None:
    plan = advised_plan(
        wijk,
        outcome=AdviceOutcome.PARTLY_AWARD,
        amount_cents=300 * EUR,
        reason_code=ReasonCode.RULE_BREACH,
    )
    partly = {"outcome": DecisionOutcome.PARTLY_AWARD, "amount_cents": 300 * EUR}
    refused("reason_required", issue, plan, **partly, reason_code=ReasonCode.OTHER)
    refused("unknown_reason", issue, plan, **partly, reason_code="whim", motivation="x")
    refused(
        "public_explanation_required",
        issue,
        plan,
        **partly,
        reason_code=ReasonCode.RULE_BREACH,
        motivation="Het eten valt buiten de regels.",
    )
    decision = issue(
        plan,
        **partly,
        reason_code=ReasonCode.RULE_BREACH,
        motivation="Het eten valt buiten de regels.",
        public_explanation="Eten en drinken vallen buiten de regels.",
    )
    plan.refresh_from_db()
    assert plan.status == S.PARTLY_AWARDED
    change = plan.status_changes.latest("pk")
    assert change.reason_code == ReasonCode.RULE_BREACH
    assert change.motivation == "Het eten valt buiten de regels."
    assert decision.amount_cents == 300 * EUR
    assert budget_left(period) == 50_000 * EUR - 300 * EUR


@pytest.mark.parametrize(
    ("outcome", "amount", "code"),
    [
        (DecisionOutcome.AWARD, 400 * EUR, "award_not_full"),
        (DecisionOutcome.PARTLY_AWARD, REQUESTED, "amount_invalid"),
        (DecisionOutcome.PARTLY_AWARD, 0, "amount_invalid"),
        (DecisionOutcome.PARTLY_AWARD, 500 * EUR, "amount_invalid"),
        ("grant_everything", REQUESTED, "unknown_outcome"),
    ],
)
def test_the_amount_must_fit_the_outcome(
    wijk: Neighbourhood, period: BudgetPeriod, outcome: str, amount: int, code: str
) -> None:
    plan = advised_plan(wijk)
    refused(
        code,
        issue,
        plan,
        outcome=outcome,
        amount_cents=amount,
        reason_code=ReasonCode.OTHER,
        motivation="Minder.",
        public_explanation="Minder.",
        deviation_motivation="Anders besloten.",
    )


def test_no_award_above_the_regelings_maximum(
    wijk: Neighbourhood, period: BudgetPeriod
) -> None:
    # given a plan asking € 6.000 while the regeling allows € 5.000 per initiative
    # (submission refuses that; here the amount changed afterwards)
    plan = advised_plan(wijk)
    Initiative.objects.filter(pk=plan.pk).update(requested_amount_cents=6_000 * EUR)
    plan.refresh_from_db()
    plan.advices.update(amount_cents=6_000 * EUR)
    refused("amount_above_maximum", issue, plan)
    refused(
        "amount_above_maximum",
        issue,
        plan,
        outcome=DecisionOutcome.PARTLY_AWARD,
        amount_cents=5_500 * EUR,
        reason_code=ReasonCode.OTHER,
        motivation="Te hoog.",
        public_explanation="Te hoog.",
        deviation_motivation="Maximum van de regeling.",
    )


def test_an_award_needs_a_published_budget(wijk: Neighbourhood) -> None:
    plan = advised_plan(wijk)
    refused("no_budget", issue, plan)


def test_an_advised_plan_needs_the_advice(
    wijk: Neighbourhood, period: BudgetPeriod
) -> None:
    plan = plan_in(S.ADVISED, neighbourhood=wijk)
    refused("no_advice", issue, plan)


# --- Authority modes ------------------------------------------------------------------


def test_under_advice_mode_a_deviation_needs_its_own_reasons(
    wijk: Neighbourhood, period: BudgetPeriod
) -> None:
    # given a positive advice (mode ADVIES)
    plan = advised_plan(wijk)
    # when rejecting without saying why the advice is not followed: refused
    refused("deviation_unmotivated", issue, plan, **REJECT)
    refused("deviation_unmotivated", issue, plan, **REJECT, deviation_motivation="  ")
    # with the reasons it is allowed, and recorded as a deviation
    decision = issue(
        plan, **REJECT, deviation_motivation="De vergunning wordt niet verleend."
    )
    assert decision.deviates_from_advice is True
    assert decision.deviation_motivation == "De vergunning wordt niet verleend."
    assert decision.reservation is None
    assert budget_left(period) == 50_000 * EUR


def test_under_advice_mode_a_different_amount_is_a_deviation(
    wijk: Neighbourhood, period: BudgetPeriod
) -> None:
    plan = advised_plan(
        wijk,
        outcome=AdviceOutcome.PARTLY_AWARD,
        amount_cents=300 * EUR,
        reason_code=ReasonCode.OTHER,
    )
    partly = {
        "outcome": DecisionOutcome.PARTLY_AWARD,
        "amount_cents": 350 * EUR,
        "reason_code": ReasonCode.OTHER,
        "motivation": "Minder.",
        "public_explanation": "Minder toegekend.",
    }
    refused("deviation_unmotivated", issue, plan, **partly)
    decision = issue(plan, **partly, deviation_motivation="De huur is duurder.")
    assert decision.deviates_from_advice is True


@pytest.mark.parametrize("mode", [AuthorityMode.BINDING_ADVICE, AuthorityMode.MANDATE])
def test_binding_modes_must_follow_the_advice(
    wijk: Neighbourhood, period: BudgetPeriod, mode: str
) -> None:
    # given a positive binding advice (or a decision under mandate)
    plan = advised_plan(wijk, mode=mode)
    # then neither a rejection nor another outcome is possible, reasons or not
    refused(
        "must_follow_advice", issue, plan, **REJECT, deviation_motivation="Liever niet."
    )
    refused(
        "must_follow_advice",
        issue,
        plan,
        **{**REJECT, "reason_code": ReasonCode.BUDGET_EXHAUSTED},
        deviation_motivation="Er is genoeg budget, maar toch.",
    )
    # and following it works
    decision = issue(plan)
    assert decision.authority_mode == mode
    assert decision.deviates_from_advice is False


@pytest.mark.parametrize("mode", [AuthorityMode.BINDING_ADVICE, AuthorityMode.MANDATE])
def test_binding_modes_may_reject_when_the_budget_is_used_up(
    wijk: Neighbourhood, mode: str
) -> None:
    funded(wijk, ceiling_cents=100 * EUR)
    plan = advised_plan(wijk, mode=mode)
    refused("budget_exhausted", issue, plan)
    budget_reject = {**REJECT, "reason_code": ReasonCode.BUDGET_EXHAUSTED}
    refused("deviation_unmotivated", issue, plan, **budget_reject)
    decision = issue(plan, **budget_reject, deviation_motivation="Plafond bereikt.")
    assert decision.outcome == DecisionOutcome.REJECT
    assert decision.deviates_from_advice is True


@pytest.mark.parametrize("mode", list(AuthorityMode))
def test_a_negative_advice_followed_is_a_rejection_with_its_reasons(
    wijk: Neighbourhood, period: BudgetPeriod, mode: str
) -> None:
    plan = advised_plan(wijk, outcome=AdviceOutcome.REJECT, mode=mode)
    refused(
        "must_follow_advice"
        if mode != AuthorityMode.ADVICE
        else "deviation_unmotivated",
        issue,
        plan,
    )
    decision = issue(plan, **REJECT)
    plan.refresh_from_db()
    assert plan.status == S.REJECTED
    assert decision.amount_cents == 0
    assert decision.execution_deadline is None
    assert decision.deviates_from_advice is False


# --- Where a decision can come from -------------------------------------------------


def test_a_checked_plan_can_only_be_rejected(
    wijk: Neighbourhood, period: BudgetPeriod
) -> None:
    plan = plan_in(S.CHECKED, neighbourhood=wijk)
    refused("invalid_status", issue, plan)
    decision = issue(plan, **REJECT)
    assert decision.advice is None
    assert decision.authority_mode == AuthorityMode.ADVICE
    plan.refresh_from_db()
    assert plan.status == S.REJECTED


def test_a_plan_without_the_information_is_not_processed_with_a_decision(
    wijk: Neighbourhood,
) -> None:
    plan = plan_in(S.INFORMATION_REQUESTED, neighbourhood=wijk)
    refused("invalid_status", issue, plan, **REJECT)
    after_the_term = on_day(dt.date(2026, 7, 1))
    after_the_term.start()
    refused("reason_required", issue, plan, outcome=DecisionOutcome.NOT_PROCESSED)
    decision = issue(
        plan,
        outcome=DecisionOutcome.NOT_PROCESSED,
        reason_code=ReasonCode.OTHER,
        motivation="De gevraagde begroting kwam niet binnen.",
    )
    plan.refresh_from_db()
    assert plan.status == S.NOT_PROCESSED
    assert decision.public_explanation == ""
    after_the_term.stop()


@pytest.mark.parametrize("status", [S.SUBMITTED])
def test_no_decision_before_the_check(
    wijk: Neighbourhood, period: BudgetPeriod, status: S
) -> None:
    plan = plan_in(status, neighbourhood=wijk)
    refused("invalid_status", issue, plan, **REJECT)


def test_no_second_decision_on_a_decided_plan(
    wijk: Neighbourhood, period: BudgetPeriod
) -> None:
    plan = advised_plan(wijk)
    issue(plan)
    plan.refresh_from_db()
    refused("invalid_status", issue, plan)


def test_only_a_wijk_official_other_than_the_initiator_decides(
    wijk: Neighbourhood, period: BudgetPeriod
) -> None:
    plan = advised_plan(wijk)
    elsewhere = official(
        neighbourhood=neighbourhood_ready(), role=Role.CONTACT_OFFICIAL
    )
    member = official(neighbourhood=wijk, role=Role.STEERING_CHAIR)
    for actor in (plan.initiator, resident(wijk), elsewhere, member):
        forbidden(issue, plan, actor=actor)
    # an official who is also the initiator of the plan may not decide on it either
    colleague = official(neighbourhood=wijk)
    own = advised_plan(wijk)
    Initiative.objects.filter(pk=own.pk).update(initiator=colleague)
    own.refresh_from_db()
    forbidden(issue, own, actor=colleague)
    # a coordinator of the municipality may
    coordinator = official(municipality=wijk.municipality, role=Role.COORDINATOR)
    assert issue(plan, actor=coordinator).decided_by == coordinator


def test_numbers_run_per_municipality_per_year_without_gaps(
    wijk: Neighbourhood, period: BudgetPeriod
) -> None:
    numbers = [
        issue(plan_in(S.CHECKED, neighbourhood=wijk), **REJECT).number for _ in range(3)
    ]
    refused("invalid_status", issue, plan_in(S.SUBMITTED, neighbourhood=wijk), **REJECT)
    numbers.append(issue(advised_plan(wijk)).number)
    assert numbers == [f"DIJKSTAD-2026-000{n}" for n in (1, 2, 3, 4)]
    with on_day(dt.date(2027, 1, 4)):
        plan = plan_in(
            S.CHECKED,
            neighbourhood=wijk,
            starts_on=dt.date(2027, 3, 1),
            ends_on=dt.date(2027, 3, 2),
        )
        next_year = issue(plan, **REJECT)
    assert next_year.number == "DIJKSTAD-2027-0001"


def test_add_months_keeps_the_day_or_takes_the_last_of_the_month() -> None:
    assert add_months(dt.date(2026, 6, 15), 12) == dt.date(2027, 6, 15)
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)


# --- After the award ------------------------------------------------------------------


def test_execution_starts_after_the_award(
    wijk: Neighbourhood, period: BudgetPeriod
) -> None:
    plan = advised_plan(wijk)
    refused("invalid_status", execution_start, actor=contact_of(plan), initiative=plan)
    issue(plan)
    forbidden(execution_start, actor=plan.initiator, initiative=plan)
    forbidden(execution_start, actor=resident(wijk), initiative=plan)
    started = execution_start(actor=contact_of(plan), initiative=plan)
    assert started.status == S.IN_EXECUTION
    assert AuditEvent.objects.filter(action="decisions.execution_start").count() == 1


@pytest.mark.parametrize("start", [False, True])
def test_cancelling_releases_the_reservation(
    wijk: Neighbourhood, period: BudgetPeriod, start: bool
) -> None:
    # given an awarded plan (maybe already started)
    plan = advised_plan(wijk)
    issue(plan)
    if start:
        execution_start(actor=contact_of(plan), initiative=plan)
    assert budget_left(period) == 50_000 * EUR - REQUESTED
    # when the initiator cancels it
    cancelled = initiative_cancel(
        actor=plan.initiator,
        initiative=plan,
        reason_code=ReasonCode.NOT_FEASIBLE,
        motivation="De zaal is niet meer beschikbaar.",
    )
    # then the money is back in the wijk budget, with the reason on the timeline
    assert cancelled.status == S.CANCELLED
    assert budget_left(period) == 50_000 * EUR
    assert Account.objects.get(code=f"reserved:{plan.uuid}").balance_cents == 0
    assert reserved_cents(neighbourhood=wijk) == 0
    change = plan.status_changes.latest("pk")
    assert (change.to_status, change.reason_code) == (S.CANCELLED, "not_feasible")
    event = AuditEvent.objects.get(action="decisions.initiative_cancel")
    assert event.data["released_cents"] == REQUESTED
    assert ledger_problems() == []
    out = io.StringIO()
    call_command("ledger_verify", stdout=out)  # raises CommandError on a problem
    assert "I1" in out.getvalue()
    # and the contact official hears of it
    assert Notification.objects.filter(
        recipient=contact_of(plan), kind="initiative.cancelled.official"
    ).exists()


def test_cancelling_needs_an_awarded_plan_a_reason_and_the_right_person(
    wijk: Neighbourhood, period: BudgetPeriod
) -> None:
    plan = advised_plan(wijk)
    reason = {"reason_code": ReasonCode.OTHER, "motivation": "Gaat niet door."}
    refused(
        "invalid_status",
        initiative_cancel,
        actor=plan.initiator,
        initiative=plan,
        **reason,
    )
    issue(plan)
    refused(
        "reason_required",
        initiative_cancel,
        actor=plan.initiator,
        initiative=plan,
        reason_code=ReasonCode.OTHER,
        motivation=" ",
    )
    refused(
        "unknown_reason",
        initiative_cancel,
        actor=plan.initiator,
        initiative=plan,
        reason_code="bored",
        motivation="Geen zin meer.",
    )
    forbidden(initiative_cancel, actor=resident(wijk), initiative=plan, **reason)
    # the wijk official may cancel (no-show), and the initiator is told
    cancelled = initiative_cancel(actor=contact_of(plan), initiative=plan, **reason)
    assert cancelled.status == S.CANCELLED
    assert Notification.objects.filter(
        recipient=plan.initiator, kind="initiative.cancelled"
    ).exists()
    refused(
        "invalid_status",
        initiative_cancel,
        actor=plan.initiator,
        initiative=plan,
        **reason,
    )


# --- Objections ---------------------------------------------------------------------


@pytest.fixture
def decision(wijk: Neighbourhood, period: BudgetPeriod) -> Decision:
    return issue(plan_in(S.CHECKED, neighbourhood=wijk), **REJECT)


def register(decision: Decision, **kwargs: Any) -> Objection:
    kwargs.setdefault("actor", contact_of(decision.initiative))
    kwargs.setdefault("received_on", ISSUED)
    kwargs.setdefault("objector_name", "J. de Vries")
    kwargs.setdefault("grounds", "Het plan is wel uitvoerbaar.")
    return objection_register(decision=decision, **kwargs)


def test_an_objection_on_time_is_decided_six_weeks_after_the_term(
    decision: Decision,
) -> None:
    objection = register(decision)
    assert objection.late is False
    assert objection.status == ObjectionStatus.RECEIVED
    # Awb 7:10: counted from the end of the objection term (27 July)
    assert objection.decision_due_on == dt.date(2026, 9, 7)
    assert AuditEvent.objects.filter(action="decisions.objection_register").count() == 1
    assert Notification.objects.filter(
        recipient=decision.initiative.initiator, kind="decisions.objection_received"
    ).exists()


def test_with_an_advisory_committee_the_term_is_twelve_weeks(
    decision: Decision,
) -> None:
    objection = register(decision, advisory_committee=True)
    assert objection.decision_due_on == dt.date(2026, 10, 19)


def test_a_late_objection_is_registered_and_marked(decision: Decision) -> None:
    with on_day(dt.date(2026, 8, 10)):
        objection = register(decision, received_on=dt.date(2026, 8, 3))
    assert objection.late is True
    assert objection.decision_due_on == dt.date(2026, 9, 14)


def test_registering_an_objection_refuses_wrong_input(decision: Decision) -> None:
    refused(
        "received_in_future",
        register,
        decision,
        received_on=ISSUED + dt.timedelta(days=1),
    )
    refused(
        "received_before_decision",
        register,
        decision,
        received_on=ISSUED - dt.timedelta(days=1),
    )
    refused("required", register, decision, grounds="  ")
    refused("required", register, decision, objector_name="")
    forbidden(register, decision, actor=decision.initiative.initiator)
    forbidden(register, decision, actor=resident(decision.initiative.neighbourhood))


def test_the_decision_on_an_objection_can_be_postponed_once(decision: Decision) -> None:
    objection = register(decision)
    official_ = contact_of(decision.initiative)
    refused(
        "reason_required",
        objection_extend,
        actor=official_,
        objection=objection,
        reason="",
    )
    forbidden(
        objection_extend,
        actor=decision.initiative.initiator,
        objection=objection,
        reason="x",
    )
    extended = objection_extend(
        actor=official_, objection=objection, reason="Hoorzitting."
    )
    assert extended.decision_due_on == dt.date(2026, 10, 19)
    assert extended.extended is True
    refused(
        "already_extended",
        objection_extend,
        actor=official_,
        objection=objection,
        reason="Nog eens.",
    )


def test_an_objection_term_that_has_ended_cannot_be_postponed(
    decision: Decision,
) -> None:
    objection = register(decision)
    due = objection.decision_due_on  # 7 September 2026
    with on_day(due + dt.timedelta(days=1)):
        refused(
            "term_ended",
            objection_extend,
            actor=contact_of(decision.initiative),
            objection=objection,
            reason="Te laat.",
        )
    with on_day(due):
        extended = objection_extend(
            actor=contact_of(decision.initiative),
            objection=objection,
            reason="Op tijd.",
        )
    assert extended.decision_due_on == due + dt.timedelta(weeks=6)


def test_deciding_on_an_objection(decision: Decision) -> None:
    objection = register(decision)
    official_ = contact_of(decision.initiative)
    decide = {"actor": official_, "objection": objection}
    refused(
        "reason_required",
        objection_decide,
        **decide,
        status=ObjectionStatus.UPHELD,
        motivation="",
    )
    refused(
        "unknown_outcome",
        objection_decide,
        **decide,
        status=ObjectionStatus.RECEIVED,
        motivation="x",
    )
    refused(
        "invalid_date",
        objection_decide,
        **decide,
        status=ObjectionStatus.REJECTED,
        motivation="Ongegrond.",
        decided_on=ISSUED + dt.timedelta(days=1),
    )
    forbidden(
        objection_decide,
        actor=decision.initiative.initiator,
        objection=objection,
        status=ObjectionStatus.REJECTED,
        motivation="x",
    )
    decided = objection_decide(
        **decide, status=ObjectionStatus.REJECTED, motivation="Ongegrond."
    )
    assert (decided.status, decided.decided_on, decided.decided_by) == (
        ObjectionStatus.REJECTED,
        ISSUED,
        official_,
    )
    assert Notification.objects.filter(kind="decisions.objection_decided").count() == 1
    refused(
        "already_decided",
        objection_decide,
        **decide,
        status=ObjectionStatus.UPHELD,
        motivation="Toch.",
    )
    refused(
        "already_decided",
        objection_extend,
        actor=official_,
        objection=objection,
        reason="Te laat.",
    )


def test_a_withdrawn_objection_needs_no_motivation(decision: Decision) -> None:
    objection = register(decision)
    decided = objection_decide(
        actor=contact_of(decision.initiative),
        objection=objection,
        status=ObjectionStatus.WITHDRAWN,
        motivation="",
    )
    assert decided.status == ObjectionStatus.WITHDRAWN


# --- The public list ----------------------------------------------------------------


def test_the_public_list_has_no_personal_data(
    wijk: Neighbourhood, period: BudgetPeriod
) -> None:
    awarded = advised_plan(wijk)
    issue(awarded)
    rejected = plan_in(S.CHECKED, neighbourhood=wijk)
    Initiative.objects.filter(pk=rejected.pk).update(publish_initiator_name=True)
    rejected.refresh_from_db()
    issue(rejected, **REJECT)
    stopped = plan_in(S.INFORMATION_REQUESTED, neighbourhood=wijk)
    with on_day(dt.date(2026, 7, 1)):
        issue(
            stopped,
            outcome=DecisionOutcome.NOT_PROCESSED,
            reason_code="other",
            motivation="Geen antwoord.",
        )
    rows = public_decisions(neighbourhood=wijk)
    assert [r.initiative_title for r in rows] == [rejected.title, awarded.title]
    reject_row, award_row = rows
    assert reject_row.reason_code == ReasonCode.NOT_FEASIBLE
    assert reject_row.public_explanation == "Niet uitvoerbaar in deze vorm."
    assert reject_row.initiator_name == rejected.initiator.full_name
    assert award_row.initiator_name == ""
    assert award_row.amount_cents == REQUESTED
    assert award_row.cancellation_reason_code == ""
    initiative_cancel(
        actor=awarded.initiator,
        initiative=awarded,
        reason_code=ReasonCode.NOT_FEASIBLE,
        motivation="Mijn buurman Jan is verhuisd.",
    )
    award_row = public_decisions(neighbourhood=wijk)[1]
    assert award_row.initiative_status == S.CANCELLED
    assert award_row.cancellation_reason_code == ReasonCode.NOT_FEASIBLE
    assert "Jan" not in repr(award_row)
    public_text = repr(rows)
    assert str(REJECT["motivation"]) not in public_text
    email = awarded.initiator.email
    assert email
    assert email not in public_text
    assert public_decisions(neighbourhood=neighbourhood_ready()) == []


def test_decisions_are_immutable(decision: Decision) -> None:
    with pytest.raises(DatabaseError), transaction.atomic():
        Decision.objects.filter(pk=decision.pk).update(amount_cents=1)
    with pytest.raises(DatabaseError), transaction.atomic():
        Decision.objects.filter(pk=decision.pk).delete()
