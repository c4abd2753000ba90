"""The sections of the report, in order (docs/reports.md). Each entry is a builder
``(scope) -> Section``; a section that a later app brings (accountability, ACTIE,
the participation ladder) is one more module here and one more line in ``SECTIONS``.
The page, the CSV, the XLSX and the annual report all read this list."""

from __future__ import annotations

from wijkvoucher.reports.sections import (
    after_award,
    budget,
    funnel,
    lead_times,
    objections,
    overdue,
    reach,
    reasons,
    regiegroep,
    workload,
)
from wijkvoucher.reports.sections.base import Builder, ReportScope, Section

SECTIONS: dict[str, Builder] = {
    "budget": budget.build,
    "funnel": funnel.build,
    "lead_times": lead_times.build,
    "overdue": overdue.build,
    "reasons": reasons.build,
    "reach": reach.build,
    "spread": reach.build_spread,
    "regiegroep": regiegroep.build,
    "objections": objections.build,
    "workload": workload.build,
    "accountability": after_award.build_accountability,
    "actie": after_award.build_actie,
    "support_needs": after_award.build_support_needs,
    "ladder": after_award.build_ladder,
}


def report_sections(scope: ReportScope) -> list[Section]:
    """Every section of the report of ``scope``, in order."""
    return [build(scope) for build in SECTIONS.values()]


def report_section(scope: ReportScope, key: str) -> Section | None:
    build = SECTIONS.get(key)
    return build(scope) if build is not None else None
