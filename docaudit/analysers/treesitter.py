"""What every tree-sitter language shares: decoding, grammars, queries, errors, comments.

A grammar and its compiled queries are made once per process, on first use (a grammar
wheel takes about 20 ms to import). Queries pick the nodes (``QueryCursor.captures``),
so Python never walks every node of a file; what is walked from Python (siblings,
ancestors) is walked in loops, never by recursion, since a file may nest deeply.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from tree_sitter import Language, Node, Parser, Query, QueryCursor, Tree

from docaudit.errors import AnalysisError

_BOM = b"\xef\xbb\xbf"


def decode(data: bytes, max_line_length: int) -> bytes:
    """Return a source file's bytes ready to parse (less a UTF-8 byte order mark), or
    raise ``AnalysisError``: bytes that are not UTF-8 (naming the first bad one), a NUL
    byte, or a line longer than ``max_line_length`` characters (a minified or bundled
    file, which is skipped and said so)."""
    data = data.removeprefix(_BOM)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise AnalysisError(
            f"cannot decode as utf-8: byte 0x{data[error.start]:02x} at offset {error.start}"
        ) from None
    if "\x00" in text:
        raise AnalysisError("source contains a NUL byte")
    longest = max(map(len, text.splitlines()), default=0)
    if longest > max_line_length:
        line = next(n for n, t in enumerate(text.splitlines(), 1) if len(t) == longest)
        raise AnalysisError(
            f"skipped: line {line} is {longest:,} characters long, over the"
            f" {max_line_length:,}-character limit (max-line-length): minified or bundled?"
        )
    return data


@cache
def parser(grammar: Callable[[], object]) -> Parser:
    """Return a parser for the grammar a wheel's ``language`` function gives."""
    return Parser(Language(grammar()))


@cache
def query(grammar: Callable[[], object], source: str) -> Query:
    """Return the compiled query ``source`` in the grammar (compiled once per process)."""
    return Query(Language(grammar()), source)


def parse(grammar: Callable[[], object], data: bytes) -> Tree:
    """Parse ``data`` (see ``decode``) with the grammar."""
    return parser(grammar).parse(data)


def captures(grammar: Callable[[], object], source: str, node: Node) -> dict[str, list[Node]]:
    """Return the query's captures under ``node``: capture name to nodes in source order."""
    found = QueryCursor(query(grammar, source)).captures(node)
    return {name: sorted(nodes, key=lambda n: n.start_byte) for name, nodes in found.items()}


def first_error(tree: Tree, grammar: Callable[[], object]) -> str | None:
    """Return ``syntax error at line N`` for the first error in the tree, or ``None``.

    tree-sitter recovers from errors: the rest of the file is still read and counted.
    """
    if not tree.root_node.has_error:
        return None
    found = captures(grammar, "(ERROR) @error (MISSING) @error", tree.root_node)
    nodes = found.get("error", [])
    if not nodes:
        return "syntax error"
    first = nodes[0]
    what = "missing " + first.type if first.is_missing else "cannot parse"
    return f"syntax error at line {first.start_point.row + 1}: {what}"


def text(node: Node | None) -> str:
    """Return a node's source text (empty for no node)."""
    if node is None or node.text is None:
        return ""
    return node.text.decode("utf-8", "replace")


def line(node: Node) -> int:
    """Return a node's first line, counted from 1."""
    return node.start_point.row + 1


def comments_before(
    node: Node, kinds: frozenset[str], skip: frozenset[str] = frozenset()
) -> list[Node]:
    """Return the comments directly above ``node``, nearest last: each ends on the line
    before the next (no blank line between), stopping at anything else; siblings of a
    type in ``skip`` (attributes, decorators) are stepped over."""
    found: list[Node] = []
    below = node.start_point.row
    sibling = node.prev_sibling
    while sibling is not None:
        if sibling.type in skip:
            below = sibling.start_point.row
        elif sibling.type in kinds and sibling.end_point.row >= below - 1:
            found.append(sibling)
            below = sibling.start_point.row
        else:
            break
        sibling = sibling.prev_sibling
    found.reverse()
    return found
