"""Resolve Go imports to the repository's package directories through its ``go.mod``
files.

An import path names a package: a directory. It resolves through the module whose path
it starts with: the nearest ``go.mod`` above the importing file first, then any other
``go.mod`` of the repository (a multi-module repository), the longest module path first.
The import links to every parsed Go file of that directory, sorted, once: a package is
compiled as a whole, so the importing file depends on all of its files (linking only the
first by name would make that file look central and its siblings unused). Imports that
resolve to no parsed file (the standard library, other modules) are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from posixpath import dirname, join, normpath

from docaudit.analysers.languages import Links, Reader
from docaudit.model.symbols import ParsedModule

_MODULE = re.compile(r'^\s*module\s+"?([^\s"]+)"?', re.MULTILINE)


def module_path(go_mod: bytes) -> str | None:
    """Return the module path a ``go.mod`` declares (``module example.com/x``), if any."""
    found = _MODULE.search(go_mod.decode("utf-8", "replace"))
    return found.group(1) if found else None


def link(parses: Mapping[str, ParsedModule], read: Reader) -> Links:
    """Return, for each Go file with imports, the repository files they resolve to."""
    packages: dict[str, list[str]] = {}
    for path in sorted(p for p, parsed in parses.items() if parsed.language == "go"):
        packages.setdefault(dirname(path), []).append(path)
    modules = _modules(packages, read)
    by_length = sorted(modules.items(), key=lambda item: (-len(item[1]), item[0]))
    links: Links = {}
    for directory, paths in packages.items():
        nearest = _nearest(directory, modules)
        order = ([(nearest, modules[nearest])] if nearest is not None else []) + by_length
        for path in paths:
            found: list[tuple[str, str]] = []
            for specifier, kind in parses[path].imports:
                target = _resolve(specifier, order)
                if target is not None:
                    found.extend(
                        (f, kind) for f in packages.get(target, ()) if (f, kind) not in found
                    )
            if found:
                links[path] = found
    return links


def _modules(packages: Mapping[str, list[str]], read: Reader) -> dict[str, str]:
    """Return each directory holding a ``go.mod`` above a Go file, with its module path."""
    seen: set[str] = set()
    modules: dict[str, str] = {}
    for directory in packages:
        while directory not in seen:
            seen.add(directory)
            data = read(join(directory, "go.mod"))
            path = module_path(data) if data is not None else None
            if path is not None:
                modules[directory] = path
            if not directory:
                break
            directory = dirname(directory)
    return modules


def _nearest(directory: str, modules: Mapping[str, str]) -> str | None:
    """Return the nearest directory at or above ``directory`` that holds a ``go.mod``."""
    while directory not in modules:
        if not directory:
            return None
        directory = dirname(directory)
    return directory


def _resolve(specifier: str, order: list[tuple[str, str]]) -> str | None:
    """Return the repository directory an import path names, trying modules in order."""
    for directory, module in order:
        if specifier == module or specifier.startswith(module + "/"):
            rest = specifier[len(module) + 1 :]
            return normpath(join(directory, rest)) if rest else directory
    return None
