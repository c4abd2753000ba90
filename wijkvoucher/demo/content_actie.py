"""Demo content of the ACTIE instrument and the participation ladders (issue #13,
point 7), apart from content.py so that the areas do not clash. Declarative: the
loader (``loader/actie.py``) replays it through the services.

- ACTIE forms per plan, filled in by the wijk's contact official, two of them
  twice so that the history and the radar's second line show movement;
- ACTIE forms per wijk by the coordinator, Havenkwartier twice;
- twenty more residents of Havenkwartier, so that the ladder reports have groups
  of ten: twelve of them support the benches plan, and twelve answer the social
  ladder question twice, with permission."""

from __future__ import annotations

from dataclasses import dataclass, field

from wijkvoucher.actie.constants import SupportRole
from wijkvoucher.demo.content import Home, Person


@dataclass(frozen=True)
class ActieSpec:
    """One filled-in form: every item scores ``base`` except those in ``scores``
    (None: unknown); ``points`` per letter; the role the author chose."""

    days_ago: int
    base: int
    scores: dict[str, int | None] = field(default_factory=dict)
    points: dict[str, str] = field(default_factory=dict)
    role_chosen: str = ""


# Per plan (by the key of content.INITIATIVES), oldest first.
PLAN_FORMS: dict[str, tuple[ActieSpec, ...]] = {
    "speelplek": (
        ActieSpec(
            days_ago=60,
            base=3,
            scores={"T1": 2, "T2": 2, "T3": 1, "T4": 2, "I3": 2, "C4": None},
            points={
                "T": "Naima heeft hulp nodig bij de begroting en de vergunning "
                "voor het plaatsen van de speeltoestellen.",
                "I": "Afstemmen met Openbare Ruimte over de ondergrond.",
            },
            role_chosen=SupportRole.STIMULATING,
        ),
        ActieSpec(
            days_ago=8,
            base=3,
            scores={"A1": 4, "A2": 4, "C1": 4, "T3": 3, "T4": 3, "I3": 2},
            points={"I": "De vergunning loopt nog; elke twee weken even bellen."},
            role_chosen=SupportRole.FACILITATING,
        ),
    ),
    "havendag": (
        ActieSpec(
            days_ago=55,
            base=3,
            scores={"C2": 2, "C3": 2, "C4": 2, "E2": 2},
            points={
                "C": "Femke in contact brengen met de ondernemersvereniging "
                "van de kade.",
            },
        ),
        ActieSpec(
            days_ago=5,
            base=4,
            scores={"C4": 3, "T2": 3, "E3": 3},
            points={"E": "Na de Havendag samen terugkijken."},
            role_chosen=SupportRole.CO_PRODUCING,
        ),
    ),
    "repair_cafe": (
        ActieSpec(
            days_ago=10,
            base=3,
            scores={"A3": 4, "T1": 2, "I1": 2},
            points={"T": "Gereedschap lenen bij de bibliotheek van dingen."},
        ),
    ),
}

# Per wijk (by slug), by the coordinator, oldest first; the period is the year.
WIJK_FORMS: dict[str, tuple[ActieSpec, ...]] = {
    "havenkwartier": (
        ActieSpec(
            days_ago=70,
            base=2,
            scores={"A2": 3, "C1": 3, "I1": 1, "E2": 1},
            points={
                "I": "Eén loket voor bewonersinitiatieven inrichten.",
                "E": "Training ACTIE voor de gebiedsteams plannen.",
            },
        ),
        ActieSpec(
            days_ago=6,
            base=3,
            scores={"I1": 2, "E2": 2, "C2": 2},
            points={"C": "Vaker langs bij de moskee en de sportclub."},
            role_chosen=SupportRole.FACILITATING,
        ),
    ),
    "molenbuurt": (
        ActieSpec(
            days_ago=30,
            base=3,
            scores={"T2": 2, "T3": 2},
            points={"T": "Minder formulieren: de gemeente vraagt de vergunning aan."},
        ),
    ),
}

_FIRST = (
    "Lotte", "Daan", "Emma", "Bram", "Sara", "Thijs", "Yara", "Milan", "Noor",
    "Ruben", "Lieke", "Jesse", "Amira", "Koen", "Iris", "Stijn", "Zeynep", "Luuk",
    "Fenna", "Olaf",
)  # fmt: skip
_LAST = (
    "Bos", "Dekker", "Mulder", "Peters", "Visser", "Smits", "Kok", "Brouwer",
    "Jansen", "Hendriks", "Dijkstra", "Vermeer", "Koster", "Willems", "Maas",
    "Schouten", "Kaya", "Prins", "Veenstra", "Hoekstra",
)  # fmt: skip
LADDER_STREET = "Zeilmakerstraat"


def _email(first: str, last: str) -> str:
    return f"{first.lower()}.{last.lower()}.zeilmaker@example.nl"


# Twenty more residents of Havenkwartier (content.WIJKEN's first wijk).
LADDER_WIJK = "havenkwartier"
LADDER_RESIDENTS: tuple[tuple[Person, Home], ...] = tuple(
    (
        Person(full_name=f"{first} {last}", email=_email(first, last)),
        Home(LADDER_STREET, number, f"2811M{'ABCDEFGHJK'[number % 10]}"),
    )
    for number, (first, last) in enumerate(zip(_FIRST, _LAST, strict=True), start=1)
)
# The first twelve support this plan, this many days ago.
LADDER_SUPPORTED_PLAN = "bankjes"
LADDER_SUPPORTERS = 12
LADDER_SUPPORT_DAYS_AGO = 40
# The social ladder question: residents 9 to 20 answer twice, with permission.
SOCIAL_FIRST_DAYS_AGO = 50
SOCIAL_SECOND_DAYS_AGO = 4
SOCIAL_ANSWERS: tuple[tuple[int, int, int], ...] = tuple(
    # (resident index, first step, second step)
    (index, 2 if index % 3 else 1, 3 if index < 18 else 4)
    for index in range(8, 20)
)
