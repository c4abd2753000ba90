"""Budget: per budget period of the wijken that overlaps the report's period, the
figures of the payments budget view (``payments.selectors.budget.budget_overview``,
read from the ledger), so that the report and the cash desk never disagree."""

from __future__ import annotations

from django.utils.translation import gettext as _

from wijkvoucher.neighbourhoods.models import BudgetPeriod
from wijkvoucher.payments.selectors.budget import BudgetOverview, budget_overview
from wijkvoucher.reports.sections.base import (
    Bar,
    Chart,
    Column,
    Kind,
    ReportScope,
    Section,
    Value,
)

FIGURES: tuple[tuple[str, str], ...] = (
    ("ceiling_cents", "ceiling_cents"),
    ("awarded_cents", "awarded_cents"),
    ("spent_cents", "spent_cents"),
    ("paid_out_cents", "paid_out_cents"),
    ("returned_cents", "returned_cents"),
    ("available_cents", "available_cents"),
)


def periods_in(scope: ReportScope) -> list[BudgetPeriod]:
    """The budget periods of the scope's wijken that overlap its period, by wijk and
    start."""
    return list(
        BudgetPeriod.objects.filter(
            neighbourhood_id__in=scope.wijk_ids,
            starts_on__lte=scope.ends_on,
            ends_on__gte=scope.starts_on,
        )
        .select_related("neighbourhood", "account")
        .order_by("neighbourhood__name", "starts_on", "pk")
    )


def _figures(overview: BudgetOverview) -> tuple[int, ...]:
    return tuple(int(getattr(overview, attribute)) for _key, attribute in FIGURES)


def build(scope: ReportScope) -> Section:
    overviews = [budget_overview(budget_period=p) for p in periods_in(scope)]
    rows: list[tuple[Value, ...]] = []
    totals = [0] * len(FIGURES)
    for overview in overviews:
        figures = _figures(overview)
        totals = [a + b for a, b in zip(totals, figures, strict=True)]
        period = overview.period
        rows.append((period.neighbourhood.name, period.name, *figures))
    if len(rows) > 1:
        rows.append((_("Total"), "", *totals))
    return Section(
        key="budget",
        title=_("Budget"),
        intro=_(
            "Per budget period: the ceiling, what decisions gave to plans (reserved "
            "or issued as vouchers), what was spent, what of that was paid out, what "
            "came back from expired or voided vouchers, and what is still available. "
            "The same figures as the budget page of the cash desk."
        ),
        columns=(
            Column("wijk", _("Wijk"), Kind.TEXT),
            Column("budget_period", _("Budget period"), Kind.TEXT),
            Column("ceiling_cents", _("Ceiling"), Kind.CENTS),
            Column("awarded_cents", _("Awarded"), Kind.CENTS),
            Column("spent_cents", _("Spent"), Kind.CENTS),
            Column("paid_out_cents", _("Paid out"), Kind.CENTS),
            Column("returned_cents", _("Returned from vouchers"), Kind.CENTS),
            Column("available_cents", _("Available"), Kind.CENTS),
        ),
        rows=tuple(rows),
        has_total=len(rows) > 1,
        chart=Chart(
            title=_("Awarded per budget period"),
            bars=tuple(
                Bar(f"{o.period.neighbourhood.name} – {o.period.name}", o.awarded_cents)
                for o in overviews
            ),
            kind=Kind.CENTS,
        ),
        note=_(
            "What went back to the wijk budget at settlement, and what was reclaimed "
            "and received back, is in the section “Accountability and settlement”."
        ),
    )
