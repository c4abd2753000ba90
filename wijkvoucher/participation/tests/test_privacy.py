"""No number in a ladder report describes fewer than ten people."""

from __future__ import annotations

from wijkvoucher.participation.privacy import suppress


def test_a_group_under_ten_shows_nothing_not_even_its_total() -> None:
    # given nine people / when suppressed
    dist = suppress([("a", "A", 5), ("b", "B", 4)])
    # then nothing is shown
    assert dist.total is None
    assert [cell.count for cell in dist.cells] == [None, None]


def test_cells_of_one_to_nine_are_hidden_and_a_zero_is_shown() -> None:
    # given 10, 12, 3, 5 and 0 people
    dist = suppress(
        [("a", "A", 10), ("b", "B", 12), ("c", "C", 3), ("d", "D", 5), ("e", "E", 0)]
    )
    # then the 3 and the 5 are hidden, the rest and the total shown
    assert [cell.count for cell in dist.cells] == [10, 12, None, None, 0]
    assert dist.total == 30


def test_a_single_hidden_cell_hides_the_smallest_other_cell_too() -> None:
    # given 11, 15 and 4: the 4 would follow from the total
    dist = suppress([("a", "A", 11), ("b", "B", 15), ("c", "C", 4)])
    # then the 11 is hidden with it
    assert [cell.count for cell in dist.cells] == [None, 15, None]
    assert dist.total == 30
    # and with a zero beside it, the zero is hidden with it
    dist = suppress([("a", "A", 11), ("b", "B", 4), ("c", "C", 0)])
    assert [cell.count for cell in dist.cells] == [11, None, None]


def test_a_group_with_only_large_cells_shows_everything() -> None:
    # given / when
    dist = suppress([("a", "A", 10), ("b", "B", 20)])
    # then
    assert [cell.count for cell in dist.cells] == [10, 20]
    assert dist.count("b") == 20
