"""Hot vouchers under concurrency (docs/quality.md#concurrency-and-model-based-tests): threads released together by a
barrier, each on its own database connection. On PostgreSQL (DATABASE_URL) the row
lock on the voucher and the conditional balance update do the work; on SQLite the
IMMEDIATE transactions serialise the writers (select_for_update is a no-op there),
so the same counts hold on both back-ends."""

from __future__ import annotations

import json
from collections.abc import Iterator

from django.db import connection

import pytest

from wijkvoucher.core.selectors import audit_chain_problems
from wijkvoucher.core.services import audit_seal
from wijkvoucher.core.tests.concurrency import run_together
from wijkvoucher.decisions.constants import DecisionOutcome
from wijkvoucher.decisions.services import decision_issue
from wijkvoucher.decisions.tests.helpers import advised_plan, contact_of
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.ledger.constants import TransactionKind
from wijkvoucher.ledger.models import Account, LedgerTransaction
from wijkvoucher.ledger.selectors import account_balance_cents
from wijkvoucher.ledger.verify import ledger_problems
from wijkvoucher.neighbourhoods.tests.helpers import HttpsClient, on_day
from wijkvoucher.providers.services.tokens import api_token_create
from wijkvoucher.vouchers.constants import Channel, VoucherStatus
from wijkvoucher.vouchers.models import IdempotencyKey, Redemption, Voucher
from wijkvoucher.vouchers.services.redemption import redemption_create
from wijkvoucher.vouchers.tests.helpers import (
    EUR,
    approved_provider,
    balance,
    funded,
    plan_with_vouchers,
)

# One xdist worker runs every many-thread test, so that two of them never open more
# database connections together than PostgreSQL allows (100 by default).
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("concurrency"),
]

# docs/quality.md#concurrency-and-model-based-tests asks for 20 rounds of (a) on PostgreSQL; SQLite serialises the
# writers, so fewer rounds prove as much there and keep the suite fast.
ROUNDS = {"postgresql": 20, "sqlite": 5}
FULL_THREADS = 50
SPLIT_THREADS = 40
KEY_THREADS = 20
AWARD_THREADS = 30


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


def _redeems() -> int:
    return LedgerTransaction.objects.filter(kind=TransactionKind.VOUCHER_REDEEM).count()


def test_fifty_threads_spending_all_of_one_voucher_exactly_one_succeeds() -> None:
    # given: one € 25 voucher per round
    rounds = ROUNDS[connection.vendor]
    wijk = neighbourhood_ready()
    funded(wijk)
    _plan, vouchers = plan_with_vouchers(
        wijk, rounds * 25 * EUR, amounts_cents=[25 * EUR] * rounds
    )
    provider, cashier = approved_provider(wijk)
    for n, voucher in enumerate(vouchers, start=1):

        def redeem(thread: int, voucher: Voucher = voucher) -> None:
            redemption_create(
                actor=cashier,
                provider=provider,
                code=voucher.code,
                amount_cents=25 * EUR,
                description=f"Alles, kassa {thread}",
                channel=Channel.PORTAL,
            )

        # when fifty tills take the whole € 25 at the same moment
        outcomes = run_together(redeem, list(range(FULL_THREADS)))
        # then exactly one gets it, the others are told the balance is too low
        assert outcomes == {"ok": 1, "insufficient_balance": FULL_THREADS - 1}, n
        assert balance(voucher) == 0
        assert Redemption.objects.filter(voucher=voucher).count() == 1
        assert _redeems() == n
        voucher.refresh_from_db()
        assert voucher.status == VoucherStatus.REDEEMED
    assert account_balance_cents(account=provider.payable_account) == (  # type: ignore[arg-type]
        rounds * 25 * EUR
    )
    assert ledger_problems() == []
    audit_seal()
    assert audit_chain_problems() == []


def test_forty_threads_of_five_euro_on_a_hundred_exactly_twenty_succeed() -> None:
    # given
    wijk = neighbourhood_ready()
    funded(wijk)
    _plan, (voucher,) = plan_with_vouchers(wijk, 100 * EUR)
    provider, cashier = approved_provider(wijk)

    def redeem(thread: int) -> None:
        redemption_create(
            actor=cashier,
            provider=provider,
            code=voucher.code,
            amount_cents=5 * EUR,
            description=f"Koffie, kassa {thread}",
            channel=Channel.PORTAL,
        )

    # when
    outcomes = run_together(redeem, list(range(SPLIT_THREADS)))
    # then
    assert outcomes == {"ok": 20, "insufficient_balance": SPLIT_THREADS - 20}
    assert balance(voucher) == 0
    assert Redemption.objects.filter(voucher=voucher).count() == 20
    assert _redeems() == 20
    assert ledger_problems() == []
    audit_seal()
    assert audit_chain_problems() == []


def test_one_idempotency_key_from_twenty_threads_pays_once() -> None:
    # given a till that sends the same payment twenty times at once
    wijk = neighbourhood_ready()
    funded(wijk)
    _plan, (voucher,) = plan_with_vouchers(wijk, 100 * EUR)
    provider, cashier = approved_provider(wijk)
    _token, key = api_token_create(actor=cashier, provider=provider, name="Kassa")
    body = {
        "voucher_code": voucher.code,
        "amount_cents": 30 * EUR,
        "description": "Verf en kwasten",
        "reference": "BON-1",
    }
    answers: list[tuple[int, bytes]] = []

    def post(_thread: int) -> None:
        response = HttpsClient().post(
            "/api/v1/redemptions/",
            data=json.dumps(body),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {key}",
            HTTP_IDEMPOTENCY_KEY="till-1-payment-42",
        )
        answers.append((response.status_code, response.content))

    # when
    outcomes = run_together(post, list(range(KEY_THREADS)))
    # then the money moved once and every answer is the same 201, byte for byte:
    # the first request's key INSERT holds the others on the unique index until it
    # commits, then they replay its stored answer (docs/adr/0010).
    assert outcomes == {"ok": KEY_THREADS}
    assert len(answers) == KEY_THREADS
    assert {status for status, _content in answers} == {201}
    created = {content for _status, content in answers}
    assert len(created) == 1
    (only,) = created
    redemption = Redemption.objects.get()
    assert json.loads(only)["id"] == str(redemption.uuid)
    assert _redeems() == 1
    assert balance(voucher) == 70 * EUR
    key_row = IdempotencyKey.objects.get()
    assert key_row.response_body.encode() == only
    # and a retry after the rush gets the stored answer again
    post(0)
    assert answers[-1] == (201, only)
    assert _redeems() == 1
    assert ledger_problems() == []
    audit_seal()
    assert audit_chain_problems() == []


def test_thirty_concurrent_awards_of_1000_with_room_for_10000_exactly_ten() -> None:
    # given room for exactly ten awards of € 1,000
    wijk = neighbourhood_ready()
    period = funded(wijk, ceiling_cents=10_000 * EUR)
    plans = [
        advised_plan(wijk, requested_cents=1_000 * EUR) for _ in range(AWARD_THREADS)
    ]

    def award(plan: Initiative) -> None:
        decision_issue(
            actor=contact_of(plan),
            initiative=plan,
            outcome=DecisionOutcome.AWARD,
            amount_cents=1_000 * EUR,
        )

    # when all thirty are awarded at the same moment
    outcomes = run_together(award, plans)
    # then exactly ten are, the budget is empty and nothing went below zero
    assert outcomes == {"ok": 10, "budget_exhausted": AWARD_THREADS - 10}
    assert period.account is not None
    assert account_balance_cents(account=period.account) == 0
    reserved = Account.objects.filter(kind="reserved")
    assert (
        sorted(reserved.values_list("balance_cents", flat=True)) == [1_000 * EUR] * 10
    )
    assert Initiative.objects.filter(status=InitiativeStatus.AWARDED).count() == 10
    assert ledger_problems() == []
    audit_seal()
    assert audit_chain_problems() == []
