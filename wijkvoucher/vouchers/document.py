"""The printable voucher (waardebon) as an A4 PDF, and its QR code as SVG for the page.

The QR code holds the code only ("7KQ2-M9XD-R4TB-HW3E"), so any provider's scanner or
the portal reads it as typed. The PDF has the municipality's letterhead and is tagged
for screen readers, like the beschikking (docs/documents.md)."""

from __future__ import annotations

import io

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

import segno

from wijkvoucher.core.money import format_euro_cents
from wijkvoucher.core.pdf import TaggedPdf
from wijkvoucher.decisions.document import PDF_LANGUAGE, pdf_page_label
from wijkvoucher.neighbourhoods.selectors.documents import municipality_letterhead
from wijkvoucher.vouchers.models import Voucher


def voucher_qr_svg(code: str) -> str:
    """An inline SVG of the QR code of ``code``, sized by CSS (no XML declaration)."""
    qr = segno.make(code, error="m", micro=False)
    return str(
        qr.svg_inline(
            scale=5,
            border=2,
            omitsize=True,
            svgclass="voucher-qr",
            title=_("QR code of the voucher code"),
        )
    )


def _qr_png(code: str) -> bytes:
    out = io.BytesIO()
    segno.make(code, error="m", micro=False).save(out, kind="png", scale=10, border=2)
    return out.getvalue()


def voucher_pdf(
    *, voucher: Voucher, balance_cents: int, compress: bool = True
) -> bytes:
    """The voucher to print, in the site's language (Dutch), tagged for screen
    readers like the beschikking (``wijkvoucher.core.pdf``)."""
    initiative = voucher.initiative
    municipality = initiative.neighbourhood.municipality
    with translation.override(settings.LANGUAGE_CODE):
        head = municipality_letterhead(municipality)
        rows = (
            (pgettext("document reference", "Number"), voucher.number),
            (_("Plan"), initiative.title),
            (_("Wijk"), initiative.neighbourhood.name),
            (_("Value at issue"), format_euro_cents(int(voucher.amount_cents))),
            (_("Balance when printed"), format_euro_cents(balance_cents)),
            (_("Valid until"), date_format(voucher.valid_until, "DATE_FORMAT")),
        )
        title = _("Voucher")
        code_label = _("Voucher code")
        qr_alt = _("QR code with the voucher code: %(code)s") % {"code": voucher.code}
        how = _("How to use this voucher")
        instructions = (
            _(
                "Show this code at a provider in the wijk. The provider enters the "
                "code or scans the QR code and takes the amount off the voucher."
            ),
            _(
                "You can pay in parts until the voucher is used up or until the date "
                "above. Ask for a receipt every time."
            ),
            _(
                "Lost this voucher, or did someone else see the code? Block it at "
                "once on the website (My plans, Vouchers and payments). You get a "
                "new code for what was left."
            ),
        )
        bearer = _("Whoever has this code can spend it. Keep it safe, like cash.")
        page_label = pdf_page_label()
    pdf = TaggedPdf(
        title=f"{title} {voucher.number}",
        language=PDF_LANGUAGE.get(settings.LANGUAGE_CODE, settings.LANGUAGE_CODE),
        author=municipality.name,
        page_label=page_label,
        compress=compress,
    )
    pdf.add_page()
    pdf.set_y(pdf.letterhead(head) + 4)
    pdf.heading(title, level=1)
    pdf.rows(rows)
    pdf.heading(code_label, level=2)
    pdf.paragraph(voucher.code, size=24, mono=True, line=11, after=2)
    size = 42.0
    pdf.ensure_space(size + 4)
    pdf.figure(
        _qr_png(voucher.code),
        alt=qr_alt,
        x=pdf.l_margin,
        y=pdf.get_y(),
        width=size,
        height=size,
    )
    pdf.set_y(pdf.get_y() + size + 4)
    pdf.heading(how, level=2)
    pdf.bullets(instructions)
    pdf.paragraph(bearer, bold=True)
    return pdf.output_bytes()
