"""Finding the words of a regeling's word list in what a resident wrote (issue #9).

Pure Python, no database. ``WordList`` compiles the words of one kind of cost;
``WordList.find`` says which listed words a text names, and how sure that is:

* **certain**: the listed word as a word of its own, in any capitals and accents, with
  punctuation around it, in its plural or diminutive ("BIER!", "Biertjes", "wijntje",
  "flessen"); a listed phrase ("sterke drank") as consecutive words or as one word; a
  listed compound written apart ("speciaal bier").
* **unsure**: a listed word of at least ``MIN_COMPOUND`` letters inside a longer word,
  at its start or its end or between two parts of at least ``MIN_PART`` letters:
  Dutch compounds such as "bierviltjes", "wijnrood" and "speciaalbier". Compounds are
  both the thing ("speciaalbier") and something else ("bierviltjes"), so the regiegroep
  decides. Shorter words are only found whole, so "rum" is not found in "centrum" and
  "gin" not in "begin".

Qualifiers (``qualifiers``) cancel a certain match in the same text: "alcoholvrij bier"
and "Heineken 0.0" are unsure, not a breach. The qualifying words themselves are never
a match ("geen alcohol").

docs/configuration.md explains the rules for the coordinator who edits the lists.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from wijkvoucher.core.text import fold

# A listed word needs this many letters to be looked for inside longer words.
MIN_COMPOUND = 4
# The other part of a compound has at least this many letters ("bier" + "fiets").
MIN_PART = 3
# Plural and diminutive endings: bier → bieren, biertje, biertjes; dj → djs (dj's).
_ENDINGS = ("s", "en", "je", "jes", "tje", "tjes", "pje", "pjes", "kje", "kjes")
# A doubled consonant before these: krat → kratten, kratje; gin → ginnetje.
_DOUBLED_ENDINGS = ("en", "etje", "etjes")
# What follows a word in an adjective, not a compound: feest → feestelijk.
_DERIVED = ("elijk", "elijke", "lijk", "lijke")
_VOWELS = frozenset("aeiou")
# A token: letters and digits, an apostrophe inside it belongs to it (dj's, bbq's).
_TOKEN = re.compile(r"[^\W_]+(?:['’`][^\W_]+)*")


def tokens(text: str) -> tuple[str, ...]:
    """The words of ``text`` in folded form, without apostrophes: "BBQ's & Wijn!" gives
    ("bbqs", "wijn"). Hyphens and other punctuation separate words."""
    return tuple(
        re.sub(r"['’`]", "", fold(match.group())) for match in _TOKEN.finditer(text)
    )


def word_forms(word: str) -> frozenset[str]:
    """``word`` (folded, one token) and its Dutch plurals and diminutives."""
    forms = {word, *(word + ending for ending in _ENDINGS)}
    if word.endswith("e"):
        forms.add(word + "n")  # limonade → limonaden
    last = word[-1:]
    if last and last not in _VOWELS and last.isalpha():
        forms.update(word + last + ending for ending in _DOUBLED_ENDINGS)
        stem = word
        # A long vowel before the last consonant is written single: kaas → kazen.
        if len(word) >= 3 and word[-2] == word[-3] and word[-2] in _VOWELS:
            stem = word[:-2] + word[-1]
            forms.add(stem + "en")
        if last == "s":
            forms.add(stem[:-1] + "zen")  # glas → glazen
        elif last == "f":
            forms.add(stem[:-1] + "ven")  # druif → druiven
    return frozenset(forms)


@dataclass(frozen=True)
class Match:
    """A listed word (as the coordinator wrote it) found in a text."""

    word: str
    certain: bool


@dataclass(frozen=True)
class _Entry:
    word: str  # as listed
    parts: tuple[str, ...]  # folded tokens; the last one may be inflected
    forms: frozenset[str]  # of the last part
    joined: frozenset[str]  # the phrase written as one word: sterkedrank(en)
    # What every form contains (kaas, kazen: "ka"): a quick test before the search.
    stem: str


def _entry(word: str) -> _Entry | None:
    parts = tokens(word)
    if not parts:
        return None
    joined = word_forms("".join(parts)) if len(parts) > 1 else frozenset()
    return _Entry(word, parts, word_forms(parts[-1]), joined, parts[-1][:-2])


def _inside(token: str, forms: frozenset[str]) -> bool:
    """Is one of ``forms`` a part of the compound ``token``?"""
    for form in forms:
        start = token.find(form)
        while start != -1:
            before, after = start, len(token) - start - len(form)
            suffix = token[start + len(form) :]
            if (
                (before == 0 or before >= MIN_PART)
                and (after == 0 or after >= MIN_PART)
                and before + after >= MIN_PART
                and suffix not in _DERIVED
            ):
                return True
            start = token.find(form, start + 1)
    return False


def _spans(
    words: tuple[str, ...], parts: tuple[str, ...], last: frozenset[str]
) -> Iterator[range]:
    """Where ``parts`` stand in ``words``, the last part in any of its forms."""
    size = len(parts)
    for start in range(len(words) - size + 1):
        window = words[start : start + size]
        if window[:-1] == parts[:-1] and window[-1] in last:
            yield range(start, start + size)


def _qualified(words: tuple[str, ...], qualifiers: Iterable[_Entry]) -> set[int]:
    """The positions of ``words`` that belong to a qualifier."""
    taken: set[int] = set()
    for qualifier in qualifiers:
        for span in _spans(words, qualifier.parts, qualifier.forms):
            taken.update(span)
    return taken


@dataclass(frozen=True)
class WordList:
    """The compiled words of one kind of cost, with the qualifiers that make a match
    unsure."""

    entries: tuple[_Entry, ...]
    qualifiers: tuple[_Entry, ...] = ()

    def find(self, text: str) -> list[Match]:
        """The listed words ``text`` names, certain ones first, each word once."""
        return list(_find(self, text))

    def _search(self, text: str) -> tuple[Match, ...]:
        words = tokens(text)
        if not words or not self.entries:
            return ()
        taken = _qualified(words, self.qualifiers)
        free = [(i, word) for i, word in enumerate(words) if i not in taken]
        # A compound written apart ("speciaal bier", "fietsen rek") is still one word.
        apart = {
            first + second
            for (i, first), (j, second) in pairwise(free)
            if j == i + 1 and min(len(first), len(second)) >= MIN_PART
        }
        certain: list[str] = []
        unsure: list[str] = []
        for entry in self.entries:
            whole = (
                any(
                    not taken.intersection(span)
                    for span in _spans(words, entry.parts, entry.forms)
                )
                or any(word in entry.joined for _i, word in free)
                or (
                    len(entry.parts) == 1
                    and len(entry.parts[0]) >= 2 * MIN_PART
                    and not apart.isdisjoint(entry.forms)
                )
            )
            if whole:
                certain.append(entry.word)
            elif (
                len(entry.parts) == 1
                and len(entry.parts[0]) >= MIN_COMPOUND
                and any(
                    entry.stem in word and _inside(word, entry.forms)
                    for _i, word in free
                )
            ):
                unsure.append(entry.word)
        if taken:
            # "alcoholvrij bier": the qualifier says what the listed word is not.
            unsure, certain = certain + unsure, []
        return tuple(Match(word, True) for word in certain) + tuple(
            Match(word, False) for word in unsure
        )


@lru_cache(maxsize=4096)
def _find(words: WordList, text: str) -> tuple[Match, ...]:
    """One search per list and text: the rules ask the same question more than once."""
    return words._search(text)


@lru_cache(maxsize=256)
def _compiled(words: tuple[str, ...], qualifiers: tuple[str, ...]) -> WordList:
    entries = tuple(e for e in map(_entry, dict.fromkeys(words)) if e is not None)
    quals = tuple(e for e in map(_entry, qualifiers) if e is not None)
    return WordList(entries, quals)


def word_list(words: Iterable[str], qualifiers: Iterable[str] = ()) -> WordList:
    """Compile a word list (cached: the same list is compiled once)."""
    return _compiled(tuple(words), tuple(qualifiers))
