"""The package's shape, checked: stages import only earlier stages, no import cycle, and an
internal import inside a function only where start-up time was measured to need it."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parents[2] / "docaudit"

RANK = {
    "errors": 0,
    "safeio": 1,
    "patterns": 1,
    "model": 2,
    "config": 3,
    "git": 4,
    "discover": 5,
    "analysers": 6,
    "history": 6,
    "graph": 7,
    "risk": 8,
    "gates": 8,
    "cache": 9,
    "pipeline": 10,
    "api": 11,
}
"""Each stage's place in the pipeline: a stage imports only stages ranked before it."""

ONLY = {
    "report": {"errors", "safeio", "model"},
    "cli": {"api", "config", "errors", "report"},
    "console": {"cli"},
    "__main__": {"console"},
}
"""The stages outside the ranking and all they may import: reporters read the model only,
the CLI knows the API, the settings, the errors and the reporters, and the console script
(``python -m docaudit`` too) the CLI alone."""

LAZY: dict[str, tuple[set[str], str]] = {
    "docaudit.console": (
        {"docaudit.cli"},
        "the CLI imported with the collector off: a warm django run collects 6.4 -> 0.6 ms",
    ),
    "docaudit.api": (
        {
            "docaudit.gates.thresholds",
            "docaudit.history.silos",
            "docaudit.model.checks",
            "docaudit.pipeline.audit",
            "docaudit.pipeline.check",
            "docaudit.pipeline.silos",
        },
        "each command's own stages: a coverage run skips them (import docaudit.cli: 124 -> 81 ms;"
        " the gates and the check's types 5 ms more)",
    ),
    "docaudit.pipeline.coverage": (
        {"docaudit.pipeline.parsing", "docaudit.pipeline.surface"},
        "the parse stage and the surface analysers only on a cache miss",
    ),
    "docaudit.analysers.collectors": (
        {
            "docaudit.analysers.apis.clis",
            "docaudit.analysers.apis.clis.facts",
            "docaudit.analysers.apis.endpoints",
            "docaudit.analysers.apis.endpoints.facts",
            "docaudit.analysers.apis.exports",
            "docaudit.analysers.configuration.envvars",
            "docaudit.analysers.configuration.envvars.facts",
            "docaudit.analysers.commands",
            "docaudit.analysers.routes",
        },
        "the collectors: 44-56 ms that a run answered from the cache never needs",
    ),
    "docaudit.analysers.apis.symbols": (
        {
            "docaudit.analysers.apis.clis",
            "docaudit.analysers.apis.endpoints",
            "docaudit.analysers.apis.exports",
            "docaudit.analysers.apis.openapi",
            "docaudit.analysers.commands",
            "docaudit.analysers.routes",
        },
        "the linkers load with the collectors; the spec reader only when a spec is found",
    ),
    "docaudit.analysers.python.parse": (
        {"docaudit.analysers.python.cst_reader"},
        "libcst (over 100 ms to import) only for syntax newer than the interpreter",
    ),
    "docaudit.cache.store": (
        {"docaudit.analysers.collectors", "docaudit.history.log", "docaudit.model.ownership"},
        "the history and silos types, only to decode a cached history or report; the"
        " collectors (1 ms) only for facts",
    ),
}
"""The internal imports allowed inside a function: by importer, what it imports there, and
the measured start-up time that needs it."""


def _modules() -> dict[str, ast.Module]:
    """Return every module of the package by dotted name, parsed."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = ast.parse(path.read_text(encoding="utf-8"))
    return found


MODULES = _modules()


def _targets(node: ast.AST) -> list[str]:
    """Return the package modules an import statement imports."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
        names = [
            f"{node.module}.{alias.name}"
            if f"{node.module}.{alias.name}" in MODULES
            else node.module
            for alias in node.names
        ]
    else:
        return []
    return [name for name in names if name == "docaudit" or name.startswith("docaudit.")]


def _is_type_checking(node: ast.AST) -> bool:
    """Tell whether a statement is an ``if TYPE_CHECKING:`` block."""
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _top_level_imports(tree: ast.Module) -> list[str]:
    """Return what a module imports when it is imported (not under ``TYPE_CHECKING``)."""
    found = []
    for statement in tree.body:
        if _is_type_checking(statement):
            continue
        for node in ast.walk(statement):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                break
            found.extend(_targets(node))
    return found


def _function_imports(tree: ast.Module) -> list[str]:
    """Return the package modules a module imports inside its functions."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                found.extend(_targets(inner))
    return found


def _stage(module: str) -> str:
    """Return the stage a module belongs to: its first name under ``docaudit``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "docaudit"


def _allowed(importer: str, imported: str) -> bool:
    """Tell whether the stage of ``importer`` may import the stage of ``imported``."""
    source, target = _stage(importer), _stage(imported)
    if source == target or target == "docaudit":
        return True
    if source in ONLY:
        return target in ONLY[source]
    if source not in RANK or target not in RANK:
        return False
    return RANK[target] < RANK[source]


def test_every_stage_is_ranked() -> None:
    stages = {_stage(module) for module in MODULES} - {"docaudit"}
    assert stages == set(RANK) | set(ONLY)


def test_stages_import_only_earlier_stages() -> None:
    wrong = sorted(
        (importer, imported)
        for importer, tree in MODULES.items()
        for imported in _top_level_imports(tree) + _function_imports(tree)
        if not _allowed(importer, imported)
    )
    assert wrong == []


def test_no_import_cycle() -> None:
    graph = nx.DiGraph()
    for importer, tree in MODULES.items():
        for imported in _top_level_imports(tree):
            if imported != importer:
                graph.add_edge(importer, imported)
    assert [sorted(c) for c in nx.simple_cycles(graph)] == []


def test_internal_imports_inside_functions_are_the_measured_ones() -> None:
    found = {
        (importer, imported)
        for importer, tree in MODULES.items()
        for imported in _function_imports(tree)
    }
    allowed = {(importer, name) for importer, (names, _) in LAZY.items() for name in names}
    assert found == allowed
