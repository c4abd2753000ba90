"""What a ballot may hold, per ballot type (docs/voting.md#ballots).

``choices_clean`` checks what a voter (or an official typing a paper ballot) chose
against the consultation's options and limits, and gives the form that is stored:

- approval and knapsack: a sorted list of option ids;
- cumulative: ``{option id (text): points}``, only options with points, by id;
- ordinal: the option ids in the order ranked;
- advisory: ``{option id (text): {"stance": ..., "comment": ...}}`` for the plans the
  voter answered on.

An empty ballot is valid (a blank vote counts as turnout). The refusal names what is
wrong in plain words, with a ``code``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wijkvoucher.consultations.constants import COMMENT_MAX_LENGTH, BallotType, Stance
from wijkvoucher.core.money import format_euro


@dataclass(frozen=True)
class BallotRules:
    """The facts of a consultation a ballot is checked against."""

    ballot_type: str
    costs: Mapping[int, int | None]  # option id → cost in cents, in ballot order
    max_choices: int | None = None
    points: int | None = None
    budget_cents: int | None = None


def _refuse(message: Any, code: str, **params: Any) -> ValidationError:
    return ValidationError(message, code=code, params=params or None)


def _option_id(value: object, rules: BallotRules) -> int:
    if isinstance(value, bool):
        raise _refuse(_("This choice is not on the ballot."), "unknown_option")
    try:
        option_id = int(str(value))
    except ValueError:
        raise _refuse(
            _("This choice is not on the ballot."), "unknown_option"
        ) from None
    if option_id not in rules.costs:
        raise _refuse(_("This choice is not on the ballot."), "unknown_option")
    return option_id


def _id_list(choices: object, rules: BallotRules) -> list[int]:
    if not isinstance(choices, list | tuple):
        raise _refuse(_("The ballot could not be read."), "malformed")
    ids = [_option_id(value, rules) for value in choices]
    if len(set(ids)) != len(ids):
        raise _refuse(_("You chose one plan twice."), "duplicate_choice")
    return ids


def _at_most(ids: list[int], rules: BallotRules) -> None:
    if rules.max_choices is not None and len(ids) > rules.max_choices:
        raise _refuse(
            _("Choose at most %(count)s plans."),
            "too_many_choices",
            count=rules.max_choices,
        )


def _approval(choices: object, rules: BallotRules) -> list[int]:
    ids = _id_list(choices, rules)
    _at_most(ids, rules)
    return sorted(ids)


def _knapsack(choices: object, rules: BallotRules) -> list[int]:
    ids = _id_list(choices, rules)
    _at_most(ids, rules)
    total = sum(rules.costs[i] or 0 for i in ids)
    if rules.budget_cents is not None and total > rules.budget_cents:
        raise _refuse(
            _(
                "The plans you chose cost %(total)s together, more than the budget "
                "of %(budget)s."
            ),
            "over_budget",
            total=format_euro(total),
            budget=format_euro(rules.budget_cents),
        )
    return sorted(ids)


def _ordinal(choices: object, rules: BallotRules) -> list[int]:
    ids = _id_list(choices, rules)
    _at_most(ids, rules)
    return ids


def _points(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise _refuse(_("Give whole points, 0 or more."), "bad_points")
    try:
        points = int(value)
    except ValueError:
        raise _refuse(_("Give whole points, 0 or more."), "bad_points") from None
    if points < 0:
        raise _refuse(_("Give whole points, 0 or more."), "bad_points")
    return points


def _cumulative(choices: object, rules: BallotRules) -> dict[str, int]:
    if not isinstance(choices, Mapping):
        raise _refuse(_("The ballot could not be read."), "malformed")
    given: dict[int, int] = {}
    for key, value in choices.items():
        option_id = _option_id(key, rules)
        if option_id in given:
            raise _refuse(_("You chose one plan twice."), "duplicate_choice")
        given[option_id] = _points(value)
    total = sum(given.values())
    if rules.points is not None and total > rules.points:
        raise _refuse(
            _("You gave %(total)s points; you have %(points)s to divide."),
            "too_many_points",
            total=total,
            points=rules.points,
        )
    return {str(i): given[i] for i in sorted(given) if given[i] > 0}


def _advisory(choices: object, rules: BallotRules) -> dict[str, dict[str, str]]:
    if not isinstance(choices, Mapping):
        raise _refuse(_("The ballot could not be read."), "malformed")
    answers: dict[int, dict[str, str]] = {}
    for key, value in choices.items():
        option_id = _option_id(key, rules)
        if option_id in answers:
            raise _refuse(_("You chose one plan twice."), "duplicate_choice")
        if not isinstance(value, Mapping) or value.get("stance") not in Stance.values:
            raise _refuse(
                _("Choose for, against or neutral for each plan."), "bad_stance"
            )
        comment = value.get("comment") or ""
        if not isinstance(comment, str):
            raise _refuse(_("The ballot could not be read."), "malformed")
        comment = comment.strip()
        if len(comment) > COMMENT_MAX_LENGTH:
            raise _refuse(
                _("A comment can be at most %(count)s characters long."),
                "comment_too_long",
                count=COMMENT_MAX_LENGTH,
            )
        answers[option_id] = {"stance": str(value["stance"]), "comment": comment}
    return {str(i): answers[i] for i in sorted(answers)}


_CLEANERS = {
    BallotType.APPROVAL: _approval,
    BallotType.KNAPSACK: _knapsack,
    BallotType.CUMULATIVE: _cumulative,
    BallotType.ORDINAL: _ordinal,
    BallotType.ADVISORY: _advisory,
}


def choices_clean(choices: object, rules: BallotRules) -> Any:
    """The stored form of ``choices``, or the refusal (``ValidationError``)."""
    return _CLEANERS[BallotType(rules.ballot_type)](choices, rules)
