"""Which item a path written in a Rust file names, for the keys of its routes.

A key's path is the module's file path as rustc finds modules, without ``.rs``:
``src/main.rs`` and ``src/lib.rs`` are ``src``, ``src/http/mod.rs`` and
``src/http.rs`` are ``src/http``, an inline ``mod api { }`` in either is
``src/http/api``. So a path a file writes (``crate::http::users::router``,
``super::users::router``, ``users::router`` after ``mod users;`` or ``use``) names the
same key as the file that declares the item. A path through another crate
(``my_api::routes::router``) is written ``my_api/src/routes``: it names a workspace
member whose folder is called as the crate is, or the package's own library from its
binary (``routes.py`` resolves a key by the suffix of its path). A ``-`` in a folder's
name is written ``_``, as Cargo names a package's library (``my-api`` is ``my_api``).
"""

from __future__ import annotations

from collections import defaultdict

from tree_sitter import Node

from docaudit.analysers import treesitter
from docaudit.model.symbols import Definition

_MAX_STEPS = 16
"""How many ``use`` declarations a path is followed through (a cycle stops there)."""


def module_path(path: str) -> str:
    """Return the module path of the Rust file ``path`` (see the module's docstring)."""
    stem = path.removesuffix(".rs").replace("-", "_")
    folder, _, name = stem.rpartition("/")
    return folder if name in ("main", "lib", "mod") else stem


def crate_root(path: str) -> str:
    """Return the module path of the crate root of the file ``path``: the folder up to
    its last ``src`` (``src/bin/<name>`` for a binary there), else its first two parts
    (``examples/hello``)."""
    parts = path.removesuffix(".rs").replace("-", "_").split("/")
    if "src" not in parts:
        return module_path("/".join(parts[:2]) + ".rs")
    last = len(parts) - 1 - parts[::-1].index("src")
    if parts[last + 1 : last + 2] == ["bin"] and len(parts) > last + 2:
        return "/".join(parts[: last + 3])
    return "/".join(parts[: last + 1])


def _parent(module: str) -> str:
    """Return the module a module is in (the crate root stays itself)."""
    return module.rpartition("/")[0] or module


class Scope:
    """The names one Rust file's modules bind: its ``use`` declarations, its ``mod``
    items and its functions, module by module (the file's and its inline modules)."""

    def __init__(self, path: str, module: Definition) -> None:
        """Index the definitions of the parse of the file ``path``."""
        self.root = crate_root(path)
        self.file = module_path(path)
        self.uses: dict[str, dict[str, str]] = defaultdict(dict)
        self.globs: dict[str, list[str]] = defaultdict(list)
        self.mods: dict[str, set[str]] = defaultdict(set)
        self.functions: dict[tuple[str, str], Definition] = {}
        pending = [(module, self.file)]
        while pending:
            definition, where = pending.pop()
            for child in definition.children:
                if child.kind == "use" and "glob" in child.traits:
                    self.globs[where].append(child.name.removesuffix("::*"))
                elif child.kind == "use":
                    bound = next((t[3:] for t in child.traits if t.startswith("as=")), "")
                    self.uses[where][bound] = child.name
                elif child.kind == "module":
                    self.mods[where].add(child.name)
                    if "inline" in child.traits:
                        pending.append((child, f"{where}/{child.name}"))
                elif child.kind == "function":
                    self.functions[where, child.name] = child

    def module_of(self, node: Node) -> str:
        """Return the module path of the module ``node`` is in (inline modules too)."""
        names: list[str] = []
        ancestor = node.parent
        while ancestor is not None:
            if ancestor.type == "mod_item":
                names.append(treesitter.text(ancestor.child_by_field_name("name")))
            ancestor = ancestor.parent
        return "/".join([self.file, *reversed(names)])

    def resolve(self, written: str, module: str) -> tuple[str, str]:
        """Return the module path and name of the item the path ``written`` names in
        ``module`` (see the module's docstring); a single name neither defined nor
        imported is looked for in the one module a glob import names, else taken as
        the module's own."""
        segments = [s for s in written.split("::") if s]
        for _ in range(_MAX_STEPS):
            head = segments[0]
            if len(segments) > 1 and head == "crate":
                module, segments = self.root, segments[1:]
            elif len(segments) > 1 and head in ("self", "super"):
                module = module if head == "self" else _parent(module)
                segments = segments[1:]
                while len(segments) > 1 and segments[0] == "super":
                    module, segments = _parent(module), segments[1:]
            elif head in self.uses[module] and not written.startswith("::"):
                segments = self.uses[module][head].split("::") + segments[1:]
                continue
            elif len(segments) == 1 and (module, head) not in self.functions:
                globs = self.globs[module]
                if len(globs) == 1 and globs[0].split("::")[0] in ("crate", "self", "super"):
                    segments = [*globs[0].split("::"), head]
                    continue
            elif len(segments) > 1 and head not in self.mods[module]:
                module, segments = f"{head}/src", segments[1:]
            return "/".join([module, *segments[:-1]]), segments[-1]
        return module, segments[-1]
