from typing import Any

from django.core.management.base import BaseCommand

from wijkvoucher.accounts.retention import (
    accounts_unused_purge,
    otp_devices_unconfirmed_purge,
    sessions_expired_purge,
)
from wijkvoucher.core.security_events import security_events_purge
from wijkvoucher.vouchers.services.idempotency import idempotency_keys_purge


class Command(BaseCommand):
    """The hourly retention run (issue #14 point 8): each app that keeps something
    for a while removes what is past its time. It lives in work, above all of them,
    next to deadlines_run."""

    help = (
        "Remove what is kept no longer than its retention period: API idempotency "
        "keys, expired sessions, unconfirmed authenticator set-ups, accounts that "
        "never signed in, and old security events (docs/configuration.md#retention). "
        "Run it every hour from cron or a systemd timer."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        removed = {
            "idempotency keys": idempotency_keys_purge(),
            "expired sessions": sessions_expired_purge(),
            "unconfirmed authenticator set-ups": otp_devices_unconfirmed_purge(),
            "accounts that never signed in": accounts_unused_purge(),
            "security events": security_events_purge(),
        }
        for what, count in removed.items():
            self.stdout.write(f"Removed {count} {what}.")
