"""Rust: rustc's ``missing_docs`` lint (and, with ``private-items``, clippy's
``missing_docs_in_private_items``), read with tree-sitter.

``parse`` reads one file's items, doc comments and attributes; ``resolve`` works out,
once for all the files of each crate, which items rustc takes as exported (``pub``
through ``pub`` modules or ``pub use`` re-exports) and puts it in their parses;
``count`` applies the rule to one resolved file (a file never resolved is taken alone,
as an exported module); ``count_all`` resolves and counts every file; ``link`` resolves
``mod`` and ``use`` items to files.
"""

from __future__ import annotations

from collections.abc import Mapping

from docaudit.analysers.languages import Language, Reader
from docaudit.analysers.rust.count import count
from docaudit.analysers.rust.link import link
from docaudit.analysers.rust.parse import parse
from docaudit.analysers.rust.reach import resolve
from docaudit.config.settings import Counting
from docaudit.model.symbols import ParsedModule, Symbol


def count_all(
    parses: Mapping[str, ParsedModule], counting: Counting, read: Reader
) -> dict[str, list[Symbol]]:
    """Count every Rust file, each resolved with its crate (``resolve``); ``read`` gives
    the ``Cargo.toml`` files (where there is none, a package has Cargo's default layout:
    ``src/lib.rs``, ``src/main.rs``, ``src/bin/``, ``tests/``...)."""
    resolved = {**parses, **resolve(parses, read)}
    return {path: count(path, resolved[path], counting) for path in parses}


LANGUAGES = {"rust": Language("rust", parse, count, link, count_all)}
"""The Rust language."""

__all__ = ["LANGUAGES", "count_all", "resolve"]
