"""The bus factor's greedy removal (Avelino et al.), on knowers written out by hand."""

from __future__ import annotations

from docaudit.history.busfactor import BusFactor, bus_factor
from docaudit.history.identities import Person


def person(name: str) -> Person:
    """Return a person with one identity, ``name@example.com``."""
    email = f"{name.lower()}@example.com"
    return Person(name, email, (email,), frozenset({(name, email)}))


ANN, BEN, CAT = person("Ann"), person("Ben"), person("Cat")


def by_name(someone: Person) -> tuple[str]:
    """Break ties alphabetically."""
    return (someone.name,)


def test_no_files_have_a_bus_factor_of_zero() -> None:
    assert bus_factor([], {"a.py": {ANN}}, by_name) == BusFactor(0, ())


def test_removal_goes_on_while_exactly_half_the_files_are_known() -> None:
    # Ann knows 3 files, Ben and Cat 1 each (Ben first by name). All 4 are known.
    # Ann leaves: a and b lose their only knower, c keeps Ben: 2 of 4 known, which is
    # not fewer than half, so Ben leaves too: c is lost, 1 of 4 known (d, Cat's): stop.
    knowers = {"a.py": {ANN}, "b.py": {ANN}, "c.py": {ANN, BEN}, "d.py": {CAT}}
    assert bus_factor(list(knowers), knowers, by_name) == BusFactor(2, (ANN, BEN))


def test_a_silo_and_files_outside_the_set_do_not_count() -> None:
    # Only the three files given count: Ann knows 3, Ben 1 (elsewhere.py is not one of
    # them). Ann leaves: f1 keeps Ben, 1 of 3 known, fewer than half: a bus factor of 1.
    knowers = {"f1.py": {ANN, BEN}, "f2.py": {ANN}, "f3.py": {ANN}, "elsewhere.py": {BEN}}
    assert bus_factor(["f1.py", "f2.py", "f3.py"], knowers, by_name) == BusFactor(1, (ANN,))


def test_already_mostly_unknown_is_zero() -> None:
    # Only p.py of 3 files has a knower: 1 of 3 is fewer than half before anyone leaves.
    assert bus_factor(["p.py", "q.py", "r.py"], {"p.py": {ANN}}, by_name) == BusFactor(0, ())


def test_rank_orders_people_who_know_as_many_files() -> None:
    # Ann and Ben know one file each; both must leave (1 of 2 known is not fewer than
    # half), in the order rank gives.
    knowers = {"x.py": {ANN}, "y.py": {BEN}}
    assert bus_factor(list(knowers), knowers, by_name) == BusFactor(2, (ANN, BEN))
    reverse = {"Ann": 1, "Ben": 0}
    assert bus_factor(list(knowers), knowers, lambda p: (reverse[p.name],)) == BusFactor(
        2, (BEN, ANN)
    )
