"""Finding listed words in what a resident wrote (words.py): no database."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wijkvoucher.initiatives.rules import ALCOHOL_FREE
from wijkvoucher.initiatives.words import Match, tokens, word_forms, word_list
from wijkvoucher.neighbourhoods.constants import DEFAULT_COST_WORDS

ALCOHOL = word_list(DEFAULT_COST_WORDS["alcohol"], ALCOHOL_FREE)


def found(text: str) -> list[tuple[str, bool]]:
    return [(m.word, m.certain) for m in ALCOHOL.find(text)]


def test_tokens_fold_capitals_accents_and_punctuation() -> None:
    assert tokens("BBQ's & Glühwein! (Wijn-proeverij)") == (
        "bbqs",
        "gluhwein",
        "wijn",
        "proeverij",
    )
    assert tokens("Café’s, 0,0%") == ("cafes", "0", "0")
    assert tokens("") == ()


@pytest.mark.parametrize(
    ("word", "forms"),
    [
        ("bier", {"bieren", "biertje", "biertjes", "biers"}),
        ("wijn", {"wijnen", "wijntje", "wijntjes"}),
        ("feest", {"feesten", "feestje", "feestjes"}),
        ("krat", {"kratten", "kratje", "kratjes"}),
        ("gin", {"ginnetje", "gins"}),
        ("glas", {"glazen"}),
        ("kaas", {"kazen"}),
        ("lantaarnpaal", {"lantaarnpalen"}),
        ("druif", {"druiven"}),
        ("limonade", {"limonades", "limonaden"}),
        ("bloem", {"bloempje", "bloempjes"}),
    ],
)
def test_word_forms_cover_plural_and_diminutive(word: str, forms: set[str]) -> None:
    assert forms | {word} <= word_forms(word)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Whole words, in any capitals, accents and punctuation, plural or diminutive.
        ("Bier en wijn", [("bier", True), ("wijn", True)]),
        ("BIER!", [("bier", True)]),
        ("Biertjes", [("bier", True)]),
        ("wijntje", [("wijn", True)]),
        ("Rode wijnen", [("wijn", True)]),
        ("Whisky's", [("whisky", True)]),
        ("Glühwein", [("glühwein", True)]),
        ("GLUHWEIN", [("glühwein", True)]),
        ("2 kratten Grolsch", [("grolsch", True)]),
        ("Heineken", [("heineken", True)]),
        ("Amstel", [("amstel", True)]),
        ("Sterke dranken", [("sterke drank", True)]),
        ("sterkedrank", [("sterke drank", True)]),
        ("Hertog-Jan", [("hertog jan", True)]),
        ("gin-tonic", [("gin", True)]),
        ("Rum-cola", [("rum", True)]),
        # Inside a longer word: unsure, for the regiegroep.
        ("bierfiets", [("bier", False)]),
        ("Bierviltjes", [("bier", False)]),
        ("wijnrood tafelkleed", [("wijn", False)]),
        ("Witbier", [("bier", False)]),
        ("Nieuwjaarsborrel", [("borrel", False)]),
        ("Borrelhapjes", [("borrel", False)]),
        # A listed compound is whole, and also contains its shorter word.
        ("speciaalbier", [("speciaalbier", True), ("bier", False)]),
        # Qualified: not a breach, the regiegroep checks.
        ("alcoholvrij bier", [("bier", False)]),
        ("Heineken 0.0", [("heineken", False)]),
        ("Bier 0,0%", [("bier", False)]),
        # The qualifier itself is never a match.
        ("Geen alcohol, wel limonade", []),
        ("Alcoholvrije mocktails", []),
        ("Kinderchampagne", []),
    ],
)
def test_certain_and_unsure_matches(
    text: str, expected: list[tuple[str, bool]]
) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Short listed words (rum, gin, dj, bbq) are only found as whole words.
        "Ruimte huren",
        "Podium en geluid",
        "Zaal in het buurtcentrum",
        "Forum voor bewoners",
        "Begin van de middag",
        "Rummikub en andere spellen",
        "Ginkgo-boom planten",
        "Djembé-workshop",
        # Words that look alike but are not compounds of a listed word.
        "Bieslook en peterselie",
        "Cavia's voor de kinderboerderij",
        "Sport en spel",
        "Transport van de kramen",
        "Wild zwijnen spotten",
        "Bagage-karretjes",
        "Limonade, water en thee",
        "Zaalhuur",
    ],
)
def test_innocent_texts_find_nothing(text: str) -> None:
    assert found(text) == []


def test_a_derived_adjective_is_not_a_compound() -> None:
    party = word_list(DEFAULT_COST_WORDS["party"])
    assert party.find("Feestelijke opening") == []
    assert party.find("Feesttent") == [Match("feest", False)]
    assert party.find("Buurtfeest") == [Match("feest", False)]
    assert party.find("DJ's en een BBQ") == [Match("dj", True), Match("bbq", True)]


def test_an_empty_list_or_text_finds_nothing() -> None:
    assert word_list([]).find("Bier") == []
    assert ALCOHOL.find("") == []
    assert ALCOHOL.find("!!! ---") == []
    assert word_list(["", "  ", "!"]).find("Bier !") == []


def test_word_lists_are_compiled_once() -> None:
    assert word_list(["bier"]) is word_list(["bier"])
    assert word_list(["bier"]) is not word_list(["wijn"])


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=120), words=st.lists(st.text(max_size=12), max_size=5))
def test_find_never_raises(text: str, words: list[str]) -> None:
    matches = word_list(words, ALCOHOL_FREE).find(text)
    assert all(m.word in words for m in matches)
    assert len({m.word for m in matches}) == len(matches)
