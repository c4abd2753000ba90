"""Set-up for the ACTIE tests: a submitted plan, its officials and filled-in forms,
reached through the services."""

from __future__ import annotations

import datetime as dt

from wijkvoucher.accounts.models import User
from wijkvoucher.actie.constants import Variant
from wijkvoucher.actie.items import items_of
from wijkvoucher.actie.models import ActieAssessment
from wijkvoucher.actie.services import (
    Answer,
    actie_initiative_record,
    actie_wijk_record,
)
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.tests.factories import initiative_in
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.helpers import official


def answers(
    variant: str, score: int | None = 3, **scores: int | None
) -> dict[str, Answer]:
    """Every item of ``variant`` at ``score``, with the ``scores`` given per code."""
    return {
        item.code: Answer(score=scores.get(item.code, score))
        for item in items_of(variant)
    }


def submitted_plan() -> Initiative:
    return initiative_in(InitiativeStatus.SUBMITTED)


def contact_of(initiative: Initiative) -> User:
    contact = initiative.neighbourhood.contact_official
    if contact is None:
        raise AssertionError("the test wijk has a contact official")
    return contact


def coordinator_of(neighbourhood: Neighbourhood) -> User:
    return official(municipality=neighbourhood.municipality, role=Role.COORDINATOR)


def plan_assessed(
    initiative: Initiative,
    actor: User | None = None,
    score: int | None = 3,
    **scores: int | None,
) -> ActieAssessment:
    return actie_initiative_record(
        actor=actor or contact_of(initiative),
        initiative=initiative,
        answers=answers(Variant.FRONTLINE, score, **scores),
        points={},
    )


def wijk_assessed(
    neighbourhood: Neighbourhood, actor: User, score: int | None = 3
) -> ActieAssessment:
    return actie_wijk_record(
        actor=actor,
        neighbourhood=neighbourhood,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
        answers=answers(Variant.ORGANISATION, score),
        points={},
    )
