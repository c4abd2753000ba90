"""Paper ballots, typed in twice: the second entry by another official with the same
choices casts the ballot (channel ``paper``); a differing entry is kept beside the
first for a third look, and one official never makes both entries of a ballot."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.consultations.choices import choices_clean
from wijkvoucher.consultations.codes import code_digest
from wijkvoucher.consultations.constants import BallotChannel
from wijkvoucher.consultations.models import Consultation, Credential, PaperEntry
from wijkvoucher.consultations.services.ballots import (
    accepting_refusal,
    ballot_rules,
    cast_in_transaction,
)
from wijkvoucher.consultations.services.guards import (
    consultation_share,
    require_election_official,
)
from wijkvoucher.core.db import transaction_join
from wijkvoucher.core.services import audit_record

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User

FIRST = "first"  # the first entry: waiting for a second official
COUNTED = "counted"  # two entries agree: the ballot is cast
DIFFERS = "differs"  # the entries differ: a third official looks again


@dataclass(frozen=True)
class PaperOutcome:
    entry: PaperEntry
    state: str
    receipt: str | None = None


def _unknown_code() -> ValidationError:
    return ValidationError(
        _("No voter has this code. Check the code on the ballot paper."),
        code="unknown_code",
    )


def _credential(consultation: Consultation, digest: str) -> Credential:
    found = (
        Credential.objects.select_for_update(of=("self",))
        .filter(consultation=consultation, code_digest=digest)
        .order_by("pk")
        .first()
    )
    if found is None or found.revoked:
        raise _unknown_code()
    return found


def _check_entries(entries: list[PaperEntry], actor: User) -> None:
    if any(entry.matched for entry in entries):
        raise ValidationError(
            _("This paper ballot has already been counted."), code="paper_counted"
        )
    if any(entry.entered_by_id == actor.pk for entry in entries):
        raise ValidationError(
            _("You already typed in this ballot: another official types it again."),
            code="entered_twice",
        )


def paper_entry_record(
    *, actor: User, consultation: Consultation, code: str, choices: object
) -> PaperOutcome:
    """Record one official's typing of the paper ballot with ``code``. Refused
    (nothing changed): outside the voting window, an unknown code, choices that do
    not fit the ballot, a ballot this official already typed, or one already
    counted."""
    require_election_official(actor=actor, neighbourhood=consultation.neighbourhood)
    with transaction_join():
        current = consultation_share(consultation.pk)
        refusal = accepting_refusal(current, timezone.now())
        if refusal is not None:
            raise refusal
        digest = code_digest(code)
        if digest is None:
            raise _unknown_code()
        credential = _credential(current, digest)
        stored = choices_clean(choices, ballot_rules(current))
        entries = list(
            PaperEntry.objects.filter(consultation=current, code_digest=digest)
        )
        _check_entries(entries, actor)
        twin = next((entry for entry in entries if entry.choices == stored), None)
        entry = PaperEntry.objects.create(
            consultation=current,
            code_digest=digest,
            entered_by=actor,
            choices=stored,
            matched=twin is not None,
        )
        receipt = None
        if twin is not None:
            twin.matched = True
            twin.save(update_fields=["matched", "updated_at"])
            receipt = cast_in_transaction(
                current, credential, stored, BallotChannel.PAPER, None, actor
            )
        state = COUNTED if twin else (DIFFERS if entries else FIRST)
        audit_record(
            actor=actor,
            action="consultations.paper_entry_record",
            subject=credential,
            data={"state": state},
        )
        return PaperOutcome(entry=entry, state=state, receipt=receipt)
