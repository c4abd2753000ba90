"""The one transition helper of the decisions app: an objection's status changes
only through ``objection_transition``, which checks ``decisions.workflow.OBJECTION``
and lets ``core.transitions`` lock and write the status, the history row and the
audit event. (The beschikking moves the initiative through
``initiatives.services.initiative_transition``.)"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.transitions import status_transition
from wijkvoucher.core.workflow import Step
from wijkvoucher.decisions.models import Objection
from wijkvoucher.decisions.workflow import OBJECTION

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


def objection_refusal(objection: Any, *_step: str) -> ValidationError:
    """The refusal of a step on an objection that has been decided already."""
    return ValidationError(
        _("This objection has already been decided."), code="already_decided"
    )


def objection_may_step(objection: Objection, action: str) -> bool:
    """Whether ``action`` can start from the objection's status now."""
    return OBJECTION.current(objection) in OBJECTION.sources(action)


def objection_transition(
    *,
    actor: User,
    objection: Objection,
    to: str,
    action: str,
    fields: dict[str, Any] | None = None,
    note: str = "",
    audit_data: dict[str, Any] | None = None,
) -> Step:
    """Lock, check the table (``already_decided`` when it refuses), write the status
    with ``fields``, the history row and the audit event of the step's action."""
    return status_transition(
        machine=OBJECTION,
        row=objection,
        to=to,
        action=action,
        actor=actor,
        refuse=objection_refusal,
        fields=fields,
        note=note,
        audit_data=audit_data,
    )
