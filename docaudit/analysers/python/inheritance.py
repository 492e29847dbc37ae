"""Docstrings a method inherits from a base class defined in the same repository.

Python's ``inspect.getdoc`` walks the method resolution order for the first
definition with a docstring; this does the same over the classes the census
found, following bases through imports and re-exports. Bases from outside the
repository are not known and give nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from docaudit.model.symbols import EMPTY, MISSING, Definition, ParsedModule

_MAX_HOPS = 8


@dataclass(frozen=True, slots=True)
class _ClassEntry:
    """A class's resolved bases and the docstring status of each of its methods."""

    bases: tuple[str, ...]
    methods: dict[str, str]


class ClassIndex:
    """Every class of the audited files, by full dotted name."""

    def __init__(self, modules: dict[str, ParsedModule]) -> None:
        """Index the classes of ``modules``, keyed by module name."""
        self._classes: dict[str, _ClassEntry] = {}
        self._aliases = {name: dict(parsed.aliases) for name, parsed in modules.items()}
        for name, parsed in modules.items():
            self._add_classes(name, parsed.module.children)

    def _add_classes(self, prefix: str, children: tuple[Definition, ...]) -> None:
        """Index the classes among ``children``, nested ones included."""
        for child in children:
            if child.kind != "class":
                continue
            full = f"{prefix}.{child.name}"
            methods = {c.name: c.doc for c in child.children if c.kind == "function"}
            self._classes[full] = _ClassEntry(child.bases, methods)
            self._add_classes(full, child.children)

    def _resolve(self, name: str) -> str | None:
        """Return the indexed class ``name`` refers to, following re-exports."""
        for _ in range(_MAX_HOPS):
            if name in self._classes:
                return name
            parts = name.split(".")
            for cut in range(len(parts) - 1, 0, -1):
                aliases = self._aliases.get(".".join(parts[:cut]))
                if aliases is not None and parts[cut] in aliases:
                    name = ".".join([aliases[parts[cut]], *parts[cut + 1 :]])
                    break
            else:
                return None
        return None

    def inherited_doc(self, class_path: str, method: str) -> str | None:
        """Return ``base.method`` whose docstring ``class_path.method`` inherits, if any."""
        seen = {class_path}
        entry = self._classes.get(class_path)
        pending = list(entry.bases) if entry else []
        while pending:
            base = self._resolve(pending.pop(0))
            if base is None or base in seen:
                continue
            seen.add(base)
            found = self._classes[base]
            status = found.methods.get(method)
            if status == EMPTY:
                return None
            if status is not None and status != MISSING:
                return f"{base}.{method}"
            pending = list(found.bases) + pending
        return None
