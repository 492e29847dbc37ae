"""Find a repository's crates and each crate's module tree.

A package is a directory whose ``Cargo.toml`` has a ``[package]`` table; each Rust file
belongs to the nearest package above it (so every workspace member is found, whatever
its ``[workspace] members`` globs say). A package's crates are its targets as Cargo
finds them: ``[lib] path`` or ``src/lib.rs``; ``[[bin]]`` paths, ``src/main.rs``,
``src/bin/*.rs`` and ``src/bin/*/main.rs``; the same for examples, tests and benches;
the build script. Where no ``Cargo.toml`` can be read, a folder with ``src/lib.rs`` or
``src/main.rs`` is a package with those default targets.

A crate's modules are found from its root file as rustc finds them: ``mod x;`` in a
``mod.rs``-like file (a crate root, a ``mod.rs``, a file loaded by ``#[path]``) looks
for ``x.rs`` or ``x/mod.rs`` beside it, in ``a.rs`` under ``a/``, and inside ``mod y {
}`` one folder further down; ``#[path = "p"]`` is relative to the file's folder (inside
an inline module, to that module's folder).
"""

from __future__ import annotations

import posixpath
import tomllib
from collections import deque
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace

from docaudit.model.symbols import Definition, ParsedModule

Reader = Callable[[str], bytes | None]
_KINDS = (("bin", "src/bin"), ("example", "examples"), ("test", "tests"), ("bench", "benches"))


@dataclass(frozen=True, slots=True)
class Crate:
    """One crate: its root file, the prefix of its qualnames, the name other crates
    import it by (a library's), its package's folder, the crates it may name, and
    whether it is built as a test harness (``rustc --test``: a test or bench target
    without ``harness = false``, on which rustc's ``missing_docs`` never runs)."""

    root: str
    prefix: str
    name: str
    package: str
    dependencies: frozenset[str] = frozenset()
    harness: bool = False


@dataclass(eq=False, slots=True)
class Module:
    """A module of a crate: its path from the root (``("a", "b")``), the file it is in,
    the definition holding its items (a file's module or an inline ``mod``), the ``mod``
    item declaring it (none for the root), the folder its ``mod x;`` files are in, its
    parent and whether a ``#[cfg(test)]`` (on it or above) leaves it out of a build."""

    key: tuple[str, ...]
    path: str
    body: Definition
    decl: Definition | None
    folder: str
    parent: Module | None
    test_only: bool = False
    children: list[Module] = field(default_factory=list)


def find_crates(paths: Collection[str], read: Reader) -> tuple[list[Crate], dict[str, str]]:
    """Return the crates of the Rust files ``paths`` and each file's package folder
    (files in no package are left out). A folder with a ``src/lib.rs`` or
    ``src/main.rs`` and no ``Cargo.toml`` that ``read`` can give is a package with
    Cargo's default targets."""
    layouts = {
        posixpath.dirname(posixpath.dirname(p))
        for p in paths
        if posixpath.basename(p) in ("lib.rs", "main.rs")
        and posixpath.basename(posixpath.dirname(p)) == "src"
    }
    manifests: dict[str, dict[str, object] | None] = {}
    package_of: dict[str, str] = {}
    for path in paths:
        folder = posixpath.dirname(path)
        while True:
            manifest = _manifest(folder, read, manifests)
            if manifest is None and folder in layouts:
                manifests[folder] = manifest = {"package": {}}
            if manifest is not None and "package" in manifest:
                package_of[path] = folder
                break
            if not folder:
                break
            folder = posixpath.dirname(folder)
    known = set(paths)
    crates: list[Crate] = []
    for folder in sorted(set(package_of.values())):
        manifest = manifests[folder]
        if manifest is not None:
            crates.extend(_targets(folder, manifest, known))
    return crates, package_of


def modules(
    crate: Crate, files: Collection[str], parses: Mapping[str, ParsedModule]
) -> list[Module]:
    """Return a crate's modules, root first, each parent before its children; a file
    (of ``files``) is read as the module of the first ``mod`` that reaches it."""
    root = Module(
        (), crate.root, parses[crate.root].module, None, posixpath.dirname(crate.root), None
    )
    found = [root]
    seen = {crate.root}
    pending = deque([root])
    while pending:
        module = pending.popleft()
        for item in module.body.children:
            if item.kind != "module":
                continue
            child = _declared(module, item, files, parses)
            if child is None or (child.body is not item and child.path in seen):
                continue
            seen.add(child.path)
            module.children.append(child)
            found.append(child)
            pending.append(child)
    return found


def _declared(
    module: Module, item: Definition, files: Collection[str], parses: Mapping[str, ParsedModule]
) -> Module | None:
    """Return the module a ``mod`` item declares, or ``None`` when its file is not among
    ``files``."""
    test_only = module.test_only or "cfg-test" in item.traits
    key = (*module.key, item.name)
    if "inline" in item.traits:
        folder = posixpath.join(module.folder, item.name)
        return Module(key, module.path, item, item, folder, module, test_only)
    target = _module_file(module, item, files)
    if target is None or target[0] not in parses:
        return None
    file, owned = target
    folder = posixpath.dirname(file) if owned else posixpath.splitext(file)[0]
    return Module(key, file, parses[file].module, item, folder, module, test_only)


def _module_file(
    module: Module, item: Definition, files: Collection[str]
) -> tuple[str, bool] | None:
    """Return the file a ``mod x;`` item loads and whether it is ``mod.rs``-like (its
    own modules beside it), or ``None`` when it is not among ``files``."""
    written = next((t[5:] for t in item.traits if t.startswith("path=")), None)
    if written is not None:
        inline = module.decl is not None and "inline" in module.decl.traits
        base = module.folder if inline else posixpath.dirname(module.path)
        file = posixpath.normpath(posixpath.join(base, written))
        return (file, True) if file in files else None
    for file, owned in (
        (posixpath.join(module.folder, f"{item.name}.rs"), False),
        (posixpath.join(module.folder, item.name, "mod.rs"), True),
    ):
        if file in files:
            return file, owned
    return None


def _manifest(
    folder: str, read: Reader, cache: dict[str, dict[str, object] | None]
) -> dict[str, object] | None:
    """Return the ``Cargo.toml`` in ``folder`` as a table (``None`` if absent or bad)."""
    if folder not in cache:
        data = read(posixpath.join(folder, "Cargo.toml") if folder else "Cargo.toml")
        table: dict[str, object] | None = None
        if data is not None:
            try:
                table = tomllib.loads(data.decode("utf-8", "replace"))
            except tomllib.TOMLDecodeError:
                table = None
        cache[folder] = table
    return cache[folder]


def _targets(folder: str, manifest: dict[str, object], known: set[str]) -> list[Crate]:
    """Return the crates of one package (its targets that are among the files)."""

    def inside(relative: str) -> str:
        """Return a path of the package's folder as a path of the repository."""
        return posixpath.normpath(posixpath.join(folder, relative)) if folder else relative

    package = _table(manifest.get("package"))
    name = str(package.get("name", posixpath.basename(folder) or "crate"))
    lib = _table(manifest.get("lib"))
    lib_name = str(lib.get("name", name)).replace("-", "_")
    dependencies = _dependencies(manifest)
    crates: list[Crate] = []
    lib_root = inside(str(lib.get("path", "src/lib.rs")))
    if lib_root in known:
        crates.append(_crate(folder, lib_root, lib_name, dependencies))
        dependencies = dependencies | {lib_name}
    roots: dict[str, bool] = {inside("src/main.rs"): False}
    for kind, auto in _KINDS:
        tested = kind in ("test", "bench")
        for target in _list(manifest.get(kind)):
            harness = tested and target.get("harness", True) is not False
            written = target.get("path")
            if isinstance(written, str):
                roots.setdefault(inside(written), harness)
            elif isinstance(target.get("name"), str):
                roots.setdefault(inside(f"{auto}/{target['name']}.rs"), harness)
                roots.setdefault(inside(f"{auto}/{target['name']}/main.rs"), harness)
        prefix = inside(auto) + "/"
        for path in sorted(known):
            parts = path.removeprefix(prefix).split("/")
            if path.startswith(prefix) and (
                (len(parts) == 1 and parts[0].endswith(".rs"))
                or (len(parts) == 2 and parts[1] == "main.rs")
            ):
                roots.setdefault(path, tested)
    build = package.get("build", "build.rs")
    if isinstance(build, str):
        roots.setdefault(inside(build), False)
    for root, harness in roots.items():
        if root in known and root != lib_root:
            crate = _crate(folder, root, "", dependencies)
            crates.append(replace(crate, harness=harness))
    return crates


def _crate(folder: str, root: str, name: str, dependencies: frozenset[str]) -> Crate:
    """Return a crate; a library's qualnames start with its folder (``crate`` at the
    repository's root), any other crate's with its root file's path less ``.rs``."""
    if name or posixpath.basename(root) == "lib.rs":
        prefix = folder or "crate"
    else:
        prefix = posixpath.splitext(root)[0]
    return Crate(root, prefix, name, folder, dependencies)


def _dependencies(manifest: dict[str, object]) -> frozenset[str]:
    """Return the crate names a package's manifest lets its code import (every kind of
    dependency, renamed ones by their new name)."""
    tables = [manifest]
    tables.extend(_table(t) for t in _table(manifest.get("target")).values())
    names: set[str] = set()
    for table in tables:
        for kind in ("dependencies", "dev-dependencies", "build-dependencies"):
            names.update(k.replace("-", "_") for k in _table(table.get(kind)))
    return frozenset(names)


def _table(value: object) -> dict[str, object]:
    """Return a TOML value as a table (empty if it is not one)."""
    return value if isinstance(value, dict) else {}


def _list(value: object) -> list[dict[str, object]]:
    """Return a TOML array of tables (empty if it is not one)."""
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
