"""The import graph: which of the repository's modules depend on which.

Nodes are the repository's own source files (Python modules named as Python names them,
so a ``src/`` layout works; the other languages' imports resolved by their language's
``link``); an edge ``a → b`` says ``a`` imports ``b``. An import names
the longest dotted prefix that is a module of the repository, so ``from pkg import
util`` points at ``pkg/util.py`` when it exists and at ``pkg/__init__.py`` when
``util`` is a name inside it. Edges keep how the import happens (see
``analysers.python.names.IMPORT_KINDS``); imports only under ``if TYPE_CHECKING:`` are kept in
the graph but are not dependencies at run time. The graph is then folded onto the
ownership modules, where each module gets its direct and transitive dependents,
its PageRank over the import edges (high when much depends on it), and the import
cycle it is part of. Transitive dependents are counted on the condensation (each
import cycle one node): the modules of a cycle do not count as each other's
dependents, or every module of a 70-module cycle would "have 70 dependents". The
graph is built from the coverage pass's parses: no file is parsed twice.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

from docaudit.analysers.python.names import IMPORT_KINDS
from docaudit.model.symbols import ParsedModule

if TYPE_CHECKING:
    import networkx as nx

RUNTIME = frozenset(IMPORT_KINDS) - {"type-checking"}


@dataclass(frozen=True, slots=True)
class Dependents:
    """How much depends on one module; ``cycle`` is the size of its import cycle (1: none)."""

    direct: int
    transitive: int
    pagerank: float
    cycle: int = 1


@dataclass(frozen=True, slots=True)
class ImportGraph:
    """The graph folded onto ownership modules, with each module's dependents and cycles."""

    graph: nx.DiGraph
    dependents: dict[str, Dependents]
    cycles: list[list[str]]


def _networkx() -> ModuleType:
    """Import networkx on first use: its 70-80 ms are paid only by a run that builds a graph."""
    import networkx

    return networkx


def file_graph(
    parsed: Mapping[str, ParsedModule],
    links: Mapping[str, list[tuple[str, str]]] | None = None,
) -> nx.DiGraph:
    """Return the graph of files (by path): an edge for each import of another repo file.

    Python imports are resolved here, by module name; the other languages' imports come
    resolved in ``links`` (file to imported files, with the kind, as
    ``analysers.languages.link_imports`` gives them).
    """
    python = {path: p for path, p in parsed.items() if p.language == "python"}
    by_name: dict[str, list[str]] = {}
    for path in sorted(python):
        by_name.setdefault(python[path].module.name, []).append(path)
    nx = _networkx()
    graph = nx.DiGraph()
    graph.add_nodes_from(sorted(parsed))
    for path in sorted(python):
        for target, kind in python[path].imports:
            imported = _longest_module(target, by_name, path)
            if imported is None or imported == path:
                continue
            _add_edge(graph, path, imported, kind)
    for path, targets in sorted((links or {}).items()):
        for imported, kind in targets:
            if path in parsed and imported in parsed and imported != path:
                _add_edge(graph, path, imported, kind)
    return graph


def fold(files: nx.DiGraph, module_of: Callable[[str], str]) -> ImportGraph:
    """Fold a file graph onto modules and measure each module's dependents and cycles."""
    nx = _networkx()
    graph = nx.DiGraph()
    graph.add_nodes_from(sorted({module_of(path) for path in files}))
    for source, target, data in files.edges(data=True):
        first, second = module_of(source), module_of(target)
        if first != second:
            _add_edge(graph, first, second, data["kind"])
    runtime = nx.DiGraph()
    runtime.add_nodes_from(graph)
    runtime.add_edges_from(
        (a, b) for a, b, data in graph.edges(data=True) if data["kind"] in RUNTIME
    )
    ranks = nx.pagerank(runtime) if runtime.number_of_edges() else {}
    condensed = nx.condensation(runtime)
    members = condensed.graph["mapping"]
    sizes = {node: len(data["members"]) for node, data in condensed.nodes(data=True)}
    dependents = {}
    for module in graph:
        component = members[module]
        dependents[module] = Dependents(
            direct=runtime.in_degree(module),
            transitive=sum(sizes[node] for node in nx.ancestors(condensed, component)),
            pagerank=round(ranks.get(module, 1 / max(1, len(graph))), 6),
            cycle=sizes[component],
        )
    cycles = sorted(
        sorted(data["members"])
        for _, data in condensed.nodes(data=True)
        if len(data["members"]) > 1
    )
    return ImportGraph(graph, dependents, cycles)


def _longest_module(dotted: str, by_name: Mapping[str, list[str]], importer: str) -> str | None:
    """Return the file of the longest prefix of ``dotted`` that is a repository module.

    When several files share the name (scripts outside packages), the one beside the
    importer wins, as Python finds it; else the first by path.
    """
    parts = dotted.split(".")
    folder = importer.rpartition("/")[0]
    for end in range(len(parts), 0, -1):
        found = by_name.get(".".join(parts[:end]))
        if found:
            beside = [path for path in found if path.rpartition("/")[0] == folder]
            return (beside or found)[0]
    return None


def _add_edge(graph: nx.DiGraph, source: str, target: str, kind: str) -> None:
    """Add an edge, or strengthen the kind of one already there."""
    if graph.has_edge(source, target):
        known = graph.edges[source, target]["kind"]
        if IMPORT_KINDS.index(kind) >= IMPORT_KINDS.index(known):
            return
    graph.add_edge(source, target, kind=kind)
