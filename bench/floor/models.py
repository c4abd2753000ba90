"""Two tables: balances that cannot go below zero, and the entries that move them."""

from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils import timezone

# The managers and the foreign key's id are declared by hand: mypy's Django plugin
# reads the settings without WIJKVOUCHER_BENCH_FLOOR, so it does not see this app.


class Balance(models.Model):
    cents = models.BigIntegerField()

    objects: ClassVar[models.Manager["Balance"]] = models.Manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(cents__gte=0), name="bench_floor_balance_cents_gte_0"
            )
        ]

    def __str__(self) -> str:
        return f"balance {self.pk}: {self.cents} cents"


class Entry(models.Model):
    balance = models.ForeignKey(
        Balance, on_delete=models.PROTECT, related_name="entries"
    )
    amount_cents = models.BigIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    balance_id: int
    objects: ClassVar[models.Manager["Entry"]] = models.Manager()

    def __str__(self) -> str:
        return f"entry {self.pk}: {self.amount_cents} cents on {self.balance_id}"


def pair_ids(pair: int) -> tuple[int, int]:
    """The ids of pair ``pair`` (from 0): the balance that pays and the one that
    receives. ``balances_seed`` creates them with these ids."""
    return 2 * pair + 1, 2 * pair + 2


def balances_seed(*, pairs: int, cents: int) -> None:
    """``pairs`` pairs of balances: the paying one with ``cents``, the other empty."""
    rows: list[Balance] = []
    for pair in range(pairs):
        source, target = pair_ids(pair)
        rows += [Balance(pk=source, cents=cents), Balance(pk=target, cents=0)]
    Balance.objects.bulk_create(rows)
