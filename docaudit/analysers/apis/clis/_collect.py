"""Per-file fact collection in the parse worker: ``collect``.

A cheap text test skips files that cannot hold commands or parsers; the rest are read
with ``_Reader`` (click/typer) and ``_ArgparseReader`` (argparse, Django) into one dict
of ``CliFacts``, cached with the parse: the CLI libraries imported, functions with command
or option decorators, module-level ``click``/``typer`` objects, ``add_command``/``add_typer``
links, script entry functions, argparse parsers and their arguments, and Django
management commands.
"""

from __future__ import annotations

import ast
import re
from dataclasses import replace

from docaudit.analysers.apis.clis._argparse_reader import _ArgparseReader
from docaudit.analysers.apis.clis._libraries import _family
from docaudit.analysers.apis.clis._reader import _flat_statements, _Reader
from docaudit.analysers.apis.clis.facts import CliFacts
from docaudit.analysers.python.names import ImportTable

_COMMAND_WORDS = ("click", "typer", "cloup", "add_command", "add_typer")
_DECORATOR_HINT = re.compile(r"@[\w.]+\.(?:command|group|callback)\b")
_ARGPARSE_WORDS = ("ArgumentParser", "add_parser", "add_argument", "BaseCommand", "class Command")


def collect(tree: ast.Module, imports: ImportTable, text: str) -> CliFacts | None:
    """Return the CLI facts of one file (see the module docstring), or None when it has none."""
    wants_commands = _may_hold_commands(text)
    wants_parsers = any(word in text for word in _ARGPARSE_WORDS)
    if not wants_commands and not wants_parsers:
        return None
    statements = list(_flat_statements(tree.body, into_definitions=True))
    reader = _Reader(imports, _module_bindings(tree.body))
    facts = CliFacts(_cli_libraries(imports))
    if wants_commands:
        facts = _command_facts(reader, tree.body, statements, facts.libs)
    if wants_parsers:
        parsers = _ArgparseReader(reader)
        parsers.read_module(tree.body, statements)
        facts = replace(facts, parsers=tuple(parsers.parsers), arguments=tuple(parsers.arguments))
    if not (facts.functions or facts.objects or facts.links or facts.parsers):
        return None
    return facts


def _may_hold_commands(text: str) -> bool:
    """Return whether a file's text can hold click or typer commands (a cheap test)."""
    return any(word in text for word in _COMMAND_WORDS) or bool(_DECORATOR_HINT.search(text))


def _command_facts(
    reader: _Reader, body: list[ast.stmt], statements: list[ast.stmt], libs: tuple[str, ...]
) -> CliFacts:
    """Return the click/typer facts: decorated functions, objects, links, script entries."""
    functions = []
    links = []
    for node in statements:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            record = reader.function(node)
            if record is not None:
                functions.append(record)
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            link = reader.link(node.value)
            if link is not None:
                links.append(link)
    objects = reader.objects(body)
    found = functions or objects or links
    entries = reader.entries(body) if found else {}
    return CliFacts(libs, tuple(functions), tuple(objects), tuple(links), entries)


def _cli_libraries(imports: ImportTable) -> tuple[str, ...]:
    """Return which CLI libraries (``click``, ``typer``) the file imports."""
    found = {_family(target) for target in imports.aliases.values()}
    return tuple(sorted(name for name in found if name is not None))


def _module_bindings(body: list[ast.stmt]) -> set[str]:
    """Return the names a module body binds by definition or assignment (not by import)."""
    names: set[str] = set()
    for node in _flat_statements(body):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names
