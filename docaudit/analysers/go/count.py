"""Count a Go file's symbols as golint/revive's ``exported`` and ``package-comments``
rules would check them.

Counted (all public): exported functions; exported methods of an exported receiver type,
but for the methods revive leaves alone (``Error``, ``Read``, ``ServeHTTP``, ``String``,
``Write``, ``Unwrap``, and ``Len``/``Less``/``Swap`` of a type that has all three with
sort.Interface's signatures in the file); exported types; each exported name of a const
or var spec. A file marked as generated counts nothing.

The package comment is the package's module symbol (qualname: the package directory,
``.`` at the root). ``count`` sees one file, so the symbol is counted by a file that has a
package comment (documented as its text is judged) and by a file named ``doc.go`` that has
none (undocumented: where revive reports a missing package comment first). A package with
no package comment and no ``doc.go`` counts no module symbol; a package with several
package comments counts one per file that has one. ``package_symbols`` gives the exact
answer from all of a repository's Go files, for a pass that sees them together.
"""

from __future__ import annotations

from collections.abc import Mapping
from posixpath import basename, dirname

from docaudit.config.settings import Counting
from docaudit.model.symbols import Definition, ParsedModule, Symbol, judged

COMMON_METHODS = frozenset({"Error", "Read", "ServeHTTP", "String", "Write", "Unwrap"})
"""Methods revive's ``exported`` rule never asks a doc of (their meaning is known)."""
SORT_METHODS = frozenset({"Len", "Less", "Swap"})
"""sort.Interface's methods, not asked a doc of on a sortable type."""


def count(path: str, parsed: ParsedModule, counting: Counting) -> list[Symbol]:
    """Return the symbols revive would check in one Go file, in source order."""
    module = parsed.module
    if "generated" in module.traits:
        return []
    package = dirname(path)
    prefix = f"{package}." if package else ""
    symbols: list[Symbol] = []
    if module.pragma is None and (module.doc != "missing" or basename(path) == "doc.go"):
        symbols.append(_symbol(path, module, "module", package or ".", counting))
    sortable = {t.removeprefix("sortable=") for t in module.traits if t.startswith("sortable=")}
    for child in module.children:
        if child.pragma is not None or "exported" not in child.traits:
            continue
        if child.kind == "method":
            receiver = _receiver(child)
            if not receiver[:1].isupper() or child.name in COMMON_METHODS:
                continue
            if child.name in SORT_METHODS and receiver in sortable:
                continue
            qualname = f"{prefix}{receiver}.{child.name}"
        else:
            qualname = prefix + child.name
        symbols.append(_symbol(path, child, child.kind, qualname, counting))
    return symbols


def package_symbols(parses: Mapping[str, ParsedModule], counting: Counting) -> list[Symbol]:
    """Return each package's one module symbol, from all its files (generated ones left
    out), as revive's ``package-comments`` places it: on the first file by name that has
    a package comment; when none has, undocumented, on ``doc.go``, else on
    ``<package>.go``, else on the first file by name. A ``docaudit: ignore`` on the
    chosen file's package clause leaves the package out."""
    packages: dict[str, list[str]] = {}
    for path in sorted(parses):
        parsed = parses[path]
        if parsed.language == "go" and "generated" not in parsed.module.traits:
            packages.setdefault(dirname(path), []).append(path)
    symbols: list[Symbol] = []
    for package, paths in packages.items():
        holder = next((p for p in paths if parses[p].module.doc != "missing"), None)
        if holder is None:
            named = [p for p in paths if basename(p) == "doc.go"]
            named += [p for p in paths if f"package={basename(p)[:-3]}" in parses[p].module.traits]
            holder = (named or paths)[0]
        module = parses[holder].module
        if module.pragma is None:
            symbols.append(_symbol(holder, module, "module", package or ".", counting))
    return symbols


def _receiver(method: Definition) -> str:
    """Return the receiver type name a method's traits record."""
    return next(t.removeprefix("receiver=") for t in method.traits if t.startswith("receiver="))


def _symbol(
    path: str, definition: Definition, kind: str, qualname: str, counting: Counting
) -> Symbol:
    """Return the symbol of one counted definition (every counted Go symbol is exported)."""
    undocumented = counting.placeholders_undocumented
    return judged(path, definition, kind, qualname, True, "go", undocumented)
