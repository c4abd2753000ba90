"""Vouchers and what happens to them: redemptions at a provider, refunds, and the
idempotency keys of the provider API (issue #4).

Money itself lives only in the ledger (``wijkvoucher.ledger``); the rows here describe
what each ledger transaction was for and carry the constraints that belong to them
(refunded never more than redeemed, one idempotency key once). docs/adr/0009 explains
the chart of accounts."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.models import BaseModel
from wijkvoucher.vouchers.constants import Channel, VoucherStatus


class Voucher(BaseModel):
    """A waardebon: a bearer code worth its ledger account's balance, spendable at
    approved providers until ``valid_until``. ``status`` follows the balance and the
    flags; only the services in ``services/`` change it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    number = models.CharField(_("number"), max_length=50, unique=True)
    # The bearer secret: 80 random bits in Crockford base32, XXXX-XXXX-XXXX-XXXX.
    code = models.CharField(_("code"), max_length=19, unique=True)
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        related_name="vouchers",
    )
    decision = models.ForeignKey(
        "decisions.Decision",
        verbose_name=_("decision"),
        on_delete=models.PROTECT,
        related_name="vouchers",
    )
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("wijk"),
        on_delete=models.PROTECT,
        related_name="vouchers",
    )
    budget_period = models.ForeignKey(
        "neighbourhoods.BudgetPeriod",
        verbose_name=_("budget period"),
        on_delete=models.PROTECT,
        related_name="vouchers",
    )
    account = models.OneToOneField(
        "ledger.Account",
        verbose_name=_("ledger account"),
        on_delete=models.PROTECT,
        related_name="voucher",
    )
    amount_cents = models.PositiveBigIntegerField(_("value at issue (cents)"))
    valid_until = models.DateField(_("valid until"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=VoucherStatus.choices,
        default=VoucherStatus.ISSUED,
        db_index=True,
    )
    shared_with_coinitiators = models.BooleanField(
        _("shared with co-initiators"), default=False
    )
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    close_reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("voucher")
        verbose_name_plural = _("vouchers")
        ordering = ["initiative", "number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_cents__gt=0), name="voucher_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.number


class Redemption(BaseModel):
    """Part or all of a voucher spent at a provider: one ledger transaction from the
    voucher to the provider's payable account."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    voucher = models.ForeignKey(
        Voucher,
        verbose_name=_("voucher"),
        on_delete=models.PROTECT,
        related_name="redemptions",
    )
    provider = models.ForeignKey(
        "providers.Provider",
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="redemptions",
    )
    amount_cents = models.PositiveBigIntegerField(_("amount (cents)"))
    refunded_cents = models.PositiveBigIntegerField(_("refunded (cents)"), default=0)
    description = models.CharField(_("what was bought"), max_length=300)
    reference = models.CharField(_("invoice reference"), max_length=100, blank=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    # The provider was connected to the initiator (same address, or a co-initiator)
    # when the voucher was spent: the cash manager sees it before paying out.
    connected = models.BooleanField(_("connected to the initiator"), default=False)
    # Its money is on a line of an approved (or paid) payout batch: sent to the bank.
    # A refund of it is then owed by the provider (docs/adr/0013-committed-payouts.md).
    payout_committed = models.BooleanField(_("in a payout to the bank"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    transaction = models.OneToOneField(
        "ledger.LedgerTransaction",
        verbose_name=_("ledger transaction"),
        on_delete=models.PROTECT,
        related_name="redemption",
    )

    class Meta:
        verbose_name = _("redemption")
        verbose_name_plural = _("redemptions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_cents__gt=0),
                name="redemption_amount_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(refunded_cents__lte=models.F("amount_cents")),
                name="redemption_refund_at_most_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.voucher} @ {self.provider}: {self.amount_cents}"

    @property
    def number(self) -> str:
        """The redemption number the provider sees and the bank description names."""
        return str(self.pk)

    @property
    def refundable_cents(self) -> int:
        return int(self.amount_cents) - int(self.refunded_cents)


class Refund(BaseModel):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    redemption = models.ForeignKey(
        Redemption,
        verbose_name=_("redemption"),
        on_delete=models.PROTECT,
        related_name="refunds",
    )
    amount_cents = models.PositiveBigIntegerField(_("amount (cents)"))
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    transaction = models.OneToOneField(
        "ledger.LedgerTransaction",
        verbose_name=_("ledger transaction"),
        on_delete=models.PROTECT,
        related_name="refund",
    )

    class Meta:
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_cents__gt=0), name="refund_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"refund {self.amount_cents} of {self.redemption_id}"


class IdempotencyKey(models.Model):
    """One API request with an ``Idempotency-Key`` header (Stripe semantics). The row is
    inserted first in the request's one transaction and holds its answer when that
    commits, so a stored key always had exactly the effect it reports (docs/adr/0010)."""

    provider = models.ForeignKey(
        "providers.Provider",
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    key = models.CharField(_("key"), max_length=255)
    request_digest = models.CharField(_("request digest"), max_length=64)
    response_status = models.PositiveSmallIntegerField(
        _("response status"), null=True, blank=True
    )
    response_body = models.TextField(_("response body"), blank=True)
    created_at = models.DateTimeField(
        _("created at"), default=timezone.now, db_index=True
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "key"], name="idempotency_key_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.key
