"""The Dutch catalogue is complete and the compiled one matches it (house-style 4.8).

That no new msgid is missing from the catalogue is checked by .ci/run, which runs
makemessages and fails when the catalogue would change."""

from __future__ import annotations

from pathlib import Path

from django.test import Client
from django.utils import translation

import polib
import pytest

from wijkvoucher.accounts.models import User

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
    source = {
        (e.msgctxt, e.msgid): e.msgstr
        for e in po.translated_entries()
        if not e.msgid_plural
    }
    assert {k: v for k, v in source.items() if compiled.get(k) != v} == {}


def test_the_interface_speaks_dutch_by_default() -> None:
    with translation.override("nl"):
        assert translation.gettext("Sign in") == "Inloggen"


@pytest.mark.django_db
def test_pages_are_dutch_even_when_the_browser_asks_for_english(client: Client) -> None:
    # when a browser set to English opens the home page
    response = client.get(
        "/", secure=True, headers={"accept-language": "en-US,en;q=0.9"}
    )
    # then the page is Dutch
    assert response["Content-Language"] == "nl"
    assert '<html lang="nl"' in response.content.decode()


@pytest.mark.django_db
def test_the_language_switch_makes_pages_english(client: Client) -> None:
    # given the visitor switched to English
    client.post("/i18n/setlang/", {"language": "en", "next": "/"}, secure=True)
    # when
    response = client.get("/", secure=True)
    # then
    assert response["Content-Language"] == "en"
    assert '<html lang="en"' in response.content.decode()


@pytest.mark.django_db
def test_a_signed_in_users_language_preference_counts(client: Client) -> None:
    # given a resident who chose English in their profile
    user = User.objects.create_user("anna@example.nl", preferred_language="en")
    client.force_login(user)
    # when
    response = client.get("/", secure=True)
    # then
    assert response["Content-Language"] == "en"
