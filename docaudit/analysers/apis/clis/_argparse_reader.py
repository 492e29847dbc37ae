"""Reading one file's argparse parsers, sub-parsers, groups and arguments, and Django commands.

``_ArgparseReader`` follows parser-valued names through each scope's assignments, and into
the module functions and closures a parser is passed to, recording parsers and
``add_argument`` calls as CLI facts.
"""

from __future__ import annotations

import ast
from typing import Any

from docaudit.analysers.apis.clis._reader import _flat_statements, _Reader
from docaudit.analysers.apis.clis.facts import Argument, Call, Parser, Value
from docaudit.analysers.python.names import dotted_name

_ARGPARSE_GROUPS = frozenset({"add_argument_group", "add_mutually_exclusive_group"})
_PARSER_VALUES = frozenset({"parser", "subparsers", "group"})


class _ArgparseReader:
    """Follows argparse parsers, sub-parsers and groups through one file's assignments.

    Each scope (module body, each function) is read in order; a name bound to a parser,
    a sub-parsers action or an argument group is tracked, and calls of module functions
    that pass one along are followed into the function (a few levels deep).
    """

    def __init__(self, reader: _Reader) -> None:
        """Start with no parsers; ``reader`` encodes values and resolves names."""
        self.reader = reader
        self.parsers: list[Parser] = []
        self.arguments: list[Argument] = []
        self.functions: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}
        self.stack: list[str] = []
        self.followed: set[ast.AST] = set()
        self.call_lines: list[int] = []

    def read_module(self, body: list[ast.stmt], statements: list[ast.stmt]) -> None:
        """Read the module body, then every function and Django ``Command`` class in it."""
        self.functions = {
            node.name: node
            for node in body
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        }
        module_env: dict[str, tuple[str, int]] = {}
        self.scope(body, module_env)
        django_methods = set()
        for node in statements:
            if isinstance(node, ast.ClassDef) and self._is_django_command(node):
                django_methods.add(self.django_command(node))
        for node in statements:
            is_function = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            if is_function and node not in django_methods and node not in self.followed:
                names = _parameter_names(node)
                env = {k: v for k, v in module_env.items() if k not in names}
                self.scope(node.body, env, nested=True)

    def _is_django_command(self, node: ast.ClassDef) -> bool:
        """Return whether a class looks like a Django management ``Command``."""
        if node.name != "Command":
            return False
        bases = (dotted_name(base) for base in node.bases)
        return any(base.rsplit(".", 1)[-1].endswith("Command") for base in bases)

    def django_command(self, node: ast.ClassDef) -> ast.AST | None:
        """Record a Django command and read its ``add_arguments``; return that method."""
        help_value: Value = None
        has_help = False
        for item in node.body:
            if isinstance(item, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "help" for t in item.targets
            ):
                help_value, has_help = self.reader.encode(item.value), True
        kwargs: dict[str, Value] = {"help": help_value} if has_help else {}
        parser = self.new_parser("django", None, None, kwargs, node.lineno)
        for item in node.body:
            if isinstance(item, ast.FunctionDef) and item.name == "add_arguments":
                names = _parameter_names(item)
                if len(names) >= 2:
                    self.scope(item.body, {names[1]: ("parser", parser)}, nested=True)
                return item
        return None

    def new_parser(
        self,
        kind: str,
        parent: int | None,
        name: Value,
        kwargs: dict[str, Value],
        line: int,
        parents: tuple[int, ...] = (),
    ) -> int:
        """Record a parser and return its id."""
        self.parsers.append(Parser(len(self.parsers), kind, parent, name, line, kwargs, parents))
        return len(self.parsers) - 1

    def scope(self, body: list[ast.stmt], env: dict[str, Any], nested: bool = False) -> Any:
        """Read one scope's statements in order, tracking parser-valued names in ``env``.

        Return what its first ``return`` with a tracked value gives; in a function
        (``nested``), inner functions are kept in ``env`` as closures to follow when called.
        """
        returned = None
        for node in _flat_statements(body):
            if isinstance(node, ast.Assign):
                value = self.evaluate(node.value, env)
                for target in node.targets:
                    self.bind(target, value, env)
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                self.bind(node.target, self.evaluate(node.value, env), env)
            elif isinstance(node, ast.Expr | ast.Return) and node.value is not None:
                value = self.evaluate(node.value, env)
                if isinstance(node, ast.Return) and returned is None:
                    returned = value
            elif nested and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                env[node.name] = ("closure", node)
        return returned

    def bind(self, target: ast.expr, value: Any, env: dict[str, Any]) -> None:
        """Bind (or unbind) a name or attribute chain to a tracked value."""
        key = dotted_name(target)
        if not key:
            return
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value

    def evaluate(self, node: ast.expr, env: dict[str, Any]) -> Any:
        """Return what an expression is (a parser, sub-parsers, a group), recording calls."""
        if not isinstance(node, ast.Call):
            key = dotted_name(node)
            return env.get(key) if key else None
        func = node.func
        if isinstance(func, ast.Attribute):
            receiver = self.evaluate(func.value, env)
            if receiver is not None and receiver[0] in _PARSER_VALUES:
                return self.method(receiver, func.attr, node, env)
        target = self.reader.resolve(func) or ""
        if target == "argparse.ArgumentParser":
            kwargs, parents = self.kwargs(node, env)
            parser = self.new_parser("argparse", None, None, kwargs, node.lineno, parents)
            return ("parser", parser)
        if not isinstance(func, ast.Name):
            return None
        closure = env.get(func.id)
        if closure is not None and closure[0] == "closure":
            return self.follow(closure[1], node, env, closure=env)
        if func.id in self.functions:
            return self.follow(self.functions[func.id], node, env, closure=None)
        return None

    def kwargs(
        self, node: ast.Call, env: dict[str, Any]
    ) -> tuple[dict[str, Value], tuple[int, ...]]:
        """Return a call's keywords but ``parents=`` (``**``: ``True`` after a ``**kwargs``),
        and the ids of the parsers a literal ``parents=`` lists."""
        found: dict[str, Value] = {}
        parents: tuple[int, ...] = ()
        for keyword in node.keywords:
            if keyword.arg == "parents" and isinstance(keyword.value, ast.List | ast.Tuple):
                values = [self.evaluate(item, env) for item in keyword.value.elts]
                parents = tuple(v[1] for v in values if v and v[0] == "parser")
            elif keyword.arg and keyword.arg != "parents":
                found[keyword.arg] = self.encode(keyword.value, env)
        if any(keyword.arg is None for keyword in node.keywords):
            found["**"] = True
        return found, parents

    def method(self, receiver: tuple[str, int], name: str, node: ast.Call, env: dict) -> Any:
        """Apply ``add_subparsers``/``add_parser``/``add_argument``/groups to a tracked value."""
        kind, parser = receiver
        if kind == "subparsers" and name == "add_parser":
            label = self.encode(node.args[0], env) if node.args else None
            kwargs, parents = self.kwargs(node, env)
            line = node.lineno
            if node.args and self._is_bound_literal(node.args[0], env) and self.call_lines:
                line = self.call_lines[-1]
            return ("parser", self.new_parser("argparse", parser, label, kwargs, line, parents))
        if kind == "subparsers":
            return None
        if name == "add_subparsers":
            return ("subparsers", parser)
        if name in _ARGPARSE_GROUPS:
            return ("group", parser)
        if name == "add_argument":
            self.arguments.append(Argument(parser, node.lineno, self.call(node, env)))
        return None

    def follow(
        self,
        function: ast.FunctionDef | ast.AsyncFunctionDef,
        call: ast.Call,
        env: dict[str, Any],
        closure: dict[str, Any] | None,
    ) -> Any:
        """Read a called function with its parameters bound; return what it returns.

        A module function is followed only when it is passed a parser; an inner function
        always, seeing the names of the scope that defines it (``closure``).
        """
        if function.name in self.stack or len(self.stack) >= 3:
            return None
        names = _parameter_names(function)
        bound: dict[str, Any] = {}
        for name, arg in zip(names, call.args, strict=False):
            bound[name] = self.argument_value(arg, env)
        for keyword in call.keywords:
            if keyword.arg in names:
                bound[keyword.arg] = self.argument_value(keyword.value, env)
        bound = {name: value for name, value in bound.items() if value is not None}
        if closure is None and not any(value[0] in _PARSER_VALUES for value in bound.values()):
            return None
        inner = {key: value for key, value in (closure or {}).items() if key not in names}
        inner.update(bound)
        self.followed.add(function)
        self.stack.append(function.name)
        self.call_lines.append(call.lineno)
        returned = self.scope(function.body, inner, nested=True)
        self.call_lines.pop()
        self.stack.pop()
        return returned

    def _is_bound_literal(self, node: ast.expr, env: dict[str, Any]) -> bool:
        """Return whether ``node`` is a parameter the caller passed a literal for."""
        value = env.get(node.id) if isinstance(node, ast.Name) else None
        return value is not None and value[0] == "literal"

    def argument_value(self, node: ast.expr, env: dict[str, Any]) -> Any:
        """Return what a call argument passes: a tracked value, or ``("literal", value)``."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str | bool | int | None):
            return ("literal", node.value)
        return self.evaluate(node, env)

    def encode(self, node: ast.expr, env: dict[str, Any]) -> Value:
        """Encode a value, reading a parameter bound to a literal as that literal."""
        if isinstance(node, ast.Name):
            value = env.get(node.id)
            if value is not None and value[0] == "literal":
                return value[1]
        return self.reader.encode(node)

    def call(self, node: ast.Call, env: dict[str, Any]) -> Call:
        """Return a call whose literal-bound parameters are read as literals."""
        call = self.reader.call(node)
        plain = [arg for arg in node.args if not isinstance(arg, ast.Starred)]
        kwargs = dict(call.kwargs)
        for keyword in node.keywords:
            if keyword.arg:
                kwargs[keyword.arg] = self.encode(keyword.value, env)
        return Call(call.callee, tuple(self.encode(arg, env) for arg in plain), kwargs, call.star)


def _parameter_names(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.AST) -> list[str]:
    """Return the names of a function's positional and keyword parameters, in order."""
    arguments = getattr(node, "args", None)
    if not isinstance(arguments, ast.arguments):
        return []
    every = arguments.posonlyargs + arguments.args + arguments.kwonlyargs
    return [arg.arg for arg in every]
