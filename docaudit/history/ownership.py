"""Degree of authorship: how much each person knows each file.

Avelino, Passos, Hora and Valente, "A Novel Approach for Estimating Truck Factors"
(ICPC 2016), after Fritz et al.'s degree-of-knowledge model::

    DOA = 3.293 + 1.098·FA + 0.164·DL − 0.321·ln(1 + AC)

FA is 1 if the person created the file, DL the number of their commits changing
it, AC the number of the other commits changing it (a bot's too: churn by anyone
else erodes what one knows). A person knows a file
when their DOA is above 0.75 of the file's highest and at least 3.293 (their own
work outweighs the others' changes). With ``knowledge-half-life`` set, every
creation and change is weighted ``0.5 ** (age / half-life)``, its age measured from
the newest commit mined (not the wall clock, so results are reproducible): old
knowledge fades.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from docaudit.history.identities import People, Person
from docaudit.history.log import FileHistory

BASE, CREATION, OWN_CHANGE, OTHERS_CHANGE = 3.293, 1.098, 0.164, 0.321
RELATIVE_THRESHOLD = 0.75
_DAY = 86_400


def degree_of_authorship(first_author: float, own: float, others: float) -> float:
    """Return Avelino et al.'s degree of authorship for FA, DL and AC."""
    return BASE + CREATION * first_author + OWN_CHANGE * own - OTHERS_CHANGE * math.log1p(others)


def file_authorship(
    record: FileHistory, people: People, newest: int, half_life_days: float | None = None
) -> dict[Person, float]:
    """Return the degree of authorship of everyone who created or changed one file."""

    def weight(time: int) -> float:
        """Return how much a change made at ``time`` still counts."""
        if not half_life_days:
            return 1.0
        return 0.5 ** ((newest - time) / (half_life_days * _DAY))

    first: dict[Person, float] = {}
    own: dict[Person, float] = {}
    for identity in record.creators:
        person = people.of(identity)
        if person is not None:
            first[person] = weight(record.created_at)
    for identity, times in record.own.items():
        person = people.of(identity)
        if person is not None:
            own[person] = own.get(person, 0.0) + sum(map(weight, times))
    total = sum(map(weight, record.commit_times))
    return {
        person: degree_of_authorship(
            first.get(person, 0.0),
            min(own.get(person, 0.0), total),
            max(0.0, total - own.get(person, 0.0)),
        )
        for person in first.keys() | own.keys()
    }


def knowers(doa: Mapping[Person, float]) -> set[Person]:
    """Return the people who know a file: above 0.75 of the best DOA, and at least 3.293."""
    if not doa:
        return set()
    best = max(doa.values())
    return {
        person
        for person, value in doa.items()
        if value >= BASE and value / best > RELATIVE_THRESHOLD
    }
