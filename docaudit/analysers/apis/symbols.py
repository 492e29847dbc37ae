"""Public API symbols: web endpoints, CLI commands and options, exports, API specs.

The Python analysers each have a module (``analysers.apis.endpoints``,
``analysers.apis.clis``, ``analysers.apis.exports``) and ``analysers.apis.openapi`` reads
OpenAPI and AsyncAPI files; this module runs them over a repository's facts and files and
gathers their symbols and errors.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping, Sequence

from docaudit.model.symbols import FileError, ModuleFacts, Symbol


def api_symbols(
    facts: Mapping[str, list[ModuleFacts]],
    documented: Mapping[str, bool],
    scripts: Iterable[tuple[str, str]],
    operational_routes: Sequence[str],
    submodules: Container[str],
    served_under: Mapping[str, str] | None = None,
) -> tuple[list[Symbol], list[FileError]]:
    """Return the endpoints, CLI commands and options, and exports found in the facts
    (the endpoints and CLIs of other languages too: their ``routes`` and ``commands``
    facts).

    ``facts`` groups each file's facts by collector; ``documented`` maps code symbols'
    dotted names to whether they are documented; ``scripts`` is ``[project.scripts]``;
    ``submodules`` holds every module's dotted name; ``served_under`` a framework's prefix
    set outside its code (``route_symbols``).
    """
    from docaudit.analysers.apis.clis import cli_symbols
    from docaudit.analysers.apis.endpoints import endpoint_symbols
    from docaudit.analysers.apis.exports import export_symbols
    from docaudit.analysers.commands import command_symbols
    from docaudit.analysers.routes import route_symbols

    symbols = endpoint_symbols(facts.get("endpoints", []), operational_routes)
    symbols += route_symbols(facts.get("routes", []), operational_routes, served_under)
    symbols += cli_symbols(facts.get("clis", []), scripts)
    symbols += command_symbols(facts.get("commands", []))
    exported, errors = export_symbols(facts.get("exports", []), documented, submodules)
    return symbols + exported, errors


def spec_symbols(specs: Mapping[str, bytes]) -> tuple[list[Symbol], list[FileError]]:
    """Return the symbols of the OpenAPI and AsyncAPI files ``specs`` (path to bytes)."""
    if not specs:
        return [], []
    from docaudit.analysers.apis.openapi import analyse_spec

    symbols: list[Symbol] = []
    errors: list[FileError] = []
    for path, content in sorted(specs.items()):
        result = analyse_spec(path, content)
        symbols += result.symbols
        errors += [FileError(path, message, "spec") for message in result.errors]
    return symbols, errors
