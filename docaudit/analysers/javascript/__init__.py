"""JavaScript and TypeScript: eslint-plugin-jsdoc ``require-jsdoc``'s rule, read with
tree-sitter (a first version: files parse, nothing is counted yet)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import tree_sitter_javascript
import tree_sitter_typescript

from docaudit.analysers import treesitter
from docaudit.analysers.languages import Language, Links, Reader
from docaudit.config.settings import Counting
from docaudit.model.symbols import OK, Definition, ParsedModule, Symbol


def _grammar(path: str) -> Callable[[], object]:
    """Return the grammar for a file's suffix: TSX, TypeScript or JavaScript."""
    if path.endswith(".tsx"):
        return tree_sitter_typescript.language_tsx
    if path.endswith((".ts", ".mts", ".cts")):
        return tree_sitter_typescript.language_typescript
    return tree_sitter_javascript.language


def _parser(language: str) -> Callable[[bytes, str, int], ParsedModule]:
    """Return the parse function of one of the two languages."""

    def parse(data: bytes, path: str, max_line_length: int) -> ParsedModule:
        """Parse one file: its module definition and syntax error, if any."""
        data = treesitter.decode(data, max_line_length)
        grammar = _grammar(path)
        tree = treesitter.parse(grammar, data)
        module = Definition(
            kind="module",
            name=path,
            line=1,
            is_async=False,
            decorators=(),
            bases=(),
            doc=OK,
            pragma=None,
            span=(1, tree.root_node.end_point.row + 1),
        )
        return ParsedModule(
            module=module,
            exports=None,
            aliases=(),
            parser="tree-sitter",
            language=language,
            error=treesitter.first_error(tree, grammar),
        )

    return parse


def count(path: str, parsed: ParsedModule, counting: Counting) -> list[Symbol]:
    """Return the counted symbols of one file (none yet)."""
    return []


def link(parses: Mapping[str, ParsedModule], read: Reader) -> Links:
    """Return each file's imports resolved to repository files (none yet)."""
    return {}


LANGUAGES = {
    "javascript": Language("javascript", _parser("javascript"), count, link),
    "typescript": Language("typescript", _parser("typescript"), count, link),
}
"""The two languages this module serves."""
