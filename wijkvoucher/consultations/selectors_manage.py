"""Reads for the organisers' pages of a wijkraadpleging: the consultations of the
wijken someone works in, the plans that may go on a ballot, a voter on the roll by
code or by address, and the count of a closed vote before it is certified.

Like ``selectors.py``, nothing here tells how a vote stands while it is open: the
count (``consultation_tally``) reads the choices, and ``result_preview`` gives it only
once the vote has closed (server time)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from wijkvoucher.consultations.codes import code_digest, person_digest
from wijkvoucher.consultations.constants import (
    AgeBasis,
    ConsultationKind,
    ConsultationStatus,
)
from wijkvoucher.consultations.counting import (
    OptionFacts,
    budget_result,
    election_of,
    poll_result,
)
from wijkvoucher.consultations.models import Ballot, Consultation, Credential
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative

if TYPE_CHECKING:
    from wijkvoucher.neighbourhoods.models import Neighbourhood

# The plans a budget vote may put to the wijk: checked by the municipality (they fit
# the regeling) and not yet weighed by the regiegroep (docs/voting.md#the-organisers-pages).
BUDGET_VOTE_PLAN_STATUSES: frozenset[InitiativeStatus] = frozenset(
    {InitiativeStatus.CHECKED, InitiativeStatus.ON_AGENDA}
)
# An advisory poll asks only about plans on the regiegroep's agenda (the service's rule).
POLL_PLAN_STATUSES: frozenset[InitiativeStatus] = frozenset(
    {InitiativeStatus.ON_AGENDA}
)


def consultations_in(
    *, neighbourhoods: Iterable[Neighbourhood]
) -> QuerySet[Consultation]:
    """The consultations of ``neighbourhoods``, newest first, with their option count."""
    return (
        Consultation.objects.filter(neighbourhood__in=list(neighbourhoods))
        .select_related("neighbourhood")
        .annotate(option_count=Count("options"))
        .order_by("neighbourhood__name", "-opens_at", "-pk")
    )


def consultation_by_uuid(*, uuid: Any) -> Consultation | None:
    return (
        Consultation.objects.select_related("neighbourhood").filter(uuid=uuid).first()
    )


def plans_for_ballot(*, consultation: Consultation) -> list[Initiative]:
    """The wijk's plans that may still go on this consultation's ballot, by title."""
    statuses = (
        POLL_PLAN_STATUSES
        if consultation.kind == ConsultationKind.ADVISORY
        else BUDGET_VOTE_PLAN_STATUSES
    )
    on_ballot = consultation.options.filter(initiative__isnull=False).values(
        "initiative_id"
    )
    return list(
        Initiative.objects.filter(
            neighbourhood_id=consultation.neighbourhood_id,
            status__in=sorted(statuses),
        )
        .exclude(pk__in=on_ballot)
        .order_by("title", "pk")
    )


def roll_size(*, consultation: Consultation) -> dict[str, int]:
    """How many are on the roll, how many of them have a letter, how many voted, and
    how many accounts met the minimum age without a register: by a birth date the
    municipality recorded, or by their own declaration."""
    roll = Credential.objects.filter(consultation=consultation, revoked=False)
    return roll.aggregate(
        total=Count("pk"),
        letters=Count("pk", filter=Q(code_digest__isnull=False)),
        voted=Count("pk", filter=Q(voted_on__isnull=False)),
        age_birth_date=Count("pk", filter=Q(age_basis=AgeBasis.BIRTH_DATE)),
        age_declared=Count("pk", filter=Q(age_basis=AgeBasis.DECLARED)),
    )


def credential_by_code(*, consultation: Consultation, code: str) -> Credential | None:
    """The voter of ``consultation`` whose letter carries ``code``, or None."""
    digest = code_digest(code)
    if digest is None:
        return None
    return Credential.objects.filter(
        consultation=consultation, code_digest=digest, revoked=False
    ).first()


def credential_by_address(
    *,
    consultation: Consultation,
    postcode: str,
    house_number: int,
    house_letter: str = "",
    addition: str = "",
    name: str = "",
) -> Credential | None:
    """The voter at an address (and with a name, unless the vote is per household),
    found through the same keyed hash the roll keeps; None when not on the roll."""
    digest = person_digest(
        postcode=postcode,
        house_number=house_number,
        house_letter=house_letter,
        addition=addition,
        name=None if consultation.per_household else name,
    )
    return Credential.objects.filter(
        consultation=consultation, person_digest=digest, revoked=False
    ).first()


def consultation_tally(consultation: Consultation) -> dict[str, Any]:
    """The result of the current ballots (read in receipt order: random, so the order
    says nothing about who voted when). Used by certification, and by
    ``result_preview`` once the vote has closed."""
    options = list(consultation.options.order_by("position"))
    choices = Ballot.objects.filter(consultation=consultation).order_by("receipt")
    ballots = choices.values_list("choices", flat=True).iterator(chunk_size=2000)
    if consultation.kind == ConsultationKind.ADVISORY:
        return poll_result([option.pk for option in options], ballots)
    budget_cents = consultation.budget_cents or 0
    election = election_of(
        ballot_type=consultation.ballot_type,
        options=[OptionFacts(o.pk, o.title, o.cost_cents or 0) for o in options],
        ballots=ballots,
        budget_cents=budget_cents,
        max_choices=consultation.max_choices,
        points=consultation.points,
        rule=consultation.rule,
    )
    return budget_result(election, consultation.rule, budget_cents)


def result_preview(
    *, consultation: Consultation, now: dt.datetime | None = None
) -> dict[str, Any] | None:
    """What certification would store, for the organisers to check first: only for a
    published consultation whose vote has closed; None otherwise."""
    moment = now or timezone.now()
    if (
        consultation.status != ConsultationStatus.PUBLISHED
        or moment < consultation.closes_at
    ):
        return None
    return consultation_tally(consultation)


@dataclass(frozen=True)
class RollImport:
    """One import of the register, as its audit event recorded it."""

    at: dt.datetime
    by: str
    rows: int
    letters: int
    too_young: int
    already_on_roll: int


def roll_imports(*, consultation: Consultation) -> list[RollImport]:
    """The imports into the roll of ``consultation``, oldest first."""
    events = AuditEvent.objects.filter(
        action="consultations.credentials_import",
        subject_type=ContentType.objects.get_for_model(Consultation),
        subject_id=str(consultation.pk),
    ).order_by("id")
    return [
        RollImport(
            at=event.created_at,
            by=event.actor_label,
            rows=event.data.get("rows", 0),
            letters=event.data.get("credentials", 0),
            too_young=event.data.get("too_young", 0),
            already_on_roll=event.data.get("already_on_roll", 0),
        )
        for event in events
    ]
