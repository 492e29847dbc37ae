"""The importable entry points that wire the stages together; the CLI calls these.

``coverage()`` measures documentation, ``coverage_at()`` does so for a commit read
from git objects, ``silos()`` reports who knows each module. Each takes a
``Config`` and returns a report of plain dataclasses.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from docaudit.config.loading import load_config
from docaudit.config.settings import DEFAULT_BASELINE, Config
from docaudit.discover.files import repository_root
from docaudit.errors import HistoryError
from docaudit.model.coverage import CoverageReport
from docaudit.pipeline import coverage as coverage_pipeline
from docaudit.safeio import write_file

if TYPE_CHECKING:
    from docaudit.model.audit import AuditReport
    from docaudit.model.checks import BaselineWritten, CheckResult
    from docaudit.model.ownership import SilosReport

__all__ = [
    "DEFAULT_BASELINE",
    "audit",
    "CheckResult",
    "baseline",
    "check",
    "configuration",
    "coverage",
    "coverage_at",
    "failed_gates",
    "hook",
    "load_settings",
    "output_root",
    "silos",
    "write_output",
]


def __getattr__(name: str) -> object:
    """Return ``CheckResult`` (exported here) from ``model.checks``, imported on first use."""
    if name == "CheckResult":
        from docaudit.model.checks import CheckResult  # with the gates: see failed_gates

        return CheckResult
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load_settings(
    paths: Sequence[Path], config_file: Path | None, overrides: dict[str, object]
) -> Config:
    """Read the settings that apply to ``paths`` and lay ``overrides`` (CLI flags) over them.

    The nearest ``docaudit.toml`` or ``pyproject.toml`` from the first path up to the
    repository root is used, unless ``config_file`` names one.
    """
    start = paths[0] if paths else Path(".")
    stop = repository_root(start) or (start if start.is_dir() else start.parent)
    return load_config(start, stop, config_file).with_overrides(overrides)


def failed_gates(report: CoverageReport, config: Config) -> list[str]:
    """Return why the report fails ``fail-under``; empty when it passes or none is set."""
    if config.gates.fail_under is None:
        return []
    # the gates and their types: 5 ms that a coverage run without fail-under never needs
    from docaudit.gates import thresholds as gate

    verdict = gate.fail_under(report, config.gates.fail_under)
    return [] if verdict.passed else [verdict.message]


def coverage(
    paths: Sequence[str | Path], config: Config, with_symbols: bool = True
) -> CoverageReport:
    """Measure the documentation coverage of the Python files under ``paths``.

    With ``with_symbols=False`` the report has per-file tallies but no symbol list,
    which spares a warm run from rebuilding every symbol from the cache.
    """
    return coverage_pipeline.coverage_of(paths, config, with_symbols)


def configuration(paths: Sequence[str | Path], config: Config) -> CoverageReport:
    """Find the environment variables and config-file keys under ``paths``.

    The report is a coverage report in which those two kinds are the counted ones.
    """
    return coverage(paths, config.replaced(kinds=("env", "config")), with_symbols=True)


def coverage_at(
    commit: str, paths: Sequence[str | Path], config: Config, with_symbols: bool = True
) -> CoverageReport:
    """Measure the coverage of the files under ``paths`` as they are in ``commit``.

    The files are read from git objects: nothing is checked out.
    """
    return coverage_pipeline.coverage_at(commit, paths, config, with_symbols)


def silos(
    path: str | Path, config: Config, progress: Callable[[int], None] | None = None
) -> SilosReport:
    """Mine the history of the repository holding ``path`` and report who knows each module.

    Only files under ``path`` and present at ``config.history.rev`` count. ``progress`` is
    called with the number of commits read so far, now and then.
    """
    from docaudit.pipeline import silos as silos_pipeline  # 8 ms a coverage run skips

    return silos_pipeline.report(Path(path), config, progress)


def output_root(output: Path, targets: Sequence[str | Path]) -> Path:
    """Return the folder a report or badge at ``output`` must not escape through a link:
    the repository of an audited path when ``output`` lies in it, else the working folder.
    """
    for target in targets:
        root = repository_root(Path(target))
        if root is not None and output.absolute().is_relative_to(root):
            return root
    return Path.cwd()


def write_output(output: Path, data: bytes, targets: Sequence[str | Path]) -> None:
    """Write a report to ``output`` atomically, never through a link planted in the
    audited repository or the working folder (see ``safeio.write_file``)."""

    write_file(output, data, output_root(output, targets))


def baseline(
    paths: Sequence[str | Path], config: Config, target: Path | None = None
) -> BaselineWritten:
    """Write the baseline for ``paths`` (coverage, silos if a gate needs them) atomically,
    to ``target`` or where the settings say; return where, with the coverage it records."""
    from docaudit.pipeline import check as check_pipeline  # 12 ms a coverage run skips

    return check_pipeline.write_baseline(paths, config, target)


def check(paths: Sequence[str | Path], config: Config) -> CheckResult:
    """Audit ``paths`` and apply every configured gate; see ``docs/ci.md``."""
    from docaudit.pipeline import check as check_pipeline  # 12 ms a coverage run skips

    return check_pipeline.run(paths, config)


def hook(paths: Sequence[str | Path], config: Config, strict: bool = False) -> CheckResult:
    """The pre-commit check on the staged change to ``paths`` (see ``pipeline.check.hook``)."""
    from docaudit.pipeline import check as check_pipeline  # 12 ms a coverage run skips

    return check_pipeline.hook(paths, config, strict)


def audit(
    path: str | Path, config: Config, progress: Callable[[int], None] | None = None
) -> AuditReport:
    """Audit ``path``: coverage, silos, the import graph and risk, modules riskiest first.

    Outside git, documentation is still audited and a notice says that ownership
    needs git history. A ``departed`` person who is none of the history's authors raises
    ``HistoryError`` naming the closest; likely aliases are one notice line.
    """

    # the audit pipeline and the silos' notices: 26 ms that a coverage run skips
    from docaudit.history.silos import alias_notice, unknown_departed
    from docaudit.pipeline import audit as audit_pipeline

    report = audit_pipeline.run(Path(path), config, progress)
    if report.silos is not None:
        unknown = unknown_departed(report.silos, config.history.departed)
        if unknown is not None:
            raise HistoryError(unknown)
        notice = alias_notice(report.silos)
        if notice is not None:
            report.notices.append(notice)
    return report
