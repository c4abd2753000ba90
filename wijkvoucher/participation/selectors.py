"""Reads of the participation ladders (docs/participation.md).

One person's own engagement step (``ladder_step_of``) is for that person only. The
reports count people and never show a number about fewer than ten of them
(``privacy.suppress``). The report selectors are what the council reports call:

- ``ladder_movement(municipality=, start=, end=, wijk=None)``: the engagement
  ladder of the residents on ``start`` and on ``end``, and how many of the people
  there on both days moved up, stayed or moved down;
- ``social_ladder_distribution(municipality=, start=, end=, wijk=None)``: the
  self-reported social ladder: each consenting person's latest step reported in
  the period, and the movement of those who reported twice or more.

Each asks a fixed number of queries, whatever the number of people."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkvoucher.accounts.models import User
from wijkvoucher.consultations.models import Credential
from wijkvoucher.initiatives.models import CoInitiator, Initiative, SupportSignature
from wijkvoucher.neighbourhoods.models import (
    Address,
    Municipality,
    Neighbourhood,
    RoleAssignment,
)
from wijkvoucher.neighbourhoods.roles import STEERING_ROLES
from wijkvoucher.participation.constants import EngagementStep, SocialStep
from wijkvoucher.participation.ladder import Facts
from wijkvoucher.participation.models import SocialLadderReport
from wijkvoucher.participation.privacy import Distribution, suppress

UP, SAME, DOWN = "up", "same", "down"


def _local_day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def _facts(users: QuerySet[Any] | list[int]) -> dict[int, Facts]:
    """The dated facts of the people in ``users`` (a query of user ids or a list),
    one query per kind of fact. Only that someone voted and on which day is read
    from a voter roll, never what (ballots are secret and not linked)."""
    facts: dict[int, Facts] = defaultdict(Facts)
    for user_id, at in SupportSignature.objects.filter(signer_id__in=users).values_list(
        "signer_id", "created_at"
    ):
        facts[user_id].supported.append(_local_day(at))
    for user_id, day in Credential.objects.filter(
        user_id__in=users, voted_on__isnull=False
    ).values_list("user_id", "voted_on"):
        if day is not None:
            facts[user_id].voted.append(day)
    for user_id, accepted in CoInitiator.objects.filter(
        user_id__in=users, accepted_at__isnull=False
    ).values_list("user_id", "accepted_at"):
        if accepted is not None:
            facts[user_id].co_initiated.append(_local_day(accepted))
    for user_id, submitted in Initiative.objects.filter(
        initiator_id__in=users, submitted_at__isnull=False
    ).values_list("initiator_id", "submitted_at"):
        if submitted is not None:
            facts[user_id].initiated.append(_local_day(submitted))
    for user_id, start, end in RoleAssignment.objects.filter(
        user_id__in=users, role__in=sorted(STEERING_ROLES)
    ).values_list("user_id", "valid_from", "valid_until"):
        facts[user_id].seats.append((start, end))
    return facts


@dataclass(frozen=True)
class OwnLadder:
    """One person's engagement step today and on the first day of each of the
    last months (oldest first)."""

    step: EngagementStep
    history: tuple[tuple[dt.date, EngagementStep], ...]


def ladder_step_of(
    *, user: User, on: dt.date | None = None, months: int = 6
) -> OwnLadder:
    """``user``'s own step on ``on`` (today) and its movement over ``months``
    months. For that person's own page only: nobody sees another's step."""
    day = on or timezone.localdate()
    facts = _facts([user.pk]).get(user.pk, Facts())
    firsts = []
    month = day.replace(day=1)
    for _i in range(months):
        firsts.append(month)
        month = (month - dt.timedelta(days=1)).replace(day=1)
    history = tuple((d, facts.step_on(d)) for d in reversed(firsts))
    return OwnLadder(step=facts.step_on(day), history=history)


def _scope(
    municipality: Municipality, wijk: Neighbourhood | None
) -> QuerySet[Neighbourhood]:
    wijken = Neighbourhood.objects.filter(municipality=municipality)
    return wijken.filter(pk=wijk.pk) if wijk is not None else wijken


def _addresses(
    wijken: QuerySet[Neighbourhood], start: dt.date, end: dt.date
) -> QuerySet[Address]:
    """Addresses in ``wijken`` that were lived at some day from ``start`` to ``end``."""
    return Address.objects.filter(
        neighbourhood__in=wijken, created_at__date__lte=end
    ).filter(Q(valid_until__isnull=True) | Q(valid_until__gt=start))


def _residents_on(
    rows: Iterable[tuple[int, dt.datetime, dt.date | None]], day: dt.date
) -> set[int]:
    return {
        user_id
        for user_id, created, until in rows
        if _local_day(created) <= day and (until is None or until > day)
    }


def _steps(
    people: set[int], facts: dict[int, Facts], day: dt.date
) -> dict[int, EngagementStep]:
    return {pk: facts.get(pk, Facts()).step_on(day) for pk in people}


def _distribution(steps: dict[int, EngagementStep]) -> Distribution[EngagementStep]:
    counts: dict[EngagementStep, int] = defaultdict(int)
    for step in steps.values():
        counts[step] += 1
    return suppress([(step, str(step.label), counts[step]) for step in EngagementStep])


@dataclass(frozen=True)
class LadderMovement:
    start: dt.date
    end: dt.date
    on_start: Distribution[EngagementStep]
    on_end: Distribution[EngagementStep]
    # Among the people there on both days: up / same / down.
    movement: Distribution[str]


def _movement(before: dict[int, int], after: dict[int, int]) -> Distribution[str]:
    both = before.keys() & after.keys()
    up = sum(1 for pk in both if after[pk] > before[pk])
    down = sum(1 for pk in both if after[pk] < before[pk])
    return suppress(
        [
            (UP, _("moved up"), up),
            (SAME, _("stayed on the same step"), len(both) - up - down),
            (DOWN, _("moved down"), down),
        ]
    )


def ladder_movement(
    *,
    municipality: Municipality,
    start: dt.date,
    end: dt.date,
    wijk: Neighbourhood | None = None,
) -> LadderMovement:
    """The engagement ladder of the residents (and regiegroep members) of the
    municipality or of ``wijk`` on ``start`` and on ``end``."""
    wijken = _scope(municipality, wijk)
    addresses = _addresses(wijken, start, end)
    rows = list(addresses.values_list("user_id", "created_at", "valid_until"))
    seats = RoleAssignment.objects.filter(
        neighbourhood__in=wijken, role__in=sorted(STEERING_ROLES)
    )
    seat_rows = list(seats.values_list("user_id", "valid_from", "valid_until"))
    people = User.objects.filter(
        Q(pk__in=addresses.values("user_id")) | Q(pk__in=seats.values("user_id"))
    ).values("pk")
    facts = _facts(people)

    def people_on(day: dt.date) -> set[int]:
        return _residents_on(rows, day) | {
            pk
            for pk, first, last in seat_rows
            if first <= day and (last is None or day <= last)
        }

    before = _steps(people_on(start), facts, start)
    after = _steps(people_on(end), facts, end)
    return LadderMovement(
        start=start,
        end=end,
        on_start=_distribution(before),
        on_end=_distribution(after),
        movement=_movement(
            {k: int(v) for k, v in before.items()},
            {k: int(v) for k, v in after.items()},
        ),
    )


@dataclass(frozen=True)
class SocialLadder:
    latest: Distribution[SocialStep]
    # Among the people who reported twice or more in the period.
    movement: Distribution[str]


def social_ladder_distribution(
    *,
    municipality: Municipality,
    start: dt.date,
    end: dt.date,
    wijk: Neighbourhood | None = None,
) -> SocialLadder:
    """The self-reported social ladder in the period: only reports that exist,
    which is only with consent (a withdrawal deletes them)."""
    reports = SocialLadderReport.objects.filter(
        neighbourhood__in=_scope(municipality, wijk),
        reported_on__gte=start,
        reported_on__lte=end,
    ).order_by("reported_on", "pk")
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    count: dict[int, int] = defaultdict(int)
    for user_id, step in reports.values_list("user_id", "step"):
        first.setdefault(user_id, step)
        last[user_id] = step
        count[user_id] += 1
    per_step: dict[int, int] = defaultdict(int)
    for step in last.values():
        per_step[step] += 1
    twice = [pk for pk, n in count.items() if n >= 2]
    return SocialLadder(
        latest=suppress([(s, str(s.label), per_step[s]) for s in SocialStep]),
        movement=_movement(
            {pk: first[pk] for pk in twice}, {pk: last[pk] for pk in twice}
        ),
    )


def social_reports_of(*, user: User) -> QuerySet[SocialLadderReport]:
    """The person's own reports, newest first: for their own page only."""
    return SocialLadderReport.objects.filter(user=user).order_by("-reported_on", "-pk")
