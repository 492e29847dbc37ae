"""The importable entry points that wire the stages together; the CLI calls these."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from docaudit.cache import ParseCache, blob_id
from docaudit.config import Config
from docaudit.discover import discover
from docaudit.docs.counting import Counter
from docaudit.docs.python import AnalysisError, analyse_python, module_name_for
from docaudit.model import (
    CoverageReport,
    FileCoverage,
    FileError,
    ParsedModule,
    SourceFile,
    Tally,
)

_POOL_THRESHOLD = 24


def coverage(paths: Sequence[str | Path], config: Config) -> CoverageReport:
    """Measure the documentation coverage of the Python files under ``paths``."""
    found = discover(paths, config.exclude)
    parsed, errors = parse_files(found.root, found.files, use_cache=config.cache)
    inherited = None
    if config.inherit_docstrings:
        from docaudit.docs.inheritance import ClassIndex

        index = ClassIndex({p.module.name: p for p in parsed.values()})
        inherited = index.inherited_doc
    counter = Counter(config, inherited)
    symbols = []
    files = []
    for source in found.files:
        if source.path not in parsed:
            continue
        counted = counter.count(source.path, parsed[source.path])
        symbols.extend(counted)
        if counted:
            missing = sum(not s.documented for s in counted)
            files.append(FileCoverage(source.path, Tally(len(counted), missing)))
    symbols.sort(key=lambda s: (s.path, s.line, s.qualname, s.kind))
    summary = Tally(sum(f.tally.total for f in files), sum(f.tally.missing for f in files))
    all_errors = sorted(found.errors + errors, key=lambda e: (e.path, e.message))
    return CoverageReport(
        str(found.root), summary, files, symbols, all_errors, list(config.notices)
    )


def parse_files(
    root: Path, files: Iterable[SourceFile], use_cache: bool = True
) -> tuple[dict[str, ParsedModule], list[FileError]]:
    """Parse each Python file once, from the cache where it is there, in parallel where not."""
    cache = ParseCache(root, enabled=use_cache)
    packages = _PackageDirs(root)
    results: dict[str, ParsedModule | str] = {}
    keys: dict[str, str] = {}
    todo: list[tuple[str, str, str, str]] = []
    for source in files:
        module, package = module_name_for(source.path, packages)
        content_id = source.blob_id
        if content_id is None:
            try:
                content_id = blob_id(_read(source.abspath))
            except OSError as error:
                results[source.path] = f"cannot read: {error.strerror}"
                continue
        key = keys[source.path] = f"{content_id}:{module}"
        stored = cache.get(key) if use_cache else None
        if stored is None:
            todo.append((source.path, source.abspath, module, package))
        else:
            results[source.path] = stored
    for path, outcome in _parse_all(todo):
        results[path] = outcome
        if path in keys:
            cache.put(keys[path], outcome)
    cache.save(set(keys.values()))
    parsed = {path: r for path, r in results.items() if not isinstance(r, str)}
    errors = [FileError(path, r) for path, r in results.items() if isinstance(r, str)]
    return parsed, errors


def _parse_all(
    todo: list[tuple[str, str, str, str]],
) -> Iterable[tuple[str, ParsedModule | str]]:
    """Parse the files in ``todo``, over a process pool when there are many."""
    workers = min(os.cpu_count() or 1, 8)
    if len(todo) < _POOL_THRESHOLD or workers < 2:
        return [(item[0], _parse_one(item)) for item in todo]
    chunksize = max(1, len(todo) // (workers * 8))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        outcomes = list(pool.map(_parse_one, todo, chunksize=chunksize))
    return [(item[0], outcome) for item, outcome in zip(todo, outcomes, strict=True)]


def _parse_one(item: tuple[str, str, str, str]) -> ParsedModule | str:
    """Read and parse one file; return the reason as a string when it cannot be analysed."""
    _path, abspath, module, package = item
    try:
        return analyse_python(_read(abspath), module, package)
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
        self.root = root
        self._known: dict[str, bool] = {}

    def __contains__(self, directory: object) -> bool:
        """Tell whether ``directory`` (relative to the root) holds an ``__init__.py``."""
        assert isinstance(directory, str)
        known = self._known.get(directory)
        if known is None:
            known = self._known[directory] = os.path.isfile(
                os.path.join(self.root, directory, "__init__.py")
            )
        return known
