"""Go: golint/revive's ``exported`` rule and the package comment (work in progress:
this first version reads each file and counts nothing yet)."""

from __future__ import annotations

from collections.abc import Mapping

import tree_sitter_go

from docaudit.analysers import treesitter
from docaudit.analysers.languages import Language, Links, Reader
from docaudit.config.settings import Counting
from docaudit.model.symbols import MISSING, Definition, ParsedModule, Symbol


def parse(data: bytes, path: str, max_line_length: int) -> ParsedModule:
    """Return one Go file as a module with no definitions yet (or raise ``AnalysisError``)."""
    data = treesitter.decode(data, max_line_length)
    tree = treesitter.parse(tree_sitter_go.language, data)
    module = Definition(
        kind="module",
        name=path,
        line=1,
        is_async=False,
        decorators=(),
        bases=(),
        doc=MISSING,
        pragma=None,
        span=(1, max(1, tree.root_node.end_point.row + 1)),
    )
    return ParsedModule(
        module=module,
        exports=None,
        aliases=(),
        parser="tree-sitter",
        language="go",
        error=treesitter.first_error(tree, tree_sitter_go.language),
    )


def count(path: str, parsed: ParsedModule, counting: Counting) -> list[Symbol]:
    """Return no symbols yet."""
    return []


def link(parses: Mapping[str, ParsedModule], read: Reader) -> Links:
    """Return no links yet."""
    return {}


LANGUAGES = {"go": Language("go", parse, count, link)}
"""The Go language."""
