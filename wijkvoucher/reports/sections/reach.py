"""Reach and inclusion (issue #13, point 5): who takes part. Per wijk the plans
submitted in the period, their initiators, how many of them submitted a plan for the
first time (no plan submitted before the period, in any wijk) and how many again,
and the co-initiators who joined; then the spread of the plans over the postcode
areas (the four digits of the initiator's postcode in the wijk), counts only.
Movement on the participation ladder comes with the ladder itself."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.utils.translation import gettext as _

from wijkvoucher.initiatives.models import CoInitiator, Initiative
from wijkvoucher.neighbourhoods.models import Address
from wijkvoucher.reports.sections.base import (
    Bar,
    Chart,
    Column,
    Kind,
    ReportScope,
    Section,
    Value,
    per_wijk,
    percent_of,
)


def _plans(scope: ReportScope) -> list[tuple[int, int, int]]:
    """(plan, wijk, initiator) of the plans submitted in the period."""
    return list(
        Initiative.objects.filter(
            neighbourhood_id__in=scope.wijk_ids,
            submitted_at__gte=scope.start_moment,
            submitted_at__lt=scope.end_moment,
        ).values_list("pk", "neighbourhood_id", "initiator_id")
    )


def _returning(scope: ReportScope, initiator_ids: set[int]) -> set[int]:
    """The initiators who had submitted a plan before the period (one query)."""
    return set(
        Initiative.objects.filter(
            initiator_id__in=initiator_ids, submitted_at__lt=scope.start_moment
        ).values_list("initiator_id", flat=True)
    )


def _co_initiators(plan_ids: list[int]) -> dict[int, int]:
    """Accepted co-initiators per plan (one query)."""
    return Counter(
        CoInitiator.objects.filter(
            initiative_id__in=plan_ids,
            accepted_at__isnull=False,
            revoked_at__isnull=True,
        ).values_list("initiative_id", flat=True)
    )


def build(scope: ReportScope) -> Section:
    plans = _plans(scope)
    initiators = {initiator for _plan, _wijk, initiator in plans}
    returning = _returning(scope, initiators)
    co = _co_initiators([plan for plan, _wijk, _initiator in plans])
    by_wijk: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for plan in plans:
        by_wijk[plan[1]].append(plan)

    def row(name: str, rows: list[tuple[int, int, int]]) -> tuple[Value, ...]:
        people = {initiator for _p, _w, initiator in rows}
        first = len(people - returning)
        return (
            name,
            len(rows),
            len(people),
            first,
            len(people) - first,
            percent_of(first, len(people)),
            sum(co.get(p, 0) for p, _w, _i in rows),
        )

    table = [row(w.name, by_wijk[w.pk]) for w in scope.wijken]
    return per_wijk(
        key="reach",
        title=_("Reach: first-time and repeat initiators"),
        intro=_(
            "The plans submitted in this period and the people behind them. First "
            "time: the initiator had not submitted a plan before this period."
        ),
        columns=(
            Column("plans", _("Plans"), Kind.COUNT),
            Column("initiators", _("Initiators"), Kind.COUNT),
            Column("first_time", _("First time"), Kind.COUNT),
            Column("repeat", _("Again"), Kind.COUNT),
            Column("first_time_percent", _("% first time"), Kind.PERCENT),
            Column("co_initiators", _("Co-initiators"), Kind.COUNT),
        ),
        rows=table,
        total=lambda: row(_("Total"), plans),
        chart=Chart(
            title=_("Initiators per wijk"),
            bars=tuple(
                Bar(w.name, len({i for _p, _w, i in by_wijk[w.pk]}))
                for w in scope.wijken
            ),
        ),
        note=_(
            "Movement on the participation ladder will be added here once the ladder "
            "is recorded."
        ),
    )


def build_spread(scope: ReportScope) -> Section:
    plans = _plans(scope)
    areas: dict[tuple[int, int], str] = {}
    for user_id, wijk_id, postcode in Address.objects.filter(
        user_id__in={initiator for _p, _w, initiator in plans},
        neighbourhood_id__in=scope.wijk_ids,
    ).values_list("user_id", "neighbourhood_id", "postcode"):
        areas.setdefault((user_id, wijk_id), postcode[:4])
    names = {w.pk: w.name for w in scope.wijken}
    counts: Counter[tuple[str, str]] = Counter(
        (names[wijk], areas.get((initiator, wijk), "")) for _p, wijk, initiator in plans
    )
    ordered = sorted(counts.items(), key=lambda item: item[0])
    rows: tuple[tuple[Value, ...], ...] = tuple(
        (wijk, area or _("unknown"), n) for (wijk, area), n in ordered
    )
    return Section(
        key="spread",
        title=_("Spread over the postcode areas"),
        intro=_(
            "Where the plans submitted in this period come from: the postcode area "
            "(four digits) of the initiator's address in the wijk."
        ),
        columns=(
            Column("wijk", _("Wijk"), Kind.TEXT),
            Column("postcode_area", _("Postcode area"), Kind.TEXT),
            Column("plans", _("Plans"), Kind.COUNT),
        ),
        rows=rows,
        chart=Chart(
            title=_("Plans per postcode area"),
            bars=tuple(
                Bar(f"{area or _('unknown')} ({wijk})", n)
                for (wijk, area), n in ordered
            ),
        ),
    )
