"""The consultation and options the ballot's POST needs, kept in the process for a
short while, so that the hot path does not read them again for every ballot.

Safe because what is kept does not decide anything: a published consultation's
options, ballot type, limits and times do not change any more (options are added and
removed only in a draft, the times only at publishing), and the status that does
change (cancelled, certified) is read again by ``ballot_cast`` under its lock, which
refuses a ballot the kept copy would have let through. Only published consultations
are kept; the GET of the ballot page always reads afresh (and renews the copy)."""

from __future__ import annotations

import time
import uuid

from django.http import Http404

from wijkvoucher.consultations.constants import ConsultationStatus
from wijkvoucher.consultations.models import Consultation, ConsultationOption
from wijkvoucher.consultations.selectors import ballot_options, consultation_for_ballot

KEEP_SECONDS = 30.0
MAX_KEPT = 64

Facts = tuple[Consultation, list[ConsultationOption]]
_kept: dict[uuid.UUID, tuple[float, Facts]] = {}


def ballot_facts(consultation_uuid: uuid.UUID, *, fresh: bool) -> Facts:
    """The published or certified consultation with its wijk, and its options in
    ballot order; 404 when there is none. ``fresh``: read, do not take a kept copy."""
    now = time.monotonic()
    if not fresh:
        kept = _kept.get(consultation_uuid)
        if kept is not None and kept[0] > now:
            return kept[1]
    consultation = consultation_for_ballot(uuid=consultation_uuid)
    if consultation is None:
        _kept.pop(consultation_uuid, None)
        raise Http404
    facts = (consultation, ballot_options(consultation=consultation))
    if consultation.status == ConsultationStatus.PUBLISHED:
        if len(_kept) >= MAX_KEPT:
            _kept.clear()
        _kept[consultation_uuid] = (now + KEEP_SECONDS, facts)
    else:
        _kept.pop(consultation_uuid, None)
    return facts


def ballot_facts_forget() -> None:
    """Forget every kept copy (tests)."""
    _kept.clear()
