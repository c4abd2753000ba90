"""``manage.py audit_verify``: seal what is waiting, then re-check the audit trail's hash
chain (docs/money.md#the-invariants, I9; docs/adr/0010). Exits non-zero naming the rows
that were edited, removed or unlinked."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wijkvoucher.core.selectors import audit_chain_problems, audit_event_count
from wijkvoucher.core.services import audit_seal


class Command(BaseCommand):
    help = (
        "Verify the audit trail's hash chain; exit non-zero naming the rows that "
        "were edited or removed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-seal",
            action="store_true",
            help="Check the chain as it is, without sealing waiting events first.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["no_seal"]:
            audit_seal()
        problems = audit_chain_problems()
        if problems:
            lines = [f"audit_verify: {problem.message}" for problem in problems]
            raise CommandError(
                "\n".join([*lines, f"audit trail broken: {len(problems)} problem(s)"])
            )
        self.stdout.write(f"audit_verify: {audit_event_count()} events, chain intact")
