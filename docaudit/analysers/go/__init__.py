"""Go: golint/revive's ``exported`` rule and its package comments (``package-comments``),
read with tree-sitter: ``parse`` reads a file's declarations and doc comments, ``count``
applies the rule, ``link`` resolves imports through ``go.mod``."""

from __future__ import annotations

from docaudit.analysers.go.count import count
from docaudit.analysers.go.link import link
from docaudit.analysers.go.parse import parse
from docaudit.analysers.languages import Language

LANGUAGES = {"go": Language("go", parse, count, link)}
"""The Go language."""
