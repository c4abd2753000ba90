"""The Method of Equal Shares with cost utilities, and its add-one completion
(docs/pabulib.md#the-method-of-equal-shares).

Every voter starts with the same budget ``b``. A project is affordable when its
approvers together still have its cost; they pay it as equally as they can: each pays
``min(budget, alpha)`` for the ``alpha`` at which the payments add up to the cost.
With cost utilities a voter's utility for a project is its cost, so the next project
bought is the affordable one with the lowest ``alpha / cost`` (the highest "effective
vote count" ``cost / alpha``). Ties: lower cost, then more approvals, then the project
order of the election.

How it is fast and still exact: a voter's budget is ``max(0, b - sum of the alphas of
the bought projects she approves)``, so voters who approve the same bought projects
have the same budget. The count keeps the *type* of each group of identical ballots,
counts a project's approvers per type only when it estimates that project, and
computes with floating point, which is fast. Every decision
whose floating-point margin is within a proven error bound (two projects nearly tied,
a project that nearly fits) is taken again with ``Fraction``; the alphas and budgets
that payments change are always ``Fraction``. So the outcome is the one exact
arithmetic gives. A project's ``alpha / cost`` only grows as budgets shrink, so a value
computed in an earlier round is a lower bound, and only the projects whose bound could
still beat the best are computed again (the lazy order of equalshares.net). Where that
computation is dear (a project approved by many different ballots), cheaper proven
bounds from the budgets of its approvers' groups settle first whether it can still win.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from itertools import accumulate, repeat
from operator import add, itemgetter, mul, sub

from wijkvoucher.tally.model import (
    APPROVAL_LIKE,
    Election,
    Number,
    TallyError,
    no_gc,
)

# How much larger a voter budget a layout of the ballots is made for.
_LOOKAHEAD = Fraction(5, 4)
# A float's relative rounding error (2**-53), with room to spare.
_EPS = 2.0**-50
# A project is "wide" when at least this many groups of one voter approve it (and few
# heavier groups), and "dear" to estimate when it is wide and its approvers were of at
# least a third as many types as it has such groups when it was last estimated: only
# there do the cheaper looks of ``_Run._choose`` (``_floor``, ``_screen``) pay;
# elsewhere an estimate costs about as little.
_WIDE = 64
_FEW_HEAVY = 8  # wide: at most one heavier group per this many of one voter
_DEAR = 3
# What ``_Run._screen`` finds.
_GONE, _OPEN, _BEATEN, _BOUNDED = range(4)


class EqualShares:
    """One election prepared for runs of MES with different voter budgets: identical
    ballots merged into weighted groups.

    A project whose approvers together cannot pay for it at the start of a run
    (approvals × voter budget < cost) is never bought in that run and changes no
    one's budget, so a run leaves it out of the ballots; ballots that then agree
    merge. On Łódź 2022 that shrinks 23,571 groups to between 2,637 and 10,068."""

    def __init__(self, election: Election) -> None:
        if election.vote_type not in APPROVAL_LIKE:
            raise TallyError(
                "the Method of Equal Shares counts approval and choose-1 ballots, "
                f"not {election.vote_type}"
            )
        with no_gc():  # many new tuples and lists, none in a cycle
            groups = election.groups
            weights: dict[tuple[int, ...], int] = {}
            for projects, _points, weight in groups:
                key = tuple(sorted(projects))
                weights[key] = weights.get(key, 0) + weight
        self.election = election
        self.voters = len(election.ballots)
        self.ballots = weights
        self.costs: list[Number] = [p.cost for p in election.projects]
        self.float_costs = [float(c) for c in self.costs]
        # Every ballot its own group: the layout of a run in which all can be bought.
        with no_gc():
            self.whole = _Groups(weights, len(self.costs))
        self.approvals = [
            len(single) + sum(w for _, w in heavy)
            for single, heavy in zip(self.whole.single, self.whole.heavy, strict=True)
        ]
        self._layout: Layout | None = None

    def approved(self) -> list[int]:
        """The projects at least one voter approves: those MES can fund."""
        return [j for j, n in enumerate(self.approvals) if n > 0]

    def run(self, voter_budget: Number, *, once: bool = False) -> list[int]:
        """The projects MES funds when every voter starts with ``voter_budget``, in the
        order it funds them. ``once``: no other run follows, so the ballots are not
        merged again for it (merging pays off over the many runs of add-one)."""
        budget = Fraction(voter_budget)
        layout = self._layout
        if layout is None or not layout.covers(budget):
            # Made for a somewhat larger budget too, so that the add-one steps that
            # follow can use it: a project that cannot be bought only costs a check.
            most = math.inf if once else budget * _LOOKAHEAD
            with no_gc():
                layout = self._layout = Layout(self, most)
        with no_gc():
            return _Run(self, layout, budget).result()


class _Groups:
    """Groups of ballots (each with its weight) and, per project, its groups: those
    of weight 1 (with a function that reads their values out of a list in one call)
    and the heavier ones with their weights."""

    def __init__(self, merged: dict[tuple[int, ...], int], count: int) -> None:
        self.groups = list(merged)
        self.weights = list(merged.values())
        self.single: list[list[int]] = [[] for _ in range(count)]
        self.heavy: list[list[tuple[int, int]]] = [[] for _ in range(count)]
        add_single = [groups.append for groups in self.single]
        add_heavy = [groups.append for groups in self.heavy]
        for g, (projects, weight) in enumerate(merged.items()):
            if weight == 1:
                for j in projects:
                    add_single[j](g)
            else:
                pair = (g, weight)
                for j in projects:
                    add_heavy[j](pair)
        self.read_single: list[Callable[[Sequence[int]], tuple[int, ...]]] = [
            _reader(groups) for groups in self.single
        ]
        self.wide = [
            len(single) >= _WIDE and _FEW_HEAVY * len(heavy) <= len(single)
            for single, heavy in zip(self.single, self.heavy, strict=True)
        ]


class Layout:
    """The ballots of the projects that can be bought in a run, merged into groups,
    and each project's groups."""

    def __init__(self, mes: EqualShares, most: Fraction | float) -> None:
        live = {
            j
            for j, n in enumerate(mes.approvals)
            if n and (mes.costs[j] == 0 or n * most >= mes.costs[j])
        }
        self.most = most
        self.live = sorted(live)
        if len(live) == sum(1 for n in mes.approvals if n) or most == math.inf:
            # The groups of the whole election: a group that also approves projects
            # no one can buy in the run is counted as it is.
            self.groups: _Groups = mes.whole
            return
        merged: dict[tuple[int, ...], int] = {}
        for projects, weight in mes.ballots.items():
            key = tuple(filter(live.__contains__, projects))
            if key:
                merged[key] = merged.get(key, 0) + weight
        self.groups = _Groups(merged, len(mes.costs))

    def covers(self, budget: Fraction) -> bool:
        """Whether the layout holds every project a run with this voter budget can
        buy."""
        return budget <= self.most


def _none(values: Sequence[int]) -> tuple[int, ...]:
    return ()


def _reader(positions: list[int]) -> Callable[[Sequence[int]], tuple[int, ...]]:
    """A function that gives the values at ``positions`` of a list."""
    if not positions:
        return _none
    if len(positions) == 1:
        only = positions[0]
        return lambda values: (values[only],)
    return itemgetter(*positions)


class _Queue:
    """Projects in the order of their lower bounds: a sorted list, and a heap of
    those whose bounds were raised since."""

    def __init__(self, ordered: list[int], low: list[float]) -> None:
        self.ordered = iter(ordered)
        self.upcoming = next(self.ordered, None)
        self.low = low
        self.later: list[tuple[float, int]] = []

    def pop(self, most: float) -> tuple[float, int] | None:
        """The next project and its bound, unless that bound exceeds ``most``."""
        later, upcoming, low = self.later, self.upcoming, self.low
        if later and (upcoming is None or later[0][0] <= low[upcoming]):
            return heapq.heappop(later) if later[0][0] <= most else None
        if upcoming is None or low[upcoming] > most:
            return None
        self.upcoming = next(self.ordered, None)
        return low[upcoming], upcoming

    def push(self, j: int) -> None:
        """Take ``j`` up again, in the place of its raised bound."""
        heapq.heappush(self.later, (self.low[j], j))


class _Run:
    """One run of MES (docs/pabulib.md#the-method-of-equal-shares).

    Budgets and alphas are floats with a proven bound on their error; the exact
    ``Fraction`` of a budget or an alpha is worked out only when a decision falls
    within those bounds, from the records each purchase keeps."""

    def __init__(self, mes: EqualShares, layout: Layout, budget: Fraction) -> None:
        self.mes = mes
        self.layout = layout
        self.budget = budget
        # Type 0: voters who paid nothing; type 1: voters with no money left.
        start = float(budget)
        self.float_budget = [start, 0.0]
        self.error = [abs(start) * _EPS, 0.0]
        self.max_error = self.error[0]  # the largest of ``error``
        self.parent = [0, 1]
        self.bought_by = [-1, -1]
        self.exact_budget: dict[int, Fraction] = {0: budget, 1: Fraction(0)}
        self.groups = layout.groups
        self.group_type = [0] * len(layout.groups.groups)
        count = len(mes.costs)
        self.active = [False] * count
        # Per project: its approvers' weight per type when it was last estimated.
        self.per_type: list[dict[int, int]] = [{} for _ in range(count)]
        self.paid_by: dict[
            int, Mapping[int, int]
        ] = {}  # project → its types when bought
        self.exact_alpha: dict[int, Fraction] = {}
        self.low = [0.0] * count  # a lower bound of alpha / cost
        self.high = [0.0] * count  # an upper bound, once computed
        self.alpha = [0.0] * count
        self.alpha_error = [0.0] * count
        self.selected: list[int] = []
        for j in layout.live:
            if budget == 0:
                continue
            if mes.costs[j] == 0:
                self.selected.append(j)  # free and wanted: funded at once
                continue
            self.active[j] = True
            self.low[j] = (1.0 - _EPS) / mes.approvals[j]

    def result(self) -> list[int]:
        candidates = [j for j in range(len(self.mes.costs)) if self.active[j]]
        while candidates:
            candidates.sort(key=lambda j: self.low[j])
            chosen = self._choose(candidates)
            if chosen is None:
                break
            candidates.remove(chosen)
            self._buy(chosen)
        return self.selected

    def _choose(self, candidates: list[int]) -> int | None:
        """The project to buy next of ``candidates`` (sorted by ``low``), or ``None``;
        drops the projects that can no longer be bought."""
        fresh, best = self._take_up(candidates)
        near = [j for j in fresh if self.low[j] <= best]
        if len(near) <= 1:
            return near[0] if near else None
        mes = self.mes
        exact = {j: self._alpha_now(j) for j in near}
        for j in near:
            self.alpha[j], self.alpha_error[j] = float(exact[j]), 0.0
        return min(
            near,
            key=lambda j: (exact[j] / mes.costs[j], mes.costs[j], -mes.approvals[j], j),
        )

    def _take_up(self, candidates: list[int]) -> tuple[list[int], float]:
        """The projects estimated in this round, and the lowest of their upper
        bounds: every other candidate is surely worse than one of them.

        Projects are taken up in the order of their lower bounds, until the next bound
        exceeds the lowest upper bound so far. A project that is dear to estimate is
        first given its cheap floor (``_floor``) and, if that moves it back, taken up
        again in its new place; then it is screened (``_screen``), and estimated
        (``_estimate``) only if it may still win."""
        low, wide, single = self.low, self.groups.wide, self.groups.single
        best = math.inf  # the lowest upper bound so far
        fresh: list[int] = []  # estimated in this round
        screened: list[int] = []  # bounded by ``_screen`` in this round
        queue = _Queue(list(candidates), low)
        floored: set[int] = set()
        while (taken := queue.pop(best)) is not None:
            bound, j = taken
            # Its types when last estimated; if never, the types of the run so far.
            types = len(self.per_type[j]) or len(self.float_budget)
            dear = wide[j] and _DEAR * types >= len(single[j])
            if dear and j not in floored:
                floored.add(j)
                if self._floor(j) and low[j] > bound:
                    queue.push(j)
                    continue
            verdict = self._screen(j, best) if dear else _OPEN
            if verdict == _BEATEN:
                continue
            if verdict == _BOUNDED:
                screened.append(j)
            elif verdict == _GONE or not self._estimate(j):
                candidates.remove(j)
                self.active[j] = False
                continue
            else:
                fresh.append(j)
            best = min(best, self.high[j])
        # A screened project that may still win is estimated after all: the choice
        # among the near ones needs its types.
        while pending := [j for j in screened if low[j] <= best]:
            for j in pending:
                screened.remove(j)
                if self._estimate(j):
                    fresh.append(j)
                    best = min(best, self.high[j])
        return fresh, best

    def _floor(self, j: int) -> bool:
        """Raise the lower bound of ``alpha / cost`` of project ``j`` to one over the
        weight of its approvers with money left (each pays at most ``alpha``, so
        ``alpha`` is at least the cost over that weight); counting the voters with no
        money left (type 1) takes one pass in C. Whether it raised the bound; when
        none has money left the bound becomes infinite."""
        groups, group_type = self.groups, self.group_type
        broke = groups.read_single[j](group_type).count(1)
        for g, w in groups.heavy[j]:
            if group_type[g] == 1:
                broke += w
        left = self.mes.approvals[j] - broke
        floor = (1.0 - _EPS) / left if left > 0 else math.inf
        if floor <= self.low[j]:
            return False
        self.low[j] = floor
        return True

    def _screen(self, j: int, best: float) -> int:
        """A look at a wide project ``j`` that is cheaper than an estimate: ``_GONE``
        when its approvers surely cannot pay it any more, ``_BEATEN`` when its
        ``alpha / cost`` is surely above ``best`` (its lower bound is raised), else
        ``_OPEN``.

        The budgets of its approvers' groups are read and summed in C, without
        counting the types, with the largest error bound of the run for each. When
        an estimate of ``j`` would be dear (its approvers were of many types) and
        ``best`` is known, they are also sorted: ``alpha`` exceeds a level when the
        payments at that level fall short of the cost."""
        groups = self.groups
        group_type, budget = self.group_type, self.float_budget
        budgets = list(map(budget.__getitem__, groups.read_single[j](group_type)))
        for g, w in groups.heavy[j]:
            budgets.extend(repeat(budget[group_type[g]], w))
        count = len(budgets)
        cost = self.mes.float_costs[j]
        money = sum(budgets)
        # Sums of the budgets are off by at most their errors plus the rounding of
        # n additions.
        off = self.max_error * count * (1 + _EPS) + _EPS * (count + 4) * max(
            money, cost
        )
        if money + off < cost:
            return _GONE
        budgets.sort()
        paid = list(accumulate(budgets, initial=0.0))  # paid[i]: all of the poorest i

        def short(level: float) -> bool:
            """Whether the payments at ``level`` surely fall short of the cost."""
            poorer = bisect_left(budgets, level)
            return paid[poorer] + level * (count - poorer) + off < cost

        # The float alpha: the first voter who can pay it in full is rich.
        rich = bisect_left(
            range(count), cost, key=lambda i: paid[i] + budgets[i] * (count - i)
        )
        if rich == count:
            return _OPEN
        alpha = (cost - paid[rich]) / (count - rich)
        margin = 2 * off / (count - rich)
        level = alpha - margin
        if not short(level):
            if best == math.inf:
                return _OPEN
            level = best * cost * (1 + 4 * _EPS)
            if not short(level):
                return _OPEN
        self.low[j] = max(self.low[j], level / cost * (1 - _EPS))
        if self.low[j] > best:
            return _BEATEN
        # An upper bound too: at alpha + margin the payments surely reach the cost.
        level = alpha + margin
        poorer = bisect_left(budgets, level)
        if paid[poorer] + level * (count - poorer) - off < cost:
            return _OPEN
        self.high[j] = level / cost * (1 + _EPS)
        return _BOUNDED

    def _types(self, j: int) -> dict[int, int]:
        """The weight of project ``j``'s approvers per type, now; voters with no
        money left (type 1) left out."""
        groups, group_type = self.groups, self.group_type
        # Counter counts the groups of weight 1 without a Python loop.
        counts = Counter(groups.read_single[j](group_type))
        for g, w in groups.heavy[j]:
            counts[group_type[g]] += w
        counts.pop(1, None)
        return counts

    def _estimate(self, j: int) -> bool:
        """Bound ``alpha / cost`` of project ``j`` now; ``False`` when its approvers
        can no longer pay it (then they never can again)."""
        per_type = self.per_type[j] = self._types(j)
        if not per_type:
            return False  # nobody who approves it has money left
        # Per type of its approvers: budget, error and weight (without Python loops).
        types, weights = list(per_type), list(per_type.values())
        budgets = list(map(self.float_budget.__getitem__, types))
        errors = list(map(self.error.__getitem__, types))
        cost = self.mes.float_costs[j]
        # Plain sums of non-negative terms: each is off by at most n rounding units
        # of the true sum, which ``rounding`` covers for the total; the spread, an
        # upper bound, is raised by as much.
        total = sum(map(mul, budgets, weights))
        rounding = _EPS * (len(types) + 4) * max(total, cost)
        spread = sum(map(mul, errors, weights)) * (1 + _EPS * (len(types) + 4))
        if total + spread + rounding < cost:
            return False
        if (
            total - spread - rounding < cost
            and self._exact_total(j) < self.mes.costs[j]
        ):
            return False
        weight = sum(weights)
        alpha = cost / weight
        if min(budgets) - max(errors) >= alpha * (1 + 4 * _EPS):
            # Every approver surely has more than cost / weight, so each pays exactly
            # that: alpha is that quotient, but for the rounding of two divisions.
            error = 2 * _EPS * alpha
        else:
            remaining = cost
            order = sorted(range(len(types)), key=budgets.__getitem__)
            alpha, paying = max(budgets), len(order)
            for place, i in enumerate(order):
                b, w = budgets[i], weights[i]
                if b * weight >= remaining:
                    alpha, paying = remaining / weight, place
                    break
                remaining -= b * w
                weight -= w
            # The payments as a function of alpha rise at least as steeply as the
            # weight of the voters surely richer than alpha, so an error of the
            # payments of at most ``off`` moves alpha by at most off / that weight.
            off = spread + rounding
            guess = alpha + 2 * off / max(weight, 1)
            # Those before ``paying`` have less than alpha; past the first budget
            # above guess + the largest error, every one is surely richer.
            sure, most = weight, guess + max(errors)
            for i in order[paying:]:
                b = budgets[i]
                if b > most:
                    break
                if b - errors[i] <= guess:
                    sure -= weights[i]
            error = off / sure if 2 * sure >= weight and sure > 0 else math.inf
        self.alpha[j], self.alpha_error[j] = alpha, error
        self.low[j] = max(self.low[j], (alpha - error) / cost * (1 - _EPS))
        self.high[j] = (alpha + error) / cost * (1 + _EPS)
        return True

    def _exact_total(self, j: int) -> Fraction:
        return sum(
            (self._exact_budget(t) * w for t, w in self.per_type[j].items() if w),
            Fraction(0),
        )

    def _exact_budget(self, t: int) -> Fraction:
        known = self.exact_budget.get(t)
        if known is None:
            known = self._exact_budget(self.parent[t]) - self._bought_alpha(
                self.bought_by[t]
            )
            self.exact_budget[t] = known
        return known

    def _bought_alpha(self, k: int) -> Fraction:
        known = self.exact_alpha.get(k)
        if known is None:
            known = self._solve(self.paid_by[k], k)
            self.exact_alpha[k] = known
        return known

    def _alpha_now(self, j: int) -> Fraction:
        return self._solve(self.per_type[j], j)

    def _solve(self, per_type: Mapping[int, int], j: int) -> Fraction:
        """The exact alpha at which the types' payments add up to the cost of j."""
        items = sorted((self._exact_budget(t), w) for t, w in per_type.items() if w)
        remaining = Fraction(self.mes.costs[j])
        weight = sum(w for _, w in items)
        for b, w in items:
            if b * weight >= remaining:
                return remaining / weight
            remaining -= b * w
            weight -= w
        return items[-1][0]  # pragma: no cover - only affordable projects are bought

    def _buy(self, k: int) -> None:
        """Fund ``k`` (estimated in this round, so ``per_type[k]`` is current): its
        approvers' groups move on to the type of what they have left. The other
        projects' ``per_type`` are counted again when they are next estimated."""
        self.selected.append(k)
        self.active[k] = False
        self.paid_by[k] = self.per_type[k]
        # Each type of its approvers moves on to a new type once: k is bought once.
        budgets, errors = self.float_budget, self.error
        parent, bought_by = self.parent, self.bought_by
        alpha, alpha_error = self.alpha[k], self.alpha_error[k]
        # The types surely richer than alpha by more than any error are moved on in
        # bulk (in C); each of the others as ``_new_type`` decides.
        level = (alpha + alpha_error + self.max_error) * (1 + 8 * _EPS)
        rich = [old for old in self.per_type[k] if budgets[old] > level]
        first = len(budgets)
        moves = dict(zip(rich, range(first, first + len(rich)), strict=True))
        if rich:
            left = list(map(budgets.__getitem__, rich))
            budgets.extend(map(sub, left, repeat(alpha)))
            # As _new_type: her error, alpha's and the rounding of two subtractions.
            new_errors = list(
                map(
                    add,
                    map(errors.__getitem__, rich),
                    map(mul, left, repeat(2 * _EPS)),
                )
            )
            new_errors = [e + alpha_error for e in new_errors]
            errors.extend(new_errors)
            self.max_error = max(self.max_error, max(new_errors))
            parent.extend(rich)
            bought_by.extend(repeat(k, len(rich)))
        moves[1] = 1
        # Surely poorer than alpha by more than any error: she pays all she has.
        level = (alpha - alpha_error - self.max_error) * (1 - 8 * _EPS)
        for old in self.per_type[k]:
            if old not in moves:
                moves[old] = 1 if budgets[old] < level else self._new_type(old, k)
        group_type = self.group_type
        groups = self.groups
        for g in groups.single[k]:
            group_type[g] = moves[group_type[g]]
        for g, _ in groups.heavy[k]:
            group_type[g] = moves[group_type[g]]

    def _new_type(self, old: int, k: int) -> int:
        """The type of a voter of type ``old`` once she paid her share of ``k``."""
        budget, error = self.float_budget[old], self.error[old]
        alpha, alpha_error = self.alpha[k], self.alpha_error[k]
        margin = error + alpha_error + _EPS * budget
        if budget + margin < alpha:
            new = 1  # she pays all she has
        elif budget - margin > alpha:
            new = self._add_type(old, k, budget - alpha, margin + _EPS * budget)
        else:
            exact = self._exact_budget(old) - self._bought_alpha(k)
            if exact <= 0:
                new = 1
            else:
                new = self._add_type(old, k, float(exact), _EPS * float(exact))
                self.exact_budget[new] = exact
        return new

    def _add_type(self, old: int, k: int, budget: float, error: float) -> int:
        new = len(self.float_budget)
        self.float_budget.append(budget)
        self.error.append(error)
        self.max_error = max(self.max_error, error)
        self.parent.append(old)
        self.bought_by.append(k)
        return new


def equal_shares(election: Election) -> list[int]:
    """MES with every voter's budget the election's budget divided by the voters."""
    if not election.ballots:
        return []
    share = Fraction(election.budget) / len(election.ballots)
    return EqualShares(election).run(share, once=True)


def equal_shares_add_one(
    election: Election,
    *,
    exact_start: bool = False,
    stop_when_exhaustive: bool = False,
    max_steps: int | None = None,
) -> list[int]:
    """MES with the add-one completion (``equalshares/add1``).

    As the Pabulib checker defines it (the defaults): the voter budget starts at
    floor(budget / voters) and grows by one unit per step; the outcome is the last one
    whose cost stays within the budget before the next one would exceed it. Projects
    nobody approves are never funded, so the steps also end when every approved
    project is funded. ``exact_start`` starts at budget / voters itself, and
    ``stop_when_exhaustive`` also ends at the first outcome to which no further
    approved project fits: together they give pabutools' completion
    (``voter_budget_increment=1``), which the benchmark compares with.

    Each step is one run of MES, and the unit is the budget's: a budget in cents, or in
    forints, takes a hundred times more steps than one in euros. ``max_steps`` refuses
    (``TallyError``) to take more steps than that."""
    if not election.ballots:
        return []
    mes = EqualShares(election)
    budget = election.budget
    voters = len(election.ballots)
    approved = mes.approved()
    if sum(mes.costs[j] for j in approved) <= budget:
        # No step can overspend, and the steps end with every approved project.
        return _in_funding_order(mes, approved)
    share = (
        Fraction(budget) / voters
        if exact_start
        else Fraction(math.floor(Fraction(budget) / voters))
    )
    outcome = mes.run(share)
    steps = 0
    while True:
        if len(outcome) == len(approved):
            return outcome
        if stop_when_exhaustive and _exhaustive(mes, outcome, approved, budget):
            return outcome
        steps += 1
        if max_steps is not None and steps > max_steps:
            raise TallyError(
                f"the add-one completion needs more than {max_steps} steps of one "
                f"unit here (a voter budget of {float(share):g} and counting)"
            )
        share += 1
        following = mes.run(share)
        if sum(mes.costs[j] for j in following) > budget:
            return outcome
        outcome = following


def _exhaustive(
    mes: EqualShares, outcome: Sequence[int], approved: Sequence[int], budget: Number
) -> bool:
    left = budget - sum(mes.costs[j] for j in outcome)
    chosen = set(outcome)
    return all(mes.costs[j] > left for j in approved if j not in chosen)


def _in_funding_order(mes: EqualShares, approved: list[int]) -> list[int]:
    """Every approved project, in the order MES with ample budgets funds them."""
    ample = sum((Fraction(mes.costs[j]) for j in approved), Fraction(1))
    return mes.run(ample)
