"""``manage.py ledger_verify``: re-check the ledger invariants of docs/money.md#the-invariants.

The ledger's own checks run first, then those of every app with a ``ledger_checks``
module (the vouchers app adds I5, I6, I7 and I10). Exits non-zero naming every problem
(account code, transaction uuid, amounts). Run it nightly, after a restore and after
crash tests."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from wijkvoucher.ledger.verify import (
    DEFAULT_LIMIT,
    Problem,
    all_checks,
    ledger_summary,
)


class Command(BaseCommand):
    help = (
        "Verify the ledger and audit-trail invariants (docs/money.md#the-invariants); exit "
        "non-zero naming what is wrong."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--limit",
            type=int,
            default=DEFAULT_LIMIT,
            help="Show at most this many problems per invariant.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        limit: int = options["limit"]
        problems: list[Problem] = []
        for check in all_checks():
            found = check.run(limit)
            status = f"{len(found)} problem(s)" if found else "ok"
            self.stdout.write(f"{check.invariant}: {status} — {check.description}")
            problems.extend(found)
        if problems:
            lines = [f"  {p.invariant}: {p.message}" for p in problems]
            raise CommandError(
                "\n".join([f"ledger_verify found {len(problems)} problem(s):", *lines])
            )
        s = ledger_summary()
        self.stdout.write(
            f"ledger_verify: clean — {s.accounts} accounts, {s.transactions} "
            f"transactions ({s.reversals} reversals), {s.entries} entries, "
            f"{s.audit_events} audit events"
        )
