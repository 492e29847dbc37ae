"""JavaScript and TypeScript, counted as eslint-plugin-jsdoc 65's ``require-jsdoc`` rule
counts them (``parse``: what the rule can check and where its JSDoc block is; ``count``:
what the options in ``counting.javascript`` ask; ``link``: imports resolved as Node and
TypeScript resolve them). ``.tsx`` files are read with the TSX grammar, ``.ts .mts
.cts`` (``.d.ts`` included) with the TypeScript one, ``.js .mjs .cjs .jsx`` with the
JavaScript one (which reads JSX)."""

from __future__ import annotations

from collections.abc import Callable

import tree_sitter_javascript
import tree_sitter_typescript

from docaudit.analysers import treesitter
from docaudit.analysers.javascript.count import count
from docaudit.analysers.javascript.link import link
from docaudit.analysers.javascript.parse import JS_QUERY, TS_QUERY, parse_module
from docaudit.analysers.languages import Language
from docaudit.model.symbols import ParsedModule

TYPESCRIPT_SUFFIXES = (".ts", ".mts", ".cts")


def grammar(path: str) -> tuple[Callable[[], object], str]:
    """Return the grammar and query for a file's suffix: TSX, TypeScript or JavaScript."""
    if path.endswith(".tsx"):
        return tree_sitter_typescript.language_tsx, TS_QUERY
    if path.endswith(TYPESCRIPT_SUFFIXES):
        return tree_sitter_typescript.language_typescript, TS_QUERY
    return tree_sitter_javascript.language, JS_QUERY


def _parser(language: str) -> Callable[[bytes, str, int], ParsedModule]:
    """Return the parse function of one of the two languages."""

    def parse(data: bytes, path: str) -> ParsedModule:
        """Parse one file: what the rule can check in it, and its imports."""
        data = treesitter.decode(data)
        chosen, query = grammar(path)
        return parse_module(data, path, chosen, query, language)

    return parse


LANGUAGES = {
    "javascript": Language("javascript", _parser("javascript"), count, link),
    "typescript": Language("typescript", _parser("typescript"), count, link),
}
"""The two languages this module serves."""
