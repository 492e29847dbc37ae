"""Facts about public APIs and configuration, read from each Python file's syntax tree.

A collector is a ``Collector``: a name, the frozen dataclass its facts are, and a
``collect(tree, imports, text)`` that returns one file's facts, or ``None`` when it finds
nothing (a collector of other languages' facts only, which their parsers record, has no
``collect``). ``load_collectors`` registers every collector; adding one is adding it there.
Collectors run in the parse worker on the tree the census already built, and their facts
are cached with the parse (encoded by ``model.codec``, under a digest of the registered
fact types); the cross-file work (prefixes, routers, wrappers) runs later over every
file's facts.

The collector packages are imported when first needed, by ``load_collectors``: a run
answered from the cache parses nothing and links nothing, and importing them (readers,
linkers and fact types) costs 44 to 56 ms, a seventh to a fifth of such a run.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Generic, TypeVar

from docaudit.analysers.python.names import ImportTable
from docaudit.model.symbols import ModuleFacts, ParsedModule

F = TypeVar("F")


@dataclass(frozen=True, slots=True)
class Collector(Generic[F]):
    """One fact collector: its ``name``, the type of its ``facts`` and its ``collect``
    (``None``: its facts come from other languages' parsers only)."""

    name: str
    facts: type[F]
    collect: Callable[[ast.Module, ImportTable, str], F | None] | None


@cache
def load_collectors() -> tuple[Collector[Any], ...]:
    """Return every fact collector, in the order they run, importing them the first time
    (a process about to fork its parse workers calls it first)."""
    from docaudit.analysers.apis import clis, endpoints, exports
    from docaudit.analysers.apis.clis.facts import CliFacts
    from docaudit.analysers.apis.endpoints.facts import EndpointFacts
    from docaudit.analysers.commands import CommandFacts
    from docaudit.analysers.configuration import envvars
    from docaudit.analysers.configuration.envvars.facts import EnvFacts
    from docaudit.analysers.routes import RouteFacts

    return (
        Collector("endpoints", EndpointFacts, endpoints.collect),
        Collector("clis", CliFacts, clis.collect),
        Collector("envvars", EnvFacts, envvars.collect),
        Collector("exports", exports.ExportFacts, exports.collect),
        Collector("routes", RouteFacts, None),
        Collector("commands", CommandFacts, None),
    )


@cache
def collector_named(name: str) -> Collector[Any]:
    """Return the registered collector called ``name``; ``KeyError`` when there is none."""
    by_name = {collector.name: collector for collector in load_collectors()}
    return by_name[name]


def collect_facts(
    tree: ast.Module, imports: ImportTable, text: str
) -> tuple[tuple[str, object], ...]:
    """Run every collector on one file; return the ``(name, facts)`` pairs that found something."""
    found = []
    for collector in load_collectors():
        if collector.collect is None:
            continue
        facts = collector.collect(tree, imports, text)
        if facts is not None:
            found.append((collector.name, facts))
    return tuple(found)


def facts_of(parses: Mapping[str, ParsedModule], name: str) -> list[ModuleFacts[Any]]:
    """Return what the collector ``name`` found in each parsed file, in path order."""
    found = []
    for path in sorted(parses):
        parsed = parses[path]
        for collector, facts in parsed.facts:
            if collector == name:
                found.append(ModuleFacts(path, parsed.module.name, dict(parsed.aliases), facts))
    return found
