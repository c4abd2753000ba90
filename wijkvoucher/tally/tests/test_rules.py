"""Each rule on an election small enough to count by hand (docs/pabulib.md#the-rules)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from wijkvoucher.tally import TallyError, make_election, run_rule, tie_break_matters
from wijkvoucher.tally.model import Project

# Budget 10; a: 6 (3 votes), b: 5 (2 votes), c: 4 (1 vote).
LADDER = make_election(
    [("a", 6, "A"), ("b", 5, "B"), ("c", 4, "C")],
    [["a", "b", "c"], ["a", "b"], ["a"]],
    budget=10,
    meta={"min_project_score_threshold": "2"},
)


@pytest.mark.parametrize(
    ("rule", "selected"),
    [
        ("greedy", ("a", "c")),
        ("greedy-no-skip", ("a",)),
        ("greedy-threshold", ("a",)),
        ("amsterdam", ("a",)),
    ],
)
def test_the_greedy_rules_fund_down_the_ranking(
    rule: str, selected: tuple[str, ...]
) -> None:
    # when
    outcome = run_rule(LADDER, rule)

    # then
    assert outcome.selected == selected
    assert outcome.cost == sum(LADDER.project(p).cost for p in selected)
    assert outcome.budget == 10


def test_amsterdam_fills_the_leftover_only_when_meta_says_so() -> None:
    # given
    meta = dict(
        LADDER.meta,
        leftover_budget="Fund additional projects that fit "
        "within leftover budget ordered by score",
    )
    election = make_election(LADDER.projects, LADDER.ballots, budget=10, meta=meta)

    # when / then
    assert run_rule(election, "amsterdam").selected == ("a", "c")


def test_amsterdam_caps_each_category_without_skipping() -> None:
    # given: two categories with caps 7 and 5; in "groen" a (6) fits, b (5) does
    # not and stops the category, so c (4) is not reached; "sport" takes d.
    projects = [("a", 6, ""), ("b", 5, ""), ("c", 1, ""), ("d", 5, "")]
    categories = {"a": "groen", "b": "groen", "c": "groen", "d": "sport"}
    election = make_election(
        [_with_field(p, "category", categories[p[0]]) for p in projects],
        [["a", "b", "c", "d"], ["a", "b", "c"], ["a", "b"], ["a"]],
        budget=20,
        meta={"categories": "groen,sport", "budget_per_category": "7,5"},
    )

    # when
    outcome = run_rule(election, "amsterdam")

    # then
    assert outcome.selected == ("a", "d")


def _with_field(project: tuple[str, int, str], key: str, value: str) -> Project:
    return Project(project[0], project[1], project[2], {key: value})


def test_withdrawn_projects_do_not_stop_greedy_no_skip() -> None:
    # given
    election = make_election(
        [("x", 999_999_999, "Withdrawn"), ("a", 6, "A"), ("b", 3, "B")],
        [["x", "a", "b"], ["x", "a"], ["x"]],
        budget=10,
    )

    # when / then
    assert run_rule(election, "greedy-no-skip").selected == ("a", "b")


# Budget 1000, three voters with 1000/3 each. p1 (600) and p2 (500) need the same
# share per unit of utility (300/600 = 250/500), so the cheaper p2 goes first; then
# voter 1 and voter 2's 83.33 cannot pay p1. Greedy funds p1 (tied on votes, first in
# order). With add-one, p1 becomes affordable at 425 per voter, when p2 + p1 would
# cost 1100 > 1000: the outcome stays p2.
TWO = make_election(
    [("p1", 600, "Speeltuin"), ("p2", 500, "Bankjes")],
    [["p1"], ["p1", "p2"], ["p2"]],
    budget=1000,
)


@pytest.mark.parametrize(
    ("rule", "selected"),
    [
        ("greedy", ("p1",)),
        ("equalshares", ("p2",)),
        ("equalshares/add1", ("p2",)),
        # One voter prefers greedy, one MES: no majority for greedy, MES stays.
        ("equalshares-comparison", ("p2",)),
        ("equalshares/add1-comparison", ("p2",)),
    ],
)
def test_equal_shares_against_greedy(rule: str, selected: tuple[str, ...]) -> None:
    # when / then
    assert run_rule(TWO, rule).selected == selected


def test_add_one_raises_the_voter_budget_until_the_next_outcome_overspends() -> None:
    # given: 4 voters, budget 100: 25 each. p (60) has 2 approvers: 50 < 60, so plain
    # MES funds only q (40, 2 approvers, 20 each). From 30 per voter p is affordable
    # (30 + 30 = 60) and p + q = 100 fits the budget.
    election = make_election(
        [("p", 60, ""), ("q", 40, "")],
        [["p"], ["p"], ["q"], ["q"]],
        budget=100,
    )

    # when / then
    assert run_rule(election, "equalshares").selected == ("q",)
    assert set(run_rule(election, "equalshares/add1").selected) == {"p", "q"}


def test_comparison_keeps_greedy_when_more_voters_prefer_it() -> None:
    # given: 25 per voter; three voters buy "big" (20 each); voter 4 alone cannot
    # pay "mid" (40), so MES leaves 40 unspent, which greedy spends on "mid".
    election = make_election(
        [("big", 60, ""), ("mid", 40, "")],
        [["big"], ["big"], ["big"], ["mid"]],
        budget=100,
    )

    # when
    mes = run_rule(election, "equalshares")
    compared = run_rule(election, "equalshares-comparison")

    # then: voter 4 is better off with greedy, nobody with MES
    assert mes.selected == ("big",)
    assert compared.selected == ("big", "mid")


def test_mes_pays_exactly_with_fractions() -> None:
    # given: a budget of 1/3 of a cent per voter is not a float
    election = make_election(
        [("a", Fraction(1, 3), ""), ("b", Fraction(2, 3), "")],
        [["a"], ["b"], ["b"]],
        budget=1,
    )

    # when / then: every voter has exactly 1/3; both projects are paid to the cent
    assert set(run_rule(election, "equalshares").selected) == {"a", "b"}


def test_a_tie_decided_by_the_project_order_is_detected() -> None:
    # when / then
    assert tie_break_matters(TWO, "greedy")
    assert not tie_break_matters(LADDER, "greedy")


@pytest.mark.parametrize("rule", ["greedy", "equalshares", "equalshares/add1"])
def test_an_election_without_ballots_funds_nothing_by_mes(rule: str) -> None:
    # given
    election = make_election([("a", 5, "")], [], budget=10)

    # when
    outcome = run_rule(election, rule)

    # then: greedy funds what fits (support 0 for everyone), MES what someone wants
    assert outcome.selected == (("a",) if rule == "greedy" else ())


def test_unknown_rules_and_ballots_are_refused() -> None:
    # when / then
    with pytest.raises(TallyError, match="unknown rule"):
        run_rule(LADDER, "dictator")
    with pytest.raises(TallyError, match="unknown project z"):
        make_election([("a", 1, "")], [["z"]], budget=1)
