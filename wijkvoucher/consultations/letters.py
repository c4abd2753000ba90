"""The letters with the voting codes: one printable PDF, one A4 page per letter, and a
CSV for a print shop.

Codes are stored only as a keyed hash, so the letters are made in the request that
creates the codes (``credentials_import``, ``credential_replace_letter``) and are never
kept. Each page is the resident's letter in the site's language (Dutch, B1): the
address for a window envelope, what the vote is about, the code in large characters
with a QR code that opens the voting page with the code filled in, how and until when
to vote, that the vote can be changed and is secret, and where to get help.

Secrecy on paper: nothing but the address sits in the envelope window; the code and
the QR code start below the first fold (``CODE_TOP``). The PDF's metadata (title,
subject, XMP) names the consultation, never a code, and the QR code's alternative text
does not repeat the code (it is printed as text right beside it). The pages are tagged
for screen readers like the beschikking (``core.pdf``)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

import segno

from wijkvoucher.core.pdf import BODY_SIZE, LEFT, Letterhead, TaggedPdf

ADDRESS_TOP = 50.0  # the window of a Dutch window envelope (NEN 1026)
CODE_TOP = 100.0  # below the first fold of an A4 folded in three: out of the window
ADDRESS_WIDTH = 90.0
ADDRESS_MIN_SIZE = 8.0  # smaller print is hard to read by the post's machines
QR_SIZE = 36.0
QR_BORDER = 2  # quiet zone in modules, left blank around the drawn modules
# segno tries all eight masks and keeps the best-scoring one, most of the time a page
# takes; any mask decodes, so one is fixed (a scanner reads the mask from the code).
QR_MASK = 0
CODE_SIZE = 22.0
CODE_SPACING = 1.4  # mm between the characters of the code
TITLE_SIZE = 14.0
TITLE_MAX = 200
HELP_MAX = 400
PDF_LANGUAGE = {"nl": "nl-NL", "en": "en-GB"}


@dataclass(frozen=True)
class Letter:
    """One letter: the code in clear (only here, in memory) and the address. An empty
    ``name`` is a letter to the residents of the address (one vote per household)."""

    code: str
    name: str
    street: str
    house_number_text: str
    postcode: str
    city: str


@dataclass(frozen=True)
class Mailing:
    """What every letter of one consultation says."""

    title: str
    wijk: str
    closes_at: dt.datetime
    base_url: str
    help_text: str
    sender: str = ""  # the municipality: the PDF's author
    letterhead: Letterhead | None = None

    def __post_init__(self) -> None:
        if len(self.title) > TITLE_MAX or len(self.help_text) > HELP_MAX:
            raise ValueError(
                f"a letter's title has at most {TITLE_MAX} characters and its help "
                f"text at most {HELP_MAX}: they must fit on one page"
            )


def code_display(code: str) -> str:
    """The code as the letter prints it: ``XXXX-XXXX-XXXXX`` (a 13-character code),
    otherwise as given, in capitals."""
    raw = "".join(char for char in code.upper() if char.isalnum())
    if len(raw) != 13:
        return code.upper()
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def vote_url(base_url: str) -> str:
    """Where a resident types the code: ``<base>/stemmen/``."""
    return f"{base_url.rstrip('/')}/stemmen/"


def code_url(base_url: str, code: str) -> str:
    """The QR code's link, which opens the ballot with the code: ``<base>/stemmen/<code>/``."""
    return f"{vote_url(base_url)}{code_display(code)}/"


def _postcode(postcode: str) -> str:
    text = postcode.strip().upper()
    if len(text) == 6 and " " not in text:
        return f"{text[:4]} {text[4:]}"
    return text


def address_lines(letter: Letter) -> tuple[str, str, str]:
    """The envelope's three lines: addressee, street and number, postcode and city."""
    addressee = letter.name or _("To the residents")
    street = f"{letter.street} {letter.house_number_text}".strip()
    place = f"{_postcode(letter.postcode)} {letter.city}".strip()
    return addressee, street, place


def _closing(closes_at: dt.datetime) -> str:
    """Until when, in words: "until 12 October 2026 at 18:00"; a close at midnight is
    "until and including" the day before."""
    local = timezone.localtime(closes_at) if timezone.is_aware(closes_at) else closes_at
    if local.time() == dt.time(0, 0):
        day = local.date() - dt.timedelta(days=1)
        return _("You can vote until and including %(day)s.") % {
            "day": date_format(day, "l j F Y")
        }
    return _("You can vote until %(day)s at %(time)s.") % {
        "day": date_format(local.date(), "l j F Y"),
        "time": time_format(local.time(), "TIME_FORMAT"),
    }


class _LetterPdf(TaggedPdf):
    """A page per letter: no page numbers (each page goes to another resident).

    Most of a letter is the same on every page, and breaking text into lines is most
    of the time a page takes: the lines of a text in a font and width are kept."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._broken: dict[tuple[object, ...], list[str]] = {}

    def footer(self) -> None:
        return

    def lines(self, text: str, width: float) -> list[str]:
        key = (
            self.font_family,
            self.font_style,
            self.font_size_pt,
            self.char_spacing,
            width,
            text,
        )
        if key not in self._broken:
            self._broken[key] = super().lines(text, width)
        return list(self._broken[key])


def _qr(pdf: _LetterPdf, url: str, *, x: float, y: float, alt: str) -> None:
    """The QR code as vector squares (sharp at any print resolution): one filled
    path of a rectangle per run of dark modules in a row."""
    qr = segno.make(url, error="m", micro=False, mask=QR_MASK)
    module = QR_SIZE / (len(qr.matrix) + 2 * QR_BORDER)
    k = pdf.k  # points per mm; PDF y runs up from the bottom of the page
    left, top = x + QR_BORDER * module, y + QR_BORDER * module
    runs: list[str] = []
    for r, row in enumerate(qr.matrix):
        c = 0
        while c < len(row):
            start = c
            while c < len(row) and row[c]:
                c += 1
            if c > start:
                runs.append(
                    f"{(left + start * module) * k:.2f} "
                    f"{(pdf.h - top - r * module) * k:.2f} "
                    f"{(c - start) * module * k:.2f} {-module * k:.2f} re"
                )
            c += 1
    with pdf.element("Figure", alt=alt), pdf.content():
        pdf.set_fill_color(0)
        pdf._out("\n".join(runs) + "\nf")


def _address_block(pdf: _LetterPdf, letter: Letter) -> None:
    """The three address lines, each on one line of the window: in a smaller size
    when a line is long, cut off with "…" only past the smallest size."""
    lines = list(address_lines(letter))
    size = BODY_SIZE
    while size > ADDRESS_MIN_SIZE and any(
        pdf.text_height(line, width=ADDRESS_WIDTH, size=size) > 5.2 for line in lines
    ):
        size -= 0.5
    pdf.use(size)
    room = ADDRESS_WIDTH - 2 * pdf.c_margin - 0.5  # what a line of a cell holds
    for i, line in enumerate(lines):
        while len(line) > 1 and pdf.get_string_width(line) > room:
            line = line[:-2] + "…"
        lines[i] = line
    pdf.paragraph("\n".join(lines), size=size, after=9, width=ADDRESS_WIDTH)


def _letter_page(pdf: _LetterPdf, letter: Letter, mailing: Mailing) -> None:
    pdf.add_page()
    top = pdf.letterhead(mailing.letterhead) if mailing.letterhead else pdf.t_margin
    pdf.set_y(max(top, ADDRESS_TOP))
    _address_block(pdf, letter)

    pdf.paragraph(
        mailing.title, size=TITLE_SIZE, bold=True, line=6.5, after=2, struct_type="H1"
    )
    intro = _(
        "Residents of %(wijk)s may vote on this. You may vote too. Below is your "
        "personal code."
    ) % {"wijk": mailing.wijk}
    if not letter.name:
        intro += " " + _("With this code your household votes once.")
    pdf.paragraph(intro)

    pdf.set_y(max(pdf.get_y() + 2, CODE_TOP))
    code_top = pdf.get_y()
    qr_x = pdf.w - pdf.r_margin - QR_SIZE
    text_width = qr_x - LEFT - 4
    pdf.paragraph(
        _("Your code"), size=12, bold=True, line=6.2, after=1, struct_type="H2"
    )
    pdf.set_char_spacing(CODE_SPACING)
    pdf.paragraph(
        code_display(letter.code),
        size=CODE_SIZE,
        mono=True,
        line=11,
        after=1,
        width=text_width,
    )
    pdf.set_char_spacing(0)
    pdf.paragraph(
        _("Scan the QR code, or type the code at %(url)s")
        % {"url": vote_url(mailing.base_url)},
        width=text_width,
    )
    _qr(
        pdf,
        code_url(mailing.base_url, letter.code),
        x=qr_x,
        y=code_top,
        alt=_("QR code that opens the voting page with your code"),
    )
    pdf.set_y(max(pdf.get_y(), code_top + QR_SIZE) + 2)

    pdf.paragraph(
        _("How to vote"), size=12, bold=True, line=6.2, after=1.2, struct_type="H2"
    )
    pdf.bullets(
        [
            _(
                "Scan the QR code with the camera of your phone. The voting page "
                "opens with your code already filled in."
            ),
            _("No smartphone? Go to %(url)s on a computer or tablet and type the code.")
            % {"url": vote_url(mailing.base_url)},
            _closing(mailing.closes_at),
            _(
                "Changed your mind? Vote again with the same code before then. Only "
                "your last vote counts."
            ),
            _(
                "Your vote is secret. The votes are counted without names. After the "
                "count, nobody can find out what you voted."
            ),
            _(
                "Keep this letter to yourself. Whoever has the code can vote in your place."
            ),
        ],
        after=1,
    )
    pdf.paragraph(
        _("Need help?"), size=12, bold=True, line=6.2, after=1.2, struct_type="H2"
    )
    if mailing.help_text.strip():
        pdf.paragraph(mailing.help_text.strip())
    pdf.paragraph(
        _("Lost this letter? Ask for a new one. The old code then stops working.")
    )


def letters_pdf(
    letters: Sequence[Letter], mailing: Mailing, *, compress: bool = True
) -> bytes:
    """One PDF with one A4 page per letter, in the order given (for a print shop:
    sorted by postcode)."""
    with translation.override(settings.LANGUAGE_CODE):
        pdf = _LetterPdf(
            title=_("Voting letters: %(title)s") % {"title": mailing.title},
            language=PDF_LANGUAGE.get(settings.LANGUAGE_CODE, settings.LANGUAGE_CODE),
            author=mailing.sender or mailing.wijk,
            page_label="",
            compress=compress,
        )
        for number, letter in enumerate(letters, start=1):
            _letter_page(pdf, letter, mailing)
            if pdf.page != number:
                raise ValueError(f"letter {number} does not fit on one page")
        if not letters:
            pdf.add_page()
        return pdf.output_bytes()


def _cell(value: str) -> str:
    # Spreadsheets run a cell that starts with = + - @ as a formula (CSV injection).
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def letters_csv(letters: Sequence[Letter], *, base_url: str) -> bytes:
    """The letters for a print shop's mail merge: UTF-8 with a byte-order mark (Excel
    reads it right), ``;`` between cells, the header in the site's language. One row
    per letter: addressee, the two address lines, postcode and city apart (for
    sorting), the code and the link of the QR code."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    with translation.override(settings.LANGUAGE_CODE):
        writer.writerow(
            [
                _("Name"),
                _("Address line 1"),
                _("Address line 2"),
                _("Postcode"),
                _("Place"),
                _("Code"),
                _("Link"),
            ]
        )
        for letter in letters:
            addressee, street, place = address_lines(letter)
            writer.writerow(
                [
                    _cell(addressee),
                    _cell(street),
                    _cell(place),
                    _postcode(letter.postcode),
                    _cell(letter.city),
                    code_display(letter.code),
                    code_url(base_url, letter.code),
                ]
            )
    return ("\ufeff" + out.getvalue()).encode("utf-8")
