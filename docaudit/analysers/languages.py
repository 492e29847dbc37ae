"""The language registry: how each language's files are parsed, counted and linked.

Python is read with ``ast`` (``analysers.python``); the other languages with
tree-sitter, each one folder beside ``python/`` whose ``LANGUAGES`` table this module
lists. A language module is imported on its first use, so a Python-only run never loads
tree-sitter: the table below names the module of each language, and ``language``
imports it.

A language gives three functions:

- ``parse(data, path) -> ParsedModule``: the definitions of one whole file (see
  ``parse_source`` for long lines), with ``Definition.traits`` for its counting rules
  and its raw imports (specifier, kind); raises ``AnalysisError`` (one line) for a
  file it cannot read at all;
- ``count(path, parsed, counting) -> list[Symbol]``: the symbols its anchor linter would
  count under the options in ``counting`` (``config.settings.Counting``), in source order;
- ``link(parses, read) -> dict[path, list[(target path, kind)]]``: each file's imports
  resolved to files of the repository (``read(path)`` returns a repository file's bytes,
  or ``None``: ``tsconfig.json``, ``go.mod``, ``Cargo.toml``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from importlib import import_module

from docaudit.analysers.python.counting import Counter, InheritedDoc
from docaudit.analysers.python.parse import analyse_python
from docaudit.analysers.treesitter import long_lines, long_lines_notice, mark_lines, uncounted
from docaudit.config.settings import Config, Counting
from docaudit.discover.classify import HEAD_BYTES, generated_head, path_class
from docaudit.errors import AnalysisError
from docaudit.model.symbols import GENERATED, ParsedModule, Symbol

Reader = Callable[[str], bytes | None]
Links = dict[str, list[tuple[str, str]]]


CountAll = Callable[[Mapping[str, ParsedModule], Counting, Reader], dict[str, list[Symbol]]]
"""Count every file of a language together: paths to their parses in (with a reader of
the repository's files, for ``Cargo.toml``), to symbols out."""


@dataclass(frozen=True, slots=True)
class Language:
    """One language other than Python: its name and its three functions (see above).

    A language whose rules look across files (Go's one package comment per package,
    Rust's reachability through other files' ``mod`` declarations) also gives
    ``count_all``: its files are then counted together, every run, from their cached
    parses, and their counts are not cached one by one.
    """

    name: str
    parse: Callable[[bytes, str], ParsedModule]
    count: Callable[[str, ParsedModule, Counting], list[Symbol]]
    link: Callable[[Mapping[str, ParsedModule], Reader], Links]
    count_all: CountAll | None = None


MODULES = {
    "javascript": "docaudit.analysers.javascript",
    "typescript": "docaudit.analysers.javascript",
    "go": "docaudit.analysers.go",
    "rust": "docaudit.analysers.rust",
    "java": "docaudit.analysers.java",
}
"""The module whose ``LANGUAGES`` table holds each language, imported on first use."""


def language(name: str) -> Language:
    """Return the language called ``name`` (one of ``MODULES``)."""
    table: dict[str, Language] = import_module(MODULES[name]).LANGUAGES
    return table[name]


def parse_source(
    language_name: str, data: bytes, path: str, module: str, package: str, max_line_length: int
) -> ParsedModule:
    """Parse one file of any language; raise ``AnalysisError`` when it cannot be read.

    A file of another language is parsed whole; the definitions that begin on a line
    over ``max_line_length`` characters (minified or bundled code) have the trait
    ``long-line`` and are not counted (what they hold on other lines is), and its notice
    says so. One a code generator wrote (``generated_source``) has the trait
    ``generated`` and the notice ``GENERATED``: nothing in it is counted.
    """
    if language_name == "python":
        return analyse_python(data, module, package)
    parsed = language(language_name).parse(data, path)
    traits = parsed.module.traits
    if "generated" in traits or generated_source(language_name, path, data):
        if "generated" not in traits:
            traits = (*traits, "generated")
        return replace(parsed, module=replace(parsed.module, traits=traits), notice=GENERATED)
    lines = long_lines(data, max_line_length)
    if not lines:
        return parsed
    marked, left_out = mark_lines(parsed.module, lines)
    if not left_out:
        return parsed
    return replace(
        parsed, module=marked, notice=long_lines_notice(lines, left_out, max_line_length)
    )


def generated_by_head(language_name: str, path: str, head: bytes) -> ParsedModule | None:
    """Return the parse of a file too large to parse (over ``max-source-bytes``) whose
    first bytes show that a code generator wrote it: its module alone, generated (nothing
    counted, the notice ``GENERATED``); ``None`` for any other file, and for Python's.

    The head is parsed as the whole file would be, so each language's own marker rule
    (Go's, the leading comments of the others) judges it."""
    if language_name == "python":
        return None
    try:
        parsed = language(language_name).parse(head, path)
    except AnalysisError:
        return None
    traits = parsed.module.traits
    if "generated" not in traits and not generated_source(language_name, path, head):
        return None
    if "generated" not in traits:
        traits = (*traits, "generated")
    module = replace(parsed.module, children=(), traits=traits)
    return replace(parsed, module=module, imports=(), facts=(), error=None, notice=GENERATED)


def generated_source(language_name: str, path: str, data: bytes) -> bool:
    """Tell whether a code generator wrote a file: its path says so (``*.gen.ts``, a
    ``__generated__/`` folder) or the comments it opens with carry a generator's marker
    (``Code generated ... DO NOT EDIT``, ``@generated``), as ``discover.classify`` reads
    them for the audit. A marker in later code (a template string that writes one) is no
    marker. Go's files are judged by Go's own rule only (``go.parse``), as revive does."""
    if language_name == "go":
        return False
    head = data[:HEAD_BYTES].removeprefix(b"\xef\xbb\xbf")
    return path_class(path) == "generated" or generated_head(_LEADING_COMMENTS.match(head)[0])


_LEADING_COMMENTS = re.compile(
    rb"""(?:\s+|\#![^\n]*|//[^\n]*|/\*.*?(?:\*/|\Z)|(?:'use [a-z ]+'|"use [a-z ]+");?)*""",
    re.DOTALL,
)
"""What a file opens with before its code: blank space, a ``#!`` line, comments, and a
JavaScript directive (``'use strict'``); where generators write their marker."""


def _generated(parsed: ParsedModule) -> bool:
    """Tell whether a parsed file of another language is generated (counts nothing)."""
    return "generated" in parsed.module.traits


def _counted(parsed: ParsedModule, symbols: list[Symbol]) -> list[Symbol]:
    """Return what is counted of a file's symbols: none of a generated file, and none
    that begin on a long line (``parse_source``: only a file with a notice has any)."""
    if _generated(parsed):
        return []
    if parsed.notice is None:
        return symbols
    lines = uncounted(parsed.module)
    return [symbol for symbol in symbols if symbol.kind == "module" or symbol.line not in lines]


def count_together(
    parses: Mapping[str, ParsedModule], counting: Counting, read: Reader
) -> dict[str, list[Symbol]]:
    """Count the files of the languages counted together, each language all at once
    (``read`` reads the repository's other files, such as ``Cargo.toml``)."""
    groups: dict[str, dict[str, ParsedModule]] = {}
    for path, parsed in parses.items():
        groups.setdefault(parsed.language, {})[path] = parsed
    counted: dict[str, list[Symbol]] = {}
    for name, group in sorted(groups.items()):
        count_all = language(name).count_all
        if count_all is None:
            raise ValueError(f"{name} files are counted one by one")
        counted.update(count_all(group, counting, read))
    return {path: _counted(parses[path], found) for path, found in counted.items()}


class SourceCounter:
    """Counts the symbols of a file of any language under one configuration."""

    def __init__(self, config: Config, inherited_doc: InheritedDoc | None = None) -> None:
        """Count Python as ``Counter`` does, the others by their language's rules."""
        self.python = Counter(config, inherited_doc)
        self.counting = config.counting

    def count(self, path: str, parsed: ParsedModule) -> list[Symbol]:
        """Return the counted symbols of one parsed file, in source order."""
        if parsed.language == "python":
            return self.python.count(path, parsed)
        return _counted(parsed, language(parsed.language).count(path, parsed, self.counting))


LINK_KINDS = {"dynamic": "deferred", "type-only": "type-checking"}
"""A language's import kinds as the import graph names them (the others: ``import``)."""


def link_imports(parses: Mapping[str, ParsedModule], read: Reader) -> Links:
    """Resolve the imports of every file not in Python to the repository's files, each
    language by its own ``link`` (JavaScript and TypeScript together: they import each
    other); the kinds as the import graph names them (``LINK_KINDS``)."""
    groups: dict[Callable[..., Links], dict[str, ParsedModule]] = {}
    for path, parsed in parses.items():
        if parsed.language != "python":
            groups.setdefault(language(parsed.language).link, {})[path] = parsed
    links: Links = {}
    for link, group in groups.items():
        for path, targets in link(group, read).items():
            links[path] = [(target, LINK_KINDS.get(kind, "import")) for target, kind in targets]
    return links
