"""The greedy rules: rank by support, fund down the list (docs/pabulib.md#the-rules).

Every rule here ranks the projects by support, highest first; equal support keeps the
project order of the election (the PROJECTS order of a file), which is the tie-break
(docs/pabulib.md#tie-breaking). Money is compared exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from wijkvoucher.tally.model import (
    WITHDRAWN_COST,
    Election,
    Number,
    TallyError,
    parse_number,
)

# META leftover_budget text of the Amsterdam files that fill the rest by score.
AMSTERDAM_FILL = "fund additional projects that fit within leftover budget"


def ranking(support: Sequence[Number]) -> list[int]:
    """Project positions by support, highest first; equal support in project order."""
    return sorted(range(len(support)), key=lambda i: -support[i])


def greedy(
    election: Election,
    support: Sequence[Number],
    *,
    skip: bool = True,
    threshold: Number | None = None,
) -> list[int]:
    """Fund down the ranking while the money lasts.

    ``skip``: a project that does not fit is passed over and the next one tried
    (``greedy``); without it the first project that does not fit ends the count
    (``greedy-no-skip``), except that a withdrawn project (cost 999999999) is passed
    over. ``threshold``: only projects with at least this support take part
    (``greedy-threshold``)."""
    left: Number = election.budget
    selected = []
    for i in ranking(support):
        if threshold is not None and support[i] < threshold:
            continue
        cost = election.projects[i].cost
        if cost <= left:
            selected.append(i)
            left -= cost
        elif not skip and cost != WITHDRAWN_COST:
            break
    return selected


def meta_threshold(election: Election) -> Number:
    """META ``min_project_score_threshold``, which ``greedy-threshold`` needs."""
    text = election.meta.get("min_project_score_threshold", "")
    if not text:
        raise TallyError("greedy-threshold needs META min_project_score_threshold")
    return parse_number(text, "META min_project_score_threshold")


def amsterdam(election: Election, support: Sequence[Number]) -> list[int]:
    """Amsterdam's neighbourhood-budget procedure (docs/pabulib.md#amsterdam).

    The projects fall into groups with a cap each: META ``budget_per_category`` over
    ``categories`` (a project's ``category``), or ``budget_per_neighborhood`` over
    ``neighborhoods`` (its ``neighborhood``); without caps, one group with the whole
    budget. Down the ranking, a group funds its projects without skipping: it stops
    at the first project that does not fit its cap or the money left. Then, only if
    META ``leftover_budget`` says to fund additional projects that fit, the rest of
    the ranking is funded greedily, skipping what does not fit."""
    group_of, caps = _amsterdam_groups(election)
    left: Number = election.budget
    stopped: set[str] = set()
    selected: list[int] = []
    order = ranking(support)
    for i in order:
        group = group_of[i]
        if group in stopped:
            continue
        cost = election.projects[i].cost
        if cost <= caps[group] and cost <= left:
            selected.append(i)
            caps[group] -= cost
            left -= cost
        else:
            stopped.add(group)
    if (
        election.meta.get("leftover_budget", "")
        .strip()
        .lower()
        .startswith(AMSTERDAM_FILL)
    ):
        chosen = set(selected)
        for i in order:
            cost = election.projects[i].cost
            if i not in chosen and cost <= left:
                selected.append(i)
                left -= cost
    return selected


def _amsterdam_groups(election: Election) -> tuple[list[str], dict[str, Number]]:
    for caps_key, names_key, column in (
        ("budget_per_category", "categories", "category"),
        ("budget_per_neighborhood", "neighborhoods", "neighborhood"),
    ):
        if not election.meta.get(caps_key):
            continue
        names = _meta_list(election, names_key)
        amounts = _meta_list(election, caps_key)
        if len(names) != len(amounts):
            raise TallyError(f"META {caps_key} and {names_key} differ in length")
        caps: dict[str, Number] = {
            name: parse_number(amount, f"META {caps_key}")
            for name, amount in zip(names, amounts, strict=True)
        }
        groups = []
        for project in election.projects:
            group = project.fields.get(column, "")
            if group not in caps:
                raise TallyError(
                    f"project {project.id} has {column} {group!r}, "
                    f"which META {names_key} does not list"
                )
            groups.append(group)
        return groups, caps
    return [""] * len(election.projects), {"": Fraction(election.budget)}


def _meta_list(election: Election, key: str) -> list[str]:
    text = election.meta.get(key, "")
    if not text:
        raise TallyError(f"META has no {key}")
    return [part.strip() for part in text.split(",")]
