"""The importable entry points that wire the stages together; the CLI calls these."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from docaudit.cache import Cache, Counted, blob_id
from docaudit.config import Config, load_config
from docaudit.discover import DiscoveryError, discover, repository_root
from docaudit.docs.counting import Counter
from docaudit.docs.names import module_name_for
from docaudit.gate import under_threshold
from docaudit.model import (
    CoverageReport,
    FileCoverage,
    FileError,
    ParsedModule,
    SourceFile,
    Symbol,
    Tally,
)

_POOL_THRESHOLD = 24


@dataclass(frozen=True, slots=True)
class _Job:
    """One file to parse: where it is, what module it is, and its content key."""

    path: str
    abspath: str
    module: str
    package: str
    key: str


__all__ = ["DiscoveryError", "coverage", "failed_gates", "load_settings"]


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
    """Return why the report fails the configured gates; empty when it passes."""
    failures = []
    coverage_now = report.summary.coverage
    if config.fail_under is not None and under_threshold(coverage_now, config.fail_under):
        failures.append(
            f"coverage {coverage_now:.1f}% is under --fail-under {config.fail_under:g}%"
        )
    return failures


def coverage(
    paths: Sequence[str | Path], config: Config, with_symbols: bool = True
) -> CoverageReport:
    """Measure the documentation coverage of the Python files under ``paths``.

    With ``with_symbols=False`` the report has per-file tallies but no symbol list,
    which spares a warm run from rebuilding every symbol from the cache.
    """
    found = discover(paths, config.exclude)
    cache = Cache(found.root, enabled=config.cache)
    jobs, errors = _jobs_for(found.root, found.files)
    counted = _count(jobs, config, cache, with_symbols)
    cache.save()
    symbols: list[Symbol] = []
    files: list[FileCoverage] = []
    for job in jobs:
        outcome = counted[job.path]
        if isinstance(outcome, str):
            errors.append(FileError(job.path, outcome))
        elif outcome.tally.total:
            symbols.extend(outcome.symbols or ())
            files.append(FileCoverage(job.path, outcome.tally))
    summary = Tally(sum(f.tally.total for f in files), sum(f.tally.missing for f in files))
    all_errors = sorted(found.errors + errors, key=lambda e: (e.path, e.message))
    return CoverageReport(
        str(found.root), summary, files, symbols, all_errors, list(config.notices)
    )


def _count(
    jobs: list[_Job], config: Config, cache: Cache, with_symbols: bool
) -> dict[str, Counted | str]:
    """Return each file's count (or why it cannot be analysed), cached by counting options.

    With ``inherit-docstrings`` a file's count depends on other files' classes, so
    every file is counted afresh from its (cached) parse.
    """
    results: dict[str, Counted | str] = {}
    digest = config.counting_digest()
    cross_file = config.counting().inherit_docstrings
    if not cross_file:
        stored = cache.counts((f"{job.key}:{digest}" for job in jobs), with_symbols)
        for job in jobs:
            counted = stored.get(f"{job.key}:{digest}")
            if counted is not None:
                for symbol in counted.symbols or ():
                    symbol.path = job.path
                results[job.path] = counted
    todo = [job for job in jobs if job.path not in results]
    parsed = parse_files(todo, cache)
    if cross_file:
        from docaudit.docs.inheritance import ClassIndex

        modules = {p.module.name: p for p in parsed.values() if not isinstance(p, str)}
        counter = Counter(config, ClassIndex(modules).inherited_doc)
    else:
        counter = Counter(config)
    for job in todo:
        outcome = parsed[job.path]
        if isinstance(outcome, str):
            results[job.path] = outcome
            continue
        symbols = counter.count(job.path, outcome)
        results[job.path] = Counted(Tally.of(symbols), symbols)
        if not cross_file:
            cache.put_counts(f"{job.key}:{digest}", symbols)
    return results


def _jobs_for(root: Path, files: Iterable[SourceFile]) -> tuple[list[_Job], list[FileError]]:
    """Name each file's module and content key (git's blob id, or the hash of its bytes)."""
    packages = _PackageDirs(root)
    jobs: list[_Job] = []
    errors: list[FileError] = []
    for source in files:
        module, package = module_name_for(source.path, packages)
        content_id = source.blob_id
        if content_id is None:
            try:
                content_id = blob_id(_read(source.abspath))
            except OSError as error:
                errors.append(FileError(source.path, f"cannot read: {error.strerror}"))
                continue
        jobs.append(_Job(source.path, source.abspath, module, package, f"{content_id}:{module}"))
    return jobs, errors


def parse_files(jobs: list[_Job], cache: Cache) -> dict[str, ParsedModule | str]:
    """Parse each file once: from the cache where it is there, in parallel where not."""
    stored = cache.parses(job.key for job in jobs)
    results: dict[str, ParsedModule | str] = {}
    todo = []
    for job in jobs:
        if job.key in stored:
            results[job.path] = stored[job.key]
        else:
            todo.append(job)
    for job, outcome in _parse_all(todo):
        results[job.path] = outcome
        cache.put_parse(job.key, outcome)
    return results


def _parse_all(todo: list[_Job]) -> list[tuple[_Job, ParsedModule | str]]:
    """Parse the files in ``todo``, over a process pool when there are many."""
    workers = min(os.cpu_count() or 1, 8)
    if len(todo) < _POOL_THRESHOLD or workers < 2:
        return [(job, _parse_one(job)) for job in todo]
    from concurrent.futures import ProcessPoolExecutor

    chunksize = max(1, len(todo) // (workers * 8))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        outcomes = list(pool.map(_parse_one, todo, chunksize=chunksize))
    return list(zip(todo, outcomes, strict=True))


def _parse_one(job: _Job) -> ParsedModule | str:
    """Read and parse one file; return the reason as a string when it cannot be analysed."""
    from docaudit.docs.python import AnalysisError, analyse_python

    try:
        return analyse_python(_read(job.abspath), job.module, job.package)
    except AnalysisError as error:
        return str(error)
    except OSError as error:
        return f"cannot read: {error.strerror}"


def _read(abspath: str) -> bytes:
    """Return a file's bytes."""
    with open(abspath, "rb") as handle:
        return handle.read()


class _PackageDirs:
    """Answers "is this directory a Python package?" from the file system, remembered."""

    def __init__(self, root: Path) -> None:
        """Start with nothing known about the directories under ``root``."""
        self.root = root
        self._known: dict[str, bool] = {}

    def __contains__(self, directory: object) -> bool:
        """Tell whether ``directory`` (relative to the root) holds an ``__init__.py``."""
        if not isinstance(directory, str):
            return False
        known = self._known.get(directory)
        if known is None:
            known = self._known[directory] = os.path.isfile(
                os.path.join(self.root, directory, "__init__.py")
            )
        return known
