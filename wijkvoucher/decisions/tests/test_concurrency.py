"""Concurrent decisions (docs/quality.md#concurrency-and-model-based-tests): the plafond holds and the numbers stay
unique and without gaps. Run on PostgreSQL too (DATABASE_URL): there the row locks on
the budget account and the number counter do the work; on SQLite the IMMEDIATE
transactions serialise the writers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from wijkvoucher.core.selectors import audit_chain_problems
from wijkvoucher.core.services import audit_seal
from wijkvoucher.core.tests.concurrency import run_together
from wijkvoucher.decisions.constants import DecisionOutcome
from wijkvoucher.decisions.models import Decision
from wijkvoucher.decisions.services import decision_issue
from wijkvoucher.decisions.tests.helpers import (
    EUR,
    REQUESTED,
    S,
    advised_plan,
    contact_of,
    funded,
    plan_in,
)
from wijkvoucher.initiatives.constants import ReasonCode
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.ledger.models import Account
from wijkvoucher.ledger.selectors import account_balance_cents
from wijkvoucher.ledger.verify import ledger_problems
from wijkvoucher.neighbourhoods.tests.helpers import on_day

# One xdist worker runs every many-thread test, so that two of them never open more
# database connections together than PostgreSQL allows (100 by default).
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("concurrency"),
]


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


def test_ten_concurrent_awards_with_room_for_three_reserve_exactly_three() -> None:
    # given room for three plans of € 450 and ten positive advices
    wijk = neighbourhood_ready()
    period = funded(wijk, ceiling_cents=3 * REQUESTED + 100 * EUR)
    plans = [advised_plan(wijk) for _ in range(10)]

    def award(plan: Initiative) -> None:
        decision_issue(
            actor=contact_of(plan),
            initiative=plan,
            outcome=DecisionOutcome.AWARD,
            amount_cents=REQUESTED,
        )

    # when all ten are awarded at the same moment
    outcomes = run_together(award, plans)
    # then exactly three are awarded and seven refused at the plafond
    assert outcomes == {"ok": 3, "budget_exhausted": 7}
    assert period.account is not None
    assert account_balance_cents(account=period.account) == 100 * EUR
    reserved = Account.objects.filter(kind="reserved")
    assert sorted(reserved.values_list("balance_cents", flat=True)) == [REQUESTED] * 3
    statuses = sorted(Initiative.objects.values_list("status", flat=True))
    assert statuses == sorted([S.AWARDED] * 3 + [S.ADVISED] * 7)
    assert sorted(Decision.objects.values_list("sequence", flat=True)) == [1, 2, 3]
    assert ledger_problems() == []
    audit_seal()
    assert audit_chain_problems() == []


def test_concurrent_decisions_get_unique_numbers_without_gaps() -> None:
    wijk = neighbourhood_ready()
    plans = [plan_in(S.CHECKED, neighbourhood=wijk) for _ in range(10)]

    def reject(plan: Initiative) -> None:
        decision_issue(
            actor=contact_of(plan),
            initiative=plan,
            outcome=DecisionOutcome.REJECT,
            reason_code=ReasonCode.RULE_BREACH,
            motivation="Dit past niet binnen de regels.",
            public_explanation="Past niet binnen de regels.",
        )

    outcomes = run_together(reject, plans)
    assert outcomes == {"ok": 10}
    numbers = sorted(Decision.objects.values_list("number", flat=True))
    assert numbers == [f"DIJKSTAD-2026-{n:04d}" for n in range(1, 11)]
    audit_seal()
    assert audit_chain_problems() == []
