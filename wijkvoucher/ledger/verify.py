"""The ledger invariants of docs/money.md#the-invariants, re-checked from the stored rows.

Each check is a function returning a list of problems (empty when the invariant
holds), so that tests and ``manage.py ledger_verify`` share them. The checks use
aggregate queries; only the audit chain (sha256 per row) and reversals (rare) are
walked row by row. Every check is a single consistent read, so running it next to
live writers gives no false alarms.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.db import connection
from django.db.models import Count, F, Q, Sum
from django.utils.module_loading import module_has_submodule

from wijkvoucher.core.selectors import audit_chain_problems, audit_event_count
from wijkvoucher.ledger.models import Account, Entry, LedgerTransaction

DEFAULT_LIMIT = 50

# Tables whose rows are never updated or deleted (I8); accounts only in their balance.
APPEND_ONLY_TABLES = (
    "ledger_account",
    "ledger_ledgertransaction",
    "ledger_entry",
    "core_auditevent",
    "neighbourhoods_regulationversion",
)
APPEND_ONLY_PREFIX = "wv_append_only"
APPEND_ONLY_FUNCTION = "wv_refuse_change"
# PostgreSQL only: deferred constraint triggers that refuse an unbalanced transaction
# at commit, (trigger, table, function).
DEFERRED_TRIGGERS = (
    ("wv_ledger_entry_balanced", "ledger_entry", "wv_ledger_check_balanced"),
    (
        "wv_ledger_transaction_balanced",
        "ledger_ledgertransaction",
        "wv_ledger_check_transaction",
    ),
)
# Apps above the ledger add their own checks in a module ``<app>.ledger_checks`` with
# a ``CHECKS`` tuple (docs/adr/0009), found the way the admin finds ``admin`` modules:
# the ledger never imports the apps that use it.
CHECKS_MODULE = "ledger_checks"


@dataclass(frozen=True)
class Problem:
    invariant: str
    message: str


@dataclass(frozen=True)
class Check:
    invariant: str
    description: str
    run: Callable[[int], list[Problem]]


def capped(invariant: str, messages: Iterable[str], limit: int) -> list[Problem]:
    """At most ``limit`` problems, and a last line saying that there are more."""
    problems: list[Problem] = []
    for message in messages:
        if len(problems) == limit:
            problems.append(Problem(invariant, "… and more (raise --limit to see)"))
            break
        problems.append(Problem(invariant, message))
    return problems


def unbalanced_transaction_problems(limit: int = DEFAULT_LIMIT) -> list[Problem]:
    """I1: every transaction has at least two entries and they sum to zero."""
    rows = (
        LedgerTransaction.objects.order_by()
        .annotate(
            total=Sum("entries__amount_cents", default=0),
            legs=Count("entries"),
        )
        .filter(Q(legs__lt=2) | ~Q(total=0))
        .order_by("pk")
        .values_list("uuid", "kind", "total", "legs")[: limit + 1]
    )
    return capped(
        "I1",
        (
            f"transaction {uuid} ({kind}): {legs} entries summing to {total} cents "
            "(needs at least 2 entries summing to 0)"
            for uuid, kind, total, legs in rows
        ),
        limit,
    )


def ledger_total_problems(limit: int = DEFAULT_LIMIT) -> list[Problem]:
    """I2: all entries in the system sum to zero."""
    total = Entry.objects.aggregate(total=Sum("amount_cents", default=0))["total"]
    if total == 0:
        return []
    return [Problem("I2", f"all entries together sum to {total} cents, not 0")]


def cached_balance_problems(limit: int = DEFAULT_LIMIT) -> list[Problem]:
    """I3: every account's cached balance equals the sum of its entries."""
    rows = (
        Account.objects.order_by()
        .annotate(from_entries=Sum("entries__amount_cents", default=0))
        .exclude(balance_cents=F("from_entries"))
        .order_by("code")
        .values_list("code", "balance_cents", "from_entries")[: limit + 1]
    )
    return capped(
        "I3",
        (
            f"account {code}: cached balance {balance} cents, but its entries sum "
            f"to {from_entries} cents"
            for code, balance, from_entries in rows
        ),
        limit,
    )


def negative_balance_problems(limit: int = DEFAULT_LIMIT) -> list[Problem]:
    """I4: no account that may not go below zero is below zero."""
    rows = (
        Account.objects.filter(allow_negative=False, balance_cents__lt=0)
        .order_by("code")
        .values_list("code", "kind", "balance_cents")[: limit + 1]
    )
    return capped(
        "I4",
        (
            f"account {code} ({kind}) may not go below zero, but its balance is "
            f"{balance} cents"
            for code, kind, balance in rows
        ),
        limit,
    )


def _sqlite_trigger_problems() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'"
        )
        found = {name: (table, sql or "") for name, table, sql in cursor.fetchall()}
    messages: list[str] = []
    for table in APPEND_ONLY_TABLES:
        for event in ("update", "delete"):
            name = f"{APPEND_ONLY_PREFIX}_{table}_{event}"
            if name not in found or found[name][0] != table:
                messages.append(f"trigger {name} on {table} is missing")
            elif "RAISE(ABORT" not in found[name][1].upper():
                messages.append(f"trigger {name} on {table} does not refuse changes")
    return messages


def _postgresql_triggers() -> dict[str, tuple[str, str, str, bool, bool]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.tgname, c.relname, p.proname, t.tgenabled, t.tgdeferrable, "
            "t.tginitdeferred FROM pg_trigger t "
            "JOIN pg_class c ON c.oid = t.tgrelid "
            "JOIN pg_proc p ON p.oid = t.tgfoid "
            "WHERE NOT t.tgisinternal AND pg_catalog.pg_table_is_visible(c.oid) "
            "AND c.relname = ANY(%s)",
            [list(APPEND_ONLY_TABLES)],
        )
        return {
            name: (table, function, enabled, deferrable, deferred)
            for name, table, function, enabled, deferrable, deferred in (
                cursor.fetchall()
            )
        }


def _postgresql_trigger_problems() -> list[str]:
    found = _postgresql_triggers()
    expected = [
        (f"{APPEND_ONLY_PREFIX}_{table}_{event}", table, APPEND_ONLY_FUNCTION, False)
        for table in APPEND_ONLY_TABLES
        for event in ("update", "delete")
    ]
    expected += [(name, table, fn, True) for name, table, fn in DEFERRED_TRIGGERS]
    messages: list[str] = []
    for name, table, function, deferred in expected:
        row = found.get(name)
        if row is None or row[0] != table or row[1] != function:
            messages.append(f"trigger {name} on {table} is missing")
        elif row[2] == "D":
            messages.append(f"trigger {name} on {table} is disabled")
        elif deferred and not (row[3] and row[4]):
            messages.append(f"trigger {name} on {table} is not deferred to commit")
    return messages


def trigger_problems(limit: int = DEFAULT_LIMIT) -> list[Problem]:
    """I8: the append-only triggers (and on PostgreSQL the deferred balance
    triggers) exist and are enabled."""
    if connection.vendor == "sqlite":
        messages = _sqlite_trigger_problems()
    elif connection.vendor == "postgresql":
        messages = _postgresql_trigger_problems()
    else:
        messages = [f"cannot inspect triggers on {connection.vendor}"]
    return capped("I8", messages, limit)


def audit_problems(limit: int = DEFAULT_LIMIT) -> list[Problem]:
    """I9: the audit trail's hash chain is intact."""
    return capped("I9", (p.message for p in audit_chain_problems()), limit)


def _entry_counters(
    rows: Iterable[tuple[int, int, int]], sign: int
) -> dict[int, Counter[tuple[int, int]]]:
    counters: dict[int, Counter[tuple[int, int]]] = {}
    for key, account_id, amount in rows:
        counters.setdefault(key, Counter())[(account_id, sign * amount)] += 1
    return counters


def reversal_problems(limit: int = DEFAULT_LIMIT) -> list[Problem]:
    """A reversal carries exactly the negated entries of its original."""
    reversals = dict(
        LedgerTransaction.objects.filter(reverses__isnull=False).values_list(
            "pk", "reverses_id"
        )
    )
    if not reversals:
        return []
    given = _entry_counters(
        Entry.objects.filter(transaction_id__in=reversals).values_list(
            "transaction_id", "account_id", "amount_cents"
        ),
        1,
    )
    negated = _entry_counters(
        Entry.objects.filter(transaction_id__in=reversals.values()).values_list(
            "transaction_id", "account_id", "amount_cents"
        ),
        -1,
    )
    wrong = sorted(
        pk
        for pk, original in reversals.items()
        if given.get(pk, Counter()) != negated.get(original, Counter())
    )
    uuids = dict(
        LedgerTransaction.objects.filter(
            pk__in=[*wrong, *(reversals[pk] for pk in wrong)]
        ).values_list("pk", "uuid")
    )
    return capped(
        "reversals",
        (
            f"transaction {uuids[pk]} reverses {uuids[reversals[pk]]} but does not "
            "carry exactly its negated entries"
            for pk in wrong
        ),
        limit,
    )


# The ledger's own checks; ``all_checks()`` adds those of the apps above it.
CHECKS: tuple[Check, ...] = (
    Check(
        "I1",
        "every transaction balances with at least 2 entries",
        unbalanced_transaction_problems,
    ),
    Check("I2", "all entries together sum to 0", ledger_total_problems),
    Check("I3", "cached balances equal the sums of entries", cached_balance_problems),
    Check("I4", "no account below zero that may not be", negative_balance_problems),
    Check("I8", "append-only and balance triggers in place", trigger_problems),
    Check("I9", "audit hash chain intact", audit_problems),
    Check("reversals", "reversals negate their originals", reversal_problems),
)


def discovered_checks() -> tuple[Check, ...]:
    """The ``CHECKS`` of every installed app's ``ledger_checks`` module, in the order
    of INSTALLED_APPS."""
    found: list[Check] = []
    for app in apps.get_app_configs():
        if not module_has_submodule(app.module, CHECKS_MODULE):
            continue
        module = import_module(f"{app.name}.{CHECKS_MODULE}")
        for check in getattr(module, "CHECKS", ()):
            if not isinstance(check, Check):
                raise TypeError(f"{app.name}.{CHECKS_MODULE}.CHECKS holds {check!r}")
            found.append(check)
    return tuple(found)


def all_checks() -> tuple[Check, ...]:
    """The ledger's checks followed by the discovered ones."""
    return CHECKS + discovered_checks()


def ledger_problems(limit: int = DEFAULT_LIMIT) -> list[Problem]:
    """Every problem found by every check, the discovered ones included."""
    return [problem for check in all_checks() for problem in check.run(limit)]


@dataclass(frozen=True)
class LedgerSummary:
    accounts: int
    transactions: int
    reversals: int
    entries: int
    audit_events: int


def ledger_summary() -> LedgerSummary:
    return LedgerSummary(
        accounts=Account.objects.count(),
        transactions=LedgerTransaction.objects.count(),
        reversals=LedgerTransaction.objects.filter(reverses__isnull=False).count(),
        entries=Entry.objects.count(),
        audit_events=audit_event_count(),
    )
