"""Environment variables read by the sources of other languages, as the Python collector
records them (``EnvFacts`` of ``Read``): each language's ``envs`` module finds its readers
with a tree-sitter query, and this module turns what they found into the file's facts.

A file holding none of a language's reader markers (``process.env``, ``Getenv``...) is not
queried at all. A read's default is kept where it is a literal (``process.env.PORT ??
3000``); ``required`` is ``True`` where a missing variable fails (Rust's ``env!``,
``.unwrap()``), ``False`` where the code has a fallback, ``None`` where it cannot be told.
"""

from __future__ import annotations

from collections.abc import Iterable

from tree_sitter import Node

from docaudit.analysers.configuration.envvars.facts import EnvFacts, Read
from docaudit.analysers.treesitter import line, text

_QUOTES = ('"', "'", "`")


def env_facts(reads: Iterable[Read]) -> tuple[tuple[str, object], ...]:
    """Return a file's ``envvars`` facts holding ``reads`` (nothing when there are none)."""
    found = tuple(sorted(set(reads), key=lambda read: (read.line, read.name)))
    return (("envvars", EnvFacts(reads=found)),) if found else ()


def read(name: str, node: Node, source: str, default: str | None, required: bool | None) -> Read:
    """Return the read of the variable ``name``, named at ``node``, by ``source``."""
    return Read(name, line(node), source, default, required, None, False, False)


def string_value(node: Node | None) -> str | None:
    """Return a plain string literal's value (quotes dropped), or ``None`` for anything
    else: another node, an escape, an interpolation (``${x}``), an empty string."""
    if node is None:
        return None
    value = text(node)
    if node.type == "raw_string_literal" and value.startswith("r"):  # Rust's r"..."
        value = value.lstrip("r#").rstrip("#")
    if len(value) < 3 or value[0] not in _QUOTES or value[-1] != value[0]:
        return None
    inner = value[1:-1]
    return None if "\\" in inner or "${" in inner else inner


LITERALS = frozenset(
    {
        "string",
        "number",
        "true",
        "false",
        "null",
        "template_string",
        "interpreted_string_literal",
        "raw_string_literal",
        "int_literal",
        "float_literal",
        "string_literal",
        "integer_literal",
        "decimal_integer_literal",
        "boolean_literal",
    }
)
"""The node types whose source text is a default worth showing."""


def literal_default(node: Node | None) -> str | None:
    """Return a default's source text when it is a literal (``3000``, ``"dev"``)."""
    if node is None or node.type not in LITERALS or "${" in text(node):
        return None
    return text(node)
