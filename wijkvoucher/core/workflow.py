"""The shape of a status machine's transition table (issue #10 point 1).

Every model with a status (except ``Initiative``, whose table is
``initiatives/workflow.py``) declares one ``Machine`` in a small module next to the
model: the allowed steps, each a from→to pair with the action that takes it (the
audit event's action name). ``core.transitions.status_transition`` is the only code
that writes such a status: it checks the step against the table."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Step:
    """One allowed step: ``action`` moves the status from ``source`` to ``target``."""

    source: str
    target: str
    action: str


@dataclass(frozen=True)
class Machine:
    """A status machine: its steps, the model field holding the status, and whether
    each step leaves an append-only history row (``core.StatusHistory``) because
    money or the law needs the history."""

    name: str
    steps: tuple[Step, ...]
    field: str = "status"
    history: bool = False
    # How to read the current status from a row, when it is more than the field
    # (a provider with an approval time is approved, whatever the field says).
    state_of: Callable[[Any], str] | None = dataclasses.field(
        default=None, compare=False
    )

    def __post_init__(self) -> None:
        seen = set()
        for step in self.steps:
            key = (step.source, step.target, step.action)
            if key in seen or step.source == step.target:
                raise ValueError(f"{self.name}: bad or repeated step {key}")
            seen.add(key)

    def current(self, row: Any) -> str:
        if self.state_of is not None:
            return str(self.state_of(row))
        return str(getattr(row, self.field))

    def step(self, source: str, target: str, action: str) -> Step | None:
        for step in self.steps:
            if (step.source, step.target, step.action) == (source, target, action):
                return step
        return None

    def allows(self, source: str, target: str, action: str | None = None) -> bool:
        return any(
            step.source == source
            and step.target == target
            and (action is None or step.action == action)
            for step in self.steps
        )

    def sources(self, action: str) -> frozenset[str]:
        """The statuses ``action`` can start from."""
        return frozenset(step.source for step in self.steps if step.action == action)

    def targets(self, source: str, action: str | None = None) -> frozenset[str]:
        """Where ``source`` can go (by ``action``, when given)."""
        return frozenset(
            step.target
            for step in self.steps
            if step.source == source and (action is None or step.action == action)
        )

    def actions(self) -> frozenset[str]:
        return frozenset(step.action for step in self.steps)


def steps(action: str, sources: Iterable[str], target: str) -> tuple[Step, ...]:
    """The steps of one action that reaches ``target`` from each of ``sources``."""
    return tuple(Step(str(source), str(target), action) for source in sources)
