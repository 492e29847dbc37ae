"""Tally: adding counts, the sum of many, and the fields the JSON reports write."""

from __future__ import annotations

import pytest

from docaudit.model.coverage import Tally


def test_adding_two_tallies_adds_their_counts() -> None:
    # 1 symbol (documented) + 3 symbols of which 1 is missing: 4 symbols, 1 missing, 3 documented.
    both = Tally(1, 0) + Tally(3, 1)
    assert both == Tally(4, 1)
    assert (both.documented, both.coverage) == (3, 75.0)
    assert Tally(3, 1) + Tally(1, 0) == both
    assert Tally(1, 0) + Tally(2, 1) == Tally(3, 1)


def test_total_of_many_and_of_none() -> None:
    # 2 + 5 + 1 = 8 symbols, 1 + 2 + 1 = 4 missing: 50%.
    total = Tally.total_of([Tally(2, 1), Tally(5, 2), Tally(1, 1)])
    assert (total, total.coverage) == (Tally(8, 4), 50.0)
    # Nothing counted: an empty tally, which is fully covered.
    assert (Tally.total_of([]), Tally.total_of([]).coverage) == (Tally(0, 0), 100.0)


def test_as_dict_rounds_coverage_to_two_decimals() -> None:
    # 2 of 3 documented: 66.666…% written as 66.67.
    assert Tally(3, 1).as_dict() == {"total": 3, "documented": 2, "missing": 1, "coverage": 66.67}
    assert Tally(3, 1).as_dict(documented=False, coverage=False) == {"total": 3, "missing": 1}
    assert Tally(3, 1).coverage == pytest.approx(200 / 3)
