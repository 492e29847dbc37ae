"""What a change touches: the lines it adds or modifies, and the symbols they fall in.

The lines come from ``git diff -U0`` against a base (a commit, or the index for
staged changes). A changed line belongs to the innermost definition around it, so
editing a method touches the method, not its class; a module counts as touched
only when the file is new, so a one-line fix never asks for a module docstring.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from docaudit.model import Symbol

_HUNK = re.compile(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_ESCAPES = {b"a": 7, b"b": 8, b"t": 9, b"n": 10, b"v": 11, b"f": 12, b"r": 13}


class ChangeError(Exception):
    """The change cannot be read from git; the message says why."""


@dataclass
class Change:
    """Lines added or modified, by file (paths from the repository root), and new files."""

    lines: dict[str, set[int]] = field(default_factory=dict)
    new_files: set[str] = field(default_factory=set)


def changed_lines(root: Path, base: str | None, staged: bool, paths: Iterable[str] = ()) -> Change:
    """Return what the change adds: the work tree (or the index, ``staged``) against ``base``."""
    args = ["git", "-c", "core.quotePath=true", "diff", "-U0", "--no-color", "--no-ext-diff", "-M"]
    if staged:
        args.append("--cached")
    if base:
        args.append(base)
    args += ["--", *(f":(literal){path}" for path in paths)]
    done = subprocess.run(args, cwd=root, capture_output=True, check=False)
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ChangeError(f"git diff failed: {message[-1] if message else 'no message'}")
    return parse_diff(done.stdout)


def parse_diff(output: bytes) -> Change:
    """Parse ``git diff -U0`` output into added or modified lines per new-side path."""
    change = Change()
    path: str | None = None
    from_nothing = False
    for line in output.split(b"\n"):
        if line.startswith(b"--- "):
            from_nothing = line == b"--- /dev/null"
        elif line.startswith(b"+++ "):
            target = line[4:]
            path = None if target == b"/dev/null" else _unquote(target)[2:]
            if path is not None and from_nothing:
                change.new_files.add(path)
        elif path is not None and (match := _HUNK.match(line)):
            start, count = int(match.group(1)), int(match.group(2) or 1)
            touched = change.lines.setdefault(path, set())
            if count:
                touched.update(range(start, start + count))
            elif start:
                touched.add(start)
    return change


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
        lines = change.lines.get(path, set())
        hit: set[int] = set()
        for line in lines:
            owner = _innermost(in_file, line)
            if owner is not None:
                hit.add(id(owner))
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
