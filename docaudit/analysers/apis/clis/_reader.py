"""Reading one file's expressions, decorators and signatures into CLI facts.

``_Reader`` resolves names through the file's imports and encodes literals, calls and
references; it also finds the functions with command or option decorators, module-level
click/typer objects, ``add_command``/``add_typer`` links and script entry functions.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from docaudit.analysers.apis.clis._libraries import _ATTACHERS, _CLICK_CLASSES, _canonical, _family
from docaudit.analysers.apis.clis.facts import (
    Call,
    CliObject,
    CommandFunction,
    Decorator,
    Expr,
    Link,
    Parameter,
    Ref,
    Value,
)
from docaudit.analysers.python.names import ImportTable, dotted_name

_TEXT_WRAPPERS = frozenset(
    {"_", "N_", "_l", "gettext", "gettext_lazy", "ugettext", "ugettext_lazy", "lazy_gettext"}
    | {"dedent", "cleandoc"}
)
_MAX_DEPTH = 4


def _flat_statements(body: list[ast.stmt], into_definitions: bool = False) -> Iterator[ast.stmt]:
    """Yield statements of one scope, entering ``if``/``try``/``with``/loops/``match``;
    with ``into_definitions``, every statement at any depth, in functions and classes too."""
    for node in body:
        yield node
        if not into_definitions and isinstance(
            node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
        ):
            continue
        for name in ("body", "orelse", "finalbody"):
            inner = getattr(node, name, None)
            if isinstance(inner, list):
                yield from _flat_statements(inner, into_definitions)
        for handler in getattr(node, "handlers", ()):
            yield from _flat_statements(handler.body, into_definitions)
        for case in getattr(node, "cases", ()):
            yield from _flat_statements(case.body, into_definitions)


class _Reader:
    """Turns expressions of one file into ``Value``s, names resolved through imports."""

    def __init__(self, imports: ImportTable, local_names: set[str]) -> None:
        """Read names through ``imports``; ``local_names`` are bound by the module itself."""
        self.imports = imports
        self.local_names = local_names

    def resolve(self, node: ast.expr) -> str | None:
        """Return the dotted name ``node`` refers to, qualified by module, or None."""
        dotted = dotted_name(node)
        if not dotted:
            return None
        head = dotted.split(".", 1)[0]
        if head in self.local_names and self.imports.module:
            return f"{self.imports.module}.{dotted}"
        return self.imports.resolve(dotted)

    def encode(self, node: ast.expr, depth: int = 0) -> Value:
        """Return a literal as is (a display as a tuple), a call as a ``Call``, a name as a
        ``Ref``, else an ``Expr``."""
        if isinstance(node, ast.Constant):
            if node.value is None or isinstance(node.value, str | bool | int | float):
                return node.value
            return Expr(type(node.value).__name__)
        if depth >= _MAX_DEPTH:
            return Expr(type(node).__name__)
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            return tuple(self.encode(item, depth + 1) for item in node.elts)
        if isinstance(node, ast.Call):
            wrapped = _wrapped_text(node)
            return wrapped if wrapped is not None else self.call(node, depth + 1)
        target = self.resolve(node)
        return Ref(target) if target else Expr(type(node).__name__)

    def call(self, node: ast.Call, depth: int = 0) -> Call:
        """Return a call expression as a ``Call``."""
        args = tuple(
            self.encode(arg, depth) for arg in node.args if not isinstance(arg, ast.Starred)
        )
        kwargs = {kw.arg: self.encode(kw.value, depth) for kw in node.keywords if kw.arg}
        star = any(isinstance(arg, ast.Starred) for arg in node.args) or any(
            kw.arg is None for kw in node.keywords
        )
        return Call(self.resolve(node.func), args, kwargs, star)

    def decorator(self, node: ast.expr) -> Decorator:
        """Return a decorator as a call with its line (a bare name: no arguments)."""
        if isinstance(node, ast.Call):
            return Decorator(self.call(node), node.lineno)
        return Decorator(Call(self.resolve(node), (), {}, False), node.lineno)

    def function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> CommandFunction | None:
        """Return a function with command or option decorators, with its signature, or None."""
        decorators = tuple(self.decorator(item) for item in node.decorator_list)
        if not any(_is_cli_decorator(item.call.callee) for item in decorators):
            return None
        return CommandFunction(
            node.name, node.lineno, ast.get_docstring(node), decorators, self.signature(node.args)
        )

    def signature(self, arguments: ast.arguments) -> tuple[Parameter, ...]:
        """Return each named parameter with its default and ``Annotated`` metadata."""
        positional = arguments.posonlyargs + arguments.args
        defaults: list[ast.expr | None] = [None] * (len(positional) - len(arguments.defaults))
        pairs = list(zip(positional, defaults + list(arguments.defaults), strict=True))
        pairs += list(zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True))
        return tuple(self.parameter(arg, default) for arg, default in pairs)

    def parameter(self, arg: ast.arg, default: ast.expr | None) -> Parameter:
        """Return one parameter: name, line, default, annotation and ``Annotated`` extras."""
        annotation, extras = arg.annotation, ()
        if isinstance(annotation, ast.Subscript) and self._is_annotated(annotation.value):
            items = annotation.slice.elts if isinstance(annotation.slice, ast.Tuple) else []
            annotation = items[0] if items else None
            extras = tuple(self.encode(item) for item in items[1:] if isinstance(item, ast.Call))
        return Parameter(
            arg.arg,
            arg.lineno,
            default is not None,
            self.encode(default) if default is not None else None,
            self.resolve(annotation) if annotation is not None else None,
            extras,
        )

    def _is_annotated(self, node: ast.expr) -> bool:
        """Return whether ``node`` names ``typing.Annotated``."""
        target = self.resolve(node) or ""
        return target.rsplit(".", 1)[-1] == "Annotated"

    def objects(self, body: list[ast.stmt]) -> list[CliObject]:
        """Return module-level ``name = <click or typer call>(...)`` assignments."""
        found = []
        for node in _flat_statements(body):
            if not isinstance(node, ast.Assign) or not isinstance(node.value, ast.Call):
                continue
            names = [target.id for target in node.targets if isinstance(target, ast.Name)]
            call = self.call(node.value)
            if names and _is_cli_object(call.callee):
                found.append(CliObject(names[0], node.lineno, call))
        return found

    def link(self, node: ast.Call) -> Link | None:
        """Return an ``x.add_command(...)``/``x.add_typer(...)`` call, or None."""
        func = node.func
        if not isinstance(func, ast.Attribute) or func.attr not in ("add_command", "add_typer"):
            return None
        return Link(self.resolve(func.value), func.attr, node.lineno, self.call(node))

    def entries(self, body: list[ast.stmt]) -> dict[str, tuple[str, ...]]:
        """Return, for each plain top-level function, the names it calls (script targets)."""
        found = {}
        for node in body:
            if isinstance(node, ast.FunctionDef) and not node.decorator_list:
                called = {
                    self.resolve(call.func)
                    for call in ast.walk(node)
                    if isinstance(call, ast.Call)
                }
                found[node.name] = tuple(sorted(name for name in called if name)[:30])
        return found


def _wrapped_text(node: ast.Call) -> str | None:
    """Return the literal in ``_("text")``/``dedent("text")``-style wrappers, else None."""
    name = dotted_name(node.func)
    if name.rsplit(".", 1)[-1] not in _TEXT_WRAPPERS or len(node.args) != 1:
        return None
    arg = node.args[0]
    return arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None


def _is_cli_object(target: str | None) -> bool:
    """Return whether a call makes a click/typer command, group, app, option or argument."""
    canonical = _canonical(target)
    if canonical is None:
        return False
    last = canonical.rsplit(".", 1)[-1]
    return last.endswith(_CLICK_CLASSES) or last in ("Typer", "option", "argument")


def _is_cli_decorator(target: str | None) -> bool:
    """Return whether a decorator can make a command or add a parameter."""
    if not target:
        return False
    return _family(target) is not None or target.rsplit(".", 1)[-1] in _ATTACHERS
