"""The description on the bank statement of a payout (SEPA unstructured remittance
information, at most 140 characters of the SEPA character set): it names what is paid,
so that a provider or initiator can match the payment (docs/documents.md).

- to a provider: "Wijkvoucher WV-DIJKSTAD-20261201-1 verzilvering 12 (bon 4711), 15",
  shortened to ranges ("verzilveringen 12-15, 20") and "en 3 meer" when it does not fit;
  with "min EUR 60,00 verrekend, " before the redemptions when the
  payment nets what the provider owed back;
- to an initiator: "Wijkvoucher WV-DIJKSTAD-20261201-1 declaratie 7: Wilgentenen".

The text is written in the site's language (Dutch) when the batch is prepared and
stored on the payout line, so the bank file, the CSV and the message agree."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

SEPA_MAX = 140
# The Latin characters every SEPA bank accepts (EPC guidelines).
_NOT_SEPA = re.compile(r"[^A-Za-z0-9/\-?:().,'+ ]")
_CLOSEST = str.maketrans(
    {"–": "-", "—": "-", "‘": "'", "’": "'", "“": "'", "”": "'", "&": "+", "€": "EUR "}
)


def sepa_text(text: str) -> str:
    """``text`` in the SEPA character set: accents dropped, dashes, quotes, "&" and
    "€" written the closest way, any other sign a space."""
    plain = unicodedata.normalize("NFKD", text.translate(_CLOSEST))
    plain = plain.encode("ascii", "ignore").decode()
    return re.sub(r" {2,}", " ", _NOT_SEPA.sub(" ", plain)).strip()


def _spans(numbers: Sequence[int]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for number in sorted(set(numbers)):
        if spans and number == spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], number)
        else:
            spans.append((number, number))
    return spans


def _fit(prefix: str, items: Sequence[tuple[str, int]], *, shorten: bool) -> str | None:
    """``prefix`` and the items (text, how many numbers it stands for); with
    ``shorten``, as many as fit followed by "and N more". None when they do not fit."""
    counts = range(len(items), 0, -1) if shorten else [len(items)]
    for shown in counts:
        hidden = sum(count for _text, count in items[shown:])
        text = prefix + ", ".join(t for t, _count in items[:shown])
        if hidden:
            text += " " + _("and %(count)s more") % {"count": hidden}
        text = sepa_text(text)
        if len(text) <= SEPA_MAX:
            return text
    return None


def _numbered(
    prefix: str, numbers: Sequence[int], labels: dict[int, str], fallback: str
) -> str:
    """The numbers with their labels if all of that fits, else as ranges."""
    if not numbers:
        return sepa_text(f"{prefix}{fallback}")[:SEPA_MAX]
    labelled = [(f"{n} ({labels[n]})" if labels.get(n) else str(n), 1) for n in numbers]
    ranges = [(str(a) if a == b else f"{a}-{b}", b - a + 1) for a, b in _spans(numbers)]
    return (
        _fit(prefix, labelled, shorten=False)
        or _fit(prefix, ranges, shorten=True)
        or sepa_text(prefix)[:SEPA_MAX]
    )


def _euro(cents: int) -> str:
    """123456 → "1234,56" (no currency sign: "€" is not in the SEPA set)."""
    return f"{cents // 100},{cents % 100:02d}"


def provider_remittance(
    *,
    batch_reference: str,
    redemptions: Sequence[tuple[int, str]],
    provider_name: str,
    netted_cents: int = 0,
) -> str:
    """``redemptions`` are (number, the provider's own reference); ``netted_cents``
    what the provider owed back and is taken off this payment, named right after the
    batch so that it is never shortened away (docs/adr/0013)."""
    with translation.override(settings.LANGUAGE_CODE):
        noun = ngettext("redemption", "redemptions", len(redemptions))
        netted = (
            _("less EUR %(amount)s netted") % {"amount": _euro(netted_cents)} + ", "
            if netted_cents
            else ""
        )
        prefix = f"Wijkvoucher {batch_reference} {netted}{noun} "
        labels = {
            number: _("receipt %(reference)s") % {"reference": reference}
            for number, reference in redemptions
            if reference
        }
        if not redemptions:
            prefix = f"Wijkvoucher {batch_reference} {netted}"
        return _numbered(
            prefix, [number for number, _ref in redemptions], labels, provider_name
        )


def initiator_remittance(
    *, batch_reference: str, claims: Sequence[tuple[int, str]], fallback: str
) -> str:
    """``claims`` are (number, what it was for)."""
    with translation.override(settings.LANGUAGE_CODE):
        if not claims:
            return sepa_text(f"Wijkvoucher {batch_reference} {fallback}")[:SEPA_MAX]
        noun = ngettext("claim", "claims", len(claims))
        prefix = f"Wijkvoucher {batch_reference} {noun} "
        numbers = [number for number, _what in claims]
        listed = _numbered(prefix, numbers, {}, fallback)
        if len(claims) == 1:
            described = sepa_text(f"{listed}: {claims[0][1]}")
            return described[:SEPA_MAX].rstrip()
        return listed
