"""Reads for the public pages (docs/transparency.md). Everything here is public: no names
without consent, no personal data, only what exists."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import (
    BudgetPeriod,
    Neighbourhood,
    Regulation,
    RegulationVersion,
)
from wijkvoucher.neighbourhoods.roles import VOTING_STEERING_ROLES
from wijkvoucher.neighbourhoods.selectors.budgets import (
    BudgetSummary,
    budget_period_current,
    budget_summaries,
    budget_summary,
)
from wijkvoucher.neighbourhoods.selectors.regulations import (
    PlainRule,
    regulation_plain_rules,
    regulation_version_in_force,
)
from wijkvoucher.neighbourhoods.selectors.roles import steering_group_members
from wijkvoucher.providers.models import Provider
from wijkvoucher.providers.selectors import providers_approved
from wijkvoucher.transparency.selectors.meetings import (
    MeetingSchedule,
    meeting_schedule,
)
from wijkvoucher.transparency.selectors.plans import PublicPlan, recent_decisions

_CURRENT_PERIODS = "public_current_budget_periods"

# The order in which the regiegroep is listed, and the short public name of each role.
_STEERING_ORDER: dict[str, int] = {
    Role.STEERING_CHAIR: 0,
    Role.STEERING_SECRETARY: 1,
    Role.STEERING_MEMBER: 2,
    Role.STEERING_ADVISER: 3,
}
_STEERING_LABELS: dict[str, Promise] = {
    Role.STEERING_CHAIR: _("Chair"),
    Role.STEERING_SECRETARY: _("Secretary"),
    Role.STEERING_MEMBER: _("Member"),
    Role.STEERING_ADVISER: _("Adviser"),
}


@dataclass(frozen=True)
class BudgetMeter:
    """The geometry of the budget bar, in whole percent of its width (0–100)."""

    ceiling_cents: int
    awarded_cents: int
    available_cents: int
    awarded_percent: int
    available_percent: int

    @property
    def available_x(self) -> int:
        """Where the available part starts: right after the awarded part."""
        return self.awarded_percent


@dataclass(frozen=True)
class PublicBudget:
    period: BudgetPeriod
    summary: BudgetSummary
    meter: BudgetMeter
    # Not published yet, and the publication date still lies ahead.
    publication_upcoming: bool


@dataclass(frozen=True)
class NeighbourhoodCard:
    neighbourhood: Neighbourhood
    budget: PublicBudget | None


@dataclass(frozen=True)
class SteeringSeat:
    role: str
    name: str
    votes: bool


@dataclass(frozen=True)
class NeighbourhoodPage:
    neighbourhood: Neighbourhood
    budget: PublicBudget | None
    version: RegulationVersion | None
    rules: list[PlainRule]
    steering_group: list[SteeringSeat]
    providers: list[Provider]
    recent_decisions: list[PublicPlan]
    meetings: MeetingSchedule


def _percent(part: int, whole: int) -> int:
    """``part`` as whole percent of ``whole``, rounded half up, clamped to 0–100."""
    if whole <= 0 or part <= 0:
        return 0
    if part >= whole:
        return 100
    percent = (part * 100 + whole // 2) // whole
    # Never show a small amount as nothing, nor an almost full bar as full.
    return min(max(percent, 1), 99)


def budget_meter(*, summary: BudgetSummary) -> BudgetMeter:
    ceiling = summary.ceiling_cents
    awarded = _percent(summary.awarded_cents, ceiling)
    available = min(_percent(summary.available_cents, ceiling), 100 - awarded)
    return BudgetMeter(
        ceiling_cents=ceiling,
        awarded_cents=summary.awarded_cents,
        available_cents=summary.available_cents,
        awarded_percent=awarded,
        available_percent=available,
    )


def _designated_on(on: dt.date) -> Q:
    """Designated from ``designated_from`` up to and including ``designated_until``."""
    return Q(designated_from__lte=on) & (
        Q(designated_until__isnull=True) | Q(designated_until__gte=on)
    )


def neighbourhoods_public(*, on: dt.date) -> QuerySet[Neighbourhood]:
    """The wijken designated on ``on``, each with its budget period of that day (the
    one ``budget_period_current`` picks), so that a list of wijken costs the same
    number of queries however long it is."""
    current_periods = Prefetch(
        "budget_periods",
        queryset=BudgetPeriod.objects.filter(
            starts_on__lte=on, ends_on__gte=on
        ).order_by("-starts_on"),
        to_attr=_CURRENT_PERIODS,
    )
    return (
        Neighbourhood.objects.filter(_designated_on(on))
        .select_related("municipality")
        .prefetch_related(current_periods)
        .order_by("municipality__name", "name")
    )


def neighbourhood_public(*, slug: str, on: dt.date) -> Neighbourhood | None:
    """The wijk with ``slug`` if it is designated on ``on``, else None."""
    return (
        Neighbourhood.objects.filter(_designated_on(on), slug=slug)
        .select_related("municipality", "regulation")
        .first()
    )


def _public_budget(
    period: BudgetPeriod | None, summary: BudgetSummary | None, on: dt.date
) -> PublicBudget | None:
    if period is None or summary is None:
        return None
    return PublicBudget(
        period=period,
        summary=summary,
        meter=budget_meter(summary=summary),
        publication_upcoming=not summary.published and summary.publication_date > on,
    )


def neighbourhood_cards(*, on: dt.date) -> list[NeighbourhoodCard]:
    """One card per designated wijk for the home page; all budgets in one query."""
    neighbourhoods = list(neighbourhoods_public(on=on))
    current: dict[int, BudgetPeriod | None] = {}
    for neighbourhood in neighbourhoods:
        periods: list[BudgetPeriod] = getattr(neighbourhood, _CURRENT_PERIODS)
        current[neighbourhood.pk] = periods[0] if periods else None
    summaries = budget_summaries(
        budget_periods=[p for p in current.values() if p is not None]
    )
    cards = []
    for neighbourhood in neighbourhoods:
        period = current[neighbourhood.pk]
        summary = summaries[period.pk] if period else None
        cards.append(
            NeighbourhoodCard(
                neighbourhood=neighbourhood,
                budget=_public_budget(period, summary, on),
            )
        )
    return cards


def steering_group_public(
    *, neighbourhood: Neighbourhood, on: dt.date
) -> list[SteeringSeat]:
    """The regiegroep as the public may see it: a name only with the member's consent."""
    assignments = sorted(
        steering_group_members(neighbourhood=neighbourhood, on=on),
        key=lambda a: _STEERING_ORDER.get(a.role, len(_STEERING_ORDER)),
    )
    return [
        SteeringSeat(
            role=str(_STEERING_LABELS.get(a.role, a.get_role_display())),
            name=a.user.full_name if a.user.consent_publish_name else "",
            votes=a.role in VOTING_STEERING_ROLES,
        )
        for a in assignments
    ]


def _version_in_force(
    regulation: Regulation, at: dt.datetime
) -> RegulationVersion | None:
    try:
        return regulation_version_in_force(regulation=regulation, at=at)
    except ValidationError as error:
        # A regeling whose first version has not started yet: no rules to show.
        if error.code == "no_version_in_force":
            return None
        raise


def neighbourhood_page(
    *, neighbourhood: Neighbourhood, at: dt.datetime
) -> NeighbourhoodPage:
    """Everything the public wijk page shows, as it is at ``at``."""
    on = timezone.localdate(at)
    version = _version_in_force(neighbourhood.regulation, at)
    period = budget_period_current(neighbourhood=neighbourhood, on=on)
    summary = budget_summary(budget_period=period) if period else None
    return NeighbourhoodPage(
        neighbourhood=neighbourhood,
        budget=_public_budget(period, summary, on),
        version=version,
        rules=regulation_plain_rules(version=version) if version else [],
        steering_group=steering_group_public(neighbourhood=neighbourhood, on=on),
        providers=list(providers_approved(neighbourhood=neighbourhood)),
        recent_decisions=recent_decisions(neighbourhood=neighbourhood),
        meetings=meeting_schedule(
            neighbourhood=neighbourhood, at=at, published_limit=3
        ),
    )
