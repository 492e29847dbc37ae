"""Which items of a crate are exported, as rustc's effective visibilities say.

An item is exported (``is_exported``: nameable from outside the crate) when it is
``pub`` in an exported module, or when a ``pub use`` in an exported module names it
(``pub use m::*`` names every ``pub`` item of ``m``); the crate root is exported, and a
``#[macro_export]`` macro always is. An exported struct or union exports its ``pub``
fields, an enum its variants and their fields, a trait its items, and a type the
``pub`` items of its inherent impls (wherever they are). ``pub(crate)`` and the like
never export. Nothing under ``#[cfg(test)]`` is compiled, so nothing there is exported.

``resolve`` does this once for every crate of a repository and returns each file's
parse with what ``count`` needs to know of the rest of the crate (see ``resolve``);
``standalone`` does it for one file alone, taken as an exported module, when no crate is
known.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from docaudit.analysers.rust.crates import Crate, Module, Reader, find_crates, modules
from docaudit.analysers.rust.parse import best
from docaudit.model.symbols import Definition, ParsedModule

_TYPES = frozenset({"item=struct", "item=enum", "item=union"})
_MAX_DEPTH = 32
Target = Module | Definition


def resolve(parses: Mapping[str, ParsedModule], read: Reader) -> dict[str, ParsedModule]:
    """Return the parse of every Rust file of a crate with what counting it needs from
    the rest of its crate; files of a package that no crate reaches come back marked
    ``unreached`` (rustc never reads them). Files outside every package are left out:
    ``count`` takes each of them alone.

    A file's module gets the traits ``crate=<qualname prefix>``, ``modpath=<a::b>``,
    ``root`` (a crate root), ``outer-hidden``, ``outer-cfg-test`` (under a
    ``#[cfg(test)]``, or in a test harness crate: compiled only for tests) and
    ``outer-lint=<lint>:<level>`` (what the ``mod`` items above it say); each item gets
    ``exported`` when it is; a ``mod x;`` item gets the module file's own documentation
    and attributes (its doc is the better of the two); an inherent impl gets
    ``self=<path of its type>`` (and ``self-hidden``) when its type is found.
    """
    rust = [p for p, parsed in parses.items() if parsed.language == "rust"]
    crates, package_of = find_crates(rust, read)
    files = frozenset(rust)
    done: dict[str, ParsedModule] = {}
    for crate in crates:
        if crate.root in done:
            continue
        tree = modules(crate, files, parses)
        annotated = CrateIndex(crate, tree, parses).annotate()
        for path, parsed in annotated.items():
            done.setdefault(path, parsed)
    for path in package_of:
        if path not in done:
            module = parses[path].module
            module = replace(module, traits=(*module.traits, "unreached"))
            done[path] = replace(parses[path], module=module)
    return done


def standalone(path: str, parsed: ParsedModule) -> ParsedModule:
    """Return one file's parse resolved as if it were an exported module alone: its
    module path is guessed from its path (``x/src/a/b.rs`` is ``a::b`` of ``x``)."""
    prefix, key, root = _guess(path)
    crate = Crate(path, prefix, "", posixpath.dirname(path))
    top = Module(key, path, parsed.module, None, posixpath.dirname(path), None)
    tree = [top]
    pending = [top]
    while pending:
        module = pending.pop()
        for item in module.body.children:
            if item.kind == "module" and "inline" in item.traits:
                test_only = module.test_only or "cfg-test" in item.traits
                child = Module((*module.key, item.name), path, item, item, "", module, test_only)
                module.children.append(child)
                tree.append(child)
                pending.append(child)
    resolved = CrateIndex(crate, tree, {path: parsed}).annotate()[path]
    if root:
        return resolved
    module = resolved.module
    traits = tuple(t for t in module.traits if t != "root")
    return replace(resolved, module=replace(module, traits=traits))


def _guess(path: str) -> tuple[str, tuple[str, ...], bool]:
    """Return a file's qualname prefix, module path and whether it is a crate root, as
    its path suggests: under ``src/``, ``lib.rs`` and ``main.rs`` are roots, ``a/b.rs``
    and ``a/b/mod.rs`` are ``a::b``; files elsewhere are roots of their own."""
    parts = path.split("/")
    if "src" not in parts[:-1]:
        return posixpath.splitext(path)[0], (), True
    at = len(parts) - 1 - parts[::-1].index("src")
    folder = "/".join(parts[:at])
    rest = parts[at + 1 :]
    if rest in (["lib.rs"], ["main.rs"]) or rest[0] == "bin":
        prefix = folder or "crate"
        if rest != ["lib.rs"]:
            prefix = posixpath.splitext(path)[0]
        return prefix, (), True
    names = [posixpath.splitext(p)[0] for p in rest]
    if names[-1] == "mod":
        names.pop()
    return folder or "crate", tuple(names), False


@dataclass
class CrateIndex:
    """One crate's modules, what their paths name, and the exported items in them."""

    crate: Crate
    tree: list[Module]
    parses: Mapping[str, ParsedModule]
    exported: set[int] = field(default_factory=set)
    module_of: dict[int, Module] = field(default_factory=dict)
    home: dict[int, Module] = field(default_factory=dict)
    impls: dict[int, list[Definition]] = field(default_factory=dict)
    self_of: dict[int, str] = field(default_factory=dict)
    memo: dict[tuple[int, str], list[Target]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """Index each ``mod`` item's module and each item's home module."""
        for module in self.tree:
            if module.decl is not None:
                self.module_of[id(module.decl)] = module
            for item in module.body.children:
                self.home[id(item)] = module

    def annotate(self) -> dict[str, ParsedModule]:
        """Work out what is exported and return each file's parse with it."""
        self._find_impls()
        self._export()
        return self._rebuild()

    def _find_impls(self) -> None:
        """Map each type to its inherent impls, found by resolving each impl's type."""
        for module in self.tree:
            for item in module.body.children:
                if item.kind != "impl" or any(t.startswith("trait=") for t in item.traits):
                    continue
                for target in self.path(item.name.split("::"), module, 0):
                    if isinstance(target, Definition) and _TYPES & set(target.traits):
                        self.impls.setdefault(id(target), []).append(item)
                        owner = self.home[id(target)]
                        self.self_of[id(item)] = "::".join((*owner.key, target.name))
                        if "hidden" in target.traits:
                            self.self_of[id(item)] += " hidden"
                        break

    def _export(self) -> None:
        """Mark what is exported, from the root and the ``#[macro_export]`` macros."""
        pending: list[Module] = [self.tree[0]]
        for module in self.tree:
            if module.test_only:
                continue
            for item in module.body.children:
                if "macro-export" in item.traits and "cfg-test" not in item.traits:
                    self.exported.add(id(item))
        opened: set[int] = set()
        while pending:
            module = pending.pop()
            if id(module) in opened or module.test_only:
                continue
            opened.add(id(module))
            for item in module.body.children:
                if "pub" not in item.traits or "cfg-test" in item.traits:
                    continue
                if item.kind == "use":
                    if "extern-crate" in item.traits:
                        continue
                    segments = item.name.split("::")
                    glob = "glob" in item.traits
                    targets = self.path(segments[:-1] if glob else segments, module, 0)
                    for target in targets:
                        if glob and isinstance(target, Module):
                            pending.append(target)
                        elif not glob:
                            pending.extend(self._mark(target))
                elif item.kind != "impl":
                    pending.extend(self._mark(item))

    def _mark(self, target: Target) -> list[Module]:
        """Mark one item exported with what it exports in turn; return the modules
        whose ``pub`` items are exported by it."""
        opened: list[Module] = []
        pending: list[Target] = [target]
        while pending:
            item = pending.pop()
            if isinstance(item, Module):
                if item.decl is None or item.test_only:
                    continue
                opened.append(item)
                item = item.decl
            if id(item) in self.exported or "cfg-test" in item.traits:
                continue
            self.exported.add(id(item))
            if item.kind == "module":
                module = self.module_of.get(id(item))
                if module is not None:
                    opened.append(module)
                continue
            members = list(item.children)
            for impl in self.impls.get(id(item), []):
                members.extend(impl.children)
            pending.extend(m for m in members if "pub" in m.traits)
        return opened

    def path(self, segments: list[str], start: Module, depth: int) -> list[Target]:
        """Return what a path names, read from module ``start`` (``crate::``, ``self::``,
        ``super::``, or a name in scope there); nothing for other crates' paths."""
        if depth > _MAX_DEPTH or not segments or not segments[0]:
            return []
        current: list[Target] = [start]
        first, rest = segments[0], segments[1:]
        if first == "crate":
            current = [self.tree[0]]
        elif first == "super":
            current = [start.parent] if start.parent is not None else []
        elif first != "self":
            current = self._lookup(start, first, depth + 1)
        for segment in rest:
            following: list[Target] = []
            for place in current:
                if isinstance(place, Module):
                    if segment == "super":
                        following.extend([place.parent] if place.parent else [])
                    elif segment == "self":
                        following.append(place)
                    else:
                        following.extend(self._lookup(place, segment, depth + 1))
                elif "item=enum" in place.traits:
                    following.extend(c for c in place.children if c.name == segment)
            current = following
        return current

    def _lookup(self, module: Module, name: str, depth: int) -> list[Target]:
        """Return what ``name`` means in a module: its items and imports of that name,
        else what its glob imports bring of it."""
        key = (id(module), name)
        if key in self.memo:
            return self.memo[key]
        self.memo[key] = []
        found: list[Target] = []
        globs: list[Definition] = []
        for item in module.body.children:
            if "cfg-test" in item.traits and not module.test_only:
                continue
            if item.kind == "use":
                if "glob" in item.traits:
                    globs.append(item)
                elif f"as={name}" in item.traits and "extern-crate" not in item.traits:
                    found.extend(self.path(item.name.split("::"), module, depth + 1))
            elif item.kind != "impl" and item.name == name:
                found.append(self.module_of.get(id(item), item))
        if not found:
            for glob in globs:
                for place in self.path(glob.name.split("::")[:-1], module, depth + 1):
                    if isinstance(place, Module):
                        found.extend(self._lookup(place, name, depth + 1))
                    elif "item=enum" in place.traits:
                        found.extend(c for c in place.children if c.name == name)
        self.memo[key] = found
        return found

    def _rebuild(self) -> dict[str, ParsedModule]:
        """Return each file's parse with the crate's findings in its traits."""
        files: dict[str, Module] = {}
        for module in self.tree:
            if module.decl is None or "inline" not in module.decl.traits:
                files.setdefault(module.path, module)
        done: dict[str, ParsedModule] = {}
        for path, module in files.items():
            context = self._context(module)
            top = module.body
            top = replace(top, traits=(*top.traits, *context))
            rebuilt = _rebuild(top, self._change)
            done[path] = replace(self.parses[path], module=rebuilt)
        return done

    def _context(self, module: Module) -> list[str]:
        """Return the traits a file's module gets from the crate: its prefix, module
        path, whether it is the root, and what the ``mod`` items above it say."""
        traits = [f"crate={self.crate.prefix}", f"modpath={'::'.join(module.key)}"]
        if module.decl is None:
            traits.append("root")
        if module.test_only or self.crate.harness:
            traits.append("outer-cfg-test")
        chain: list[Definition] = [module.decl] if module.decl is not None else []
        place = module.parent
        while place is not None:
            chain.append(place.body)
            if place.decl is not None and place.decl is not place.body:
                chain.append(place.decl)
            place = place.parent
        chain.reverse()
        for definition in chain:
            if "hidden" in definition.traits and "outer-hidden" not in traits:
                traits.append("outer-hidden")
            traits.extend(f"outer-{t}" for t in definition.traits if t.startswith("lint="))
        return traits

    def _change(self, original: Definition, changed: Definition) -> Definition:
        """Return one definition with the crate's findings about it."""
        traits = [t for t in changed.traits if t != "exported"]
        doc = changed.doc
        if id(original) in self.exported:
            traits.append("exported")
        if id(original) in self.self_of:
            owner, _, hidden = self.self_of[id(original)].partition(" ")
            traits.append(f"self={owner}")
            if hidden:
                traits.append("self-hidden")
        module = self.module_of.get(id(original))
        if module is not None and module.body is not original:
            inner = module.body
            doc = best([doc, inner.doc])
            traits.extend(t for t in inner.traits if t == "hidden" or t.startswith("lint="))
        return replace(changed, doc=doc, traits=tuple(traits))


def _rebuild(
    top: Definition, change: Callable[[Definition, Definition], Definition]
) -> Definition:
    """Return ``top`` with every definition under it (not ``top`` itself) passed
    through ``change(original, with_new_children)``, children first."""
    order: list[Definition] = []
    pending = [top]
    while pending:
        definition = pending.pop()
        order.append(definition)
        pending.extend(definition.children)
    built: dict[int, Definition] = {}
    for definition in reversed(order):
        children = tuple(built[id(c)] for c in definition.children)
        renewed = replace(definition, children=children)
        built[id(definition)] = renewed if definition is top else change(definition, renewed)
    return built[id(top)]
