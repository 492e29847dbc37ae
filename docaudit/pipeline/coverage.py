"""The documentation pipeline: files in, a coverage report out.

Each file is parsed once (from the cache where its content was seen before, over a
process pool where not) and counted once per set of counting options. The files
come from the work tree (``discover``, read through ``safeio``) or straight from a
commit's git objects; one over ``max-source-bytes`` is an error entry, never parsed.
The pool's workers die with the process that started them.
"""

from __future__ import annotations

import os
import time
from collections.abc import Container, Sequence
from dataclasses import dataclass
from pathlib import Path

from docaudit.analysers.apis.exports import ExportFacts
from docaudit.analysers.collectors import load_collectors
from docaudit.analysers.python.counting import Counter
from docaudit.analysers.python.inheritance import ClassIndex
from docaudit.analysers.python.names import module_name_for
from docaudit.analysers.python.parse import analyse_python
from docaudit.cache.store import Cache, Counted, blob_id, encode_facts, encode_parse
from docaudit.config.settings import Config
from docaudit.discover.files import discover, discover_at
from docaudit.errors import AnalysisError, FileTooLargeError
from docaudit.git.objects import blobs
from docaudit.model.coverage import CoverageReport, FileCoverage, KindTally, Tally
from docaudit.model.discovery import Discovery
from docaudit.model.symbols import FileError, FileFacts, ParsedModule, SourceFile, Symbol
from docaudit.pipeline.surface import prepare, survey
from docaudit.safeio import read_file

_POOL_THRESHOLD = 24
_RACY_NS = 2_000_000_000
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True, slots=True)
class _Job:
    """One file to parse: where it is, what module it is, and its content key.

    ``abspath`` is empty for a file read from git objects; ``data`` then carries it.
    """

    path: str
    abspath: str
    module: str
    package: str
    key: str
    blob_id: str | None = None
    data: bytes | None = None


def coverage_of(
    paths: Sequence[str | Path], config: Config, with_symbols: bool = True
) -> CoverageReport:
    """Measure the files under ``paths`` in the work tree, with the doc and data files."""
    return measure(
        discover(paths, config.sources.exclude, with_resources=True), config, with_symbols
    )


def coverage_at(
    commit: str, paths: Sequence[str | Path], config: Config, with_symbols: bool = True
) -> CoverageReport:
    """Measure the files under ``paths`` as they are in ``commit``, read from git objects."""
    return measure(discover_at(commit, paths, config.sources.exclude), config, with_symbols)


def measure(
    found: Discovery,
    config: Config,
    with_symbols: bool = True,
    parses: dict[str, ParsedModule] | None = None,
) -> CoverageReport:
    """Return the coverage report of the files ``discover`` (or ``discover_at``) found.

    Given a ``parses`` dict, fill it with each file's parse (for the import graph):
    the ones this run parsed, the others from the cache, none parsed twice.
    """
    cache = Cache(found.root, enabled=config.sources.cache)
    packages = found.package_dirs if found.package_dirs is not None else _PackageDirs(found.root)
    jobs, errors = _jobs_for(found, packages, cache, config.sources.max_source_bytes)
    key = _survey_key(found, jobs, config)
    surface = cache.survey(key) if key is not None else None
    facts: dict[str, FileFacts] = {}
    counted, parsed = _count(jobs, config, cache, with_symbols, facts, keep=parses is not None)
    if parses is not None:
        rest = [job for job in jobs if job.path not in parsed]
        parsed.update(
            parse_files(rest, cache, cache.root, facts, config.sources.max_source_bytes)[0]
        )
        parses.update({path: p for path, p in parsed.items() if not isinstance(p, str)})
    symbols: list[Symbol] = []
    files: list[FileCoverage] = []
    for job in jobs:
        outcome = counted[job.path]
        if isinstance(outcome, str):
            errors.append(FileError(job.path, outcome))
        elif outcome.tally.total:
            symbols.extend(outcome.symbols or ())
            files.append(FileCoverage(job.path, outcome.tally))
    if surface is None:
        prepared = None
        if found.resources is not None:
            prepared = prepare(found.root, found.resources, config, found.scope)
        stored = cache.facts(job.key for job in jobs if job.path not in facts)
        for job in jobs:
            if job.key in stored:
                facts[job.path] = stored[job.key]
        modules = {job.path: (job.module, facts[job.path]) for job in jobs if job.path in facts}
        code = symbols if with_symbols else _reexported(jobs, counted, modules, config, cache)
        names = {job.path: job.module for job in jobs}
        surface = survey(
            found.root, names, modules, code, prepared, config, found.scope, found.python_paths
        )
        if key is not None:
            cache.put_survey(key, surface)
    cache.save()
    report = _combine(files, symbols, surface.symbols, config)
    report.root = str(found.root)
    report.errors = sorted(
        found.errors + errors + surface.errors, key=lambda e: (e.path, e.message)
    )
    report.notices = found.notices + cache.notices
    report.stale = surface.stale
    return report


def _survey_key(found: Discovery, jobs: list[_Job], config: Config) -> str | None:
    """Return what the surface survey depends on, digested; ``None`` when it cannot be known.

    That is each Python file's content key, each resource's blob id (or size and
    modification time, unless modified in the last two seconds), the root's
    ``pyproject.toml`` (its entry points), and the settings the survey reads.
    """
    import hashlib
    import json

    parts: list[object] = [
        config.counting.digest(),
        config.surface.digest(),
        found.resources is None,
        found.scope,
        sorted(found.python_paths),
        [(job.path, job.key) for job in jobs],
    ]
    settled = time.time_ns() - _RACY_NS
    for resource in found.resources or []:
        if resource.blob_id is not None:
            parts.append((resource.path, resource.blob_id))
            continue
        try:
            status = os.stat(resource.abspath)
        except OSError:
            return None
        if status.st_mtime_ns >= settled:
            return None
        parts.append((resource.path, status.st_size, status.st_mtime_ns))
    try:
        project = read_file(
            found.root / "pyproject.toml", config.surface.max_config_bytes, found.root
        )
        parts.append(project.hex())
    except OSError:
        parts.append(None)
    encoded = json.dumps(parts, default=list).encode("utf-8", "surrogateescape")
    return hashlib.sha1(encoded, usedforsecurity=False).hexdigest()


def _combine(
    code_files: list[FileCoverage], code: list[Symbol], surface: list[Symbol], config: Config
) -> CoverageReport:
    """Return the report of code and surface symbols, counting the kinds ``config`` counts.

    The per-file table and the total hold the counted kinds; the per-kind table all of them.
    """
    kinds = config.output.counted_kinds()
    code_counted = "module" in kinds or "function" in kinds
    code_tally = Tally.total_of(f.tally for f in code_files)
    by_kind: dict[str, list[Symbol]] = {}
    for symbol in surface:
        by_kind.setdefault(symbol.kind, []).append(symbol)
    tallies = [KindTally("code", code_tally, code_counted)] if code_tally.total else []
    tallies += [KindTally(k, Tally.of(s), k in kinds) for k, s in sorted(by_kind.items())]
    counted = [s for s in surface if s.kind in kinds]
    per_file = {f.path: f.tally for f in code_files} if code_counted else {}
    extra: dict[str, list[Symbol]] = {}
    for symbol in counted:
        extra.setdefault(symbol.path, []).append(symbol)
    for path, in_file in extra.items():
        tally = Tally.of(in_file)
        known = per_file.get(path)
        if known is not None:
            tally = known + tally
        per_file[path] = tally
    files = [FileCoverage(path, per_file[path]) for path in sorted(per_file)]
    summary = Tally.total_of(per_file.values())
    reported = [s for s in surface if s.kind not in kinds]
    if not code_counted:
        reported = code + reported
    return CoverageReport(
        "",
        summary,
        files,
        (code if code_counted else []) + counted,
        [],
        kinds=tallies,
        reported=reported,
    )


def _reexported(
    jobs: list[_Job],
    counted: dict[str, Counted | str],
    modules: dict[str, tuple[str, FileFacts]],
    config: Config,
    cache: Cache,
) -> list[Symbol]:
    """Return the code symbols of the modules that ``__all__`` lists re-export names from.

    Exports of imported names are as documented as what they name; a run without
    symbols reads just these files' symbols.
    """
    targets: set[str] = set()
    for module, file_facts in modules.values():
        aliases = dict(file_facts.aliases)
        for _, found in file_facts.facts:
            if isinstance(found, ExportFacts):
                names = [listed.name for listed in found.listed]
                targets.update(
                    aliases[name].rpartition(".")[0]
                    for name in names
                    if found.bound.get(name) == "imported" and name in aliases
                )
                targets.update(f"{module}.{name}" for name in names)
    found_symbols: list[Symbol] = []
    wanted = []
    for job in jobs:
        outcome = counted.get(job.path)
        if job.module not in targets or isinstance(outcome, str):
            continue
        if outcome is not None and outcome.symbols is not None:
            found_symbols += outcome.symbols
        else:
            wanted.append(job)
    digest = config.counting.digest()
    stored = cache.counts([_counts_key(job, digest) for job in wanted], with_symbols=True)
    for job in wanted:
        outcome = stored.get(_counts_key(job, digest))
        for symbol in (outcome.symbols or []) if outcome else []:
            symbol.path = job.path
            found_symbols.append(symbol)
    return found_symbols


def _count(
    jobs: list[_Job],
    config: Config,
    cache: Cache,
    with_symbols: bool,
    facts: dict[str, FileFacts],
    keep: bool = False,
) -> tuple[dict[str, Counted | str], dict[str, ParsedModule | str]]:
    """Return each file's count (or why it cannot be analysed), cached by counting options,
    and the parses this needed (all of them when ``keep``); add the facts of the files
    parsed now to ``facts``.

    Files parsed now are counted by the process that parsed them. With
    ``inherit-docstrings`` a file's count depends on other files' classes, so every
    file is counted afresh here, from its (cached) parse.
    """
    results: dict[str, Counted | str] = {}
    digest = config.counting.digest()
    cross_file = config.counting.inherit_docstrings
    if not cross_file:
        stored = cache.counts((_counts_key(job, digest) for job in jobs), with_symbols)
        for job in jobs:
            counted = stored.get(_counts_key(job, digest))
            if counted is not None:
                for symbol in counted.symbols or ():
                    symbol.path = job.path
                results[job.path] = counted
    todo = [job for job in jobs if job.path not in results]
    local = None if cross_file else Counter(config)
    limit = config.sources.max_source_bytes
    parsed, counted_there = parse_files(
        todo, cache, cache.root, facts, limit, local, keep or cross_file
    )
    if cross_file:
        modules = {p.module.name: p for p in parsed.values() if not isinstance(p, str)}
        counter = Counter(config, ClassIndex(modules).inherited_doc)
    else:
        counter = local
    for job in todo:
        outcome = parsed.get(job.path)
        if isinstance(outcome, str):
            results[job.path] = outcome
            continue
        symbols = counted_there.get(job.path)
        if symbols is None:
            symbols = counter.count(job.path, outcome)
        results[job.path] = Counted(Tally.of(symbols), symbols)
        if not cross_file:
            cache.put_counts(_counts_key(job, digest), symbols)
    return results, parsed


def _counts_key(job: _Job, digest: str) -> str:
    """Return the key of a file's counted symbols: content, module, path and options.

    The path belongs in it: counting depends on it (a ``_private`` folder, an
    ``__init__.py``), and two files with the same content keep their own symbols.
    """
    return f"{job.key}:{job.path}:{digest}"


def _jobs_for(
    found: Discovery, packages: Container[str], cache: Cache, limit: int
) -> tuple[list[_Job], list[FileError]]:
    """Name each file's module and content key (git's blob id, or the hash of its bytes).

    A file on disk over ``limit`` bytes, or that cannot be read, is an error instead.
    """
    jobs: list[_Job] = []
    errors: list[FileError] = []
    stamps = cache.stamps(s.path for s in found.files if s.blob_id is None and s.abspath)
    for source in found.files:
        module, package = module_name_for(source.path, packages)
        try:
            content_id = _content_id(source, stamps, cache, limit, found.root)
        except OSError as error:
            errors.append(FileError(source.path, _unreadable(error)))
            continue
        key = f"{content_id}:{module}"
        jobs.append(_Job(source.path, source.abspath, module, package, key, source.blob_id))
    return jobs, errors


def _content_id(
    source: SourceFile,
    stamps: dict[str, tuple[int, int, str]],
    cache: Cache,
    limit: int,
    root: Path,
) -> str | None:
    """Return a file's content key, checking the size of a file on disk first.

    A file git has no blob id for is hashed, unless its size and modification time
    are those the cache saw when it last hashed it (and that was not in the last two
    seconds, when a same-size edit could keep the time), as git itself does.
    """
    if not source.abspath:
        return source.blob_id
    status = os.stat(source.abspath)
    if status.st_size > limit:
        raise FileTooLargeError(source.abspath, status.st_size, limit)
    if source.blob_id is not None:
        return source.blob_id
    stamp = (status.st_size, status.st_mtime_ns)
    known = stamps.get(source.path)
    if known is not None and known[:2] == stamp and stamp[1] < time.time_ns() - _RACY_NS:
        return known[2]
    content_id = blob_id(read_file(source.abspath, limit, root))
    cache.put_stamp(source.path, *stamp, content_id)
    return content_id


def _unreadable(error: OSError) -> str:
    """Return the error entry's message for a source file that is not parsed."""
    if isinstance(error, FileTooLargeError):
        return (
            f"skipped: {error.size:,} bytes is over the {error.limit:,}-byte limit"
            " (max-source-bytes)"
        )
    return f"cannot read: {error.strerror}"


def parse_files(
    jobs: list[_Job],
    cache: Cache,
    root: Path,
    facts: dict[str, FileFacts],
    limit: int,
    counter: Counter | None = None,
    keep: bool = True,
) -> tuple[dict[str, ParsedModule | str], dict[str, list[Symbol]]]:
    """Parse each file once: from the cache where it is there, in parallel where not.

    Return the parses (for files parsed now, only with ``keep``; reasons for failures
    always) and, given a ``counter``, the symbols counted where the files were parsed.
    The facts of each file parsed now go to ``facts`` (by path) and to the cache. Files
    are read inside ``root`` only and up to ``limit`` bytes; a larger one (from git
    objects) is skipped, and that is not cached, since it depends on the limit.
    """
    stored = cache.parses(job.key for job in jobs)
    results: dict[str, ParsedModule | str] = {}
    counted: dict[str, list[Symbol]] = {}
    todo = []
    for job in jobs:
        if job.key in stored:
            results[job.path] = stored[job.key]
        else:
            todo.append(job)
    for job, work in _parse_all(_with_git_contents(todo, root), counter, keep, root, limit):
        if work.cacheable:
            cache.put_encoded_parse(job.key, work.encoded)
        if work.facts is not None:
            found, encoded = work.facts
            facts[job.path] = found
            cache.put_encoded_facts(job.key, encoded)
        if work.parsed is not None:
            results[job.path] = work.parsed
        if work.symbols is not None:
            counted[job.path] = work.symbols
    return results, counted


@dataclass(frozen=True, slots=True)
class _Work:
    """What a worker sends back: the parse as the cache stores it, and maybe more (the
    facts with their encoding); ``cacheable`` is false for an outcome that depends on the
    settings (a skip)."""

    encoded: str
    parsed: ParsedModule | str | None
    symbols: list[Symbol] | None
    facts: tuple[FileFacts, str] | None = None
    cacheable: bool = True


def _parse_all(
    todo: list[_Job], counter: Counter | None, keep: bool, root: Path, limit: int
) -> list[tuple[_Job, _Work]]:
    """Parse (and count) the files in ``todo``, over a process pool when there are many.

    Each worker dies with this process (``_die_with_parent``): one killed mid-run
    never leaves workers waiting forever on a queue nobody will write.
    """
    from functools import partial

    work = partial(_work, counter=counter, keep=keep, root=root, limit=limit)
    workers = min(os.cpu_count() or 1, 8)
    if len(todo) < _POOL_THRESHOLD or workers < 2:
        return [(job, work(job)) for job in todo]
    import ctypes  # noqa: F401 - see below
    from concurrent.futures import ProcessPoolExecutor

    # The workers are forked while another thread may be importing (the audit loads
    # networkx and numpy, which imports ctypes, during the parse). A module that thread
    # is half-way through importing stays locked in the child forever, so what a worker
    # imports is imported here first: a worker never waits on an import lock.
    load_collectors()
    chunksize = max(1, len(todo) // (workers * 8))
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_die_with_parent, initargs=(os.getpid(),)
    ) as pool:
        outcomes = list(pool.map(work, todo, chunksize=chunksize))
    return list(zip(todo, outcomes, strict=True))


def _die_with_parent(parent: int) -> None:
    """Make this worker die with ``parent``: by the kernel's parent-death signal on
    Linux, elsewhere by a thread that watches for the parent to go."""
    import signal

    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl failed")
    except (OSError, AttributeError):
        import threading

        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)


def _watch_parent(parent: int) -> None:
    """Exit this process once ``parent`` is no longer its parent (it died)."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def _work(job: _Job, counter: Counter | None, keep: bool, root: Path, limit: int) -> _Work:
    """Parse one file, encode it for the cache and, given a ``counter``, count it."""

    try:
        parsed = _parse_one(job, root, limit)
    except FileTooLargeError as error:
        skipped = _unreadable(error)
        return _Work(encode_parse(skipped), skipped, None, cacheable=False)
    encoded = encode_parse(parsed)
    if isinstance(parsed, str):
        return _Work(encoded, parsed, None)
    symbols = counter.count(job.path, parsed) if counter is not None else None
    facts = FileFacts(parsed.aliases, parsed.facts) if parsed.facts else None
    found = (facts, encode_facts(facts)) if facts is not None else None
    return _Work(encoded, parsed if keep else None, symbols, found)


def _with_git_contents(jobs: list[_Job], root: Path) -> list[_Job]:
    """Attach their contents, read in one git stream, to the jobs that come from git objects."""
    from dataclasses import replace

    wanted = [job.blob_id for job in jobs if not job.abspath and job.blob_id]
    if not wanted:
        return jobs
    contents = dict(blobs(str(root), wanted))
    return [
        replace(job, data=contents.get(job.blob_id)) if not job.abspath and job.blob_id else job
        for job in jobs
    ]


def _parse_one(job: _Job, root: Path, limit: int) -> ParsedModule | str:
    """Read and parse one file; return the reason as a string when it cannot be analysed.

    A file over ``limit`` bytes raises ``FileTooLargeError``: that outcome is not cached.
    """

    if not job.abspath and job.data is None:
        return f"cannot read git object {job.blob_id}"
    if job.data is not None and len(job.data) > limit:
        raise FileTooLargeError(job.path, len(job.data), limit)
    try:
        data = job.data if job.data is not None else read_file(job.abspath, limit, root)
        return analyse_python(data, job.module, job.package)
    except AnalysisError as error:
        return str(error)
    except FileTooLargeError:
        raise
    except OSError as error:
        return f"cannot read: {error.strerror}"


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
