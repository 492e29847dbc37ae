"""Read definitions with libcst, for syntax newer than the running interpreter's ``ast``.

libcst parses Python 3.0–3.14, so a project on 3.13 (PEP 695 generics and ``type``
aliases, PEP 701 f-strings) is audited correctly while docaudit runs on 3.11. It is
about eight times slower than ``ast``, so it is only the fallback.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from docaudit.analysers.python.docstrings import classify
from docaudit.analysers.python.names import ImportTable
from docaudit.analysers.python.pragmas import Comment, pragma_for
from docaudit.model.symbols import Definition, ModuleBody

_BLOCK_HOLDERS = (
    cst.Else,
    cst.Finally,
    cst.ExceptHandler,
    cst.ExceptStarHandler,
    cst.If,
    cst.MatchCase,
)


def parse_with_cst(text: str, imports: ImportTable, comments: dict[int, Comment]) -> ModuleBody:
    """Parse ``text`` with libcst and return its definitions; raises ``ParserSyntaxError``."""
    tree = cst.parse_module(text)
    positions = MetadataWrapper(tree, unsafe_skip_copy=True).resolve(PositionProvider)
    exports = _collect_module_facts(tree.body, imports)
    children = _Reader(imports, comments, positions).definitions_in(tree.body)
    return ModuleBody(tree.get_docstring(clean=False), children, exports)


class _Reader:
    """Turns libcst definitions into ``Definition`` records."""

    def __init__(
        self,
        imports: ImportTable,
        comments: dict[int, Comment],
        positions: dict[cst.CSTNode, CodeRange],
    ) -> None:
        """Resolve names through ``imports``, find pragmas and lines by node."""
        self.imports = imports
        self.comments = comments
        self.positions = positions

    def definitions_in(self, statements: Sequence[cst.CSTNode]) -> tuple[Definition, ...]:
        """Return the definitions among ``statements`` and inside their compound blocks."""
        found: list[Definition] = []
        for statement in statements:
            if isinstance(statement, cst.FunctionDef | cst.ClassDef):
                found.append(self.definition(statement))
            elif isinstance(statement, cst.BaseCompoundStatement):
                for block in _blocks_of(statement):
                    found.extend(self.definitions_in(block))
        return tuple(found)

    def definition(self, node: cst.FunctionDef | cst.ClassDef) -> Definition:
        """Return the record for one class or function, with its nested definitions."""
        is_class = isinstance(node, cst.ClassDef)
        line = self.positions[node.name].start.line
        first_line = self.positions[node.decorators[0]].start.line if node.decorators else line
        body = node.body.body
        last_line = line
        if isinstance(node.body, cst.IndentedBlock) and body:
            last_line = max(line, self.positions[body[0]].start.line - 1)
        bases = (
            tuple(self.imports.resolve(_dotted(arg.value)) for arg in node.bases)
            if is_class
            else ()
        )
        return Definition(
            kind="class" if is_class else "function",
            name=node.name.value,
            line=line,
            is_async=not is_class and node.asynchronous is not None,
            decorators=tuple(self.imports.resolve(_dotted(d.decorator)) for d in node.decorators),
            bases=tuple(base for base in bases if base),
            doc=classify(node.get_docstring(clean=False), node.name.value),
            pragma=pragma_for(self.comments, first_line, line, last_line),
            children=self.definitions_in(body) if isinstance(node.body, cst.IndentedBlock) else (),
            span=(first_line, self.positions[node].end.line),
        )


def _blocks_of(node: cst.CSTNode) -> Iterator[Sequence[cst.BaseStatement]]:
    """Yield the statement lists nested in a compound statement."""
    for child in node.children:
        if isinstance(child, cst.IndentedBlock):
            yield child.body
        elif isinstance(child, _BLOCK_HOLDERS):
            yield from _blocks_of(child)


def _dotted(node: cst.BaseExpression) -> str:
    """Return ``a.b.c`` for a name or attribute chain (a call's callee); else ``""``."""
    if isinstance(node, cst.Call):
        node = node.func
    parts = []
    while isinstance(node, cst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if not isinstance(node, cst.Name):
        return ""
    parts.append(node.value)
    return ".".join(reversed(parts))


def _collect_module_facts(
    statements: Sequence[cst.CSTNode], imports: ImportTable
) -> tuple[str, ...] | None:
    """Record imports (everywhere, with how) and class names; return the literal ``__all__``."""
    exports: list[str] | None = None
    literal = True
    for statement, kind, top in _statements(statements, "import", True):
        if isinstance(statement, cst.Import):
            for alias in statement.names:
                asname = alias.asname.name.value if alias.asname else None
                imports.add_import(_dotted(alias.name), asname, kind, bind=top)
        elif isinstance(statement, cst.ImportFrom):
            source = _dotted(statement.module) if statement.module else None
            level = len(statement.relative)
            if isinstance(statement.names, cst.ImportStar):
                imports.add_from(source, level, "*", None, kind, bind=top)
                continue
            for alias in statement.names:
                asname = alias.asname.name.value if alias.asname else None
                imports.add_from(source, level, _dotted(alias.name), asname, kind, bind=top)
        elif isinstance(statement, cst.ClassDef):
            if top:
                imports.local_classes.add(statement.name.value)
        elif top:
            names = _all_names(statement)
            if names is not None:
                exports = (exports or []) + [name for name in names if name is not None]
                literal = literal and None not in names
    if exports is None or not literal:
        return None
    return tuple(sorted(set(exports)))


def _statements(
    statements: Sequence[cst.CSTNode], kind: str, top: bool
) -> Iterator[tuple[cst.CSTNode, str, bool]]:
    """Yield small statements and classes with how an import there happens and whether
    it binds a module-level name; function bodies are entered as ``deferred``."""
    for statement in statements:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                yield small, kind, top
        elif isinstance(statement, cst.ClassDef):
            yield statement, kind, top
            if isinstance(statement.body, cst.IndentedBlock):
                yield from _statements(statement.body.body, kind, False)
        elif isinstance(statement, cst.FunctionDef):
            if isinstance(statement.body, cst.IndentedBlock):
                yield from _statements(statement.body.body, "deferred", False)
        elif isinstance(statement, cst.BaseCompoundStatement):
            inner = "conditional" if kind == "import" else kind
            if isinstance(statement, cst.If) and _dotted(statement.test).endswith("TYPE_CHECKING"):
                yield from _statements(statement.body.body, "type-checking", top)
                if statement.orelse is not None:
                    for block in _blocks_of(statement.orelse):
                        yield from _statements(block, inner, top)
                continue
            for block in _blocks_of(statement):
                yield from _statements(block, inner, top)


def _all_names(statement: cst.CSTNode) -> list[str | None] | None:
    """Return the names a statement adds to ``__all__`` (``None`` items: not literal)."""
    value: cst.BaseExpression | None = None
    if (
        isinstance(statement, cst.Assign)
        and any(_is_all(target.target) for target in statement.targets)
        or isinstance(statement, cst.AugAssign | cst.AnnAssign)
        and _is_all(statement.target)
    ):
        value = statement.value
    elif (
        isinstance(statement, cst.Expr)
        and isinstance(statement.value, cst.Call)
        and isinstance(statement.value.func, cst.Attribute)
        and _is_all(statement.value.func.value)
        and statement.value.func.attr.value in ("extend", "append")
        and statement.value.args
    ):
        argument = statement.value.args[0].value
        if statement.value.func.attr.value == "extend":
            value = argument
        else:
            value = cst.List(elements=[cst.Element(argument)])
    if value is None:
        return None
    if not isinstance(value, cst.List | cst.Tuple):
        return [None]
    names: list[str | None] = []
    for element in value.elements:
        evaluated = (
            element.value.evaluated_value if isinstance(element.value, cst.SimpleString) else None
        )
        names.append(evaluated if isinstance(evaluated, str) else None)
    return names


def _is_all(node: cst.CSTNode) -> bool:
    """Tell whether ``node`` is the name ``__all__``."""
    return isinstance(node, cst.Name) and node.value == "__all__"
