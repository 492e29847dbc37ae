"""The environment variables a JavaScript or TypeScript file reads: ``process.env.X``,
``process.env["X"]``, ``const { X, Y = "d" } = process.env``, Vite's ``import.meta.env.X``,
``Deno.env.get("X")`` and ``Bun.env.X`` (Vite's own ``MODE``, ``DEV``... left out), with
a literal default given by ``??`` or ``||`` (or a destructuring default)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from tree_sitter import Node

from docaudit.analysers import treesitter
from docaudit.analysers.configuration.envvars.facts import Read
from docaudit.analysers.envreads import literal_default, read, string_value
from docaudit.analysers.treesitter import text

MARKERS = (b"process.env", b"import.meta.env", b"Deno.env", b"Bun.env")
"""A literal part of every reader: a file holding none is not queried."""

_QUERY = """
(member_expression
  object: (identifier) @owner
  property: (property_identifier) @env
  (#any-of? @owner "process" "Bun" "Deno")
  (#eq? @env "env")) @environment
(member_expression
  object: (meta_property)
  property: (property_identifier) @env
  (#eq? @env "env")) @environment
"""
_FALLBACKS = frozenset({"??", "||"})
VITE_BUILT_IN = frozenset({"MODE", "BASE_URL", "PROD", "DEV", "SSR"})
"""What Vite itself puts in ``import.meta.env`` (https://vite.dev/guide/env-and-mode): no
variable anybody sets."""


def env_reads(grammar: Callable[[], object], root: Node, data: bytes) -> list[Read]:
    """Return the file's reads of environment variables, in source order."""
    if not any(marker in data for marker in MARKERS):
        return []
    found = treesitter.captures(grammar, _QUERY, root).get("environment", [])
    return [found_read for environment in found for found_read in _reads_of(environment)]


def _source(environment: Node) -> str:
    """Return how a read names its reader: ``process.env``, ``import.meta.env``..."""
    owner = environment.child_by_field_name("object")
    meta = owner is None or owner.type == "meta_property"
    return f"{'import.meta' if meta else text(owner)}.env"


def _reads_of(environment: Node) -> Iterator[Read]:
    """Yield what is read from one ``process.env`` (or like) expression."""
    source = _source(environment)
    parent = environment.parent
    if parent is None:
        return
    if source == "Deno.env":
        yield from _deno(environment, parent)
    elif parent.type == "member_expression" and _is(parent, "object", environment):
        name = parent.child_by_field_name("property")
        if name is not None and not (source == "import.meta.env" and text(name) in VITE_BUILT_IN):
            yield _with_fallback(text(name), name, parent, source)
    elif parent.type == "subscript_expression" and _is(parent, "object", environment):
        name = string_value(parent.child_by_field_name("index"))
        if name:
            yield _with_fallback(name, parent, parent, source)
    elif parent.type == "variable_declarator" and _is(parent, "value", environment):
        pattern = parent.child_by_field_name("name")
        if pattern is not None and pattern.type == "object_pattern":
            yield from _destructured(pattern, source)


def _deno(environment: Node, parent: Node) -> Iterator[Read]:
    """Yield ``Deno.env.get("X")``'s read."""
    call = parent.parent
    if parent.type != "member_expression" or call is None or call.type != "call_expression":
        return
    if text(parent.child_by_field_name("property")) != "get":
        return
    arguments = call.child_by_field_name("arguments")
    first = arguments.named_children[0] if arguments and arguments.named_children else None
    name = string_value(first)
    if name and first is not None:
        yield _with_fallback(name, first, call, "Deno.env.get")


def _destructured(pattern: Node, source: str) -> Iterator[Read]:
    """Yield the names ``const { X, Y = "d", Z: z } = process.env`` takes."""
    for item in pattern.named_children:
        if item.type == "shorthand_property_identifier_pattern":
            yield read(text(item), item, source, None, None)
        elif item.type == "object_assignment_pattern":
            left = item.child_by_field_name("left")
            right = item.child_by_field_name("right")
            if left is not None and left.type == "shorthand_property_identifier_pattern":
                yield read(text(left), left, source, literal_default(right), False)
        elif item.type == "pair_pattern":
            key = item.child_by_field_name("key")
            name = text(key) if key is not None and key.type == "property_identifier" else None
            name = name or string_value(key)
            if name and key is not None:
                yield read(name, key, source, None, None)


def _with_fallback(name: str, at: Node, expression: Node, source: str) -> Read:
    """Return the read of ``name``; a ``??`` or ``||`` after ``expression`` gives its
    fallback (shown when it is a literal)."""
    parent = expression.parent
    if (
        parent is not None
        and parent.type == "binary_expression"
        and _is(parent, "left", expression)
        and text(parent.child_by_field_name("operator")) in _FALLBACKS
    ):
        return read(name, at, source, literal_default(parent.child_by_field_name("right")), False)
    return read(name, at, source, None, None)


def _is(parent: Node, field: str, child: Node) -> bool:
    """Tell whether ``child`` is ``parent``'s ``field``."""
    found = parent.child_by_field_name(field)
    return found is not None and found.id == child.id
