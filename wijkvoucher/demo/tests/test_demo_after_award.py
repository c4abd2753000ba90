"""The demo's story after the award tells a possible story (issue #13 point 7): a
settled plan's activity lies in the past, its report came after the activity and
within the term, the settlement and the recovery after the report and the award, and
nothing is dated after the demo day."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

import pytest

from wijkvoucher.accountability.models import (
    AccountabilityReport,
    ProgressUpdate,
    Recovery,
    RecoveryPayment,
    SampleDraw,
    Settlement,
)
from wijkvoucher.accountability.selectors import spending_for
from wijkvoucher.decisions.selectors import decision_award_latest
from wijkvoucher.initiatives.constants import InitiativeStatus as S
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.vouchers.models import Redemption, Voucher

pytestmark = pytest.mark.usefixtures("demo_loaded", "db", "demo_mode")


def _day(moment: dt.datetime) -> dt.date:
    return timezone.localdate(moment)


def test_every_date_after_the_award_is_plausible() -> None:
    # given the demo
    today = timezone.localdate()
    settled = list(Initiative.objects.filter(status=S.SETTLED))
    # then: a settled plan was carried out before it was accounted for and settled
    assert settled
    for plan in settled:
        award = decision_award_latest(initiative=plan)
        assert award is not None
        report = AccountabilityReport.objects.get(initiative=plan)
        settlement = Settlement.objects.get(initiative=plan)
        assert plan.starts_on is not None
        assert plan.ends_on is not None
        assert award.issued_on < plan.starts_on <= plan.ends_on < today
        assert plan.ends_on < _day(report.submitted_at) <= report.due_on
        assert _day(report.submitted_at) <= _day(settlement.created_at) < today
        assert award.execution_deadline is not None
        assert plan.ends_on <= award.execution_deadline
        for voucher in Voucher.objects.filter(initiative=plan):
            assert award.issued_on <= _day(voucher.created_at) <= plan.ends_on
        for spend in Redemption.objects.filter(voucher__initiative=plan):
            assert award.issued_on <= _day(spend.created_at) <= plan.ends_on
    # every update, report, draw, settlement, recovery and payment lies between the
    # award and today
    for update in ProgressUpdate.objects.select_related("initiative"):
        award = decision_award_latest(initiative=update.initiative)
        assert award is not None
        assert award.issued_on <= _day(update.created_at) <= today
    for draw in SampleDraw.objects.all():
        assert _day(draw.created_at) <= today
    for recovery in Recovery.objects.select_related("initiative", "decision"):
        award = decision_award_latest(initiative=recovery.initiative)
        assert award is not None
        settlement = Settlement.objects.get(initiative=recovery.initiative)
        assert settlement.created_at <= recovery.created_at
        assert award.issued_on <= recovery.decision.issued_on <= today
        assert recovery.due_on > recovery.decision.issued_on
    for payment in RecoveryPayment.objects.select_related("recovery"):
        assert payment.recovery.decision.issued_on <= payment.received_on <= today


def test_the_jeu_de_boules_form_has_each_spend_under_its_own_line() -> None:
    # given: both lines of the jeu-de-boulesbaan name Bouwmarkt Van Dam, which
    # registered two purchases (content.py)
    plan = Initiative.objects.get(title="Jeu-de-boulesbaan bij De Wiek")
    # when
    spending = spending_for(initiative=plan)
    # then: each purchase counts under the line it resembles, nothing is left over
    assert [
        (x.description, x.planned_cents, x.spent_cents) for x in spending.lines
    ] == [
        ("Gravel, opsluitbanden en worteldoek voor de baan", 196_000, 138_650),
        ("Vier sets boules en een meetlint", 28_000, 24_990),
    ]
    assert spending.providers == [("Bouwmarkt Van Dam", 163_640)]
    assert (spending.spent_cents, spending.left_cents) == (163_640, 60_360)
    assert plan.ends_on is not None
    assert plan.ends_on < timezone.localdate()
    assert not AccountabilityReport.objects.filter(initiative=plan).exists()
