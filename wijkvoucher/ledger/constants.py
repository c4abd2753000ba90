from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountKind(models.TextChoices):
    FUNDING = "funding", _("funding by the council")
    BUDGET = "budget", _("budget period")
    # Money set aside for one initiative by its beschikking (decisions app).
    RESERVED = "reserved", _("reserved for an initiative")
    VOUCHER = "voucher", _("voucher")
    PROVIDER_PAYABLE = "provider_payable", _("owed to a provider")
    # What a provider owes back: a refund of money already sent to its bank. Like
    # the funding account it is a source of money, so its balance is zero or below
    # (minus what the provider owes); the next payout to the provider nets it.
    PROVIDER_OWED = "provider_owed", _("owed by a provider")
    # Approved reimbursements and advances, owed to an initiative's initiator.
    INITIATOR_PAYABLE = "initiator_payable", _("owed to an initiator")
    # Payout lines of an approved batch: in the bank file, not yet marked paid.
    PAYOUT_COMMITTED = "payout_committed", _("sent to the bank")
    PAYOUT_CLEARING = "payout_clearing", _("paid out")
    RETURNED = "returned", _("expired or returned")
    # What an initiator must pay back after a terugvordering (accountability app).
    RECEIVABLE = "receivable", _("owed back by an initiator")
    # Per municipality: what it forgave of terugvorderingen (kwijtschelding). The
    # receivable is written off to it; its balance only grows.
    WRITTEN_OFF = "written_off", _("waived claims")


class TransactionKind(models.TextChoices):
    BUDGET_PUBLISH = "budget.publish", _("budget ceiling published")
    DECISION_RESERVE = "decision.reserve", _("reserved by a beschikking")
    DECISION_RELEASE = "decision.release", _("reservation released")
    VOUCHER_ISSUE = "voucher.issue", _("voucher issued")
    VOUCHER_REPLACE = "voucher.replace", _("blocked voucher replaced")
    VOUCHER_REDEEM = "voucher.redeem", _("voucher redeemed at a provider")
    VOUCHER_REFUND = "voucher.refund", _("redemption refunded")
    VOUCHER_EXPIRE = "voucher.expire", _("voucher expired, balance returned")
    VOUCHER_VOID = "voucher.void", _("voucher voided, balance returned")
    CLAIM_APPROVE = "claim.approve", _("reimbursement or advance approved")
    PAYOUT_COMMIT = "payout.commit", _("payout batch approved for the bank")
    PAYOUT = "payout", _("paid out by bank transfer")
    # A terugvordering: the initiator owes money back (receivable up, funding down),
    # and what comes in goes to the wijk budget (accountability app, I12/I13).
    RECOVERY_CLAIM = "recovery.claim", _("money reclaimed from an initiator")
    RECOVERY_RECEIVE = "recovery.receive", _("reclaimed money received")
    # The rest of a terugvordering is waived: receivable down, written off up.
    RECOVERY_WAIVE = "recovery.waive", _("reclaimed money waived")
    REVERSAL = "reversal", _("reversal")
    ADJUSTMENT = "adjustment", _("adjustment")
