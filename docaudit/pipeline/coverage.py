"""The documentation pipeline: files in, a coverage report out.

Four stages, each behind the cache: the jobs (``pipeline.jobs``: each Python file's
module and content key), the counts (each file's counted symbols, cached by content
and counting options), the parses (``pipeline.parsing``, only for files whose counts
are not cached, or every file when the parses are wanted), and the survey of the public
surface (``pipeline.surface``, cached under a digest of all its inputs). A run answered
from the cache imports neither the parsing nor the surface analysers (see
``measure``). The files come from the work tree (``discover``, read through
``safeio``) or straight from a commit's git objects; one over ``max-source-bytes`` is
an error entry, never parsed.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from docaudit.cache.store import Cache, Counted, decode_counts
from docaudit.config.languages import LANGUAGE_NAMES
from docaudit.config.settings import Config
from docaudit.discover.files import discover, discover_at
from docaudit.discover.languages import COUNTED_TOGETHER, source_language
from docaudit.git.objects import blobs
from docaudit.model.coverage import (
    CoverageReport,
    FileCoverage,
    KindTally,
    LanguageTally,
    Survey,
    Tally,
)
from docaudit.model.discovery import Discovery
from docaudit.model.symbols import (
    GENERATED,
    FileError,
    FileFacts,
    ParsedModule,
    Symbol,
    generated_notice,
)
from docaudit.pipeline.jobs import RACY_NS, Job, counts_key, jobs_for
from docaudit.safeio import read_file

if TYPE_CHECKING:
    from docaudit.pipeline.parsing import Parsed, Parsing
    from docaudit.pipeline.surface import Prepared


PARTLY_READ = "syntax"
"""The kind of the error entry of a file tree-sitter read in part (its first syntax
error): what parsed is counted, so it fails no gate (``FileError.kind``: no symbol kind
is called so); the language's own compiler is the judge of its syntax, and a gap in a
grammar must not fail a build."""


@dataclass(slots=True)
class Measurement:
    """A coverage report; each Python file's parse, and the first bytes of the files read
    from the work tree now, when they were asked for."""

    report: CoverageReport
    parses: dict[str, ParsedModule] = field(default_factory=dict)
    heads: dict[str, bytes] = field(default_factory=dict)


def coverage_of(
    paths: Sequence[str | Path], config: Config, with_symbols: bool = True
) -> CoverageReport:
    """Measure the files under ``paths`` in the work tree, with the doc and data files."""
    found = discover(paths, config.sources.exclude, with_resources=True)
    return measure(found, config, with_symbols).report


def coverage_at(
    commit: str, paths: Sequence[str | Path], config: Config, with_symbols: bool = True
) -> CoverageReport:
    """Measure the files under ``paths`` as they are in ``commit``, read from git objects."""
    found = discover_at(commit, paths, config.sources.exclude)
    return measure(found, config, with_symbols).report


def measure(
    found: Discovery, config: Config, with_symbols: bool = True, keep_parses: bool = False
) -> Measurement:
    """Return the coverage report of the files ``discover`` (or ``discover_at``) found,
    with every file's parse when ``keep_parses`` (for the import graph; none parsed twice).
    """
    with start(found, config, with_symbols, keep_parses) as measuring:
        return measuring.finish()


def start(
    found: Discovery,
    config: Config,
    with_symbols: bool = True,
    keep_parses: bool = False,
    heads: int = 0,
) -> Measuring:
    """Begin measuring (see ``measure``): look the files up in the cache, start parsing
    the others over a pool, and read the doc and data files meanwhile. The caller may do
    other work (the audit mines history) before ``Measuring.finish``. With ``heads``, the
    first that many bytes of each file read from the work tree now are kept
    (``Measurement.heads``).

    The parsing stage is imported on a cache miss only, and the surface pipeline when
    the survey is not cached: a run answered from the cache loads neither (measured after
    ``import docaudit.cli``: ``pipeline.parsing`` 4 ms, and the collectors it runs 45 ms
    more; ``pipeline.surface`` 23 ms; a warm run on django takes 0.18 s).
    """
    return Measuring(found, config, with_symbols, keep_parses, heads)


class Measuring:
    """A coverage measurement under way: a context manager whose exit stops the parse
    pool, if ``finish`` was not reached."""

    def __init__(
        self,
        found: Discovery,
        config: Config,
        with_symbols: bool,
        keep_parses: bool,
        heads: int = 0,
    ) -> None:
        """Look up what the cache has, start parsing the rest, read the resources."""
        self.found, self.config = found, config
        self.with_symbols, self.keep_parses = with_symbols, keep_parses
        self.cache = cache = Cache(found.root, enabled=config.sources.cache)
        self.jobs, self.errors = jobs_for(found, cache, config.sources)
        # a file to be hashed by its worker: the survey's key is known after the parse
        self.hashing = any(job.key is None for job in self.jobs)
        self.key = None if self.hashing else _survey_key(found, self.jobs, config)
        self.surveyed = cache.survey(self.key) if self.key is not None else None
        self.counts = _stored_counts(self.jobs, config, cache, with_symbols)
        self.todo = [job for job in self.jobs if job.path not in self.counts]
        self.companions = _companion_jobs(found, self.todo, cache, config)
        self.running: Parsing | None = None
        if self.todo or keep_parses:
            from docaudit.pipeline import parsing  # a cache miss: see ``start``

            wanted = self.jobs if keep_parses else self.todo
            self.running = parsing.start(
                wanted + self.companions, cache, config, keep_parses, heads
            )
        try:
            self.prepared = _prepare(found, config) if self.surveyed is None else None
        except BaseException as error:
            self.__exit__(type(error), error, error.__traceback__)
            raise

    def __enter__(self) -> Measuring:
        """Return this measurement."""
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Stop the parse pool, if it still runs."""
        if self.running is not None:
            self.running.__exit__(kind, error, traceback)

    def finish(self) -> Measurement:
        """Wait for the parses, count, survey the public surface, and return the report."""
        counts, facts = self.counts, {}
        encoded: dict[str, tuple[str, str]] = {}
        parses: dict[str, ParsedModule] = {}
        heads: dict[str, bytes] = {}
        running, self.running = self.running, None
        if running is not None:
            with running:
                parsed = running.finish()
            self._rekey(parsed)
            read = reader_of(self.found, self.config.surface.max_config_bytes)
            counts.update(
                running.count(
                    self.todo, parsed, self.config, self.with_symbols, read, self.companions
                )
            )
            encoded, heads = parsed.counted, parsed.heads
            facts = parsed.facts
            if self.keep_parses:
                unreported = {job.path for job in self.companions}
                parses = {
                    p: m
                    for p, m in parsed.parses.items()
                    if not isinstance(m, str) and p not in unreported
                }
        symbols: list[Symbol] = []
        files: list[FileCoverage] = []
        errors = self.errors
        notices: list[str] = []
        generated: list[str] = []
        for job in self.jobs:
            outcome = counts[job.path]
            if isinstance(outcome, str):
                errors.append(FileError(job.path, outcome))
                continue
            if outcome.error is not None:  # read in part: see ``PARTLY_READ``
                errors.append(FileError(job.path, outcome.error, PARTLY_READ))
            if outcome.notice == GENERATED:
                generated.append(job.path)
            elif outcome.notice is not None:
                notices.append(f"{job.path}: {outcome.notice}")
            if outcome.tally.total:
                symbols.extend(outcome.symbols or ())
                files.append(FileCoverage(job.path, outcome.tally))
        if self.hashing:
            self.key = _survey_key(self.found, self.jobs, self.config)
            self.surveyed = self.cache.survey(self.key) if self.key is not None else None
        surveyed = self.surveyed
        if surveyed is None:
            code = symbols if self.with_symbols else None
            surveyed = _survey(
                self.found,
                self.jobs,
                (counts, encoded),
                facts,
                code,
                self.prepared,
                self.config,
                self.cache,
            )
            if self.key is not None:
                self.cache.put_survey(self.key, surveyed)
        self.cache.save()
        report = _combine(files, symbols, surveyed.symbols, self.config)
        report.root = str(self.found.root)
        report.errors = sorted(
            self.found.errors + errors + surveyed.errors, key=lambda e: (e.path, e.message)
        )
        if generated:
            notices.append(generated_notice(generated))
        report.notices = self.found.notices + notices + self.cache.notices
        report.stale = surveyed.stale
        return Measurement(report, parses, heads)

    def _rekey(self, parsed: Parsed) -> None:
        """Give the jobs their workers hashed their keys; a file a worker could not read
        is an error entry instead (a companion's is left out), as when it is hashed
        before parsing."""
        if not parsed.keyed and not parsed.unread:
            return
        unread = parsed.unread
        self.errors += [
            FileError(job.path, unread[job.path]) for job in self.jobs if job.path in unread
        ]
        self.jobs, self.todo, self.companions = (
            [parsed.keyed.get(job.path, job) for job in jobs if job.path not in unread]
            for jobs in (self.jobs, self.todo, self.companions)
        )


def reader_of(found: Discovery, limit: int) -> Callable[[str], bytes | None]:
    """Return a reader of the repository's files by path (``None`` for one that cannot
    be read): from the work tree, or for a bare repository from the audited revision's
    objects, among the data files discovery listed (``tsconfig.json``, ``Cargo.toml``)."""
    in_objects = {
        resource.path: resource.blob_id
        for resource in found.resources or []
        if not resource.abspath and resource.blob_id
    }
    from_disk = any(file.abspath for file in found.files)

    def read(path: str) -> bytes | None:
        """Return the bytes of the repository file at ``path``, or ``None``."""
        if from_disk:
            try:
                return read_file(found.root / path, limit, found.root)
            except OSError:
                return None
        blob_id = in_objects.get(path)
        return dict(blobs(str(found.root), [blob_id])).get(blob_id) if blob_id else None

    return read


def _companion_jobs(found: Discovery, todo: list[Job], cache: Cache, config: Config) -> list[Job]:
    """Return the jobs of the companions (``Discovery.companions``) of the languages
    counted together that files to count now are in: parsed (through the cache) and
    counted with them, never reported (one that cannot be read is left out)."""
    languages = {job.language for job in todo if job.language in COUNTED_TOGETHER}
    wanted = [f for f in found.companions if f.language in languages]
    if not wanted:
        return []
    return jobs_for(found, cache, config.sources, wanted)[0]


def _stored_counts(
    jobs: list[Job], config: Config, cache: Cache, with_symbols: bool
) -> dict[str, Counted | str]:
    """Return the cached count of each file that has one (with its symbols, with
    ``with_symbols``), by path. With ``inherit-docstrings`` a file's count depends on
    other files' classes, so none is cached; nor is that of a file of a language counted
    together (``analysers.languages.Language``)."""
    if config.counting.inherit_docstrings:
        return {}
    # a file to be hashed has no count stored yet (its key is not known)
    jobs = [job for job in jobs if job.language not in COUNTED_TOGETHER and job.key is not None]
    digest = config.counting.digest()
    stored = cache.counts((counts_key(job, digest) for job in jobs), with_symbols)
    found: dict[str, Counted | str] = {}
    for job in jobs:
        counted = stored.get(counts_key(job, digest))
        if counted is not None:
            for symbol in counted.symbols or ():
                symbol.path = job.path
            found[job.path] = counted
    return found


def _prepare(found: Discovery, config: Config) -> Prepared | None:
    """Read and work through the doc and data files, if any were discovered."""
    from docaudit.pipeline.surface import prepare  # the survey is not cached: see measure

    if found.resources is None:
        return None
    return prepare(found.root, found.resources, config, found.scope)


def _survey(
    found: Discovery,
    jobs: list[Job],
    counted: tuple[dict[str, Counted | str], dict[str, tuple[str, str]]],
    facts: dict[str, FileFacts],
    code: list[Symbol] | None,
    prepared: Prepared | None,
    config: Config,
    cache: Cache,
) -> Survey:
    """Survey the public surface from every file's facts (those of files parsed now in
    ``facts``, the others' from the cache) and the code symbols (``None``: only the
    tallies were read, so those of re-exporting modules are read now, from ``counted``:
    the counts, and the encoded counts of the files the workers counted)."""
    from docaudit.pipeline.surface import reexport_targets, survey

    stored = cache.facts(job.key for job in jobs if job.path not in facts)
    modules = {}
    for job in jobs:
        file_facts = facts.get(job.path) or stored.get(job.key)
        if file_facts is not None:
            modules[job.path] = (job.module, file_facts)
    if code is None:
        code = _symbols_of(reexport_targets(modules), jobs, counted, config, cache)
    names = {job.path: job.module for job in jobs}
    return survey(
        found.root, names, modules, code, prepared, config, found.scope, found.python_paths
    )


def _symbols_of(
    modules: set[str],
    jobs: list[Job],
    counted: tuple[dict[str, Counted | str], dict[str, tuple[str, str]]],
    config: Config,
    cache: Cache,
) -> list[Symbol]:
    """Return the code symbols of ``modules``: from the counts at hand where they hold
    symbols, else decoded from a worker's encoded count, else from the cache."""
    counts, encoded = counted
    found_symbols: list[Symbol] = []
    wanted = []
    for job in jobs:
        outcome = counts.get(job.path)
        if job.module not in modules or isinstance(outcome, str):
            continue
        if outcome is not None and outcome.symbols is None and job.path in encoded:
            outcome = decode_counts(encoded[job.path])
            for symbol in outcome.symbols or ():
                symbol.path = job.path
        if outcome is not None and outcome.symbols is not None:
            found_symbols += outcome.symbols
        else:
            wanted.append(job)
    digest = config.counting.digest()
    stored = cache.counts([counts_key(job, digest) for job in wanted], with_symbols=True)
    for job in wanted:
        outcome = stored.get(counts_key(job, digest))
        for symbol in (outcome.symbols or []) if outcome else []:
            symbol.path = job.path
            found_symbols.append(symbol)
    return found_symbols


def _survey_key(found: Discovery, jobs: list[Job], config: Config) -> str | None:
    """Return what the surface survey depends on, digested; ``None`` when it cannot be known.

    That is each Python file's content key, each resource's blob id (or size and
    modification time, unless modified in the last two seconds), the root's
    ``pyproject.toml`` (its entry points), and the settings the survey reads.
    """
    parts: list[object] = [
        config.counting.digest(),
        config.surface.digest(),
        found.resources is None,
        found.scope,
        sorted(found.python_paths),
        [(job.path, job.key) for job in jobs],
    ]
    settled = time.time_ns() - RACY_NS
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
        languages=_by_language(code_files),
    )


def _by_language(code_files: list[FileCoverage]) -> list[LanguageTally]:
    """Return the code coverage of each language's files, in ``LANGUAGE_NAMES`` order."""
    tallies: dict[str, list[Tally]] = {}
    for entry in code_files:
        found = source_language(entry.path)
        tallies.setdefault(found[0] if found else "python", []).append(entry.tally)
    return [
        LanguageTally(name, Tally.total_of(tallies[name]))
        for name in LANGUAGE_NAMES
        if name in tallies
    ]
