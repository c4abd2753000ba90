from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from wijkvoucher.core.money import format_euro
from wijkvoucher.vouchers.tasks import vouchers_return_scan


class Command(BaseCommand):
    help = (
        "Enqueue the voucher scan: vouchers past their end date expire and vouchers "
        "of cancelled plans are voided; what was left goes back to the wijk budget "
        "(or the council). Run it every hour from cron or a systemd timer; --now "
        "runs it here instead of in the task worker."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--now", action="store_true", help="Run the scan now, in this process."
        )
        parser.add_argument(
            "--day", default="", help="Scan as if it were this day (YYYY-MM-DD)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            done = vouchers_return_scan.call(options["day"])
            self.stdout.write(
                f"Voucher scan done: {done['expired']} expired, {done['voided']} "
                f"voided, {format_euro(done['returned_cents'])} returned."
            )
        else:
            result = vouchers_return_scan.enqueue(options["day"])
            self.stdout.write(f"Voucher scan enqueued (task {result.id}).")
