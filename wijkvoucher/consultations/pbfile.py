"""A consultation as a Pabulib election, and back (docs/pabulib.md#a-consultation-as-a-pabulib-file).

``to_election`` builds the ``wijkvoucher.tally`` election from plain options and
ballots: the election the certification counts, and the one published as the
anonymised ballot list (``to_pb_text``), so that anyone who recounts the file with
``python -m wijkvoucher.tally`` gets the certified outcome. ``from_pb_text`` reads a
Pabulib file back into plain options and ballots, to import an election for research.

- A ballot's voter id is its receipt: a voter finds their own ballot in the list. The
  ballots are written in receipt order (random), never in the order they were cast.
- Money: the consultation keeps cents; the file has euros, exactly: a cost of
  € 1.234,56 is written ``1234.56``, a whole amount without decimals. Nothing is
  rounded, so the file counts to the same outcome as the consultation.
- Ballot types: approval → ``approval`` (with ``max_length`` when at most k);
  knapsack → ``approval`` with ``max_sum_cost`` (the budget); cumulative →
  ``cumulative`` with ``max_sum_points``; ordinal → ``ordinal`` with ``max_length``.
- The option order is the tie-break of every rule: pass the options in the drawn
  order, and the file keeps it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wijkvoucher.tally import (
    RULES,
    Ballot,
    Election,
    PabulibError,
    Project,
    format_pb,
    make_election,
    parse_pb,
)
from wijkvoucher.tally.model import (
    APPROVAL,
    CHOOSE_1,
    CUMULATIVE,
    ORDINAL,
    Number,
    exact,
    format_number,
)

KNAPSACK = "knapsack"
BALLOT_TYPES = (APPROVAL, KNAPSACK, CUMULATIVE, ORDINAL)
DEFAULT_RULE = "greedy"
COUNTRY = "Netherlands"
CURRENCY = "EUR"

Choices = Sequence[str | int] | Mapping[str, int]


@dataclass(frozen=True)
class PbOption:
    id: str
    title: str
    cost_cents: int


@dataclass(frozen=True)
class PbBallot:
    """One ballot: its receipt and its choices as the consultation stores them: a
    list of option ids (approval, knapsack; ordinal: in rank order) or ``{option id:
    points}`` (cumulative)."""

    receipt: str
    choices: Choices


@dataclass(frozen=True)
class PbConsultation:
    """A Pabulib file read back: what a consultation needs to hold it."""

    title: str
    wijk: str
    ballot_type: str
    budget_cents: int
    rule: str
    max_choices: int | None
    points: int | None
    options: list[PbOption]
    ballots: list[PbBallot]
    selected: list[str] = field(default_factory=list)  # PROJECTS selected = 1
    meta: Mapping[str, str] = field(default_factory=dict)


def euros(cents: int) -> Number:
    """Cents as exact euros: 123456 → Fraction(123456, 100), 5000 → 50."""
    return exact(Fraction(cents, 100))


def _ids(choices: Choices, known: Mapping[str, int], receipt: str) -> list[str]:
    ids = [str(choice) for choice in choices]
    for option_id in ids:
        if option_id not in known:
            raise ValueError(f"ballot {receipt} names unknown option {option_id}")
    if len(set(ids)) != len(ids):
        raise ValueError(f"ballot {receipt} names an option twice")
    return ids


def _ballot(ballot: PbBallot, ballot_type: str, known: Mapping[str, int]) -> Ballot:
    if ballot_type == CUMULATIVE:
        if not isinstance(ballot.choices, Mapping):
            raise ValueError(
                f"ballot {ballot.receipt}: cumulative choices are a mapping"
            )
        points = {str(k): v for k, v in ballot.choices.items()}
        _ids(list(points), known, ballot.receipt)
        if any(
            isinstance(v, bool) or not isinstance(v, int) or v < 0
            for v in points.values()
        ):
            raise ValueError(
                f"ballot {ballot.receipt}: points are whole and not negative"
            )
        given = [k for k, v in points.items() if v > 0]
        # most points first; equal points in option order
        given.sort(key=lambda k: (-points[k], known[k]))
        return Ballot(ballot.receipt, tuple(given), tuple(points[k] for k in given))
    if isinstance(ballot.choices, Mapping):
        raise ValueError(f"ballot {ballot.receipt}: {ballot_type} choices are a list")
    ids = _ids(ballot.choices, known, ballot.receipt)
    if ballot_type != ORDINAL:
        ids.sort(key=known.__getitem__)  # a set: written in option order
    return Ballot(ballot.receipt, tuple(ids))


def to_election(
    *,
    options: Sequence[PbOption],
    ballots: Sequence[PbBallot],
    ballot_type: str,
    budget_cents: int,
    rule: str,
    title: str,
    wijk: str,
    on: dt.date,
    max_choices: int | None = None,
    points: int | None = None,
    selected: Collection[str] | None = None,
) -> Election:
    """The election of a budget vote, to count or to publish. ``on`` is the day the
    vote closed (META ``instance``); ``selected``, once certified, marks the funded
    options in PROJECTS. Raises ``ValueError`` for data a consultation cannot hold
    (the ballot services check every ballot before it is stored)."""
    if ballot_type not in BALLOT_TYPES:
        raise ValueError(f"no Pabulib form for ballot type {ballot_type!r}")
    if rule not in RULES:
        raise ValueError(f"unknown rule {rule!r}")
    known = {str(option.id): i for i, option in enumerate(options)}
    chosen = {str(s) for s in selected or ()}
    if not chosen <= known.keys():
        raise ValueError(
            f"selected names unknown options {sorted(chosen - known.keys())}"
        )
    projects = [
        Project(
            str(option.id),
            euros(option.cost_cents),
            option.title,
            {"selected": "1" if str(option.id) in chosen else "0"}
            if selected is not None
            else {},
        )
        for option in options
    ]
    receipts = [ballot.receipt for ballot in ballots]
    if len(set(receipts)) != len(receipts):
        raise ValueError("two ballots have the same receipt")
    pb_ballots = sorted(
        (_ballot(ballot, ballot_type, known) for ballot in ballots),
        key=lambda b: b.voter_id,
    )
    meta = {
        "description": title,
        "country": COUNTRY,
        "unit": wijk,
        "instance": on.isoformat(),
        "currency": CURRENCY,
    }
    if ballot_type == KNAPSACK:
        meta["max_sum_cost"] = format_number(euros(budget_cents))
    if ballot_type in (APPROVAL, ORDINAL) and max_choices is not None:
        meta["max_length"] = str(max_choices)
    if ballot_type == CUMULATIVE:
        if points is None:
            raise ValueError("a cumulative vote needs its points")
        meta["max_sum_points"] = str(points)
    return make_election(
        projects,
        pb_ballots,
        budget=euros(budget_cents),
        vote_type=APPROVAL if ballot_type == KNAPSACK else ballot_type,
        rule=rule,
        meta=meta,
    )


def to_pb_text(
    *,
    options: Sequence[PbOption],
    ballots: Sequence[PbBallot],
    ballot_type: str,
    budget_cents: int,
    rule: str,
    title: str,
    wijk: str,
    on: dt.date,
    max_choices: int | None = None,
    points: int | None = None,
    selected: Collection[str] | None = None,
) -> str:
    """The published anonymised ballot list: ``to_election`` written as a ``.pb``
    file."""
    return format_pb(
        to_election(
            options=options,
            ballots=ballots,
            ballot_type=ballot_type,
            budget_cents=budget_cents,
            rule=rule,
            title=title,
            wijk=wijk,
            on=on,
            max_choices=max_choices,
            points=points,
            selected=selected,
        )
    )


# --- Reading a file back ---------------------------------------------------------------


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def _cents(value: Number, what: str) -> int:
    cents = Fraction(value) * 100
    if cents.denominator != 1:
        raise _refuse(
            _("%(what)s is not a whole number of cents: %(value)s.")
            % {"what": what, "value": format_number(value)},
            "pabulib_cents",
        )
    return int(cents)


def _whole(meta: Mapping[str, str], key: str) -> int | None:
    text = meta.get(key, "").strip()
    if not text:
        return None
    if not text.isdigit():
        raise _refuse(
            _("META %(key)s must be a whole number, not “%(value)s”.")
            % {"key": key, "value": text},
            "pabulib_meta",
        )
    return int(text)


def _choices(ballot: Ballot, ballot_type: str) -> Choices:
    if ballot_type != CUMULATIVE:
        return list(ballot.projects)
    points: dict[str, int] = {}
    for project_id, value in zip(ballot.projects, ballot.points or (), strict=True):
        if not isinstance(value, int) or value < 0:
            raise _refuse(
                _("Voter %(voter)s gives %(points)s points: only whole points count.")
                % {"voter": ballot.voter_id, "points": format_number(value)},
                "pabulib_points",
            )
        points[project_id] = value
    return points


def from_pb_text(data: str | bytes) -> PbConsultation:
    """A Pabulib file as plain consultation data. Refuses, with a ``ValidationError``
    whose message says what is wrong, a file the tally cannot read or one a
    consultation cannot hold (scoring ballots, amounts finer than a cent, fractional
    points, a voter id twice)."""
    try:
        election = parse_pb(data)
    except PabulibError as exc:
        raise _refuse(
            _("This is not a Pabulib file that can be read: %(reason)s.")
            % {"reason": str(exc)},
            "pabulib_unreadable",
        ) from exc
    meta = election.meta
    vote_type = election.vote_type
    max_choices = _whole(meta, "max_length")
    points = None
    if vote_type == CHOOSE_1:
        ballot_type, max_choices = APPROVAL, 1
    elif vote_type == APPROVAL:
        ballot_type = KNAPSACK if meta.get("max_sum_cost") else APPROVAL
        if ballot_type == KNAPSACK:
            max_choices = None
    elif vote_type == CUMULATIVE:
        ballot_type, max_choices = CUMULATIVE, None
        points = _whole(meta, "max_sum_points")
    elif vote_type == ORDINAL:
        ballot_type = ORDINAL
    else:
        raise _refuse(
            _("Ballots of the type “%(type)s” cannot be held in a consultation.")
            % {"type": vote_type},
            "pabulib_vote_type",
        )
    voters = [ballot.voter_id for ballot in election.ballots]
    if len(set(voters)) != len(voters):
        raise _refuse(_("The file names a voter twice."), "pabulib_voter_twice")
    ballots = [
        PbBallot(ballot.voter_id, _choices(ballot, ballot_type))
        for ballot in election.ballots
    ]
    if ballot_type == CUMULATIVE and points is None:
        points = max(
            (
                sum(dict(b.choices).values())
                for b in ballots
                if isinstance(b.choices, Mapping)
            ),
            default=0,
        )
    options = [
        PbOption(
            project.id,
            project.name or project.id,
            _cents(project.cost, _("The cost of %(id)s") % {"id": project.id}),
        )
        for project in election.projects
    ]
    recorded = election.rule or ""
    return PbConsultation(
        title=meta.get("description", ""),
        wijk=meta.get("unit", ""),
        ballot_type=ballot_type,
        budget_cents=_cents(election.budget, _("The budget")),
        rule=recorded if recorded in RULES else DEFAULT_RULE,
        max_choices=max_choices,
        points=points,
        options=options,
        ballots=ballots,
        selected=[p.id for p in election.projects if p.fields.get("selected") == "1"],
        meta=dict(meta),
    )
