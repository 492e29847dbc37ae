"""Facts about public APIs and configuration, read from each Python file's syntax tree.

Each collector module (``analysers.apis.endpoints``, ``analysers.apis.clis``,
``analysers.configuration.envvars``, ``analysers.apis.exports``) has a ``collect(tree,
imports, text)`` that returns JSON-ready facts about one file, or ``None`` when it finds
nothing. Collectors run in the parse worker on the tree the census already built, and their
facts are cached with the parse; the cross-file work (prefixes, routers, wrappers) runs
later over every file's facts.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Mapping
from importlib import import_module
from typing import Any

from docaudit.analysers.python.names import ImportTable
from docaudit.model.symbols import ModuleFacts, ParsedModule

COLLECTORS = {
    "endpoints": "docaudit.analysers.apis.endpoints",
    "clis": "docaudit.analysers.apis.clis",
    "envvars": "docaudit.analysers.configuration.envvars",
    "exports": "docaudit.analysers.apis.exports",
}
"""The collector modules, by name."""

Collector = Callable[[ast.Module, ImportTable, str], Any]
_LOADED: dict[str, Collector] = {}


def _collector(name: str) -> Collector:
    """Return the ``collect`` function of the collector module ``name``."""
    found = _LOADED.get(name)
    if found is None:
        found = _LOADED[name] = import_module(COLLECTORS[name]).collect
    return found


def load_collectors() -> None:
    """Import every collector now, in a process about to fork its parse workers."""
    for name in COLLECTORS:
        _collector(name)


def collect_facts(
    tree: ast.Module, imports: ImportTable, text: str
) -> tuple[tuple[str, Any], ...]:
    """Run every collector on one file; return the ``(name, facts)`` pairs that found something."""
    found = []
    for name in COLLECTORS:
        facts = _collector(name)(tree, imports, text)
        if facts is not None:
            found.append((name, facts))
    return tuple(found)


def facts_of(parses: Mapping[str, ParsedModule], name: str) -> list[ModuleFacts]:
    """Return what the collector ``name`` found in each parsed file, in path order."""
    found = []
    for path in sorted(parses):
        parsed = parses[path]
        for collector, facts in parsed.facts:
            if collector == name:
                found.append(ModuleFacts(path, parsed.module.name, dict(parsed.aliases), facts))
    return found


def module_facts(
    sources: Iterable[tuple[str, str]], name: str, package_dirs: Iterable[str] = ()
) -> list[ModuleFacts]:
    """Parse ``(path, source)`` pairs; return what collector ``name`` found (tests, tools)."""
    from docaudit.analysers.python.names import module_name_for
    from docaudit.analysers.python.parse import analyse_python

    packages = frozenset(package_dirs)
    parses = {}
    for path, source in sources:
        module, package = module_name_for(path, packages)
        parses[path] = analyse_python(source.encode(), module, package)
    return facts_of(parses, name)
