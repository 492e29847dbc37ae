"""Read definitions from a Python file with the standard library's ``ast``."""

from __future__ import annotations

import ast

from docaudit.analysers.python.docstrings import classify
from docaudit.analysers.python.names import ImportTable, dotted_name
from docaudit.analysers.python.pragmas import Comment, pragma_for
from docaudit.model.symbols import Definition, ModuleBody

_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_DEFINITION_TYPES = frozenset(_DEFINITIONS)
_FUNCTION_TYPES = frozenset({ast.FunctionDef, ast.AsyncFunctionDef})
_EXPORT_TYPES = frozenset({ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Expr})
_STATEMENT_LISTS = ("body", "orelse", "finalbody", "handlers", "cases")
_COMPOUND = (
    ast.If,
    ast.For,
    ast.AsyncFor,
    ast.While,
    ast.Try,
    ast.TryStar,
    ast.With,
    ast.AsyncWith,
    ast.Match,
)
_COMPOUND_TYPES = frozenset(_COMPOUND)


def parse_with_ast(
    tree: ast.Module, imports: ImportTable, comments: dict[int, Comment]
) -> ModuleBody:
    """Return the definitions of a module ``ast`` parsed, recording its imports."""
    exports = _collect_module_facts(tree, imports)
    children = _Reader(imports, comments).definitions_in(tree.body)
    return ModuleBody(ast.get_docstring(tree, clean=False), children, exports)


class _Reader:
    """Turns ``ast`` definitions into ``Definition`` records."""

    def __init__(self, imports: ImportTable, comments: dict[int, Comment]) -> None:
        """Resolve names through ``imports`` and find pragmas in ``comments``."""
        self.imports = imports
        self.comments = comments

    def definitions_in(self, statements: list[ast.stmt]) -> tuple[Definition, ...]:
        """Return the definitions among ``statements`` and inside their compound blocks."""
        found: list[Definition] = []
        for statement in statements:
            node_type = type(statement)
            if node_type in _DEFINITION_TYPES:
                found.append(self.definition(statement))
            elif node_type in _COMPOUND_TYPES:
                for block in _blocks_of(statement):
                    found.extend(self.definitions_in(block))
        return tuple(found)

    def definition(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
    ) -> Definition:
        """Return the record for one class or function, with its nested definitions."""
        is_class = isinstance(node, ast.ClassDef)
        first_line = node.decorator_list[0].lineno if node.decorator_list else node.lineno
        last_line = max(node.lineno, node.body[0].lineno - 1)
        bases = (
            tuple(self.imports.resolve(dotted_name(base)) for base in node.bases)
            if is_class
            else ()
        )
        return Definition(
            kind="class" if is_class else "function",
            name=node.name,
            line=node.lineno,
            is_async=isinstance(node, ast.AsyncFunctionDef),
            decorators=tuple(self.imports.resolve(_callee(d)) for d in node.decorator_list),
            bases=tuple(base for base in bases if base),
            doc=classify(ast.get_docstring(node, clean=False), node.name),
            pragma=pragma_for(self.comments, first_line, node.lineno, last_line),
            children=self.definitions_in(node.body),
            span=(first_line, node.end_lineno or node.lineno),
        )


def _blocks_of(statement: ast.stmt) -> list[list[ast.stmt]]:
    """Return the statement lists nested in a compound statement."""
    blocks = []
    for field in _STATEMENT_LISTS:
        value = getattr(statement, field, None)
        if not value:
            continue
        if field in ("handlers", "cases"):
            blocks.extend(item.body for item in value)
        else:
            blocks.append(value)
    return blocks


def _callee(node: ast.expr) -> str:
    """Return the dotted name of a decorator, or of the callee when it is a call."""
    return dotted_name(node.func if isinstance(node, ast.Call) else node)


def _collect_module_facts(tree: ast.Module, imports: ImportTable) -> tuple[str, ...] | None:
    """Record imports (everywhere, with how) and class names; return the literal ``__all__``.

    Names are bound only by module-level statements (in compound blocks too); an import
    inside a function is a dependency (``deferred``) but binds nothing at module level.
    """
    facts = _ModuleFacts(imports)
    facts.scan(tree.body, "import", True)
    if facts.exports is None or not facts.literal:
        return None
    return tuple(sorted(set(facts.exports)))


class _ModuleFacts:
    """One walk over a module's statements, in source order, for imports and ``__all__``."""

    def __init__(self, imports: ImportTable) -> None:
        """Record into ``imports``."""
        self.imports = imports
        self.exports: list[str] | None = None
        self.literal = True

    def scan(self, statements: list[ast.stmt], kind: str, top: bool) -> None:
        """Walk ``statements``: ``kind`` is how an import here happens, ``top`` whether it
        binds a module-level name."""
        for statement in statements:
            node_type = type(statement)
            if node_type is ast.Import:
                for alias in statement.names:
                    self.imports.add_import(alias.name, alias.asname, kind, bind=top)
            elif node_type is ast.ImportFrom:
                for alias in statement.names:
                    self.imports.add_from(
                        statement.module,
                        statement.level,
                        alias.name,
                        alias.asname,
                        kind,
                        bind=top,
                    )
            elif node_type in _FUNCTION_TYPES:
                self.scan(statement.body, "deferred", False)
            elif node_type is ast.ClassDef:
                if top:
                    self.imports.local_classes.add(statement.name)
                self.scan(statement.body, kind, False)
            elif node_type in _COMPOUND_TYPES:
                self._scan_compound(statement, kind, top)
            elif top and node_type in _EXPORT_TYPES:
                names = _all_names(statement)
                if names is not None:
                    found = [name for name in names if name is not None]
                    self.exports = (self.exports or []) + found
                    self.literal = self.literal and None not in names

    def _scan_compound(self, statement: ast.stmt, kind: str, top: bool) -> None:
        """Walk a compound statement's blocks; ``if TYPE_CHECKING:`` marks its body."""
        inner = "conditional" if kind == "import" else kind
        if type(statement) is ast.If and _is_type_checking(statement.test):
            self.scan(statement.body, "type-checking", top)
            self.scan(statement.orelse, inner, top)
            return
        for block in _blocks_of(statement):
            self.scan(block, inner, top)


def _is_type_checking(test: ast.expr) -> bool:
    """Tell whether an ``if`` tests ``TYPE_CHECKING`` (bare or ``typing.TYPE_CHECKING``)."""
    return dotted_name(test).rpartition(".")[2] == "TYPE_CHECKING"


def _all_names(statement: ast.stmt) -> list[str | None] | None:
    """Return the names a statement adds to ``__all__`` (``None`` items: not literal)."""
    value: ast.expr | None = None
    if (
        isinstance(statement, ast.Assign)
        and any(
            isinstance(target, ast.Name) and target.id == "__all__" for target in statement.targets
        )
        or isinstance(statement, ast.AugAssign | ast.AnnAssign)
        and (isinstance(statement.target, ast.Name) and statement.target.id == "__all__")
    ):
        value = statement.value
    elif (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Call)
        and isinstance(statement.value.func, ast.Attribute)
        and statement.value.func.attr in ("extend", "append")
        and isinstance(statement.value.func.value, ast.Name)
        and statement.value.func.value.id == "__all__"
        and statement.value.args
    ):
        call = statement.value
        value = call.args[0] if call.func.attr == "extend" else ast.List(elts=[call.args[0]])
    if value is None:
        return None
    if not isinstance(value, ast.List | ast.Tuple):
        return [None]
    return [
        element.value
        if isinstance(element, ast.Constant) and isinstance(element.value, str)
        else None
        for element in value.elts
    ]
