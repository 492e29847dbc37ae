"""What the coverage pipeline parses: one job per source file, keyed by its content.

A job names a file, its module and its content key: git's blob id, or the same hash of
its bytes for a file git has none for (remembered by size and modification time, as git
does). Outcomes are cached under that key; counts also under the path and the
counting options (``counts_key``). A file whose bytes must be hashed is hashed by the
parse worker that reads it anyway (``keyed`` then gives its job the key): the parent
only looks at its size and time (django: 67 ms of reading and hashing before any
worker started).
"""

from __future__ import annotations

import os
import time
from collections.abc import Container, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from docaudit.analysers.python.names import module_name_for
from docaudit.cache.store import Cache
from docaudit.config.settings import Sources
from docaudit.errors import FileTooLargeError
from docaudit.model.discovery import Discovery
from docaudit.model.symbols import FileError, SourceFile

RACY_NS = 2_000_000_000
"""A file modified this recently (in nanoseconds) may change again within its stamp."""


@dataclass(frozen=True, slots=True)
class Job:
    """One file to parse: where it is, what module it is, and its content key.

    ``abspath`` is empty for a file read from git objects; ``data`` then carries it.
    ``size`` is the size on disk (0 when not known), by which the larger files are
    parsed first. A file of a language other than Python is its own module, named by its
    path. ``key`` is ``None`` for a file on disk not hashed yet: its worker hashes it,
    ``stamp`` holds the size and modification time to remember with the hash, and
    ``line_length`` what ``content_key`` adds to it.
    """

    path: str
    abspath: str
    module: str
    package: str
    key: str | None
    blob_id: str | None = None
    data: bytes | None = None
    size: int = 0
    language: str = "python"
    stamp: tuple[int, int] | None = None
    line_length: int = 0


def jobs_for(
    found: Discovery,
    cache: Cache,
    sources: Sources,
    files: Sequence[SourceFile] | None = None,
) -> tuple[list[Job], list[FileError]]:
    """Name each file of the languages ``sources`` counts its module and content key
    (``content_key``: git's blob id, or the hash of its bytes remembered with its size and
    time; ``None`` when it is to be hashed, see ``keyed``).

    The files are ``found.files``, or ``files`` when given (``found.companions``, say).
    A Python file on disk over ``max-source-bytes``, or a file that cannot be looked at,
    is an error instead; a larger file of another language is its worker's to judge (one
    a code generator wrote is no error: ``languages.generated_by_head``).
    """
    limit, languages = sources.max_source_bytes, sources.languages
    packages = found.package_dirs if found.package_dirs is not None else _PackageDirs(found.root)
    jobs: list[Job] = []
    errors: list[FileError] = []
    chosen = found.files if files is None else files
    stamps = cache.stamps(s.path for s in chosen if s.blob_id is None and s.abspath)
    line_length = sources.max_line_length
    for source in chosen:
        if source.language not in languages:
            continue
        if source.language == "python":
            module, package = module_name_for(source.path, packages)
        else:
            module, package = source.path, ""
        try:
            content_id, size, stamp = _content_id(source, stamps, limit)
        except OSError as error:
            errors.append(FileError(source.path, unreadable(error)))
            continue
        key = None
        if content_id is not None:
            key = content_key(content_id, module, source.language, line_length)
        jobs.append(
            Job(
                source.path,
                source.abspath,
                module,
                package,
                key,
                source.blob_id,
                size=size,
                language=source.language,
                stamp=stamp,
                line_length=line_length,
            )
        )
    return jobs, errors


def content_key(content_id: str, module: str, language: str, line_length: int) -> str:
    """Return the key a file's parse is cached under: its content and module, and for a
    language read by tree-sitter the line length over which lines are left out (its
    parse depends on it)."""
    key = f"{content_id}:{module}"
    return key if language == "python" else f"{key}:{line_length}"


def keyed(job: Job, content_id: str) -> Job:
    """Return a job not hashed yet (``key`` ``None``) with the key of its bytes' hash."""
    key = content_key(content_id, job.module, job.language, job.line_length)
    return replace(job, key=key, stamp=None)


def counts_key(job: Job, digest: str) -> str:
    """Return the key of a file's counted symbols: content, module, path and options.

    The path belongs in it: counting depends on it (a ``_private`` folder, an
    ``__init__.py``), and two files with the same content keep their own symbols.
    """
    return f"{job.key}:{job.path}:{digest}"


def unreadable(error: OSError) -> str:
    """Return the error entry's message for a source file that is not parsed."""
    if isinstance(error, FileTooLargeError):
        return (
            f"skipped: {error.size:,} bytes is over the {error.limit:,}-byte limit"
            " (max-source-bytes)"
        )
    return f"cannot read: {error.strerror}"


def _content_id(
    source: SourceFile, stamps: dict[str, tuple[int, int, str]], limit: int
) -> tuple[str | None, int, tuple[int, int] | None]:
    """Return a file's content id, its size (0 for a git object) and, for a file to be
    hashed (no id yet), its size and modification time; the size of a Python file on
    disk is checked first.

    A file git has no blob id for is to be hashed, unless its size and modification time
    are those the cache saw when it last hashed it (and that was not in the last two
    seconds, when a same-size edit could keep the time), as git itself does.
    """
    if not source.abspath:
        return source.blob_id, 0, None
    status = os.stat(source.abspath)
    if status.st_size > limit and source.language == "python":
        raise FileTooLargeError(source.abspath, status.st_size, limit)
    if source.blob_id is not None:
        return source.blob_id, status.st_size, None
    stamp = (status.st_size, status.st_mtime_ns)
    known = stamps.get(source.path)
    if known is not None and known[:2] == stamp and stamp[1] < time.time_ns() - RACY_NS:
        return known[2], status.st_size, None
    return None, status.st_size, stamp


class _PackageDirs(Container[str]):
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
