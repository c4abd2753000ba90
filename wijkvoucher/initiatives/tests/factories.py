"""Setup data for initiative tests. Factories make a valid draft; every status after
draft is reached through the services (``initiative_in``)."""

from __future__ import annotations

import datetime as dt
from collections import deque
from decimal import Decimal
from typing import Any

import factory

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.initiatives.constants import (
    ContributionKind,
    Goal,
    InitiativeStatus,
    ReasonCode,
)
from wijkvoucher.initiatives.models import BudgetLine, Initiative, OwnContribution
from wijkvoucher.initiatives.services import initiative_transition
from wijkvoucher.initiatives.workflow import ALLOWED_TRANSITIONS, REASON_REQUIRED
from wijkvoucher.neighbourhoods.constants import CostCategory
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.services.regulations import start_of_day
from wijkvoucher.neighbourhoods.tests.factories import (
    AddressFactory,
    NeighbourhoodFactory,
    RegulationVersionFactory,
)
from wijkvoucher.neighbourhoods.tests.helpers import (
    neighbourhood_with_postcodes,
    official,
)

S = InitiativeStatus


class InitiativeFactory(factory.django.DjangoModelFactory[Initiative]):
    """A draft with everything filled in except the cost lines (see
    ``complete_draft``)."""

    class Meta:
        model = Initiative

    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    initiator = factory.SubFactory(UserFactory)
    title = "Geveltuinen in de Dijkstraat"
    summary = "Samen groene geveltuinen aanleggen."
    description = "We leggen met tien buren geveltuinen aan en houden ze samen bij."
    goals = factory.LazyFunction(lambda: [Goal.LIVEABILITY, Goal.SOCIAL_COHESION])
    target_group = "Bewoners van de Dijkstraat"
    location_text = "Dijkstraat"
    starts_on = dt.date(2026, 9, 1)
    ends_on = dt.date(2026, 9, 30)
    # The initiator said "18 or older" (asked when the plan is sent).
    applicant_age_at_least = 18


class BudgetLineFactory(factory.django.DjangoModelFactory[BudgetLine]):
    class Meta:
        model = BudgetLine

    initiative = factory.SubFactory(InitiativeFactory)
    description = "Planten en aarde"
    category = CostCategory.PLANTS
    amount_cents = 45_000


def neighbourhood_ready(**kwargs: Any) -> Neighbourhood:
    """A wijk holding postcodes 1000AA–1000ZZ, with a regeling version in force since
    2026-01-01 and a default contact official."""
    neighbourhood = neighbourhood_with_postcodes(**kwargs)
    RegulationVersionFactory(
        regulation=neighbourhood.regulation,
        valid_from=start_of_day(dt.date(2026, 1, 1)),
    )
    neighbourhood.contact_official = official(neighbourhood=neighbourhood)
    neighbourhood.save(update_fields=["contact_official"])
    return neighbourhood


def resident(neighbourhood: Neighbourhood, **user_fields: Any) -> User:
    """Someone living in ``neighbourhood`` now."""
    user = UserFactory.create(**user_fields)
    AddressFactory(user=user, postcode="1000AB", neighbourhood=neighbourhood)
    return user


def complete_draft(
    *, neighbourhood: Neighbourhood | None = None, **fields: Any
) -> Initiative:
    """A draft that can be submitted and fits the rules: all fields, an initiator
    who lives in the wijk, one cost line of € 450 and 20 hours of own work."""
    neighbourhood = neighbourhood or neighbourhood_ready()
    fields.setdefault("initiator", resident(neighbourhood))
    initiative = InitiativeFactory.create(neighbourhood=neighbourhood, **fields)
    BudgetLineFactory(initiative=initiative)
    OwnContribution.objects.create(
        initiative=initiative,
        kind=ContributionKind.HOURS,
        description="Zelf planten en bijhouden",
        hours=Decimal("20"),
    )
    return initiative


def _shortest_paths() -> dict[S, list[S]]:
    paths: dict[S, list[S]] = {S.DRAFT: []}
    queue = deque([S.DRAFT])
    while queue:
        status = queue.popleft()
        for target in sorted(ALLOWED_TRANSITIONS[status]):
            if target not in paths:
                paths[target] = [*paths[status], target]
                queue.append(target)
    return paths


PATHS = _shortest_paths()


def actor_for(initiative: Initiative, to: S) -> User:
    """Who takes the step to ``to`` under the simple permission rules: the initiator
    for their own steps, otherwise the contact official of the wijk."""
    own = (
        to == S.WITHDRAWN
        or initiative.status == S.DRAFT
        or (initiative.status == S.INFORMATION_REQUESTED and to == S.SUBMITTED)
    )
    if own:
        return initiative.initiator
    contact = initiative.contact_official or initiative.neighbourhood.contact_official
    assert contact is not None
    return contact


def step(initiative: Initiative, to: S, **kwargs: Any) -> Initiative:
    """Take one step through ``initiative_transition``, with a reason when needed."""
    if to in REASON_REQUIRED:
        kwargs.setdefault("reason_code", ReasonCode.OTHER)
        kwargs.setdefault("motivation", "Zo besloten in het overleg.")
    initiative_transition(
        actor=actor_for(initiative, to), initiative=initiative, to=to, **kwargs
    )
    initiative.refresh_from_db()
    return initiative


def initiative_in(status: S, **fields: Any) -> Initiative:
    """A complete draft walked to ``status`` along the shortest allowed path."""
    initiative = complete_draft(**fields)
    for to in PATHS[status]:
        initiative = step(initiative, to)
    assert initiative.status == status
    return initiative
