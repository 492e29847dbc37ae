"""Resolve Rust files' ``mod`` and ``use`` items to the repository's files.

``mod x;`` links to the file its crate loads for it (``reach``'s module tree);
``use a::b::C`` (``crate::``, ``self::``, ``super::`` or a name in scope) to the file of
what it names, or of the deepest module of the path that is found; a path that starts
with another crate of the repository that the package depends on (or, in a binary,
test or example, its own library) continues in that crate. Other crates' paths
(``std``, registry crates) are dropped, and so are links of a file to itself.
"""

from __future__ import annotations

from collections.abc import Mapping

from docaudit.analysers.languages import Links
from docaudit.analysers.rust.crates import Module, Reader, find_crates, modules
from docaudit.analysers.rust.reach import CrateIndex
from docaudit.model.symbols import Definition, ParsedModule


def link(parses: Mapping[str, ParsedModule], read: Reader) -> Links:
    """Return, for each Rust file of a crate, the files its ``mod`` and ``use`` items
    resolve to, with the kind (``mod`` or ``use``)."""
    rust = [p for p, parsed in parses.items() if parsed.language == "rust"]
    crates, _ = find_crates(rust, read)
    files = frozenset(rust)
    indexes = {c.root: CrateIndex(c, modules(c, files, parses), parses) for c in crates}
    libraries = {c.name: indexes[c.root] for c in crates if c.name}
    links: Links = {}
    for crate in crates:
        index = indexes[crate.root]
        for module in index.tree:
            found = links.setdefault(module.path, [])
            for child in module.children:
                if child.path != module.path:
                    found.append((child.path, "mod"))
            for item in module.body.children:
                if item.kind == "use":
                    found.extend((t, "use") for t in _use(item, module, index, libraries))
    return {
        path: [t for t in dict.fromkeys(targets) if t[0] != path]
        for path, targets in links.items()
    }


def _use(
    item: Definition, module: Module, index: CrateIndex, libraries: Mapping[str, CrateIndex]
) -> list[str]:
    """Return the files one imported path leads to."""
    segments = item.name.split("::")
    if segments[-1] == "*":
        segments.pop()
    if "extern-crate" in item.traits:
        segments = [item.name]
    if not segments or not segments[0]:
        segments = segments[1:]
    if not segments:
        return []
    other = libraries.get(segments[0])
    if other is not None and other is not index and segments[0] in index.crate.dependencies:
        index, module, segments = other, other.tree[0], ["crate", *segments[1:]]
    for length in range(len(segments), 0, -1):
        targets = index.path(segments[:length], module, 0)
        if targets:
            return [_file(t, index) for t in targets]
    return []


def _file(target: Module | Definition, index: CrateIndex) -> str:
    """Return the file a module or an item is in."""
    if isinstance(target, Module):
        return target.path
    return index.home[id(target)].path
