"""The one transition helper of the accountability app: a plan change's decision and
a recovery paid back go through ``accountability_transition``, which checks the table
(``accountability/workflows.py``) and refuses with the app's ``ValidationError``,
nothing changed."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wijkvoucher.accountability.workflows import PLAN_CHANGE, RECOVERY
from wijkvoucher.core.transitions import AppTransitions, Refuse


def _decided(row: Any, *_step: str) -> ValidationError:
    return ValidationError(
        _("This has already been decided (%(status)s)."),
        code="invalid_status",
        params={"status": row.get_status_display()},
    )


REFUSALS: dict[str, Refuse] = {PLAN_CHANGE.name: _decided, RECOVERY.name: _decided}

TRANSITIONS = AppTransitions(REFUSALS)
accountability_transition = TRANSITIONS.transition
