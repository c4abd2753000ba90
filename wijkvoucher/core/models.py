"""Shared base model and the append-only, hash-chained audit trail."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.constants import AuditResult

# The previous_hash of the first audit event, and the chain head of an empty trail.
GENESIS_HASH = "0" * 64


def audit_hash(previous_hash: str, canonical: dict[str, Any]) -> str:
    """sha256(previous hash || canonical JSON of the row): the link of the chain."""
    body = json.dumps(
        canonical,
        sort_keys=True,
        separators=(",", ":"),
        cls=DjangoJSONEncoder,
        allow_nan=False,
    )
    return hashlib.sha256((previous_hash + body).encode()).hexdigest()


class BaseModel(models.Model):
    created_at = models.DateTimeField(
        _("created at"), default=timezone.now, db_index=True
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """One row per write service call (BIO2 8.15.01: action, object, result, origin,
    actor, timestamp). Never deleted, and never changed except for its seal: database
    triggers refuse the rest. A write inserts the row unsealed (no sequence, no hash);
    ``audit_seal`` then gives it its place in the chain and sha256(previous hash ||
    canonical row), so that editing history by hand is detected by ``manage.py
    audit_verify`` (docs/adr/0010-audit-events-sealed-after-commit.md)."""

    sequence = models.PositiveBigIntegerField(
        _("sequence"), unique=True, null=True, blank=True
    )
    created_at = models.DateTimeField(_("time (UTC)"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(_("actor label"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=100)
    subject_type = models.ForeignKey(  # indexed with subject_id in Meta.indexes
        ContentType,
        verbose_name=_("object type"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    subject_id = models.CharField(_("object id"), max_length=64, blank=True)
    subject_label = models.CharField(_("object"), max_length=300, blank=True)
    result = models.CharField(
        _("result"),
        max_length=20,
        choices=AuditResult.choices,
        default=AuditResult.SUCCESS,
    )
    origin = models.CharField(_("origin"), max_length=200, blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    # NULL until sealed (docs/adr/0010). No index on the hash: it covers the unique
    # sequence, so two events cannot share one, and nothing looks events up by it.
    # Every index here is paid twice per event, at the insert and at the seal.
    previous_hash = models.CharField(  # noqa: DJ001
        _("previous hash"), max_length=64, null=True, blank=True
    )
    hash = models.CharField(_("hash"), max_length=64, null=True, blank=True)  # noqa: DJ001

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id"]),
            models.Index(fields=["action"], name="audit_event_action"),
            models.Index(
                fields=["id"],
                condition=models.Q(hash__isnull=True),
                name="audit_event_unsealed",
            ),
        ]

    def __str__(self) -> str:
        place = self.sequence if self.sequence is not None else f"id {self.pk}"
        return f"#{place} {self.action} {self.subject_label}"

    def canonical(self) -> dict[str, Any]:
        """The fields the hash covers, in a stable form."""
        return {
            "sequence": self.sequence,
            "created_at": self.created_at.astimezone(dt.UTC).isoformat(),
            "actor_id": self.actor_id,
            "actor_label": self.actor_label,
            "action": self.action,
            "subject_type_id": self.subject_type_id,
            "subject_id": self.subject_id,
            "subject_label": self.subject_label,
            "result": self.result,
            "origin": self.origin,
            "data": self.data,
        }

    def computed_hash(self) -> str:
        return audit_hash(self.previous_hash or "", self.canonical())


class AuditChainHead(models.Model):
    """A single row holding the tip of the hash chain. ``audit_seal`` locks it, so that
    two seals never interleave and every sealed row's previous_hash is the row before
    it; writers never touch it. The row is created by migration core 0003."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    sequence = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("audit chain head")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(id=1), name="audit_head_singleton"
            )
        ]

    def __str__(self) -> str:
        return f"{self.sequence}:{self.hash[:12]}"


class StatusHistory(models.Model):
    """One step of a status machine whose history money or the law needs (vouchers,
    claims, payout batches, objections): which row, which machine, from, to, by whom,
    when and by which action. Written only by ``core.transitions``; append-only: the
    database refuses UPDATE and DELETE (migration core 0004)."""

    subject_type = models.ForeignKey(
        ContentType,
        verbose_name=_("object type"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    subject_id = models.CharField(_("object id"), max_length=64)
    machine = models.CharField(_("status machine"), max_length=50)
    action = models.CharField(_("action"), max_length=100)
    from_status = models.CharField(_("from"), max_length=30)
    to_status = models.CharField(_("to"), max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("status history")
        verbose_name_plural = _("status history")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(from_status=models.F("to_status")),
                name="status_history_moves",
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.machine} {self.subject_id}: {self.from_status} → {self.to_status}"
        )


class SecurityEvent(models.Model):
    """Refusals counted per 10-minute window, client address, person or API key and
    reason (ASVS 16.3): failed or revoked API keys, access denials, CSRF failures,
    rate limits and refused money steps. Not part of the audit trail and not
    hash-chained: a flood of refusals is counted on one row, written by an upsert
    (docs/adr/0014-security-events.md). Holds no codes, tokens or e-mail addresses;
    ``actor_id`` and ``key_id`` are plain numbers (0: none), so that purging an
    account or a key never waits for this table."""

    window_start = models.DateTimeField(_("window start"))
    reason = models.CharField(_("reason"), max_length=60)
    # The client's address, or "*" for refusals counted together once a window has
    # SECURITY_ROWS_PER_WINDOW rows.
    client = models.CharField(_("client address"), max_length=45)
    actor_id = models.BigIntegerField(_("person"), default=0)
    key_id = models.BigIntegerField(_("API key"), default=0)
    method = models.CharField(_("method"), max_length=8, blank=True)
    # The path of the first refusal of the row (never the query string).
    path = models.CharField(_("path"), max_length=200, blank=True)
    count = models.PositiveIntegerField(_("count"), default=1)
    first_at = models.DateTimeField(_("first"))
    last_at = models.DateTimeField(_("last"))

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security events")
        constraints = [
            models.UniqueConstraint(
                fields=["window_start", "reason", "client", "actor_id", "key_id"],
                name="security_event_window_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.window_start:%Y-%m-%d %H:%M} {self.reason} {self.client}"
