"""Risk: where knowledge lives nowhere — neither in people nor in documentation.

Each module gets a score from 0 to 100::

    score = 100 · (w_k·K + w_d·D + w_r·R + w_o·O) / (w_k + w_d + w_r + w_o)

    K = 1 / max(1, bus factor)         knowledge held by few (1 for a silo or worse)
    D = 1 − coverage / 100             what documentation does not say (0 with no code)
    R = ln(1 + dependents) / ln(1 + most dependents in the repository)
                                        how much of the code depends on it (transitively)
    O = 1 if orphaned, else 0          everyone who knew it has gone quiet

with weights ``w_k = 35, w_d = 30, w_r = 20, w_o = 15`` by default (``risk-weights``
in config). The level: ``critical`` for a silo or orphan under 50% documented that
something depends on; ``high`` for any other silo or orphan under 50% documented,
or a score of 60 or more; ``medium`` from 35; else ``low``. Without git history,
K and O are 0 and the ranking rests on documentation and dependents.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from docaudit.model import Departure, ModuleOwnership, ModuleRisk, SilosReport, Tally

DEFAULT_WEIGHTS = {"knowledge": 35.0, "documentation": 30.0, "dependents": 20.0, "orphan": 15.0}
LEVELS = ("critical", "high", "medium", "low")


@dataclass(frozen=True, slots=True)
class ModuleFacts:
    """What the other stages say of one module."""

    module: str
    tally: Tally | None
    dependents: int
    lines: int
    ownership: ModuleOwnership | None
    direct_dependents: int = 0
    pagerank: float = 0.0


def rank(
    facts: list[ModuleFacts], weights: Mapping[str, float] = DEFAULT_WEIGHTS
) -> list[ModuleRisk]:
    """Return every module's risk, riskiest first (score, then size, then name)."""
    most = max((f.dependents for f in facts), default=0)
    risks = [_risk(fact, most, weights) for fact in facts]
    order = {level: index for index, level in enumerate(LEVELS)}
    return sorted(risks, key=lambda r: (order[r.risk], -r.score, -r.lines, r.module))


def _risk(fact: ModuleFacts, most: int, weights: Mapping[str, float]) -> ModuleRisk:
    """Score one module and say why."""
    owner = fact.ownership
    bus_factor = owner.bus_factor if owner else None
    knowledge = 1 / max(1, bus_factor) if bus_factor is not None else 0.0
    coverage = fact.tally.coverage if fact.tally and fact.tally.total else None
    gap = 1 - coverage / 100 if coverage is not None else 0.0
    reach = math.log1p(fact.dependents) / math.log1p(most) if most else 0.0
    orphan = bool(owner and owner.orphan)
    silo = bool(owner and owner.bus_factor <= 1)
    total = sum(weights.values()) or 1.0
    score = (
        100
        * (
            weights["knowledge"] * knowledge
            + weights["documentation"] * gap
            + weights["dependents"] * reach
            + weights["orphan"] * orphan
        )
        / total
    )
    thin = coverage is not None and coverage < 50
    if (silo or orphan) and thin and fact.dependents:
        level = "critical"
    elif ((silo or orphan) and thin) or score >= 60:
        level = "high"
    elif score >= 35:
        level = "medium"
    else:
        level = "low"
    return ModuleRisk(
        module=fact.module,
        risk=level,
        score=round(score, 1),
        reason=_reason(fact, coverage),
        bus_factor=bus_factor,
        silo=bool(owner and owner.silo),
        orphan=orphan,
        key_people=list(owner.key_people) if owner else [],
        coverage=round(coverage, 1) if coverage is not None else None,
        dependents=fact.dependents,
        lines=fact.lines,
        direct_dependents=fact.direct_dependents,
        pagerank=fact.pagerank,
    )


def _reason(fact: ModuleFacts, coverage: float | None) -> str:
    """Return one sentence: who knows it, how documented it is, what depends on it."""
    owner = fact.ownership
    name = f"`{fact.module}`"
    parts = []
    if owner is None:
        parts.append(f"ownership of {name} is unknown (no git history)")
    elif owner.bus_factor == 0:
        parts.append(f"nobody knows most of {name} any more")
    elif owner.bus_factor == 1:
        parts.append(f"only {owner.key_people[0]} knows {name}")
    else:
        parts.append(f"{owner.bus_factor} people must leave before {name} is lost")
    if owner is not None and owner.orphan:
        last = max((o.last_commit for o in owner.owners), default="")
        parts.append(f"no one who knows it has committed since {last}" if last else "orphaned")
    parts.append(f"{coverage:.0f}% documented" if coverage is not None else "no Python code")
    count = fact.dependents
    parts.append(
        "nothing depends on it"
        if not count
        else f"{count} module{'s' if count != 1 else ''} depend{'s' if count == 1 else ''} on it"
    )
    return "; ".join(parts)


def departures(
    silos: SilosReport, module_of: Mapping[str, str], people: list[str]
) -> list[Departure]:
    """Return, for each person (any of their emails, or their name), the files only they
    know and the modules those files belong to."""
    from docaudit.history.identities import fold_name

    found = {}
    for wanted in people:
        author = next(
            (
                a
                for a in silos.authors
                if wanted.lower() in (e.lower() for e in a.emails)
                or fold_name(wanted) == fold_name(a.name)
            ),
            None,
        )
        if author is None:
            found[wanted] = Departure(wanted, wanted, 0, [])
            continue
        email = next((e for e in author.emails if e in silos.sole_files), author.emails[0])
        files = silos.sole_files.get(email, [])
        modules = sorted({module_of[path] for path in files if path in module_of})
        found[email] = Departure(author.name, email, len(files), modules)
    return sorted(found.values(), key=lambda d: (-d.would_orphan, d.email))
