"""Voting codes, receipts and keyed hashes (consultations/codes.py)."""

from __future__ import annotations

import re

import pytest

from wijkvoucher.consultations.codes import (
    ALPHABET,
    ballot_key_generate,
    ballot_link,
    code_digest,
    code_format,
    code_generate,
    code_normalise,
    name_normalise,
    person_digest,
    receipt_format,
    receipt_generate,
    receipt_normalise,
)

CODE_SHAPE = re.compile(rf"[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}-[{ALPHABET}]{{5}}")


def test_a_code_has_thirteen_crockford_characters_in_three_groups() -> None:
    # when
    codes = {code_generate() for _ in range(200)}
    # then
    assert len(codes) == 200
    assert all(CODE_SHAPE.fullmatch(code) for code in codes)


@pytest.mark.parametrize(
    ("typed", "raw"),
    [
        ("7KQ2-M9XD-R4TBH", "7KQ2M9XDR4TBH"),
        ("7kq2 m9xd r4tbh", "7KQ2M9XDR4TBH"),
        ("OIL2-M9XD-R4TBH", "0112M9XDR4TBH"),
        (" 7KQ2_M9XD.R4TBH ", "7KQ2M9XDR4TBH"),
    ],
)
def test_typing_mistakes_crockford_forgives_are_forgiven(typed: str, raw: str) -> None:
    assert code_normalise(typed) == raw
    assert code_format(raw) == f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


@pytest.mark.parametrize(
    "typed", ["", "7KQ2-M9XD-R4TB", "7KQ2-M9XD-R4TBHH", "7KQ2-M9XD-R4TBU", None, 12]
)
def test_what_cannot_be_a_code_has_no_digest(typed: object) -> None:
    assert code_normalise(typed) is None
    assert code_digest(typed) is None  # type: ignore[arg-type]


def test_the_digest_is_keyed_and_forgives_the_same_mistakes(settings: object) -> None:
    # given
    code = "7KQ2-M9XD-R4TBH"
    digest = code_digest(code)
    # then
    assert digest is not None
    assert len(digest) == 64
    assert code_digest("7kq2m9xdr4tbh") == digest
    settings.WIJKVOUCHER_VOTE_CODE_PEPPER = "another pepper"  # type: ignore[attr-defined]
    assert code_digest(code) != digest


def test_a_person_is_the_address_plus_the_name_unless_per_household() -> None:
    # given
    def digest(name: str | None = None, addition: str = "") -> str:
        return person_digest(
            postcode="1000 ab",
            house_number=12,
            house_letter="a",
            addition=addition,
            name=name,
        )

    # then
    assert digest("José  van 't Hoen") == person_digest(
        postcode="1000AB", house_number=12, house_letter="A", name="JOSE VAN T HOEN"
    )
    assert digest("Anna") != digest("Piet")
    assert digest() != digest("Anna")
    assert digest(addition="2") != digest()
    assert name_normalise("  Ö'Brien-Smit ") == "o brien smit"


def test_the_link_depends_on_the_key_and_the_credential() -> None:
    # given
    key, other = ballot_key_generate(), ballot_key_generate()
    # then
    assert len(key) == 64
    assert key != other
    assert ballot_link(key, 1) == ballot_link(key, 1)
    assert ballot_link(key, 1) != ballot_link(key, 2)
    assert ballot_link(key, 1) != ballot_link(other, 1)


def test_a_receipt_has_ten_crockford_characters() -> None:
    # when
    receipt = receipt_generate()
    # then
    assert len(receipt) == 10
    assert set(receipt) <= set(ALPHABET)
    assert receipt_normalise(receipt_format(receipt).lower()) == receipt
    assert receipt_normalise("ABC") is None
