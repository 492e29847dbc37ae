"""Resolve Java imports to the repository's files, by the packages the files declare.

A class ``a.b.C`` is the file that declares ``package a.b;`` and the top-level type
``C``; an import may name something inside it (``import a.b.C.Inner;``, ``import
static a.b.C.m;``), so the longest prefix naming such a file wins. A wildcard
``a.b.*`` is every file of package ``a.b`` (or, when no file declares that package, the
file of the class ``a.b``, whose members a static wildcard imports). Only written
imports link files: references within a package need none and are not followed. An
import of nothing in the repository (the JDK, a library) is dropped, and so is a file's
link to itself.
"""

from __future__ import annotations

from collections.abc import Mapping

from docaudit.analysers.languages import Links, Reader
from docaudit.model.symbols import ParsedModule


def link(parses: Mapping[str, ParsedModule], read: Reader) -> Links:
    """Return, for each Java file, the files its imports resolve to (kind ``import``);
    ``read`` is not needed: packages are declared in the sources."""
    packages: dict[str, list[str]] = {}
    types: dict[str, list[str]] = {}
    for path, parsed in parses.items():
        if parsed.language != "java":
            continue
        package = _package(parsed)
        if not package:
            continue
        packages.setdefault(package, []).append(path)
        for child in parsed.module.children:
            if child.kind == "class":
                types.setdefault(f"{package}.{child.name}", []).append(path)
    links: Links = {}
    for path, parsed in parses.items():
        if parsed.language != "java":
            continue
        targets: list[str] = []
        for spec, _kind in parsed.imports:
            if spec.endswith(".*"):
                base = spec.removesuffix(".*")
                found = packages.get(base) or _type_files(base, types)
            else:
                found = _type_files(spec, types)
            targets.extend(t for t in found if t != path and t not in targets)
        links[path] = [(target, "import") for target in targets]
    return links


def _package(parsed: ParsedModule) -> str:
    """Return the package a parsed file declares (empty for the default package)."""
    traits = parsed.module.traits
    return next((t.removeprefix("package=") for t in traits if t.startswith("package=")), "")


def _type_files(name: str, types: Mapping[str, list[str]]) -> list[str]:
    """Return the files of the top-level type that ``name`` is or is inside of."""
    parts = name.split(".")
    for end in range(len(parts), 1, -1):
        found = types.get(".".join(parts[:end]))
        if found:
            return found
    return []
