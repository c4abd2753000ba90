"""The one transition helper of the regiegroep: every meeting and agenda-item status
change goes through ``regiegroep_transition``, which checks the tables in
``regiegroep.workflows`` (``core.transitions`` locks and writes)."""

from __future__ import annotations

from wijkvoucher.core.transitions import AppTransitions
from wijkvoucher.regiegroep.services.guards import (
    item_status_refusal,
    meeting_status_refusal,
)
from wijkvoucher.regiegroep.workflows import AGENDA_ITEM, MEETING

_TRANSITIONS = AppTransitions(
    {MEETING.name: meeting_status_refusal, AGENDA_ITEM.name: item_status_refusal}
)
# Refuse a step the table does not allow now (before any other write).
regiegroep_step_check = _TRANSITIONS.check
# Lock, check the table (the app's ``ValidationError`` when it refuses), write the
# status with ``fields`` and the audit event of the step's action.
regiegroep_transition = _TRANSITIONS.transition
