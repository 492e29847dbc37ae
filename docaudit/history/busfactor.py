"""Bus factors: the fewest people whose leaving orphans more than half of the files.

The greedy algorithm of Avelino et al. (ICPC 2016): order people by how many
files they know (more commits first on a tie), remove them one by one until
fewer than half of the files have anyone left who knows them; the number
removed is the bus factor, and the people removed are its key people. It is run
for the whole repository and for each module.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from docaudit.history.identities import Person


@dataclass(frozen=True, slots=True)
class BusFactor:
    """A bus factor and the people whose leaving gives it, in the order they were removed."""

    value: int
    key_people: tuple[Person, ...]


def bus_factor(
    files: Collection[str],
    knowers: Mapping[str, set[Person]],
    rank: Callable[[Person], tuple],
) -> BusFactor:
    """Return the bus factor of ``files`` given who knows each one.

    ``rank`` breaks ties between people who know as many files (smaller first).
    """
    if not files:
        return BusFactor(0, ())
    known: dict[Person, list[str]] = {}
    for path in files:
        for person in knowers.get(path, ()):
            known.setdefault(person, []).append(path)
    order = sorted(known, key=lambda person: (-len(known[person]), rank(person)))
    left = {path: len(knowers.get(path, ())) for path in files}
    covered = sum(1 for count in left.values() if count)
    removed: list[Person] = []
    for person in order:
        if 2 * covered < len(files):
            break
        removed.append(person)
        for path in known[person]:
            left[path] -= 1
            if left[path] == 0:
                covered -= 1
    return BusFactor(len(removed), tuple(removed))
