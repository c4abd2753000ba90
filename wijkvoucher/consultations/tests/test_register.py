"""Reading the list of eligible voters from a register export, and choosing who gets
a letter: real-looking files, in the encodings and separators municipalities use, and
every kind of bad row with its line and column named."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.utils import translation

import pytest

from wijkvoucher.consultations import register
from wijkvoucher.consultations.register import RowError, register_parse
from wijkvoucher.consultations.rows import RegisterRow

TODAY = dt.date(2026, 9, 1)

BRP_HEADER = (
    "BSN;Geslachtsnaam;Voorvoegsel;Voornamen;Straatnaam;Huisnummer;Huisletter;"
    "Huisnummertoevoeging;Postcode;Woonplaats;Geboortedatum"
)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    # The messages are checked in English: their Dutch comes with the catalogue.
    with translation.override("en"):
        yield


def _brp(*lines: str) -> bytes:
    return ("\r\n".join((BRP_HEADER, *lines)) + "\r\n").encode("utf-8-sig")


def test_a_brp_export_with_bom_and_semicolons_is_read_whole() -> None:
    # given: the columns of a BRP selection, a BSN column among them
    data = _brp(
        "123456782;Vries;de;Jan Pieter;Dorpsstraat;12;a;;1234 ab;Dijkstad;03-04-1961",
        "111222333;Öztürk;;Ayşe;'s-Gravenweg;7;;bis;1234AC;Dijkstad;1998-12-31",
        "",
        "999888777;Bakker;;Zoë;Kerkpad;100;;2;1234 AD; Dijkstad ;19900512",
    )

    # when
    result = register_parse(data, today=TODAY)

    # then
    assert result.errors == []
    assert result.ok
    assert result.rows == [
        RegisterRow(
            "Jan Pieter de Vries",
            "Dorpsstraat",
            12,
            "A",
            "",
            "1234AB",
            "Dijkstad",
            dt.date(1961, 4, 3),
        ),
        RegisterRow(
            "Ayşe Öztürk",
            "'s-Gravenweg",
            7,
            "",
            "BIS",
            "1234AC",
            "Dijkstad",
            dt.date(1998, 12, 31),
        ),
        RegisterRow(
            "Zoë Bakker",
            "Kerkpad",
            100,
            "",
            "2",
            "1234AD",
            "Dijkstad",
            dt.date(1990, 5, 12),
        ),
    ]
    # the BSN is not kept anywhere
    assert "123456782" not in repr(result)


def test_english_headers_commas_and_a_quoted_cell() -> None:
    # given
    data = (
        b"Full name,Street,House number,Postal code,City,Date of birth\n"
        b'"Smit, Anna",Laan van Nieuw Oost-Indie,3,2593 BM,Den Haag,15/06/2001\n'
    )

    # when
    result = register_parse(data, today=TODAY)

    # then
    assert result.errors == []
    assert result.rows == [
        RegisterRow(
            "Smit, Anna",
            "Laan van Nieuw Oost-Indie",
            3,
            "",
            "",
            "2593BM",
            "Den Haag",
            dt.date(2001, 6, 15),
        )
    ]


def test_excel_unicode_text_utf16_with_tabs() -> None:
    # given: what Excel writes for "Unicode text"
    text = (
        "naam\tstraat\thuisnummer\ttoevoeging\tpostcode\tplaats\n"
        'Mevrouw Ç. Yılmaz\tBrink "Oost"\t4\tA2\t9999ZZ\tUithuizen\n'
    )
    data = text.encode("utf-16")

    # when
    result = register_parse(data, today=TODAY)

    # then
    assert result.errors == []
    assert [(r.name, r.street, r.addition, r.birth_date) for r in result.rows] == [
        ("Mevrouw Ç. Yılmaz", 'Brink "Oost"', "A2", None)
    ]


def test_windows_1252_is_read_when_the_file_is_not_utf8() -> None:
    # given
    text = "naam;straat;huisnummer;postcode;woonplaats\nRené Müller;Café­plein;1;1000AA;Asd\n"
    data = text.replace("\u00ad", "").encode("cp1252")

    # when
    result = register_parse(data, today=TODAY)

    # then
    assert result.errors == []
    assert result.rows[0].name == "René Müller"
    assert result.rows[0].street == "Caféplein"


def test_every_bad_cell_is_named_by_line_and_column() -> None:
    # given: lines 2 and 4 are fine, the others each break something
    data = _brp(
        "1;Jansen;;Piet;Dorpsstraat;1;;;1234AB;Dijkstad;01-01-1980",
        "2;Jansen;;Kees;Dorpsstraat;12a;;;1234 A;Dijkstad;01-01-1980",
        "3;Jansen;;Mies;Dorpsstraat;2;;;1234AB;Dijkstad;01-01-1981",
        "4;Jansen;;Bob;;0;;;1234AB;Dijkstad;31-02-1990",
        "5;Jansen;;Tom;Dorpsstraat;3;;;1234AB;Dijkstad;02-09-2026",
        "6;;;;Dorpsstraat;3;ab;;1234SS;;1990-01-01",
    )

    # when
    result = register_parse(data, today=TODAY)

    # then
    assert not result.ok
    assert result.errors == [
        RowError(
            3,
            "Line 3, column “Huisnummer”: Enter a house number from 1 to 99999, "
            "without letters.",
        ),
        RowError(3, "Line 3, column “Postcode”: Enter a postcode like 1234 AB."),
        RowError(5, "Line 5, column “Straatnaam”: This cell is empty."),
        RowError(
            5,
            "Line 5, column “Huisnummer”: Enter a house number from 1 to 99999, "
            "without letters.",
        ),
        RowError(
            5,
            "Line 5, column “Geboortedatum”: “31-02-1990” is not a date. Write it "
            "like 31-12-1990.",
        ),
        RowError(
            6,
            "Line 6, column “Geboortedatum”: The birth date 02-09-2026 is in the "
            "future.",
        ),
        RowError(7, "Line 7, column “Geslachtsnaam”: This cell is empty."),
        RowError(
            7,
            "Line 7, column “Huisletter”: Enter one letter as the house letter, for "
            "example A.",
        ),
        RowError(
            7,
            "Line 7, column “Postcode”: Postcodes never end in SA, SD or SS. Please "
            "check the letters.",
        ),
        RowError(7, "Line 7, column “Woonplaats”: This cell is empty."),
    ]
    # the good rows are read, but a caller imports nothing while there are errors
    assert [r.name for r in result.rows] == ["Piet Jansen", "Mies Jansen"]


def test_line_numbers_count_empty_lines_and_cells_over_several_lines() -> None:
    # given: a quoted street over two lines, an empty line, then a bad postcode
    data = (
        b"naam;straat;huisnummer;postcode;woonplaats\n"
        b'An;"Lange\nLaan";1;1234AB;Dijkstad\n'
        b"\n"
        b"Bo;Korte Laan;2;12345;Dijkstad\n"
    )

    # when
    result = register_parse(data, today=TODAY)

    # then
    assert result.rows[0].street == "Lange Laan"
    assert [e.line for e in result.errors] == [5]


def test_a_file_with_only_the_header_says_so() -> None:
    # when
    result = register_parse(_brp(), today=TODAY)

    # then
    assert result.rows == []
    assert result.errors == [
        RowError(0, "The file has only the column names and no residents or addresses.")
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"\xef\xbb\xbf\r\n\r\n", "The file is empty."),
        (
            b"PK\x03\x04\x14\x00\x06\x00",
            "This is an Excel file, not a CSV file. In Excel, choose “Save as” and "
            "then “CSV”.",
        ),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00",
            "The file cannot be read as text. Save it as CSV (UTF-8) and try again.",
        ),
    ],
)
def test_files_that_are_no_list(data: bytes, message: str) -> None:
    assert register_parse(data, today=TODAY).errors == [RowError(0, message)]


def test_a_file_with_other_columns_names_what_it_expects() -> None:
    # given: a bank export uploaded by mistake
    data = b"Datum;Bedrag;Omschrijving\n01-02-2026;12,50;Koffie\n"

    # when
    result = register_parse(data, today=TODAY)

    # then
    assert result.rows == []
    assert result.errors == [
        RowError(
            1,
            "Line 1: no known column names. The first line must name the columns, "
            "for example: naam (or geslachtsnaam and voornamen), straat, huisnummer, "
            "postcode, woonplaats.",
        )
    ]


def test_missing_and_doubled_columns_are_named() -> None:
    # given
    data = b"Naam;Straat;Huisnummer;Plaats;Woonplaats\nAn;Laan;1;X;Y\n"

    # when
    result = register_parse(data, today=TODAY)

    # then
    assert result.rows == []
    assert result.errors == [
        RowError(1, "Line 1: the column “Woonplaats” appears twice."),
        RowError(1, "Line 1: the column “postcode” is missing."),
    ]


def test_a_name_is_required_unless_the_list_is_of_addresses() -> None:
    # given
    data = b"straat;huisnummer;postcode;woonplaats\nLaan;1;1234AB;Dijkstad\n"

    # when
    with_names = register_parse(data, today=TODAY)
    addresses = register_parse(data, today=TODAY, require_name=False)

    # then
    assert with_names.errors == [
        RowError(
            1, "Line 1: the column “naam (or geslachtsnaam and voornamen)” is missing."
        )
    ]
    assert addresses.errors == []
    assert addresses.rows[0].name == ""


def test_a_row_with_an_unquoted_separator_is_refused() -> None:
    # given
    data = b"naam;straat;huisnummer;postcode;woonplaats\nVries; de;Laan;1;1234AB;Dijkstad\n"

    # when
    result = register_parse(data, today=TODAY)

    # then
    assert result.rows == []
    assert result.errors == [
        RowError(
            2,
            "Line 2 has more cells than the first line has column names. Is there a "
            "separator inside a name or address? Then put that cell between double "
            "quotes.",
        )
    ]


def test_unknown_day_or_month_in_the_register_counts_as_the_latest_possible() -> None:
    # given: the BRP writes 00 for a part of a date that is not known
    data = _brp(
        "1;Oud;;Een;Laan;1;;;1234AB;Dijkstad;00-00-1950",
        "2;Oud;;Twee;Laan;2;;;1234AB;Dijkstad;00-02-2000",
        "3;Oud;;Drie;Laan;3;;;1234AB;Dijkstad;00000000",
    )

    # when
    result = register_parse(data, today=TODAY)

    # then
    assert [r.birth_date for r in result.rows] == [
        dt.date(1950, 12, 31),
        dt.date(2000, 2, 29),
    ]
    assert [e.line for e in result.errors] == [4]


def test_too_large_a_file(monkeypatch: pytest.MonkeyPatch) -> None:
    # given
    monkeypatch.setattr(register, "MAX_BYTES", 2 * 1024 * 1024)
    big = b"naam;straat;huisnummer;postcode;woonplaats\n" + b"x" * 2 * 1024 * 1024

    # when
    result = register_parse(big, today=TODAY)

    # then
    assert result.errors == [
        RowError(0, "The file is larger than 2 MB. Split the list in two.")
    ]


def test_too_many_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    # given
    monkeypatch.setattr(register, "MAX_ROWS", 2)
    three = _brp(*(f"{i};A;;B;Laan;{i};;;1234AB;Dijkstad;" for i in (1, 2, 3)))

    # when
    result = register_parse(three, today=TODAY)

    # then
    assert result.rows == []
    assert result.errors == [
        RowError(0, "The file has more than 2 rows. Split the list in two.")
    ]


def test_after_a_hundred_errors_the_rest_is_counted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given: 3 errors listed at most, 5 bad rows
    monkeypatch.setattr(register, "MAX_ERRORS", 3)
    data = b"naam;straat;huisnummer;postcode;woonplaats\n" + b"".join(
        b"A;Laan;%d;0000XX;Dijkstad\n" % i for i in range(1, 6)
    )

    # when
    result = register_parse(data, today=TODAY)

    # then
    assert [e.line for e in result.errors] == [2, 3, 4, 0]
    assert result.errors[-1].message == (
        "2 more rows have errors. Correct the errors above and check the whole file "
        "again."
    )


def test_the_limits_are_twenty_megabytes_and_a_hundred_thousand_rows() -> None:
    assert (register.MAX_BYTES, register.MAX_ROWS) == (20 * 1024 * 1024, 100_000)


def test_excel_separator_line_is_followed() -> None:
    # given: Excel's first line that names the separator
    data = b"sep=,\nnaam,straat,huisnummer,postcode,woonplaats\nAn,Laan,1,1234AB,Dijkstad\n"

    # when
    result = register_parse(data, today=TODAY)

    # then
    assert result.errors == []
    assert [(r.name, r.street) for r in result.rows] == [("An", "Laan")]


def test_a_stray_double_quote_names_its_line() -> None:
    # given: a quote opened on line 3 and never closed
    data = b'naam;straat;huisnummer;postcode;woonplaats\nAn;Laan;1;1234AB;Dijkstad\nBo;"Laan;2;1234AB;Dijkstad\n'

    # when
    result = register_parse(data, today=TODAY)

    # then
    assert result.errors == [
        RowError(3, "Line 3 cannot be read: check the double quotes in this line.")
    ]
