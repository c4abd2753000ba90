"""Write services of core: the audit trail."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from wijkvoucher.core.constants import AuditResult
from wijkvoucher.core.models import AuditChainHead, AuditEvent, audit_hash
from wijkvoucher.core.origin import current_origin

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User

SYSTEM_ACTOR_LABEL = "system"


def _json_safe(data: dict[str, Any]) -> dict[str, Any]:
    # Round-trip so that what we hash is exactly what the JSON column gives back:
    # dates and datetimes become ISO strings, Decimals strings. NaN and infinity are
    # refused (PostgreSQL's jsonb cannot store them).
    text = json.dumps(data, cls=DjangoJSONEncoder, allow_nan=False)
    result: dict[str, Any] = json.loads(text)
    return result


def actor_label(actor: User | None) -> str:
    """A stable, pseudonymous label: the user's uuid, never the e-mail address, so the
    append-only trail holds no contact data that an erasure request could not reach."""
    if actor is None or actor.pk is None:
        return SYSTEM_ACTOR_LABEL
    return f"user:{actor.uuid}"


def _lock_head() -> AuditChainHead:
    try:
        return AuditChainHead.objects.select_for_update().get(pk=1)
    except AuditChainHead.DoesNotExist:
        raise ImproperlyConfigured(
            "The audit chain head row is missing: run `manage.py migrate` "
            "(core 0003 creates it)."
        ) from None


def audit_record(
    *,
    actor: User | None,
    action: str,
    subject: models.Model | None = None,
    result: AuditResult = AuditResult.SUCCESS,
    data: dict[str, Any] | None = None,
    origin: str | None = None,
) -> AuditEvent:
    """Append one audit event. Call it inside the service's own transaction, so that
    the event exists exactly when the write does.

    The chain head row is locked first, which serialises appends (a row lock on
    PostgreSQL; on SQLite the IMMEDIATE transaction already holds the write lock)."""
    with transaction.atomic():
        head = _lock_head()
        event = AuditEvent(
            sequence=head.sequence + 1,
            created_at=timezone.now(),
            actor=actor if actor is not None and actor.pk else None,
            actor_label=actor_label(actor),
            action=action,
            subject_type=(
                ContentType.objects.get_for_model(subject)
                if subject is not None
                else None
            ),
            subject_id=str(subject.pk) if subject is not None else "",
            subject_label=str(subject)[:300] if subject is not None else "",
            result=result,
            origin=(origin if origin is not None else current_origin())[:200],
            data=_json_safe(data or {}),
            previous_hash=head.hash,
        )
        event.hash = audit_hash(head.hash, event.canonical())
        event.save(force_insert=True)
        head.sequence = event.sequence
        head.hash = event.hash
        head.save(update_fields=["sequence", "hash"])
    return event
