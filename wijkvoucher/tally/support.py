"""How much support each project has: the number greedy rules rank by
(docs/pabulib.md#support).

- approval and choose-1 ballots: the number of voters who name the project;
- cumulative and scoring ballots: the sum of the points the project got;
- ordinal ballots: points by position, ``L`` for the first, ``L - 1`` for the second, …,
  where ``L`` is META ``max_length`` (else the number of projects); Kraków's top-3
  rankings so give 3, 2 and 1.

A file may also record each project's support itself, in the PROJECTS column ``score``
(points) or ``votes`` (voters). ``SUPPORT_RECORDED`` ranks by that column, which
reproduces official outcomes where VOTES lacks the paper ballots.
"""

from __future__ import annotations

from fractions import Fraction

from wijkvoucher.tally.model import (
    APPROVAL_LIKE,
    ORDINAL,
    Election,
    Number,
    TallyError,
    exact,
    parse_number,
)

SUPPORT_COUNTED = "counted"
SUPPORT_RECORDED = "recorded"
# The recorded column where every project has one, else the count of the ballots.
SUPPORT_AUTO = "auto"
SUPPORT_SOURCES = (SUPPORT_AUTO, SUPPORT_COUNTED, SUPPORT_RECORDED)


def approvals(election: Election) -> list[int]:
    """Per project (in project order): how many ballots name it."""
    counts = [0] * len(election.projects)
    for projects, _points, weight in election.groups:
        for j in projects:
            counts[j] += weight
    return counts


def counted_support(election: Election) -> list[Number]:
    """Per project: its support counted from the ballots."""
    if election.vote_type in APPROVAL_LIKE:
        return list(approvals(election))
    totals: list[Number] = [0] * len(election.projects)
    if election.vote_type == ORDINAL:
        length = _ordinal_length(election)
        for projects, _points, weight in election.groups:
            for position, j in enumerate(projects):
                totals[j] += max(length - position, 0) * weight
        return totals
    for projects, points, weight in election.groups:
        for j, given in zip(projects, points or (), strict=True):
            totals[j] += given * weight
    return [exact(Fraction(total)) for total in totals]


def recorded_support(election: Election) -> list[Number] | None:
    """Per project: the support its PROJECTS row records (``score``, else ``votes``),
    or ``None`` when some project lacks it."""
    column = "score" if election.vote_type not in APPROVAL_LIKE else "votes"
    for name in (column, "votes"):
        if all(name in project.fields for project in election.projects):
            return [
                parse_number(project.fields[name], f"the {name} of {project.id}")
                for project in election.projects
            ]
    return None


def support(election: Election, source: str = SUPPORT_AUTO) -> list[Number]:
    """Per project: its support from ``source`` (``auto``, ``counted`` or
    ``recorded``)."""
    if source == SUPPORT_COUNTED:
        return counted_support(election)
    if source not in SUPPORT_SOURCES:
        raise TallyError(f"unknown support source {source!r}")
    recorded = recorded_support(election)
    if recorded is not None:
        return recorded
    if source == SUPPORT_RECORDED:
        raise TallyError("the projects do not all record their votes or score")
    return counted_support(election)


def _ordinal_length(election: Election) -> int:
    text = election.meta.get("max_length", "").strip()
    if text.isdigit() and int(text) > 0:
        return int(text)
    return len(election.projects)
