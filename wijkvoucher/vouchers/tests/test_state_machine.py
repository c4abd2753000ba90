"""Model-based test of the money (docs/quality.md#concurrency-and-model-based-tests, the TigerBeetle "auditor"
pattern): Hypothesis drives random sequences of awards, redemptions, retries,
refunds, expiry, block-and-replace and payouts (prepare, approve, export the SEPA
file, mark paid, with refunds in between: docs/adr/0013) through the real services,
the cash manager's download and the provider API, while a plain in-memory model predicts every balance and every answer.
After each step every ledger invariant (``ledger_problems()``, the vouchers app's
I5, I6, I7 and I10 included) must hold and the database must equal the model.

Isolation: the wijk, its budget, the providers and their API keys are made once per
test; each example runs inside ``transaction.atomic()`` that ``teardown`` rolls back
(the services' own atomic blocks become savepoints).

Size: CI runs ``CI_EXAMPLES`` examples of at most ``CI_STEPS`` steps, derandomized
(the same sequences on every run). The nightly run sets
``WIJKVOUCHER_HYPOTHESIS_EXAMPLES`` (e.g. 5000) and optionally
``WIJKVOUCHER_HYPOTHESIS_STEPS`` (e.g. 50); it then draws random sequences, and
Hypothesis prints the seed and a reproduction blob of any failure."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from wijkvoucher.accounts.models import User
from wijkvoucher.core.services import audit_seal
from wijkvoucher.decisions.constants import DecisionOutcome
from wijkvoucher.decisions.services import decision_issue
from wijkvoucher.decisions.tests.helpers import advised_plan, contact_of
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.ledger.constants import AccountKind
from wijkvoucher.ledger.models import Account, LedgerTransaction
from wijkvoucher.ledger.verify import ledger_problems
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.helpers import (
    AMSTERDAM,
    HttpsClient,
    official,
    on_day,
    sign_in_verified,
)
from wijkvoucher.payments.models import PayoutBatch
from wijkvoucher.payments.services.payouts import (
    payout_batch_approve,
    payout_batch_cancel,
    payout_batch_mark_paid,
    payout_batch_prepare,
)
from wijkvoucher.providers.models import Provider
from wijkvoucher.providers.services.tokens import api_token_create
from wijkvoucher.vouchers.constants import VoucherStatus
from wijkvoucher.vouchers.models import Voucher
from wijkvoucher.vouchers.services.issuance import (
    voucher_block_and_replace,
    vouchers_issue,
)
from wijkvoucher.vouchers.services.returns import vouchers_return_due
from wijkvoucher.vouchers.tests.helpers import EUR, approved_provider, funded

pytestmark = pytest.mark.django_db

CI_EXAMPLES = 30
CI_STEPS = 20
NIGHTLY_EXAMPLES = os.environ.get("WIJKVOUCHER_HYPOTHESIS_EXAMPLES", "")
EXAMPLES = int(NIGHTLY_EXAMPLES or CI_EXAMPLES)
STEPS = int(os.environ.get("WIJKVOUCHER_HYPOTHESIS_STEPS", "") or CI_STEPS)

REDEMPTIONS = "/api/v1/redemptions/"
# Awards are the slowest step (a beschikking and its documents): at most this many per
# example; the plans asking different amounts give the variety.
MAX_AWARDS = 4
# Blocking is cheap to reach and would crowd out spending: at most this many tries.
MAX_BLOCKS = 2
# How often each rule ended how, printed at the end (pytest -s) to show the run's reach.
OUTCOMES: Counter[str] = Counter()


@dataclass
class World:
    """What every example shares: made once, never changed by an example."""

    wijk: Neighbourhood
    providers: list[Provider]
    keys: list[str]
    cash_managers: tuple[User, User]
    plans: list[int]  # advised plans, by primary key


@dataclass
class ModelVoucher:
    amount: int
    balance: int
    valid_until: dt.date
    closed: str = ""  # "", "expired" or "blocked"

    @property
    def status(self) -> str:
        if self.closed:
            return self.closed
        if self.balance == 0:
            return VoucherStatus.REDEEMED
        if self.balance < self.amount:
            return VoucherStatus.PARTLY_REDEEMED
        return VoucherStatus.ISSUED


@dataclass
class ModelRedemption:
    uuid: str
    voucher: int
    provider: int
    amount: int
    refunded: int = 0
    # On a line of an approved or paid batch: in a bank file (docs/adr/0013).
    committed: bool = False

    @property
    def refundable(self) -> int:
        return self.amount - self.refunded


@dataclass
class ModelBatch:
    """The open payout batch: per provider (index) the redemptions its line pays,
    what the line settles of the payable (gross) and nets of what it owes back."""

    pk: int
    status: str  # "prepared" or "approved"
    lines: dict[int, tuple[list[ModelRedemption], int, int]]
    exported: bool = False

    @property
    def total(self) -> int:
        return sum(gross - netted for _r, gross, netted in self.lines.values())


@dataclass
class Sent:
    """An API request already answered, for retries."""

    provider: int
    key: str
    path: str
    body: dict[str, Any]
    status: int
    content: bytes


@dataclass
class Model:
    vouchers: dict[int, ModelVoucher] = field(default_factory=dict)
    payables: dict[int, int] = field(default_factory=dict)
    # What each provider owes back (refunds of money already in a bank file).
    owed: dict[int, int] = field(default_factory=dict)
    redemptions: list[ModelRedemption] = field(default_factory=list)
    batch: ModelBatch | None = None
    paid_out: int = 0  # what the batches marked paid sent to the bank
    sent: list[Sent] = field(default_factory=list)
    awarded: set[int] = field(default_factory=set)
    blocks: int = 0
    expired: bool = False


def _code(response: HttpResponse) -> str:
    return str(json.loads(response.content).get("code", ""))


class MoneyMachine(RuleBasedStateMachine):
    world: ClassVar[World]

    def __init__(self) -> None:
        super().__init__()
        self.model = Model()
        self.keys = itertools.count(1)
        self.client = HttpsClient()
        self.cash_client: HttpsClient | None = None
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self._clock: time_machine.travel | None = None

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)
        if self._clock is not None:
            self._clock.stop()

    # -- helpers ------------------------------------------------------------------

    def _post(self, provider: int, key: str, path: str, body: dict[str, Any]) -> Any:
        return self.client.post(
            path,
            data=json.dumps(body),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {self.world.keys[provider]}",
            HTTP_IDEMPOTENCY_KEY=key,
        )

    def _send(self, provider: int, path: str, body: dict[str, Any]) -> Any:
        key = f"key-{next(self.keys)}"
        response = self._post(provider, key, path, body)
        self.model.sent.append(
            Sent(provider, key, path, body, response.status_code, response.content)
        )
        return response

    def _open_voucher(self, voucher: Voucher) -> None:
        self.model.vouchers[voucher.pk] = ModelVoucher(
            amount=int(voucher.amount_cents),
            balance=int(voucher.amount_cents),
            valid_until=voucher.valid_until,
        )

    def _today(self) -> dt.date:
        return timezone.localdate()

    def _spendable(self) -> list[int]:
        return sorted(
            pk
            for pk, v in self.model.vouchers.items()
            if not v.closed and v.balance > 0 and self._today() <= v.valid_until
        )

    def _pick_voucher(self, data: st.DataObject) -> int:
        """Mostly a voucher that can be spent; sometimes any (to see refusals)."""
        spendable = self._spendable()
        mostly = data.draw(st.integers(0, 4), label="spendable?") > 0
        if spendable and mostly:
            return data.draw(st.sampled_from(spendable), label="voucher")
        return data.draw(st.sampled_from(sorted(self.model.vouchers)), label="voucher")

    # -- rules ----------------------------------------------------------------------

    @initialize(data=st.data())
    def first_award(self, data: st.DataObject) -> None:
        self.award(data)

    @precondition(
        lambda self: (
            not self.model.expired
            and len(self.model.awarded) < min(len(self.world.plans), MAX_AWARDS)
            and len(self._spendable()) < 3
        )
    )
    @rule(data=st.data())
    def award(self, data: st.DataObject) -> None:
        """One of the advised plans (each asking a different amount) is awarded and
        its vouchers issued."""
        waiting = [
            n for n in range(len(self.world.plans)) if n not in self.model.awarded
        ]
        n = data.draw(st.sampled_from(waiting), label="plan")
        self.model.awarded.add(n)
        plan = Initiative.objects.get(pk=self.world.plans[n])
        amount = int(plan.requested_amount_cents)
        decision_issue(
            actor=contact_of(plan),
            initiative=plan,
            outcome=DecisionOutcome.AWARD,
            amount_cents=amount,
        )
        vouchers = vouchers_issue(actor=contact_of(plan), initiative=plan)
        assert sum(v.amount_cents for v in vouchers) == amount
        for voucher in vouchers:
            self._open_voucher(voucher)
        OUTCOMES["award"] += 1

    @precondition(lambda self: self.model.vouchers)
    @rule(data=st.data(), percent=st.integers(1, 150), provider=st.integers(0, 1))
    def redeem(self, data: st.DataObject, percent: int, provider: int) -> None:
        pk = self._pick_voucher(data)
        voucher = self.model.vouchers[pk]
        amount = max(1, voucher.balance * percent // 100)
        code = Voucher.objects.values_list("code", flat=True).get(pk=pk)
        transactions = LedgerTransaction.objects.count()
        response = self._send(
            provider,
            REDEMPTIONS,
            {"voucher_code": code, "amount_cents": amount, "description": "Verf"},
        )
        if voucher.closed:
            expected = voucher.closed
        elif self._today() > voucher.valid_until:
            expected = "expired"
        elif amount > voucher.balance:
            expected = "insufficient_balance"
        else:
            expected = ""
        OUTCOMES[f"redeem {expected or 'ok'}"] += 1
        if expected:
            assert (response.status_code, _code(response)) == (409, expected)
            assert LedgerTransaction.objects.count() == transactions
            return
        assert response.status_code == 201, response.content
        answer = json.loads(response.content)
        voucher.balance -= amount
        provider_pk = self.world.providers[provider].pk
        self.model.payables[provider_pk] = self.model.payables.get(provider_pk, 0) + (
            amount
        )
        assert answer["balance_cents"] == voucher.balance
        self.model.redemptions.append(
            ModelRedemption(answer["id"], pk, provider, amount)
        )
        assert LedgerTransaction.objects.count() == transactions + 1

    @precondition(lambda self: self.model.sent)
    @rule(data=st.data())
    def retry(self, data: st.DataObject) -> None:
        sent = data.draw(st.sampled_from(self.model.sent), label="request")
        transactions = LedgerTransaction.objects.count()
        response = self._post(sent.provider, sent.key, sent.path, sent.body)
        assert (response.status_code, response.content) == (sent.status, sent.content)
        assert response["Idempotent-Replayed"] == "true"
        assert LedgerTransaction.objects.count() == transactions
        OUTCOMES[f"retry {sent.status}"] += 1

    @precondition(lambda self: self.model.sent)
    @rule(data=st.data(), extra=st.integers(1, 500))
    def retry_with_other_parameters(self, data: st.DataObject, extra: int) -> None:
        sent = data.draw(st.sampled_from(self.model.sent), label="request")
        body = dict(sent.body, amount_cents=sent.body["amount_cents"] + extra)
        transactions = LedgerTransaction.objects.count()
        response = self._post(sent.provider, sent.key, sent.path, body)
        assert (response.status_code, _code(response)) == (
            422,
            "idempotency_key_reused",
        )
        assert LedgerTransaction.objects.count() == transactions
        OUTCOMES["retry other parameters 422"] += 1

    @precondition(lambda self: self.model.redemptions)
    @rule(data=st.data(), too_much=st.booleans())
    def refund(self, data: st.DataObject, too_much: bool) -> None:
        open_ = [r for r in self.model.redemptions if r.voucher in self._spendable()]
        # Half the time, when there is one, money already in a bank file: the
        # refund the payout must survive (docs/adr/0013).
        sent = [r for r in open_ if r.committed and r.refundable]
        prefer_sent: bool = bool(sent) and data.draw(st.booleans(), label="sent?")
        if prefer_sent:
            open_ = sent
        mostly = data.draw(st.integers(0, 3), label="open?") > 0
        redemption = data.draw(
            st.sampled_from(open_ if open_ and mostly else self.model.redemptions),
            label="redemption",
        )
        left = redemption.amount - redemption.refunded
        if too_much or left == 0:
            amount = left + data.draw(st.integers(1, 1_000), label="over")
        else:
            amount = data.draw(st.integers(1, left), label="amount")
        voucher = self.model.vouchers[redemption.voucher]
        provider_pk = self.world.providers[redemption.provider].pk
        transactions = LedgerTransaction.objects.count()
        response = self._send(
            redemption.provider,
            f"{REDEMPTIONS}{redemption.uuid}/refunds/",
            {"amount_cents": amount, "reason": "Retour"},
        )
        if voucher.closed:
            expected = voucher.closed
        elif self._today() > voucher.valid_until:
            expected = "expired"
        elif amount > left:
            expected = "refund_exceeds_redemption"
        else:
            expected = ""
        OUTCOMES[f"refund {expected or 'ok'}"] += 1
        if expected:
            assert (response.status_code, _code(response)) == (409, expected)
            assert LedgerTransaction.objects.count() == transactions
            return
        assert response.status_code == 201, response.content
        redemption.refunded += amount
        voucher.balance += amount
        if redemption.committed:  # in a bank file: the provider owes it back
            self.model.owed[provider_pk] = self.model.owed.get(provider_pk, 0) + amount
        else:
            self.model.payables[provider_pk] -= amount
        OUTCOMES[f"refund ok {'owed' if redemption.committed else 'payable'}"] += 1
        answer = json.loads(response.content)
        assert answer["balance_cents"] == voucher.balance
        assert answer["refundable_cents"] == redemption.amount - redemption.refunded

    @precondition(
        lambda self: len(self.model.redemptions) >= 2 and not self.model.expired
    )
    @rule(days=st.integers(1, 40))
    def expire(self, days: int) -> None:
        """The clock jumps past the vouchers' last day and the hourly run returns
        what was left."""
        last = max(v.valid_until for v in self.model.vouchers.values())
        day = last + dt.timedelta(days=days)
        self._clock = time_machine.travel(
            dt.datetime(day.year, day.month, day.day, 10, tzinfo=AMSTERDAM), tick=False
        )
        self._clock.start()
        result = vouchers_return_due()
        spendable = [
            v
            for v in self.model.vouchers.values()
            if not v.closed and v.status != VoucherStatus.REDEEMED
        ]
        assert result.expired == len(spendable)
        assert result.returned_cents == sum(v.balance for v in spendable)
        for voucher in spendable:
            voucher.balance = 0
            voucher.closed = VoucherStatus.EXPIRED
        self.model.expired = True
        OUTCOMES["expire"] += 1
        assert vouchers_return_due() == type(result)(0, 0, 0)

    @precondition(lambda self: self.model.blocks < MAX_BLOCKS)
    @rule(data=st.data())
    def block_and_replace(self, data: st.DataObject) -> None:
        pk = self._pick_voucher(data)
        voucher = self.model.vouchers[pk]
        self.model.blocks += 1
        row = Voucher.objects.select_related("initiative").get(pk=pk)
        transactions = LedgerTransaction.objects.count()
        if voucher.closed or voucher.status == VoucherStatus.REDEEMED:
            with pytest.raises(ValidationError) as refused:
                voucher_block_and_replace(actor=row.initiative.initiator, voucher=row)
            assert refused.value.code == "invalid_status"
            assert LedgerTransaction.objects.count() == transactions
            OUTCOMES["block refused"] += 1
            return
        replacement = voucher_block_and_replace(
            actor=row.initiative.initiator, voucher=row, reason="kwijt"
        )
        assert replacement is not None
        assert replacement.amount_cents == voucher.balance
        assert replacement.valid_until == voucher.valid_until
        voucher.balance = 0
        voucher.closed = VoucherStatus.BLOCKED
        self._open_voucher(replacement)
        assert LedgerTransaction.objects.count() == transactions + 1
        OUTCOMES["block and replace"] += 1

    def _owed_now(self) -> dict[int, tuple[list[ModelRedemption], int, int]]:
        """Per provider index: what a batch prepared now pays (``payouts_owed``):
        its payable less what it owes back, when that is more than nothing."""
        lines = {}
        for n, provider in enumerate(self.world.providers):
            payable = self.model.payables.get(provider.pk, 0)
            back = self.model.owed.get(provider.pk, 0)
            if payable > 0 and payable > back:
                listed = [
                    r
                    for r in self.model.redemptions
                    if r.provider == n and not r.committed and r.refundable > 0
                ]
                lines[n] = (listed, payable, back)
        return lines

    @precondition(lambda self: self.model.batch is None and self._owed_now())
    @rule()
    def prepare(self) -> None:
        """A cash manager prepares a batch of everything owed now."""
        first, _second = self.world.cash_managers
        lines = self._owed_now()
        batch = payout_batch_prepare(
            actor=first,
            municipality=self.world.wijk.municipality,
            execution_date=self._today(),
        )
        self.model.batch = ModelBatch(batch.pk, "prepared", lines)
        assert batch.total_cents == self.model.batch.total
        OUTCOMES["payout prepare"] += 1

    @precondition(
        lambda self: (
            self.model.batch is not None and self.model.batch.status == "prepared"
        )
    )
    @rule()
    def approve(self) -> None:
        """A second cash manager approves: the lines are committed money, unless a
        refund since the preparation took money the batch counted on."""
        batch = self.model.batch
        assert batch is not None
        _first, second = self.world.cash_managers
        row = PayoutBatch.objects.get(pk=batch.pk)
        changed = False
        for n, (listed, gross, _back) in batch.lines.items():
            pk = self.world.providers[n].pk
            rest = sum(
                r.refundable
                for r in self.model.redemptions
                if r.provider == n and not r.committed and r not in listed
            )
            changed |= self.model.payables.get(pk, 0) - gross < rest
        transactions = LedgerTransaction.objects.count()
        if changed:
            with pytest.raises(ValidationError) as refused:
                payout_batch_approve(actor=second, batch=row)
            assert refused.value.code == "payable_changed"
            assert LedgerTransaction.objects.count() == transactions
            payout_batch_cancel(actor=second, batch=row)
            self.model.batch = None
            OUTCOMES["payout approve refused, cancelled"] += 1
            return
        payout_batch_approve(actor=second, batch=row)
        assert LedgerTransaction.objects.count() == transactions + 1
        for n, (listed, gross, back) in batch.lines.items():
            pk = self.world.providers[n].pk
            self.model.payables[pk] -= gross
            self.model.owed[pk] = self.model.owed.get(pk, 0) - back
            for redemption in listed:
                redemption.committed = True
        batch.status = "approved"
        OUTCOMES["payout approve"] += 1

    @precondition(
        lambda self: (
            self.model.batch is not None
            and self.model.batch.status == "approved"
            and not self.model.batch.exported
        )
    )
    @rule()
    def export_file(self) -> None:
        """The cash manager downloads the SEPA file: it pays exactly the lines."""
        batch = self.model.batch
        assert batch is not None
        if self.cash_client is None:
            self.cash_client = HttpsClient()
            sign_in_verified(self.cash_client, self.world.cash_managers[0])
        uuid = PayoutBatch.objects.values_list("uuid", flat=True).get(pk=batch.pk)
        response = self.cash_client.get(
            reverse("payments:cash_payout_sepa", kwargs={"batch_uuid": uuid})
        )
        assert response.status_code == 200
        total = batch.total
        assert f"<CtrlSum>{total // 100}.{total % 100:02d}</CtrlSum>".encode() in (
            response.content
        )
        batch.exported = True
        OUTCOMES["payout export file"] += 1

    @precondition(
        lambda self: (
            self.model.batch is not None and self.model.batch.status == "approved"
        )
    )
    @rule()
    def mark_paid(self) -> None:
        """The bank paid the file: marking it paid never fails any more, whatever was
        refunded since the approval."""
        batch = self.model.batch
        assert batch is not None
        first, _second = self.world.cash_managers
        paid = payout_batch_mark_paid(
            actor=first, batch=PayoutBatch.objects.get(pk=batch.pk)
        )
        assert paid.total_cents == batch.total
        self.model.paid_out += batch.total
        self.model.batch = None
        OUTCOMES[f"payout paid {'after' if batch.exported else 'without'} export"] += 1

    # -- invariants -----------------------------------------------------------------

    @invariant()
    def ledger_is_sound(self) -> None:
        audit_seal()  # what the minutely audit_seal does between the steps
        assert ledger_problems() == []

    @invariant()
    def database_equals_model(self) -> None:
        rows = {
            pk: (int(cents), str(status))
            for pk, cents, status in Voucher.objects.values_list(
                "pk", "account__balance_cents", "status"
            )
        }
        assert rows == {
            pk: (v.balance, str(v.status)) for pk, v in self.model.vouchers.items()
        }
        payables = dict(
            Provider.objects.filter(
                pk__in=[p.pk for p in self.world.providers]
            ).values_list("pk", "payable_account__balance_cents")
        )
        assert {pk: int(cents or 0) for pk, cents in payables.items()} == {
            p.pk: self.model.payables.get(p.pk, 0) for p in self.world.providers
        }
        owed = {
            p.pk: -int(
                Account.objects.filter(code=f"provider:{p.uuid}:owed")
                .values_list("balance_cents", flat=True)
                .first()
                or 0
            )
            for p in self.world.providers
        }
        assert owed == {
            p.pk: self.model.owed.get(p.pk, 0) for p in self.world.providers
        }
        clearing = Account.objects.filter(kind=AccountKind.PAYOUT_CLEARING)
        assert sum(int(a.balance_cents) for a in clearing) == self.model.paid_out


@pytest.fixture
def world() -> Iterator[World]:
    with on_day():
        wijk = neighbourhood_ready()
        funded(wijk)
        municipality = wijk.municipality
        municipality.payout_account_name = "Gemeente Dijkstad"
        municipality.payout_iban = "NL91ABNA0417164300"
        municipality.save()
        providers: list[Provider] = []
        keys: list[str] = []
        for name, kvk in (("Bouwmarkt De Dijk", "12345678"), ("Bakker", "87654321")):
            provider, user = approved_provider(wijk, name=name, kvk_number=kvk)
            _token, key = api_token_create(actor=user, provider=provider, name="Kassa")
            providers.append(provider)
            keys.append(key)
        cash_managers = tuple(
            official(municipality=municipality, role=Role.CASH_MANAGER, full_name=n)
            for n in ("Kas Een", "Kas Twee")
        )
        # Plans asking "random" amounts from € 0.01 to € 1,500 (fixed, so that CI
        # runs are the same); together well within the wijk's budget.
        amounts = [1, 1_500 * EUR, 99, 25 * EUR, 333_33, 1_234_56, 10 * EUR + 1]
        amounts += [(n * 7_919_31) % (1_500 * EUR) + 1 for n in range(1, 6)]
        plans = [advised_plan(wijk, requested_cents=a).pk for a in amounts]
        yield World(wijk, providers, keys, cash_managers, plans)  # type: ignore[arg-type]


def test_money_model(world: World) -> None:
    MoneyMachine.world = world
    with on_day():
        run_state_machine_as_test(
            MoneyMachine,
            settings=settings(
                max_examples=EXAMPLES,
                stateful_step_count=STEPS,
                derandomize=not NIGHTLY_EXAMPLES,
                deadline=None,
                database=None,
                print_blob=True,
                suppress_health_check=[HealthCheck.too_slow],
            ),
        )
    print("rule outcomes:", dict(sorted(OUTCOMES.items())))  # noqa: T201
