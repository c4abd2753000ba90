"""The vouchers app's ledger checks (I5, I6, I7, I10): clean on real money flows,
and each names what was tampered with. Ledger rows cannot be changed (triggers), so
the tampering is on the domain rows, or extra ledger transactions posted past the
services."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.decisions.tests.helpers import contact_of
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.ledger.constants import TransactionKind
from wijkvoucher.ledger.models import Account, LedgerTransaction
from wijkvoucher.ledger.services import ledger_transaction_post
from wijkvoucher.ledger.verify import Problem, ledger_problems
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.helpers import AMSTERDAM, official, on_day
from wijkvoucher.payments.constants import ClaimKind
from wijkvoucher.payments.ledger_checks import (
    conservation_problems,
    refund_and_payout_problems,
)
from wijkvoucher.payments.models import Claim, PayoutBatch, PayoutLine
from wijkvoucher.payments.services.payouts import (
    payout_batch_approve,
    payout_batch_mark_paid,
    payout_batch_prepare,
)
from wijkvoucher.providers.models import Provider
from wijkvoucher.vouchers.constants import Channel, VoucherStatus
from wijkvoucher.vouchers.ledger_checks import (
    after_expiry_problems,
    redemption_once_problems,
)
from wijkvoucher.vouchers.models import IdempotencyKey, Redemption, Refund, Voucher
from wijkvoucher.vouchers.services.accounts import (
    initiator_payable_account,
    payout_clearing_account,
    provider_payable_account,
)
from wijkvoucher.vouchers.services.issuance import voucher_block_and_replace
from wijkvoucher.vouchers.services.redemption import redemption_create, refund_create
from wijkvoucher.vouchers.services.returns import vouchers_return_due
from wijkvoucher.vouchers.tests.helpers import (
    EUR,
    approved_provider,
    balance,
    funded,
    plan_with_vouchers,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


@dataclass
class World:
    wijk: Neighbourhood
    vouchers: list[Voucher]
    provider: Provider
    cashier: User
    redemption: Redemption
    refund: Refund


def _redeem(world: World, voucher: Voucher, cents: int) -> Redemption:
    return redemption_create(
        actor=world.cashier,
        provider=world.provider,
        code=voucher.code,
        amount_cents=cents,
        description="Verf",
        channel=Channel.PORTAL,
    )


@pytest.fixture
def world() -> World:
    """Two vouchers of € 225; € 100 spent on the first, € 40 of it refunded."""
    wijk = neighbourhood_ready()
    funded(wijk)
    _initiative, vouchers = plan_with_vouchers(
        wijk, 450 * EUR, amounts_cents=[225 * EUR, 225 * EUR]
    )
    provider, cashier = approved_provider(wijk)
    redemption = redemption_create(
        actor=cashier,
        provider=provider,
        code=vouchers[0].code,
        amount_cents=100 * EUR,
        description="Verf",
        channel=Channel.PORTAL,
    )
    refund = refund_create(
        actor=cashier,
        provider=provider,
        redemption=redemption,
        amount_cents=40 * EUR,
        channel=Channel.PORTAL,
    )
    return World(wijk, vouchers, provider, cashier, redemption, refund)


def _pay_out(world: World) -> PayoutBatch:
    municipality = world.wijk.municipality
    municipality.payout_account_name = "Gemeente Dijkstad"
    municipality.payout_iban = "NL91ABNA0417164300"
    municipality.save()
    first, second = (
        official(municipality=municipality, role=Role.CASH_MANAGER, full_name=name)
        for name in ("Kas Een", "Kas Twee")
    )
    batch = payout_batch_prepare(
        actor=first, municipality=municipality, execution_date=timezone.localdate()
    )
    payout_batch_approve(actor=second, batch=batch)
    return payout_batch_mark_paid(actor=first, batch=batch)


def _messages(problems: list[Problem]) -> list[str]:
    return [p.message for p in problems]


def _verify() -> str:
    out = StringIO()
    call_command("ledger_verify", stdout=out)
    return out.getvalue()


# -- clean ------------------------------------------------------------------------


def test_real_money_flows_are_clean(world: World) -> None:
    # given: more of everything the services do
    second = _redeem(world, world.vouchers[1], 25 * EUR)
    replacement = voucher_block_and_replace(
        actor=world.vouchers[1].initiative.initiator, voucher=world.vouchers[1]
    )
    assert replacement is not None
    _redeem(world, replacement, 200 * EUR)
    batch = _pay_out(world)
    assert batch.transaction is not None
    with on_day(dt.date(2028, 1, 1)):
        result = vouchers_return_due()
    assert result.expired == 1
    # then
    assert second.voucher_id == world.vouchers[1].pk
    assert ledger_problems() == []
    output = _verify()
    for invariant in ("I5", "I6", "I7", "I10"):
        assert f"{invariant}: ok" in output


def test_completed_idempotency_keys_naming_their_redemption_are_clean(
    world: World,
) -> None:
    IdempotencyKey.objects.create(
        provider=world.provider,
        key="k-1",
        request_digest="0" * 64,
        response_status=201,
        response_body=json.dumps({"id": str(world.redemption.uuid)}),
    )
    IdempotencyKey.objects.create(
        provider=world.provider,
        key="k-2",
        request_digest="1" * 64,
        response_status=409,
        response_body=json.dumps({"code": "insufficient_balance"}),
    )
    assert redemption_once_problems() == []


# -- I5 ---------------------------------------------------------------------------


def test_redeem_transaction_without_a_redemption_is_named(world: World) -> None:
    # given: money moved as a redemption past the service
    voucher = world.vouchers[1]
    payable = provider_payable_account(actor=None, provider=world.provider)
    posted = ledger_transaction_post(
        actor=None,
        kind=TransactionKind.VOUCHER_REDEEM,
        entries=[
            (Account.objects.get(pk=voucher.account_id), -5 * EUR),
            (payable, 5 * EUR),
        ],
    )
    # when
    problems = _messages(redemption_once_problems())
    # then
    assert problems == [
        f"voucher.redeem transaction {posted.uuid} has no redemption row"
    ]
    assert f"voucher {voucher.number}: its redemptions (0) and refunds (0) do not" in (
        " ".join(_messages(conservation_problems()))
    )
    assert (
        "provider Bouwmarkt De Dijk: redemptions add up to 10000 cents, its "
        "payable received 10500 cents"
    ) in _messages(refund_and_payout_problems())
    with pytest.raises(CommandError) as caught:
        _verify()
    assert "I5: voucher.redeem transaction" in str(caught.value)


def test_idempotency_keys_that_do_not_match_one_redemption_are_named(
    world: World,
) -> None:
    other, _user = approved_provider(
        world.wijk, name="Bakker Bart", kvk_number="87654321"
    )
    for key, provider, body in (
        ("k-1", world.provider, {"id": str(world.redemption.uuid)}),
        ("k-2", world.provider, {"id": str(world.redemption.uuid)}),
        ("k-3", world.provider, {"id": "00000000-0000-0000-0000-000000000000"}),
        ("k-4", other, {"id": str(world.refund.uuid)}),
        ("k-5", world.provider, {"code": "ok"}),
    ):
        IdempotencyKey.objects.create(
            provider=provider,
            key=key,
            request_digest="0" * 64,
            response_status=201,
            response_body=json.dumps(body),
        )
    assert _messages(redemption_once_problems()) == [
        f"{world.redemption.uuid} is reported by two idempotency keys: 'k-1' and 'k-2'",
        "idempotency key 'k-3' reports 00000000-0000-0000-0000-000000000000, but no "
        "redemption or refund has that id",
        f"idempotency key 'k-4' reports {world.refund.uuid}, which belongs to "
        "another provider",
        "idempotency key 'k-5': its 2xx response names no id",
    ]


def test_redemption_pointing_at_another_kind_of_transaction_is_named(
    world: World,
) -> None:
    # given: the redemption row re-pointed at the refund's transaction
    Refund.objects.filter(pk=world.refund.pk).update(
        transaction=LedgerTransaction.objects.filter(
            kind=TransactionKind.VOUCHER_ISSUE
        ).get()
    )
    problems = _messages(redemption_once_problems())
    refund_tx = world.refund.transaction
    assert problems[0] == (
        f"voucher.refund transaction {refund_tx.uuid} has no refund row"
    )
    assert problems[1].startswith(f"refund {world.refund.uuid} points at voucher.issue")


# -- I6 ---------------------------------------------------------------------------


def test_refunded_cents_that_differ_from_the_refunds_are_named(world: World) -> None:
    Redemption.objects.filter(pk=world.redemption.pk).update(refunded_cents=10 * EUR)
    assert _messages(refund_and_payout_problems()) == [
        f"redemption {world.redemption.uuid} of 10000 cents says 1000 cents refunded; "
        "its refunds add up to 4000 cents (and may not exceed the amount)"
    ]


def test_payout_of_more_than_owed_is_named(world: World) -> None:
    # given: € 60 owed; a payout of € 80 posted by hand after a € 20 redemption,
    # then that redemption row removed from view by re-pointing it elsewhere
    payable = provider_payable_account(actor=None, provider=world.provider)
    clearing = payout_clearing_account(actor=None, municipality=world.wijk.municipality)
    extra = _redeem(world, world.vouchers[1], 20 * EUR)
    ledger_transaction_post(
        actor=None,
        kind=TransactionKind.PAYOUT,
        entries=[(payable, -80 * EUR), (clearing, 80 * EUR)],
    )
    assert refund_and_payout_problems() == []
    other, _user = approved_provider(
        world.wijk, name="Bakker Bart", kvk_number="87654321"
    )
    Redemption.objects.filter(pk=extra.pk).update(provider=other)
    # then
    problems = _messages(refund_and_payout_problems())
    assert (
        "provider Bouwmarkt De Dijk: 8000 cents paid out, more than the 6000 cents "
        "redeemed minus refunded from its payable"
    ) in problems
    assert "provider Bakker Bart: has redemptions but no payable account" in problems


def test_paid_batch_whose_lines_differ_from_its_transaction_is_named(
    world: World,
) -> None:
    batch = _pay_out(world)
    assert refund_and_payout_problems() == []
    PayoutLine.objects.filter(batch=batch).update(amount_cents=50 * EUR)
    assert _messages(refund_and_payout_problems()) == [
        f"payout batch {batch.reference}: total 6000 cents, its lines add up to "
        "5000 cents",
        f"payout batch {batch.reference}: its approval does not take exactly its "
        "lines from their payables into the committed account",
    ]


# -- I7 ---------------------------------------------------------------------------


def test_redemption_after_the_last_day_is_named(world: World) -> None:
    voucher = world.vouchers[0]
    voucher.refresh_from_db()
    # 00:30 in Amsterdam on the day after the last day is 22:30 UTC the day before
    late = dt.datetime.combine(
        voucher.valid_until + dt.timedelta(days=1), dt.time(0, 30), tzinfo=AMSTERDAM
    )
    Redemption.objects.filter(pk=world.redemption.pk).update(created_at=late)
    assert _messages(after_expiry_problems()) == [
        f"redemption {world.redemption.uuid} on voucher {voucher.number} was made on "
        f"{voucher.valid_until + dt.timedelta(days=1)}, after its last day "
        f"{voucher.valid_until}"
    ]
    # a redemption at 23:30 on the last day itself is fine
    Redemption.objects.filter(pk=world.redemption.pk).update(
        created_at=late - dt.timedelta(hours=1)
    )
    assert after_expiry_problems() == []


def test_redemption_after_closing_is_named(world: World) -> None:
    voucher = world.vouchers[0]
    Voucher.objects.filter(pk=voucher.pk).update(
        status=VoucherStatus.BLOCKED,
        closed_at=world.redemption.created_at - dt.timedelta(minutes=1),
    )
    assert _messages(after_expiry_problems()) == [
        f"redemption {world.redemption.uuid} on voucher {voucher.number} was made "
        "after it was blocked",
        f"refund {world.refund.uuid} on voucher {voucher.number} was made after it "
        "was blocked",
    ]


# -- I10 --------------------------------------------------------------------------


def test_status_that_does_not_fit_the_balance_is_named(world: World) -> None:
    first, second = world.vouchers
    Voucher.objects.filter(pk=first.pk).update(status=VoucherStatus.REDEEMED)
    Voucher.objects.filter(pk=second.pk).update(status=VoucherStatus.EXPIRED)
    assert _messages(conservation_problems()) == [
        f"voucher {first.number} (redeemed, balance 16500 cents) should be "
        "partly_redeemed",
        f"voucher {second.number} (expired, balance 22500 cents) is closed but still "
        "has a balance",
    ]


def test_value_at_issue_that_differs_from_the_ledger_is_named(world: World) -> None:
    first = world.vouchers[0]
    Voucher.objects.filter(pk=first.pk).update(amount_cents=300 * EUR)
    problems = _messages(conservation_problems())
    assert problems == [
        f"voucher {first.number}: issued at 30000 cents, but 22500 cents went into "
        "it by issue or replacement",
        f"voucher {first.number}: balance 16500 cents, but issued 30000 − redeemed "
        "10000 + refunded 4000 − claims 0 − returned 0 − replaced 0 = 24000 cents",
    ]


def test_money_put_on_a_voucher_past_the_services_is_named(world: World) -> None:
    # given: an adjustment from the budget straight onto a voucher
    second = world.vouchers[1]
    period = second.budget_period
    assert period.account_id is not None
    ledger_transaction_post(
        actor=None,
        kind=TransactionKind.ADJUSTMENT,
        entries=[
            (Account.objects.get(pk=period.account_id), -5 * EUR),
            (Account.objects.get(pk=second.account_id), 5 * EUR),
        ],
    )
    assert balance(second) == 230 * EUR
    problems = _messages(conservation_problems())
    assert problems == [
        f"voucher {second.number}: balance 23000 cents, but issued 22500 − redeemed "
        "0 + refunded 0 − claims 0 − returned 0 − replaced 0 = 22500 cents",
        f"voucher {second.number}: 500 cents of adjustment entries that no voucher "
        "operation explains",
        "in total: issued 45000 − redeemed 10000 + refunded 4000 − claims 0 − "
        "returned 0 − replaced 0 = 39000 cents, but the vouchers hold 39500 cents",
    ]


def test_claim_whose_transaction_differs_from_its_amount_is_named(
    world: World,
) -> None:
    # given: an advance of € 50 taken from the second voucher, booked as € 40
    second = world.vouchers[1]
    initiative = second.initiative
    payable = initiator_payable_account(actor=None, initiative=initiative)
    posted = ledger_transaction_post(
        actor=None,
        kind=TransactionKind.CLAIM_APPROVE,
        entries=[
            (Account.objects.get(pk=second.account_id), -40 * EUR),
            (payable, 40 * EUR),
        ],
    )
    Voucher.objects.filter(pk=second.pk).update(status=VoucherStatus.PARTLY_REDEEMED)
    assert _messages(conservation_problems()) == [
        f"claim.approve transaction {posted.uuid} has no claim"
    ]
    claim = Claim.objects.create(
        initiative=initiative,
        kind=ClaimKind.ADVANCE,
        amount_cents=50 * EUR,
        description="Voorschot",
        payee_name="A. Initiatiefnemer",
        iban="NL91ABNA0417164300",
        submitted_by=initiative.initiator,
        decided_by=contact_of(initiative),
        transaction=posted,
    )
    assert _messages(conservation_problems()) == [
        f"claim {claim.uuid} of 5000 cents: its transaction takes 4000 cents from "
        "vouchers"
    ]
