"""The funnel: of the plans submitted in the period, how many went through each step
of the workflow (initiatives/workflow.py), and how many left it on the way. A plan
counts in a step when its timeline has a step into one of the step's statuses, at
any time up to today."""

from __future__ import annotations

from collections import defaultdict

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkvoucher.initiatives.constants import InitiativeStatus as S
from wijkvoucher.initiatives.models import Initiative, StatusChange
from wijkvoucher.initiatives.workflow import CLOCK_PAUSED, DECISION_PENDING
from wijkvoucher.reports.sections.base import (
    Bar,
    Chart,
    Column,
    Kind,
    ReportScope,
    Section,
    percent_of,
)

# (key, label, statuses whose step counts): the main line, then the ways out.
STEPS: tuple[tuple[str, Promise, frozenset[str]], ...] = (
    ("checked", gettext_lazy("Checked as complete"), frozenset({S.CHECKED})),
    ("on_agenda", gettext_lazy("On the regiegroep's agenda"), frozenset({S.ON_AGENDA})),
    (
        "in_deliberation",
        gettext_lazy("Discussed by the regiegroep"),
        frozenset({S.IN_DELIBERATION}),
    ),
    (
        "decided",
        gettext_lazy("Decided"),
        frozenset({S.AWARDED, S.PARTLY_AWARDED, S.REJECTED, S.NOT_PROCESSED}),
    ),
    (
        "awarded",
        gettext_lazy("Awarded in full or in part"),
        frozenset({S.AWARDED, S.PARTLY_AWARDED}),
    ),
    ("in_execution", gettext_lazy("Carried out"), frozenset({S.IN_EXECUTION})),
    ("settled", gettext_lazy("Settled"), frozenset({S.SETTLED})),
)
EXITS: tuple[tuple[str, Promise, frozenset[str]], ...] = (
    ("rejected", gettext_lazy("Rejected"), frozenset({S.REJECTED})),
    (
        "not_processed",
        gettext_lazy("Not processed (information missing)"),
        frozenset({S.NOT_PROCESSED}),
    ),
    ("withdrawn", gettext_lazy("Withdrawn by the initiator"), frozenset({S.WITHDRAWN})),
    (
        "cancelled",
        gettext_lazy("Cancelled after the award"),
        frozenset({S.CANCELLED}),
    ),
)
WAITING = frozenset(DECISION_PENDING | CLOCK_PAUSED)


def submitted_in(scope: ReportScope) -> dict[int, str]:
    """The plans of the scope submitted in its period: pk -> current status."""
    return dict(
        Initiative.objects.filter(
            neighbourhood_id__in=scope.wijk_ids,
            submitted_at__gte=scope.start_moment,
            submitted_at__lt=scope.end_moment,
        ).values_list("pk", "status")
    )


def reached(plan_ids: list[int]) -> dict[int, set[str]]:
    """Per plan the statuses its timeline ever stepped into (one query)."""
    seen: dict[int, set[str]] = defaultdict(set)
    for plan_id, status in StatusChange.objects.filter(
        initiative_id__in=plan_ids
    ).values_list("initiative_id", "to_status"):
        seen[plan_id].add(status)
    return seen


def build(scope: ReportScope) -> Section:
    plans = submitted_in(scope)
    seen = reached(list(plans))
    total = len(plans)

    def count(statuses: frozenset[str]) -> int:
        return sum(1 for pk in plans if seen.get(pk, set()) & statuses)

    main = [(key, str(label), count(statuses)) for key, label, statuses in STEPS]
    exits = [(key, str(label), count(statuses)) for key, label, statuses in EXITS]
    waiting = sum(1 for status in plans.values() if status in WAITING)
    counted = [
        (_("Submitted"), total),
        *((label, n) for _key, label, n in main),
        *((label, n) for _key, label, n in exits),
        (_("Still waiting for a decision"), waiting),
    ]
    rows = tuple((label, n, percent_of(n, total)) for label, n in counted)
    return Section(
        key="funnel",
        title=_("From submission to settlement"),
        intro=_(
            "Of the plans submitted in this period: how many went through each step, "
            "and how many left on the way. A plan counts in every step it went "
            "through, up to today."
        ),
        columns=(
            Column("step", _("Step"), Kind.TEXT),
            Column("plans", _("Plans"), Kind.COUNT),
            Column("percent_of_submitted", _("Share of submitted (%)"), Kind.PERCENT),
        ),
        rows=rows,
        chart=Chart(
            title=_("Plans per step"),
            bars=tuple(Bar(label, n) for label, n in counted),
        ),
    )
