"""What Go's census and its surface readers (``routes``) both read of a declaration: its
doc comment group and revive's verdict on it, a method's receiver type, a function's
signature."""

from __future__ import annotations

import re

from tree_sitter import Node

from docaudit.analysers import treesitter
from docaudit.analysers.python.docstrings import classify
from docaudit.model.symbols import EMPTY, MISSING

_COMMENT = frozenset({"comment"})
_DIRECTIVE = re.compile(r"^(line |extern |export |[a-z0-9]+:[a-z0-9])")


def receiver_type(method: Node) -> str:
    """Return a method's receiver type name as revive reads it (``typeparams.ReceiverType``:
    ``T``, ``*T``, ``T[K]``, ``*T[K]``), or ``invalid-type`` for any other form."""
    receiver = method.child_by_field_name("receiver")
    declaration = (
        next((c for c in receiver.named_children if c.type == "parameter_declaration"), None)
        if receiver is not None
        else None
    )
    node = declaration.child_by_field_name("type") if declaration is not None else None
    if node is not None and node.type == "pointer_type":
        node = node.named_children[0] if node.named_children else None
    if node is not None and node.type == "generic_type":
        node = node.child_by_field_name("type")
    return (
        treesitter.text(node)
        if node is not None and node.type == "type_identifier"
        else "invalid-type"
    )


def signature(function: Node) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return a function's parameter types and result types, one per name, as written."""
    parameters = _types(function.child_by_field_name("parameters"))
    result = function.child_by_field_name("result")
    if result is None:
        return parameters, ()
    if result.type == "parameter_list":
        return parameters, _types(result)
    return parameters, (treesitter.text(result),)


def _types(parameters: Node | None) -> tuple[str, ...]:
    """Return the type of each parameter in a parameter list (``i, j int``: two)."""
    types: list[str] = []
    for declaration in parameters.named_children if parameters is not None else []:
        written = treesitter.text(declaration.child_by_field_name("type"))
        types.extend(
            [written] * max(1, sum(n.is_named for n in declaration.children_by_field_name("name")))
        )
    return tuple(types)


def doc_comments(node: Node) -> list[Node]:
    """Return the doc comment group of ``node``: the comments that end on the line
    directly above it, with no blank line between them, less any comment on the line of
    the token before it (that token's line comment)."""
    found = treesitter.comments_before(node, _COMMENT)
    if found and found[-1].end_point.row >= node.start_point.row:
        return []
    before = found[0].prev_sibling if found else None
    while found and before is not None and found[0].start_point.row == before.end_point.row:
        found.pop(0)
    return found


def verdict(comments: list[Node], name: str, deprecation: bool = True) -> str:
    """Judge a doc comment group as revive reads it: none, or only directives
    (``//go:generate``, ``//nolint:x``), is missing; with ``deprecation``, so is one whose
    first line is a ``Deprecated:`` notice; blank text is empty; the text before any
    ``Deprecated:`` paragraph is judged as a Python docstring is (``classify``)."""
    lines: list[str] = []
    for comment in comments:
        written = treesitter.text(comment)
        if written.startswith("//"):
            if not _DIRECTIVE.match(written[2:]):
                lines.append(written[2:].strip())
        else:
            lines.extend(
                line.strip().removeprefix("*").strip() for line in written[2:-2].split("\n")
            )
    if not lines:
        return MISSING
    if deprecation:
        first = next((line for line in lines if line), "")
        if first.startswith("Deprecated: "):
            return MISSING
        cut = next(
            (n for n, line in enumerate(lines) if line.startswith("Deprecated: ")), len(lines)
        )
        lines = lines[:cut]
    text = "\n".join(lines).strip()
    return EMPTY if not text else classify(text, name)
