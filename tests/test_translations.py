"""The Dutch catalogue is complete and the compiled one matches it (docs/conventions.md#translations).

That no new msgid is missing from the catalogue is checked by .ci/run, which runs
makemessages and fails when the catalogue would change."""

from __future__ import annotations

import re
from pathlib import Path

from django.test import Client
from django.utils import translation

import polib
import pytest

from wijkvoucher.accounts.models import User

CATALOGUE = Path(__file__).resolve().parent.parent / "locale" / "nl" / "LC_MESSAGES"

# Words the Dutch interface does not use, each with the plain word to use instead (the
# word list in CONTEXT.md). Formal and plain: "u", "heeft u"; no bank or office jargon.
BANNED_WORDS = {
    "hebt": "'heeft' ('heeft u', 'u heeft')",
    "je": "'u'",
    "jij": "'u'",
    "jou": "'u'",
    "jouw": "'uw'",
    "jullie": "'u'",
    "mutatie": "'bij en af' or 'wat er met de voucher gebeurde'",
    "mutaties": "'bij en af' or 'wat er met de voucher gebeurde'",
    "getoetst": "'gecontroleerd'",
    "aanhouden": "'uitstellen'",
    "aangehouden": "'uitgesteld'",
    "verzilveren": "'besteden' (at a provider)",
    "verzilverd": "'besteed' (at a provider)",
    "geschil": "'betwisting' or 'betwiste betaling'",
    "geschillen": "'betwistingen' or 'betwiste betalingen'",
    "begrotingsregel": "'kostenpost'",
    "kostenregel": "'kostenpost'",
    "terugbetaling": "'terugboeking' (a provider gives money back to a voucher)",
    "terugbetaald": "'teruggeboekt'",
    "opgeschort": "'stilgezet'",
    "uitvoeringsdatum": "'betaaldatum' (the plan is carried out, a bank pays)",
    "bon": "'bonnetje' (a 'bon' could also be a voucher)",
    "bonnen": "'bonnetjes' (a 'bon' could also be a voucher)",
    "indien": "'als'",
    "mits": "'als'",
    "reeds": "'al'",
    "middels": "'met'",
    "teneinde": "'om'",
    "conform": "'volgens'",
    "inzake": "'over'",
    "alsmede": "'en'",
    "derhalve": "'daarom'",
    "thans": "'nu'",
    "onverwijld": "'meteen'",
    "hetgeen": "'wat'",
    "dient u": "'moet u'",
    "ten behoeve van": "'voor'",
}

# One meaning per word: where the English says the first, the Dutch must not use a
# word that means something else in this interface.
ONE_MEANING = [
    # uitgeven / uitgifte = issuing vouchers; money used at a provider is "besteed"
    (r"\b(spend|spent|unspent)\b", r"\buitge(ven|geven)\b|\buitgifte\b", "besteden"),
    # besteden = spending; vouchers handed out are "uitgegeven"
    (r"\bissue[ds]?\b", r"\bbeste(ed|den)\b", "uitgeven"),
    # terugboeken = a refund onto a voucher; "terugbetalen" sounds like a bank payment
    (r"\b(refund\w*|given back|paid back)\b", r"\bterugbeta", "terugboeken"),
    # toekennen = awarding a plan money; a dispute is upheld by "gelijk geven"
    (r"\bdisput", r"\btoe(gekend|kennen)\b", "gelijk geven"),
]


def _translated() -> list[polib.POEntry]:
    entries: list[polib.POEntry] = polib.pofile(
        str(CATALOGUE / "django.po")
    ).translated_entries()
    return entries


def _texts(entry: polib.POEntry) -> list[str]:
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


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


def test_no_dutch_text_uses_a_banned_word() -> None:
    problems = [
        f"{word!r} in {text!r}: use {plain}"
        for entry in _translated()
        for text in _texts(entry)
        for word, plain in BANNED_WORDS.items()
        if re.search(rf"\b{re.escape(word)}\b", text, flags=re.IGNORECASE)
    ]
    assert problems == []


def test_every_dutch_word_keeps_one_meaning() -> None:
    problems = [
        f"{entry.msgid!r} => {text!r}: use {plain}"
        for entry in _translated()
        for text in _texts(entry)
        for english, wrong, plain in ONE_MEANING
        if re.search(english, entry.msgid, flags=re.IGNORECASE)
        and re.search(wrong, text, flags=re.IGNORECASE)
    ]
    assert problems == []


def test_the_banned_word_check_finds_informal_and_jargon_words() -> None:
    # the check itself: it finds each kind of word, and not a word inside another
    def banned(text: str) -> list[str]:
        return [
            word
            for word in BANNED_WORDS
            if re.search(rf"\b{re.escape(word)}\b", text, flags=re.IGNORECASE)
        ]

    assert banned("Hebt u uw bon bewaard?") == ["hebt", "bon"]
    assert banned("Kun je de Mutaties bekijken?") == ["je", "mutaties"]
    assert banned("Naam van de indiener, bonnummer") == []


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
