"""Properties that hold for every election (Hypothesis), and the fast MES against a
plain exact one, voter by voter in Fraction (docs/pabulib.md#the-method-of-equal-shares)."""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Any
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from wijkvoucher.tally import (
    Ballot,
    Election,
    Project,
    format_pb,
    make_election,
    mes,
    parse_pb,
    run_rule,
)
from wijkvoucher.tally.mes import EqualShares, equal_shares_add_one
from wijkvoucher.tally.support import approvals

RULES = [
    "greedy",
    "greedy-no-skip",
    "greedy-threshold",
    "amsterdam",
    "equalshares",
    "equalshares/add1",
    "equalshares-comparison",
    "equalshares/add1-comparison",
]


@st.composite
def elections(draw: st.DrawFn, max_projects: int = 6, max_voters: int = 12) -> Election:
    """Small approval elections with few distinct costs, so that ties are common."""
    count = draw(st.integers(1, max_projects))
    costs = draw(
        st.lists(st.sampled_from([1, 2, 3, 5, 8, 10]), min_size=count, max_size=count)
    )
    ids = [f"p{i}" for i in range(count)]
    ballots = draw(
        st.lists(
            st.lists(st.sampled_from(ids), unique=True, max_size=count),
            max_size=max_voters,
        )
    )
    budget = draw(st.integers(0, sum(costs) + 2))
    return make_election(
        [(i, c, "") for i, c in zip(ids, costs, strict=True)],
        ballots,
        budget=budget,
        meta={"min_project_score_threshold": str(draw(st.integers(0, 3)))},
    )


def naive_mes(election: Election, share: Fraction) -> list[int]:
    """MES as its definition reads: every voter's budget in Fraction, every round
    every project, the lowest alpha / cost, ties to lower cost, more approvals, order."""
    index = election.index
    ballots = [{index[p] for p in ballot.projects} for ballot in election.ballots]
    budgets = [share] * len(ballots)
    counts = approvals(election)
    costs = [Fraction(p.cost) for p in election.projects]
    chosen = [j for j, c in enumerate(costs) if c == 0 and counts[j] and share > 0]
    while True:
        best: tuple[Fraction, Fraction, int, int] | None = None
        for j, cost in enumerate(costs):
            if j in chosen or counts[j] == 0 or cost == 0:
                continue
            payers = sorted(budgets[i] for i, b in enumerate(ballots) if j in b)
            if sum(payers) < cost:
                continue
            remaining, left = cost, len(payers)
            for money in payers:
                if money * left >= remaining:
                    alpha = remaining / left
                    break
                remaining -= money
                left -= 1
            key = (alpha / cost, cost, -counts[j], j)
            best = key if best is None or key < best else best
        if best is None:
            return chosen
        j = best[3]
        alpha = best[0] * costs[j]
        chosen.append(j)
        for i, ballot in enumerate(ballots):
            if j in ballot:
                budgets[i] -= min(budgets[i], alpha)


@settings(max_examples=300, deadline=None)
@given(elections(), st.integers(0, 12))
def test_the_fast_mes_is_the_exact_mes(election: Election, extra: int) -> None:
    # given
    if not election.ballots:
        return
    share = Fraction(election.budget) / len(election.ballots) + extra

    # when / then
    assert EqualShares(election).run(share) == naive_mes(election, share)


def every_project_screened() -> Any:
    """The cheaper looks of MES (``_floor``, ``_screen``) on for every project, not
    only for those approved by many ballots of one voter, as in large elections."""
    return mock.patch.multiple(mes, _WIDE=0, _FEW_HEAVY=0, _DEAR=10**9)


@settings(max_examples=300, deadline=None)
@given(elections(max_projects=12, max_voters=60), st.integers(0, 12))
def test_the_cheaper_looks_keep_mes_exact(election: Election, extra: int) -> None:
    # given
    if not election.ballots:
        return
    share = Fraction(election.budget) / len(election.ballots) + extra

    # when
    with every_project_screened():
        funded = EqualShares(election).run(share)

    # then
    assert funded == naive_mes(election, share)


def naive_add_one(
    election: Election, *, exact_start: bool, stop_when_exhaustive: bool
) -> list[int]:
    """The add-one completion as docs/pabulib.md#add-one defines it, every step a
    run of ``naive_mes``."""
    if not election.ballots:
        return []
    costs = [p.cost for p in election.projects]
    approved = [j for j, n in enumerate(approvals(election)) if n]
    budget = election.budget
    if sum(costs[j] for j in approved) <= budget:
        return naive_mes(election, Fraction(sum(costs[j] for j in approved) + 1))
    share = Fraction(budget) / len(election.ballots)
    if not exact_start:
        share = Fraction(share.numerator // share.denominator)
    outcome = naive_mes(election, share)
    while True:
        left = budget - sum(costs[j] for j in outcome)
        if len(outcome) == len(approved) or (
            stop_when_exhaustive
            and all(costs[j] > left for j in approved if j not in outcome)
        ):
            return outcome
        share += 1
        following = naive_mes(election, share)
        if sum(costs[j] for j in following) > budget:
            return outcome
        outcome = following


@settings(max_examples=150, deadline=None)
@given(elections(max_projects=10, max_voters=40), st.booleans(), st.booleans())
def test_the_add_one_completion_is_the_exact_one(
    election: Election, screened: bool, pabutools_variant: bool
) -> None:
    # given
    variant = {
        "exact_start": pabutools_variant,
        "stop_when_exhaustive": pabutools_variant,
    }

    # when
    if screened:
        with every_project_screened():
            funded = equal_shares_add_one(election, **variant)
    else:
        funded = equal_shares_add_one(election, **variant)

    # then
    assert funded == naive_add_one(election, **variant)


@settings(max_examples=150, deadline=None)
@given(elections())
def test_no_rule_spends_more_than_the_budget(election: Election) -> None:
    for rule in RULES:
        # when
        outcome = run_rule(election, rule)

        # then
        assert outcome.cost <= election.budget
        assert len(set(outcome.selected)) == len(outcome.selected)


@settings(max_examples=150, deadline=None)
@given(elections(), st.integers(0, 20))
def test_more_money_never_shortens_greedy_without_skipping(
    election: Election, more: int
) -> None:
    # given
    richer = make_election(
        election.projects, election.ballots, budget=election.budget + more
    )

    # when
    before = run_rule(election, "greedy-no-skip").selected
    after = run_rule(richer, "greedy-no-skip").selected

    # then: the funded projects are a prefix of the ranking, which only grows
    assert after[: len(before)] == before
    # and greedy with skipping funds that prefix too, and more
    assert run_rule(election, "greedy").selected[: len(before)] == before


@settings(max_examples=150, deadline=None)
@given(elections(), st.randoms(use_true_random=False))
def test_the_ballot_order_does_not_change_mes(
    election: Election, shuffle: random.Random
) -> None:
    # given
    ballots = list(election.ballots)
    shuffle.shuffle(ballots)
    shuffled = make_election(election.projects, ballots, budget=election.budget)

    # when / then
    for rule in ("equalshares", "equalshares/add1"):
        assert run_rule(shuffled, rule) == run_rule(election, rule)


@settings(max_examples=100, deadline=None)
@given(elections())
def test_pabutools_completion_stops_no_later_than_the_checkers(
    election: Election,
) -> None:
    # when
    checker = equal_shares_add_one(election)
    exhaustive_stop = equal_shares_add_one(election, stop_when_exhaustive=True)

    # then: both are within the budget; stopping early never funds more
    assert election.cost_of(election.projects[j].id for j in exhaustive_stop) <= (
        election.budget
    )
    assert election.cost_of(election.projects[j].id for j in checker) <= election.budget


TEXT = (
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12)
    .map(str.strip)
    .filter(bool)
)
MONEY = st.one_of(
    st.integers(0, 10**9),
    st.decimals(0, 10**6, places=2, allow_nan=False).map(Fraction),
)


@st.composite
def stored_elections(draw: st.DrawFn) -> Election:
    """Elections with names, extra columns and points in all their awkwardness."""
    count = draw(st.integers(1, 5))
    ids = draw(
        st.lists(
            TEXT.filter(lambda s: "," not in s and ";" not in s and '"' not in s),
            min_size=count,
            max_size=count,
            unique=True,
        )
    )
    projects = [
        Project(
            i,
            draw(MONEY),
            draw(TEXT),
            draw(
                st.dictionaries(
                    st.sampled_from(["votes", "category", "selected"]), TEXT, max_size=2
                )
            ),
        )
        for i in ids
    ]
    cumulative = draw(st.booleans())
    ballots = []
    for number in range(draw(st.integers(0, 6))):
        chosen = tuple(draw(st.lists(st.sampled_from(ids), unique=True)))
        points = tuple(draw(st.integers(1, 9)) for _ in chosen) if cumulative else None
        fields = draw(
            st.dictionaries(st.sampled_from(["age", "sex"]), TEXT, max_size=2)
        )
        ballots.append(Ballot(f"v{number}", chosen, points, fields))
    return make_election(
        projects,
        ballots,
        budget=draw(MONEY),
        vote_type="cumulative" if cumulative else "approval",
        meta={"description": draw(TEXT), "comment": draw(TEXT)},
    )


@settings(max_examples=200, deadline=None)
@given(stored_elections())
def test_writing_then_reading_gives_the_same_election(election: Election) -> None:
    # when / then
    assert parse_pb(format_pb(election)) == election
