"""Reader of TOML: validated with tomllib, then scanned line by line for keys and comments."""

from __future__ import annotations

import re
import tomllib
from typing import Any

from docaudit.analysers.configuration.files._common import (
    _Collector,
    _comment_above,
    _inline,
    _join_comments,
    _plain_lines,
)
from docaudit.analysers.configuration.files._json import (
    TOO_MANY_DIGITS,
    _py_section,
    _python_leaves,
)

_TOML_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_TOML_KEY = rf"{_TOML_KEY_PART}(?:\s*\.\s*{_TOML_KEY_PART})*"
_TOML_ARRAY_TABLE = re.compile(rf"^\s*\[\[\s*({_TOML_KEY})\s*\]\]")
_TOML_TABLE = re.compile(rf"^\s*\[\s*({_TOML_KEY})\s*\]")
_TOML_ASSIGNMENT = re.compile(rf"^\s*({_TOML_KEY})\s*=")
_TOML_ERROR_AT = re.compile(r"\s*\(at line (\d+), column \d+\)$")


def _analyse_toml(text: str, out: _Collector) -> None:
    """TOML: validate with tomllib, then scan lines for keys, tables and comments."""
    text = "\n".join(_plain_lines(text))
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        at = _TOML_ERROR_AT.search(message)
        line = int(at.group(1)) if at else len(_plain_lines(text))
        out.error(line, f"invalid TOML: {_TOML_ERROR_AT.sub('', message)}")
        return
    except ValueError:  # not a TOMLDecodeError: an integer past Python's digit limit
        out.error(None, f"invalid TOML: {TOO_MANY_DIGITS}")
        return
    except RecursionError:
        out.error(None, "invalid TOML: nested too deeply")
        return
    _TomlScanner(text, out).scan()


class _TomlScanner:
    """Line scanner for valid TOML: tables, array tables, keys and multi-line values."""

    def __init__(self, text: str, out: _Collector) -> None:
        """Scan TOML ``text`` into ``out``."""
        self.lines = text.split("\n")
        self.out = out
        self.covered: set[int] = set()
        self.table = ""
        self.array_tables: set[tuple[str, ...]] = set()

    def scan(self) -> None:
        """Record every leaf key of the file."""
        index = 0
        while index < len(self.lines):
            index = self._line(index) + 1

    def _line(self, index: int) -> int:
        """Handle the line at ``index``; return the last line it used."""
        line = self.lines[index]
        array_table = _TOML_ARRAY_TABLE.match(line)
        if array_table:
            parts = _toml_key_parts(array_table.group(1))
            self.array_tables.add(tuple(parts))
            self.table = self._table_path(parts) + "[]"
            return index
        table = _TOML_TABLE.match(line)
        if table:
            self.table = self._table_path(_toml_key_parts(table.group(1)))
            return index
        assignment = _TOML_ASSIGNMENT.match(line)
        if assignment is None:
            return index
        return self._assignment(index, assignment)

    def _table_path(self, parts: list[str]) -> str:
        """Return a table's dotted path, with ``[]`` after each enclosing array table."""
        segments = []
        for depth, part in enumerate(parts, start=1):
            segments.append(part)
            if depth < len(parts) and tuple(parts[:depth]) in self.array_tables:
                segments[-1] += "[]"
        return ".".join(segments)

    def _assignment(self, index: int, assignment: re.Match[str]) -> int:
        """Record the key assigned on line ``index``; return the value's last line."""
        parts = _toml_key_parts(assignment.group(1))
        dotted = ".".join([self.table, *parts] if self.table else parts)
        last, end, inline = _toml_value_extent(self.lines, index, assignment.end())
        self.covered.update(range(index + 1, last + 1))
        if last == index:
            raw = self.lines[index][assignment.end() : end]
        else:
            middle = self.lines[index + 1 : last]
            raw = "\n".join(
                [self.lines[index][assignment.end() :], *middle, self.lines[last][:end]]
            )
        raw = raw.strip()
        if raw.startswith(("{", "[")):
            parsed = _toml_fragment(raw)
            if _py_section(parsed):
                for leaf, value in _python_leaves(parsed, dotted):
                    self.out.key(leaf, index + 1, None, value)
                return last
        comment = _join_comments(_comment_above(self.lines, index, self.covered), inline)
        self.out.key(dotted, index + 1, comment, _toml_scalar(raw))
        return last


def _toml_key_parts(key: str) -> list[str]:
    """Split a TOML key (``a."b.c".d``) into its unquoted parts."""
    parts = []
    for part in re.findall(_TOML_KEY_PART, key):
        if part.startswith('"'):
            part = _toml_fragment(part)
        elif part.startswith("'"):
            part = part[1:-1]
        parts.append(str(part))
    return parts


def _toml_fragment(raw: str) -> Any:
    """Parse one TOML value written as text; None when it does not parse alone."""
    try:
        return tomllib.loads(f"v = {raw}")["v"]
    except (ValueError, RecursionError):  # TOMLDecodeError is a ValueError
        return None


def _toml_scalar(raw: str) -> str | None:
    """Return a TOML value as written (strings unquoted), None for arrays and tables."""
    if raw.startswith(("[", "{")):
        return None
    if raw.startswith(('"', "'")):
        value = _toml_fragment(raw)
        return value if isinstance(value, str) else raw
    return raw


def _toml_value_extent(lines: list[str], index: int, column: int) -> tuple[int, int, str | None]:
    """Find where a TOML value starting at ``lines[index][column]`` ends.

    Returns the last line, the column where its text ends there (before any comment), and
    the comment on the first line, if any. Tracks strings (also multi-line) and brackets.
    """
    depth, quote, inline = 0, "", None
    row, position = index, column
    while row < len(lines):
        line, end = lines[row], len(lines[row])
        while position < len(line):
            if quote:
                position, quote = _toml_in_string(line, position, quote)
                continue
            char = line[position]
            if char == "#":
                end = position
                if row == index:
                    inline = _inline(line[position + 1 :])
                break
            quote = (
                line[position : position + 3] if line.startswith(('"""', "'''"), position) else ""
            )
            if not quote and char in "\"'":
                quote = char
            depth += (char in "[{") - (char in "]}")
            position += len(quote) or 1
        if not quote and depth <= 0:
            return row, end, inline
        row, position = row + 1, 0
    return len(lines) - 1, len(lines[-1]), inline


def _toml_in_string(line: str, position: int, quote: str) -> tuple[int, str]:
    """Advance one step inside a TOML string; return the new position and open quote."""
    if quote.startswith('"') and line[position] == "\\":
        return position + 2, quote
    if line.startswith(quote, position):
        position += len(quote)
        while len(quote) == 3 and position < len(line) and line[position] == quote[0]:
            position += 1  # up to two quotes may end a multi-line string: """a""""
        return position, ""
    return position + 1, quote
