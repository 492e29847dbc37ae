"""Gates: decide pass or fail from a report, thresholds, a baseline or a base commit."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from docaudit.config.settings import Config
from docaudit.model.checks import GateResult, Snapshot, fingerprints
from docaudit.model.coverage import CoverageReport, Tally
from docaudit.model.symbols import FileError, Symbol

if TYPE_CHECKING:  # the silos types load with the commands that mine history only
    from docaudit.model.ownership import SilosReport


def under_threshold(coverage: float, fail_under: float, precision: int = 1) -> bool:
    """Tell whether ``coverage`` fails ``fail_under``, compared as coverage.py does.

    The comparison is made at the displayed precision (one decimal), except that a
    threshold of 100 is met only by exactly 100%: 99.98% rounds to 100.0 but fails.
    """
    if fail_under >= 100.0:
        return coverage < 100.0
    return round(coverage, precision) < fail_under


def fail_under(report: CoverageReport, threshold: float) -> GateResult:
    """Fail when total coverage is under ``threshold``."""
    coverage = report.summary.coverage
    if under_threshold(coverage, threshold):
        message = f"coverage {coverage:.1f}% is under --fail-under {threshold:g}%"
        return GateResult("fail-under", False, message)
    return GateResult("fail-under", True, f"coverage {coverage:.1f}% is at least {threshold:g}%")


def against(
    report: CoverageReport,
    base: Snapshot,
    label: str,
    max_drop: float = 0.0,
    regressions: bool = True,
    new_undocumented: bool = True,
    renamed: Mapping[str, str] | None = None,
) -> list[GateResult]:
    """Compare a report with a baseline or a base commit (``label`` says which).

    ``renamed`` maps files renamed since the base to their old paths, so a moved
    file's symbols are compared with themselves, not counted as new.
    """
    results = []
    drop = base.summary.coverage - report.summary.coverage
    change = round(-drop, 1) + 0.0
    results.append(
        GateResult(
            f"{label}-drop",
            round(drop, 2) <= max_drop,
            f"coverage {report.summary.coverage:.1f}% against {base.summary.coverage:.1f}%"
            f" in the {label} ({change:+.1f} points; a drop of up to {max_drop:g} allowed)",
        )
    )
    current = _fingerprints_then(report.symbols, renamed or {})
    if regressions:
        lost = tuple(
            symbol
            for key, symbol in current.items()
            if symbol.public and not symbol.documented and base.symbols.get(key, (False, False))[1]
        )
        results.append(
            GateResult(
                f"{label}-regressions",
                not lost,
                f"{len(lost)} public symbol(s) documented in the {label} are undocumented now",
                lost,
            )
        )
    if new_undocumented:
        added = tuple(
            symbol
            for key, symbol in current.items()
            if symbol.public and not symbol.documented and key not in base.symbols
        )
        results.append(
            GateResult(
                f"{label}-new-undocumented",
                not added,
                f"{len(added)} new public symbol(s) without documentation",
                added,
            )
        )
    return results


def _fingerprints_then(symbols: list[Symbol], renamed: Mapping[str, str]) -> dict[str, Symbol]:
    """Return the symbols by the fingerprint they had at the base (old paths of moved files)."""
    if not renamed:
        return fingerprints(symbols)
    pairs = [(replace(s, path=renamed.get(s.path, s.path)), s) for s in symbols]
    original = {id(then): now for then, now in pairs}
    return {key: original[id(then)] for key, then in fingerprints(t for t, _ in pairs).items()}


def gating_errors(report: CoverageReport, config: Config) -> list[FileError]:
    """Return the error entries that fail the gates: files that could not be analysed,
    and errors about a kind that counts (a stale export when exports count, say)."""
    kinds = config.output.counted_kinds()
    return [error for error in report.errors if error.counts_for(kinds)]


def unreadable(report: CoverageReport, config: Config) -> GateResult:
    """Fail on error entries: files that could not be analysed (what they hold cannot be
    judged), and stale exports, broken config files and API specs when their kind counts."""
    errors = gating_errors(report, config)
    names = ", ".join(f"{e.path} ({e.message})" for e in errors[:5])
    more = f" and {len(errors) - 5} more" if len(errors) > 5 else ""
    return GateResult("errors", False, f"{len(errors)} error(s) in files: {names}{more}")


def new_code(touched: list[Symbol], threshold: float) -> GateResult:
    """Fail when the symbols a change adds or modifies are documented under ``threshold``%."""
    tally = Tally.of(touched)
    undocumented = tuple(s for s in touched if not s.documented)
    passed = not under_threshold(tally.coverage, threshold)
    return GateResult(
        "new-code-fail-under",
        passed,
        f"{tally.documented} of {tally.total} changed symbol(s) documented"
        f" ({tally.coverage:.1f}%; at least {threshold:g}% required)",
        undocumented if not passed else (),
    )


def knowledge(
    silos: SilosReport,
    max_silos: int | None,
    min_bus_factor: int | None,
    base: Snapshot | None,
    no_new_silos: bool,
) -> list[GateResult]:
    """Apply the knowledge gates: how many silos, the repository's bus factor, new silos."""
    results = []
    silo_modules = sorted(m.module for m in silos.modules if m.silo)
    if max_silos is not None:
        results.append(
            GateResult(
                "max-silos",
                len(silo_modules) <= max_silos,
                f"{len(silo_modules)} silo module(s); at most {max_silos} allowed",
            )
        )
    if min_bus_factor is not None:
        factor = silos.repo.bus_factor
        results.append(
            GateResult(
                "min-bus-factor",
                factor >= min_bus_factor,
                f"repository bus factor {factor}; at least {min_bus_factor} required",
            )
        )
    if no_new_silos and base is not None and base.silos is not None:
        new = [m for m in silo_modules if m not in base.silos]
        results.append(
            GateResult(
                "no-new-silos",
                not new,
                f"{len(new)} new silo module(s)" + (f": {', '.join(new)}" if new else ""),
            )
        )
    return results
