"""What the services of the decisions app share: the lock on the initiative, the
official's check, the residents to tell and the texts they write."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from wijkvoucher.decisions.constants import (
    DecisionOutcome,
)
from wijkvoucher.initiatives.constants import InitiativeStatus, ReasonCode
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.permissions import is_wijk_official
from wijkvoucher.neighbourhoods.constants import AuthorityMode

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


S = InitiativeStatus


DO = DecisionOutcome


BINDING_MODES = frozenset({AuthorityMode.BINDING_ADVICE, AuthorityMode.MANDATE})


def _lock_initiative(initiative: Initiative) -> Initiative:
    return (
        Initiative.objects.select_for_update(of=("self",))
        .select_related(
            "neighbourhood__municipality", "regulation_version", "initiator"
        )
        .get(pk=initiative.pk)
    )


def _require_official(actor: User, initiative: Initiative) -> None:
    """A wijk official, and never on their own plan."""
    if actor.pk == initiative.initiator_id or not is_wijk_official(
        user=actor, initiative=initiative
    ):
        raise PermissionDenied


def _initiators(initiative: Initiative) -> list[User]:
    """The initiator and the co-initiators who accepted (and were not revoked)."""
    people: list[User] = [initiative.initiator]
    co_initiators = getattr(initiative, "co_initiators", None)
    if co_initiators is not None:
        for co in co_initiators.filter(
            accepted_at__isnull=False, revoked_at__isnull=True, user__isnull=False
        ).select_related("user"):
            people.append(co.user)
    return people


def _text(value: str) -> str:
    return value.strip()


def _reason(reason_code: str, motivation: str) -> tuple[str, str]:
    if not reason_code or not motivation:
        raise ValidationError(
            _("Give a reason and explain it in plain words."), code="reason_required"
        )
    if reason_code not in ReasonCode.values:
        raise ValidationError(
            _("Choose a reason from the list."), code="unknown_reason"
        )
    return reason_code, motivation
