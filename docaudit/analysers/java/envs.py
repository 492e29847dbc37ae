"""The environment variables a Java file reads: ``System.getenv("X")``."""

from __future__ import annotations

from collections.abc import Callable

from tree_sitter import Node

from docaudit.analysers import treesitter
from docaudit.analysers.configuration.envvars.facts import Read
from docaudit.analysers.envreads import read, string_value

MARKERS = (b"getenv",)
"""A literal part of every reader: a file holding none is not queried."""

_QUERY = """
(method_invocation
  object: (identifier) @owner
  name: (identifier) @method
  arguments: (argument_list . (string_literal) @name)
  (#eq? @owner "System")
  (#eq? @method "getenv"))
"""


def env_reads(grammar: Callable[[], object], root: Node, data: bytes) -> list[Read]:
    """Return the file's reads of environment variables, in source order."""
    if not any(marker in data for marker in MARKERS):
        return []
    found = treesitter.captures(grammar, _QUERY, root).get("name", [])
    return [
        read(name, node, "System.getenv", None, None)
        for node in found
        if (name := string_value(node))
    ]
