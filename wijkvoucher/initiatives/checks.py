"""The rule check of a stored plan: turn the initiative into plain facts and run the
rule engine (the ``rules`` package) against a regeling version.

Drafts are checked against the version in force now (what would apply if the resident
submitted today); a submitted plan against the version fixed at submission. Deadlines
about applying count from the day a plan was sent in: a plan that was in time stays in
time while it waits for a meeting."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.rules import (
    ContributionFacts,
    LineFacts,
    PlanFacts,
    RuleCheck,
    RuleParameters,
    check_plan,
    food_drink_lines,
    parameters_from_version,
)
from wijkvoucher.initiatives.selectors.participation import support_summary
from wijkvoucher.neighbourhoods.constants import CostCategory
from wijkvoucher.neighbourhoods.models import RegulationVersion
from wijkvoucher.neighbourhoods.selectors.addresses import resident_neighbourhoods
from wijkvoucher.neighbourhoods.selectors.regulations import (
    regulation_version_in_force,
)


def applicant_age_of(initiative: Initiative) -> int | None:
    """The age the rules work with: the age a younger initiator gave, or the
    threshold an older one confirmed being at least ("18 or older" counts as 18)."""
    if initiative.applicant_age is not None:
        return initiative.applicant_age
    return initiative.applicant_age_at_least


def plan_facts_for(*, initiative: Initiative, today: dt.date) -> PlanFacts:
    """What the rule engine needs to know about ``initiative`` on ``today``. Support
    counts distinct households that signed online plus the households declared on
    uploaded signed lists; earlier awards are not recorded yet and count as none."""
    initiator = initiative.initiator
    lives_in_wijk = any(
        n.pk == initiative.neighbourhood_id
        for n in resident_neighbourhoods(user=initiator, on=today)
    )
    support = support_summary(initiative=initiative)
    return PlanFacts(
        today=today,
        activity_starts_on=initiative.starts_on,
        activity_ends_on=initiative.ends_on,
        applied_on=(
            timezone.localdate(initiative.submitted_at)
            if initiative.submitted_at
            else None
        ),
        uses_public_space=initiative.uses_public_space,
        plan_text="\n".join(
            [initiative.title, initiative.summary, initiative.description]
        ),
        budget_lines=tuple(
            LineFacts(
                category=line.category,
                amount_cents=line.amount_cents,
                hours=line.hours,
                description=line.description,
                provider_name=line.provider_name,
            )
            for line in initiative.budget_lines.order_by("pk")
        ),
        own_contributions=tuple(
            ContributionFacts(kind=c.kind, amount_cents=c.amount_cents, hours=c.hours)
            for c in initiative.own_contributions.order_by("pk")
        ),
        applicant_age=applicant_age_of(initiative),
        parental_consent=initiative.parental_consent,
        lives_in_wijk=lives_in_wijk,
        food_drink_motivation=initiative.food_drink_motivation,
        supporters_for=support.households_for,
        supporters_against=support.households_against,
        supporters_neutral=support.households_neutral,
        supporters_on_lists=support.declared_on_lists,
    )


def plan_version(*, initiative: Initiative, at: dt.datetime) -> RegulationVersion:
    """The regeling version a plan is judged by at ``at``."""
    if initiative.regulation_version is not None:
        return initiative.regulation_version
    return regulation_version_in_force(
        regulation=initiative.neighbourhood.regulation, at=at
    )


def _judged(
    *, initiative: Initiative, at: dt.datetime | None
) -> tuple[PlanFacts, RuleParameters]:
    moment = at or timezone.now()
    version = plan_version(initiative=initiative, at=moment)
    facts = plan_facts_for(initiative=initiative, today=timezone.localdate(moment))
    return facts, parameters_from_version(version)


def plan_checks(
    *, initiative: Initiative, at: dt.datetime | None = None
) -> list[RuleCheck]:
    """The rule check of ``initiative`` at ``at`` (now by default), in rule order."""
    facts, rules = _judged(initiative=initiative, at=at)
    return check_plan(plan=facts, rules=rules)


def plan_has_food_drink(*, initiative: Initiative) -> bool:
    """Does the plan have costs that count as food and drink (booked so, or named in
    the description), under the regeling it would be judged by now?"""
    try:
        facts, rules = _judged(initiative=initiative, at=None)
    except ValidationError:
        return initiative.budget_lines.filter(category=CostCategory.FOOD_DRINK).exists()
    return bool(food_drink_lines(facts, rules))
