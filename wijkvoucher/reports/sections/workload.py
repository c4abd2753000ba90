"""The officials' workload per plan (the Rekenkamer found no insight into what
carrying out the scheme costs). Hours are not recorded, so the report counts what the
municipality did: per wijk the plans an official or the regiegroep moved on in the
period, the steps taken on them (every step on the timeline not taken by the
initiator), the information requests and the handovers to another contact
official, and the steps per plan."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db.models import F
from django.utils.translation import gettext as _

from wijkvoucher.initiatives.constants import InitiativeStatus as S
from wijkvoucher.initiatives.models import ContactHandover, StatusChange
from wijkvoucher.reports.sections.base import (
    Bar,
    Chart,
    Column,
    Kind,
    ReportScope,
    Section,
    Value,
    per_wijk,
)


def _per_plan(steps: int, plans: int) -> str:
    """Steps per plan with one decimal, as text (a spreadsheet reads it as a number
    with a dot)."""
    if not plans:
        return ""
    tenths = (steps * 20 + plans) // (2 * plans)
    return f"{tenths // 10}.{tenths % 10}"


def build(scope: ReportScope) -> Section:
    steps = (
        StatusChange.objects.filter(
            initiative__neighbourhood_id__in=scope.wijk_ids,
            created_at__gte=scope.start_moment,
            created_at__lt=scope.end_moment,
            actor__isnull=False,
        )
        .exclude(actor_id=F("initiative__initiator_id"))
        .values_list("initiative__neighbourhood_id", "initiative_id", "to_status")
    )
    plans: dict[int, set[int]] = defaultdict(set)
    taken: Counter[int] = Counter()
    asked: Counter[int] = Counter()
    for wijk_id, plan_id, status in steps:
        plans[wijk_id].add(plan_id)
        taken[wijk_id] += 1
        asked[wijk_id] += status == S.INFORMATION_REQUESTED
    handovers: Counter[int] = Counter(
        ContactHandover.objects.filter(
            initiative__neighbourhood_id__in=scope.wijk_ids,
            created_at__gte=scope.start_moment,
            created_at__lt=scope.end_moment,
        ).values_list("initiative__neighbourhood_id", flat=True)
    )

    def row(name: str, ids: list[int]) -> tuple[Value, ...]:
        n_plans = sum(len(plans[i]) for i in ids)
        n_steps = sum(taken[i] for i in ids)
        return (
            name,
            n_plans,
            n_steps,
            sum(asked[i] for i in ids),
            sum(handovers[i] for i in ids),
            _per_plan(n_steps, n_plans),
        )

    rows = [row(w.name, [w.pk]) for w in scope.wijken]
    return per_wijk(
        key="workload",
        title=_("Officials' work per plan"),
        intro=_(
            "What the municipality and the regiegroep did on plans in this period: "
            "the plans they moved on, the steps they took, the information requests "
            "and the handovers to another contact official."
        ),
        columns=(
            Column("plans", _("Plans worked on"), Kind.COUNT),
            Column("steps", _("Steps taken"), Kind.COUNT),
            Column("information_requests", _("Information asked"), Kind.COUNT),
            Column("handovers", _("Handed over"), Kind.COUNT),
            Column("steps_per_plan", _("Steps per plan"), Kind.TEXT),
        ),
        rows=rows,
        total=lambda: row(_("Total"), scope.wijk_ids),
        chart=Chart(
            title=_("Steps taken per wijk"),
            bars=tuple(Bar(w.name, taken[w.pk]) for w in scope.wijken),
        ),
        note=_("Hours are not recorded; the number of steps stands in for the work."),
    )
