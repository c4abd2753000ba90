"""``manage.py ledger_verify`` finds every broken invariant and names it."""

from __future__ import annotations

import uuid
from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

import pytest

from wijkvoucher.core.services import audit_seal
from wijkvoucher.core.tests.helpers import append_only_lifted, rolled_back
from wijkvoucher.ledger.constants import TransactionKind
from wijkvoucher.ledger.models import LedgerTransaction
from wijkvoucher.ledger.services import ledger_transaction_reverse
from wijkvoucher.ledger.tests.helpers import funded_budget, open_account
from wijkvoucher.ledger.verify import (
    CHECKS,
    all_checks,
    cached_balance_problems,
    ledger_problems,
    negative_balance_problems,
    reversal_problems,
    trigger_problems,
    unbalanced_transaction_problems,
)

pytestmark = pytest.mark.django_db


def _ledger_verify(*args: str) -> str:
    out = StringIO()
    call_command("ledger_verify", *args, stdout=out)
    return out.getvalue()


def _raw_transaction(legs: list[tuple[int, int]], memo: str = "raw") -> str:
    """Insert a transaction and its entries by hand, past the posting service."""
    transaction_uuid = uuid.uuid4()
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO ledger_ledgertransaction (uuid, kind, memo, created_at) "
            "VALUES (%s, %s, %s, %s)",
            [
                transaction_uuid.hex,
                TransactionKind.ADJUSTMENT.value,
                memo,
                timezone.now(),
            ],
        )
        transaction_id = LedgerTransaction.objects.get(uuid=transaction_uuid).pk
        for account_id, amount in legs:
            cursor.execute(
                "INSERT INTO ledger_entry (transaction_id, account_id, amount_cents, "
                "created_at) VALUES (%s, %s, %s, %s)",
                [transaction_id, account_id, amount, timezone.now()],
            )
    return str(transaction_uuid)


def test_clean_ledger_prints_a_summary() -> None:
    # given
    funded_budget(10_000)
    ledger_transaction_reverse(
        actor=None, original=LedgerTransaction.objects.get(), memo="undo"
    )
    # when
    output = _ledger_verify()
    # then
    assert (
        "ledger_verify: clean — 2 accounts, 2 transactions (1 reversals), "
        "4 entries, 4 audit events"
    ) in output
    for invariant in (
        *("I1", "I2", "I3", "I4", "I8", "I9", "reversals"),
        *("I5", "I6", "I7", "I10"),
    ):
        assert f"{invariant}: ok" in output
    assert "not applicable" not in output


def test_checks_of_higher_apps_are_discovered_after_the_ledgers_own() -> None:
    # when
    checks = all_checks()
    # then: the vouchers app's ledger_checks module is found without the ledger
    # importing it
    invariants = [check.invariant for check in checks]
    assert invariants[: len(CHECKS)] == [check.invariant for check in CHECKS]
    assert {"I5", "I6", "I7", "I10"} <= set(invariants[len(CHECKS) :])
    assert len(set(invariants)) == len(invariants)


def test_empty_ledger_is_clean() -> None:
    # when
    output = _ledger_verify()
    # then
    assert "ledger_verify: clean — 0 accounts, 0 transactions" in output


def test_unbalanced_raw_transaction_is_named() -> None:
    # given: on PostgreSQL the deferred trigger would refuse this at commit; the
    # test's transaction never commits, so the rows are there to be found, as they
    # would be on SQLite.
    first = open_account("budget:a")
    second = open_account("budget:b")
    with rolled_back():
        bad = _raw_transaction([(first.pk, 500), (second.pk, -400)])
        # when
        with pytest.raises(CommandError) as exc:
            _ledger_verify()
    # then
    message = str(exc.value)
    assert (
        f"I1: transaction {bad} (adjustment): 2 entries summing to 100 cents" in message
    )
    assert "I2: all entries together sum to 100 cents, not 0" in message
    assert (
        "I3: account budget:a: cached balance 0 cents, but its entries sum to 500"
        in message
    )
    assert (
        "I3: account budget:b: cached balance 0 cents, but its entries sum to -400"
        in message
    )
    assert message.startswith("ledger_verify found 4 problem(s):")


@pytest.mark.parametrize("legs", [1, 0], ids=["one-entry", "no-entries"])
def test_transaction_with_too_few_entries_is_named(legs: int) -> None:
    # given
    account = open_account("budget:a")
    with rolled_back():
        bad = _raw_transaction([(account.pk, 500)][:legs])
        # when
        problems = unbalanced_transaction_problems()
    # then
    assert [p.message for p in problems] == [
        f"transaction {bad} (adjustment): {legs} entries summing to "
        f"{500 * legs} cents (needs at least 2 entries summing to 0)"
    ]


def test_cached_balance_that_differs_from_its_entries_is_named() -> None:
    # given: the balance column is the one column the trigger lets change
    _funding, budget = funded_budget(10_000)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE ledger_account SET balance_cents = 12345 WHERE id = %s",
            [budget.pk],
        )
    # when
    with pytest.raises(CommandError) as exc:
        _ledger_verify()
    # then
    assert [p.message for p in cached_balance_problems()] == [
        "account budget:centrum:2026: cached balance 12345 cents, but its entries "
        "sum to 10000 cents"
    ]
    assert "I3: account budget:centrum:2026" in str(exc.value)
    assert "I1" not in str(exc.value)


def _drop_balance_check() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA ignore_check_constraints = ON")
        else:
            cursor.execute(
                "ALTER TABLE ledger_account "
                "DROP CONSTRAINT ledger_account_balance_not_negative"
            )


def _restore_balance_check() -> None:
    # PostgreSQL: the DROP is undone when the test's transaction rolls back.
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA ignore_check_constraints = OFF")


def test_negative_balance_where_not_allowed_is_named() -> None:
    # given: only possible with the CHECK constraint out of the way
    _funding, budget = funded_budget(100)
    _drop_balance_check()
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE ledger_account SET balance_cents = -250 WHERE id = %s",
                [budget.pk],
            )
    finally:
        _restore_balance_check()
    # when
    problems = negative_balance_problems()
    # then
    assert [p.message for p in problems] == [
        "account budget:centrum:2026 (budget) may not go below zero, but its "
        "balance is -250 cents"
    ]


def test_missing_or_disabled_append_only_trigger_is_named() -> None:
    # given
    assert trigger_problems() == []
    # when
    with append_only_lifted("ledger_entry"):
        problems = trigger_problems()
    # then
    state = "missing" if connection.vendor == "sqlite" else "disabled"
    assert [p.message for p in problems] == [
        f"trigger wv_append_only_ledger_entry_update on ledger_entry is {state}",
        f"trigger wv_append_only_ledger_entry_delete on ledger_entry is {state}",
        *(
            ["trigger wv_ledger_entry_balanced on ledger_entry is disabled"]
            if connection.vendor == "postgresql"
            else []
        ),
    ]
    assert trigger_problems() == []


def test_reversal_that_does_not_negate_its_original_is_named() -> None:
    # given: a hand-made "reversal" that only undoes half
    funding, budget = funded_budget(10_000)
    original = LedgerTransaction.objects.get()
    bad = _raw_transaction([(budget.pk, -5_000), (funding.pk, 5_000)])
    with append_only_lifted("ledger_ledgertransaction"):
        LedgerTransaction.objects.filter(uuid=bad).update(reverses=original)
    # when
    problems = reversal_problems()
    # then
    assert [p.message for p in problems] == [
        f"transaction {bad} reverses {original.uuid} but does not carry exactly "
        "its negated entries"
    ]


def test_real_reversals_pass() -> None:
    # given
    funded_budget(10_000)
    reversal = ledger_transaction_reverse(
        actor=None, original=LedgerTransaction.objects.get(), memo="undo"
    )
    # when: a reversal of the reversal puts the money back
    ledger_transaction_reverse(actor=None, original=reversal, memo="redo")
    # then
    assert reversal_problems() == []
    assert ledger_problems() == []


def test_broken_audit_chain_fails_ledger_verify() -> None:
    # given
    funded_budget(10_000)
    audit_seal()
    with append_only_lifted("core_auditevent"), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_auditevent SET origin = 'forged' WHERE sequence = 2"
        )
    # when
    with pytest.raises(CommandError) as exc:
        _ledger_verify()
    # then
    assert "I9: row 2 (id" in str(exc.value)
    assert "was changed after it was written" in str(exc.value)


def test_problem_lists_are_capped() -> None:
    # given
    account = open_account("budget:a")
    with rolled_back():
        for n in range(4):
            _raw_transaction([(account.pk, 100)], memo=f"raw {n}")
        # when
        problems = unbalanced_transaction_problems(limit=2)
    # then
    assert len(problems) == 3
    assert problems[-1].message == "… and more (raise --limit to see)"
