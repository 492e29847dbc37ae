"""The environment variables a Java file reads: ``System.getenv("X")``, and Spring's
``@Value("${X:default}")`` placeholders whose name is shaped like an environment
variable's (``${app.name}`` names a property; see ``envvars.spring``)."""

from __future__ import annotations

from collections.abc import Callable

from tree_sitter import Node

from docaudit.analysers import treesitter
from docaudit.analysers.configuration.envvars.facts import Read
from docaudit.analysers.configuration.envvars.spring import placeholders
from docaudit.analysers.envreads import read, string_value

MARKERS = (b"getenv", b"@Value")
"""A literal part of every reader: a file holding none is not queried."""

_QUERY = """
(method_invocation
  object: (identifier) @owner
  name: (identifier) @method
  arguments: (argument_list . (string_literal) @name)
  (#eq? @owner "System")
  (#eq? @method "getenv"))

(annotation
  name: (identifier) @annotation
  arguments: (annotation_argument_list . (string_literal) @value)
  (#eq? @annotation "Value"))
"""


def env_reads(grammar: Callable[[], object], root: Node, data: bytes) -> list[Read]:
    """Return the file's reads of environment variables, in source order."""
    if not any(marker in data for marker in MARKERS):
        return []
    found = treesitter.captures(grammar, _QUERY, root)
    reads = [
        read(name, node, "System.getenv", None, None)
        for node in found.get("name", [])
        if (name := string_value(node))
    ]
    for node in found.get("value", []):  # the literal as written: "${X}" is no plain string
        for name, default in placeholders(treesitter.text(node)):
            reads.append(read(name, node, "spring", default, default is None))
    return sorted(reads, key=lambda r: (r.line, r.name))
