from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.core.selectors import audit_chain_problems
from wijkvoucher.core.services import audit_seal
from wijkvoucher.ledger import services
from wijkvoucher.ledger.constants import AccountKind, TransactionKind
from wijkvoucher.ledger.models import Account, Entry, LedgerTransaction
from wijkvoucher.ledger.selectors import (
    account_balance_cents,
    account_balance_from_entries_cents,
)
from wijkvoucher.ledger.services import (
    InsufficientBalance,
    ledger_transaction_post,
    ledger_transaction_reverse,
)
from wijkvoucher.ledger.tests.helpers import (
    funded_budget,
    funding_account,
    ledger_state,
    open_account,
)
from wijkvoucher.ledger.verify import ledger_problems

pytestmark = pytest.mark.django_db


def test_post_moves_money_and_records_entries() -> None:
    # given
    official = UserFactory.create()
    funding = funding_account()
    budget = open_account("budget:centrum:2026")
    # when
    posted = ledger_transaction_post(
        actor=official,
        kind=TransactionKind.BUDGET_PUBLISH,
        entries=[(funding, -1_000_000), (budget, 1_000_000)],
        memo="wijkbudget 2026",
    )
    # then
    assert account_balance_cents(account=budget) == 1_000_000
    assert account_balance_cents(account=funding) == -1_000_000
    assert list(posted.entries.values_list("account__code", "amount_cents")) == [
        ("funding:council", -1_000_000),
        ("budget:centrum:2026", 1_000_000),
    ]
    assert (posted.kind, posted.memo, posted.actor, posted.reverses) == (
        TransactionKind.BUDGET_PUBLISH,
        "wijkbudget 2026",
        official,
        None,
    )
    assert ledger_problems() == []


def test_post_writes_exactly_one_audit_event() -> None:
    # given
    official = UserFactory.create()
    funding = funding_account()
    budget = open_account("budget:centrum:2026")
    before = AuditEvent.objects.count()
    # when
    posted = ledger_transaction_post(
        actor=official,
        kind=TransactionKind.BUDGET_PUBLISH,
        entries=[(funding, -500), (budget, 500)],
        memo="ceiling",
    )
    # then
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.order_by("-id").first()
    assert event is not None
    assert (event.action, event.subject_id, event.actor) == (
        "ledger.transaction_post",
        str(posted.pk),
        official,
    )
    assert event.data == {
        "kind": "budget.publish",
        "memo": "ceiling",
        "entries": [["funding:council", -500], ["budget:centrum:2026", 500]],
        "reverses": None,
    }


def test_post_and_its_audit_event_share_one_transaction(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given
    funding = funding_account()
    budget = open_account("budget:centrum:2026")
    before = ledger_state()

    def failing_audit(**kwargs: Any) -> AuditEvent:
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(services, "audit_record", failing_audit)
    # when: the caller's transaction (here a savepoint inside the test's own) ends
    with (
        pytest.raises(RuntimeError, match="audit store unavailable"),
        transaction.atomic(),
    ):
        ledger_transaction_post(
            actor=None,
            kind=TransactionKind.ADJUSTMENT,
            entries=[(funding, -500), (budget, 500)],
        )
    # then
    assert ledger_state() == before


def test_post_refuses_overdraft_and_changes_nothing() -> None:
    # given
    funding, budget = funded_budget(1000)
    before = ledger_state()
    # when
    with pytest.raises(InsufficientBalance) as exc:
        ledger_transaction_post(
            actor=None,
            kind=TransactionKind.ADJUSTMENT,
            entries=[(budget, -1001), (funding, 1001)],
        )
    # then
    assert exc.value.code == "insufficient_balance"
    assert ledger_state() == before
    assert ledger_problems() == []


def test_post_may_empty_an_account_exactly() -> None:
    # given
    funding, budget = funded_budget(1000)
    # when
    ledger_transaction_post(
        actor=None,
        kind=TransactionKind.ADJUSTMENT,
        entries=[(budget, -1000), (funding, 1000)],
    )
    # then
    assert account_balance_cents(account=budget) == 0
    assert account_balance_from_entries_cents(account=budget) == 0


@pytest.mark.parametrize(
    ("amounts", "code"),
    [
        pytest.param([-500, 499], "unbalanced", id="unbalanced"),
        pytest.param([500], "too_few_entries", id="one-entry"),
        pytest.param([], "too_few_entries", id="no-entries"),
        pytest.param([0, 0], "zero_entry", id="zero"),
        pytest.param([-5.0, 5.0], "amount_not_integer", id="float"),
        pytest.param([True, -1], "amount_not_integer", id="bool"),
        pytest.param([Decimal("-5"), Decimal("5")], "amount_not_integer", id="decimal"),
        pytest.param([-(10**13) - 1, 10**13 + 1], "amount_too_large", id="too-large"),
    ],
)
def test_post_refuses_malformed_entries_and_changes_nothing(
    amounts: list[Any], code: str
) -> None:
    # given
    funding, budget = funded_budget(10_000)
    accounts = [funding, budget]
    entries = [(accounts[i % 2], amount) for i, amount in enumerate(amounts)]
    before = ledger_state()
    # when
    with pytest.raises(ValidationError) as exc:
        ledger_transaction_post(
            actor=None, kind=TransactionKind.ADJUSTMENT, entries=entries
        )
    # then
    assert exc.value.code == code
    assert ledger_state() == before


@pytest.mark.parametrize("pk", [None, 987_654], ids=["unsaved", "not-in-database"])
def test_post_refuses_unknown_account_and_changes_nothing(pk: int | None) -> None:
    # given
    funding, _budget = funded_budget(10_000)
    ghost = Account(pk=pk, code="ghost", kind=AccountKind.BUDGET, name="ghost")
    before = ledger_state()
    # when
    with pytest.raises(ValidationError) as exc:
        ledger_transaction_post(
            actor=None,
            kind=TransactionKind.ADJUSTMENT,
            entries=[(funding, -5), (ghost, 5)],
        )
    # then
    assert exc.value.code == "unknown_account"
    assert ledger_state() == before


def test_entries_on_one_account_are_netted() -> None:
    # given
    _funding, budget = funded_budget(100)
    other = open_account("budget:west:2026")
    # when: budget gives 100 and receives 30 back in one transaction
    ledger_transaction_post(
        actor=None,
        kind=TransactionKind.ADJUSTMENT,
        entries=[(budget, -100), (other, 70), (budget, 30)],
    )
    # then
    assert account_balance_cents(account=budget) == 30
    assert account_balance_cents(account=other) == 70
    assert ledger_problems() == []


def test_reverse_posts_the_negated_entries() -> None:
    # given
    official = UserFactory.create()
    funding, budget = funded_budget(10_000)
    original = LedgerTransaction.objects.get()
    # when
    reversal = ledger_transaction_reverse(
        actor=official, original=original, memo="wrong ceiling"
    )
    # then
    assert (reversal.kind, reversal.reverses, reversal.memo) == (
        TransactionKind.REVERSAL,
        original,
        "wrong ceiling",
    )
    assert list(reversal.entries.values_list("account__code", "amount_cents")) == [
        ("funding:council", 10_000),
        ("budget:centrum:2026", -10_000),
    ]
    assert account_balance_cents(account=budget) == 0
    assert account_balance_cents(account=funding) == 0
    event = AuditEvent.objects.order_by("-id").first()
    assert event is not None
    assert event.data["reverses"] == str(original.uuid)
    assert ledger_problems() == []


def test_second_reversal_is_refused_and_changes_nothing() -> None:
    # given
    funded_budget(10_000)
    original = LedgerTransaction.objects.get()
    ledger_transaction_reverse(actor=None, original=original, memo="first")
    before = ledger_state()
    # when
    with pytest.raises(ValidationError) as exc:
        ledger_transaction_reverse(actor=None, original=original, memo="second")
    # then
    assert exc.value.code == "already_reversed"
    assert ledger_state() == before


def test_reversal_that_would_make_an_account_negative_is_refused() -> None:
    # given: the budget received 10,000 and has since spent 4,000
    _funding, budget = funded_budget(10_000)
    original = LedgerTransaction.objects.get()
    spent = open_account("voucher:1", kind=AccountKind.VOUCHER)
    ledger_transaction_post(
        actor=None,
        kind=TransactionKind.ADJUSTMENT,
        entries=[(budget, -4_000), (spent, 4_000)],
    )
    before = ledger_state()
    # when
    with pytest.raises(InsufficientBalance) as exc:
        ledger_transaction_reverse(actor=None, original=original, memo="too late")
    # then
    assert exc.value.code == "insufficient_balance"
    assert ledger_state() == before
    assert not LedgerTransaction.objects.filter(reverses=original).exists()


def test_post_with_reverses_must_negate_the_original() -> None:
    # given
    funding, budget = funded_budget(10_000)
    original = LedgerTransaction.objects.get()
    before = ledger_state()
    # when: only half is "reversed"
    with pytest.raises(ValidationError) as exc:
        ledger_transaction_post(
            actor=None,
            kind=TransactionKind.REVERSAL,
            entries=[(budget, -5_000), (funding, 5_000)],
            reverses=original,
        )
    # then
    assert exc.value.code == "reversal_mismatch"
    assert ledger_state() == before


def test_account_open_records_an_audit_event() -> None:
    # given
    official = UserFactory.create()
    before = AuditEvent.objects.count()
    # when
    account = open_account("budget:noord:2026")
    ledger_account = services.ledger_account_open(
        actor=official, code="voucher:7", kind=AccountKind.VOUCHER, name="Voucher 7"
    )
    # then
    assert AuditEvent.objects.count() == before + 2
    event = AuditEvent.objects.order_by("-id").first()
    assert event is not None
    assert (event.action, event.subject_id, event.actor) == (
        "ledger.account_open",
        str(ledger_account.pk),
        official,
    )
    assert event.data == {
        "code": "voucher:7",
        "kind": "voucher",
        "allow_negative": False,
    }
    assert (account.balance_cents, account.allow_negative) == (0, False)


def test_account_open_refuses_a_duplicate_code() -> None:
    # given
    open_account("budget:noord:2026")
    before = ledger_state()
    # when
    with pytest.raises(ValidationError) as exc:
        open_account("budget:noord:2026")
    # then
    assert exc.value.code == "duplicate_account"
    assert ledger_state() == before


# A small model-based check (auditor pattern, docs/quality.md#concurrency-and-model-based-tests): random transfers
# between three accounts, each compared with a plain-Python model.
TRANSFERS = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=2),
        st.integers(min_value=0, max_value=2),
        st.integers(min_value=1, max_value=3_000),
    ),
    max_size=12,
)


@settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(transfers=TRANSFERS)
def test_random_transfers_match_a_model_and_keep_invariants(
    transfers: list[tuple[int, int, int]],
) -> None:
    with transaction.atomic():
        # given
        funding = funding_account("funding:model")
        accounts = [funding] + [open_account(f"budget:model:{i}") for i in range(1, 3)]
        model = [0, 0, 0]
        # when
        for source, target, amount in transfers:
            if source == target:
                continue
            try:
                ledger_transaction_post(
                    actor=None,
                    kind=TransactionKind.ADJUSTMENT,
                    entries=[(accounts[source], -amount), (accounts[target], amount)],
                )
            except InsufficientBalance:
                assert source != 0
                assert model[source] < amount
            else:
                assert source == 0 or model[source] >= amount
                model[source] -= amount
                model[target] += amount
        # then
        assert [account_balance_cents(account=a) for a in accounts] == model
        assert ledger_problems() == []
        audit_seal()
        assert audit_chain_problems() == []
        transaction.set_rollback(True)


def test_entry_rows_are_never_written_by_refused_posts() -> None:
    # given
    funding, budget = funded_budget(100)
    # when
    for amount in (101, 500, 10_000):
        with pytest.raises(InsufficientBalance):
            ledger_transaction_post(
                actor=None,
                kind=TransactionKind.ADJUSTMENT,
                entries=[(budget, -amount), (funding, amount)],
            )
    # then
    assert Entry.objects.count() == 2
    assert account_balance_cents(account=budget) == 100
