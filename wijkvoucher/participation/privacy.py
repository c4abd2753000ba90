"""Small-number suppression for every report of the ladders
(docs/participation.md#privacy-nobody-sees-anothers-step): no number in a report describes fewer than
``MIN_GROUP`` people.

- A group of fewer than ``MIN_GROUP`` people shows nothing, not even its total.
- A cell of 1 to ``MIN_GROUP`` - 1 people is hidden. A zero is shown: it says
  something about the whole group (at least ``MIN_GROUP`` people), about nobody
  in particular.
- When exactly one cell is hidden, the smallest other cell is hidden too, so the
  hidden one cannot be worked out from the total (secondary suppression)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from wijkvoucher.participation.constants import MIN_GROUP

K = TypeVar("K")


@dataclass(frozen=True)
class Cell(Generic[K]):
    key: K
    label: str
    # None: hidden (fewer than MIN_GROUP people, or hidden to protect another cell).
    count: int | None


@dataclass(frozen=True)
class Distribution(Generic[K]):
    cells: tuple[Cell[K], ...]
    # None: the whole group is smaller than MIN_GROUP.
    total: int | None

    @property
    def shown(self) -> bool:
        return self.total is not None

    def count(self, key: K) -> int | None:
        return next((c.count for c in self.cells if c.key == key), None)


def suppress(rows: Sequence[tuple[K, str, int]]) -> Distribution[K]:
    """``rows`` (key, label, count) as a distribution safe to show."""
    total = sum(count for _, _, count in rows)
    if total < MIN_GROUP:
        return Distribution(
            cells=tuple(Cell(key, label, None) for key, label, _ in rows), total=None
        )
    hidden = {i for i, (_, _, count) in enumerate(rows) if 0 < count < MIN_GROUP}
    if len(hidden) == 1:
        others = [i for i in range(len(rows)) if i not in hidden]
        if others:
            hidden.add(min(others, key=lambda i: (rows[i][2], i)))
    return Distribution(
        cells=tuple(
            Cell(key, label, None if i in hidden else count)
            for i, (key, label, count) in enumerate(rows)
        ),
        total=total,
    )
