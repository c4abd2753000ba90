"""Demo content of execution and accountability (issue #13 point 7), declarative and
in Dutch, kept apart from ``content.py``: progress updates with photos, the
havendag's report, the sample that draws it, its settlement and a recovery. The
loader step is ``loader/accountability.py``; days are days before the demo day."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class UpdateSpec:
    key: str
    days_ago: int
    text: str
    photo: str = ""
    public: bool = True


@dataclass(frozen=True)
class ReportSpec:
    key: str
    days_ago: int
    what_happened: str
    participants: int
    learned: str
    photo: str


UPDATES: tuple[UpdateSpec, ...] = (
    UpdateSpec(
        "havendag",
        17,
        "De flyers zijn gedrukt en rondgebracht. Op de kade hangen de vlaggetjes al.",
        photo="Flyers op de keukentafel",
    ),
    UpdateSpec(
        "speelplek",
        18,
        "De boomstammen liggen er. Volgende week komt het zand voor de zandbak.",
        photo="Boomstammen op het Pakhuisplein",
    ),
)

REPORTS: tuple[ReportSpec, ...] = (
    ReportSpec(
        "havendag",
        9,
        "Het was een zonnige middag op de kade. Kinderen knutselden bootjes, er was "
        "een sjoelwedstrijd en buren die elkaar nog niet kenden, raakten aan de "
        "praat.",
        120,
        "Volgend jaar beginnen we eerder met de flyers: veel buren hoorden pas op de "
        "dag zelf van het feest.",
        photo="Kinderen knutselen bootjes op de kade",
    ),
)

# The contact official draws the sample in the wijk ``days_ago`` and settles the
# plan the day after, with the finding of the closer check.
SAMPLE_WIJK = "havenkwartier"
SAMPLE_DAYS_AGO = 7
SETTLEMENTS: tuple[tuple[str, int, str], ...] = (
    (
        "havendag",
        6,
        "De bonnen van de drukkerij en het knutselmateriaal klopten met de "
        "betalingen. Foto's van de dag bekeken.",
    ),
)

# After the settlement the drukkerij turned out to have printed a second batch that
# was never used: part of the money is reclaimed, and half is paid back.
RECOVERIES: tuple[tuple[str, int, str, int, str, int, int], ...] = (
    (
        "havendag",
        4,
        "not_as_awarded",
        5_000,
        "Een tweede oplage flyers is betaald maar niet gebruikt; dat hoorde niet bij "
        "het plan.",
        2_500,
        1,
    ),
)
