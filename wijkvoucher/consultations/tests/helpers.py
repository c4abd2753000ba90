"""The world of the consultation tests, reached through the services: a wijk with its
contact official (who organises), a consultation prepared, published, voted in and
certified at fixed moments in Amsterdam time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType

import time_machine

from wijkvoucher.accounts.models import User
from wijkvoucher.consultations.constants import BallotType, ConsultationKind
from wijkvoucher.consultations.models import (
    Ballot,
    BallotSource,
    Consultation,
    ConsultationOption,
    Credential,
    PaperEntry,
)
from wijkvoucher.consultations.rows import RegisterRow
from wijkvoucher.consultations.services import (
    ballot_cast,
    consultation_certify,
    consultation_create,
    consultation_option_add,
    consultation_publish,
    credentials_import,
)
from wijkvoucher.core.models import AuditEvent, StatusHistory
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.helpers import AMSTERDAM

EUR = 100
# Prepared and published on 15 June 2026 at 10:00; open from 12:00 for two weeks.
PREPARED = dt.datetime(2026, 6, 15, 10, tzinfo=AMSTERDAM)
OPENS = dt.datetime(2026, 6, 15, 12, tzinfo=AMSTERDAM)
CLOSES = OPENS + dt.timedelta(days=14)
DURING = OPENS + dt.timedelta(days=2, hours=3)
AFTER = CLOSES + dt.timedelta(hours=1)


def at(moment: dt.datetime) -> time_machine.travel:
    """``with at(moment): ...`` runs with the server clock standing at ``moment``."""
    return time_machine.travel(moment, tick=False)


def wijk_with_organiser() -> tuple[Neighbourhood, User]:
    """A wijk (postcodes 1000AA-1000ZZ) and its contact official."""
    with at(PREPARED):
        wijk = neighbourhood_ready()
    assert wijk.contact_official is not None
    return wijk, wijk.contact_official


def budget_vote(
    wijk: Neighbourhood,
    organiser: User,
    *,
    costs: Sequence[int] = (300_000, 400_000, 500_000),
    budget_cents: int = 1_000_000,
    ballot_type: str = BallotType.APPROVAL,
    **fields: Any,
) -> Consultation:
    """A draft budget vote with one option per cost (named Plan A, Plan B, ...)."""
    with at(PREPARED):
        consultation = consultation_create(
            actor=organiser,
            neighbourhood=wijk,
            kind=ConsultationKind.BUDGET_VOTE,
            title="Wijkbudget 2026",
            question="Welke plannen wilt u uitvoeren?",
            ballot_type=ballot_type,
            opens_at=fields.pop("opens_at", OPENS),
            closes_at=fields.pop("closes_at", CLOSES),
            budget_cents=budget_cents,
            **fields,
        )
        for n, cost in enumerate(costs):
            consultation_option_add(
                actor=organiser,
                consultation=consultation,
                title=f"Plan {chr(ord('A') + n)}",
                cost_cents=cost,
            )
    return consultation


def advisory_poll(
    wijk: Neighbourhood, organiser: User, plans: Sequence[Initiative]
) -> Consultation:
    with at(PREPARED):
        consultation = consultation_create(
            actor=organiser,
            neighbourhood=wijk,
            kind=ConsultationKind.ADVISORY,
            title="Wat vindt u van deze plannen?",
            question="Bent u voor of tegen?",
            ballot_type=BallotType.ADVISORY,
            opens_at=OPENS,
            closes_at=CLOSES,
        )
        for plan in plans:
            consultation_option_add(
                actor=organiser, consultation=consultation, initiative=plan
            )
    return consultation


def register_rows(count: int, *, start: int = 1, **fields: Any) -> list[RegisterRow]:
    values: dict[str, Any] = {
        "street": "Dijkstraat",
        "house_letter": "",
        "addition": "",
        "postcode": "1000 AB",
        "city": "Dijkstad",
        "birth_date": dt.date(1980, 5, 1),
    }
    values.update(fields)
    return [
        RegisterRow(name=f"Bewoner {n}", house_number=n, **values)
        for n in range(start, start + count)
    ]


def on_roll(
    consultation: Consultation, organiser: User, count: int
) -> list[tuple[Credential, str]]:
    """``count`` residents on the roll, with their letter codes."""
    with at(PREPARED):
        return credentials_import(
            actor=organiser, consultation=consultation, rows=register_rows(count)
        )


def published(consultation: Consultation, organiser: User) -> Consultation:
    with at(PREPARED):
        return consultation_publish(actor=organiser, consultation=consultation)


def options_of(consultation: Consultation) -> list[int]:
    return list(
        ConsultationOption.objects.filter(consultation=consultation)
        .order_by("position")
        .values_list("pk", flat=True)
    )


def vote(
    consultation: Consultation,
    credential: Credential,
    choices: Any,
    *,
    when: dt.datetime = DURING,
    channel: str = "letter",
) -> str:
    with at(when):
        return ballot_cast(
            consultation=consultation,
            credential=credential,
            choices=choices,
            channel=channel,
        )


def certified(consultation: Consultation, organiser: User) -> Consultation:
    with at(AFTER):
        return consultation_certify(actor=organiser, consultation=consultation)


def snapshot() -> tuple[Any, ...]:
    """Everything a consultation service may write: compare before and after a
    refusal to show that nothing changed."""
    consultation_type = ContentType.objects.get_for_model(Consultation)
    return (
        AuditEvent.objects.count(),
        StatusHistory.objects.filter(subject_type=consultation_type).count(),
        list(Consultation.objects.order_by("pk").values()),
        list(ConsultationOption.objects.order_by("pk").values()),
        list(Credential.objects.order_by("pk").values()),
        sorted(
            map(
                str, Ballot.objects.values_list("link", "choices", "receipt", "channel")
            )
        ),
        list(PaperEntry.objects.order_by("pk").values()),
        list(BallotSource.objects.order_by("pk").values()),
        list(Initiative.objects.order_by("pk").values_list("pk", "status")),
    )
