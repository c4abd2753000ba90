"""Append-only double-entry ledger in integer euro cents (docs/adr/0005).

Invariants held by the database itself:
- an account's balance never goes below zero unless the account allows it (CHECK);
- entries, transactions and accounts are never deleted, entries and transactions
  never updated, accounts only in their cached balance (triggers, both back-ends);
- on PostgreSQL the entries of a transaction sum to zero at commit (deferred trigger).
``manage.py ledger_verify`` re-checks all of it.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.ledger.constants import AccountKind, TransactionKind


class Account(models.Model):
    code = models.CharField(_("code"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=AccountKind.choices)
    allow_negative = models.BooleanField(_("may go below zero"), default=False)
    balance_cents = models.BigIntegerField(_("balance (cents)"), default=0)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("ledger account")
        verbose_name_plural = _("ledger accounts")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(allow_negative=True)
                | models.Q(balance_cents__gte=0),
                name="ledger_account_balance_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class LedgerTransaction(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=40, choices=TransactionKind.choices)
    memo = models.CharField(_("memo"), max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reverses = models.OneToOneField(
        "self",
        verbose_name=_("reverses"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversed_by",
    )
    created_at = models.DateTimeField(
        _("created at"), default=timezone.now, db_index=True
    )

    class Meta:
        verbose_name = _("ledger transaction")
        verbose_name_plural = _("ledger transactions")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.uuid}"


class Entry(models.Model):
    transaction = models.ForeignKey(
        LedgerTransaction,
        verbose_name=_("transaction"),
        on_delete=models.PROTECT,
        related_name="entries",
    )
    account = models.ForeignKey(
        Account,
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        related_name="entries",
    )
    amount_cents = models.BigIntegerField(_("amount (cents)"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(amount_cents=0), name="ledger_entry_amount_not_zero"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account_id}: {self.amount_cents}"
