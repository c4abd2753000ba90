"""An ACTIE assessment as a tagged A4 PDF (docs/documents.md), with the project's
PDF helper (``core.pdf``): the subject, the scores per letter as a table, the
suggested and chosen role, and per letter its items and ACTIE-punten. An internal
work document: no letterhead address block, the municipality's name as author."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wijkvoucher.actie.chart import score_text
from wijkvoucher.actie.constants import SupportRole, Variant
from wijkvoucher.actie.selectors import Result
from wijkvoucher.core.pdf import TaggedPdf

PDF_LANGUAGE = {"nl": "nl-NL", "en": "en-GB"}


def _subject(result: Result) -> str:
    assessment = result.assessment
    if assessment.variant == Variant.FRONTLINE and assessment.initiative is not None:
        return _("Plan: %(title)s") % {"title": assessment.initiative.title}
    start, end = assessment.period_start, assessment.period_end
    return _("Wijk %(wijk)s, %(start)s to %(end)s") % {
        "wijk": assessment.neighbourhood.name,
        "start": date_format(start, "DATE_FORMAT") if start else "",
        "end": date_format(end, "DATE_FORMAT") if end else "",
    }


def actie_pdf(*, result: Result, compress: bool = True) -> bytes:
    """The assessment in the site's language (Dutch), tagged for screen readers."""
    assessment = result.assessment
    with translation.override(settings.LANGUAGE_CODE):
        title = _("ACTIE assessment")
        subject = _subject(result)
        suggested = (
            SupportRole(result.suggestion.role).label
            if result.suggestion.role
            else _("no suggestion")
        )
        chosen = (
            SupportRole(assessment.role_chosen).label
            if assessment.role_chosen
            else _("not chosen yet")
        )
        head_rows = [
            (_("Form"), str(Variant(assessment.variant).label)),
            (_("Subject"), subject),
            (_("Filled in on"), date_format(assessment.assessed_on, "DATE_FORMAT")),
            (_("Filled in by"), assessment.author.full_name or "-"),
            (_("Suggested role"), f"{suggested}. {result.suggestion.reason}"),
            (_("Chosen role"), str(chosen)),
        ]
        score_rows = [
            (str(block.score.letter.label), score_text(block.score.score))
            for block in result.blocks
        ]
        sections = []
        for block in result.blocks:
            lines = [
                f"{row.item.code} · {score_text(row.score) if row.score is None else row.score}"
                f" · {row.item.text}" + (f" ({row.note})" if row.note else "")
                for row in block.rows
            ]
            points = [block.points] if block.points else []
            sections.append(
                (
                    str(block.score.letter.label),
                    lines,
                    points + list(block.hints),
                )
            )
        scores_heading = _("Score per letter")
        items_heading = _("Items")
        points_heading = _("ACTIE-punten")
        no_points = _("No ACTIE-punten for this letter.")
        page_label = _("Page %(page)s of %(pages)s")
        municipality = assessment.neighbourhood.municipality.name
    pdf = TaggedPdf(
        title=f"{title} · {subject}",
        language=PDF_LANGUAGE.get(settings.LANGUAGE_CODE, settings.LANGUAGE_CODE),
        author=municipality,
        page_label=page_label,
        running_head=f"{title} · {subject}",
        compress=compress,
    )
    pdf.add_page()
    pdf.heading(title, level=1)
    pdf.rows(head_rows)
    pdf.heading(scores_heading, level=2)
    pdf.rows(score_rows)
    for letter, lines, points in sections:
        pdf.heading(letter, level=2)
        pdf.paragraph(items_heading, bold=True)
        pdf.bullets(lines)
        pdf.paragraph(points_heading, bold=True)
        if points:
            pdf.bullets(points)
        else:
            pdf.paragraph(no_points)
    return pdf.output_bytes()
