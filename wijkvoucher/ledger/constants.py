from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountKind(models.TextChoices):
    FUNDING = "funding", _("funding by the council")
    BUDGET = "budget", _("budget period")
    # Money set aside for one initiative by its beschikking (decisions app).
    RESERVED = "reserved", _("reserved for an initiative")
    VOUCHER = "voucher", _("voucher")
    PROVIDER_PAYABLE = "provider_payable", _("owed to a provider")
    PAYOUT_CLEARING = "payout_clearing", _("paid out")
    RETURNED = "returned", _("expired or returned")


class TransactionKind(models.TextChoices):
    BUDGET_PUBLISH = "budget.publish", _("budget ceiling published")
    DECISION_RESERVE = "decision.reserve", _("reserved by a beschikking")
    DECISION_RELEASE = "decision.release", _("reservation released")
    REVERSAL = "reversal", _("reversal")
    ADJUSTMENT = "adjustment", _("adjustment")
