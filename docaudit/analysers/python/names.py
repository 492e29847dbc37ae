"""Resolve the names a file uses through the imports it makes."""

from __future__ import annotations

import ast
from collections.abc import Container

IMPORT_KINDS = ("import", "conditional", "deferred", "type-checking")
"""How a module imports another, strongest first: unconditionally at module level; under
an ``if``/``try``; inside a function; only under ``if TYPE_CHECKING:``."""


class ImportTable:
    """The names bound by a module's imports, and what they refer to.

    ``module`` is the file's own dotted name and ``package`` the package that
    relative imports start from (the module itself for an ``__init__.py``).
    """

    def __init__(self, module: str, package: str) -> None:
        """Start an empty table for ``module``, whose relative imports start at ``package``."""
        self.module = module
        self.package = package
        self.aliases: dict[str, str] = {}
        self.local_classes: set[str] = set()
        self.dependencies: dict[str, str] = {}

    def add_import(
        self, dotted: str, asname: str | None, kind: str = "import", bind: bool = True
    ) -> None:
        """Record ``import dotted [as asname]``; ``bind`` when it binds a module-level name."""
        self._depend(dotted, kind)
        if not bind:
            return
        if asname:
            self.aliases[asname] = dotted
        else:
            head = dotted.split(".", 1)[0]
            self.aliases[head] = head

    def add_from(
        self,
        source: str | None,
        level: int,
        name: str,
        asname: str | None,
        kind: str = "import",
        bind: bool = True,
    ) -> None:
        """Record ``from [.]*source import name [as asname]``; star imports bind nothing."""
        base = self._absolute(source or "", level)
        if name == "*":
            self._depend(base, kind)
            return
        target = f"{base}.{name}" if base else name
        self._depend(target, kind)
        if bind:
            self.aliases[asname or name] = target

    def _depend(self, target: str, kind: str) -> None:
        """Remember that the module imports ``target``, keeping the strongest kind seen."""
        if not target:
            return
        known = self.dependencies.get(target)
        if known is None or IMPORT_KINDS.index(kind) < IMPORT_KINDS.index(known):
            self.dependencies[target] = kind

    def _absolute(self, source: str, level: int) -> str:
        """Return the absolute module a relative import of ``level`` dots names."""
        if level == 0:
            return source
        parts = self.package.split(".") if self.package else []
        if level > 1:
            parts = parts[: len(parts) - (level - 1)]
        if source:
            parts.append(source)
        return ".".join(part for part in parts if part)

    def resolve(self, dotted: str) -> str:
        """Return what ``dotted`` refers to: its head replaced by the import's target."""
        if not dotted:
            return dotted
        head, dot, rest = dotted.partition(".")
        if head in self.aliases:
            target = self.aliases[head]
        elif head in self.local_classes:
            target = f"{self.module}.{head}" if self.module else head
        else:
            return dotted
        return f"{target}{dot}{rest}"

    def items(self) -> tuple[tuple[str, str], ...]:
        """Return the bindings, sorted, for storage."""
        return tuple(sorted(self.aliases.items()))


def dotted_name(node: ast.expr) -> str:
    """Return ``a.b.c`` for a name or a chain of attributes on a name; else ``""``."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return ""
    parts.append(node.id)
    return ".".join(reversed(parts))


def module_name_for(path: str, package_dirs: Container[str]) -> tuple[str, str]:
    """Return the dotted module name of ``path`` and the package its relative imports use.

    ``package_dirs`` holds the directories (relative, ``/``-separated) that have an
    ``__init__.py``; the name climbs through them, so ``src/pkg/mod.py`` is ``pkg.mod``.
    """
    directory, _, filename = path.rpartition("/")
    stem = filename.rsplit(".", 1)[0]
    package_parts: list[str] = []
    while directory and directory in package_dirs:
        parent, _, name = directory.rpartition("/")
        package_parts.insert(0, name)
        directory = parent
    package = ".".join(package_parts)
    if stem == "__init__":
        return package or stem, package
    return (f"{package}.{stem}" if package else stem), package
