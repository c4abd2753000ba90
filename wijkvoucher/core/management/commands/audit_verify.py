from typing import Any

from django.core.management.base import BaseCommand, CommandError

from wijkvoucher.core.models import AuditEvent
from wijkvoucher.core.selectors import audit_chain_problems


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain; exit non-zero naming the rows that were edited."

    def handle(self, *args: Any, **options: Any) -> None:
        problems = audit_chain_problems()
        if problems:
            for problem in problems:
                self.stderr.write(f"audit_verify: {problem.message}")
            raise CommandError(f"audit trail broken: {len(problems)} problem(s)")
        self.stdout.write(
            f"audit_verify: {AuditEvent.objects.count()} events, chain intact"
        )
