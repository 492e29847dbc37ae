"""CLI commands and options, and whether their help is written: click, typer, argparse, Django.

``collect`` reads one file's syntax tree into ``CliFacts``: functions with command or
option decorators, module-level ``click``/``typer`` objects, ``add_command``/``add_typer``
links, argparse parsers and their arguments, and Django management commands.
``cli_symbols`` then joins every file's facts into command paths as a user types them
(``mytool db migrate --dry-run``), marks those reachable from ``[project.scripts]`` as
public, and returns one ``Symbol`` per command and per option or argument.

The package's modules: ``facts`` (the facts' types), ``_collect`` (per-file facts, with
``_reader`` for click/typer and ``_argparse_reader`` for argparse and Django), ``_graph``
(cross-file linking of click/typer commands), ``_tree`` (command trees walked into
symbols), ``_argparse_symbols`` (parser symbols), ``_help`` (judging help, making
symbols) and ``_libraries`` (which CLI library a name is from).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType

from docaudit.analysers.apis.clis._argparse_symbols import _argparse_symbols
from docaudit.analysers.apis.clis._collect import collect
from docaudit.analysers.apis.clis._graph import _Graph
from docaudit.analysers.apis.clis.facts import CliFacts
from docaudit.model.symbols import ModuleFacts, Symbol

__all__ = ["cli_symbols", "collect"]

_NO_SCRIPTS: Mapping[str, str] = MappingProxyType({})


def cli_symbols(
    modules: Sequence[ModuleFacts[CliFacts]],
    scripts: Mapping[str, str] | Iterable[tuple[str, str]] = _NO_SCRIPTS,
) -> list[Symbol]:
    """Return a symbol per CLI command, option and argument found in ``modules``' facts.

    ``scripts`` is the ``[project.scripts]`` table (name to ``"module:attr"``), or its
    ``(name, target)`` pairs when several projects may give one name two targets:
    commands reachable from it are public and their path starts with the script name.
    """
    pairs = sorted(scripts.items() if isinstance(scripts, Mapping) else scripts)
    usable = [module for module in modules if isinstance(module.facts, CliFacts)]
    graph = _Graph(usable)
    graph.build()
    roots = graph.script_roots(pairs)
    symbols = graph.emit(roots)
    symbols += _argparse_symbols(usable, pairs)
    return sorted(symbols, key=lambda s: (s.path, s.line, s.qualname))
