"""What the coverage pipeline parses: one job per source file, keyed by its content.

A job names a file, its module and its content key: git's blob id, or the same hash of
its bytes for a file git has none for (remembered by size and modification time, as git
does). Outcomes are cached under that key; counts also under the path and the
counting options (``counts_key``).
"""

from __future__ import annotations

import os
import time
from collections.abc import Container, Sequence
from dataclasses import dataclass
from pathlib import Path

from docaudit.analysers.python.names import module_name_for
from docaudit.cache.store import Cache, blob_id
from docaudit.config.settings import Sources
from docaudit.errors import FileTooLargeError
from docaudit.model.discovery import Discovery
from docaudit.model.symbols import FileError, SourceFile
from docaudit.safeio import read_file

RACY_NS = 2_000_000_000
"""A file modified this recently (in nanoseconds) may change again within its stamp."""


@dataclass(frozen=True, slots=True)
class Job:
    """One file to parse: where it is, what module it is, and its content key.

    ``abspath`` is empty for a file read from git objects; ``data`` then carries it.
    ``size`` is the size on disk (0 when not known), by which the larger files are
    parsed first. A file of a language other than Python is its own module, named by its
    path.
    """

    path: str
    abspath: str
    module: str
    package: str
    key: str
    blob_id: str | None = None
    data: bytes | None = None
    size: int = 0
    language: str = "python"


def jobs_for(
    found: Discovery,
    cache: Cache,
    sources: Sources,
    files: Sequence[SourceFile] | None = None,
) -> tuple[list[Job], list[FileError]]:
    """Name each file of the languages ``sources`` counts its module and content key
    (git's blob id, or the hash of its bytes; for a language read by tree-sitter, with the
    line length over which lines are left out, since its parse depends on it).

    The files are ``found.files``, or ``files`` when given (``found.companions``, say).
    A file on disk over ``max-source-bytes``, or that cannot be read, is an error instead.
    """
    limit, languages = sources.max_source_bytes, sources.languages
    packages = found.package_dirs if found.package_dirs is not None else _PackageDirs(found.root)
    jobs: list[Job] = []
    errors: list[FileError] = []
    chosen = found.files if files is None else files
    stamps = cache.stamps(s.path for s in chosen if s.blob_id is None and s.abspath)
    for source in chosen:
        if source.language not in languages:
            continue
        if source.language == "python":
            module, package = module_name_for(source.path, packages)
        else:
            module, package = source.path, ""
        try:
            content_id, size = _content_id(source, stamps, cache, limit, found.root)
        except OSError as error:
            errors.append(FileError(source.path, unreadable(error)))
            continue
        key = f"{content_id}:{module}"
        if source.language != "python":
            key += f":{sources.max_line_length}"
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
            )
        )
    return jobs, errors


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
    source: SourceFile,
    stamps: dict[str, tuple[int, int, str]],
    cache: Cache,
    limit: int,
    root: Path,
) -> tuple[str | None, int]:
    """Return a file's content key and size (0 for a git object), checking the size of a
    file on disk first.

    A file git has no blob id for is hashed, unless its size and modification time
    are those the cache saw when it last hashed it (and that was not in the last two
    seconds, when a same-size edit could keep the time), as git itself does.
    """
    if not source.abspath:
        return source.blob_id, 0
    status = os.stat(source.abspath)
    if status.st_size > limit:
        raise FileTooLargeError(source.abspath, status.st_size, limit)
    if source.blob_id is not None:
        return source.blob_id, status.st_size
    stamp = (status.st_size, status.st_mtime_ns)
    known = stamps.get(source.path)
    if known is not None and known[:2] == stamp and stamp[1] < time.time_ns() - RACY_NS:
        return known[2], status.st_size
    content_id = blob_id(read_file(source.abspath, limit, root))
    cache.put_stamp(source.path, *stamp, content_id)
    return content_id, status.st_size


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
