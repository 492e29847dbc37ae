"""The importable entry points that wire the stages together; the CLI calls these."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from docaudit.cache import Cache, Counted, blob_id
from docaudit.config import Config, load_config
from docaudit.discover import DiscoveryError, discover, repository_root
from docaudit.docs.counting import Counter
from docaudit.docs.names import module_name_for
from docaudit.gate import under_threshold
from docaudit.history.log import History
from docaudit.model import (
    CoverageReport,
    FileCoverage,
    FileError,
    ParsedModule,
    SilosReport,
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


__all__ = [
    "DiscoveryError",
    "HistoryError",
    "coverage",
    "failed_gates",
    "load_settings",
    "silos",
]


class HistoryError(Exception):
    """The history cannot be mined; the message says why and what to do, in one line."""


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


def silos(
    path: str | Path, config: Config, progress: Callable[[int], None] | None = None
) -> SilosReport:
    """Mine the history of the repository holding ``path`` and report who knows each module.

    Only files under ``path`` and present at ``config.rev`` count. ``progress`` is
    called with the number of commits read so far, now and then.
    """
    from docaudit.history import repository

    try:
        repo = repository.Repository(Path(path))
        return _silos(repo, Path(path), config, progress)
    except repository.HistoryError as error:
        raise HistoryError(str(error)) from None


def _silos(repo, path: Path, config: Config, progress) -> SilosReport:
    """Check the repository, mine its history and build the report (see ``silos``)."""
    from docaudit.history.log import History, MiningOptions
    from docaudit.history.scope import files_in_scope
    from docaudit.history.silos import OwnershipSettings, build_report

    notices: list[str] = []
    if not config.allow_shallow and repo.is_shallow():
        raise HistoryError(
            f"{repo.root} is a shallow clone, so its history is cut short: fetch all of it "
            "with 'git fetch --unshallow' (in GitHub Actions, actions/checkout with "
            "fetch-depth: 0), or pass --allow-shallow"
        )
    head = repo.resolve(config.rev)
    settings = OwnershipSettings(
        aliases=dict(config.aliases),
        bots=config.bots,
        include_bots=config.include_bots,
        half_life_days=config.knowledge_half_life,
        inactive_after_days=config.inactive_after,
        departed=config.departed,
        module_depth=config.module_depth,
        module_patterns=config.modules,
    )
    root = str(repo.root)
    if head is None:
        empty = History("", {}, {}, {})
        report = build_report(root, empty, {}, set(), settings)
        report.notices.append(f"{repo.root} has no commits yet")
        return report
    under = _relative_to(path, repo.root)
    cache = Cache(repo.root, enabled=config.cache)
    report_key = _report_key(head, under, config)
    cached = cache.report(report_key)
    if cached is not None:
        return cached
    tree, submodules = repo.tree(head)
    if submodules:
        notices.append(f"skipped {len(submodules)} submodule(s): {', '.join(sorted(submodules))}")
    blobs = {f.path: f.blob_id for f in tree}
    scoped = files_in_scope(
        blobs, under, (*config.vendored, *config.exclude), config.default_excludes
    )
    options = MiningOptions(
        since=config.since,
        until=config.until,
        coauthors=config.coauthors,
        ignored_revs=_ignored_revs(repo, head, blobs) if config.ignore_revs else frozenset(),
        bulk_limit=config.bulk_limit,
    )
    history = _history(repo, head, set(blobs), options, cache, progress)
    lines = repo.line_counts(sorted({blobs[p] for p in scoped}))
    package_dirs = {p.rpartition("/")[0] for p in blobs if p.rpartition("/")[2] == "__init__.py"}
    report = build_report(
        root, history, {p: lines.get(blobs[p], 0) for p in scoped}, package_dirs, settings
    )
    report.notices[:0] = notices
    cache.put_report(report_key, report)
    cache.save()
    return report


def _report_key(head: str, under: str, config: Config) -> str:
    """Return the cache key of a silos report: the commit, the folder and every setting."""
    import hashlib
    from dataclasses import fields

    settings = [(f.name, getattr(config, f.name)) for f in fields(config) if f.name != "notices"]
    text = repr((head, under, settings))
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def _history(repo, head: str, live: set[str], options, cache: Cache, progress) -> History:
    """Return the history up to ``head``: from the cache, extended by newer commits, or mined.

    A cached history is used as it is when it reached ``head``, extended when ``head``
    descends from the commit it reached, and mined again when history was rewritten.
    """
    from docaudit.history.log import extend, mine

    key = _mining_key(options)
    stored = cache.history(key)
    if stored is not None and stored.head == head:
        return stored
    if stored is not None and not options.until and repo.is_ancestor(stored.head, head):
        history = extend(mine(repo, head, live, options, progress, after=stored.head), stored)
    else:
        history = mine(repo, head, live, options, progress)
    cache.put_history(key, history)
    return history


def _mining_key(options) -> str:
    """Return the cache key of a set of mining options."""
    import hashlib

    text = repr(
        (
            options.since,
            options.until,
            options.coauthors,
            sorted(options.ignored_revs),
            options.bulk_limit,
        )
    )
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def _ignored_revs(repo, head: str, blobs: dict[str, str]) -> frozenset[str]:
    """Return the commits listed in ``.git-blame-ignore-revs`` at ``head``."""
    blob = blobs.get(".git-blame-ignore-revs")
    if blob is None:
        return frozenset()
    text = repo.read_blob(blob)
    revs = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return frozenset(rev.lower() for rev in revs if len(rev) >= 7)


def _relative_to(path: Path, root: Path) -> str:
    """Return ``path`` relative to the repository root, ``""`` for the root itself."""
    try:
        relative = path.resolve().relative_to(root.resolve())
    except ValueError:
        return ""
    return "" if str(relative) == "." else relative.as_posix()
