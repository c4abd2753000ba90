"""The one transition helper of the providers app: every step of a provider's
application goes through ``providers_transition``, which checks the table
(``providers/workflow.py``), refuses with the app's ``ValidationError`` and nothing
changed, and lets ``core.transitions`` lock and write the status and the audit
event."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.transitions import AppTransitions, Refuse
from wijkvoucher.providers.constants import ProviderReviewStatus
from wijkvoucher.providers.workflow import PROVIDER_REVIEW

if TYPE_CHECKING:
    pass


def provider_review_refusal(provider: Any, *_step: str) -> ValidationError:
    return ValidationError(
        _("This is not possible now: the application is %(state)s."),
        code="invalid_review_step",
        params={"state": ProviderReviewStatus(provider.review_state).label},
    )


REFUSALS: dict[str, Refuse] = {PROVIDER_REVIEW.name: provider_review_refusal}


_TRANSITIONS = AppTransitions(REFUSALS)
# Refuse a step the table does not allow now, before any other write.
providers_step_check = _TRANSITIONS.check
# Lock, check the table, write the status with ``fields``, the history row (for
# the machines that keep one) and the audit event of the step's action (unless
# ``audit`` is false: the service records the event of its wider write).
providers_transition = _TRANSITIONS.transition
