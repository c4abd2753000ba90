"""The Dutch catalogue is complete and the compiled one matches it (house-style 4.8).

That no new msgid is missing from the catalogue is checked by .ci/run, which runs
makemessages and fails when the catalogue would change."""

from __future__ import annotations

from pathlib import Path

import polib
from django.utils import translation

CATALOGUE = Path(__file__).resolve().parent.parent / "locale" / "nl" / "LC_MESSAGES"


def test_every_dutch_entry_is_translated_and_none_is_fuzzy() -> None:
    po = polib.pofile(str(CATALOGUE / "django.po"))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []
    assert len(po.translated_entries()) > 500


def test_the_compiled_catalogue_matches_the_source() -> None:
    po = polib.pofile(str(CATALOGUE / "django.po"))
    mo = polib.mofile(str(CATALOGUE / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in mo if e.msgid}
    source = {(e.msgctxt, e.msgid): e.msgstr for e in po.translated_entries() if not e.msgid_plural}
    assert {k: v for k, v in source.items() if compiled.get(k) != v} == {}


def test_the_interface_speaks_dutch_by_default() -> None:
    with translation.override("nl"):
        assert translation.gettext("Sign in") == "Inloggen"
