"""``manage.py audit_verify``: re-check the audit trail's hash chain (docs/money.md#the-invariants,
I9). Exits non-zero naming the rows that were edited, removed or unlinked."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from wijkvoucher.core.selectors import audit_chain_problems, audit_event_count


class Command(BaseCommand):
    help = (
        "Verify the audit trail's hash chain; exit non-zero naming the rows that "
        "were edited or removed."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        problems = audit_chain_problems()
        if problems:
            lines = [f"audit_verify: {problem.message}" for problem in problems]
            raise CommandError(
                "\n".join([*lines, f"audit trail broken: {len(problems)} problem(s)"])
            )
        self.stdout.write(f"audit_verify: {audit_event_count()} events, chain intact")
