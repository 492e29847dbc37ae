"""What a change touches: the lines it adds or modifies, and the symbols they fall in.

The lines come from ``git diff -U0`` against a base (a commit, or the index for
staged changes). A changed line belongs to the innermost definition around it, so
editing a method touches the method, not its class; lines removed inside a
definition touch it, lines removed between two do not; a module counts as touched
only when the file is new, so a one-line fix never asks for a module docstring.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from docaudit.git import commands
from docaudit.model.symbols import Symbol

_HUNK = re.compile(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_ESCAPES = {b"a": 7, b"b": 8, b"t": 9, b"n": 10, b"v": 11, b"f": 12, b"r": 13}


@dataclass
class Change:
    """What a change did, by new-side path (from the repository root).

    ``lines`` are added or modified lines; ``deletions`` the lines after which lines
    were only removed; ``new_files`` files with no old side; ``renamed`` maps a new
    path to its old one.
    """

    lines: dict[str, set[int]] = field(default_factory=dict)
    deletions: dict[str, set[int]] = field(default_factory=dict)
    new_files: set[str] = field(default_factory=set)
    renamed: dict[str, str] = field(default_factory=dict)


EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"


def changed_lines(root: Path, base: str | None, staged: bool) -> Change:
    """Return what the change does: the work tree (or the index, ``staged``) against ``base``.

    ``base`` is a commit or tree id that git has already verified (``verify_commit``).

    The whole repository is compared, so a file moved with ``git mv`` is paired with
    its old name (a rename, not a new file); callers keep the paths they care about.
    """
    args = [
        "-c",
        "core.quotePath=true",
        "diff",
        "-U0",
        "--no-color",
        "--no-ext-diff",
        "--src-prefix=a/",
        "--dst-prefix=b/",
        "-M",
    ]
    if staged:
        args.append("--cached")
    if base:
        args += ["--end-of-options", base]
    return parse_diff(commands.output(root, *args, "--", failure="git diff failed"))


def parse_diff(output: bytes) -> Change:
    """Parse ``git diff -U0`` output into added or modified lines per new-side path."""
    change = Change()
    path: str | None = None
    old: str | None = None
    for line in output.split(b"\n"):
        if line.startswith(b"diff --git "):
            path = old = None
        elif line.startswith(b"--- "):
            old = _side(line[4:])
        elif line.startswith(b"+++ "):
            path = _side(line[4:])
            if path is not None and old is None:
                change.new_files.add(path)
            elif path is not None and old is not None and old != path:
                change.renamed[path] = old
        elif line.startswith(b"rename from ") and path is None:
            old = _unquote(line[12:])
        elif line.startswith(b"rename to ") and old is not None:
            change.renamed[_unquote(line[10:])] = old
        elif path is not None and (match := _HUNK.match(line)):
            start, count = int(match.group(1)), int(match.group(2) or 1)
            if count:
                change.lines.setdefault(path, set()).update(range(start, start + count))
            elif start:
                change.deletions.setdefault(path, set()).add(start)
    return change


def _side(text: bytes) -> str | None:
    """Return the path of a ``---``/``+++`` line (``None`` for /dev/null), prefix removed.

    Git ends the name with a tab when it has a space in it.
    """
    text = text.rstrip(b"\t")
    if text == b"/dev/null":
        return None
    return _unquote(text)[2:]


def _unquote(text: bytes) -> str:
    """Undo git's C-style quoting of a path (``"a\\tb"``), decoding as the file system does."""
    if not text.startswith(b'"'):
        return os.fsdecode(text)
    body, out, index = text[1:-1], bytearray(), 0
    while index < len(body):
        char = body[index : index + 1]
        if char != b"\\":
            out += char
            index += 1
            continue
        escape = body[index + 1 : index + 2]
        if escape.isdigit():
            out.append(int(body[index + 1 : index + 4], 8))
            index += 4
        else:
            out.append(_ESCAPES.get(escape, escape[0] if escape else 92))
            index += 2
    return os.fsdecode(bytes(out))


def touched_symbols(symbols: Iterable[Symbol], change: Change) -> list[Symbol]:
    """Return the symbols a change adds or modifies, in report order."""
    by_file: dict[str, list[Symbol]] = {}
    for symbol in symbols:
        by_file.setdefault(symbol.path, []).append(symbol)
    touched: list[Symbol] = []
    for path, in_file in by_file.items():
        new = path in change.new_files
        hit: set[int] = set()
        for line in change.lines.get(path, set()):
            owner = _innermost(in_file, line)
            if owner is not None:
                hit.add(id(owner))
        for line in change.deletions.get(path, set()):
            before, after = _innermost(in_file, line), _innermost(in_file, line + 1)
            if before is not None and before is after:
                hit.add(id(before))
        for symbol in in_file:
            if (symbol.kind == "module" and new) or id(symbol) in hit:
                touched.append(symbol)
    return touched


def _innermost(symbols: list[Symbol], line: int) -> Symbol | None:
    """Return the narrowest non-module symbol whose span holds ``line``."""
    best: Symbol | None = None
    for symbol in symbols:
        first, last = symbol.span
        if symbol.kind == "module" or not first <= line <= last:
            continue
        if best is None or (last - first) < (best.span[1] - best.span[0]):
            best = symbol
    return best
