"""Exported names: each name a module lists in ``__all__`` is a public API symbol.

``collect`` reads, for a module that defines ``__all__``, the names it lists (with
their lines) and the names it binds at module level; ``export_symbols`` judges each
listed name by the documentation of what it names (a function or class of the
module, an attribute docstring under an assignment, or, for a re-exported import,
the definition it comes from) and reports the listed names nothing binds: stale
exports. A module with a star import, a module-level ``__getattr__`` (defined or
assigned) or a write to its
own namespace (``globals()``, ``vars()``, ``sys.modules[__name__]``) can bind any name,
so nothing in it is called stale; a name a function declares ``global`` is bound, and
so are the members of an ``@enum.global_enum`` class.
"""

from __future__ import annotations

import ast
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass

from docaudit.analysers.python.names import ImportTable
from docaudit.model.rules import UNDOCUMENTED_EXPORT
from docaudit.model.symbols import FileError, ModuleFacts, Symbol

_COMPOUND = (ast.If, ast.Try, ast.TryStar, ast.With, ast.For, ast.While)
_IMPLICIT = ("__doc__", "__name__", "__file__", "__path__", "__package__", "__spec__")
"""Names the import system binds in every module (``__path__`` in packages)."""


@dataclass(frozen=True, slots=True)
class Listed:
    """A name ``__all__`` lists, and the line of its string."""

    name: str
    line: int


@dataclass(frozen=True, slots=True)
class ExportFacts:
    """A module's ``__all__`` (names in order, repeats kept), what each name it binds at
    module level is (``documented``, ``undocumented`` or ``imported``), and whether it can
    bind any other name (``open``: a star import, ``__getattr__``, namespace writes)."""

    listed: tuple[Listed, ...]
    bound: dict[str, str]
    open: bool


def collect(tree: ast.Module, imports: ImportTable, text: str) -> ExportFacts | None:
    """Return ``__all__``'s names and lines and the module's own bindings, or ``None``."""
    if "__all__" not in text:
        return None
    reader = _Bindings()
    reader.read(tree.body)
    if not reader.listed or reader.dynamic:
        return None
    if "global " in text:
        for node in ast.walk(tree):
            if isinstance(node, ast.Global):
                for name in node.names:
                    reader.bound.setdefault(name, "undocumented")
    namespace_written = "globals()" in text or "vars()" in text or "sys.modules[__name__]" in text
    return ExportFacts(tuple(reader.listed), reader.bound, reader.open or namespace_written)


class _Bindings:
    """Walks module-level statements for ``__all__`` and the names they bind."""

    def __init__(self) -> None:
        """Start with nothing listed, and the names every module has bound."""
        self.listed: list[Listed] = []
        self.bound: dict[str, str] = dict.fromkeys(_IMPLICIT, "undocumented")
        self.open = False
        self.dynamic = False

    def read(self, statements: list[ast.stmt]) -> None:
        """Record the bindings of ``statements`` and of the blocks inside them."""
        for index, statement in enumerate(statements):
            following = statements[index + 1] if index + 1 < len(statements) else None
            self._statement(statement, following)
            if isinstance(statement, _COMPOUND):
                for block in ("body", "orelse", "finalbody"):
                    self.read(getattr(statement, block, []))
                for handler in getattr(statement, "handlers", []):
                    self.read(handler.body)

    def _statement(self, statement: ast.stmt, following: ast.stmt | None) -> None:
        """Record what one statement binds or adds to ``__all__``."""
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            documented = ast.get_docstring(statement) not in (None, "")
            self.bound[statement.name] = "documented" if documented else "undocumented"
            if statement.name == "__getattr__":
                self.open = True
            if isinstance(statement, ast.ClassDef) and _is_global_enum(statement):
                for inner in statement.body:
                    if isinstance(inner, ast.Assign):
                        for target in inner.targets:
                            self._assignment(target, inner, None)
        elif isinstance(statement, ast.Import | ast.ImportFrom):
            self._import(statement)
        elif isinstance(statement, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = (
                statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            )
            if any(isinstance(t, ast.Name) and t.id == "__getattr__" for t in targets):
                self.open = True
            for target in targets:
                self._assignment(target, statement, following)
        elif isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
            self._all_method(statement.value)

    def _import(self, statement: ast.Import | ast.ImportFrom) -> None:
        """Record the names an import binds; a star import can bind any name."""
        for alias in statement.names:
            if alias.name == "*":
                self.open = True
            else:
                name = alias.asname or alias.name.split(".")[0]
                self.bound.setdefault(name, "imported")

    def _assignment(
        self, target: ast.expr, statement: ast.stmt, following: ast.stmt | None
    ) -> None:
        """Record an assignment: to ``__all__``, or binding names (documented by a docstring)."""
        if isinstance(target, ast.Name) and target.id == "__all__":
            value = getattr(statement, "value", None)
            if not isinstance(statement, ast.AugAssign):
                self.listed = []
            self._extend(value)
            return
        documented = (
            isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
            and following.value.value.strip() != ""
        )
        for node in ast.walk(target):
            if isinstance(node, ast.Name):
                self.bound.setdefault(node.id, "documented" if documented else "undocumented")

    def _all_method(self, call: ast.Call) -> None:
        """Record ``__all__.extend([...])``, ``__all__ += [...]`` and ``__all__.append("x")``."""
        function = call.func
        if not (
            isinstance(function, ast.Attribute)
            and isinstance(function.value, ast.Name)
            and function.value.id == "__all__"
            and len(call.args) == 1
        ):
            return
        if function.attr == "extend":
            self._extend(call.args[0])
        elif function.attr == "append":
            self._extend(ast.List([call.args[0]]))

    def _extend(self, value: ast.expr | None) -> None:
        """Add a literal list or tuple of strings to ``__all__``; anything else is dynamic."""
        if not isinstance(value, ast.List | ast.Tuple):
            self.dynamic = True
            return
        for element in value.elts:
            if isinstance(element, ast.Constant) and isinstance(element.value, str):
                self.listed.append(Listed(element.value, element.lineno))
            else:
                self.dynamic = True


def _is_global_enum(node: ast.ClassDef) -> bool:
    """Tell whether a class is decorated ``@enum.global_enum``: its members are module names."""
    return any(
        (isinstance(d, ast.Attribute) and d.attr == "global_enum")
        or (isinstance(d, ast.Name) and d.id == "global_enum")
        for d in node.decorator_list
    )


def export_symbols(
    modules: Sequence[ModuleFacts[ExportFacts]],
    documented: Mapping[str, bool],
    submodules: Container[str],
) -> tuple[list[Symbol], list[FileError]]:
    """Return a symbol per exported name, and an error per stale export.

    ``documented`` maps the dotted name of each code symbol of the repository
    (``package.module.function``) to whether it is documented; a re-exported import
    is as documented as the definition it names, when that is in the repository.
    A package may list its submodules (``submodules`` holds every module's dotted
    name): those are exports too, as documented as the submodule's docstring.
    """
    symbols: list[Symbol] = []
    errors: list[FileError] = []
    for module in modules:
        facts = module.facts
        bound = facts.bound
        seen: set[str] = set()
        for listed in facts.listed:
            name, line = listed.name, listed.line
            if name in seen:
                continue
            seen.add(name)
            state = bound.get(name)
            dotted = f"{module.module}.{name}" if module.module else name
            if state is None and module.path.endswith("__init__.py") and dotted in submodules:
                state = "documented" if documented.get(dotted, False) else "undocumented"
            if state is None:
                if not facts.open:
                    errors.append(
                        FileError(
                            module.path,
                            f"line {line}: stale export: {name!r} is in __all__ but not defined",
                            "export",
                        )
                    )
                continue
            if state == "imported":
                target = module.aliases.get(name, name)
                is_documented = documented.get(target, False)
            else:
                is_documented = state == "documented"
            symbols.append(
                Symbol(
                    module.path,
                    line,
                    "export",
                    f"{module.module}.{name}" if module.module else name,
                    True,
                    is_documented,
                    [] if is_documented else [UNDOCUMENTED_EXPORT.problem("missing")],
                    level="documented" if is_documented else "undocumented",
                )
            )
    return symbols, errors
