"""Certifying a consultation: count the current ballots, store the result, and make
every ballot untraceable (docs/voting.md rule 4)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wijkvoucher.consultations.constants import ConsultationStatus
from wijkvoucher.consultations.models import Consultation
from wijkvoucher.consultations.selectors_manage import consultation_tally
from wijkvoucher.consultations.services.guards import (
    consultation_lock,
    purpose_ended,
    require_organiser,
)
from wijkvoucher.consultations.services.transitions import (
    consultations_step_check,
    consultations_transition,
)
from wijkvoucher.consultations.workflow import CERTIFY, CONSULTATION

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


@transaction.atomic
def consultation_certify(*, actor: User, consultation: Consultation) -> Consultation:
    """Published → certified, once the vote has closed (server time). Counts the
    current ballots with the consultation's rule (a poll: its stances and comments)
    and stores the result; then destroys the link key, writes every ballot anew
    without its link and in random order, and blanks the letters' addresses and the
    paper entries. The result and the receipts stay: anyone can recount the
    published ballot list."""
    locked = consultation_lock(consultation)
    require_organiser(actor=actor, neighbourhood=locked.neighbourhood)
    consultations_step_check(
        machine=CONSULTATION,
        row=locked,
        to=ConsultationStatus.CERTIFIED,
        action=CERTIFY,
    )
    now = timezone.now()
    if now < locked.closes_at:
        raise ValidationError(
            _("The vote is still open until %(moment)s."),
            code="still_open",
            params={
                "moment": date_format(
                    timezone.localtime(locked.closes_at), "DATETIME_FORMAT"
                )
            },
        )
    result = consultation_tally(locked)
    counts = purpose_ended(locked)
    consultations_transition(
        actor=actor,
        machine=CONSULTATION,
        row=locked,
        to=ConsultationStatus.CERTIFIED,
        action=CERTIFY,
        fields={
            "result": result,
            "ballot_key": None,
            "certified_at": now,
            "certified_by": actor,
        },
        audit_data={
            **counts,
            "selected": result.get("selected"),
            "rule": result.get("rule"),
        },
    )
    return locked
