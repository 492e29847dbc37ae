"""The on-disk cache: SQLite under ``.docaudit/``, keyed by file content.

The main tables: ``parses`` holds each file's definitions under its git blob id (or
the same hash of its bytes when it is modified or untracked) and module name;
``counts`` holds its counted symbols under that key plus a digest of the
counting options, so an unchanged file is neither parsed nor counted again;
``facts`` holds what the API and configuration collectors found in it.
The cache is a convenience: when it is missing, corrupt, from another docaudit
version or not writable, it is silently rebuilt or skipped. Entries are JSON,
never pickle, since a cache file found in a scanned repository must not be able
to run code. A ``.docaudit`` that is a link, or a cache file or SQLite side file
(``-journal``, ``-wal``, ``-shm``) that is not a regular file, turns the cache off
with a notice: SQLite would follow the link and write wherever it leads.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sqlite3
import stat
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docaudit import __version__
from docaudit.git.objects import tracks_anything_under
from docaudit.model.codec import decode, encode, shape_digest
from docaudit.model.coverage import Survey, Tally
from docaudit.model.symbols import Definition, FileError, FileFacts, ParsedModule, Symbol
from docaudit.safeio import write_file

CACHE_DIR = ".docaudit"
CACHE_FILE = "cache.sqlite"
_CACHE_FILES = (
    CACHE_FILE,
    f"{CACHE_FILE}-journal",
    f"{CACHE_FILE}-wal",
    f"{CACHE_FILE}-shm",
    ".gitignore",
)
if TYPE_CHECKING:
    from docaudit.history.log import History
    from docaudit.model.ownership import SilosReport

_FORMAT_REVISION = 16
"""Raised by hand for a change of what is stored that leaves every stored type's shape as
it is (what a collector records, how a parse is laid out); shapes are digested. 16: a
survey's symbols are lists of their fields, not objects."""


def _format() -> str:
    """Return the cache format: docaudit's version, the format revision, the shape of the
    parses and symbols stored, and a stamp of docaudit's own source files (the facts'
    shape is in their keys: see ``_facts_key``).

    The stamp (sizes and modification times, no reading) makes a working copy of
    docaudit that is being edited never trust a cache written by older code.
    """
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))  # docaudit/
    stamp = sorted(_source_stamp(package, ""))
    digest = hashlib.sha1(repr(stamp).encode(), usedforsecurity=False).hexdigest()[:12]
    shapes = shape_digest([ParsedModule, Symbol])
    return f"{__version__}/{_FORMAT_REVISION}/{shapes}/{digest}"


def _source_stamp(folder: str, prefix: str) -> list[tuple[str, int, int]]:
    """Return the path (from ``prefix``), size and modification time of each Python file
    under ``folder``: one ``stat`` a file, run on every start (0.8 ms, not 5 ms through
    ``Path.rglob`` and two stats)."""
    found = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    found += _source_stamp(entry.path, f"{prefix}{entry.name}/")
            elif entry.name.endswith(".py"):
                status = entry.stat()
                found.append((prefix + entry.name, status.st_size, status.st_mtime_ns))
    return found


@cache
def _facts_shape() -> str:
    """Return the digest of every registered collector's fact type (loading the
    collectors, which a run that reads or writes facts has loaded anyway)."""
    from docaudit.analysers.collectors import load_collectors  # see _decode_facts

    return shape_digest([collector.facts for collector in load_collectors()])


def _facts_key(key: str) -> str:
    """Return the key a file's facts are stored under: its content key and the facts'
    shape, so that facts of another shape are never read (and are pruned)."""
    return f"{key}@{_facts_shape()}"


_FORMAT = _format()
_TABLES = {
    "parses": ("data",),
    "counts": ("tally", "data"),
    "histories": ("head", "data"),
    "reports": ("data",),
    "stamps": ("data",),
    "facts": ("data",),
    "surveys": ("data",),
}
_CHUNK = 500


def _storable(key: str) -> str:
    """Return a key SQLite can store: undecodable file-name bytes written as escapes."""
    return key.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def blob_id(data: bytes) -> str:
    """Return git's object id for a blob with these bytes."""
    digest = hashlib.sha1(b"blob %d\0" % len(data), usedforsecurity=False)
    digest.update(data)
    return digest.hexdigest()


class Cache:
    """Stored parses and counts; any failure makes it an empty cache that writes nothing."""

    def __init__(self, root: Path, enabled: bool = True) -> None:
        """Use the cache under ``root``; ``enabled=False`` makes every lookup miss.

        ``notices`` says why a cache that was asked for is not used, if it is not.
        """
        self.root = root
        self.path = root / CACHE_DIR / CACHE_FILE
        self.notices: list[str] = []
        self._reader: sqlite3.Connection | None = None
        self.enabled = enabled and self._safe() and self._usable()
        self._pending: dict[str, list[tuple[str, ...]]] = {table: [] for table in _TABLES}
        self._used: dict[str, set[str]] = {table: set() for table in _TABLES}

    def _safe(self) -> bool:
        """Tell whether the cache's folder and files are what they seem; say why not."""
        reason = _unsafe_location(self.root)
        if reason is not None:
            self.notices.append(f"{reason}; the cache is not used")
        return reason is None

    def _usable(self) -> bool:
        """Tell whether the stored file is of this version, deleting it when it is not;
        the connection that asked stays open for the lookups (see ``_fetch``)."""
        if not self.path.is_file():
            return True
        try:
            connection = sqlite3.connect(self.path, timeout=2)
            try:
                row = connection.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
            except sqlite3.Error:
                connection.close()
                raise
            if row is not None and row[0] == _FORMAT:
                self._reader = connection
                return True
            connection.close()
        except sqlite3.Error:
            pass
        try:
            self.path.unlink()
        except OSError:
            return False
        return True

    def parses(self, keys: Iterable[str]) -> dict[str, ParsedModule | str]:
        """Return the stored parses (or error messages) among ``keys``."""
        return self._fetch("parses", keys, _decode_parse)

    def counts(self, keys: Iterable[str], with_symbols: bool = True) -> dict[str, Counted]:
        """Return the stored counts among ``keys``; symbol paths are left empty.

        Without ``with_symbols`` only the tallies are read and decoded.
        """
        if with_symbols:
            return self._fetch("counts", keys, _decode_counted, "tally, data")
        return self._fetch("counts", keys, _decode_tally, "tally")

    def _fetch(
        self,
        table: str,
        keys: Iterable[str],
        decode: Callable[..., Any],
        columns: str = "data",
    ) -> dict[str, Any]:
        """Read and decode the rows of ``table`` with these keys; skip undecodable ones.

        Every lookup of a run goes through the one connection ``_usable`` opened.
        """
        originals = {_storable(key): key for key in keys}
        self._used[table].update(originals)
        connection = self._reader
        if not self.enabled or not originals or connection is None:
            return {}
        found: dict[str, Any] = {}
        try:
            for key, *values in _rows(connection, table, columns, list(originals)):
                original = originals.get(key)
                if original is None:
                    continue
                try:
                    found[original] = decode(*[_loads(value) for value in values])
                except (ValueError, TypeError, KeyError, IndexError):
                    continue
        except sqlite3.Error:
            return {}
        return found

    def history(self, key: str) -> History | None:
        """Return the history stored for these mining options, whatever commit it reached."""
        found = self._fetch("histories", [key], _decode_history, "data")
        return found.get(key)

    def put_history(self, key: str, history: History) -> None:
        """Remember a mined history (one per set of mining options); ``save`` writes it."""
        if self.enabled:
            data = json.dumps(_encode_history(history), separators=(",", ":"))
            self._pending["histories"].append((key, json.dumps(history.head), data))
            self._used["histories"].add(key)

    def report(self, key: str) -> SilosReport | None:
        """Return the silos report stored under ``key`` (a commit and all settings)."""
        return self._fetch("reports", [key], _decode_report).get(key)

    def put_report(self, key: str, report: SilosReport) -> None:
        """Remember a silos report; ``save`` writes it."""
        self._put("reports", key, dataclasses.asdict(report))

    def stamps(self, paths: Iterable[str]) -> dict[str, tuple[int, int, str]]:
        """Return the size, modification time and hash last seen of each file (by path)."""
        return self._fetch("stamps", paths, _decode_stamp)

    def put_stamp(self, path: str, size: int, mtime_ns: int, content_id: str) -> None:
        """Remember a file's size and modification time with the hash of its bytes."""
        self._put("stamps", path, [size, mtime_ns, content_id])

    def put_encoded_parse(self, key: str, encoded: str) -> None:
        """Remember a parse already encoded by ``encode_parse``; ``save`` writes it."""
        if self.enabled:
            self._pending["parses"].append((_storable(key), encoded))
            self._used["parses"].add(_storable(key))

    def facts(self, keys: Iterable[str]) -> dict[str, FileFacts]:
        """Return the stored collector findings among ``keys``; files with none have no row."""
        by_stored = {_facts_key(key): key for key in keys}
        found = self._fetch("facts", by_stored, _decode_facts)
        return {by_stored[stored]: facts for stored, facts in found.items()}

    def put_encoded_facts(self, key: str, encoded: str) -> None:
        """Remember what the fact collectors found in a file, already encoded by
        ``encode_facts``; ``save`` writes it."""
        if self.enabled:
            stored = _storable(_facts_key(key))
            self._pending["facts"].append((stored, encoded))
            self._used["facts"].add(stored)

    def survey(self, key: str) -> Survey | None:
        """Return the public-surface survey stored under ``key`` (a digest of its inputs)."""
        return self._fetch("surveys", [key], _decode_survey).get(key)

    def put_survey(self, key: str, survey: Survey) -> None:
        """Remember a public-surface survey; ``save`` writes it."""
        self._put(
            "surveys",
            key,
            {
                "symbols": [_symbol_fields(s) for s in survey.symbols],
                "stale": [_symbol_fields(s) for s in survey.stale],
                "errors": [[e.path, e.message, e.kind] for e in survey.errors],
            },
        )

    def put_counts(self, key: str, symbols: list[Symbol], parsed: ParsedModule) -> None:
        """Remember a file's counted symbols, their tally and its parse's error and notice;
        ``save`` writes them."""
        self.put_encoded_counts(key, encode_counts(symbols, parsed.error, parsed.notice))

    def put_encoded_counts(self, key: str, encoded: tuple[str, str]) -> None:
        """Remember a count already encoded by ``encode_counts``; ``save`` writes it."""
        if self.enabled:
            self._pending["counts"].append((_storable(key), *encoded))
            self._used["counts"].add(_storable(key))

    def _put(self, table: str, key: str, *values: Any) -> None:
        """Queue one row for writing."""
        key = _storable(key)
        if self.enabled:
            encoded = tuple(json.dumps(value, separators=(",", ":")) for value in values)
            self._pending[table].append((key, *encoded))
            self._used[table].add(key)

    def save(self) -> None:
        """End the lookups, then write queued rows; prune rows this run did not use once
        they far outnumber it."""
        if self._reader is not None:
            self._reader.close()
            self._reader = None
        if not self.enabled or not any(self._pending.values()):
            return
        try:
            with closing(self._connect()) as connection, connection:
                connection.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (_FORMAT,))
                for table, columns in _TABLES.items():
                    rows = self._pending[table]
                    marks = ", ".join("?" * (len(columns) + 1))
                    connection.executemany(
                        f"INSERT OR REPLACE INTO {table} VALUES ({marks})", rows
                    )
                    self._prune(connection, table)
        except (sqlite3.Error, OSError, UnicodeError):
            return
        for rows in self._pending.values():
            rows.clear()

    def _prune(self, connection: sqlite3.Connection, table: str) -> None:
        """Delete the rows of ``table`` not used by this run when they are many."""
        used = self._used[table]
        (stored,) = connection.execute(f"SELECT count(*) FROM {table}").fetchone()
        if stored > 4 * len(used) + 1000:
            keys = [key for (key,) in connection.execute(f"SELECT key FROM {table}")]
            connection.executemany(
                f"DELETE FROM {table} WHERE key = ?", ((k,) for k in keys if k not in used)
            )

    def _connect(self) -> sqlite3.Connection:
        """Open the database, creating the folder and tables when needed."""
        self.path.parent.mkdir(exist_ok=True)
        ignore = self.path.parent / ".gitignore"
        if not os.path.lexists(ignore):
            write_file(ignore, b"# created by docaudit\n*\n", self.root)
        connection = sqlite3.connect(self.path, timeout=2)
        # No fsync (it cost a cold run on django 30 ms): only a crash of the machine
        # itself can then leave the file corrupt, and a corrupt cache is a cache miss.
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        for table, columns in _TABLES.items():
            connection.execute(
                f"CREATE TABLE IF NOT EXISTS {table} (key TEXT PRIMARY KEY, {', '.join(columns)})"
            )
        return connection


def _rows(
    connection: sqlite3.Connection, table: str, columns: str, wanted: list[str]
) -> Iterable[tuple[Any, ...]]:
    """Return the rows of ``table`` (key, then ``columns``) with the ``wanted`` keys, and
    perhaps others (the caller leaves them out).

    More keys than a chunk that are at least half the table (a run over the files of the
    last) are read in one pass over the table, not looked up chunk by chunk: django's
    905 counts 1.27 -> 0.41 ms, its stamps 0.67 -> 0.37 ms.
    """
    if len(wanted) > _CHUNK:
        (stored,) = connection.execute(f"SELECT count(*) FROM {table}").fetchone()
        if 2 * len(wanted) >= stored:
            return connection.execute(f"SELECT key, {columns} FROM {table}")
    found: list[tuple[Any, ...]] = []
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        query = f"SELECT key, {columns} FROM {table} WHERE key IN ({marks})"
        found += connection.execute(query, chunk)
    return found


_DECODER = json.JSONDecoder()


def _loads(text: str) -> Any:
    """Decode one stored JSON value, which the cache writes with no whitespace around it:
    ``json.loads`` less its two whitespace scans (django's 905 tallies 0.70 -> 0.26 ms).
    Anything but one JSON value (text after it, or no text) is a ``ValueError`` or a
    ``TypeError``, as from ``json.loads``."""
    value, end = _DECODER.raw_decode(text)
    if end != len(text):
        raise ValueError(f"extra data at {end}")
    return value


def _unsafe_location(root: Path) -> str | None:
    """Say why the cache under ``root`` would write somewhere else, or ``None``.

    ``.docaudit`` must be a real folder (not a link) that git tracks nothing in, and
    each file SQLite and docaudit open in it, where it exists, a regular file.
    """
    folder = root / CACHE_DIR
    try:
        status = os.lstat(folder)
    except FileNotFoundError:
        return None
    except OSError as error:
        return f"{CACHE_DIR}: {error.strerror}"
    if not stat.S_ISDIR(status.st_mode):
        return f"{CACHE_DIR} is {_what(status.st_mode)}, not a folder"
    for name in _CACHE_FILES:
        try:
            status = os.lstat(folder / name)
        except FileNotFoundError:
            continue
        except OSError as error:
            return f"{CACHE_DIR}/{name}: {error.strerror}"
        if not stat.S_ISREG(status.st_mode):
            return f"{CACHE_DIR}/{name} is {_what(status.st_mode)}, not a regular file"
    if tracks_anything_under(str(root), CACHE_DIR):
        # a committed cache could carry forged results into a pull request's check
        return f"{CACHE_DIR} holds files git tracks, so it may not be this machine's"
    return None


def _what(mode: int) -> str:
    """Name the kind of file ``mode`` describes, for a notice."""
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a special file"


@dataclass(frozen=True, slots=True)
class Counted:
    """A file's tally, with its symbols when they were asked for, the syntax error of a
    file counted in part, and the notice of one whose long lines were left out."""

    tally: Tally
    symbols: list[Symbol] | None
    error: str | None = None
    notice: str | None = None


def _symbol_fields(symbol: Symbol) -> list[Any]:
    """Return every field of a symbol (path included) in the order of its fields, for
    ``Symbol(*fields)`` (the shape digest changes with that order). As a list, not an
    object by name: django's survey of 838 symbols is 125 KB instead of 222, read and
    rebuilt in 0.9 ms instead of 3.0."""
    return [getattr(symbol, name) for name in _SYMBOL_FIELDS]


_SYMBOL_FIELDS = tuple(f.name for f in dataclasses.fields(Symbol))
_SPAN = _SYMBOL_FIELDS.index("span")


def _decode_survey(data: dict[str, Any]) -> Survey:
    """Rebuild a survey from ``put_survey``'s document."""

    def symbol(fields: list[Any]) -> Symbol:
        """Rebuild one symbol."""
        if len(fields) != len(_SYMBOL_FIELDS):
            raise ValueError("not a symbol's fields")
        first, last = fields[_SPAN]
        fields[_SPAN] = (int(first), int(last))
        return Symbol(*fields)

    return Survey(
        [symbol(s) for s in data["symbols"]],
        [symbol(s) for s in data["stale"]],
        [FileError(str(path), str(message), kind) for path, message, kind in data["errors"]],
    )


def _decode_facts(data: list[Any]) -> FileFacts:
    """Rebuild a file's facts from ``encode_facts``'s lists, each by its collector's type."""
    # the collectors' table: 1 ms that a run answered from the cache (no facts) skips
    from docaudit.analysers.collectors import collector_named

    aliases, facts = data
    return FileFacts(
        tuple((str(name), str(target)) for name, target in aliases),
        tuple((name, decode(collector_named(name).facts, found)) for name, found in facts),
    )


def _decode_tally(tally: list[Any]) -> Counted:
    """Rebuild a count from its stored tally (and error) alone."""
    total, missing, *remarks = tally
    error, notice = (remarks + [None, None])[:2]
    return Counted(Tally(int(total), int(missing)), None, error, notice)


def _decode_counted(tally: list[Any], symbols: list[list[Any]]) -> Counted:
    """Rebuild a count with its symbols."""
    counted = _decode_tally(tally)
    return Counted(counted.tally, _decode_symbols(symbols), counted.error, counted.notice)


def encode_parse(parsed: ParsedModule | str) -> str:
    """Return a parse, or an error message, as the JSON text the cache stores."""
    return json.dumps(_encode_parse(parsed), separators=(",", ":"))


def encode_counts(
    symbols: list[Symbol], error: str | None = None, notice: str | None = None
) -> tuple[str, str]:
    """Return a file's counted symbols as the cache stores them: their tally (with the
    error of a file counted in part and the notice of one whose long lines were left
    out), and the symbols less their paths (the parse worker encodes them, as it does the
    parse)."""
    tally = Tally.of(symbols)
    remarks = [error, notice] if error is not None or notice is not None else []
    head = [tally.total, tally.missing, *remarks]
    return (
        json.dumps(head, separators=(",", ":")),
        json.dumps([_encode_symbol(s) for s in symbols], separators=(",", ":")),
    )


def decode_counts(encoded: tuple[str, str], with_symbols: bool = True) -> Counted:
    """Rebuild a count from ``encode_counts``'s texts: its tally, and its symbols (with
    empty paths) only ``with_symbols``."""
    tally, symbols = encoded
    if with_symbols:
        return _decode_counted(json.loads(tally), json.loads(symbols))
    return _decode_tally(json.loads(tally))


def encode_facts(facts: FileFacts) -> str:
    """Return a file's facts as the JSON text the cache stores (the parse worker encodes
    them, as it does the parse)."""
    found = [[name, encode(value)] for name, value in facts.facts]
    return json.dumps([facts.aliases, found], separators=(",", ":"))


def _encode_parse(parsed: ParsedModule | str) -> list[Any]:
    """Return a parse, or an error message, as JSON-ready lists.

    The collectors' facts are left out: the ``facts`` table holds them.
    """
    if isinstance(parsed, str):
        return ["error", parsed]
    return [
        _encode_definition(parsed.module),
        parsed.exports,
        parsed.aliases,
        parsed.parser,
        parsed.imports,
        parsed.language,
        parsed.error,
        parsed.notice,
    ]


def _encode_definition(node: Definition) -> list[Any]:
    """Return one definition and its children as nested lists."""
    return [
        node.kind,
        node.name,
        node.line,
        node.is_async,
        node.decorators,
        node.bases,
        node.doc,
        node.pragma,
        [_encode_definition(child) for child in node.children],
        node.span,
        node.traits,
    ]


def _decode_parse(data: list[Any]) -> ParsedModule | str:
    """Rebuild a parse, or an error message, from ``_encode_parse``'s lists."""
    if data[0] == "error":
        return str(data[1])
    module, exports, aliases, parser, imports, language, error, notice = data
    return ParsedModule(
        _decode_definition(module),
        tuple(exports) if exports is not None else None,
        tuple((name, target) for name, target in aliases),
        parser,
        tuple((str(target), str(kind)) for target, kind in imports),
        language=str(language),
        error=error,
        notice=notice,
    )


def _decode_definition(data: list[Any]) -> Definition:
    """Rebuild one definition and its children."""
    kind, name, line, is_async, decorators, bases, doc, pragma, children, span, traits = data
    first, last = span
    return Definition(
        kind,
        name,
        line,
        is_async,
        tuple(decorators),
        tuple(bases),
        doc,
        pragma,
        tuple(_decode_definition(child) for child in children),
        (int(first), int(last)),
        tuple(traits),
    )


def _encode_symbol(symbol: Symbol) -> list[Any]:
    """Return a counted symbol, less its path, as a JSON-ready list."""
    return [
        symbol.line,
        symbol.kind,
        symbol.qualname,
        symbol.public,
        symbol.documented,
        symbol.problems,
        symbol.note,
        symbol.span,
        symbol.language,
    ]


def _decode_symbols(data: list[list[Any]]) -> list[Symbol]:
    """Rebuild a file's counted symbols (with empty paths) from ``_encode_symbol``'s lists."""
    if not isinstance(data, list) or not all(isinstance(item, list) for item in data):
        raise TypeError("not a list of symbols")
    return [
        Symbol(
            "",
            line,
            kind,
            qualname,
            public,
            documented,
            list(problems),
            note,
            (first, last),
            language=language,
        )
        for line, kind, qualname, public, documented, problems, note, (first, last), language in (
            data
        )
    ]


def _encode_history(history: History) -> dict[str, Any]:
    """Return a history as JSON-ready data, identities numbered once."""
    numbers: dict[tuple[str, str], int] = {}

    def number(identity: tuple[str, str]) -> int:
        """Return an identity's number, giving it one if it has none."""
        return numbers.setdefault(identity, len(numbers))

    files = {
        path: [
            [number(i) for i in record.creators],
            record.created_at,
            record.commit_times,
            [[number(i), times] for i, times in record.own.items()],
        ]
        for path, record in history.files.items()
    }
    return {
        "head": history.head,
        "files": files,
        "commits_by": [[number(i), n] for i, n in history.commits_by.items()],
        "last_commit": [[number(i), t] for i, t in history.last_commit.items()],
        "counts": [
            history.newest,
            history.commits,
            history.skipped_bulk,
            history.skipped_ignored,
        ],
        "identities": [list(identity) for identity in numbers],
        "renames": history.renames,
    }


def _decode_history(data: dict[str, Any]) -> History:
    """Rebuild a history from ``_encode_history``'s data."""
    # Imported here, by the one stage that reads a history: the history and ownership
    # types cost a run that reads none (coverage) 8 ms of its 0.15 s.
    from docaudit.history.log import FileHistory, History

    people = [(str(name), str(email)) for name, email in data["identities"]]
    files = {
        path: FileHistory(
            tuple(people[i] for i in creators),
            int(created_at),
            [int(t) for t in commit_times],
            {people[i]: [int(t) for t in times] for i, times in own},
        )
        for path, (creators, created_at, commit_times, own) in data["files"].items()
    }
    newest, commits, bulk, ignored = data["counts"]
    return History(
        str(data["head"]),
        files,
        {people[i]: int(n) for i, n in data["commits_by"]},
        {people[i]: int(t) for i, t in data["last_commit"]},
        int(newest),
        int(commits),
        int(bulk),
        int(ignored),
        renames={str(old): str(new) for old, new in data.get("renames", {}).items()},
    )


def _decode_report(data: dict[str, Any]) -> SilosReport:
    """Rebuild a silos report from ``dataclasses.asdict``'s data."""
    # Imported here, as the history is (see ``_decode_history``): 5 ms of a coverage run.
    from docaudit.model.ownership import (
        AliasSuggestion,
        AuthorSummary,
        ModuleOwnership,
        Owner,
        RepoOwnership,
        SilosReport,
    )

    modules = [
        ModuleOwnership(**{**m, "owners": [Owner(**o) for o in m["owners"]]})
        for m in data["modules"]
    ]
    return SilosReport(
        root=data["root"],
        repo=RepoOwnership(**data["repo"]),
        modules=modules,
        authors=[AuthorSummary(**a) for a in data["authors"]],
        notices=list(data["notices"]),
        sole_files={str(k): [str(p) for p in v] for k, v in data["sole_files"].items()},
        module_files={str(k): [str(p) for p in v] for k, v in data["module_files"].items()},
        likely_aliases=[AliasSuggestion(**a) for a in data["likely_aliases"]],
    )


def _decode_stamp(data: list[Any]) -> tuple[int, int, str]:
    """Rebuild a stamp: size, modification time (ns), content hash."""
    size, mtime_ns, content_id = data
    return int(size), int(mtime_ns), str(content_id)
