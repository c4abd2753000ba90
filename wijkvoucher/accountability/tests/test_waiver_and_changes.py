"""Issue #13's gaps after the award: an applied or approved change rewrites the plan
(its budget lines and end date, which the report's pre-fill then shows) and keeps the
old and new figures; a recovery's rest can be waived with a beschikking, written off
in the ledger, never counted as received."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

import pytest

from wijkvoucher.accountability.constants import ChangeStatus, RecoveryStatus
from wijkvoucher.accountability.models import PlanChange, Recovery, RecoveryWaiver
from wijkvoucher.accountability.selectors import (
    accountability_figures,
    plan_lines,
    spending_for,
)
from wijkvoucher.accountability.services import (
    plan_change_decide,
    plan_change_request,
    recovery_open,
    recovery_payment_record,
    recovery_waive,
    report_submit,
    settlement_make,
)
from wijkvoucher.accountability.tests.helpers import budget
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.decisions.constants import DecisionOutcome
from wijkvoucher.decisions.document import decision_pdf
from wijkvoucher.decisions.models import Decision
from wijkvoucher.decisions.tests.helpers import contact_of
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.ledger.constants import AccountKind
from wijkvoucher.ledger.models import Account, LedgerTransaction
from wijkvoucher.ledger.verify import ledger_problems
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import BudgetPeriod, Neighbourhood
from wijkvoucher.neighbourhoods.tests.helpers import (
    HttpsClient,
    sign_in_verified,
)
from wijkvoucher.neighbourhoods.tests.helpers import official as official_with_role
from wijkvoucher.vouchers.constants import Channel
from wijkvoucher.vouchers.services.redemption import redemption_create
from wijkvoucher.vouchers.tests.helpers import (
    EUR,
    approved_provider,
    plan_with_vouchers,
)

pytestmark = pytest.mark.django_db


def _lines(initiative: Initiative) -> list[tuple[str, int]]:
    return [
        (line.description, int(line.amount_cents))
        for line in initiative.budget_lines.order_by("created_at", "pk")
    ]


def _settled_with_recovery(wijk: Neighbourhood, amount: int = 100 * EUR) -> Recovery:
    initiative, (voucher,) = plan_with_vouchers(wijk, 450 * EUR)
    provider, user = approved_provider(wijk)
    redemption_create(
        actor=user,
        provider=provider,
        code=voucher.code,
        amount_cents=300 * EUR,
        description="Plantjes",
        channel=Channel.PORTAL,
    )
    report_submit(
        actor=initiative.initiator,
        initiative=initiative,
        what_happened="Een mooie middag.",
        participants=40,
    )
    official = contact_of(initiative)
    settlement_make(actor=official, initiative=initiative)
    return recovery_open(
        actor=official,
        initiative=initiative,
        reason="not_as_awarded",
        amount_cents=amount,
        motivation="De helft van de plantjes is niet geplant.",
    )


# --- Changes rewrite the plan --------------------------------------------------------


def test_a_change_within_the_margin_rewrites_the_lines_and_keeps_the_history(
    wijk: Neighbourhood, period: BudgetPeriod
) -> None:
    # given: a plan with its lines as awarded
    initiative, _vouchers = plan_with_vouchers(wijk)
    before = _lines(initiative)
    (first, cents), *rest = before
    new_end = initiative.ends_on + dt.timedelta(days=1) if initiative.ends_on else None
    changed: list[dict[str, Any]] = [
        {"description": first, "amount_cents": cents - 20 * EUR},
        *({"description": d, "amount_cents": c} for d, c in rest),
        {"description": "Koffie", "amount_cents": 20 * EUR},
    ]
    # when
    change = plan_change_request(
        actor=initiative.initiator,
        initiative=initiative,
        lines=changed,
        ends_on=new_end,
        explanation="Koffie erbij",
    )
    # then: the plan itself says the new figures, the change says old and new
    initiative.refresh_from_db()
    assert change.status == ChangeStatus.ACCEPTED
    after = [(first, cents - 20 * EUR), *rest, ("Koffie", 20 * EUR)]
    assert _lines(initiative) == after
    assert plan_lines(initiative=initiative) == after
    assert initiative.ends_on == new_end
    assert [(x["description"], x["amount_cents"]) for x in change.lines] == after
    assert [
        (x["description"], x["amount_cents"]) for x in change.lines_before
    ] == before
    assert change.compared_lines[0] == (first, cents, cents - 20 * EUR)
    assert change.compared_lines[-1] == ("Koffie", None, 20 * EUR)
    # and the report's pre-fill plans with the new lines
    spending = spending_for(initiative=initiative)
    assert [(x.description, x.planned_cents) for x in spending.lines][:3] == after[:3]
    assert (
        AuditEvent.objects.filter(action="initiatives.plan_change_apply").count() == 1
    )
    assert ledger_problems() == []
    # and the official's plan file lists the new line
    official = HttpsClient()
    sign_in_verified(official, contact_of(initiative))
    page = official.get(reverse("initiatives:official_plan", args=[initiative.uuid]))
    assert page.status_code == 200
    assert "Koffie" in page.content.decode()


def test_a_big_change_rewrites_the_plan_only_when_approved(
    wijk: Neighbourhood, period: BudgetPeriod
) -> None:
    # given: a change that moves €200 of the €450 award (above 10 %)
    initiative, _vouchers = plan_with_vouchers(wijk)
    before = _lines(initiative)
    (first, cents), *rest = before
    big = [
        {"description": first, "amount_cents": cents - 200 * EUR},
        *({"description": d, "amount_cents": c} for d, c in rest),
        {"description": "Tent", "amount_cents": 200 * EUR},
    ]
    pending = plan_change_request(
        actor=initiative.initiator,
        initiative=initiative,
        lines=big,
        ends_on=None,
        explanation="Een tent",
    )
    # then: waiting, the plan unchanged
    assert pending.status == ChangeStatus.PENDING
    assert _lines(initiative) == before
    # when: not approved, the plan stays; a new one approved, the plan changes
    plan_change_decide(
        actor=contact_of(initiative), change=pending, approve=False, note="Nee"
    )
    assert _lines(initiative) == before
    again = plan_change_request(
        actor=initiative.initiator,
        initiative=initiative,
        lines=big,
        ends_on=None,
        explanation="Toch een tent",
    )
    plan_change_decide(
        actor=contact_of(initiative), change=again, approve=True, note=""
    )
    # then
    again.refresh_from_db()
    assert again.status == ChangeStatus.APPROVED
    assert _lines(initiative) == [
        (first, cents - 200 * EUR),
        *rest,
        ("Tent", 200 * EUR),
    ]
    assert [(x["description"], x["amount_cents"]) for x in again.lines_before] == before


def test_a_later_end_date_with_the_lines_as_they_are_changes_only_the_date(
    wijk: Neighbourhood, period: BudgetPeriod
) -> None:
    # given: the form sends every line with its amount, unchanged
    initiative, _vouchers = plan_with_vouchers(wijk)
    before = _lines(initiative)
    assert initiative.ends_on is not None
    later = initiative.ends_on + dt.timedelta(days=3)
    # when
    change = plan_change_request(
        actor=initiative.initiator,
        initiative=initiative,
        lines=[{"description": d, "amount_cents": c} for d, c in before],
        ends_on=later,
        explanation="Het weer zat tegen",
    )
    # then
    initiative.refresh_from_db()
    assert (change.lines, change.lines_before, change.shifted_cents) == ([], [], 0)
    assert change.ends_on_before == later - dt.timedelta(days=3)
    assert initiative.ends_on == later
    assert _lines(initiative) == before


def test_a_change_cannot_raise_the_lines_above_the_award_and_changes_nothing(
    wijk: Neighbourhood, period: BudgetPeriod
) -> None:
    # given
    initiative, _vouchers = plan_with_vouchers(wijk)
    before = _lines(initiative)
    lines = [{"description": d, "amount_cents": c} for d, c in before]
    lines.append({"description": "Extra", "amount_cents": 1 * EUR})
    # when
    with pytest.raises(ValidationError) as refused:
        plan_change_request(
            actor=initiative.initiator,
            initiative=initiative,
            lines=lines,
            ends_on=None,
            explanation="Meer",
        )
    # then
    assert refused.value.code == "lines_above_award"
    assert _lines(initiative) == before
    assert PlanChange.objects.count() == 0


# --- Waiving a recovery --------------------------------------------------------------


def test_a_partly_paid_recovery_is_waived_for_the_rest_and_written_off(
    wijk: Neighbourhood, period: BudgetPeriod
) -> None:
    # given: €100 reclaimed, €40 paid back
    recovery = _settled_with_recovery(wijk)
    official = contact_of(recovery.initiative)
    recovery_payment_record(actor=official, recovery=recovery, amount_cents=40 * EUR)
    budget_before = budget(period)
    # when
    waiver = recovery_waive(
        actor=official,
        recovery=recovery,
        reason="De initiatiefnemer is verhuisd en heeft geen inkomen.",
    )
    # then: closed with €40 received and €60 waived
    recovery.refresh_from_db()
    assert (recovery.status, recovery.received_cents, recovery.waived_cents) == (
        RecoveryStatus.WAIVED,
        40 * EUR,
        60 * EUR,
    )
    assert recovery.outstanding_cents == 0
    assert waiver.amount_cents == 60 * EUR
    assert waiver.decision.outcome == DecisionOutcome.WAIVE
    assert waiver.decision.amount_cents == 60 * EUR
    # and the books: the receivable is empty, the waived money written off, the
    # wijk budget has only what came in
    receivable = Account.objects.get(pk=recovery.account_id)
    written_off = Account.objects.get(kind=AccountKind.WRITTEN_OFF)
    assert receivable.balance_cents == 0
    assert written_off.balance_cents == 60 * EUR
    assert written_off.code == f"written_off:{wijk.municipality.slug}"
    assert budget(period) == budget_before
    assert waiver.transaction.kind == "recovery.waive"
    assert decision_pdf(decision=waiver.decision).startswith(b"%PDF")
    assert ledger_problems() == []
    # and the figures count €40 received back and €60 waived
    today = timezone.localdate()
    figures = accountability_figures(start=today, end=today)
    assert (figures.recovered_received_cents, figures.recovered_waived_cents) == (
        40 * EUR,
        60 * EUR,
    )


def test_a_waiver_needs_a_reason_an_open_recovery_and_the_authority(
    wijk: Neighbourhood, period: BudgetPeriod
) -> None:
    # given
    recovery = _settled_with_recovery(wijk, amount=50 * EUR)
    initiative = recovery.initiative
    official = contact_of(initiative)
    before = (
        Decision.objects.count(),
        LedgerTransaction.objects.count(),
        AuditEvent.objects.count(),
    )
    # when / then: no reason
    with pytest.raises(ValidationError) as no_reason:
        recovery_waive(actor=official, recovery=recovery, reason="  ")
    assert no_reason.value.code == "reason_required"
    # the initiator and a cash manager may not waive
    cash = official_with_role(neighbourhood=wijk, role=Role.CASH_MANAGER)
    for who in (initiative.initiator, cash):
        with pytest.raises(PermissionDenied):
            recovery_waive(actor=who, recovery=recovery, reason="Zomaar")
    # nothing changed
    assert (
        Decision.objects.count(),
        LedgerTransaction.objects.count(),
        AuditEvent.objects.count(),
    ) == before
    assert RecoveryWaiver.objects.count() == 0
    # when: paid in full, there is nothing left to waive
    recovery_payment_record(actor=official, recovery=recovery, amount_cents=50 * EUR)
    with pytest.raises(ValidationError) as paid:
        recovery_waive(actor=official, recovery=recovery, reason="Te laat")
    assert paid.value.code == "invalid_status"
    recovery.refresh_from_db()
    assert (recovery.status, recovery.waived_cents) == (RecoveryStatus.PAID, 0)
    assert ledger_problems() == []


def test_the_official_waives_on_the_page_and_the_initiator_reads_it(
    wijk: Neighbourhood, period: BudgetPeriod
) -> None:
    # given
    recovery = _settled_with_recovery(wijk, amount=50 * EUR)
    initiative = recovery.initiative
    official = HttpsClient()
    sign_in_verified(official, contact_of(initiative))
    url = reverse("accountability:recovery_waive", args=[recovery.uuid])
    field = f"waive-{recovery.pk}-reason"
    # when: an empty reason, then a reason
    refused = official.post(url, {field: ""})
    waived = official.post(url, {field: "Niet redelijk om terug te vragen."})
    resident = HttpsClient()
    resident.force_login(initiative.initiator)
    page = resident.get(reverse("accountability:execution", args=[initiative.uuid]))
    # then
    assert refused.status_code == 200
    assert 'aria-invalid="true"' in refused.content.decode()
    assert waived.status_code == 302
    recovery.refresh_from_db()
    assert recovery.status == RecoveryStatus.WAIVED
    assert recovery.waiver.decision.number in page.content.decode()
    assert ledger_problems() == []
