"""The one transition helper of the consultations app: every status change of a
consultation goes through ``consultations_transition``, which checks the table
(``consultations/workflow.py``), refuses with the app's ``ValidationError`` (nothing
changed), and lets ``core.transitions`` lock and write the status, the history row and
the audit event."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wijkvoucher.consultations.workflow import CONSULTATION
from wijkvoucher.core.transitions import AppTransitions, Refuse


def consultation_refusal(consultation: Any, *_step: str) -> ValidationError:
    return ValidationError(
        _("This is not possible now: the wijkraadpleging is %(status)s."),
        code="invalid_status",
        params={"status": str(consultation.get_status_display())},
    )


REFUSALS: dict[str, Refuse] = {CONSULTATION.name: consultation_refusal}

_TRANSITIONS = AppTransitions(REFUSALS)
# Refuse a step the table does not allow now, before any other write.
consultations_step_check = _TRANSITIONS.check
# Lock, check the table, write the status with ``fields``, the history row and the
# audit event of the step's action.
consultations_transition = _TRANSITIONS.transition
