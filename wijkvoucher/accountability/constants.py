"""Choices of the accountability app: execution (progress updates, plan changes),
the accountability report, the settlement (vaststelling) and the recovery
(terugvordering). docs/accountability.md."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Photos with one progress update or one report, at most.
MAX_PHOTOS = 4
# Reminders of the accountability report: a week before it is due, and the day after.
REMINDER_BEFORE_DAYS = 7
REMINDER_AFTER_DAYS = 1
# The officials hear a week before the vaststelling term ends.
SETTLE_REMINDER_DAYS = 7
# A recovery is paid within this many weeks after its beschikking.
RECOVERY_PAY_WEEKS = 6


class ChangeStatus(models.TextChoices):
    # Within the regeling's threshold: it applies at once, nobody needs to approve.
    ACCEPTED = "accepted", _("applied (within the margin)")
    PENDING = "pending", _("waiting for approval")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("not approved")


class ChangeRoute(models.TextChoices):
    NONE = "", _("no approval needed")
    OFFICIAL = "official", _("the contact official")
    REGIEGROEP = "regiegroep", _("the regiegroep")


class RecoveryStatus(models.TextChoices):
    OPEN = "open", _("to be paid back")
    PAID = "paid", _("paid back")
    # What was still owed is forgiven by a beschikking (kwijtschelding); what was
    # paid before stays paid.
    WAIVED = "waived", _("waived")


class RecoveryReason(models.TextChoices):
    NOT_CARRIED_OUT = "not_carried_out", _("the activity was not carried out")
    NOT_AS_AWARDED = "not_as_awarded", _("the money was not spent as awarded")
    DISPUTE_UPHELD = "dispute_upheld", _("a dispute was upheld after payout")
    NO_REPORT = "no_report", _("no accountability report")
    SAMPLE_FINDING = "sample_finding", _("the sample check found a problem")
