"""The election a tally counts: projects, ballots and the META of a Pabulib file.

Money and points are exact: an ``int`` where the value is whole, else a ``Fraction``
(docs/pabulib.md#exact-arithmetic). Every column of the file that the tally itself does
not read is kept as text, so that writing an election back gives the same file content.
"""

from __future__ import annotations

import gc
import re
from abc import abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from types import MappingProxyType
from typing import NamedTuple

Number = int | Fraction

APPROVAL = "approval"
CHOOSE_1 = "choose-1"
CUMULATIVE = "cumulative"
ORDINAL = "ordinal"
SCORING = "scoring"
VOTE_TYPES = (APPROVAL, CHOOSE_1, CUMULATIVE, ORDINAL, SCORING)
# Ballots that name projects without points: every named project counts once.
APPROVAL_LIKE = (APPROVAL, CHOOSE_1)
# Ballots whose ``points`` column gives each named project its points.
POINTS_BALLOTS = (CUMULATIVE, SCORING)

NO_FIELDS: Mapping[str, str] = MappingProxyType({})

# Some files give a withdrawn project this cost; no rule funds it (docs/pabulib.md#the-pb-format).
WITHDRAWN_COST = 999_999_999


class TallyError(ValueError):
    """An election or a rule the tally cannot count; the message is one plain line."""


def exact(value: Number) -> Number:
    """The value as an ``int`` when it is whole, else as the ``Fraction`` it is."""
    if isinstance(value, Fraction) and value.denominator == 1:
        return int(value)
    return value


@dataclass(frozen=True)
class Project:
    """One project: its id (text, unique in the election), its cost and its name.

    ``fields`` holds the file's other PROJECTS columns as text (votes, score, selected,
    category, ...), in column order.
    """

    id: str
    cost: Number
    name: str = ""
    fields: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.id or self.id != self.id.strip() or "," in self.id:
            raise TallyError(
                f"project id {self.id!r} is empty or has a comma or spaces"
            )
        if self.cost < 0:
            raise TallyError(f"project {self.id} has a negative cost")


class Ballot(NamedTuple):
    """One voter's ballot: the projects named, in the order given, with points for
    cumulative and scoring ballots (else ``None``). ``fields`` holds the other VOTES
    columns (age, voting_method, ...) as text. (A named tuple: an election can hold
    a hundred thousand of them, and they are made fast.)"""

    voter_id: str
    projects: tuple[str, ...]
    points: tuple[Number, ...] | None = None
    fields: Mapping[str, str] = NO_FIELDS


# Identical ballots as one: the positions of the projects named (in ballot order)
# in the election's projects, the points (or ``None``) and how many voters cast it.
Group = tuple[tuple[int, ...], tuple[Number, ...] | None, int]


class Ballots(Sequence[Ballot]):
    """Ballots that can also give themselves merged into ``Group``s without making
    a ``Ballot`` each. A reader gives an election this instead of a tuple, so that a
    count handles each different ballot once (docs/pabulib.md#speed). Equal to any
    sequence of the same ballots."""

    @abstractmethod
    def groups(self, index: Mapping[str, int]) -> list[Group]:
        """Every different ballot once, with how many voters cast it; ``index``
        gives each project id its position."""

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(
            mine == theirs for mine, theirs in zip(self, other, strict=True)
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self)} ballots)"


@dataclass(frozen=True)
class Election:
    """One participatory budget: META (ordered, as text), projects and ballots.

    ``budget`` and ``vote_type`` are read from META once, when the election is made.
    ``ballots`` is a tuple, or the ``Ballots`` a reader made (equal to the tuple).
    """

    meta: Mapping[str, str]
    projects: tuple[Project, ...]
    ballots: Sequence[Ballot]
    budget: Number
    vote_type: str

    def __post_init__(self) -> None:
        if self.vote_type not in VOTE_TYPES:
            raise TallyError(f"unknown vote_type {self.vote_type!r}")
        if self.budget < 0:
            raise TallyError("the budget is negative")
        if len(self.index) != len(self.projects):
            raise TallyError("two projects have the same project_id")

    @cached_property
    def index(self) -> dict[str, int]:
        """Project id → its position in ``projects``."""
        return {project.id: i for i, project in enumerate(self.projects)}

    @cached_property
    def groups(self) -> list[Group]:
        """The different ballots, each with how many voters cast it: what the rules
        count (identical ballots count alike, so each is counted once, times its
        weight). Projects are their positions in ``projects``."""
        with no_gc():  # one tuple per different ballot, none in a cycle
            return self._groups()

    def _groups(self) -> list[Group]:
        if isinstance(self.ballots, Ballots):
            return self.ballots.groups(self.index)
        index = self.index
        counts: dict[tuple[tuple[int, ...], tuple[Number, ...] | None], int] = {}
        for ballot in self.ballots:
            key = (tuple([index[p] for p in ballot.projects]), ballot.points)
            counts[key] = counts.get(key, 0) + 1
        return [(projects, points, n) for (projects, points), n in counts.items()]

    @property
    def rule(self) -> str | None:
        """The rule META records (Pabulib's ``rule``), or ``None``."""
        return self.meta.get("rule") or None

    def project(self, project_id: str) -> Project:
        return self.projects[self.index[project_id]]

    def cost_of(self, project_ids: Iterable[str]) -> Number:
        return exact(sum((self.project(p).cost for p in project_ids), Fraction(0)))


def make_election(
    projects: Iterable[tuple[str, Number, str] | Project],
    ballots: Iterable[Sequence[str] | Ballot],
    *,
    budget: Number,
    vote_type: str = APPROVAL,
    rule: str | None = None,
    meta: Mapping[str, str] | None = None,
) -> Election:
    """An election from memory: projects as ``(id, cost, name)``, ballots as lists of
    project ids (voter ids are numbered from 1). META gets the fields Pabulib requires;
    ``meta`` adds or overrides others (description, unit, ...). The project order is the
    last tie-break of every rule (docs/pabulib.md#tie-breaking)."""
    project_list = tuple(
        p if isinstance(p, Project) else Project(p[0], exact(p[1]), p[2])
        for p in projects
    )
    ballot_list = tuple(
        b if isinstance(b, Ballot) else Ballot(str(i), tuple(b))
        for i, b in enumerate(ballots, start=1)
    )
    base = {
        "description": "",
        "country": "",
        "unit": "",
        "instance": "",
        "num_projects": str(len(project_list)),
        "num_votes": str(len(ballot_list)),
        "budget": format_number(exact(budget)),
        "vote_type": vote_type,
        "rule": rule or "",
    }
    if rule is None:
        del base["rule"]
    base.update(meta or {})
    election = Election(
        meta=base,
        projects=project_list,
        ballots=ballot_list,
        budget=exact(budget),
        vote_type=vote_type,
    )
    check_ballots(election)
    return election


def check_ballots(election: Election) -> None:
    """Every ballot names known projects, each once, with points where its type needs
    them; raises ``TallyError`` naming the first voter that breaks this."""
    index = election.index
    wants_points = election.vote_type in POINTS_BALLOTS
    for ballot in election.ballots:
        for project_id in ballot.projects:
            if project_id not in index:
                raise TallyError(
                    f"voter {ballot.voter_id} votes for unknown project {project_id}"
                )
        if len(set(ballot.projects)) != len(ballot.projects):
            raise TallyError(f"voter {ballot.voter_id} names a project twice")
        if wants_points and ballot.points is None:
            raise TallyError(f"voter {ballot.voter_id} has no points")
        if ballot.points is not None and len(ballot.points) != len(ballot.projects):
            raise TallyError(
                f"voter {ballot.voter_id} has {len(ballot.points)} points for "
                f"{len(ballot.projects)} projects"
            )
        if election.vote_type == CHOOSE_1 and len(ballot.projects) > 1:
            raise TallyError(f"voter {ballot.voter_id} chooses more than one project")


@contextmanager
def no_gc() -> Iterator[None]:
    """Python's cycle collector paused: reading a large file makes hundreds of
    thousands of lists and tuples, none of them in a cycle, and without the pause the
    collector walks them over and over (it more than doubles the time of a read).
    Restored on the way out, also after an error."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


def parse_number(text: str, what: str) -> Number:
    """A decimal number, exactly; a decimal comma is read as a decimal point."""
    cleaned = text.strip()
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    if not _NUMBER.fullmatch(cleaned):
        raise TallyError(f"{what} is not a number: {text!r}")
    if "." not in cleaned:
        return int(cleaned)
    return exact(Fraction(cleaned))


def format_number(value: Number) -> str:
    """Exact decimal text for a number (``12``, ``1532717.63``); refuses a fraction
    with no finite decimal form, such as 1/3."""
    value = exact(value)
    if isinstance(value, int):
        return str(value)
    twos = fives = 0
    rest = value.denominator
    while rest % 2 == 0:
        rest, twos = rest // 2, twos + 1
    while rest % 5 == 0:
        rest, fives = rest // 5, fives + 1
    if rest != 1:
        raise TallyError(f"{value} has no exact decimal form")
    places = max(twos, fives)
    digits = str(int(abs(value) * 10**places)).rjust(places + 1, "0")
    sign = "-" if value < 0 else ""
    return f"{sign}{digits[:-places]}.{digits[-places:]}"
