"""The demo's wijkraadplegingen, replayed through the services on the story's clock: a
finished budget vote in De Hoven (ideas of residents, counted with the Method of Equal
Shares, certified, with its published ballots and receipts), an open advisory poll
in Havenkwartier on the plan that waits on the regiegroep's agenda, with letter codes
to try, and an open budget vote in Molenbuurt without letters, in which residents
vote from their account: on the birth date the municipality recorded, or on their own
declaration of their age.

The letter codes come from ``demo/votecodes.py`` (derived from the public demo seed,
so that ``demo_credentials`` can show unused ones)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any
from unittest import mock

from django.utils import timezone

from wijkvoucher.accounts.models import User
from wijkvoucher.consultations.constants import (
    BallotChannel,
    BallotType,
    ConsultationKind,
    Stance,
)
from wijkvoucher.consultations.models import Consultation
from wijkvoucher.consultations.rows import RegisterRow
from wijkvoucher.consultations.services import (
    account_ballot_cast,
    account_credential_for,
    ballot_cast,
    consultation_certify,
    consultation_create,
    consultation_option_add,
    consultation_publish,
    credentials_import,
    option_photo_set,
)
from wijkvoucher.demo import content as c
from wijkvoucher.demo.loader.pictures import picture_png
from wijkvoucher.demo.loader.setup import _person
from wijkvoucher.demo.loader.story import Step, _Story
from wijkvoucher.demo.totp import DEMO_SEED
from wijkvoucher.demo.votecodes import (
    ACCOUNT_VOTE_TITLE,
    BUDGET_VOTE_TITLE,
    POLL_ROLL,
    POLL_TITLE,
    demo_vote_code,
)

# How many register rows the budget vote gets besides the demo's own residents.
BUDGET_VOTE_ROLL = 120
# Of the budget vote's roll, this many voted; of the poll's, this many answered so far.
BUDGET_VOTERS = 74
POLL_ANSWERS = 11

# The ideas with a picture on the ballot: (picture, its description).
IDEA_PICTURES = {
    "Bloembakken op het Hovenplein": (
        "flower-boxes",
        "Tekening: drie houten bakken vol bloemen op een plein",
    ),
    "Buurtkast met boeken en spellen": (
        "book-cabinet",
        "Tekening: een blauwe kast met planken vol boeken op het gras",
    ),
}
IDEAS: tuple[tuple[str, str, int], ...] = (
    (
        "Bloembakken op het Hovenplein",
        "Zes grote bakken met vaste planten, verzorgd door de bewoners van het plein.",
        120_000,
    ),
    (
        "Buurtkast met boeken en spellen",
        "Een weerbestendige kast bij de speeltuin: wie iets brengt, mag iets meenemen.",
        80_000,
    ),
    (
        "Kerstverlichting in de Lindelaan",
        "Lichtsnoeren in de bomen van de Lindelaan, van half december tot begin januari.",
        250_000,
    ),
    (
        "Beweegtoestellen in het park",
        "Drie toestellen voor ouderen en jongeren, met een gratis les van een trainer.",
        350_000,
    ),
    (
        "Zomerfilm op het grasveld",
        "Twee avonden buitenfilm met een groot scherm, popcorn van de buurtvereniging.",
        150_000,
    ),
    (
        "Workshop fietsen repareren",
        "Vier zaterdagochtenden leren jongeren van vrijwilligers hun fiets te maken.",
        60_000,
    ),
)
BUDGET_CENTS = 600_000

_FIRST = ("Anna", "Bas", "Chantal", "Daan", "Esra", "Femke", "Gijs", "Hatice")
_LAST = ("de Boer", "Yilmaz", "Jansen", "Visser", "Bakker", "Mulder", "Kok", "Smits")


@contextmanager
def _demo_codes(title: str) -> Iterator[None]:
    counter = iter(range(10_000))
    with mock.patch(
        "wijkvoucher.consultations.services.credentials.code_generate",
        side_effect=lambda: demo_vote_code(title, next(counter)),
    ):
        yield


def _register(
    wijk: c.Wijk, *, count: int, street: str, postcode: str
) -> list[RegisterRow]:
    """The wijk's demo residents (so that they can vote from their account) and
    ``count`` more, all adults."""
    rows = [
        RegisterRow(
            name=person.full_name,
            street=home.street,
            house_number=home.house_number,
            house_letter=home.house_letter,
            addition=home.addition,
            postcode=home.postcode,
            city="Dijkstad",
            birth_date=dt.date(1975, 3, 1),
        )
        for person, home in [(r.person, r.home) for r in wijk.residents]
        + [(s.person, s.home) for s in wijk.steering if s.home is not None]
    ]
    for n in range(count):
        rows.append(
            RegisterRow(
                name=f"{_FIRST[n % len(_FIRST)]} {_LAST[(n // 8) % len(_LAST)]}",
                street=street,
                house_number=100 + n,
                house_letter="",
                addition="",
                postcode=postcode,
                city="Dijkstad",
                birth_date=dt.date(1950 + n % 55, 1 + n % 12, 1 + n % 28),
            )
        )
    return rows


def _wijk(slug: str) -> c.Wijk:
    return next(w for w in c.WIJKEN if w.slug == slug)


def _moment(story: _Story, days: float) -> dt.datetime:
    """Noon ``days`` days before (negative: after) the demo day."""
    day = story.setup.today - dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


def _budget_vote_steps(story: _Story) -> list[Step]:
    slug = "de-hoven"
    made: dict[str, Any] = {}

    def prepare() -> None:
        official = story.official(slug)
        consultation = consultation_create(
            actor=official,
            neighbourhood=story.neighbourhoods[slug],
            kind=ConsultationKind.BUDGET_VOTE,
            title=BUDGET_VOTE_TITLE,
            question=(
                "Welke ideeën wilt u uitvoeren met € 6.000 uit het wijkbudget? "
                "Kies er hoogstens drie."
            ),
            ballot_type=BallotType.APPROVAL,
            max_choices=3,
            budget_cents=BUDGET_CENTS,
            rule="equalshares/add1",
            opens_at=_moment(story, 35),
            closes_at=_moment(story, 21),
        )
        for title, summary, cost in IDEAS:
            option = consultation_option_add(
                actor=official,
                consultation=consultation,
                title=title,
                summary=summary,
                cost_cents=cost,
            )
            if title in IDEA_PICTURES:
                name, alt = IDEA_PICTURES[title]
                option_photo_set(
                    actor=official, option=option, data=picture_png(name), alt=alt
                )
        with _demo_codes(BUDGET_VOTE_TITLE):
            made["roll"] = credentials_import(
                actor=official,
                consultation=consultation,
                rows=_register(
                    _wijk(slug),
                    count=BUDGET_VOTE_ROLL,
                    street="Lindelaan",
                    postcode="2813CD",
                ),
            )
        made["consultation"] = consultation_publish(
            actor=official, consultation=consultation
        )

    steps: list[Step] = [(37, 10, prepare)]
    # The ballots, spread over the first days of the vote; some residents change
    # their mind (the last ballot counts).
    chooser = random.Random(f"{DEMO_SEED}:budget-vote")  # noqa: S311 (demo data)
    popular = [0, 0, 1, 1, 1, 3, 3, 4, 4, 5, 2]
    for n in range(BUDGET_VOTERS):
        picks = sorted({chooser.choice(popular) for _ in range(chooser.randint(1, 3))})
        again = n % 9 == 0

        def cast(n: int = n, picks: list[int] = picks) -> None:
            consultation: Consultation = made["consultation"]
            options = list(consultation.options.order_by("position"))
            credential, _code = made["roll"][n]
            ballot_cast(
                consultation=consultation,
                credential=credential,
                choices=[options[i].pk for i in picks],
                channel=BallotChannel.LETTER,
            )

        first_day = 34 - n % 10  # days ago; the vote closes 21 days ago
        steps.append((first_day, 10 + n, cast))
        if again:  # two days later, only the first of their choices
            steps.append((first_day - 2, 10 + n, partial(cast, n, picks[:1])))

    def certify() -> None:
        consultation_certify(
            actor=story.official(slug), consultation=made["consultation"]
        )

    steps.append((20, 10, certify))
    return steps


def _poll_steps(story: _Story) -> list[Step]:
    slug = "havenkwartier"
    made: dict[str, Any] = {}

    def prepare() -> None:
        official = story.official(slug)
        consultation = consultation_create(
            actor=official,
            neighbourhood=story.neighbourhoods[slug],
            kind=ConsultationKind.ADVISORY,
            title=POLL_TITLE,
            question=(
                "De regiegroep bespreekt dit plan binnenkort. Bent u ervoor of "
                "ertegen? U mag er ook iets over schrijven."
            ),
            ballot_type=BallotType.ADVISORY,
            opens_at=_moment(story, 4),
            closes_at=_moment(story, -9),
        )
        option = consultation_option_add(
            actor=official,
            consultation=consultation,
            initiative=story.plan("opschoondag"),
        )
        option_photo_set(
            actor=official,
            option=option,
            data=picture_png("clean-up"),
            alt="Tekening: een straat met zwerfafval, een grijper en een afvalbak",
        )
        with _demo_codes(POLL_TITLE):
            made["roll"] = credentials_import(
                actor=official,
                consultation=consultation,
                rows=_register(
                    _wijk(slug), count=POLL_ROLL, street="Kadestraat", postcode="2811AC"
                ),
            )
        made["consultation"] = consultation_publish(
            actor=official, consultation=consultation
        )

    steps: list[Step] = [(4, 5, prepare)]
    stances = [Stance.SUPPORT] * 7 + [Stance.OPPOSE] * 2 + [Stance.NEUTRAL] * 2
    comments = {
        0: "Goed idee, ik help mee met prikken.",
        3: "Graag ook de kade bij de vismarkt meenemen.",
        7: "Liever elke maand een kleine ronde dan één grote dag.",
    }
    # The last residents of the roll answer (the demo's own residents come first
    # and keep their vote, as do the codes demo_credentials shows).
    for n in range(POLL_ANSWERS):

        def answer(n: int = n) -> None:
            consultation: Consultation = made["consultation"]
            (option,) = consultation.options.all()
            credential, _code = made["roll"][-1 - n]
            choice: dict[str, Any] = {"stance": stances[n]}
            if n in comments:
                choice["comment"] = comments[n]
            ballot_cast(
                consultation=consultation,
                credential=credential,
                choices={str(option.pk): choice},
                channel=BallotChannel.LETTER,
            )

        steps.append((3 - n % 3, 10 + n, answer))
    return steps


# The open vote without letters: options of the municipality, not plans.
SQUARE_OPTIONS: tuple[tuple[str, str, int], ...] = (
    (
        "Twee picknicktafels",
        "Houten tafels met banken onder de lindeboom, ook voor rolstoelen.",
        90_000,
    ),
    (
        "Jeu-de-boulesbaan",
        "Een baan van twaalf meter naast het bankje, met een bak voor de ballen.",
        140_000,
    ),
    (
        "Bloeiende struiken",
        "Struiken voor bijen en vlinders langs de rand, geplant met de buurt.",
        60_000,
    ),
)


def _resident(wijk: c.Wijk, local: str) -> User:
    email = f"{local}@{c.EMAIL_DOMAIN}"
    return _person(next(r.person for r in wijk.residents if r.person.email == email))


def _account_vote_steps(story: _Story) -> list[Step]:
    slug = "molenbuurt"
    wijk = _wijk(slug)
    made: dict[str, Any] = {}

    def prepare() -> None:
        official = story.official(slug)
        consultation = consultation_create(
            actor=official,
            neighbourhood=story.neighbourhoods[slug],
            kind=ConsultationKind.BUDGET_VOTE,
            title=ACCOUNT_VOTE_TITLE,
            question=(
                "Wat wilt u op het pleintje bij de molen? Kies er hoogstens twee. "
                "Er zijn geen stembrieven: u stemt met uw account."
            ),
            ballot_type=BallotType.APPROVAL,
            max_choices=2,
            budget_cents=200_000,
            rule="greedy",
            opens_at=_moment(story, 3),
            closes_at=_moment(story, -11),
        )
        for title, summary, cost in SQUARE_OPTIONS:
            consultation_option_add(
                actor=official,
                consultation=consultation,
                title=title,
                summary=summary,
                cost_cents=cost,
            )
        made["consultation"] = consultation_publish(
            actor=official, consultation=consultation
        )

    def with_birth_date() -> None:
        # Sven's birth date was recorded with his address: no question asked.
        consultation: Consultation = made["consultation"]
        first, second, _third = consultation.options.order_by("position")
        voter = _resident(wijk, "sven.post")
        credential = account_credential_for(user=voter, consultation=consultation)
        ballot_cast(
            consultation=consultation,
            credential=credential,
            choices=[first.pk, second.pk],
            channel=BallotChannel.ACCOUNT,
        )

    def declared() -> None:
        # Hanneke has no birth date recorded: she declared her age on the ballot.
        consultation: Consultation = made["consultation"]
        first, _second, third = consultation.options.order_by("position")
        voter = _resident(wijk, "hanneke.prins")
        account_ballot_cast(
            user=voter,
            consultation=consultation,
            age_declared=True,
            choices=[first.pk, third.pk],
        )

    return [(3, 5, prepare), (2, 30, with_birth_date), (1, 40, declared)]


def _consultation_steps(story: _Story) -> list[Step]:
    return _budget_vote_steps(story) + _poll_steps(story) + _account_vote_steps(story)
