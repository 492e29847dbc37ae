"""The gates pipeline: ``docaudit check``, ``docaudit baseline`` and the pre-commit hook.

A check audits the paths, then applies each configured gate against a threshold,
the baseline file, the merge base of a ref, the changed code, or the silos. A gate
that cannot be evaluated (no baseline silos for ``no-new-silos``, a shallow clone
for ``compare-ref``, no git for changed code) is an error, never a silent pass.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docaudit.config.settings import DEFAULT_BASELINE, KIND_GROUPS, Config
from docaudit.discover.files import discover_staged, relative_path, repository_root
from docaudit.errors import CheckError, GitError
from docaudit.gates import baseline as baselines
from docaudit.gates import thresholds as gate
from docaudit.git.changes import EMPTY_TREE, Change, changed_lines, touched_symbols
from docaudit.git.objects import is_shallow, merge_base, verify_commit, why_no_work_tree
from docaudit.model.checks import BaselineWritten, CheckResult
from docaudit.model.coverage import CoverageReport
from docaudit.model.ownership import SilosReport
from docaudit.pipeline.coverage import coverage_at, coverage_of, measure
from docaudit.pipeline.silos import report as silos_report
from docaudit.safeio import check_write_target


def baseline_file(paths: Sequence[str | Path], config: Config) -> Path:
    """Return the baseline's path: the configured one (relative paths from the repository
    root), else ``.docaudit-baseline.json`` at the root."""
    root = _root(paths) or Path(".")
    if config.gates.baseline:
        configured = Path(config.gates.baseline)
        return configured if configured.is_absolute() else root / configured
    return root / DEFAULT_BASELINE


def write_baseline(
    paths: Sequence[str | Path], config: Config, target: Path | None
) -> BaselineWritten:
    """Write the baseline for ``paths`` (atomically) and return where, with its coverage.

    A destination that is a symbolic link, or in a folder that links out of the
    repository, is refused before anything is audited.
    """

    destination = target or baseline_file(paths, config)
    root = _root(paths)
    try:
        check_write_target(destination, root)
    except OSError as error:
        raise CheckError(f"{destination}: cannot write the baseline: {error.strerror}") from None
    report = coverage_of(paths, config)
    content = baselines.document(report, _silos_for_gates(paths, config))
    content["scope"] = _scope(paths)
    content["commit"] = _head(paths)
    try:
        baselines.write(destination, content, root)
    except OSError as error:
        raise CheckError(f"{destination}: cannot write the baseline: {error.strerror}") from None
    return BaselineWritten(destination, report.summary)


def run(paths: Sequence[str | Path], config: Config) -> CheckResult:
    """Audit ``paths`` and apply every configured gate; see ``docs/ci.md``."""

    report = coverage_of(paths, config)
    result = CheckResult(report)
    if config.gates.fail_on_errors and gate.gating_errors(report, config):
        result.gates.append(gate.unreadable(report, config))
    if config.gates.fail_under is not None:
        result.gates.append(gate.fail_under(report, config.gates.fail_under))
    result.silos = _silos_for_gates(paths, config)
    knowledge_base = None
    stored_file = baseline_file(paths, config)
    if config.gates.baseline or stored_file.is_file():
        stored = baselines.read(stored_file, _reading_root(stored_file, paths))
        if stored.scope is not None and stored.scope != _scope(paths):
            raise CheckError(
                f"{stored_file}: the baseline covers {', '.join(stored.scope)} but this check"
                f" audits {', '.join(_scope(paths))}; write the baseline for the same paths"
            )
        knowledge_base = stored
        renamed = _baseline_renames(report, stored.commit, f"{stored_file}: commit", result)
        result.gates += _against(report, stored, "baseline", config, renamed)
    base_commit = None
    if config.gates.compare_ref:
        base_commit = _base_commit(paths, config.gates.compare_ref)
        at_base = coverage_at(base_commit, paths, config)
        base_silos = None
        if result.silos is not None:
            base_silos = silos_report(
                Path(_first(paths)), config.with_overrides({"rev": base_commit})
            )
        knowledge_base = baselines.snapshot_of(at_base, base_silos)
        renamed = _renames(report, base_commit)
        result.gates += _against(report, knowledge_base, "base", config, renamed)
    if config.gates.new_code_fail_under is not None:
        change = _change(report, base_commit or _head(paths) or EMPTY_TREE, staged=False)
        result.changed = touched_symbols(report.symbols, change)
        result.gates.append(gate.new_code(result.changed, config.gates.new_code_fail_under))
    if result.silos is not None:
        if config.gates.no_new_silos and (knowledge_base is None or knowledge_base.silos is None):
            raise CheckError(
                "no-new-silos needs silos to compare with: --compare-ref, or a baseline"
                " written with a knowledge gate configured (docaudit baseline --no-new-silos)"
            )
        result.gates += gate.knowledge(
            result.silos, config.gates.max_silos, config.gates.min_bus_factor,
            knowledge_base, config.gates.no_new_silos,
        )  # fmt: skip
    if not result.gates:
        result.notices.append(
            "no gate is configured: set fail-under, a baseline, compare-ref,"
            " new-code-fail-under or a knowledge gate (see docs/ci.md)"
        )
    return result


def hook(paths: Sequence[str | Path], config: Config, strict: bool = False) -> CheckResult:
    """The pre-commit check: fail when the staged change adds or modifies an undocumented
    public symbol in ``paths`` (``strict``: any undocumented public symbol in them).

    Files are read as staged, and only the staged diff decides what changed, so legacy
    code elsewhere in a file never blocks a commit. Each file is judged alone, so
    pre-commit may split the file list into batches.
    """

    found = discover_staged(paths, config.sources.exclude)
    report = measure(found, config).report
    if strict or not found.files:
        candidates = [s for s in report.symbols if s.kind in KIND_GROUPS["code"]]
    else:
        candidates = touched_symbols(report.symbols, _change(report, None, staged=True))
    failing = tuple(s for s in candidates if s.public and not s.documented)
    what = "in the staged files" if strict else "added or changed by the staged change"
    message = f"{len(failing)} undocumented public symbol(s) {what}"
    gates = [gate.GateResult("pre-commit", not failing, message, failing)]
    if any(error.kind is None for error in report.errors):
        gates.append(gate.unreadable(report, config.replaced(kinds=("code",))))
    return CheckResult(report, gates)


def _against(
    report: CoverageReport,
    base: baselines.Snapshot,
    label: str,
    config: Config,
    renamed: dict[str, str],
) -> list[gate.GateResult]:
    """Compare with a baseline or base commit, files renamed since read under their old name."""
    return gate.against(
        report, base, label, config.gates.max_drop,
        config.gates.fail_on_regression, config.gates.fail_on_new_undocumented, renamed,
    )  # fmt: skip


def _baseline_renames(
    report: CoverageReport, commit: str | None, what: str, result: CheckResult
) -> dict[str, str]:
    """Return the files renamed since the baseline's ``commit``, once git has verified it.

    The commit comes from a file a pull request can edit, so it reaches ``git diff``
    only as the id ``verify_commit`` returns; one that names no commit here (history
    rewritten, a shallow clone, or a hostile value) leaves renames unfollowed, with a
    notice.
    """
    if not commit or repository_root(Path(report.root)) is None:
        return {}
    try:
        verified = verify_commit(report.root, commit, what)
    except GitError as error:
        result.notices.append(f"{error}: files renamed since the baseline are not followed")
        return {}
    return _renames(report, verified)


def _renames(report: CoverageReport, commit: str | None) -> dict[str, str]:
    """Return the files renamed since ``commit`` (new path → old path), if it is known."""
    if not commit:
        return {}
    try:
        return _change(report, commit, staged=False).renamed
    except CheckError:
        return {}


def _change(report: CoverageReport, base: str | None, staged: bool) -> Change:
    """Return the change against ``base``, or raise ``CheckError`` outside git."""
    if repository_root(Path(report.root)) is None:
        cause = why_no_work_tree(report.root)
        raise CheckError(f"{report.root}: {cause}: changed code needs git")
    try:
        return changed_lines(Path(report.root), base, staged=staged)
    except GitError as error:
        raise CheckError(str(error)) from None


def _silos_for_gates(paths: Sequence[str | Path], config: Config) -> SilosReport | None:
    """Return the silos report when a knowledge gate is configured, else ``None``."""
    wanted = (
        config.gates.max_silos is not None
        or config.gates.min_bus_factor is not None
        or config.gates.no_new_silos
    )
    return silos_report(Path(_first(paths)), config) if wanted else None


def _base_commit(paths: Sequence[str | Path], ref: str) -> str:
    """Return the merge base of ``ref`` and HEAD, refusing shallow clones with the fix."""
    root = _root(paths)
    if root is None:
        cause = why_no_work_tree(str(_first(paths)))
        raise CheckError(f"--compare-ref needs a git repository: {_first(paths)}: {cause}")
    if is_shallow(str(root)):
        raise CheckError(
            f"{root} is a shallow clone, so the merge base with {ref} may be missing: fetch"
            " the whole history (git fetch --unshallow; in GitHub Actions, actions/checkout"
            " with fetch-depth: 0)"
        )
    try:
        return merge_base(str(root), ref)
    except GitError as error:
        raise CheckError(str(error)) from None


def _reading_root(stored_file: Path, paths: Sequence[str | Path]) -> Path:
    """Return the folder a baseline must resolve inside: the repository, for a file under
    it (a committed link out of it is refused), else the folder the user named."""
    root = _root(paths)
    if root is not None and stored_file.absolute().is_relative_to(root):
        return root
    return stored_file.absolute().parent


def _first(paths: Sequence[str | Path]) -> Path:
    """Return the first path audited (the current folder when none is given)."""
    return Path(paths[0]) if paths else Path(".")


def _root(paths: Sequence[str | Path]) -> Path | None:
    """Return the repository root of the audited paths, or ``None`` outside git."""
    return repository_root(_first(paths))


def _scope(paths: Sequence[str | Path]) -> list[str]:
    """Return the audited paths relative to the repository root, sorted (``.`` for it)."""

    root = _root(paths) or Path.cwd()
    return sorted({relative_path(Path(p), root) or "." for p in (paths or ["."])})


def _head(paths: Sequence[str | Path]) -> str | None:
    """Return the commit HEAD points at, or ``None`` (no git, no commits)."""
    root = _root(paths)
    if root is None:
        return None
    try:
        return verify_commit(str(root), "HEAD", "HEAD")
    except GitError:
        return None
