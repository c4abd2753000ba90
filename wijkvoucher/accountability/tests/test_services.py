"""Execution and accountability (issue #13 points 1 and 2): progress updates, plan
changes, the report pre-filled from the ledger, the sample, the settlement with the
money back to the wijk budget, and the recovery held in the ledger until paid."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

import pytest
from PIL import Image

from wijkvoucher.accountability.constants import ChangeRoute, ChangeStatus
from wijkvoucher.accountability.models import (
    AccountabilityReport,
    PlanChange,
    ProgressUpdate,
    Recovery,
    SampleDraw,
    Settlement,
)
from wijkvoucher.accountability.reminders import accountability_reminders_send
from wijkvoucher.accountability.selectors import (
    accountability_figures,
    sample_pick,
    sample_size,
)
from wijkvoucher.accountability.services import (
    plan_change_decide,
    plan_change_request,
    progress_update_post,
    recovery_open,
    recovery_payment_record,
    report_submit,
    sample_draw_make,
    settlement_make,
)
from wijkvoucher.accountability.tests.helpers import budget
from wijkvoucher.decisions.constants import DecisionOutcome
from wijkvoucher.decisions.models import Decision
from wijkvoucher.decisions.tests.helpers import contact_of
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.ledger.models import Account, LedgerTransaction
from wijkvoucher.ledger.verify import ledger_problems
from wijkvoucher.neighbourhoods.models import BudgetPeriod, Neighbourhood
from wijkvoucher.notifications.models import DeadlineReminder
from wijkvoucher.vouchers.constants import Channel, VoucherStatus
from wijkvoucher.vouchers.models import Voucher
from wijkvoucher.vouchers.services.redemption import redemption_create
from wijkvoucher.vouchers.tests.helpers import (
    EUR,
    approved_provider,
    plan_with_vouchers,
)

pytestmark = pytest.mark.django_db


def jpeg() -> io.BytesIO:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "green").save(out, format="JPEG")
    out.seek(0)
    return out


def spent_plan(wijk: Neighbourhood, spend: int = 300 * EUR) -> Initiative:
    initiative, (voucher,) = plan_with_vouchers(wijk, 450 * EUR)
    provider, user = approved_provider(wijk)
    redemption_create(
        actor=user,
        provider=provider,
        code=voucher.code,
        amount_cents=spend,
        description="Plantjes",
        channel=Channel.PORTAL,
    )
    return initiative


def reported(initiative: Initiative) -> AccountabilityReport:
    return report_submit(
        actor=initiative.initiator,
        initiative=initiative,
        what_happened="Een mooie middag.",
        participants=40,
    )


def test_a_progress_update_keeps_its_photo_and_consent(
    wijk: Neighbourhood, period: BudgetPeriod
) -> None:
    # given
    initiative, _vouchers = plan_with_vouchers(wijk)
    # when
    update = progress_update_post(
        actor=initiative.initiator,
        initiative=initiative,
        text="De bakken staan er.",
        public=True,
        photos=[(jpeg(), "De bakken")],
    )
    # then
    assert update.public is True
    assert [p.description for p in update.photos.all()] == ["De bakken"]


def test_a_progress_update_of_someone_else_or_not_a_photo_is_refused(
    wijk: Neighbourhood, period: BudgetPeriod
) -> None:
    # given
    initiative, _vouchers = plan_with_vouchers(wijk)
    # when / then
    with pytest.raises(PermissionDenied):
        progress_update_post(
            actor=contact_of(initiative), initiative=initiative, text="x", public=False
        )
    with pytest.raises(ValidationError) as refused:
        progress_update_post(
            actor=initiative.initiator,
            initiative=initiative,
            text="x",
            public=False,
            photos=[(io.BytesIO(b"not a photo"), "")],
        )
    assert refused.value.code == "not_an_image"
    assert ProgressUpdate.objects.filter(initiative=initiative).count() == 0


def test_a_small_change_applies_at_once_and_a_big_one_waits_for_approval(
    wijk: Neighbourhood, period: BudgetPeriod
) -> None:
    # given: the plan's lines, awarded €450; the margin is 10 %
    initiative, _vouchers = plan_with_vouchers(wijk)
    lines: list[dict[str, Any]] = [
        {"description": line.description, "amount_cents": int(line.amount_cents)}
        for line in initiative.budget_lines.all()
    ]
    assert len(lines) >= 1
    small = [dict(x) for x in lines] + [{"description": "Koffie", "amount_cents": 0}]
    small[0]["amount_cents"] -= 20 * EUR
    small[-1]["amount_cents"] = 20 * EUR
    big = [dict(x) for x in lines] + [{"description": "Tent", "amount_cents": 0}]
    big[0]["amount_cents"] -= 200 * EUR
    big[-1]["amount_cents"] = 200 * EUR
    # when
    accepted = plan_change_request(
        actor=initiative.initiator,
        initiative=initiative,
        lines=small,
        ends_on=None,
        explanation="Koffie erbij",
    )
    pending = plan_change_request(
        actor=initiative.initiator,
        initiative=initiative,
        lines=big,
        ends_on=None,
        explanation="Een tent",
    )
    # then
    assert (accepted.status, accepted.route) == (ChangeStatus.ACCEPTED, "")
    assert accepted.shifted_cents == 20 * EUR
    assert (pending.status, pending.route) == (
        ChangeStatus.PENDING,
        ChangeRoute.OFFICIAL,
    )
    # and: the initiator cannot approve it; the contact official can, once
    with pytest.raises(PermissionDenied):
        plan_change_decide(
            actor=initiative.initiator, change=pending, approve=True, note=""
        )
    plan_change_decide(
        actor=contact_of(initiative), change=pending, approve=True, note=""
    )
    with pytest.raises(ValidationError) as refused:
        plan_change_decide(
            actor=contact_of(initiative), change=pending, approve=False, note="nee"
        )
    assert refused.value.code == "invalid_status"
    pending.refresh_from_db()
    assert pending.status == ChangeStatus.APPROVED


def test_a_change_above_the_award_is_refused_and_nothing_is_stored(
    wijk: Neighbourhood, period: BudgetPeriod
) -> None:
    # given
    initiative, _vouchers = plan_with_vouchers(wijk)
    # when
    with pytest.raises(ValidationError) as refused:
        plan_change_request(
            actor=initiative.initiator,
            initiative=initiative,
            lines=[{"description": "Alles", "amount_cents": 9_000 * EUR}],
            ends_on=None,
            explanation="Meer",
        )
    # then
    assert refused.value.code == "lines_above_award"
    assert PlanChange.objects.count() == 0


def test_the_report_is_pre_filled_from_the_ledger(
    wijk: Neighbourhood, period: BudgetPeriod
) -> None:
    # given: €300 spent of €450 at one provider
    initiative = spent_plan(wijk)
    # when
    report = reported(initiative)
    # then
    assert (report.spent_cents, report.left_cents) == (300 * EUR, 150 * EUR)
    assert report.spending["providers"] == [
        {"name": "Bouwmarkt De Dijk", "spent_cents": 300 * EUR}
    ]
    assert report.spending["awarded_cents"] == 450 * EUR
    assert report.on_time is True
    with pytest.raises(ValidationError) as refused:
        reported(initiative)
    assert refused.value.code == "already_reported"


def test_settling_fixes_what_was_spent_and_returns_the_rest_to_the_wijk_budget(
    wijk: Neighbourhood, period: BudgetPeriod
) -> None:
    # given: €300 of €450 spent, the report sent
    initiative = spent_plan(wijk)
    reported(initiative)
    before = budget(period)
    # when
    settlement = settlement_make(actor=contact_of(initiative), initiative=initiative)
    # then
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.SETTLED
    assert (settlement.established_cents, settlement.returned_cents) == (
        300 * EUR,
        150 * EUR,
    )
    assert budget(period) == before + 150 * EUR
    assert settlement.decision is not None
    assert settlement.decision.outcome == DecisionOutcome.SETTLE
    assert settlement.decision.amount_cents == 300 * EUR
    assert list(
        Voucher.objects.filter(initiative=initiative).values_list("status", flat=True)
    ) == [VoucherStatus.VOIDED]
    assert ledger_problems() == []


def test_settling_without_a_report_is_refused_and_nothing_changes(
    wijk: Neighbourhood, period: BudgetPeriod
) -> None:
    # given
    initiative = spent_plan(wijk)
    before = (
        budget(period),
        Decision.objects.count(),
        LedgerTransaction.objects.count(),
    )
    # when
    with pytest.raises(ValidationError) as refused:
        settlement_make(actor=contact_of(initiative), initiative=initiative)
    # then
    assert refused.value.code == "report_required"
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.IN_EXECUTION
    assert (
        budget(period),
        Decision.objects.count(),
        LedgerTransaction.objects.count(),
    ) == before
    assert Settlement.objects.count() == 0


def test_the_sample_is_reproducible_from_its_seed() -> None:
    # given
    population = list(range(1, 41))
    # when
    first = sample_pick(population, "abc", sample_size(40, 10))
    again = sample_pick(list(reversed(population)), "abc", 4)
    other = sample_pick(population, "abd", 4)
    # then
    assert len(first) == 4
    assert first == again
    assert first != other
    assert sample_size(3, 10) == 1
    assert sample_size(0, 10) == 0
    assert sample_size(5, 0) == 0


def test_a_plan_drawn_in_the_sample_is_settled_only_after_its_closer_check(
    wijk: Neighbourhood, period: BudgetPeriod
) -> None:
    # given: one reported plan, so a 10 % draw picks it
    initiative = spent_plan(wijk)
    reported(initiative)
    official = contact_of(initiative)
    draw = sample_draw_make(actor=official, neighbourhood=wijk)
    assert draw.drawn == [initiative.pk]
    assert sample_pick(draw.population, draw.seed, len(draw.drawn)) == draw.drawn
    # when: without the finding, then with it
    with pytest.raises(ValidationError) as refused:
        settlement_make(actor=official, initiative=initiative)
    settlement = settlement_make(
        actor=official, initiative=initiative, sample_check="Bonnen klopten."
    )
    # then
    assert refused.value.code == "sample_check_required"
    assert settlement.sample_draw == draw
    with pytest.raises(ValidationError) as nothing:
        sample_draw_make(actor=official, neighbourhood=wijk)
    assert nothing.value.code == "nothing_to_draw"
    assert SampleDraw.objects.count() == 1


def test_a_recovery_is_owed_in_the_ledger_until_paid_back_to_the_wijk_budget(
    wijk: Neighbourhood, period: BudgetPeriod
) -> None:
    # given: a settled plan
    initiative = spent_plan(wijk)
    reported(initiative)
    official = contact_of(initiative)
    settlement_make(actor=official, initiative=initiative)
    before = budget(period)
    # when: €100 reclaimed, paid in two parts
    recovery = recovery_open(
        actor=official,
        initiative=initiative,
        reason="not_as_awarded",
        amount_cents=100 * EUR,
        motivation="De helft van de plantjes is niet geplant.",
    )
    receivable = Account.objects.get(pk=recovery.account_id)
    assert receivable.balance_cents == 100 * EUR
    assert ledger_problems() == []
    recovery_payment_record(actor=official, recovery=recovery, amount_cents=40 * EUR)
    with pytest.raises(ValidationError) as too_much:
        recovery_payment_record(
            actor=official, recovery=recovery, amount_cents=61 * EUR
        )
    recovery_payment_record(actor=official, recovery=recovery, amount_cents=60 * EUR)
    # then
    assert too_much.value.code == "amount_invalid"
    recovery.refresh_from_db()
    receivable.refresh_from_db()
    assert (recovery.status, recovery.received_cents) == ("paid", 100 * EUR)
    assert receivable.balance_cents == 0
    assert budget(period) == before + 100 * EUR
    assert recovery.decision.outcome == DecisionOutcome.RECOVER
    assert ledger_problems() == []


def test_a_recovery_without_a_reason_changes_nothing(
    wijk: Neighbourhood, period: BudgetPeriod
) -> None:
    # given
    initiative = spent_plan(wijk)
    before = (Decision.objects.count(), LedgerTransaction.objects.count())
    # when
    with pytest.raises(ValidationError) as refused:
        recovery_open(
            actor=contact_of(initiative),
            initiative=initiative,
            reason="whatever",
            amount_cents=10 * EUR,
            motivation="x",
        )
    # then
    assert refused.value.code == "unknown_reason"
    assert (Decision.objects.count(), LedgerTransaction.objects.count()) == before
    assert Recovery.objects.count() == 0


def test_the_deadline_scan_reminds_of_the_report_once(
    wijk: Neighbourhood, period: BudgetPeriod
) -> None:
    # given: the activity ended; the report is due 4 weeks later
    initiative, _vouchers = plan_with_vouchers(wijk)
    Initiative.objects.filter(pk=initiative.pk).update(
        starts_on=dt.date(2026, 5, 1), ends_on=dt.date(2026, 6, 1)
    )
    due = dt.date(2026, 6, 29)
    # when
    week_before = accountability_reminders_send(today=due - dt.timedelta(days=7))
    again = accountability_reminders_send(today=due - dt.timedelta(days=6))
    after = accountability_reminders_send(today=due + dt.timedelta(days=1))
    # then
    assert week_before == [f"{initiative.pk}:accountability_due"]
    assert again == []
    assert after == [f"{initiative.pk}:accountability_overdue"]
    assert DeadlineReminder.objects.filter(subject_id=initiative.pk).count() == 2


def test_the_figures_per_period_count_settlements_reports_and_recoveries(
    wijk: Neighbourhood, period: BudgetPeriod
) -> None:
    # given
    initiative = spent_plan(wijk)
    reported(initiative)
    settlement_make(actor=contact_of(initiative), initiative=initiative)
    today = timezone.localdate()
    # when
    figures = accountability_figures(
        start=today - dt.timedelta(days=400), end=today + dt.timedelta(days=400)
    )
    # then
    assert (figures.settled, figures.returned_cents, figures.established_cents) == (
        1,
        150 * EUR,
        300 * EUR,
    )
    assert (figures.reports, figures.reports_on_time, figures.recoveries) == (1, 1, 0)
