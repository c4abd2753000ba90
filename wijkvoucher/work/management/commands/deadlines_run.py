from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from wijkvoucher.accountability.tasks import accountability_scan
from wijkvoucher.core.services import audit_seal
from wijkvoucher.initiatives.tasks import deadlines_scan
from wijkvoucher.notifications.services import notification_emails_retry
from wijkvoucher.regiegroep.tasks import meeting_cutoff_scan


class Command(BaseCommand):
    """The hourly run: it asks each app that owns a deadline (initiatives for the
    decision terms, regiegroep for the meeting cut-offs, notifications for e-mails
    to try again) to do its part. It lives in work, above all of them."""

    help = (
        "Enqueue the deadline scans (decision terms, hersteltermijnen and regiegroep "
        "meeting cut-offs, accountability reports and vaststelling terms; each reminder is sent once) and "
        "e-mails to try again. Run it every hour from cron or a systemd timer; "
        "--now runs the scan here instead of in the task worker."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--now", action="store_true", help="Run the scan now, in this process."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # A catch-up only: audit_seal runs every minute (docs/deployment.md).
        sealed = audit_seal()
        if sealed:
            self.stdout.write(f"Audit events sealed: {sealed}.")
        retried = notification_emails_retry()
        if options["now"]:
            sent = deadlines_scan.call()
            meetings = meeting_cutoff_scan.call()
            accountability = accountability_scan.call()
            self.stdout.write(
                f"Deadline scan done: {sent} reminder(s) sent, "
                f"{meetings} meeting cut-off reminder(s), "
                f"{accountability} accountability reminder(s)."
            )
        else:
            result = deadlines_scan.enqueue()
            meeting_cutoff_scan.enqueue()
            accountability_scan.enqueue()
            self.stdout.write(f"Deadline scan enqueued (task {result.id}).")
        if retried:
            self.stdout.write(f"E-mails enqueued again: {retried}.")
