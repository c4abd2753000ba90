"""The one transition helper of the regiegroep: every meeting and agenda-item status
change goes through ``regiegroep_transition``, which checks the tables in
``regiegroep.workflows`` (``core.transitions`` locks and writes)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from wijkvoucher.core.transitions import Refuse, status_transition, step_check
from wijkvoucher.core.workflow import Machine, Step
from wijkvoucher.regiegroep.models import AgendaItem, Meeting
from wijkvoucher.regiegroep.services.guards import (
    item_status_refusal,
    meeting_status_refusal,
)
from wijkvoucher.regiegroep.workflows import MEETING

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


def _refusal(machine: Machine) -> Refuse:
    return meeting_status_refusal if machine is MEETING else item_status_refusal


def regiegroep_step_check(
    *, machine: Machine, row: Meeting | AgendaItem, to: str, action: str
) -> Step:
    """Refuse a step the table does not allow now (before any other write)."""
    return step_check(
        machine=machine, row=row, to=to, action=action, refuse=_refusal(machine)
    )


def regiegroep_transition(
    *,
    actor: User,
    machine: Machine,
    row: Meeting | AgendaItem,
    to: str,
    action: str,
    fields: dict[str, Any] | None = None,
    audit_subject: models.Model | None = None,
    audit_data: dict[str, Any] | None = None,
) -> Step:
    """Lock, check the table (the app's ``ValidationError`` when it refuses), write
    the status with ``fields`` and the audit event of the step's action."""
    return status_transition(
        machine=machine,
        row=row,
        to=to,
        action=action,
        actor=actor,
        refuse=_refusal(machine),
        fields=fields,
        audit_subject=audit_subject,
        audit_data=audit_data,
    )
