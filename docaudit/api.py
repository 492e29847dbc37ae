"""The importable entry points that wire the stages together; the CLI calls these.

``coverage()`` measures documentation, ``coverage_at()`` does so for a commit read
from git objects, ``silos()`` reports who knows each module. Each takes a
``Config`` and returns a report of plain dataclasses.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from docaudit.baseline import DEFAULT_BASELINE, BaselineError
from docaudit.baseline import write as write_baseline
from docaudit.config import Config, load_config
from docaudit.discover import DiscoveryError, discover, discover_at, repository_root
from docaudit.model import AuditReport, CheckResult, CoverageReport, SilosReport

__all__ = [
    "DEFAULT_BASELINE",
    "audit",
    "BaselineError",
    "CheckError",
    "CheckResult",
    "DiscoveryError",
    "HistoryError",
    "baseline",
    "baseline_path",
    "check",
    "coverage",
    "coverage_at",
    "failed_gates",
    "hook",
    "load_settings",
    "silos",
    "write_baseline",
]


class HistoryError(Exception):
    """The history cannot be mined; the message says why and what to do, in one line."""


class CheckError(Exception):
    """A gate cannot be evaluated (no base commit, a shallow clone…); the message says why."""


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
    from docaudit import gate

    if config.fail_under is None:
        return []
    verdict = gate.fail_under(report, config.fail_under)
    return [] if verdict.passed else [verdict.message]


def coverage(
    paths: Sequence[str | Path], config: Config, with_symbols: bool = True
) -> CoverageReport:
    """Measure the documentation coverage of the Python files under ``paths``.

    With ``with_symbols=False`` the report has per-file tallies but no symbol list,
    which spares a warm run from rebuilding every symbol from the cache.
    """
    from docaudit.coverage_pipeline import measure

    return measure(discover(paths, config.exclude), config, with_symbols)


def coverage_at(
    commit: str, paths: Sequence[str | Path], config: Config, with_symbols: bool = True
) -> CoverageReport:
    """Measure the coverage of the files under ``paths`` as they are in ``commit``.

    The files are read from git objects: nothing is checked out.
    """
    from docaudit.coverage_pipeline import measure

    return measure(discover_at(commit, paths, config.exclude), config, with_symbols)


def silos(
    path: str | Path, config: Config, progress: Callable[[int], None] | None = None
) -> SilosReport:
    """Mine the history of the repository holding ``path`` and report who knows each module.

    Only files under ``path`` and present at ``config.rev`` count. ``progress`` is
    called with the number of commits read so far, now and then.
    """
    from docaudit.history.repository import HistoryError as MiningError
    from docaudit.silos_pipeline import report

    try:
        return report(Path(path), config, progress)
    except MiningError as error:
        raise HistoryError(str(error)) from None


def baseline(paths: Sequence[str | Path], config: Config) -> dict:
    """Return the baseline document for ``paths``: coverage, and silos if a gate needs them."""
    from docaudit.baseline import document

    report = coverage(paths, config)
    return document(report, _silos_for_gates(paths, config))


def baseline_path(paths: Sequence[str | Path]) -> Path:
    """Return where the baseline lives by default: at the root of the repository."""
    start = Path(paths[0]) if paths else Path(".")
    return (repository_root(start) or Path(".")) / DEFAULT_BASELINE


def default_baseline(paths: Sequence[str | Path], config: Config) -> Path | None:
    """Return the baseline file a check uses: configured, else the repository's, if any."""
    if config.baseline:
        return Path(config.baseline)
    candidate = baseline_path(paths)
    return candidate if candidate.is_file() else None


def check(paths: Sequence[str | Path], config: Config) -> CheckResult:
    """Audit ``paths`` and apply every configured gate; see ``docs/ci.md``."""
    from docaudit import baseline as baselines
    from docaudit import gate

    report = coverage(paths, config)
    result = CheckResult(report)
    if config.fail_under is not None:
        result.gates.append(gate.fail_under(report, config.fail_under))
    silos_now = _silos_for_gates(paths, config)
    result.silos = silos_now
    knowledge_base = None
    baseline_file = default_baseline(paths, config)
    if baseline_file is not None:
        stored = baselines.read(baseline_file)
        knowledge_base = stored
        result.gates += gate.against(
            report, stored, "baseline", config.max_drop,
            config.fail_on_regression, config.fail_on_new_undocumented,
        )  # fmt: skip
    base_commit = None
    if config.compare_ref:
        base_commit = _base_commit(paths, config.compare_ref)
        at_base = coverage_at(base_commit, paths, config)
        base_silos = None
        if silos_now is not None:
            base_silos = silos(paths[0] if paths else ".", _at(config, base_commit))
        knowledge_base = baselines.snapshot_of(at_base, base_silos)
        result.gates += gate.against(
            report, knowledge_base, "base", config.max_drop,
            config.fail_on_regression, config.fail_on_new_undocumented,
        )  # fmt: skip
    if config.new_code_fail_under is not None:
        result.changed = _changed_symbols(paths, report, base_commit or "HEAD")
        result.gates.append(gate.new_code(result.changed, config.new_code_fail_under))
    if silos_now is not None:
        result.gates += gate.knowledge(
            silos_now, config.max_silos, config.min_bus_factor,
            knowledge_base, config.no_new_silos,
        )  # fmt: skip
    if not result.gates:
        result.notices.append(
            "no gate is configured: set fail-under, a baseline, compare-ref,"
            " new-code-fail-under or a knowledge gate (see docs/ci.md)"
        )
    return result


def _silos_for_gates(paths: Sequence[str | Path], config: Config) -> SilosReport | None:
    """Return the silos report when a knowledge gate is configured, else ``None``."""
    wanted = (
        config.max_silos is not None or config.min_bus_factor is not None or config.no_new_silos
    )
    return silos(paths[0] if paths else ".", config) if wanted else None


def _at(config: Config, commit: str) -> Config:
    """Return the settings with the audited revision set to ``commit``."""
    return config.with_overrides({"rev": commit})


def _base_commit(paths: Sequence[str | Path], ref: str) -> str:
    """Return the merge base of ``ref`` and HEAD, refusing shallow clones with the fix."""
    from docaudit.gitobjects import GitObjectError, is_shallow, merge_base

    start = Path(paths[0]) if paths else Path(".")
    root = repository_root(start)
    if root is None:
        raise CheckError(f"--compare-ref needs a git repository: {start} is not in one")
    if is_shallow(str(root)):
        raise CheckError(
            f"{root} is a shallow clone, so the merge base with {ref} may be missing: fetch"
            " the whole history (git fetch --unshallow; in GitHub Actions, actions/checkout"
            " with fetch-depth: 0)"
        )
    try:
        return merge_base(str(root), ref)
    except GitObjectError as error:
        raise CheckError(str(error)) from None


def _changed_symbols(paths: Sequence[str | Path], report: CoverageReport, base: str) -> list:
    """Return the symbols of ``report`` that the change since ``base`` adds or modifies."""
    from docaudit.changes import ChangeError, changed_lines, touched_symbols

    try:
        change = changed_lines(Path(report.root), base, staged=False)
    except ChangeError as error:
        raise CheckError(str(error)) from None
    return touched_symbols(report.symbols, change)


def hook(paths: Sequence[str | Path], config: Config, strict: bool = False) -> CheckResult:
    """The pre-commit check: fail when the staged change adds or modifies an undocumented
    public symbol in ``paths`` (``strict``: any undocumented public symbol in them).

    Files are read as staged, and only the staged diff decides what changed, so legacy
    code elsewhere in a file never blocks a commit. Each file is judged alone, so
    pre-commit may split the file list into batches.
    """
    from docaudit.changes import ChangeError, changed_lines, touched_symbols
    from docaudit.coverage_pipeline import measure
    from docaudit.discover import discover_staged
    from docaudit.gate import GateResult

    found = discover_staged(paths, config.exclude)
    report = measure(found, config)
    if strict or not found.files:
        candidates = report.symbols
    else:
        try:
            change = changed_lines(
                found.root, None, staged=True, paths=[f.path for f in found.files]
            )
        except ChangeError as error:
            raise CheckError(str(error)) from None
        candidates = touched_symbols(report.symbols, change)
    failing = tuple(s for s in candidates if s.public and not s.documented)
    what = "in the staged files" if strict else "added or changed by the staged change"
    message = f"{len(failing)} undocumented public symbol(s) {what}"
    return CheckResult(report, [GateResult("pre-commit", not failing, message, failing)])


def audit(
    path: str | Path, config: Config, progress: Callable[[int], None] | None = None
) -> AuditReport:
    """Audit ``path``: coverage, silos, the import graph and risk, modules riskiest first.

    Outside git, documentation is still audited and a notice says that ownership
    needs git history.
    """
    from docaudit.audit_pipeline import run

    return run(Path(path), config, progress)
