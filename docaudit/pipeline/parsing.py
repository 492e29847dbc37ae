"""The parsing stage: jobs in; each file's parse, facts and counted symbols out.

A file whose content the cache has seen is not parsed again; the others are parsed
(and, given a counter, counted) once, over a process pool when there are many. The
pool runs while the caller goes on (``start``, then ``Parsing.finish``): the coverage
pipeline reads the doc and data files meanwhile. Workers encode what the cache stores,
so the process that gathers their results only stores text. Each worker dies with the
process that started it.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from types import TracebackType

from docaudit.analysers.collectors import load_collectors
from docaudit.analysers.languages import (
    Reader,
    SourceCounter,
    count_together,
    generated_by_head,
    parse_source,
)
from docaudit.analysers.python.inheritance import ClassIndex
from docaudit.cache.store import (
    Cache,
    Counted,
    blob_id,
    decode_counts,
    encode_counts,
    encode_facts,
    encode_parse,
)
from docaudit.config.settings import Config
from docaudit.discover.classify import HEAD_BYTES
from docaudit.discover.languages import COUNTED_TOGETHER
from docaudit.errors import AnalysisError, FileTooLargeError
from docaudit.git.objects import blobs
from docaudit.model.coverage import Tally
from docaudit.model.symbols import Definition, FileFacts, ParsedModule
from docaudit.pipeline.jobs import Job, counts_key, keyed, unreadable
from docaudit.safeio import read_file

_POOL_THRESHOLD = 24
MAX_DEFINITION_DEPTH = 200
"""Definitions nested deeper than this (possible in tree-sitter's languages, not in
Python's) make the file an error entry: the cache's encoding, JSON and the pool's pickling
all recurse once per level."""
_PR_SET_PDEATHSIG = 1


@dataclass(slots=True)
class Parsed:
    """What parsing gave: each file's parse or why it has none (by path; the parses of
    files parsed now only when they were to be kept), the facts of the files parsed
    now, and the symbols counted where they were parsed, as the cache stores them
    (``encode_counts``: decoding the few wanted is cheaper than shipping every one);
    and, when asked for, the first bytes of each file read from the work tree now. The
    jobs hashed by their workers (``Job.key`` ``None``) are in ``keyed`` with their key,
    or in ``unread`` with the error entry's message when they could not be read."""

    parses: dict[str, ParsedModule | str] = field(default_factory=dict)
    facts: dict[str, FileFacts] = field(default_factory=dict)
    counted: dict[str, tuple[str, str]] = field(default_factory=dict)
    heads: dict[str, bytes] = field(default_factory=dict)
    keyed: dict[str, Job] = field(default_factory=dict)
    unread: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Work:
    """What a worker sends back: the parse as the cache stores it, and maybe more (the
    facts with their encoding, the counted symbols encoded: pickling django's 12,000
    symbols cost the workers 45 ms and the gathering process 53 ms); ``cacheable`` is
    false for an outcome that depends on the settings (a skip). For a job the worker
    hashed, ``content_id`` is the hash, or ``unread`` says why the file could not be read
    (then nothing else is sent)."""

    encoded: str
    parsed: ParsedModule | str | None
    counted: tuple[str, str] | None
    facts: tuple[FileFacts, str] | None = None
    cacheable: bool = True
    head: bytes | None = None
    content_id: str | None = None
    unread: str | None = None


def start(jobs: list[Job], cache: Cache, config: Config, keep: bool, heads: int = 0) -> Parsing:
    """Start parsing ``jobs`` (each file once: from the cache where it is there).

    The parses of files parsed now are kept only with ``keep`` or ``inherit-docstrings``
    (reasons for failures always). Without ``inherit-docstrings``, each file parsed now
    is counted where it is parsed, and its count cached. Files are read inside the
    cache's root only and up to ``max-source-bytes``; a larger one (from git objects)
    is skipped, and that is not cached, since it depends on the limit. With ``heads``,
    the first that many bytes of each file read from the work tree are kept too (the
    audit's file classes look at them: no file is read twice).
    """
    cross_file = config.counting.inherit_docstrings
    stored = cache.parses(job.key for job in jobs if job.key is not None)
    parsed = Parsed({job.path: stored[job.key] for job in jobs if job.key in stored})
    todo = [job for job in jobs if job.key is None or job.key not in stored]
    todo = _with_git_contents(todo, cache.root)
    work = partial(
        _work,
        counter=None if cross_file else SourceCounter(config),
        keep=keep or cross_file,
        root=cache.root,
        limit=config.sources.max_source_bytes,
        line_limit=config.sources.max_line_length,
        heads=heads,
    )
    return Parsing(cache, parsed, todo, work, config.counting.digest())


class Parsing:
    """Files being parsed, over a process pool when there are many; a context manager
    whose exit stops the pool."""

    def __init__(
        self, cache: Cache, parsed: Parsed, todo: list[Job], work: partial[_Work], digest: str
    ) -> None:
        """Start the pool on ``todo`` (when they are many), to gather into ``parsed``;
        counts are cached under ``digest``."""
        self.cache = cache
        self.digest = digest
        self.parsed = parsed
        self.todo = todo
        self.work = work
        self.pool = None
        self.submitted: list[Job] = []
        self.outcomes: Iterator[_Work] | None = None
        workers = min(os.cpu_count() or 1, 8)
        if len(todo) >= _POOL_THRESHOLD and workers >= 2:
            self._start_pool(workers)

    def _start_pool(self, workers: int) -> None:
        """Fork the workers and hand them every job, in chunks."""
        import ctypes  # noqa: F401 - see below
        from concurrent.futures import ProcessPoolExecutor

        # The workers are forked while another thread may be importing (the audit loads
        # networkx and numpy, which imports ctypes, during the parse). A module that thread
        # is half-way through importing stays locked in the child forever, so what a worker
        # imports is imported here first: a worker never waits on an import lock.
        load_collectors()
        # the largest files first, so that no worker is left with a large one at the end
        self.submitted = sorted(self.todo, key=lambda job: -(job.size or len(job.data or b"")))
        chunksize = max(1, len(self.todo) // (workers * 8))
        self.pool = ProcessPoolExecutor(
            max_workers=workers, initializer=_start_worker, initargs=(os.getpid(),)
        )
        self.outcomes = self.pool.map(self.work, self.submitted, chunksize=chunksize)

    def __enter__(self) -> Parsing:
        """Return this parsing."""
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Stop the pool: at once (pending jobs cancelled) when leaving on an error."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=error is not None)

    def finish(self) -> Parsed:
        """Wait for every file, store what the cache keeps, and return what parsing gave."""
        if self.outcomes is not None:  # gathered in the order of ``todo``
            done = dict(zip((job.path for job in self.submitted), self.outcomes, strict=True))
            outcomes = [done[job.path] for job in self.todo]
        else:
            outcomes = [self.work(job) for job in self.todo]
        for job, work in zip(self.todo, outcomes, strict=True):
            if work.unread is not None:
                self.parsed.unread[job.path] = work.unread
                continue
            if job.key is None and work.content_id is not None:
                size, mtime_ns = job.stamp or (0, 0)
                self.cache.put_stamp(job.path, size, mtime_ns, work.content_id)
                job = self.parsed.keyed[job.path] = keyed(job, work.content_id)
            if work.cacheable:
                self.cache.put_encoded_parse(job.key, work.encoded)
            if work.facts is not None:
                found, encoded = work.facts
                self.parsed.facts[job.path] = found
                self.cache.put_encoded_facts(job.key, encoded)
            if work.parsed is not None:
                self.parsed.parses[job.path] = work.parsed
            if work.head is not None:
                self.parsed.heads[job.path] = work.head
            if work.counted is not None:
                self.parsed.counted[job.path] = work.counted
                if work.cacheable:
                    self.cache.put_encoded_counts(counts_key(job, self.digest), work.counted)
        return self.parsed

    def count(
        self,
        todo: list[Job],
        parsed: Parsed,
        config: Config,
        with_symbols: bool,
        read: Reader,
        companions: Sequence[Job] = (),
    ) -> dict[str, Counted | str]:
        """Return the count of each file in ``todo`` (or why it cannot be analysed): as its
        worker counted it (``parsed.counted``; the symbols only ``with_symbols``), else
        counted here from its parse, and cached (with ``inherit-docstrings``, counted here
        against every file's classes, and not cached: a file's count then depends on other
        files; so are the files of a language counted together, see
        ``analysers.languages.Language``, which ``read`` the repository's files, and
        with which the parsed ``companions``, files outside the choice that their rules
        read, are counted, never returned)."""
        digest = config.counting.digest()
        cross_file = config.counting.inherit_docstrings
        if cross_file:
            modules = {
                p.module.name: p
                for p in parsed.parses.values()
                if not isinstance(p, str) and p.language == "python"
            }
            counter = SourceCounter(config, ClassIndex(modules).inherited_doc)
        else:
            counter = SourceCounter(config)
        together = {
            job.path: outcome
            for job in (*todo, *companions)
            if job.language in COUNTED_TOGETHER
            and isinstance(outcome := parsed.parses.get(job.path), ParsedModule)
        }
        counted_now = count_together(together, config.counting, read) if together else {}
        results: dict[str, Counted | str] = {}
        for job in todo:
            outcome = parsed.parses.get(job.path)
            if isinstance(outcome, str):
                results[job.path] = outcome
                continue
            if job.path in together:
                symbols = counted_now.get(job.path, [])
                results[job.path] = Counted(
                    Tally.of(symbols), symbols, outcome.error, outcome.notice
                )
                continue
            encoded = parsed.counted.get(job.path)
            if encoded is not None:
                results[job.path] = counted = decode_counts(encoded, with_symbols)
                for symbol in counted.symbols or ():
                    symbol.path = job.path
                continue
            symbols = counter.count(job.path, outcome)
            if not cross_file and job.key is not None:
                self.cache.put_counts(counts_key(job, digest), symbols, outcome)
            results[job.path] = Counted(Tally.of(symbols), symbols, outcome.error, outcome.notice)
        return results


def _start_worker(parent: int) -> None:
    """Ready a forked worker: it dies with ``parent`` (``_die_with_parent``), and what it
    inherited is left out of garbage collection (``gc.freeze``): collecting never walks
    the parent's objects, which no worker frees (django: 0.1 s of the workers' time)."""
    gc.freeze()
    _die_with_parent(parent)


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


def _work(
    job: Job,
    counter: SourceCounter | None,
    keep: bool,
    root: Path,
    limit: int,
    line_limit: int,
    heads: int = 0,
) -> _Work:
    """Parse one file, encode it for the cache and, given a ``counter``, count it.

    Garbage collection waits meanwhile: a syntax tree is many young objects that live as
    long as the file's work, which the collector would walk again and again (django: 4%
    of the workers' time, 1.25 s -> 1.20 s); what the work leaves is collected after.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _work_on(job, counter, keep, root, limit, line_limit, heads)
    finally:
        if enabled:
            gc.enable()


def _work_on(
    job: Job,
    counter: SourceCounter | None,
    keep: bool,
    root: Path,
    limit: int,
    line_limit: int,
    heads: int,
) -> _Work:
    """Do ``_work``'s work; a job with no key yet is a file on disk read and hashed here,
    where it is read anyway."""
    read = content_id = None
    if job.key is None:
        try:
            read = read_file(job.abspath, limit, root)
            content_id = blob_id(read)
        except OSError as error:  # too large in another language: parsed below, if generated
            if job.language == "python" or not isinstance(error, FileTooLargeError):
                return _Work("", None, None, cacheable=False, unread=unreadable(error))
    try:
        parsed, read = _parse_one(job, root, limit, line_limit, read)
    except FileTooLargeError as error:
        skipped = unreadable(error)
        return _Work(encode_parse(skipped), skipped, None, cacheable=False)
    if not isinstance(parsed, str) and _nesting(parsed.module) > MAX_DEFINITION_DEPTH:
        parsed = f"cannot analyse: definitions nested over {MAX_DEFINITION_DEPTH} levels deep"
    head = read[:heads] if heads and read is not None else None
    encoded = encode_parse(parsed)
    if isinstance(parsed, str):
        return _Work(encoded, parsed, None, head=head, content_id=content_id)
    counted = None
    together = job.language in COUNTED_TOGETHER
    if counter is not None and not together:
        counted = encode_counts(counter.count(job.path, parsed), parsed.error, parsed.notice)
    facts = FileFacts(parsed.aliases, parsed.facts) if parsed.facts else None
    found = (facts, encode_facts(facts)) if facts is not None else None
    if job.key is None and content_id is None:  # too large to hash, and generated
        return _Work(encoded, parsed, counted, found, cacheable=False)
    kept = parsed if keep or together else None
    return _Work(encoded, kept, counted, found, head=head, content_id=content_id)


def _nesting(module: Definition) -> int:
    """Return how deep a file's definitions nest (counted in a loop, never by recursion)."""
    deepest = 0
    stack = [(module, 0)]
    while stack:
        definition, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in definition.children)
    return deepest


def _with_git_contents(jobs: list[Job], root: Path) -> list[Job]:
    """Attach their contents, read in one git stream, to the jobs that come from git objects."""
    wanted = [job.blob_id for job in jobs if not job.abspath and job.blob_id]
    if not wanted:
        return jobs
    contents = dict(blobs(str(root), wanted))
    return [
        replace(job, data=contents.get(job.blob_id)) if not job.abspath and job.blob_id else job
        for job in jobs
    ]


def _parse_one(
    job: Job, root: Path, limit: int, line_limit: int, read: bytes | None = None
) -> tuple[ParsedModule | str, bytes | None]:
    """Read (unless ``read`` holds its bytes from the work tree already) and parse one
    file; return the parse (the reason as a string when it cannot be analysed) and the
    bytes read from the work tree, if any.

    A file over ``limit`` bytes raises ``FileTooLargeError`` (that outcome is not cached),
    unless its head shows a code generator wrote it (``_generated_by_head``).
    """

    if not job.abspath and job.data is None:
        return f"cannot read git object {job.blob_id}", None
    try:
        if job.data is not None:
            if len(job.data) > limit:
                raise FileTooLargeError(job.path, len(job.data), limit)
            data = job.data
        elif read is not None:
            data = read
        else:
            data = read = read_file(job.abspath, limit, root)
        parsed = parse_source(job.language, data, job.path, job.module, job.package, line_limit)
        return parsed, read
    except AnalysisError as error:
        return str(error), read
    except FileTooLargeError:
        generated = _generated_by_head(job, root)
        if generated is None:
            raise
        return generated, None
    except OSError as error:
        return f"cannot read: {error.strerror}", None


def _generated_by_head(job: Job, root: Path) -> ParsedModule | None:
    """Return the parse of a file too large to parse that a code generator wrote, as its
    first ``HEAD_BYTES`` show (``languages.generated_by_head``); ``None`` for any other."""
    if job.data is not None:
        head = job.data[:HEAD_BYTES]
    else:
        try:
            head = read_file(job.abspath, HEAD_BYTES, root, head=True)
        except OSError:
            return None
    return generated_by_head(job.language, job.path, head)
