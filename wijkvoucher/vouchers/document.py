"""The printable voucher (waardebon) as an A4 PDF, and its QR code as SVG for the page.

The QR code holds the code only ("7KQ2-M9XD-R4TB-HW3E"), so any provider's scanner or
the portal reads it as typed. The PDF uses fpdf2's core fonts (latin-1): amounts are
written "EUR 1.234,56"."""

from __future__ import annotations

import io

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

import segno
from fpdf import FPDF

from wijkvoucher.core.money import format_euro_amount
from wijkvoucher.decisions.document import pdf_latin1
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


def _qr_png(code: str) -> io.BytesIO:
    out = io.BytesIO()
    segno.make(code, error="m", micro=False).save(out, kind="png", scale=10, border=2)
    out.seek(0)
    return out


def _money(cents: int) -> str:
    return f"EUR {format_euro_amount(cents)}"


def voucher_pdf(
    *, voucher: Voucher, balance_cents: int, compress: bool = True
) -> bytes:
    """The voucher to print, in the site's language (Dutch)."""
    initiative = voucher.initiative
    with translation.override(settings.LANGUAGE_CODE):
        municipality = initiative.neighbourhood.municipality.name
        rows = (
            (_("Number"), voucher.number),
            (_("Plan"), initiative.title),
            (_("Wijk"), initiative.neighbourhood.name),
            (_("Value at issue"), _money(int(voucher.amount_cents))),
            (_("Balance when printed"), _money(balance_cents)),
            (_("Valid until"), date_format(voucher.valid_until, "j F Y")),
        )
        title = _("Voucher")
        code_label = _("Voucher code")
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
    pdf = FPDF(format="A4")
    pdf.set_compression(compress)
    pdf.set_title(pdf_latin1(f"{title} {voucher.number}"))
    pdf.set_author(pdf_latin1(municipality))
    pdf.set_lang(settings.LANGUAGE_CODE)
    pdf.set_margins(20, 20, 20)
    pdf.add_page()

    def line(text: str, size: int = 11, style: str = "", height: float = 6) -> None:
        pdf.set_font("Helvetica", style=style, size=size)
        pdf.multi_cell(0, height, pdf_latin1(text), new_x="LMARGIN", new_y="NEXT")

    line(municipality, size=14, style="B", height=8)
    pdf.ln(2)
    line(title, size=22, style="B", height=11)
    pdf.ln(3)
    for label, value in rows:
        line(f"{label}: {value}")
    pdf.ln(5)
    line(code_label, size=12, style="B", height=7)
    pdf.set_font("Courier", style="B", size=26)
    pdf.cell(0, 14, pdf_latin1(voucher.code), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.image(_qr_png(voucher.code), x=pdf.l_margin, w=50, h=50)
    pdf.ln(4)
    for paragraph in instructions:
        line(paragraph)
        pdf.ln(1)
    pdf.ln(3)
    line(bearer, style="B")
    return bytes(pdf.output())
