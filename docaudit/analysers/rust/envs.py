"""The environment variables a Rust file reads: ``env::var("X")`` and ``env::var_os``
(``std::env::`` too), at build time ``env!("X")`` (required: the build fails without it)
and ``option_env!("X")``; ``.unwrap()`` or ``.expect(...)`` after a read makes it
required, ``.unwrap_or(...)`` gives its default."""

from __future__ import annotations

from collections.abc import Callable

from tree_sitter import Node

from docaudit.analysers import treesitter
from docaudit.analysers.configuration.envvars.facts import Read
from docaudit.analysers.envreads import literal_default, read, string_value
from docaudit.analysers.treesitter import text

MARKERS = (b"env::var", b"env!", b"option_env!")
"""A literal part of every reader: a file holding none is not queried."""

_QUERY = """
(call_expression
  function: (scoped_identifier
    path: [(identifier) (scoped_identifier)] @path
    name: (identifier) @function)
  arguments: (arguments . (string_literal) @name)
  (#match? @path "(^|::)env$")
  (#any-of? @function "var" "var_os")) @call
(macro_invocation
  macro: (identifier) @macro
  (token_tree . (string_literal) @macro_name)
  (#any-of? @macro "env" "option_env"))
"""
_FAILING = frozenset({"unwrap", "expect"})
_DEFAULTING = frozenset({"unwrap_or", "unwrap_or_default", "unwrap_or_else", "ok"})


def env_reads(grammar: Callable[[], object], root: Node, data: bytes) -> list[Read]:
    """Return the file's reads of environment variables, in source order."""
    if not any(marker in data for marker in MARKERS):
        return []
    reads = []
    for match in treesitter.matches(grammar, _QUERY, root):
        if "macro" in match:
            name = string_value(match["macro_name"])
            macro = text(match["macro"])
            if name:
                reads.append(read(name, match["macro_name"], f"{macro}!", None, macro == "env"))
            continue
        name = string_value(match["name"])
        if name:
            default, required = _after(match["call"])
            source = f"env::{text(match['function'])}"
            reads.append(read(name, match["name"], source, default, required))
    return reads


def _after(call: Node) -> tuple[str | None, bool | None]:
    """Return the default and whether the variable is required, from the method called on
    the read's result (``.unwrap()``, ``.unwrap_or("x")``)."""
    field = call.parent
    method_call = field.parent if field is not None else None
    if field is None or field.type != "field_expression" or method_call is None:
        return None, None
    method = text(field.child_by_field_name("field"))
    if method in _FAILING:
        return None, True
    if method not in _DEFAULTING:
        return None, None
    arguments = method_call.child_by_field_name("arguments")
    first = arguments.named_children[0] if arguments and arguments.named_children else None
    if first is not None and first.type == "call_expression":  # "x".into(), "x".to_string()
        receiver = first.child_by_field_name("function")
        first = receiver.child_by_field_name("value") if receiver is not None else None
    return literal_default(first), False
