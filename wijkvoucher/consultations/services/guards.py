"""Checks and locks the consultation services share, and what happens to the roll and
the ballots when a consultation ends (certified or cancelled)."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from wijkvoucher.consultations.constants import ConsultationStatus
from wijkvoucher.consultations.models import (
    Ballot,
    Consultation,
    Credential,
    PaperEntry,
)
from wijkvoucher.consultations.permissions import (
    may_assist_voting,
    may_organise_consultation,
)
from wijkvoucher.core import sql

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User
    from wijkvoucher.neighbourhoods.models import Neighbourhood

# Blanked when the purpose of the letters has ended (AVG).
LETTER_FIELDS = ("letter_name", "letter_street", "letter_postcode", "letter_city")


def require_organiser(*, actor: User, neighbourhood: Neighbourhood) -> None:
    if not may_organise_consultation(user=actor, neighbourhood=neighbourhood):
        raise PermissionDenied


def require_election_official(*, actor: User, neighbourhood: Neighbourhood) -> None:
    if not may_assist_voting(user=actor, neighbourhood=neighbourhood):
        raise PermissionDenied


def consultation_lock(consultation: Consultation) -> Consultation:
    """The consultation row, locked against every other write (and against the
    ballots, which hold a key-share lock while they are cast)."""
    return (
        Consultation.objects.select_for_update(of=("self",))
        .select_related("neighbourhood")
        .get(pk=consultation.pk)
    )


CONSULTATION_COLUMNS = sql.Loader(Consultation, "c")


def consultation_share(consultation_id: int) -> Consultation:
    """The consultation row under a key-share lock (PostgreSQL): many ballots hold it
    at once, but certification and cancellation (FOR UPDATE) wait for them, and they
    for it. SQLite's IMMEDIATE transactions serialise every writer anyway. Plain SQL
    (docs/adr/0012-hot-path-sql.md): every ballot starts here."""
    lock = " FOR KEY SHARE" if sql.vendor() == "postgresql" else ""
    row = sql.fetch_one(
        f"SELECT {CONSULTATION_COLUMNS.columns} FROM {sql.table(Consultation)} c "  # noqa: S608 - names from _meta; values are parameters
        f"WHERE c.id = %s{lock}",
        [consultation_id],
    )
    if row is None:
        raise Consultation.DoesNotExist
    consultation: Consultation = CONSULTATION_COLUMNS.take(row, 0)[0]
    return consultation


def require_draft(consultation: Consultation) -> None:
    if consultation.status != ConsultationStatus.DRAFT:
        raise ValidationError(
            _("Only a draft wijkraadpleging can be changed."), code="not_draft"
        )


def require_running(consultation: Consultation) -> None:
    """Draft or published: the roll may still change."""
    if consultation.status not in (
        ConsultationStatus.DRAFT,
        ConsultationStatus.PUBLISHED,
    ):
        raise ValidationError(
            _("This wijkraadpleging has ended."), code="consultation_ended"
        )


def purpose_ended(consultation: Consultation) -> dict[str, int]:
    """Certification or cancellation: no ballot may be traced back any more and the
    letters' addresses are no longer needed. Every ballot is written anew in random
    order without its link (so that neither the link nor the order of the rows says
    who cast it), the letter columns and the paper entries' codes and choices are
    blanked. The caller sets ``ballot_key`` to NULL with the status. Returns counts
    for the audit event."""
    ballots = list(Ballot.objects.filter(consultation=consultation))
    Ballot.objects.filter(consultation=consultation).delete()
    random.SystemRandom().shuffle(ballots)
    for ballot in ballots:
        ballot.link = None
    Ballot.objects.bulk_create(ballots, batch_size=1000)
    letters = Credential.objects.filter(consultation=consultation).update(
        **dict.fromkeys(LETTER_FIELDS, "")
    )
    papers = PaperEntry.objects.filter(consultation=consultation).update(
        code_digest="", choices={}
    )
    return {
        "ballots": len(ballots),
        "letters_blanked": letters,
        "paper_entries": papers,
    }
