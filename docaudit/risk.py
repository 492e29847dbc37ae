"""Risk: where knowledge lives nowhere — neither in people nor in documentation.

Each ranked module (product code: tests, generated, vendored, documentation and
example files are left out before this) gets a score from 0 to 100::

    score = 100 · (w_k·K + w_d·D + w_r·R + w_s·S + w_o·O) / (w_k + w_d + w_r + w_s + w_o)

    K = 1 / max(1, effective bus factor)   knowledge held by few (1 for a silo or orphan)
    D = 1 − coverage / 100                 what documentation does not say (0 with no code)
    R = ln(1 + dependents) / ln(1 + most dependents in the repository)
                                            how much of the code depends on it, counted on
                                            the condensation (an import cycle is one node)
    S = ln(1 + lines) / ln(1 + most lines)  how much there is to know
    O = 1 if orphaned, else 0              everyone who knew it has gone quiet

with weights ``w_k = 30, w_d = 25, w_r = 20, w_s = 15, w_o = 10`` by default
(``risk-weights`` in config). Levels are calibrated so that ``critical`` is rare:

- ``critical``: a silo or orphan, under 50% documented, that something depends on,
  scoring at least 70, and among the top tenth of the ranked modules;
- ``high``: a score of at least 55, within the top three tenths (a module that
  qualifies for ``critical`` past its share is ``high``);
- ``medium``: a score of at least 35 (a module that qualifies for ``high`` past its
  share is ``medium``);
- ``low``: the rest.

Modules are listed by score, then size, then name. Without git history, K and O
are 0 and the ranking rests on documentation, dependents and size.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from docaudit.history.identities import fold_name
from docaudit.model.audit import Departure, ModuleRisk, ToDocument
from docaudit.model.coverage import Tally
from docaudit.model.ownership import ModuleOwnership, SilosReport

DEFAULT_WEIGHTS = {
    "knowledge": 30.0,
    "documentation": 25.0,
    "dependents": 20.0,
    "size": 15.0,
    "orphan": 10.0,
}
LEVELS = ("critical", "high", "medium", "low")
CRITICAL_SCORE, HIGH_SCORE, MEDIUM_SCORE = 70.0, 55.0, 35.0
CRITICAL_SHARE, HIGH_SHARE = 0.1, 0.3
THIN_COVERAGE = 50.0


@dataclass(frozen=True, slots=True)
class ModuleEvidence:
    """What the other stages say of one module: documentation, owners, dependents, size.

    ``cycle`` is the number of modules in its import cycle (1 when it is in none);
    ``to_document`` its undocumented public symbols, most needed first.
    """

    module: str
    tally: Tally | None
    dependents: int
    lines: int
    ownership: ModuleOwnership | None
    direct_dependents: int = 0
    pagerank: float = 0.0
    cycle: int = 1
    to_document: tuple[ToDocument, ...] = field(default=())


def rank(
    evidence: list[ModuleEvidence], weights: Mapping[str, float] = DEFAULT_WEIGHTS
) -> list[ModuleRisk]:
    """Return every module's risk, riskiest first (score, then size, then name)."""
    most_dependents = max((e.dependents for e in evidence), default=0)
    most_lines = max((e.lines for e in evidence), default=0)
    scored = sorted(
        ((_score(e, most_dependents, most_lines, weights), e) for e in evidence),
        key=lambda pair: (-round(pair[0], 1), -pair[1].lines, pair[1].module),
    )
    critical_left = math.ceil(CRITICAL_SHARE * len(scored))
    high_left = math.ceil(HIGH_SHARE * len(scored))
    risks = []
    for score, fact in scored:
        level = _level(fact, score)
        if level == "critical" and not critical_left:
            level = "high"
        if level == "high" and not high_left:
            level = "medium"
        critical_left -= level == "critical"
        high_left -= level in ("critical", "high")
        risks.append(_risk(fact, score, level))
    return risks


def _score(
    fact: ModuleEvidence, most_dependents: int, most_lines: int, weights: Mapping[str, float]
) -> float:
    """Return a module's score from 0 to 100 (see the module's docstring)."""
    owner = fact.ownership
    knowledge = 1 / max(1, owner.bus_factor) if owner is not None else 0.0
    coverage = _coverage(fact)
    parts = {
        "knowledge": knowledge,
        "documentation": 1 - coverage / 100 if coverage is not None else 0.0,
        "dependents": _share(fact.dependents, most_dependents),
        "size": _share(fact.lines, most_lines),
        "orphan": float(bool(owner and owner.orphan)),
    }
    total = sum(weights.get(name, 0.0) for name in parts) or 1.0
    return 100 * sum(weights.get(name, 0.0) * value for name, value in parts.items()) / total


def _share(value: int, most: int) -> float:
    """Return ``ln(1 + value) / ln(1 + most)``: 1 for the largest, 0 for none."""
    return math.log1p(value) / math.log1p(most) if most else 0.0


def _coverage(fact: ModuleEvidence) -> float | None:
    """Return a module's documentation coverage, or ``None`` when it has no code read."""
    return fact.tally.coverage if fact.tally and fact.tally.total else None


def _level(fact: ModuleEvidence, score: float) -> str:
    """Return the level a module's score and facts earn, before the shares are applied."""
    owner = fact.ownership
    coverage = _coverage(fact)
    thin = coverage is not None and coverage < THIN_COVERAGE
    alone = owner is not None and (owner.bus_factor <= 1 or owner.orphan)
    if alone and thin and fact.dependents and score >= CRITICAL_SCORE:
        return "critical"
    if score >= HIGH_SCORE:
        return "high"
    if score >= MEDIUM_SCORE:
        return "medium"
    return "low"


def _risk(fact: ModuleEvidence, score: float, level: str) -> ModuleRisk:
    """Return one module's risk record."""
    owner = fact.ownership
    coverage = _coverage(fact)
    return ModuleRisk(
        module=fact.module,
        risk=level,
        score=round(score, 1),
        reason=_reason(fact, coverage),
        bus_factor=owner.bus_factor if owner else None,
        silo=bool(owner and owner.silo),
        orphan=bool(owner and owner.orphan),
        key_people=list(owner.key_people) if owner else [],
        coverage=round(coverage, 1) if coverage is not None else None,
        dependents=fact.dependents,
        lines=fact.lines,
        direct_dependents=fact.direct_dependents,
        pagerank=fact.pagerank,
        historical_bus_factor=owner.historical_bus_factor if owner else None,
        in_cycle=fact.cycle > 1,
        to_document=list(fact.to_document) if level in ("critical", "high") else [],
    )


def _reason(fact: ModuleEvidence, coverage: float | None) -> str:
    """Return one sentence: who knows it, how documented and big it is, what depends on it."""
    owner = fact.ownership
    name = f"`{fact.module}`"
    parts = []
    if owner is None:
        parts.append(f"ownership of {name} is unknown (no git history)")
    elif owner.bus_factor == 0 and owner.orphan:
        was = owner.historical_key_people
        before = f" (historically {', '.join(was[:2])}{' …' if len(was) > 2 else ''})"
        parts.append(f"nobody still active knows most of {name}{before if was else ''}")
    elif owner.bus_factor == 0:
        parts.append(f"nobody knows most of {name} any more")
    elif owner.bus_factor == 1:
        parts.append(f"only {owner.key_people[0]} knows {name}")
    else:
        parts.append(f"{owner.bus_factor} people must leave before {name} is lost")
    read = coverage is not None
    parts.append(f"{coverage:.0f}% documented" if read else "no code docaudit reads")
    parts.append(f"{fact.lines:,} line{'s' if fact.lines != 1 else ''}")
    count = fact.dependents
    outside = f" outside its import cycle of {fact.cycle} modules" if fact.cycle > 1 else ""
    parts.append(
        f"nothing{outside} depends on it"
        if not count
        else f"{count} module{'s' if count != 1 else ''}{outside}"
        f" depend{'s' if count == 1 else ''} on it"
    )
    return "; ".join(parts)


def departures(
    silos: SilosReport, module_of: Mapping[str, str], people: list[str]
) -> list[Departure]:
    """Return, for each person (any of their emails, or their name), the files only they
    know and the modules those files belong to."""

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
