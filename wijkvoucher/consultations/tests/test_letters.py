"""The letters with the voting codes: a PDF with one page per letter, each code once
and nowhere in the metadata, tagged for screen readers; and the print shop's CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import replace
from typing import Any
from zoneinfo import ZoneInfo

import pikepdf
import pypdf
import pytest
import segno

from wijkvoucher.consultations.letters import (
    HELP_MAX,
    QR_MASK,
    TITLE_MAX,
    Letter,
    Mailing,
    code_display,
    code_url,
    letters_csv,
    letters_pdf,
)
from wijkvoucher.core.pdf import Letterhead
from wijkvoucher.core.tests.pdf_checks import assert_tagged, catalog, pdf_text

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
BASE = "https://wijkvoucher.dijkstad.nl/"
CODES = ("7KQ2M9XDR4TBH", "ABCDEFGHJKMNP", "0123456789XYZ")


MAILING = Mailing(
    title="Wijkbudget Oost 2026: welke plannen krijgen geld?",
    wijk="Oost",
    closes_at=dt.datetime(2026, 10, 12, 18, 0, tzinfo=AMSTERDAM),
    base_url=BASE,
    help_text="Kom naar buurthuis De Linde (di en do 10-16 uur) of bel 14 020.",
    sender="Gemeente Dijkstad",
)


def _mailing(**fields: Any) -> Mailing:
    return replace(MAILING, **fields)


def _letters() -> list[Letter]:
    return [
        Letter(CODES[0], "Jan de Vries", "Dorpsstraat", "12A-2", "1234AB", "Dijkstad"),
        Letter(CODES[1], "", "Kerkpad", "1", "1234 AC", "Dijkstad"),
        Letter(CODES[2], "=Ayşe Öztürk", "'s-Gravenweg", "7", "1234AD", "Dijkstad"),
    ]


def _all_forms(code: str) -> tuple[str, ...]:
    return (code, code_display(code), code_url(BASE, code))


def test_code_display_and_link() -> None:
    assert code_display("7kq2m9xdr4tbh") == "7KQ2-M9XD-R4TBH"
    assert code_display("7KQ2-M9XD-R4TBH") == "7KQ2-M9XD-R4TBH"
    assert code_url(BASE, CODES[0]) == (
        "https://wijkvoucher.dijkstad.nl/stemmen/7KQ2-M9XD-R4TBH/"
    )


def test_one_page_per_letter_each_code_once() -> None:
    # when
    data = letters_pdf(_letters(), _mailing())

    # then
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 3
    pages = [page.extract_text() for page in reader.pages]
    for page, letter in zip(pages, _letters(), strict=True):
        # each page holds its own code, once, and no other
        assert page.count(code_display(letter.code)) == 1
        others = [c for c in CODES if c != letter.code]
        assert not any(code_display(c) in page for c in others)
        assert f"{letter.street} {letter.house_number_text}" in page
        assert "stemmen/" in page
    text = "\n".join(pages)
    for code in CODES:
        assert text.count(code_display(code)) == 1
    assert "1234 AB Dijkstad" in pages[0]
    assert "1234 AC Dijkstad" in pages[1]
    assert "Jan de Vries" in pages[0]


def test_the_letter_says_how_until_when_and_where_to_get_help() -> None:
    # when
    text = pdf_text(letters_pdf(_letters()[:1], _mailing()))

    # then: Dutch dates; the rest follows the catalogue
    flat = " ".join(text.split())
    assert "Wijkbudget Oost 2026: welke plannen krijgen geld?" in flat
    assert "https://wijkvoucher.dijkstad.nl/stemmen/" in flat
    assert "maandag 12 oktober 2026" in flat
    assert "18:00" in flat
    assert "buurthuis De Linde" in flat


def test_a_close_at_midnight_is_until_and_including_the_day_before() -> None:
    # given
    mailing = _mailing(closes_at=dt.datetime(2026, 10, 13, tzinfo=AMSTERDAM))

    # when
    flat = " ".join(pdf_text(letters_pdf(_letters()[:1], mailing)).split())

    # then
    assert "maandag 12 oktober 2026" in flat
    assert "00:00" not in flat


def test_no_code_in_the_metadata_or_anywhere_outside_the_page_text() -> None:
    # when
    data = letters_pdf(_letters(), _mailing())

    # then: title, author and XMP name the consultation, never a code
    info = catalog(data)
    reader = pypdf.PdfReader(io.BytesIO(data))
    metadata = " ".join(str(v) for v in (reader.metadata or {}).values())
    assert "Wijkbudget Oost 2026" in info["title"]
    for code in CODES:
        for form in _all_forms(code):
            assert form not in metadata
            assert form not in info["xmp"]
            # the page contents are compressed: the raw file shows no code at all
            # (the QR code's alternative text does not repeat it)
            assert form.encode() not in data


def test_the_letters_are_tagged_with_the_qr_code_described() -> None:
    # when
    data = letters_pdf(_letters(), _mailing())

    # then
    tree = assert_tagged(data)
    figures = [e for e in tree if e.role == "/Figure"]
    assert len(figures) == 3
    assert all(
        f.alt and not re.search(r"[0-9A-Z]{4}-[0-9A-Z]{4}", f.alt) for f in figures
    )
    roles = {e.role for e in tree}
    assert {"/H1", "/H2", "/P", "/L", "/LI", "/LBody"} <= roles


def _drawn_modules(page: pikepdf.Page) -> set[tuple[int, int]]:
    """The dark modules of the QR code on a page, as (row, column), rebuilt from the
    rectangles of its path (the only rectangles a letter draws)."""
    boxes = [
        [float(v) for v in i.operands]
        for i in pikepdf.parse_content_stream(page)
        if str(i.operator) == "re"
    ]
    module = min(-h for _x, _y, _w, h in boxes)
    left = min(x for x, _y, _w, _h in boxes)
    top = max(y for _x, y, _w, _h in boxes)
    cells = set()
    for x, y, w, _h in boxes:
        row = round((top - y) / module)
        first = round((x - left) / module)
        cells |= {(row, first + i) for i in range(round(w / module))}
    return cells


def test_each_page_draws_the_qr_code_of_its_own_link() -> None:
    # when
    data = letters_pdf(_letters(), _mailing())

    # then: the squares on the page are the modules of the QR code of the link
    pdf = pikepdf.open(io.BytesIO(data))
    for page, letter in zip(pdf.pages, _letters(), strict=True):
        matrix = segno.make(
            code_url(BASE, letter.code), error="m", micro=False, mask=QR_MASK
        ).matrix
        expected = {
            (r, c) for r, row in enumerate(matrix) for c, dark in enumerate(row) if dark
        }
        assert _drawn_modules(page) == expected


def test_the_longest_texts_still_fit_one_page_with_a_letterhead() -> None:
    # given
    mailing = _mailing(
        title="W" * TITLE_MAX,
        help_text="Hulp bij het stemmen: " + "buurthuis " * ((HELP_MAX - 22) // 10),
        letterhead=Letterhead(
            name="Gemeente Dijkstad aan de Lange Rivier",
            lines=("Postbus 1", "2800 AA Dijkstad", "14 020", "www.dijkstad.nl"),
        ),
    )
    letter = Letter(CODES[0], "N" * 200, "S" * 120, "99999A-BIS", "1234AB", "C" * 80)
    household = replace(letter, name="")  # one more sentence

    # when
    data = letters_pdf([letter, household], mailing)

    # then
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) == 2


def test_texts_that_cannot_fit_are_refused() -> None:
    with pytest.raises(ValueError, match="at most"):
        _mailing(help_text="x" * (HELP_MAX + 1))
    with pytest.raises(ValueError, match="at most"):
        _mailing(title="x" * (TITLE_MAX + 1))


def test_the_print_shop_csv() -> None:
    # when
    data = letters_csv(_letters(), base_url=BASE)

    # then: UTF-8 with a byte-order mark, semicolons, a row per letter
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 4
    assert len(rows[0]) == 7
    assert rows[1] == [
        "Jan de Vries",
        "Dorpsstraat 12A-2",
        "1234 AB Dijkstad",
        "1234 AB",
        "Dijkstad",
        "7KQ2-M9XD-R4TBH",
        "https://wijkvoucher.dijkstad.nl/stemmen/7KQ2-M9XD-R4TBH/",
    ]
    assert rows[2][1:3] == ["Kerkpad 1", "1234 AC Dijkstad"]
    assert rows[2][0] != ""  # a household letter is addressed to the residents
    # a name a spreadsheet would run as a formula is kept as text
    assert rows[3][0] == "'=Ayşe Öztürk"
    assert data.count(b"\r\n") == 4
