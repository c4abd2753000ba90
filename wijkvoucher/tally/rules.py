"""The rules by name, and the outcome of running one (docs/pabulib.md#the-rules)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from wijkvoucher.tally.greedy import amsterdam, greedy, meta_threshold
from wijkvoucher.tally.mes import equal_shares, equal_shares_add_one
from wijkvoucher.tally.model import Election, Number, TallyError
from wijkvoucher.tally.support import SUPPORT_AUTO, approvals, support

GREEDY = "greedy"
GREEDY_NO_SKIP = "greedy-no-skip"
GREEDY_THRESHOLD = "greedy-threshold"
AMSTERDAM = "amsterdam"
EQUAL_SHARES = "equalshares"
EQUAL_SHARES_ADD1 = "equalshares/add1"
EQUAL_SHARES_COMPARISON = "equalshares-comparison"
EQUAL_SHARES_ADD1_COMPARISON = "equalshares/add1-comparison"
# The add-one completion runs MES once per step of one currency unit. Łódź 2022 takes
# 61 steps; elections in forints take tens of thousands (minutes to hours), so the
# rules refuse beyond this many (docs/pabulib.md#add-one).
ADD_ONE_STEPS = 2000


@dataclass(frozen=True)
class Outcome:
    """What a rule funds: project ids in the order the rule chose them, their total
    cost and the budget."""

    rule: str
    selected: tuple[str, ...]
    cost: Number
    budget: Number


Rule = Callable[[Election, str], list[int]]


def _greedy(election: Election, source: str) -> list[int]:
    return greedy(election, support(election, source))


def _greedy_no_skip(election: Election, source: str) -> list[int]:
    return greedy(election, support(election, source), skip=False)


def _greedy_threshold(election: Election, source: str) -> list[int]:
    threshold = meta_threshold(election)
    return greedy(election, support(election, source), threshold=threshold)


def _amsterdam(election: Election, source: str) -> list[int]:
    return amsterdam(election, support(election, source))


def _mes(election: Election, source: str) -> list[int]:
    return equal_shares(election)


def _mes_add1(election: Election, source: str) -> list[int]:
    return equal_shares_add_one(election, max_steps=ADD_ONE_STEPS)


def _mes_comparison(election: Election, source: str) -> list[int]:
    return _compare(election, equal_shares(election))


def _mes_add1_comparison(election: Election, source: str) -> list[int]:
    return _compare(election, equal_shares_add_one(election, max_steps=ADD_ONE_STEPS))


RULES: dict[str, Rule] = {
    GREEDY: _greedy,
    GREEDY_NO_SKIP: _greedy_no_skip,
    GREEDY_THRESHOLD: _greedy_threshold,
    AMSTERDAM: _amsterdam,
    EQUAL_SHARES: _mes,
    EQUAL_SHARES_ADD1: _mes_add1,
    EQUAL_SHARES_COMPARISON: _mes_comparison,
    EQUAL_SHARES_ADD1_COMPARISON: _mes_add1_comparison,
}


def _compare(election: Election, proportional: Sequence[int]) -> list[int]:
    """The ``-comparison`` step: keep the greedy outcome (by approvals, counted from
    the ballots) if more voters have more approved projects funded in it than in the
    MES outcome than the other way round; else the MES outcome."""
    utilitarian = greedy(election, approvals(election))
    in_greedy, in_mes = set(utilitarian), set(proportional)
    prefer_greedy = prefer_mes = 0
    for approved, _points, weight in election.groups:
        from_greedy = sum(1 for j in approved if j in in_greedy)
        from_mes = sum(1 for j in approved if j in in_mes)
        if from_greedy > from_mes:
            prefer_greedy += weight
        elif from_mes > from_greedy:
            prefer_mes += weight
    return utilitarian if prefer_greedy > prefer_mes else list(proportional)


def run_rule(
    election: Election, rule: str | None = None, *, support_source: str = SUPPORT_AUTO
) -> Outcome:
    """Run ``rule`` (default: the rule META records) on the election.

    ``support_source`` says what greedy rules rank by: ``auto`` (the PROJECTS votes or
    score column where every project has it, else the count of the ballots),
    ``counted`` or ``recorded`` (docs/pabulib.md#support). MES always counts the
    ballots."""
    name = rule or election.rule
    if not name:
        raise TallyError("the election records no rule: name one")
    if name not in RULES:
        known = ", ".join(RULES)
        raise TallyError(f"unknown rule {name!r}; the tally knows {known}")
    chosen = RULES[name](election, support_source)
    ids = tuple(election.projects[j].id for j in chosen)
    return Outcome(name, ids, election.cost_of(ids), election.budget)


def tie_break_matters(
    election: Election, rule: str | None = None, *, support_source: str = SUPPORT_AUTO
) -> bool:
    """Whether the outcome depends on the project order, the last tie-break of every
    rule: run again with the projects in reverse order and compare the funded sets."""
    first = run_rule(election, rule, support_source=support_source)
    reverse = replace(election, projects=tuple(reversed(election.projects)))
    again = run_rule(reverse, rule, support_source=support_source)
    return set(first.selected) != set(again.selected)
