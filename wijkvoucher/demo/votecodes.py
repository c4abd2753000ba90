"""The demo's letter codes. Codes are stored only as keyed hashes; so that
``demo_credentials`` can show unused ones, the demo derives them from the public demo
seed, the way it derives the provider API key and the second-factor secrets. Demo
only: anyone who reads this file can compute them; that is the point of the demo."""

from __future__ import annotations

import hashlib

from wijkvoucher.consultations.codes import CODE_LENGTH, code_format
from wijkvoucher.core.crockford import ALPHABET
from wijkvoucher.demo.totp import DEMO_SEED

BUDGET_VOTE_TITLE = "Buurtbudget De Hoven: kies mee"
POLL_TITLE = "Opschoondag in het Havenkwartier: wat vindt u ervan?"
# Open, without letters: residents vote from their account (docs/voting.md).
ACCOUNT_VOTE_TITLE = "Het pleintje bij de molen: kies mee"
# How many register rows the open poll gets besides the demo's own residents.
POLL_ROLL = 60


def demo_vote_code(consultation_title: str, n: int) -> str:
    """The ``n``-th letter code of a demo consultation: 13 Crockford characters
    derived from the public demo seed, so that they can be shown again."""
    digest = hashlib.sha256(f"{DEMO_SEED}:vote:{consultation_title}:{n}".encode())
    number = int.from_bytes(digest.digest(), "big")
    raw = ""
    for _ in range(CODE_LENGTH):
        number, index = divmod(number, len(ALPHABET))
        raw += ALPHABET[index]
    return code_format(raw)
