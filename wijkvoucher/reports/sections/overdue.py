"""The plans waiting for a decision today although their decision date has passed
(the same rule as the officials' work list, ``initiative_overdue_q``): what the
lead-time table counts, by name, so that a late plan gets attention."""

from __future__ import annotations

from django.utils.translation import gettext as _

from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.selectors.initiatives import initiative_overdue_q
from wijkvoucher.reports.sections.base import (
    Bar,
    Chart,
    Column,
    Kind,
    ReportScope,
    Section,
    Value,
    local_day,
)


def build(scope: ReportScope) -> Section:
    plans = (
        Initiative.objects.filter(
            initiative_overdue_q(on=scope.on), neighbourhood_id__in=scope.wijk_ids
        )
        .order_by("decision_due_on", "pk")
        .values_list(
            "neighbourhood__name", "title", "submitted_at", "decision_due_on", "status"
        )
    )
    rows: list[tuple[Value, ...]] = []
    bars: list[Bar] = []
    for wijk, title, submitted_at, due_on, _status in plans:
        late = (scope.on - due_on).days if due_on is not None else 0
        rows.append((wijk, title, local_day(submitted_at), due_on, late))
        bars.append(Bar(title, late))
    return Section(
        key="overdue",
        title=_("Plans waiting after their decision date (today)"),
        intro=_(
            "Plans that are still waiting for a decision today although their "
            "decision date has passed. The initiator can send a notice of default; "
            "after that a penalty payment can follow (Awb 4:17)."
        ),
        columns=(
            Column("wijk", _("Wijk"), Kind.TEXT),
            Column("title", _("Plan"), Kind.TEXT),
            Column("submitted_on", _("Received"), Kind.DATE),
            Column("decision_due_on", _("Decision date"), Kind.DATE),
            Column("days_late", _("Days late"), Kind.DAYS),
        ),
        rows=tuple(rows),
        chart=Chart(
            title=_("Days late per plan"),
            bars=tuple(bars),
            kind=Kind.DAYS,
        ),
    )
