"""The initiator answers an information request (Awb 4:5): the answer goes on the
timeline and the plan goes back to "submitted", which restarts the decision clock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative, StatusChange
from wijkvoucher.initiatives.services.transitions import initiative_transition

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User

ANSWER_MAX_LENGTH = 5000


@transaction.atomic
def initiative_answer_information(
    *, actor: User, initiative: Initiative, answer: str
) -> StatusChange:
    """Information requested → submitted, by the initiator, with their answer as the
    step's text. The answer is required: sending nothing back is not an answer."""
    if actor.pk != initiative.initiator_id:
        raise PermissionDenied
    text = answer.strip()
    if not text:
        raise ValidationError(
            _("Write your answer to the question."), code="answer_required"
        )
    if len(text) > ANSWER_MAX_LENGTH:
        raise ValidationError(
            _("Your answer is too long: at most %(max)s characters."),
            code="answer_too_long",
            params={"max": ANSWER_MAX_LENGTH},
        )
    if initiative.status != InitiativeStatus.INFORMATION_REQUESTED:
        raise ValidationError(
            _("No information is being asked for this plan at the moment."),
            code="no_information_requested",
        )
    return initiative_transition(
        actor=actor,
        initiative=initiative,
        to=InitiativeStatus.SUBMITTED,
        motivation=text,
    )
