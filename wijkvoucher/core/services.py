"""Write services of core: the audit trail."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from wijkvoucher.core.constants import AuditResult
from wijkvoucher.core.models import AuditChainHead, AuditEvent
from wijkvoucher.core.origin import current_origin

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


def audit_hash(previous_hash: str, canonical: dict[str, Any]) -> str:
    body = json.dumps(
        canonical, sort_keys=True, separators=(",", ":"), cls=DjangoJSONEncoder
    )
    return hashlib.sha256((previous_hash + body).encode()).hexdigest()


def _json_safe(data: dict[str, Any]) -> dict[str, Any]:
    # Round-trip so that what we hash is exactly what the JSON column gives back.
    result: dict[str, Any] = json.loads(json.dumps(data, cls=DjangoJSONEncoder))
    return result


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
    the event exists exactly when the write does."""
    with transaction.atomic():
        head, _created = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        event = AuditEvent(
            sequence=head.sequence + 1,
            created_at=timezone.now(),
            actor=actor if actor is not None and actor.pk else None,
            actor_label=str(actor.email)
            if actor is not None and actor.pk
            else "system",
            action=action,
            subject_type=ContentType.objects.get_for_model(subject)
            if subject
            else None,
            subject_id=str(subject.pk) if subject is not None else "",
            subject_label=str(subject)[:300] if subject is not None else "",
            result=result,
            origin=(origin if origin is not None else current_origin())[:200],
            data=_json_safe(data or {}),
            previous_hash=head.hash,
        )
        event.hash = audit_hash(head.hash, event.canonical())
        event.save(force_insert=True)
        AuditChainHead.objects.filter(pk=1).update(
            sequence=event.sequence, hash=event.hash
        )
    return event
