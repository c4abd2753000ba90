"""Committed payouts (issue #14 point 1, docs/adr/0013-committed-payouts.md): once a
batch is approved its lines are in a bank file, so a later refund or upheld dispute
against them is owed by the provider and netted in its next payout; it never makes a
batch pay the same money again. ``ledger_verify`` (I11) catches a payable paid twice."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

import pytest

from wijkvoucher.core.money import format_euro
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.ledger.models import Account, LedgerTransaction
from wijkvoucher.ledger.verify import ledger_problems
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.helpers import official, on_day
from wijkvoucher.payments.constants import DisputeStatus, PayeeKind, PayoutStatus
from wijkvoucher.payments.models import Dispute, PayoutBatch, PayoutLine
from wijkvoucher.payments.selectors.payouts import payouts_owed
from wijkvoucher.payments.services.disputes_resolve import dispute_uphold
from wijkvoucher.payments.services.payouts import (
    payout_batch_approve,
    payout_batch_cancel,
    payout_batch_mark_failed,
    payout_batch_mark_paid,
    payout_batch_prepare,
)
from wijkvoucher.payments.tests.test_payouts import client_for
from wijkvoucher.providers.services.tokens import api_token_create
from wijkvoucher.vouchers.constants import Channel
from wijkvoucher.vouchers.models import Redemption, Voucher
from wijkvoucher.vouchers.services.accounts import (
    payout_clearing_account,
    payout_committed_account,
    provider_owed_account,
)
from wijkvoucher.vouchers.services.redemption import redemption_create
from wijkvoucher.vouchers.tests.helpers import (
    EUR,
    approved_provider,
    funded,
    plan_with_vouchers,
)

pytestmark = pytest.mark.django_db

NEXT_DAY = dt.date(2026, 6, 16)


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


class World:
    """A wijk with a paying account, a shop with an API key, a plan's vouchers and
    two cash managers."""

    def __init__(self) -> None:
        self.wijk: Neighbourhood = neighbourhood_ready()
        funded(self.wijk)
        municipality = self.wijk.municipality
        municipality.payout_account_name = "Gemeente Wijkstad"
        municipality.payout_iban = "NL91ABNA0417164300"
        municipality.save()
        self.municipality = municipality
        self.initiative, vouchers = plan_with_vouchers(self.wijk, 1_500 * EUR)
        self.voucher: Voucher = vouchers[0]
        self.shop, self.shop_user = approved_provider(self.wijk)
        _token, self.key = api_token_create(
            actor=self.shop_user, provider=self.shop, name="Kassa"
        )
        self.preparer = official(
            municipality=municipality, role=Role.CASH_MANAGER, full_name="Kas Een"
        )
        self.approver = official(
            municipality=municipality, role=Role.CASH_MANAGER, full_name="Kas Twee"
        )
        self.api = Client()
        self.keys = 0

    def spend(self, cents: int) -> Redemption:
        return redemption_create(
            actor=self.shop_user,
            provider=self.shop,
            code=self.voucher.code,
            amount_cents=cents,
            description="Hout",
            channel=Channel.PORTAL,
        )

    def api_refund(self, redemption: Redemption, cents: int) -> tuple[int, Any]:
        self.keys += 1
        response = self.api.post(
            f"/api/v1/redemptions/{redemption.uuid}/refunds/",
            data=json.dumps({"amount_cents": cents, "reason": "Retour"}),
            content_type="application/json",
            secure=True,
            HTTP_AUTHORIZATION=f"Token {self.key}",
            HTTP_IDEMPOTENCY_KEY=f"refund-{self.keys}",
        )
        return response.status_code, response.json()

    def prepare(self) -> PayoutBatch:
        return payout_batch_prepare(
            actor=self.preparer, municipality=self.municipality, execution_date=NEXT_DAY
        )

    def balance(self, account: Account) -> int:
        account.refresh_from_db()
        return int(account.balance_cents)

    def owed(self) -> int:
        """What the shop owes back (its "owed" account is minus that)."""
        return -self.balance(provider_owed_account(actor=None, provider=self.shop))

    def payable(self) -> int:
        self.shop.refresh_from_db()
        assert self.shop.payable_account is not None
        return self.balance(self.shop.payable_account)

    def voucher_balance(self) -> int:
        return self.balance(self.voucher.account)


@pytest.fixture
def world() -> World:
    return World()


def test_refund_after_the_bank_file_is_owed_and_never_paid_twice(
    world: World,
) -> None:
    """The exact sequence of issue #14: an approved batch of € 800, the SEPA file
    downloaded, a € 60 refund through the API, mark paid, a new batch."""
    # given an approved batch paying the shop € 800, its SEPA file downloaded
    sale = world.spend(500 * EUR)
    world.spend(300 * EUR)
    batch = world.prepare()
    assert batch.total_cents == 800 * EUR
    payout_batch_approve(actor=world.approver, batch=batch)
    sepa = client_for(world.preparer).get(
        reverse("payments:cash_payout_sepa", kwargs={"batch_uuid": batch.uuid})
    )
    assert sepa.status_code == 200
    assert b'<InstdAmt Ccy="EUR">800.00</InstdAmt>' in sepa.content
    voucher_before = world.voucher_balance()

    # when the shop refunds € 60 of a redemption in that batch through the API
    status, body = world.api_refund(sale, 60 * EUR)

    # then the refund is accepted: the voucher can spend the € 60 again, and the shop
    # owes it back; its payable (money not yet in a bank file) is untouched
    assert status == 201, body
    assert world.voucher_balance() == voucher_before + 60 * EUR
    assert world.owed() == 60 * EUR
    assert world.payable() == 0
    assert ledger_problems() == []

    # when the batch is marked paid: it succeeds, € 800 as in the file
    paid = payout_batch_mark_paid(actor=world.preparer, batch=batch)
    assert paid.status == PayoutStatus.PAID
    clearing = payout_clearing_account(actor=None, municipality=world.municipality)
    assert world.balance(clearing) == 800 * EUR
    committed = payout_committed_account(actor=None, municipality=world.municipality)
    assert world.balance(committed) == 0

    # when the shop earns € 101 more and a new batch is prepared
    world.spend(101 * EUR)
    again = world.prepare()

    # then the new batch pays only the net: € 101 − € 60 = € 41, the netting named
    (line,) = again.lines.all()
    assert (line.amount_cents, line.netted_cents) == (41 * EUR, 60 * EUR)
    assert again.total_cents == 41 * EUR
    assert "60,00" in line.remittance
    payout_batch_approve(actor=world.approver, batch=again)
    assert world.owed() == 0
    payout_batch_mark_paid(actor=world.preparer, batch=again)
    # the shop was sent € 841 in all: € 800 + € 101 earned − € 60 given back
    assert world.balance(clearing) == 841 * EUR
    assert world.payable() == 0
    assert ledger_problems() == []


def test_upheld_dispute_about_committed_money_is_owed(world: World) -> None:
    # given € 200 spent, approved in a batch (in the bank file)
    sale = world.spend(200 * EUR)
    batch = world.prepare()
    payout_batch_approve(actor=world.approver, batch=batch)
    dispute = Dispute.objects.create(
        redemption=sale, raised_by=world.initiative.initiator, reason="Niet geleverd"
    )
    # when the cash manager upholds € 50 of it
    dispute_uphold(
        actor=world.preparer, dispute=dispute, amount_cents=50 * EUR, resolution="Ja."
    )
    # then the voucher has it back and the shop owes it; the batch still pays € 200
    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.UPHELD
    assert world.owed() == 50 * EUR
    payout_batch_mark_paid(actor=world.preparer, batch=batch)
    assert ledger_problems() == []


def test_owed_more_than_earned_waits_and_is_shown(world: World) -> None:
    # given a paid batch of € 100 and then a full refund of it
    sale = world.spend(100 * EUR)
    batch = world.prepare()
    payout_batch_approve(actor=world.approver, batch=batch)
    payout_batch_mark_paid(actor=world.preparer, batch=batch)
    assert world.api_refund(sale, 100 * EUR)[0] == 201
    # when the shop earns only € 30 since
    world.spend(30 * EUR)
    owed = payouts_owed(municipality=world.municipality)
    # then nothing is paid to it: it owes € 100, more than the € 30 owed to it
    assert owed.lines == []
    assert [(x.name, x.amount_cents) for x in owed.left_out] == [
        (world.shop.name, 30 * EUR)
    ]
    assert [(b.provider, b.amount_cents, b.left_cents) for b in owed.owed_back] == [
        (world.shop, 100 * EUR, 100 * EUR)
    ]
    with pytest.raises(ValidationError) as caught:
        world.prepare()
    assert caught.value.code == "nothing_to_pay"
    # and the cash manager's overview shows what it owes
    page = client_for(world.preparer).get(
        f"{reverse('payments:cash_payouts')}?gemeente={world.municipality.slug}"
    )
    assert page.status_code == 200
    assert f"{world.shop.name}: {format_euro(100 * EUR)}</li>" in page.content.decode()
    assert ledger_problems() == []


def test_an_approved_batch_cannot_be_cancelled(world: World) -> None:
    world.spend(80 * EUR)
    batch = world.prepare()
    payout_batch_approve(actor=world.approver, batch=batch)
    before = LedgerTransaction.objects.count()
    with pytest.raises(ValidationError) as caught:
        payout_batch_cancel(actor=world.preparer, batch=batch)
    assert caught.value.code == "invalid_status"
    assert LedgerTransaction.objects.count() == before
    batch.refresh_from_db()
    assert batch.status == PayoutStatus.APPROVED
    # and no second batch can be prepared while it waits
    world.spend(10 * EUR)
    with pytest.raises(ValidationError) as second:
        world.prepare()
    assert second.value.code == "open_batch_exists"


def test_not_paid_out_by_the_bank_reverses_the_approval(world: World) -> None:
    # given an approved batch of € 80 and a € 20 refund since (owed back)
    sale = world.spend(80 * EUR)
    batch = world.prepare()
    payout_batch_approve(actor=world.approver, batch=batch)
    assert world.api_refund(sale, 20 * EUR)[0] == 201
    assert world.owed() == 20 * EUR
    # when a reason is missing, nothing happens
    with pytest.raises(ValidationError) as caught:
        payout_batch_mark_failed(actor=world.preparer, batch=batch, reason=" ")
    assert caught.value.code == "reason_required"
    # when the cash manager marks it not paid out by the bank
    failed = payout_batch_mark_failed(
        actor=world.preparer, batch=batch, reason="Bestand geweigerd door de bank"
    )
    # then the approval is reversed: the € 80 is owed to the shop again, the € 20
    # still owed back by it, and the redemption is no longer in a bank file
    assert failed.status == PayoutStatus.FAILED
    assert world.payable() == 80 * EUR
    assert world.owed() == 20 * EUR
    sale.refresh_from_db()
    assert not sale.payout_committed
    assert ledger_problems() == []
    # and a new batch pays the net € 60 once
    again = world.prepare()
    (line,) = again.lines.all()
    assert (line.amount_cents, line.netted_cents) == (60 * EUR, 20 * EUR)
    payout_batch_approve(actor=world.approver, batch=again)
    payout_batch_mark_paid(actor=world.preparer, batch=again)
    assert ledger_problems() == []


def test_ledger_verify_catches_a_payable_paid_twice(world: World) -> None:
    # given the shop's € 800 paid in a batch
    world.spend(800 * EUR)
    batch = world.prepare()
    payout_batch_approve(actor=world.approver, batch=batch)
    payout_batch_mark_paid(actor=world.preparer, batch=batch)
    assert ledger_problems() == []
    # when a doctored row claims a second bank file paid the same money again
    (line,) = batch.lines.all()
    double = PayoutBatch.objects.create(
        municipality=world.municipality,
        reference="WV-DOCTORED-1",
        status=PayoutStatus.PAID,
        total_cents=800 * EUR,
        execution_date=NEXT_DAY,
        prepared_by=world.preparer,
        approved_by=world.approver,
    )
    copy = PayoutLine.objects.create(
        batch=double,
        account=line.account,
        payee_kind=PayeeKind.PROVIDER,
        provider=world.shop,
        name=line.name,
        iban=line.iban,
        amount_cents=line.amount_cents,
        remittance=line.remittance,
    )
    copy.redemptions.set(line.redemptions.all())
    # then I11 names the redemption in two batches and the provider paid too much
    eleven = [p.message for p in ledger_problems() if p.invariant == "I11"]
    assert any("is in 2 approved or paid payout batches" in m for m in eleven)
    assert any(
        m.startswith(f"provider {world.shop.name}: 160000 cents sent to the bank")
        for m in eleven
    )
