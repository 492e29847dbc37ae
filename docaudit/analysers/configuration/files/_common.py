"""What every config reader shares: the result types, the collector, text and comments.

A reader fills a :class:`_Collector` with keys, env declarations and errors; the helpers
here decode a file, split it into lines and turn comment lines into documentation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_COMMENTED_OUT = re.compile(
    r"""(?:export\s+)?[A-Za-z_][\w.\-]*=\S*$"""
    r"""|[A-Za-z_][\w.\-]*:\s*(?:-?\d[\d.]*|true|false|null|"[^"]*"|'[^']*')?\s*$"""
)
_HAS_WORD = re.compile(r"[^\W_]")
_COMMENT_LEADER = re.compile(r"^[#;]+\s*(?:--|:)?\s*")


@dataclass(frozen=True, slots=True)
class ConfigKey:
    """A leaf key of a config file: its dotted path, line, documenting comment and value.

    ``dotted`` joins mapping keys with dots, TOML/INI sections included; items of a list of
    mappings appear as ``name[]`` (``servers[].host``). ``comment`` is the comment block
    directly above (no blank line between) and/or the inline comment, markers stripped;
    ``value`` is the scalar as written, ``None`` for lists and empty mappings.
    """

    path: str
    line: int
    dotted: str
    comment: str | None
    value: str | None


@dataclass(frozen=True, slots=True)
class EnvDeclaration:
    """An environment variable a config file declares or wires in.

    ``source`` is ``env-file``, ``compose``, ``dockerfile``, ``k8s`` or ``helm``.
    """

    name: str
    path: str
    line: int
    comment: str | None
    value: str | None
    source: str


@dataclass(frozen=True, slots=True)
class ConfigFile:
    """What one config file holds: its keys, its env declarations and its problems.

    ``errors`` are one line each, without the path (``line 3: invalid YAML: ...``).
    """

    keys: list[ConfigKey]
    env: list[EnvDeclaration]
    errors: list[str]


@dataclass(frozen=True, slots=True)
class EnvInterpolation:
    """A ``${NAME}``, ``${NAME:-default}`` or ``$NAME`` reference in a compose file."""

    name: str
    line: int
    default: str | None


class _Collector:
    """Gathers one file's keys, declarations and errors; the first key of a path wins."""

    def __init__(self, path: str) -> None:
        """Start collecting the keys and declarations of the file at ``path``."""
        self.path = path
        self.keys: dict[str, ConfigKey] = {}
        self.env: dict[tuple[str, int], EnvDeclaration] = {}
        self.errors: list[str] = []

    def key(self, dotted: str, line: int, comment: str | None, value: str | None) -> bool:
        """Record a key; return False (and keep the first) when the path is already known."""
        if dotted in self.keys:
            return False
        self.keys[dotted] = ConfigKey(self.path, line, dotted, comment, value)
        return True

    def env_var(
        self, name: str, line: int, comment: str | None, value: str | None, source: str
    ) -> None:
        """Record an environment variable declaration."""
        self.env.setdefault(
            (name, line), EnvDeclaration(name, self.path, line, comment, value, source)
        )

    def error(self, line: int | None, message: str) -> None:
        """Record a problem, on one line."""
        message = " ".join(message.split())
        self.errors.append(f"line {line}: {message}" if line else message)

    def result(self) -> ConfigFile:
        """Return the findings, sorted by line."""
        keys = sorted(self.keys.values(), key=lambda key: (key.line, key.dotted))
        env = sorted(self.env.values(), key=lambda decl: (decl.line, decl.name))
        return ConfigFile(keys, env, self.errors)


def _decode(data: bytes) -> str | None:
    """Return the text of a UTF-8 file without its BOM, or None for binary data."""
    if b"\x00" in data:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text.removeprefix("\ufeff")


def _plain_lines(text: str) -> list[str]:
    """Split text into lines the way line-oriented parsers count them."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


# --- comments ---------------------------------------------------------------------------


def _clean_comment(raw: str) -> str:
    """Strip comment markers (``#``, ``;``, helm-docs ``# --``, Sphinx ``#:``) from a line.

    A commented-out setting (``# OLD_FLAG=1``, ``# port: 80``) describes nothing: empty.
    """
    text = _COMMENT_LEADER.sub("", raw.strip()).strip()
    if _COMMENTED_OUT.match(text):
        return ""
    return text if _HAS_WORD.search(text) else ""


def _comment_above(
    lines: list[str],
    index: int,
    covered: set[int] | frozenset[int] = frozenset(),
    markers: tuple[str, ...] = ("#",),
) -> str | None:
    """Return the comment block ending directly above 0-based line ``index``, if any.

    Lines in ``covered`` (inside multi-line strings or values) are never comments.
    """
    texts: list[str] = []
    above = index - 1
    while above >= 0 and above not in covered:
        stripped = lines[above].strip()
        if not stripped.startswith(markers):
            break
        texts.append(_clean_comment(stripped))
        above -= 1
    return " ".join(text for text in reversed(texts) if text) or None


def _join_comments(*parts: str | None) -> str | None:
    """Join the comments that document one key (above, then inline)."""
    return " ".join(part for part in parts if part) or None


def _inline(raw: str | None) -> str | None:
    """Clean the text after an inline comment marker."""
    if raw is None:
        return None
    return _clean_comment("#" + raw) or None
