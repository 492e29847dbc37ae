"""What ``docaudit check`` decided."""

from __future__ import annotations

from dataclasses import dataclass, field

from docaudit.model.coverage import CoverageReport
from docaudit.model.ownership import SilosReport
from docaudit.model.symbols import Symbol


@dataclass(slots=True)
class CheckResult:
    """What ``docaudit check`` decided: each gate's verdict, on which report."""

    report: CoverageReport
    gates: list = field(default_factory=list)
    changed: list[Symbol] | None = None
    silos: SilosReport | None = None
    notices: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """Tell whether every gate passed."""
        return all(gate.passed for gate in self.gates)
