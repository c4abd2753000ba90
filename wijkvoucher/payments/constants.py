"""Choices and fixed numbers of disputes, claims and payouts (issue #4)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


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
    # Approved, but the bank did not pay it out: the approval is reversed.
    FAILED = "failed", _("not paid out by the bank")


# Approved or paid: the lines are in a bank file, committed money (docs/adr/0013).
COMMITTED_PAYOUT = frozenset({PayoutStatus.APPROVED, PayoutStatus.PAID})

OPEN_PAYOUT = frozenset({PayoutStatus.PREPARED, PayoutStatus.APPROVED})
