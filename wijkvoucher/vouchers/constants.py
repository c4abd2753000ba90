"""Choices and fixed numbers of vouchers and redemptions (issue #4)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

# Days an initiator has to dispute a redemption at a provider.
DISPUTE_DAYS = 14
IDEMPOTENCY_KEY_MAX_LENGTH = 255


class VoucherStatus(models.TextChoices):
    ISSUED = "issued", _("issued")
    PARTLY_REDEEMED = "partly_redeemed", _("partly spent")
    REDEEMED = "redeemed", _("spent")
    EXPIRED = "expired", _("expired")
    BLOCKED = "blocked", _("blocked")
    VOIDED = "voided", _("voided")


# A voucher in one of these states can still be spent (if it has a balance and has not
# passed its end date).
SPENDABLE = frozenset({VoucherStatus.ISSUED, VoucherStatus.PARTLY_REDEEMED})
# Closed: the balance has gone back (expired, voided) or moved on (blocked → replaced).
CLOSED = frozenset({VoucherStatus.EXPIRED, VoucherStatus.BLOCKED, VoucherStatus.VOIDED})


class Channel(models.TextChoices):
    PORTAL = "portal", _("provider portal")
    API = "api", _("API")
    CASH_MANAGER = "cash_manager", _("cash manager")
