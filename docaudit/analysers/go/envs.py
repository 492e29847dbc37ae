"""The environment variables a Go file reads: ``os.Getenv("X")``, ``os.LookupEnv("X")``
(``syscall`` too), and the ``env:"X"`` struct tags of caarlos0/env (with ``envDefault``;
``required`` among the tag's options makes it required)."""

from __future__ import annotations

import re
from collections.abc import Callable

from tree_sitter import Node

from docaudit.analysers import treesitter
from docaudit.analysers.configuration.envvars.facts import Read
from docaudit.analysers.envreads import read, string_value
from docaudit.analysers.treesitter import text

MARKERS = (b"Getenv", b"LookupEnv", b"env:")
"""A literal part of every reader: a file holding none is not queried."""

_QUERY = """
(call_expression
  function: (selector_expression
    operand: (identifier) @package
    field: (field_identifier) @function)
  arguments: (argument_list . (interpreted_string_literal) @name)
  (#any-of? @package "os" "syscall")
  (#any-of? @function "Getenv" "LookupEnv")) @call
(field_declaration tag: (raw_string_literal) @tag)
"""
_TAG = re.compile(r'(?:^|\s)(env|envDefault):"([^"]*)"')


def env_reads(grammar: Callable[[], object], root: Node, data: bytes) -> list[Read]:
    """Return the file's reads of environment variables, in source order."""
    if not any(marker in data for marker in MARKERS):
        return []
    reads = []
    for match in treesitter.matches(grammar, _QUERY, root):
        if "tag" in match:
            reads += _tag_reads(match["tag"])
            continue
        name = string_value(match["name"])
        if name:
            source = f"os.{text(match['function'])}"
            required = False if source == "os.LookupEnv" else None
            reads.append(read(name, match["name"], source, None, required))
    return reads


def _tag_reads(tag: Node) -> list[Read]:
    """Return the variable a struct field's ``env:"X"`` tag names, if any."""
    fields = dict(match.groups() for match in _TAG.finditer(text(tag).strip("`")))
    name, _, options = fields.get("env", "").partition(",")
    if not name or name == "-":
        return []
    default = fields.get("envDefault")
    required = True if "required" in options.split(",") else (False if default else None)
    return [read(name, tag, "env struct tag", f'"{default}"' if default else None, required)]
