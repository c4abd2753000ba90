"""The same counts done by pabutools, the field's reference implementation (GPL; a
test-only dependency, never imported by the product). Used by the real-election
tests and by bench/tally.py.

Both sides get the same tie-breaking: greedy by the project order of the file, MES by
lower cost, then more approvals, then that order (docs/pabulib.md#tie-breaking).
pabutools ranks greedy by approvals counted from the ballots, so the tally's side
of a comparison counts them too (``support_source="counted"``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pabutools.election import Cost_Sat, parse_pabulib  # type: ignore[import-untyped]
from pabutools.rules import (  # type: ignore[import-untyped]
    greedy_utilitarian_welfare,
    method_of_equal_shares,
)
from pabutools.tiebreaking import TieBreakingRule  # type: ignore[import-untyped]

# The pabutools counterpart of each tally rule it has; its add-one completion starts
# at budget / voters and stops at an exhaustive outcome
# (mes.equal_shares_add_one(exact_start=True, stop_when_exhaustive=True)).
GREEDY = "greedy"
MES = "equalshares"
MES_ADD1 = "equalshares/add1 (pabutools' completion)"


def parse(path: Path) -> tuple[Any, Any]:
    """pabutools' instance and profile of a file."""
    parsed: tuple[Any, Any] = parse_pabulib(str(path))
    return parsed


def count(rule: str, instance: Any, profile: Any, position: dict[str, int]) -> set[str]:
    """The project ids pabutools funds under one of the rules above; ``position``
    gives each project id its place in the file (``Election.index``)."""
    by_order = TieBreakingRule(lambda _inst, _prof, p: position[p.name])
    if rule == GREEDY:
        outcome = greedy_utilitarian_welfare(
            instance, profile, sat_class=Cost_Sat, tie_breaking=by_order
        )
        return {project.name for project in outcome}
    approvals = {p.name: profile.approval_score(p) for p in instance}
    mes_order = TieBreakingRule(
        lambda _inst, _prof, p: (p.cost, -approvals[p.name], position[p.name])
    )
    increment = 1 if rule == MES_ADD1 else None
    outcome = method_of_equal_shares(
        instance,
        profile,
        sat_class=Cost_Sat,
        tie_breaking=mes_order,
        voter_budget_increment=increment,
    )
    return {project.name for project in outcome}
