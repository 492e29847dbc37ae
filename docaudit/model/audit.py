"""The audit: each module's risk, what to document first, and what a departure leaves."""

from __future__ import annotations

from dataclasses import dataclass, field

from docaudit.model.coverage import CoverageReport, Tally
from docaudit.model.ownership import SilosReport


@dataclass(frozen=True, slots=True)
class ModuleRisk:
    """One module's risk: how documented, how known, how depended on, and why it ranks."""

    module: str
    risk: str
    score: float
    reason: str
    bus_factor: int | None
    silo: bool
    orphan: bool
    key_people: list[str]
    coverage: float | None
    dependents: int
    lines: int
    direct_dependents: int = 0
    pagerank: float = 0.0
    historical_bus_factor: int | None = None
    in_cycle: bool = False
    to_document: list[ToDocument] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ToDocument:
    """An undocumented public symbol a successor would need documented first."""

    kind: str
    qualname: str
    path: str
    line: int


@dataclass(frozen=True, slots=True)
class Departure:
    """What one person's leaving would leave without a knowledgeable author."""

    name: str
    email: str
    would_orphan: int
    modules: list[str]


@dataclass(slots=True)
class AuditReport:
    """The audit: modules ranked by risk, the departure view, and the reports behind them.

    ``left_out`` maps each file class kept out of the ranking (``tests``,
    ``generated``, ``documentation``…) to its modules; ``ranked_coverage`` is the
    coverage of the ranked modules (the headline), ``tests_coverage`` that of tests.
    """

    modules: list[ModuleRisk]
    people: list[Departure]
    coverage: CoverageReport
    silos: SilosReport | None
    cycles: list[list[str]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    codeowners: list = field(default_factory=list)
    left_out: dict[str, list[str]] = field(default_factory=dict)
    ranked_coverage: Tally | None = None
    tests_coverage: Tally | None = None

    def level_counts(self) -> dict[str, int]:
        """Return how many modules are at each risk level."""
        counts = dict.fromkeys(("critical", "high", "medium", "low"), 0)
        for module in self.modules:
            counts[module.risk] += 1
        return counts
