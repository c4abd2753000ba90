"""``manage.py audit_seal``: chain the audit events that are waiting for their seal
(docs/adr/0010-audit-events-sealed-after-commit.md). Writes seal themselves soon after
they commit; run this every minute (cron or systemd timer, docs/deployment.md) so that
the last events before a quiet spell are sealed too."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from wijkvoucher.core.services import audit_seal


class Command(BaseCommand):
    help = "Seal the audit events that are waiting, in the hash chain."

    def handle(self, *args: Any, **options: Any) -> None:
        sealed = audit_seal()
        if options["verbosity"] >= 1:
            self.stdout.write(f"audit_seal: {sealed} event(s) sealed")
