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
    # The year's history (content.py, HISTORY): each report after its activity.
    ReportSpec(
        "plantenbakken",
        270,
        "Op een zaterdag zetten we de zes bakken neer en plantten we ze vol. Elke "
        "bak heeft een peter of meter die water geeft.",
        35,
        "Vraag de wijkbeheerder vroeg waar de bakken mogen staan; dat kostte het "
        "meeste tijd.",
        photo="Plantenbakken in de Touwslagerij",
    ),
    ReportSpec(
        "repaircafe",
        130,
        "Negen zaterdagen Repair Café: 140 spullen gerepareerd, van lampen tot "
        "fietsbellen. Er kwamen ook buren alleen voor de koffie.",
        160,
        "De eerste keer was het te druk; met een lijst op de deur ging het beter.",
        photo="Reparatietafel in De Wiek",
    ),
    ReportSpec(
        "bloembollen",
        115,
        "Twintig buren en groep 6 van De Hofstee plantten op een zaterdag alle "
        "bollen. In het voorjaar zien we het resultaat.",
        48,
        "Kinderen planten sneller dan volwassenen.",
        photo="Kinderen planten bollen in de berm",
    ),
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

# The contact official draws the sample in a wijk ``days ago`` (De Hoven's in the
# year's history, Havenkwartier's last week) and settles the drawn plan after its
# closer check; the other plans of the history are settled without one.
SAMPLE_DRAWS: tuple[tuple[str, int], ...] = (("de-hoven", 112), ("havenkwartier", 7))
SETTLEMENTS: tuple[tuple[str, int, str], ...] = (
    ("plantenbakken", 262, ""),
    ("repaircafe", 120, ""),
    (
        "bloembollen",
        110,
        "De bon van het tuincentrum en de foto's van de plantdag bekeken; het "
        "aantal bollen klopt.",
    ),
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
