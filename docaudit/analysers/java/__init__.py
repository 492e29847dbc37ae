"""Java: Checkstyle's ``MissingJavadocType`` and ``MissingJavadocMethod`` (a first cut).

This first version parses a file with tree-sitter-java, reports its first syntax error
and counts nothing yet; the rule itself comes next.
"""

from __future__ import annotations

from collections.abc import Mapping

import tree_sitter_java

from docaudit.analysers import treesitter
from docaudit.analysers.languages import Language, Links, Reader
from docaudit.config.settings import Counting
from docaudit.model.symbols import MISSING, Definition, ParsedModule, Symbol


def parse(data: bytes, path: str, max_line_length: int) -> ParsedModule:
    """Parse one Java file (no definitions are read yet)."""
    data = treesitter.decode(data, max_line_length)
    tree = treesitter.parse(tree_sitter_java.language, data)
    module = Definition(
        kind="module",
        name=path,
        line=1,
        is_async=False,
        decorators=(),
        bases=(),
        doc=MISSING,
        pragma=None,
        span=(1, tree.root_node.end_point.row + 1),
    )
    return ParsedModule(
        module=module,
        exports=None,
        aliases=(),
        parser="tree-sitter",
        language="java",
        error=treesitter.first_error(tree, tree_sitter_java.language),
    )


def count(path: str, parsed: ParsedModule, counting: Counting) -> list[Symbol]:
    """Return the counted symbols of one Java file (none yet)."""
    return []


def link(parses: Mapping[str, ParsedModule], read: Reader) -> Links:
    """Return each Java file's imports resolved to repository files (none yet)."""
    return {}


LANGUAGES = {"java": Language("java", parse, count, link)}
"""Java, served by this module."""
