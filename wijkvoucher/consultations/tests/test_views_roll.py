"""The voter roll's pages: the register import answers with one ZIP of letters (or
lists every wrong row and imports nothing), and a lost letter is replaced."""

from __future__ import annotations

import csv
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

import pypdf
import pytest

from wijkvoucher.consultations.models import Consultation, Credential
from wijkvoucher.consultations.selectors import credential_for_code
from wijkvoucher.consultations.services import ballot_cast
from wijkvoucher.consultations.tests.helpers import (
    DURING,
    PREPARED,
    at,
    budget_vote,
    options_of,
    published,
    snapshot,
    wijk_with_organiser,
)
from wijkvoucher.consultations.tests.pages_manage import client_for, page, url
from wijkvoucher.consultations.views.roll import MAX_IMPORT_ROWS
from wijkvoucher.core.models import AuditEvent

pytestmark = pytest.mark.django_db

HEADER = (
    "Naam;Straat;Huisnummer;Huisletter;Toevoeging;Postcode;Woonplaats;Geboortedatum"
)


def _register(*lines: str) -> SimpleUploadedFile:
    data = ("\r\n".join((HEADER, *lines)) + "\r\n").encode("utf-8-sig")
    return SimpleUploadedFile("brp.csv", data, content_type="text/csv")


def _residents(count: int, start: int = 1) -> list[str]:
    return [
        f"Bewoner {n};Dijkstraat;{n};;;1000 AB;Dijkstad;01-05-1980"
        for n in range(start, start + count)
    ]


def _letters_in(response: object) -> tuple[int, list[list[str]]]:
    archive = zipfile.ZipFile(io.BytesIO(response.content))  # type: ignore[attr-defined]
    assert sorted(archive.namelist()) == ["brieven.pdf", "drukker.csv"]
    pages = len(pypdf.PdfReader(io.BytesIO(archive.read("brieven.pdf"))).pages)
    text = archive.read("drukker.csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    return pages, rows[1:]


def test_the_page_says_the_codes_are_shown_once_before_the_upload() -> None:
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(wijk, organiser)
    with at(PREPARED):
        response = client_for(organiser).get(url("roll", consultation))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert 'enctype="multipart/form-data"' in page(response)
    assert response.context["max_rows"] == MAX_IMPORT_ROWS


def test_an_import_answers_with_a_zip_of_n_letters_and_n_print_rows() -> None:
    # given a register of four residents, one of them too young
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(wijk, organiser)
    lines = [*_residents(3), "Kind;Dijkstraat;9;;;1000 AB;Dijkstad;01-05-2020"]
    # when the organiser imports it
    with at(PREPARED):
        response = client_for(organiser).post(
            url("roll", consultation), {"register": _register(*lines)}
        )
    # then the answer is one ZIP: 3 letters in the PDF, 3 rows for the print shop
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Cache-Control"] == "no-store"
    assert "attachment" in response["Content-Disposition"]
    pages, rows = _letters_in(response)
    assert pages == 3
    assert len(rows) == 3
    assert Credential.objects.filter(consultation=consultation).count() == 3
    # and each printed code opens the roll (once published)
    published(consultation, organiser)
    codes = {row[5] for row in rows}
    with at(DURING):
        found = {credential_for_code(code=code) for code in codes}
    assert found == set(Credential.objects.filter(consultation=consultation))


def test_a_second_import_adds_only_who_is_not_on_the_roll_yet() -> None:
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(wijk, organiser)
    with at(PREPARED):
        client = client_for(organiser)
        client.post(url("roll", consultation), {"register": _register(*_residents(2))})
        second = client.post(
            url("roll", consultation),
            {"register": _register(*_residents(3))},
        )
        shown = client.get(url("roll", consultation))
    pages, rows = _letters_in(second)
    assert (pages, len(rows)) == (1, 1)
    assert Credential.objects.filter(consultation=consultation).count() == 3
    imports = shown.context["imports"]
    assert [(i.rows, i.letters, i.already_on_roll) for i in imports] == [
        (2, 2, 0),
        (3, 1, 2),
    ]


def test_a_register_with_bad_rows_imports_nothing_and_lists_every_line() -> None:
    # given a register with a wrong postcode on line 3 and a missing number on line 5
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(wijk, organiser)
    lines = _residents(4)
    lines[1] = "Bewoner 2;Dijkstraat;2;;;12345;Dijkstad;01-05-1980"
    lines[3] = "Bewoner 4;Dijkstraat;;;;1000 AB;Dijkstad;01-05-1980"
    before = snapshot()
    # when
    with at(PREPARED):
        response = client_for(organiser).post(
            url("roll", consultation),
            {"register": _register(*lines)},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    # then the page lists both lines and nothing is on the roll
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    lines_named = [error.line for error in response.context["errors"]]
    assert lines_named == [3, 5]
    assert snapshot() == before


def test_an_address_outside_the_wijk_is_named_by_its_line() -> None:
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(wijk, organiser)
    lines = [*_residents(2), "Buiten;Elders;1;;;2000 AB;Elders;01-05-1980"]
    before = snapshot()
    with at(PREPARED):
        response = client_for(organiser).post(
            url("roll", consultation), {"register": _register(*lines)}
        )
    [error] = response.context["errors"]
    assert "4" in error.message
    assert snapshot() == before


def test_a_register_too_large_for_one_import_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("wijkvoucher.consultations.views.roll.MAX_IMPORT_ROWS", 2)
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(wijk, organiser)
    with at(PREPARED):
        response = client_for(organiser).post(
            url("roll", consultation), {"register": _register(*_residents(3))}
        )
    assert response.context["errors"]
    assert not Credential.objects.exists()


def test_a_lost_letter_is_replaced_the_old_code_stops_the_new_one_votes() -> None:
    # given a published vote with two residents on the roll
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(wijk, organiser)
    with at(PREPARED):
        client = client_for(organiser)
        imported = client.post(
            url("roll", consultation), {"register": _register(*_residents(2))}
        )
    _pages, rows = _letters_in(imported)
    old_code = next(row[5] for row in rows if row[0] == "Bewoner 2")
    published(consultation, organiser)
    with at(DURING):
        client = client_for(organiser)
        # when the organiser looks the resident up
        found = client.post(
            url("replace_letter", consultation),
            {
                "postcode": "1000ab",
                "house_number": "2",
                "house_letter": "",
                "addition": "",
                "name": "bewoner 2",
            },
        )
        credential = found.context["found"]
        # and confirms
        response = client.post(
            url("replace_letter", consultation),
            {"credential": credential.pk, "help_line": ""},
        )
        assert credential_for_code(code=old_code) is None
    # then the answer is the one new letter, whose code votes
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    credential.refresh_from_db()
    assert credential.letter_number == 2
    new_code = next(
        word
        for word in text.split()
        if len(word) == 15 and word.count("-") == 2 and word != old_code
    )
    with at(DURING):
        assert credential_for_code(code=new_code) == credential
        ballot_cast(
            consultation=consultation,
            credential=credential,
            choices=options_of(consultation)[:1],
            channel="letter",
        )
    assert AuditEvent.objects.filter(
        action="consultations.credential_replace_letter"
    ).exists()


def test_a_resident_not_on_the_roll_is_said_so() -> None:
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(wijk, organiser)
    with at(PREPARED):
        response = client_for(organiser).post(
            url("replace_letter", consultation),
            {"postcode": "1000AB", "house_number": "7", "name": "Niemand"},
        )
    assert response.context["not_found"] is True
    assert response.context["found"] is None


def test_per_household_the_letter_is_found_by_address_alone() -> None:
    # given a vote with one letter per address
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(wijk, organiser)
    Consultation.objects.filter(pk=consultation.pk).update(per_household=True)
    consultation.refresh_from_db()
    with at(PREPARED):
        client = client_for(organiser)
        imported = client.post(
            url("roll", consultation),
            {
                "register": _register(
                    *_residents(2),
                    "Partner;Dijkstraat;1;;;1000 AB;Dijkstad;01-05-1980",
                )
            },
        )
        shown = client.get(url("replace_letter", consultation))
        found = client.post(
            url("replace_letter", consultation),
            {"postcode": "1000 AB", "house_number": "1"},
        )
    # then two letters went out (one per address), and the form asks for no name
    pages, rows = _letters_in(imported)
    assert (pages, len(rows)) == (2, 2)
    assert "name" not in shown.context["form"].fields
    assert found.context["found"] is not None
    assert found.context["found"].letter_name == ""


def test_options_of_a_published_ballot_cannot_be_added() -> None:
    wijk, organiser = wijk_with_organiser()
    consultation = published(budget_vote(wijk, organiser), organiser)
    before = snapshot()
    with at(PREPARED):
        response = client_for(organiser).post(
            url("option_add_free", consultation),
            {"free-title": "Laat", "free-cost": "100"},
        )
    assert response.status_code == 302
    assert snapshot() == before
