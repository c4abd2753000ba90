from __future__ import annotations

from typing import Any

from wijkvoucher.core.models import AuditEvent
from wijkvoucher.initiatives.models import (
    BudgetLine,
    Initiative,
    OwnContribution,
    StatusChange,
)


def snapshot(initiative: Initiative) -> tuple[Any, ...]:
    """Counts of audit events, status changes, lines and contributions, and the
    initiative's row: compare before and after a refusal."""
    row: dict[str, Any] = dict(
        Initiative.objects.filter(pk=initiative.pk).values().get()
    )
    row.pop("updated_at")
    return (
        AuditEvent.objects.count(),
        StatusChange.objects.count(),
        BudgetLine.objects.count(),
        OwnContribution.objects.count(),
        row,
    )
