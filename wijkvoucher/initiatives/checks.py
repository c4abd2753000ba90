"""The rule check of a stored plan: turn the initiative into plain facts and run the
rule engine (the ``rules`` package) against a regeling version.

Drafts are checked against the version in force now (what would apply if the resident
submitted today); a submitted plan against the version fixed at submission. Deadlines
about applying count from the day a plan was sent in: a plan that was in time stays in
time while it waits for a meeting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from operator import attrgetter

from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.utils import timezone

from wijkvoucher.initiatives.models import BudgetLine, Initiative, OwnContribution
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
from wijkvoucher.initiatives.selectors.initiatives import (
    budget_lines_by_initiative,
    own_contributions_by_initiative,
)
from wijkvoucher.initiatives.selectors.participation import (
    SupportSummary,
    support_summaries,
)
from wijkvoucher.neighbourhoods.constants import CostCategory
from wijkvoucher.neighbourhoods.models import RegulationVersion
from wijkvoucher.neighbourhoods.selectors.addresses import resident_neighbourhood_ids
from wijkvoucher.neighbourhoods.selectors.regulations import (
    regulation_versions_in_force,
)


def applicant_age_of(initiative: Initiative) -> int | None:
    """The age the rules work with: the age a younger initiator gave, or the
    threshold an older one confirmed being at least ("18 or older" counts as 18)."""
    if initiative.applicant_age is not None:
        return initiative.applicant_age
    return initiative.applicant_age_at_least


def _plan_facts(
    initiative: Initiative,
    *,
    today: dt.date,
    lives_in_wijk: bool,
    support: SupportSummary,
    lines: list[BudgetLine],
    contributions: list[OwnContribution],
) -> PlanFacts:
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
            for line in lines
        ),
        own_contributions=tuple(
            ContributionFacts(kind=c.kind, amount_cents=c.amount_cents, hours=c.hours)
            for c in contributions
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


def plan_facts_by_initiative(
    *, initiatives: Sequence[Initiative], today: dt.date
) -> dict[int, PlanFacts]:
    """What the rule engine needs to know about each of ``initiatives`` on ``today``,
    by initiative id, in a fixed number of queries. Support counts distinct
    households that signed online plus the households declared on uploaded signed
    lists; earlier awards are not recorded yet and count as none."""
    homes = resident_neighbourhood_ids(
        user_ids={i.initiator_id for i in initiatives}, on=today
    )
    supports = support_summaries(initiatives=initiatives)
    lines = budget_lines_by_initiative(initiatives=initiatives)
    contributions = own_contributions_by_initiative(initiatives=initiatives)
    return {
        i.pk: _plan_facts(
            i,
            today=today,
            lives_in_wijk=i.neighbourhood_id in homes[i.initiator_id],
            support=supports[i.pk],
            lines=sorted(lines[i.pk], key=attrgetter("pk")),
            contributions=contributions[i.pk],
        )
        for i in initiatives
    }


def plan_facts_for(*, initiative: Initiative, today: dt.date) -> PlanFacts:
    """What the rule engine needs to know about ``initiative`` on ``today``
    (``plan_facts_by_initiative``)."""
    return plan_facts_by_initiative(initiatives=[initiative], today=today)[
        initiative.pk
    ]


def plan_versions(
    *, initiatives: Sequence[Initiative], at: dt.datetime
) -> dict[int, RegulationVersion]:
    """The regeling version each of ``initiatives`` is judged by at ``at``, by
    initiative id: the one fixed at submission, else the one in force."""
    fixed = [i for i in initiatives if i.regulation_version_id is not None]
    drafts = [i for i in initiatives if i.regulation_version_id is None]
    prefetch_related_objects(fixed, "regulation_version")
    prefetch_related_objects(drafts, "neighbourhood__regulation")
    in_force = (
        regulation_versions_in_force(
            regulations=[i.neighbourhood.regulation for i in drafts], at=at
        )
        if drafts
        else {}
    )
    found: dict[int, RegulationVersion] = {}
    for initiative in fixed:
        version = initiative.regulation_version
        if version is not None:
            found[initiative.pk] = version
    found.update({i.pk: in_force[i.neighbourhood.regulation_id] for i in drafts})
    return found


def plan_version(*, initiative: Initiative, at: dt.datetime) -> RegulationVersion:
    """The regeling version a plan is judged by at ``at``."""
    return plan_versions(initiatives=[initiative], at=at)[initiative.pk]


def plan_checks_by_initiative(
    *, initiatives: Sequence[Initiative], at: dt.datetime | None = None
) -> dict[int, list[RuleCheck]]:
    """``plan_checks`` of many plans in a fixed number of queries, by initiative id."""
    moment = at or timezone.now()
    versions = plan_versions(initiatives=initiatives, at=moment)
    facts = plan_facts_by_initiative(
        initiatives=initiatives, today=timezone.localdate(moment)
    )
    return {
        pk: check_plan(plan=facts[pk], rules=parameters_from_version(version))
        for pk, version in versions.items()
    }


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
    return plan_checks_by_initiative(initiatives=[initiative], at=at)[initiative.pk]


def plan_has_food_drink(*, initiative: Initiative) -> bool:
    """Does the plan have costs that count as food and drink (booked so, or named in
    the description), under the regeling it would be judged by now?"""
    try:
        facts, rules = _judged(initiative=initiative, at=None)
    except ValidationError:
        return initiative.budget_lines.filter(category=CostCategory.FOOD_DRINK).exists()
    return bool(food_drink_lines(facts, rules))
