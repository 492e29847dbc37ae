"""What every tree-sitter language shares: decoding, grammars, queries, errors, comments.

A grammar and its compiled queries are made once per process, on first use (a grammar
wheel takes about 20 ms to import). Queries pick the nodes (``QueryCursor.captures``),
so Python never walks every node of a file; what is walked from Python (siblings,
ancestors) is walked in loops, never by recursion, since a file may nest deeply.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache

from tree_sitter import Language, Node, Parser, Query, QueryCursor, Tree

from docaudit.errors import AnalysisError
from docaudit.model.symbols import Definition, ParsedModule

_BOM = b"\xef\xbb\xbf"
PRAGMA = "docaudit: ignore"
"""The comment that leaves a definition out, in every language."""


def decode(data: bytes) -> bytes:
    """Return a source file's bytes ready to parse (a UTF-8 byte order mark dropped), or
    raise ``AnalysisError`` for bytes that are not UTF-8 (naming the first bad one) or
    hold a NUL byte."""
    data = data.removeprefix(_BOM)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise AnalysisError(
            f"cannot decode as utf-8: byte 0x{data[error.start]:02x} at offset {error.start}"
        ) from None
    if "\x00" in text:
        raise AnalysisError("source contains a NUL byte")
    return data


@cache
def _long_line(max_line_length: int) -> re.Pattern[bytes]:
    """Compile the search for lines of more than ``max_line_length`` bytes."""
    return re.compile(rb"[^\r\n]{%d,}" % (max_line_length + 1))


def long_lines(data: bytes, max_line_length: int) -> frozenset[int]:
    """Return the numbers of the lines longer than ``max_line_length`` characters (the
    line breaks of a UTF-8 byte order mark's line are counted after it)."""
    data = data.removeprefix(_BOM)
    if len(data) <= max_line_length:
        return frozenset()
    found = set()
    line, counted_to = 1, 0
    for match in _long_line(max_line_length).finditer(data):
        line += data.count(b"\n", counted_to, match.start())
        counted_to = match.start()
        if len(match.group().decode("utf-8", "replace")) > max_line_length:
            found.add(line)
    return frozenset(found)


LONG_LINE = "long-line"
"""The trait of a definition that begins on a line over ``max-line-length`` characters:
it is parsed, and what it holds is counted, but it is not (see ``uncounted``)."""


def mark_lines(module: Definition, lines: frozenset[int]) -> tuple[Definition, int]:
    """Return ``module`` with the trait ``LONG_LINE`` on each definition that begins on
    one of ``lines`` (what it holds keeps its own), and how many have it; built in a
    loop, never by recursion."""
    order: list[Definition] = []
    stack = [module]
    while stack:
        definition = stack.pop()
        order.append(definition)
        stack.extend(definition.children)
    kept: dict[int, Definition] = {}
    marked = 0
    for definition in reversed(order):  # children before their parents
        children = tuple(kept[id(child)] for child in definition.children)
        changes: dict[str, object] = {}
        if children != definition.children:
            changes["children"] = children
        if definition is not module and definition.line in lines:
            changes["traits"] = (*definition.traits, LONG_LINE)
            marked += 1
        kept[id(definition)] = replace(definition, **changes) if changes else definition
    return kept[id(module)], marked


def uncounted(module: Definition) -> frozenset[int]:
    """Return the lines on which definitions with the trait ``LONG_LINE`` begin."""
    lines: set[int] = set()
    stack = list(module.children)
    while stack:
        definition = stack.pop()
        if LONG_LINE in definition.traits:
            lines.add(definition.line)
        stack.extend(definition.children)
    return frozenset(lines)


def long_lines_notice(lines: frozenset[int], left_out: int, max_line_length: int) -> str:
    """Return the notice of a file where ``left_out`` definitions were not counted, for
    they begin on ``lines``, over ``max_line_length`` characters long."""
    where = f"line {min(lines)}" if len(lines) == 1 else f"{len(lines)} lines"
    return (
        f"{left_out} definition(s) on {where} over {max_line_length:,} characters not counted"
        " (minified or bundled code? max-line-length sets the limit)"
    )


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


def matches(grammar: Callable[[], object], source: str, node: Node) -> list[dict[str, Node]]:
    """Return the query's matches under ``node``, each as its captures (one node per
    capture name), in the order tree-sitter finds them."""
    found = QueryCursor(query(grammar, source)).matches(node)
    return [{name: nodes[0] for name, nodes in captured.items() if nodes} for _, captured in found]


def first_error(tree: Tree, grammar: Callable[[], object]) -> str | None:
    """Return ``cannot parse line N ...`` for the first error in the tree, or ``None``.

    tree-sitter recovers from errors: the rest of the file is still read and counted.
    The message does not call it a syntax error: it may be a gap of the grammar in
    valid code (see docs/languages.md).
    """
    if not tree.root_node.has_error:
        return None
    found = captures(grammar, "(ERROR) @error (MISSING) @error", tree.root_node)
    nodes = found.get("error", [])
    where = f"line {nodes[0].start_point.row + 1}" if nodes else "a line"
    missing = f": missing {nodes[0].type}" if nodes and nodes[0].is_missing else ""
    return f"cannot parse {where}{missing} ({_PARTLY})"


_PARTLY = "a syntax error or a gap in the grammar; the rest is counted"


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


def pragma_lines(comments: list[Node]) -> frozenset[int]:
    """Return the lines of the comments among ``comments`` that hold ``PRAGMA``."""
    return frozenset(line(comment) for comment in comments if PRAGMA in text(comment))


def file_parse(
    tree: Tree,
    grammar: Callable[[], object],
    *,
    path: str,
    language: str,
    doc: str,
    children: tuple[Definition, ...],
    last_line: int,
    imports: tuple[tuple[str, str], ...],
    first_line: int = 1,
    pragma: str | None = None,
    traits: tuple[str, ...] = (),
    facts: tuple[tuple[str, object], ...] = (),
) -> ParsedModule:
    """Return a file's parse: its module definition (named by its path, spanning lines 1
    to ``last_line``, at least 1) holding ``children``, its raw imports, its facts (the
    environment variables it reads, see ``analysers.envreads``) and its first syntax
    error."""
    module = Definition(
        kind="module",
        name=path,
        line=first_line,
        is_async=False,
        decorators=(),
        bases=(),
        doc=doc,
        pragma=pragma,
        children=children,
        span=(1, max(last_line, 1)),
        traits=traits,
    )
    return ParsedModule(
        module=module,
        exports=None,
        aliases=(),
        parser="tree-sitter",
        imports=imports,
        facts=facts,
        language=language,
        error=first_error(tree, grammar),
    )
