"""The environment variables a Rust file reads: ``env::var("X")`` and ``env::var_os``
(``std::env::`` too), at build time ``env!("X")`` (required: the build fails without it)
and ``option_env!("X")``; ``.unwrap()`` or ``.expect(...)`` after a read makes it
required, ``.unwrap_or(...)`` gives its default. clap's options read one too:
``#[arg(env = "X", default_value = "d")]`` (``#[clap(...)]`` too) and the builder's
``Arg::new("x").env("X")`` (one argument: ``Command::env(key, value)`` sets a child's)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from tree_sitter import Node

from docaudit.analysers import treesitter
from docaudit.analysers.configuration.envvars.facts import Read
from docaudit.analysers.envreads import literal_default, read, string_value
from docaudit.analysers.treesitter import text

MARKERS = (b"env::var", b"env!", b"option_env!", b"env =", b"env=", b".env(")
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
(attribute
  (identifier) @attribute
  arguments: (token_tree) @arguments
  (#any-of? @attribute "arg" "clap"))
(call_expression
  function: (field_expression field: (field_identifier) @builder)
  arguments: (arguments . (string_literal) @builder_name .)
  (#eq? @builder "env"))
"""
_FAILING = frozenset({"unwrap", "expect"})
_DEFAULTING = frozenset({"unwrap_or", "unwrap_or_default", "unwrap_or_else", "ok"})


def env_reads(grammar: Callable[[], object], root: Node, data: bytes) -> list[Read]:
    """Return the file's reads of environment variables, in source order."""
    if not any(marker in data for marker in MARKERS):
        return []
    reads = []
    for match in treesitter.matches(grammar, _QUERY, root):
        if "arguments" in match:
            reads += _clap_attribute(match["arguments"])
            continue
        if "builder" in match:
            name = string_value(match["builder_name"])
            if name:
                reads.append(read(name, match["builder_name"], "clap", None, None))
            continue
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


def _clap_attribute(arguments: Node) -> list[Read]:
    """Return the read of an ``#[arg(...)]`` whose ``env = "X"`` names a variable, with
    its literal ``default_value``/``default_value_t``."""
    tokens = arguments.children
    values: dict[str, Node] = {}
    for index in range(len(tokens) - 2):
        key, equals, value = tokens[index : index + 3]
        if key.type == "identifier" and equals.type == "=":
            values.setdefault(text(key), value)
    name = string_value(values.get("env"))
    if not name:
        return []
    default = literal_default(values.get("default_value") or values.get("default_value_t"))
    found = read(name, values["env"], "clap", default, None)
    return [replace(found, description=_help(arguments))]


def _help(arguments: Node) -> str | None:
    """Return the ``///`` doc comment above an ``#[arg(...)]`` or the field it is on
    (clap's help text for the option), if any."""
    item = arguments.parent.parent if arguments.parent is not None else None
    lines: list[str] = []
    sibling = item.prev_sibling if item is not None else None
    while sibling is not None and sibling.type in ("line_comment", "attribute_item"):
        comment = text(sibling)
        if sibling.type == "line_comment" and comment.startswith("///"):
            lines.insert(0, comment[3:].strip())
        sibling = sibling.prev_sibling
    return " ".join(line for line in lines if line) or None


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
