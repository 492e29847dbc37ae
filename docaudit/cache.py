"""The on-disk cache: parsed files in SQLite under ``.docaudit/``, keyed by content.

A file's parse is stored under its git blob id (or the same hash of its bytes
when it is modified or untracked) and its module name, so an unchanged file is
never read or parsed twice. The cache is a convenience: when it is missing,
corrupt, from another docaudit version or not writable, it is silently rebuilt
or skipped. Entries are JSON, never pickle, since a cache file found in a
scanned repository must not be able to run code.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from docaudit import __version__
from docaudit.model import Definition, ParsedModule

CACHE_DIR = ".docaudit"
CACHE_FILE = "cache.sqlite"
_FORMAT = f"{__version__}/1"


def blob_id(data: bytes) -> str:
    """Return git's object id for a blob with these bytes."""
    digest = hashlib.sha1(b"blob %d\0" % len(data), usedforsecurity=False)
    digest.update(data)
    return digest.hexdigest()


class ParseCache:
    """Parsed files by content key; every failure makes it an empty, write-nothing cache."""

    def __init__(self, root: Path, enabled: bool = True) -> None:
        self.path = root / CACHE_DIR / CACHE_FILE
        self.enabled = enabled
        self._pending: list[tuple[str, str]] = []
        self._stored: dict[str, str] = {}
        if enabled:
            self._stored = self._load()

    def _connect(self) -> sqlite3.Connection:
        """Open the database, creating the folder and tables when needed."""
        self.path.parent.mkdir(exist_ok=True)
        ignore = self.path.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# created by docaudit\n*\n", encoding="utf-8")
        connection = sqlite3.connect(self.path, timeout=2)
        connection.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        connection.execute("CREATE TABLE IF NOT EXISTS parses (key TEXT PRIMARY KEY, data TEXT)")
        return connection

    def _load(self) -> dict[str, str]:
        """Read every stored parse, discarding the file if it is corrupt or stale."""
        if not self.path.is_file():
            return {}
        try:
            with closing(sqlite3.connect(self.path, timeout=2)) as connection:
                row = connection.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
                if row is None or row[0] != _FORMAT:
                    raise sqlite3.DatabaseError("stale cache")
                return dict(connection.execute("SELECT key, data FROM parses"))
        except sqlite3.Error:
            self.path.unlink(missing_ok=True)
            return {}

    def get(self, key: str) -> ParsedModule | str | None:
        """Return the stored parse (or error message) for ``key``, or ``None``."""
        data = self._stored.get(key)
        if data is None:
            return None
        try:
            return _decode(json.loads(data))
        except (ValueError, TypeError, KeyError, IndexError):
            return None

    def put(self, key: str, parsed: ParsedModule | str) -> None:
        """Remember a parse, or why the file cannot be parsed; ``save`` writes it."""
        if self.enabled:
            self._pending.append((key, json.dumps(_encode(parsed), separators=(",", ":"))))

    def save(self, used: set[str]) -> None:
        """Write new parses, dropping stored ones not ``used`` once they outnumber them."""
        stale = self._stored.keys() - used
        if not self.enabled or (not self._pending and len(stale) <= 4 * len(used) + 1000):
            return
        try:
            with closing(self._connect()) as connection, connection:
                connection.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (_FORMAT,))
                connection.executemany(
                    "INSERT OR REPLACE INTO parses VALUES (?, ?)", self._pending
                )
                if len(stale) > 4 * len(used) + 1000:
                    connection.executemany(
                        "DELETE FROM parses WHERE key = ?", ((k,) for k in stale)
                    )
        except (sqlite3.Error, OSError):
            return
        self._pending.clear()


def _encode(parsed: ParsedModule | str) -> list[Any]:
    """Return a parse, or an error message, as JSON-ready lists."""
    if isinstance(parsed, str):
        return ["error", parsed]
    return [_encode_definition(parsed.module), parsed.exports, parsed.aliases, parsed.parser]


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
    ]


def _decode(data: list[Any]) -> ParsedModule | str:
    """Rebuild a parse, or an error message, from ``_encode``'s lists."""
    if data[0] == "error":
        return str(data[1])
    module, exports, aliases, parser = data
    return ParsedModule(
        _decode_definition(module),
        tuple(exports) if exports is not None else None,
        tuple((name, target) for name, target in aliases),
        parser,
    )


def _decode_definition(data: list[Any]) -> Definition:
    """Rebuild one definition and its children."""
    kind, name, line, is_async, decorators, bases, doc, pragma, children = data
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
    )
