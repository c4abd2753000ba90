"""Choices and fixed numbers of the money part (issue #4)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

# Days an initiator has to dispute a redemption at a provider.
DISPUTE_DAYS = 14
# An idempotency key whose request has not finished after this many seconds is
# considered abandoned (the process died); a retry with the same key may take it over.
IDEMPOTENCY_LOCK_SECONDS = 60
# Keys are kept at least this long (Stripe: may be pruned when 24 hours old).
IDEMPOTENCY_KEEP_HOURS = 24
IDEMPOTENCY_KEY_MAX_LENGTH = 255


class ProviderCategory(models.TextChoices):
    MATERIALS = "materials", _("materials and tools")
    FOOD = "food", _("food and drink")
    PRINTING = "printing", _("printing and communication")
    RENTAL = "rental", _("renting space or equipment")
    GREEN = "green", _("plants and gardening")
    SERVICES = "services", _("services and guidance")
    OTHER = "other", _("other")


class ProviderReviewStatus(models.TextChoices):
    """Where a provider's application stands; the steps are in
    ``workflow_provider.PROVIDER_REVIEW``."""

    SUBMITTED = "submitted", _("waiting for review")
    RETURNED = "returned", _("returned for more information")
    REJECTED = "rejected", _("rejected")
    APPROVED = "approved", _("approved")


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


class IdempotencyState(models.TextChoices):
    IN_PROGRESS = "in_progress", _("in progress")
    COMPLETED = "completed", _("completed")


class DisputeStatus(models.TextChoices):
    OPEN = "open", _("open")
    UPHELD = "upheld", _("upheld: refunded")
    REJECTED = "rejected", _("rejected")


class ClaimKind(models.TextChoices):
    REIMBURSEMENT = "reimbursement", _("reimbursement of a receipt")
    ADVANCE = "advance", _("advance")


class ClaimStatus(models.TextChoices):
    SUBMITTED = "submitted", _("waiting for approval")
    APPROVED = "approved", _("approved, to be paid")
    REJECTED = "rejected", _("rejected")
    PAID = "paid", _("paid")


class PayeeKind(models.TextChoices):
    PROVIDER = "provider", _("provider")
    INITIATOR = "initiator", _("initiator")


class PayoutStatus(models.TextChoices):
    PREPARED = "prepared", _("prepared, waiting for a second approval")
    APPROVED = "approved", _("approved, ready for the bank")
    PAID = "paid", _("paid")
    CANCELLED = "cancelled", _("cancelled")


OPEN_PAYOUT = frozenset({PayoutStatus.PREPARED, PayoutStatus.APPROVED})
