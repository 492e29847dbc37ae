"""What the gates decide on and decide: baseline snapshots, gate verdicts, CI findings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from docaudit.model.coverage import CoverageReport, Tally
from docaudit.model.rules import WARNING, Rule
from docaudit.model.symbols import Symbol

if TYPE_CHECKING:  # the silos types load with the commands that mine history only
    from docaudit.model.ownership import SilosReport


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


@dataclass(frozen=True, slots=True)
class GateResult:
    """One gate's verdict, why, and the symbols that made it fail."""

    gate: str
    passed: bool
    message: str
    symbols: tuple[Symbol, ...] = ()


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What a gate compares with: a coverage summary, symbols by fingerprint, silos."""

    summary: Tally
    symbols: dict[str, tuple[bool, bool]]
    silos: frozenset[str] | None = None
    bus_factor: int | None = None
    scope: list[str] | None = None
    commit: str | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """One symbol that needs documentation, as a CI tool shows it, with the rule it breaks."""

    symbol: Symbol
    rule: Rule
    message: str
    fingerprint: str

    @property
    def level(self) -> str:
        """Return ``warning`` when it counts against coverage, else its rule's level.

        A placeholder docstring counts as documented by default (a ``note``); with
        ``placeholders-undocumented`` it does not, and is a ``warning``.
        """
        return self.rule.level if self.symbol.documented else WARNING


def fingerprints(symbols: Iterable[Symbol]) -> dict[str, Symbol]:
    """Return the symbols by fingerprint, numbering repeats in file order (``#2``…)."""
    found: dict[str, Symbol] = {}
    for symbol in symbols:
        key = symbol.fingerprint
        count = 1
        while key in found:
            count += 1
            key = f"{symbol.fingerprint}#{count}"
        found[key] = symbol
    return found


@dataclass(frozen=True, slots=True)
class BaselineWritten:
    """A baseline just written: where, and the coverage it records."""

    path: Path
    summary: Tally
