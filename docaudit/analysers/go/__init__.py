"""Go: golint/revive's ``exported`` rule and its package comments (``package-comments``),
read with tree-sitter: ``parse`` reads a file's declarations and doc comments, ``count``
applies the rule to one file, ``count_all`` to every file with one module symbol per
package, ``link`` resolves imports through ``go.mod``."""

from __future__ import annotations

from collections.abc import Mapping

from docaudit.analysers.go.count import count, package_symbols
from docaudit.analysers.go.link import link
from docaudit.analysers.go.parse import parse
from docaudit.analysers.languages import Language, Reader
from docaudit.config.settings import Counting
from docaudit.model.symbols import ParsedModule, Symbol


def count_all(
    parses: Mapping[str, ParsedModule], counting: Counting, read: Reader
) -> dict[str, list[Symbol]]:
    """Count every Go file: each file's exported symbols, and each package's one module
    symbol on the file ``package_symbols`` places it on (first in that file's list; no
    other file is read: ``read`` is the registry's and unused)."""
    counted = {
        path: [s for s in count(path, parsed, counting) if s.kind != "module"]
        for path, parsed in parses.items()
    }
    for symbol in package_symbols(parses, counting):
        counted[symbol.path].insert(0, symbol)
    return counted


LANGUAGES = {"go": Language("go", parse, count, link, count_all)}
"""The Go language."""
