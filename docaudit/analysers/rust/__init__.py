"""Rust: rustc's ``missing_docs`` lint (and, with ``private-items``, clippy's
``missing_docs_in_private_items``), read with tree-sitter.

``parse`` reads one file's items, doc comments and attributes; ``resolve`` works out,
once for all the files of each crate, which items rustc takes as exported (``pub``
through ``pub`` modules or ``pub use`` re-exports) and puts it in their parses;
``count`` applies the rule to one resolved file (a file never resolved is taken alone,
as an exported module); ``link`` resolves ``mod`` and ``use`` items to files.
"""

from __future__ import annotations

from docaudit.analysers.languages import Language
from docaudit.analysers.rust.count import count
from docaudit.analysers.rust.link import link
from docaudit.analysers.rust.parse import parse
from docaudit.analysers.rust.reach import resolve

LANGUAGES = {"rust": Language("rust", parse, count, link)}
"""The Rust language."""

__all__ = ["LANGUAGES", "resolve"]
