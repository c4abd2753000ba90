"""Counting a consultation's ballots (docs/voting.md#the-result): a budget vote with a
rule of ``wijkvoucher.tally``, an advisory poll by counting stances.

The tally gets the options as projects in ballot order (its last tie-break) with their
costs and the budget **in euros**, exactly (``Fraction``): the add-one completion of
the Method of Equal Shares steps one currency unit at a time (docs/pabulib.md#add-one).
The stored result gives money in cents again."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wijkvoucher.consultations.constants import BallotType, Stance
from wijkvoucher.tally import RULES, Election, TallyError, make_election, run_rule
from wijkvoucher.tally import Ballot as TallyBallot
from wijkvoucher.tally.rules import (
    EQUAL_SHARES,
    EQUAL_SHARES_ADD1,
    EQUAL_SHARES_ADD1_COMPARISON,
    EQUAL_SHARES_COMPARISON,
    GREEDY_THRESHOLD,
    tie_break_matters,
)
from wijkvoucher.tally.support import SUPPORT_COUNTED, support

# The Method of Equal Shares counts approval ballots only.
APPROVAL_ONLY_RULES = frozenset(
    {
        EQUAL_SHARES,
        EQUAL_SHARES_ADD1,
        EQUAL_SHARES_COMPARISON,
        EQUAL_SHARES_ADD1_COMPARISON,
    }
)
# A rule that needs a number the consultation does not hold (a support threshold).
UNUSABLE_RULES = frozenset({GREEDY_THRESHOLD})
APPROVAL_BALLOTS = frozenset({BallotType.APPROVAL, BallotType.KNAPSACK})
_VOTE_TYPES = {
    BallotType.APPROVAL: "approval",
    BallotType.KNAPSACK: "approval",
    BallotType.CUMULATIVE: "cumulative",
    BallotType.ORDINAL: "ordinal",
}


def rules_for(ballot_type: str) -> list[str]:
    """The tally rules a budget vote with ``ballot_type`` can be counted with."""
    return [name for name in RULES if rule_refusal(name, ballot_type) is None]


def rule_refusal(rule: str, ballot_type: str) -> ValidationError | None:
    if rule not in RULES or rule in UNUSABLE_RULES:
        return ValidationError(
            _("The counting rule %(rule)s cannot be used here."),
            code="unknown_rule",
            params={"rule": rule},
        )
    if rule in APPROVAL_ONLY_RULES and ballot_type not in APPROVAL_BALLOTS:
        return ValidationError(
            _(
                "The Method of Equal Shares counts ballots that choose plans, not "
                "points or rankings."
            ),
            code="rule_does_not_fit",
        )
    return None


@dataclass(frozen=True)
class OptionFacts:
    id: int
    title: str
    cost_cents: int


def _euros(cents: int) -> Fraction:
    return Fraction(cents, 100)


def _ballot(number: int, ballot_type: str, choices: Any) -> Sequence[str] | TallyBallot:
    if ballot_type == BallotType.CUMULATIVE:
        ids = tuple(choices)
        return TallyBallot(str(number), ids, tuple(int(choices[key]) for key in ids))
    return [str(option_id) for option_id in choices]


def election_of(
    *,
    ballot_type: str,
    options: Sequence[OptionFacts],
    ballots: Iterable[Any],
    budget_cents: int,
    max_choices: int | None,
    points: int | None,
    rule: str,
) -> Election:
    """The tally's election of a budget vote: options in ballot order, money in euros."""
    meta = {"unit": "EUR"}
    if ballot_type == BallotType.ORDINAL:
        meta["max_length"] = str(max_choices or len(options))
    if ballot_type == BallotType.CUMULATIVE and points:
        meta["max_sum_points"] = str(points)
    return make_election(
        [(str(o.id), _euros(o.cost_cents), o.title) for o in options],
        [
            _ballot(number, ballot_type, choices)
            for number, choices in enumerate(ballots, start=1)
        ],
        budget=_euros(budget_cents),
        vote_type=_VOTE_TYPES[BallotType(ballot_type)],
        rule=rule,
        meta=meta,
    )


def _supported(election: Election, counted: Sequence[Any]) -> Election:
    """The election without the options nobody voted for: greedy rules would fund
    them if money were left, and the wijk did not ask for them."""
    keep = [p for p, value in zip(election.projects, counted, strict=True) if value > 0]
    if len(keep) == len(election.projects):
        return election
    return make_election(
        keep,
        election.ballots,
        budget=election.budget,
        vote_type=election.vote_type,
        meta={
            key: value
            for key, value in election.meta.items()
            if key not in ("num_projects", "num_votes")
        },
    )


def budget_result(election: Election, rule: str, budget_cents: int) -> dict[str, Any]:
    """Run ``rule`` over the options that got a vote; the result as stored: option
    ids funded in the order the rule chose them, their cost and the budget in cents,
    each option's votes or points, the options left out for want of a vote, the
    number of ballots and whether a tie decided."""
    counted = support(election, SUPPORT_COUNTED)
    counting = _supported(election, counted)
    try:
        outcome = run_rule(counting, rule, support_source=SUPPORT_COUNTED)
        tied = tie_break_matters(counting, rule, support_source=SUPPORT_COUNTED)
    except TallyError as exc:
        raise ValidationError(
            _("The ballots could not be counted: %(reason)s"),
            code="tally_failed",
            params={"reason": str(exc)},
        ) from exc
    return {
        "rule": outcome.rule,
        "selected": [int(project_id) for project_id in outcome.selected],
        "cost": int(Fraction(outcome.cost) * 100),
        "budget": budget_cents,
        "votes": {
            project.id: int(value)
            for project, value in zip(election.projects, counted, strict=True)
        },
        "unsupported": [
            int(p.id)
            for p, value in zip(election.projects, counted, strict=True)
            if value <= 0
        ],
        "ballots": len(election.ballots),
        "tie_break_matters": tied,
    }


def poll_result(option_ids: Sequence[int], ballots: Iterable[Any]) -> dict[str, Any]:
    """Per plan: how many were for, against and neutral, and the comments (sorted,
    so that their order says nothing about who wrote them)."""
    counts = {str(i): dict.fromkeys(Stance.values, 0) for i in option_ids}
    comments: dict[str, list[str]] = {str(i): [] for i in option_ids}
    total = 0
    for choices in ballots:
        total += 1
        for key, answer in choices.items():
            counts[key][answer["stance"]] += 1
            if answer.get("comment"):
                comments[key].append(answer["comment"])
    return {
        "options": counts,
        "comments": {key: sorted(texts) for key, texts in comments.items()},
        "ballots": total,
    }
