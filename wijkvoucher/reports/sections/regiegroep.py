"""Regiegroep health: per wijk the meetings in the period (planned and held), the
attendance at the meetings held, the members at the end of the period (with a vote,
already active in the wijk before or new, joined in the period) and the declarations
of interest (declared by members, and found by the system)."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from wijkvoucher.neighbourhoods.models import RoleAssignment
from wijkvoucher.neighbourhoods.roles import STEERING_ROLES, VOTING_STEERING_ROLES
from wijkvoucher.regiegroep.constants import MeetingStatus
from wijkvoucher.regiegroep.models import Attendance, ConflictDeclaration, Meeting
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

FIELDS = (
    "planned",
    "held",
    "present",
    "recorded",
    "members",
    "voting",
    "previously_active",
    "new",
    "joined",
    "conflicts",
    "detected",
)


def _meetings(scope: ReportScope, counts: dict[int, dict[str, int]]) -> None:
    in_period = Q(held_on__gte=scope.starts_on, held_on__lte=scope.ends_on)
    for row in (
        Meeting.objects.filter(in_period, neighbourhood_id__in=scope.wijk_ids)
        .values("neighbourhood_id")
        .annotate(
            planned=Count("pk"), held=Count("pk", filter=Q(status=MeetingStatus.CLOSED))
        )
        .values_list("neighbourhood_id", "planned", "held")
    ):
        counts[row[0]]["planned"] = row[1]
        counts[row[0]]["held"] = row[2]
    for wijk_id, present, recorded in (
        Attendance.objects.filter(
            meeting__neighbourhood_id__in=scope.wijk_ids,
            meeting__status=MeetingStatus.CLOSED,
            meeting__held_on__gte=scope.starts_on,
            meeting__held_on__lte=scope.ends_on,
        )
        .values("meeting__neighbourhood_id")
        .annotate(present=Count("pk", filter=Q(present=True)), recorded=Count("pk"))
        .values_list("meeting__neighbourhood_id", "present", "recorded")
    ):
        counts[wijk_id]["present"] = present
        counts[wijk_id]["recorded"] = recorded
    for wijk_id, declared, detected in (
        ConflictDeclaration.objects.filter(
            has_conflict=True,
            agenda_item__meeting__neighbourhood_id__in=scope.wijk_ids,
            agenda_item__meeting__held_on__gte=scope.starts_on,
            agenda_item__meeting__held_on__lte=scope.ends_on,
        )
        .values("agenda_item__meeting__neighbourhood_id")
        .annotate(declared=Count("pk"), detected=Count("pk", filter=Q(detected=True)))
        .values_list("agenda_item__meeting__neighbourhood_id", "declared", "detected")
    ):
        counts[wijk_id]["conflicts"] = declared
        counts[wijk_id]["detected"] = detected


def _members(scope: ReportScope, counts: dict[int, dict[str, int]]) -> None:
    """The seats at the end of the period (one query)."""
    day = scope.last_day
    for wijk_id, role, previously_active, valid_from in RoleAssignment.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        neighbourhood_id__in=scope.wijk_ids,
        role__in=sorted(STEERING_ROLES),
        valid_from__lte=day,
    ).values_list("neighbourhood_id", "role", "previously_active", "valid_from"):
        wijk = counts[wijk_id]
        wijk["members"] += 1
        wijk["voting"] += role in VOTING_STEERING_ROLES
        wijk["previously_active" if previously_active else "new"] += 1
        wijk["joined"] += scope.includes(valid_from)


def _row(name: str, c: dict[str, int]) -> tuple[Value, ...]:
    return (
        name,
        c["planned"],
        c["held"],
        percent_of(c["present"], c["recorded"]),
        c["members"],
        c["voting"],
        c["previously_active"],
        c["new"],
        c["joined"],
        c["conflicts"],
        c["detected"],
    )


def build(scope: ReportScope) -> Section:
    counts: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(FIELDS, 0))
    _meetings(scope, counts)
    _members(scope, counts)
    rows = [_row(w.name, counts[w.pk]) for w in scope.wijken]
    total = {f: sum(counts[w.pk][f] for w in scope.wijken) for f in FIELDS}
    return per_wijk(
        key="regiegroep",
        title=_("Regiegroep health"),
        intro=_(
            "Meetings in this period, attendance at the meetings held, the "
            "regiegroep at the end of the period (members who were already active "
            "in the wijk before and new ones) and the declared interests."
        ),
        columns=(
            Column("meetings_planned", _("Meetings planned"), Kind.COUNT),
            Column("meetings_held", _("Meetings held"), Kind.COUNT),
            Column("attendance_percent", _("% present"), Kind.PERCENT),
            Column("members", _("Members"), Kind.COUNT),
            Column("voting_members", _("With a vote"), Kind.COUNT),
            Column("previously_active", _("Already active before"), Kind.COUNT),
            Column("new_members", _("New to the wijk's work"), Kind.COUNT),
            Column("joined", _("Joined in this period"), Kind.COUNT),
            Column("conflicts_declared", _("Interests declared"), Kind.COUNT),
            Column("conflicts_detected", _("Of which found by the system"), Kind.COUNT),
        ),
        rows=rows,
        total=lambda: _row(_("Total"), total),
        chart=Chart(
            title=_("Attendance at the meetings held (%)"),
            bars=tuple(
                Bar(
                    w.name,
                    percent_of(counts[w.pk]["present"], counts[w.pk]["recorded"]) or 0,
                )
                for w in scope.wijken
            ),
            kind=Kind.PERCENT,
        ),
    )
