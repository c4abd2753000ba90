"""The annual report for the council as a tagged A4 PDF (core/pdf.py): per section a
heading, the explanation, the chart drawn in the PDF itself (a Figure whose
alternative text holds every value) and the numbers, one block per table row.
Same sections as the page (sections.SECTIONS)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wijkvoucher.core.pdf import LINE, TaggedPdf
from wijkvoucher.neighbourhoods.selectors.documents import municipality_letterhead
from wijkvoucher.reports.chart import value_text
from wijkvoucher.reports.sections.base import Chart, ReportScope, Section

PDF_LANGUAGE = {"nl": "nl-NL", "en": "en-GB"}
BAR_HEIGHT = 4.0
BAR_GAP = 2.0
LABEL_SIZE = 8.5
# More bars than this in a PDF chart: the first ones are drawn, the table has all.
MAX_BARS = 24
FILL = (27, 63, 115)
TRACK = (235, 235, 235)


def _alt(chart: Chart, bars: Sequence[object]) -> str:
    values = "; ".join(
        f"{bar.label}: {value_text(bar.value, chart.kind)}"  # type: ignore[attr-defined]
        for bar in bars
    )
    return f"{chart.title}. {values}."


def _chart(pdf: TaggedPdf, chart: Chart | None) -> None:
    if chart is None or chart.top <= 0:
        return
    bars = chart.bars[:MAX_BARS]
    label_width = 62.0
    value_width = 24.0
    track_width = pdf.epw - label_width - value_width - 4
    height = len(bars) * (BAR_HEIGHT + BAR_GAP) + 8
    pdf.ensure_space(height)
    pdf.use(LABEL_SIZE, bold=True)
    with pdf.element("Figure", alt=_alt(chart, bars)), pdf.content():
        pdf.set_xy(pdf.l_margin, pdf.get_y())
        pdf.cell(pdf.epw, 5, chart.title)
        y = pdf.get_y() + 6
        pdf.use(LABEL_SIZE)
        for bar in bars:
            label = bar.label
            while label and pdf.get_string_width(label) > label_width - 2:
                label = label[:-2] + "…" if len(label) > 2 else ""
            pdf.set_xy(pdf.l_margin, y - 0.3)
            pdf.cell(label_width, BAR_HEIGHT, label)
            x = pdf.l_margin + label_width
            pdf.set_fill_color(*TRACK)
            pdf.rect(x, y, track_width, BAR_HEIGHT, style="F")
            pdf.set_fill_color(*FILL)
            width = track_width * chart.percent(bar) / 100
            if width > 0:
                pdf.rect(x, y, width, BAR_HEIGHT, style="F")
            pdf.set_xy(x + track_width + 2, y - 0.3)
            pdf.cell(value_width, BAR_HEIGHT, value_text(bar.value, chart.kind))
            y += BAR_HEIGHT + BAR_GAP
        pdf.set_y(y + 2)
    if len(chart.bars) > MAX_BARS:
        pdf.paragraph(
            _("The chart shows the first %(count)s; the table below has them all.")
            % {"count": MAX_BARS},
            size=LABEL_SIZE,
        )


def _section(pdf: TaggedPdf, section: Section) -> None:
    pdf.heading(section.title, level=2)
    pdf.paragraph(section.intro)
    if section.empty:
        pdf.paragraph(_("Nothing to count in this period."))
        return
    _chart(pdf, section.chart)
    first, *rest = section.columns
    for row in section.rows:
        head, *values = row
        pdf.ensure_space(3 * LINE)
        pdf.paragraph(
            f"{first.label}: {value_text(head, first.kind)}", bold=True, after=0.8
        )
        pdf.rows(
            [
                (column.label, value_text(value, column.kind))
                for column, value in zip(rest, values, strict=False)
            ],
            label_width=70,
            after=2,
        )
    if section.note:
        pdf.paragraph(section.note, size=LABEL_SIZE)


def report_title(scope: ReportScope) -> str:
    if len(scope.wijken) == 1:
        return _("Report %(wijk)s, %(start)s to %(end)s") % {
            "wijk": scope.wijken[0].name,
            "start": date_format(scope.starts_on, "DATE_FORMAT"),
            "end": date_format(scope.ends_on, "DATE_FORMAT"),
        }
    return _("Report %(municipality)s, %(start)s to %(end)s") % {
        "municipality": scope.municipality.name,
        "start": date_format(scope.starts_on, "DATE_FORMAT"),
        "end": date_format(scope.ends_on, "DATE_FORMAT"),
    }


def annual_report_pdf(
    *, scope: ReportScope, sections: Sequence[Section], compress: bool = True
) -> bytes:
    """The annual report of ``scope`` in the active language."""
    language = get_language() or "nl"
    title = _("Annual report neighbourhood vouchers %(year)s") % {
        "year": scope.starts_on.year
    }
    pdf = TaggedPdf(
        title=f"{title} – {scope.municipality.name}",
        language=PDF_LANGUAGE.get(language, language),
        author=scope.municipality.name,
        page_label=_("Page %(page)s of %(pages)s"),
        running_head=f"{scope.municipality.name} · {title}",
        compress=compress,
    )
    pdf.add_page()
    pdf.set_y(pdf.letterhead(municipality_letterhead(scope.municipality)))
    pdf.heading(title, level=1)
    pdf.paragraph(report_title(scope))
    pdf.paragraph(
        _(
            "This report counts what happened with neighbourhood initiatives and "
            "their budgets in the wijken named below. It holds no names of "
            "residents. Made on %(day)s."
        )
        % {"day": date_format(scope.on, "DATE_FORMAT")}
    )
    pdf.bullets([w.name for w in scope.wijken])
    for section in sections:
        _section(pdf, section)
    return pdf.output_bytes()
