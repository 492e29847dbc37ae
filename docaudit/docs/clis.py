"""CLI commands and options, and whether their help is written: click, typer, argparse, Django.

``collect`` reads one file's syntax tree into plain facts: functions with command or
option decorators, module-level ``click``/``typer`` objects, ``add_command``/``add_typer``
links, argparse parsers and their arguments, and Django management commands.
``cli_symbols`` then joins every file's facts into command paths as a user types them
(``mytool db migrate --dry-run``), marks those reachable from ``[project.scripts]`` as
public, and returns one ``Symbol`` per command and per option or argument.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from docaudit.docs.names import ImportTable, dotted_name
from docaudit.model import ModuleFacts, Symbol

_COMMAND_WORDS = ("click", "typer", "cloup", "add_command", "add_typer")
_DECORATOR_HINT = re.compile(r"@[\w.]+\.(?:command|group|callback)\b")
_ARGPARSE_WORDS = ("ArgumentParser", "add_parser", "add_argument", "BaseCommand", "class Command")
_CLICK_PACKAGES = frozenset({"click", "rich_click", "cloup", "asyncclick"})
_TEXT_WRAPPERS = frozenset(
    {"_", "N_", "_l", "gettext", "gettext_lazy", "ugettext", "ugettext_lazy", "lazy_gettext"}
    | {"dedent", "cleandoc"}
)
_ATTACHERS = frozenset({"command", "group", "callback"})
_ARGPARSE_GROUPS = frozenset({"add_argument_group", "add_mutually_exclusive_group"})
_SUPPRESS = "==SUPPRESS=="
_AUTO_HELP = frozenset({"version", "help"})
_PARSER_VALUES = frozenset({"parser", "subparsers", "group"})
_MAX_DEPTH = 4
_CLICK_CLASSES = ("Command", "Group", "CommandCollection")
_NO_SCRIPTS: Mapping[str, str] = MappingProxyType({})

COMMAND_RULE = "cli-command-help"
OPTION_RULE = "cli-option-help"
ARGUMENT_RULE = "cli-argument-help"


# ---------------------------------------------------------------------------------------
# Per file: collect
# ---------------------------------------------------------------------------------------


def collect(tree: ast.Module, imports: ImportTable, text: str) -> Any:
    """Return the CLI facts of one file (see the module docstring), or None when it has none."""
    wants_commands = _may_hold_commands(text)
    wants_parsers = any(word in text for word in _ARGPARSE_WORDS)
    if not wants_commands and not wants_parsers:
        return None
    statements = list(_all_statements(tree.body))
    reader = _Reader(imports, _module_bindings(tree.body))
    facts: dict[str, Any] = {"libs": _cli_libraries(imports)}
    if wants_commands:
        facts.update(_command_facts(reader, tree.body, statements))
    if wants_parsers:
        parsers = _ArgparseReader(reader)
        parsers.read_module(tree.body, statements)
        facts.update(parsers=parsers.parsers, arguments=parsers.arguments)
    if not any(facts.get(key) for key in ("functions", "objects", "links", "parsers")):
        return None
    return facts


def _may_hold_commands(text: str) -> bool:
    """Return whether a file's text can hold click or typer commands (a cheap test)."""
    return any(word in text for word in _COMMAND_WORDS) or bool(_DECORATOR_HINT.search(text))


def _command_facts(
    reader: _Reader, body: list[ast.stmt], statements: list[ast.stmt]
) -> dict[str, Any]:
    """Return the click/typer facts: decorated functions, objects, links, script entries."""
    functions = []
    links = []
    for node in statements:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            record = reader.function(node)
            if record is not None:
                functions.append(record)
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            link = reader.link(node.value)
            if link is not None:
                links.append(link)
    objects = reader.objects(body)
    found = functions or objects or links
    entries = reader.entries(body) if found else {}
    return {"functions": functions, "objects": objects, "links": links, "entries": entries}


def _all_statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Yield every statement at any depth, inside functions and classes too."""
    for node in body:
        yield node
        for name in ("body", "orelse", "finalbody"):
            inner = getattr(node, name, None)
            if isinstance(inner, list):
                yield from _all_statements(inner)
        for handler in getattr(node, "handlers", ()):
            yield from _all_statements(handler.body)
        for case in getattr(node, "cases", ()):
            yield from _all_statements(case.body)


def _cli_libraries(imports: ImportTable) -> list[str]:
    """Return which CLI libraries (``click``, ``typer``) the file imports."""
    found = {_family(target) for target in imports.aliases.values()}
    return sorted(name for name in found if name is not None)


def _family(target: str | None) -> str | None:
    """Return ``click`` or ``typer`` when ``target`` is a name in one of those libraries."""
    if not target:
        return None
    head = target.split(".", 1)[0]
    if head in _CLICK_PACKAGES:
        return "click"
    return "typer" if head == "typer" else None


def _canonical(target: str | None) -> str | None:
    """Return ``click.<name>``/``typer.<name>`` for a library name, whatever the import path."""
    family = _family(target)
    if family is None or target is None:
        return None
    return f"{family}.{target.rsplit('.', 1)[-1]}"


def _module_bindings(body: list[ast.stmt]) -> set[str]:
    """Return the names a module body binds by definition or assignment (not by import)."""
    names: set[str] = set()
    for node in _flat_statements(body):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


def _flat_statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Yield statements of one scope, entering ``if``/``try``/``with``/loops, not definitions."""
    for node in body:
        yield node
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        for name in ("body", "orelse", "finalbody"):
            inner = getattr(node, name, None)
            if isinstance(inner, list):
                yield from _flat_statements(inner)
        for handler in getattr(node, "handlers", ()):
            yield from _flat_statements(handler.body)


class _Reader:
    """Turns expressions of one file into JSON-ready values, names resolved through imports."""

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

    def encode(self, node: ast.expr, depth: int = 0) -> Any:
        """Return a literal as is, a call as a dict, a name as ``{"ref"}``, else ``{"expr"}``."""
        if isinstance(node, ast.Constant):
            if node.value is None or isinstance(node.value, str | bool | int | float):
                return node.value
            return {"expr": type(node.value).__name__}
        if depth >= _MAX_DEPTH:
            return {"expr": type(node).__name__}
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            return [self.encode(item, depth + 1) for item in node.elts]
        if isinstance(node, ast.Call):
            wrapped = _wrapped_text(node)
            return wrapped if wrapped is not None else self.call(node, depth + 1)
        target = self.resolve(node)
        return {"ref": target} if target else {"expr": type(node).__name__}

    def call(self, node: ast.Call, depth: int = 0) -> dict[str, Any]:
        """Return ``{"call", "args", "kwargs", "star"}`` for a call expression."""
        args = [self.encode(arg, depth) for arg in node.args if not isinstance(arg, ast.Starred)]
        kwargs = {kw.arg: self.encode(kw.value, depth) for kw in node.keywords if kw.arg}
        star = any(isinstance(arg, ast.Starred) for arg in node.args) or any(
            kw.arg is None for kw in node.keywords
        )
        return {"call": self.resolve(node.func), "args": args, "kwargs": kwargs, "star": star}

    def decorator(self, node: ast.expr) -> dict[str, Any]:
        """Return a decorator as a call record with its line (a bare name: no arguments)."""
        if isinstance(node, ast.Call):
            record = self.call(node)
        else:
            record = {"call": self.resolve(node), "args": [], "kwargs": {}, "star": False}
        record["line"] = node.lineno
        return record

    def function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[str, Any] | None:
        """Return a function with command or option decorators, with its signature, or None."""
        decorators = [self.decorator(item) for item in node.decorator_list]
        if not any(_is_cli_decorator(item["call"]) for item in decorators):
            return None
        return {
            "name": node.name,
            "line": node.lineno,
            "doc": ast.get_docstring(node),
            "decorators": decorators,
            "params": self.signature(node.args),
        }

    def signature(self, arguments: ast.arguments) -> list[dict[str, Any]]:
        """Return each named parameter with its default and ``Annotated`` metadata."""
        positional = arguments.posonlyargs + arguments.args
        defaults: list[ast.expr | None] = [None] * (len(positional) - len(arguments.defaults))
        pairs = list(zip(positional, defaults + list(arguments.defaults), strict=True))
        pairs += list(zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True))
        return [self.parameter(arg, default) for arg, default in pairs]

    def parameter(self, arg: ast.arg, default: ast.expr | None) -> dict[str, Any]:
        """Return one parameter: name, line, default, annotation and ``Annotated`` extras."""
        annotation, extras = arg.annotation, []
        if isinstance(annotation, ast.Subscript) and self._is_annotated(annotation.value):
            items = annotation.slice.elts if isinstance(annotation.slice, ast.Tuple) else []
            annotation = items[0] if items else None
            extras = [self.encode(item) for item in items[1:] if isinstance(item, ast.Call)]
        return {
            "name": arg.arg,
            "line": arg.lineno,
            "has_default": default is not None,
            "default": self.encode(default) if default is not None else None,
            "annotation": self.resolve(annotation) if annotation is not None else None,
            "extras": extras,
        }

    def _is_annotated(self, node: ast.expr) -> bool:
        """Return whether ``node`` names ``typing.Annotated``."""
        target = self.resolve(node) or ""
        return target.rsplit(".", 1)[-1] == "Annotated"

    def objects(self, body: list[ast.stmt]) -> list[dict[str, Any]]:
        """Return module-level ``name = <click or typer call>(...)`` assignments."""
        found = []
        for node in _flat_statements(body):
            if not isinstance(node, ast.Assign) or not isinstance(node.value, ast.Call):
                continue
            names = [target.id for target in node.targets if isinstance(target, ast.Name)]
            record = self.call(node.value)
            if names and _is_cli_object(record["call"]):
                record.update(name=names[0], line=node.lineno)
                found.append(record)
        return found

    def link(self, node: ast.Call) -> dict[str, Any] | None:
        """Return an ``x.add_command(...)``/``x.add_typer(...)`` call, or None."""
        func = node.func
        if not isinstance(func, ast.Attribute) or func.attr not in ("add_command", "add_typer"):
            return None
        record = self.call(node)
        record.update(receiver=self.resolve(func.value), method=func.attr, line=node.lineno)
        return record

    def entries(self, body: list[ast.stmt]) -> dict[str, list[str]]:
        """Return, for each plain top-level function, the names it calls (script targets)."""
        found = {}
        for node in body:
            if isinstance(node, ast.FunctionDef) and not node.decorator_list:
                called = {
                    self.resolve(call.func)
                    for call in ast.walk(node)
                    if isinstance(call, ast.Call)
                }
                found[node.name] = sorted(name for name in called if name)[:30]
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


class _ArgparseReader:
    """Follows argparse parsers, sub-parsers and groups through one file's assignments.

    Each scope (module body, each function) is read in order; a name bound to a parser,
    a sub-parsers action or an argument group is tracked, and calls of module functions
    that pass one along are followed into the function (a few levels deep).
    """

    def __init__(self, reader: _Reader) -> None:
        """Start with no parsers; ``reader`` encodes values and resolves names."""
        self.reader = reader
        self.parsers: list[dict[str, Any]] = []
        self.arguments: list[dict[str, Any]] = []
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
        help_value: Any = None
        has_help = False
        for item in node.body:
            if isinstance(item, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "help" for t in item.targets
            ):
                help_value, has_help = self.reader.encode(item.value), True
        kwargs = {"help": help_value} if has_help else {}
        parser = self.new_parser("django", None, None, kwargs, node.lineno)
        for item in node.body:
            if isinstance(item, ast.FunctionDef) and item.name == "add_arguments":
                names = _parameter_names(item)
                if len(names) >= 2:
                    self.scope(item.body, {names[1]: ("parser", parser)}, nested=True)
                return item
        return None

    def new_parser(
        self, kind: str, parent: int | None, name: Any, kwargs: dict[str, Any], line: int
    ) -> int:
        """Record a parser and return its id."""
        parents = kwargs.pop("parents", [])
        self.parsers.append(
            {
                "id": len(self.parsers),
                "kind": kind,
                "parent": parent,
                "name": name,
                "line": line,
                "kwargs": kwargs,
                "parents": parents if isinstance(parents, list) else [],
            }
        )
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
            kwargs = self.kwargs(node, env)
            return ("parser", self.new_parser("argparse", None, None, kwargs, node.lineno))
        if not isinstance(func, ast.Name):
            return None
        closure = env.get(func.id)
        if closure is not None and closure[0] == "closure":
            return self.follow(closure[1], node, env, closure=env)
        if func.id in self.functions:
            return self.follow(self.functions[func.id], node, env, closure=None)
        return None

    def kwargs(self, node: ast.Call, env: dict[str, Any]) -> dict[str, Any]:
        """Return a call's keywords, ``parents=`` as the ids of the parsers it lists."""
        found = {}
        for keyword in node.keywords:
            if keyword.arg == "parents" and isinstance(keyword.value, ast.List | ast.Tuple):
                values = [self.evaluate(item, env) for item in keyword.value.elts]
                found["parents"] = [v[1] for v in values if v and v[0] == "parser"]
            elif keyword.arg:
                found[keyword.arg] = self.encode(keyword.value, env)
        if any(keyword.arg is None for keyword in node.keywords):
            found["**"] = True
        return found

    def method(self, receiver: tuple[str, int], name: str, node: ast.Call, env: dict) -> Any:
        """Apply ``add_subparsers``/``add_parser``/``add_argument``/groups to a tracked value."""
        kind, parser = receiver
        if kind == "subparsers" and name == "add_parser":
            label = self.encode(node.args[0], env) if node.args else None
            kwargs = self.kwargs(node, env)
            line = node.lineno
            if node.args and self._is_bound_literal(node.args[0], env) and self.call_lines:
                line = self.call_lines[-1]
            return ("parser", self.new_parser("argparse", parser, label, kwargs, line))
        if kind == "subparsers":
            return None
        if name == "add_subparsers":
            return ("subparsers", parser)
        if name in _ARGPARSE_GROUPS:
            return ("group", parser)
        if name == "add_argument":
            record = self.call(node, env)
            record.update(parser=parser, line=node.lineno)
            self.arguments.append(record)
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

    def encode(self, node: ast.expr, env: dict[str, Any]) -> Any:
        """Encode a value, reading a parameter bound to a literal as that literal."""
        if isinstance(node, ast.Name):
            value = env.get(node.id)
            if value is not None and value[0] == "literal":
                return value[1]
        return self.reader.encode(node)

    def call(self, node: ast.Call, env: dict[str, Any]) -> dict[str, Any]:
        """Return a call record whose literal-bound parameters are read as literals."""
        record = self.reader.call(node)
        plain = [arg for arg in node.args if not isinstance(arg, ast.Starred)]
        record["args"] = [self.encode(arg, env) for arg in plain]
        for keyword in node.keywords:
            if keyword.arg:
                record["kwargs"][keyword.arg] = self.encode(keyword.value, env)
        return record


def _parameter_names(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.AST) -> list[str]:
    """Return the names of a function's positional and keyword parameters, in order."""
    arguments = getattr(node, "args", None)
    if not isinstance(arguments, ast.arguments):
        return []
    every = arguments.posonlyargs + arguments.args + arguments.kwonlyargs
    return [arg.arg for arg in every]


# ---------------------------------------------------------------------------------------
# Across files: cli_symbols
# ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Help:
    """How a command or parameter is described: ``text``, ``empty``, ``missing`` or ``dynamic``."""

    state: str
    text: str = ""


@dataclass(slots=True)
class _Param:
    """An option or argument, ready to become a symbol."""

    kind: str
    label: str
    line: int
    help: _Help
    names: tuple[str, ...] = ()


@dataclass(slots=True)
class _Edge:
    """A command attached under a group, with the name and help the attachment gives it."""

    child: str
    line: int
    name: str | None = None
    help: Any = None
    has_help: bool = False
    hidden: bool = False


@dataclass(slots=True)
class _Command:
    """A click command or group, a typer app or a typer command."""

    key: str
    family: str
    path: str
    line: int
    name: str
    group: bool
    help: _Help
    hidden: bool = False
    params: list[_Param] = field(default_factory=list)
    children: list[_Edge] = field(default_factory=list)
    has_parent: bool = False
    callback: dict[str, Any] | None = None
    typer_name: str | None = None
    prefix: str | None = None
    note: str | None = None


def cli_symbols(
    modules: list[ModuleFacts], scripts: Mapping[str, str] = _NO_SCRIPTS
) -> list[Symbol]:
    """Return a symbol per CLI command, option and argument found in ``modules``' facts.

    ``scripts`` is the ``[project.scripts]`` table (name to ``"module:attr"``): commands
    reachable from it are public and their path starts with the script name.
    """
    usable = [module for module in modules if isinstance(module.facts, dict)]
    graph = _Graph(usable)
    graph.build()
    roots = graph.script_roots(scripts)
    symbols = graph.emit(roots)
    symbols += _argparse_symbols(usable, scripts)
    return sorted(symbols, key=lambda s: (s.path, s.line, s.qualname))


def _command_name(function: str, strip_suffix: bool) -> str:
    """Return click's (``strip_suffix``) or typer's command name for a function name."""
    name = function.lower().replace("_", "-")
    left, sep, suffix = name.rpartition("-")
    if strip_suffix and sep and suffix in {"command", "cmd", "group", "grp"}:
        return left
    return name


def _help_of(kwargs: Mapping[str, Any], key: str = "help", star: bool = False) -> _Help:
    """Judge the ``help=``-style keyword ``key`` of a call."""
    if key not in kwargs:
        return _Help("dynamic") if star else _Help("missing")
    return _judge(kwargs[key])


def _judge(value: Any) -> _Help:
    """Judge one help value: literal text, empty, missing (None), suppressed or not literal."""
    if value is None:
        return _Help("missing")
    if isinstance(value, str):
        if value == _SUPPRESS:
            return _Help("suppress")
        return _Help("text", value) if value.strip() else _Help("empty")
    if isinstance(value, dict) and str(value.get("ref", "")).endswith("SUPPRESS"):
        return _Help("suppress")
    return _Help("dynamic")


def _decorated_command(
    module: ModuleFacts, function: dict, decorator: dict, library: str, group: bool
) -> _Command:
    """Make the command a click or typer decorator declares on a function.

    Its name is ``name=`` or the first argument, else the function's name as the
    library derives it (click also drops ``_command``/``_group`` suffixes).
    """
    kwargs = decorator.get("kwargs", {})
    args = decorator.get("args") or [None]
    name = _literal(kwargs.get("name")) or _literal(args[0])
    return _Command(
        f"{module.module}.{function['name']}",
        library,
        module.path,
        function["line"],
        name or _command_name(function["name"], strip_suffix=library == "click"),
        group,
        _command_help(kwargs, function.get("doc")),
        _is_hidden(kwargs),
    )


def _command_help(kwargs: Mapping[str, Any], doc: str | None) -> _Help:
    """Return click's command help: ``help=`` unless None, else the docstring; cut at ``\\f``."""
    found = _judge(kwargs.get("help"))
    if found.state == "missing" and doc is not None:
        found = _judge(doc)
    if found.state == "text":
        cut = found.text.split("\f", 1)[0]
        return _Help("text", cut) if cut.strip() else _Help("empty")
    return found


def _literal(value: Any) -> str | None:
    """Return ``value`` when it is a non-empty literal string."""
    return value if isinstance(value, str) and value else None


def _flags(values: Iterable[Any]) -> list[str]:
    """Return the option flags among declarations (``--x/--no-x`` gives both)."""
    found = []
    for value in values:
        if isinstance(value, str):
            found += [part.strip() for part in value.split("/") if part.strip().startswith("-")]
    return found


def _option_label(flags: list[str]) -> str:
    """Return the first long flag, else the first flag, else ``?``."""
    longs = [flag for flag in flags if flag.startswith("--")]
    return (longs or flags or ["?"])[0]


def _is_hidden(kwargs: Mapping[str, Any]) -> bool:
    """Return whether a call has a literal ``hidden=True``."""
    return kwargs.get("hidden") is True


class _Graph:
    """Click and typer commands from every file, joined into trees of groups."""

    def __init__(self, modules: list[ModuleFacts]) -> None:
        """Index the facts by module name."""
        self.modules = {module.module: module for module in modules}
        self.commands: dict[str, _Command] = {}
        self.option_aliases: dict[str, dict[str, Any]] = {}

    def build(self) -> None:
        """Make every command, attach decorated subcommands, then apply explicit links."""
        for module in self.modules.values():
            self._objects(module)
        pending = [
            (module, function)
            for module in self.modules.values()
            for function in module.facts.get("functions", [])
            if isinstance(function, dict)
        ]
        pending = self._direct_commands(pending)
        while pending:
            left = [item for item in pending if not self._attach(*item)]
            if len(left) == len(pending):
                break
            pending = left
        for module, function in pending:
            self._orphan(module, function)
        for module in self.modules.values():
            for link in module.facts.get("links", []):
                self._link(module, link)

    def find(self, dotted: str | None, depth: int = 0) -> _Command | None:
        """Return the command a dotted name refers to, following re-exports between files."""
        if not dotted or depth > 5:
            return None
        if dotted in self.commands:
            return self.commands[dotted]
        for module_name in sorted(self.modules, key=len, reverse=True):
            if not dotted.startswith(module_name + "."):
                continue
            rest = dotted[len(module_name) + 1 :]
            head, dot, tail = rest.partition(".")
            target = self.modules[module_name].aliases.get(head)
            if target and target != dotted:
                return self.find(f"{target}{dot}{tail}", depth + 1)
        return self._by_last_name(dotted) if depth == 0 else None

    def _by_last_name(self, dotted: str) -> _Command | None:
        """Return the only command in the same top package whose key ends the same way."""
        top, _, _ = dotted.partition(".")
        last = dotted.rsplit(".", 1)[-1]
        found = [
            command
            for key, command in self.commands.items()
            if key.endswith("." + last) and key.split(".", 1)[0] == top
        ]
        return found[0] if len(found) == 1 else None

    def _objects(self, module: ModuleFacts) -> None:
        """Make commands of ``click.Group(...)``/``typer.Typer(...)``; note option aliases."""
        for record in module.facts.get("objects", []):
            canonical = _canonical(record.get("call")) or ""
            key, last = f"{module.module}.{record['name']}", canonical.rsplit(".", 1)[-1]
            kwargs = record.get("kwargs", {})
            if canonical in ("click.option", "click.argument"):
                self.option_aliases[key] = record
            elif canonical == "typer.Typer":
                self.commands[key] = self._typer_app(module, record, key)
            elif canonical.startswith("click.") and last.endswith(_CLICK_CLASSES):
                name = _literal(kwargs.get("name")) or _literal((record.get("args") or [0])[0])
                command = _Command(
                    key,
                    "click",
                    module.path,
                    record["line"],
                    name or record["name"].replace("_", "-"),
                    group=not last.endswith("Command") or last == "MultiCommand",
                    help=_command_help(kwargs, None),
                    hidden=_is_hidden(kwargs),
                )
                command.params = self._click_params(kwargs.get("params"), record["line"])
                self.commands[key] = command

    def _typer_app(self, module: ModuleFacts, record: dict[str, Any], key: str) -> _Command:
        """Return the command of a ``typer.Typer(...)`` object."""
        kwargs = record.get("kwargs", {})
        typer_name = _literal(kwargs.get("name"))
        return _Command(
            key,
            "typer",
            module.path,
            record["line"],
            typer_name or record["name"].replace("_", "-"),
            group=True,
            help=_help_of(kwargs),
            hidden=_is_hidden(kwargs),
            typer_name=typer_name,
        )

    def _direct_commands(self, pending: list[tuple[ModuleFacts, dict]]) -> list:
        """Make ``@click.command``/``@click.group`` functions; return the other functions."""
        left = []
        for module, function in pending:
            decorator = self._decorator(function, {"click.command", "click.group"})
            if decorator is None:
                left.append((module, function))
                continue
            group = _canonical(decorator["call"]) == "click.group"
            self._click_command(module, function, decorator, group)
        return left

    def _decorator(self, function: dict, wanted: set[str]) -> dict | None:
        """Return the first decorator of ``function`` whose library name is in ``wanted``."""
        for decorator in function.get("decorators", []):
            if _canonical(decorator.get("call")) in wanted:
                return decorator
        return None

    def _click_command(
        self, module: ModuleFacts, function: dict, decorator: dict, group: bool
    ) -> _Command:
        """Make the click command of a decorated function."""
        kwargs = decorator.get("kwargs", {})
        command = _decorated_command(module, function, decorator, "click", group)
        if command.help.state != "text" and _literal(kwargs.get("short_help")):
            command.note = "short_help alone does not document a command"
        command.params = self._decorator_params(module, function)
        command.params += self._click_params(kwargs.get("params"), function["line"])
        self.commands[command.key] = command
        return command

    def _decorator_params(self, module: ModuleFacts, function: dict) -> list[_Param]:
        """Return the options and arguments a function's decorators declare."""
        found = []
        for decorator in function.get("decorators", []):
            line = decorator.get("line", function["line"])
            canonical = _canonical(decorator.get("call"))
            alias = self.option_aliases.get(decorator.get("call") or "")
            if alias is not None:
                found += self._click_param(alias, line, canonical=_canonical(alias["call"]))
            elif canonical == "click.option_group":
                for item in decorator.get("args", []):
                    found += self._click_param(item, line, canonical=None)
            elif canonical in ("click.option", "click.argument"):
                found += self._click_param(decorator, line, canonical)
        return found

    def _click_params(self, params: Any, line: int) -> list[_Param]:
        """Return the ``click.Option``/``click.Argument`` objects listed in ``params=[...]``."""
        found: list[_Param] = []
        for item in params if isinstance(params, list) else []:
            if isinstance(item, dict) and item.get("call"):
                call = dict(item)
                first = (call.get("args") or [[]])[0]
                call["args"] = first if isinstance(first, list) else []
                found += self._click_param(call, line, canonical=None)
        return found

    def _click_param(self, call: Any, line: int, canonical: str | None) -> list[_Param]:
        """Return the option or argument of one click call, unless hidden."""
        if not isinstance(call, dict):
            return []
        last = (canonical or _canonical(call.get("call")) or "").rsplit(".", 1)[-1].lower()
        kwargs, args = call.get("kwargs", {}), call.get("args", [])
        if last not in ("option", "argument") or _is_hidden(kwargs):
            return []
        help_ = _help_of(kwargs, star=bool(call.get("star")))
        if last == "option":
            return [_Param("option", _option_label(_flags(args)), line, help_)]
        first = _literal(args[0]) if args else None
        name = first.replace("-", "_").lower() if first else "?"
        names = (name.upper(), _literal(kwargs.get("metavar")) or name.upper())
        return [_Param("argument", name.upper(), line, help_, names)]

    def _attach(self, module: ModuleFacts, function: dict) -> bool:
        """Attach a ``@group.command()``/``@app.command()`` function once its group is known."""
        for decorator in function.get("decorators", []):
            target = decorator.get("call") or ""
            owner, _, method = target.rpartition(".")
            parent = self.find(owner) if method in _ATTACHERS else None
            if parent is None:
                continue
            if parent.family == "typer":
                self._typer_function(module, function, decorator, parent, method)
            elif method != "callback":
                child = self._click_command(module, function, decorator, method == "group")
                self._add_child(parent, _Edge(child.key, decorator.get("line", 0)))
            return True
        return False

    def _typer_function(
        self, module: ModuleFacts, function: dict, decorator: dict, app: _Command, method: str
    ) -> None:
        """Make a typer command under ``app``, or record ``app``'s callback."""
        if method == "callback":
            kwargs = decorator.get("kwargs", {})
            app.callback = {"function": function, "kwargs": kwargs}
            app.params = _typer_params(function)
            return
        command = self._typer_command(module, function, decorator)
        self._add_child(app, _Edge(command.key, decorator.get("line", 0)))

    def _typer_command(self, module: ModuleFacts, function: dict, decorator: dict) -> _Command:
        """Make the typer command of a function decorated with ``@app.command()``."""
        command = _decorated_command(module, function, decorator, "typer", False)
        command.params = _typer_params(function)
        self.commands[command.key] = command
        return command

    def _orphan(self, module: ModuleFacts, function: dict) -> None:
        """Keep a command whose group cannot be found, when the file uses click or typer."""
        libs = module.facts.get("libs", [])
        for decorator in function.get("decorators", []):
            owner, _, method = (decorator.get("call") or "").rpartition(".")
            if method not in ("command", "group") or not owner or not libs:
                continue
            has_click_params = bool(self._decorator_params(module, function))
            if "click" in libs and (has_click_params or "typer" not in libs):
                command = self._click_command(module, function, decorator, method == "group")
            else:
                command = self._typer_command(module, function, decorator)
            command.prefix = owner.rsplit(".", 1)[-1].replace("_", "-")
            command.note = f"group {owner} not found"
            return

    def _link(self, module: ModuleFacts, link: dict) -> None:
        """Apply ``group.add_command(cmd, name)`` or ``app.add_typer(sub, name=, help=)``."""
        parent = self.find(link.get("receiver"))
        args, kwargs = link.get("args", []), link.get("kwargs", {})
        first = args[0] if args else kwargs.get("cmd", kwargs.get("typer_instance"))
        child = self.find(first.get("ref")) if isinstance(first, dict) else None
        if parent is None or child is None or parent is child:
            return
        name = _literal(kwargs.get("name")) or _literal(args[1] if len(args) > 1 else None)
        edge = _Edge(child.key, link.get("line", 0), name, hidden=_is_hidden(kwargs))
        if "help" in kwargs:
            edge.help, edge.has_help = kwargs["help"], True
        self._add_child(parent, edge)

    def _add_child(self, parent: _Command, edge: _Edge) -> None:
        """Attach ``edge.child`` under ``parent``."""
        parent.children.append(edge)
        self.commands[edge.child].has_parent = True

    def script_roots(self, scripts: Mapping[str, str]) -> dict[str, str]:
        """Return command key to script name for the commands ``[project.scripts]`` run."""
        roots: dict[str, str] = {}
        for script in sorted(scripts):
            spec = str(scripts[script]).split("[", 1)[0].strip()
            module, _, attr = spec.partition(":")
            command = self._script_command(module.strip(), attr.strip())
            if command is not None:
                roots.setdefault(command.key, script)
        return roots

    def _script_command(self, module: str, attr: str) -> _Command | None:
        """Return the command a script runs: itself, ``cmd.main``, or one its function calls."""
        if not module or not attr:
            return None
        found = self.find(f"{module}.{attr}")
        owner, _, method = attr.rpartition(".")
        if found is None and owner and method in ("main", "__call__"):
            found = self.find(f"{module}.{owner}")
        facts = self.modules.get(module)
        if found is None and facts is not None:
            for called in facts.facts.get("entries", {}).get(attr, []):
                found = found or self.find(called)
        return found

    def emit(self, roots: Mapping[str, str]) -> list[Symbol]:
        """Walk every tree from its root and return the symbols of its commands and params."""
        walker = _Walker(self.commands)
        ordered = sorted(
            self.commands.values(), key=lambda c: (c.key not in roots, c.path, c.line, c.key)
        )
        for command in ordered:
            if command.key in roots:
                walker.root(command, roots[command.key], public=True)
            elif not command.has_parent:
                walker.root(command, None, public=False)
        for command in ordered:
            walker.root(command, None, public=False)
        return walker.symbols


def _typer_params(function: dict) -> list[_Param]:
    """Return the options and arguments typer makes from a function's signature."""
    found = []
    for param in function.get("params", []):
        made = _typer_param(param)
        if made is not None:
            found.append(made)
    return found


def _typer_param(param: dict) -> _Param | None:
    """Return one signature parameter as typer shows it, or None when typer hides or injects it."""
    annotation = str(param.get("annotation") or "")
    if annotation.endswith(("Context", "CallbackParam")) or param.get("name") in ("self", "cls"):
        return None
    name, line = str(param.get("name")), int(param.get("line", 0))
    info = _typer_info(param)
    if info is None:
        kind = "option" if param.get("has_default") else "argument"
        label = "--" + name.lower().replace("_", "-") if kind == "option" else name.upper()
        return _Param(kind, label, line, _Help("missing"))
    kwargs = info.get("kwargs", {})
    if _is_hidden(kwargs):
        return None
    help_ = _help_of(kwargs, star=bool(info.get("star")))
    if (_canonical(info.get("call")) or "").endswith("Argument"):
        return _Param("argument", name.upper(), line, help_)
    flags = _flags(info.get("args", [])) or ["--" + name.lower().replace("_", "-")]
    return _Param("option", _option_label(flags), line, help_)


def _typer_info(param: dict) -> dict | None:
    """Return the ``typer.Option(...)``/``typer.Argument(...)`` call of a parameter, if any."""
    candidates = [*param.get("extras", []), param.get("default")]
    for value in candidates:
        if isinstance(value, dict) and _canonical(value.get("call")) in (
            "typer.Option",
            "typer.Argument",
        ):
            return value
    return None


class _Walker:
    """Walks command trees, naming each command by its path, and makes the symbols."""

    def __init__(self, commands: Mapping[str, _Command]) -> None:
        """Walk over ``commands``; each is emitted once, from the first tree that reaches it."""
        self.commands = commands
        self.seen: set[str] = set()
        self.symbols: list[Symbol] = []

    def root(self, command: _Command, script: str | None, public: bool) -> None:
        """Emit a tree from ``command``, named ``script`` (else its own name)."""
        if command.key in self.seen:
            return
        program = script or command.name
        parts = [command.prefix, program] if command.prefix else [program]
        if command.family == "typer" and self._single_command(command):
            self.seen.add(command.key)
            edge = command.children[0]
            self.visit(self.commands[edge.child], parts, public, edge)
            return
        self.visit(command, parts, public, None)

    def _single_command(self, app: _Command) -> bool:
        """Return whether a typer app runs its only command directly (no callback, no groups)."""
        if not app.group or app.callback is not None or len(app.children) != 1:
            return False
        return not self.commands[app.children[0].child].group

    def visit(self, command: _Command, parts: list[str], public: bool, edge: _Edge | None) -> None:
        """Emit one command and its parameters, then its subcommands under its path."""
        if command.key in self.seen:
            return
        self.seen.add(command.key)
        if command.hidden or (edge is not None and edge.hidden):
            self._hide(command)
            return
        self.symbols.append(self._command_symbol(command, " ".join(parts), public, edge))
        self.params(command, parts, public)
        self.children(command, parts, public)

    def _hide(self, command: _Command) -> None:
        """Mark every subcommand of a hidden command as seen, so none is emitted."""
        for edge in command.children:
            if edge.child not in self.seen:
                self.seen.add(edge.child)
                self._hide(self.commands[edge.child])

    def children(self, command: _Command, parts: list[str], public: bool) -> None:
        """Visit the subcommands of a group; a typer sub-app without a name merges into it."""
        for edge in sorted(command.children, key=lambda e: (e.line, e.child)):
            child = self.commands[edge.child]
            name = edge.name or (child.typer_name if child.family == "typer" else child.name)
            if child.family == "typer" and child.group and edge.name is None and not name:
                self.seen.add(child.key)
                self.children(child, parts, public)
                continue
            self.visit(child, [*parts, name or child.name], public, edge)

    def params(self, command: _Command, parts: list[str], public: bool) -> None:
        """Emit the options and arguments of one command."""
        help_text = self._help(command, None).text
        for param in command.params:
            if param.help.state == "suppress":
                continue
            problems, note = _param_problems(param, help_text)
            qualname = " ".join([*parts, param.label])
            kind = "cli-option"
            self.symbols.append(
                _symbol(command.path, param.line, kind, qualname, public, problems, note)
            )

    def _help(self, command: _Command, edge: _Edge | None) -> _Help:
        """Return a command's help, counting a typer callback and ``add_typer(help=)``."""
        sources = [command.help]
        if command.callback is not None:
            callback = command.callback
            sources.append(_command_help(callback["kwargs"], callback["function"].get("doc")))
        if edge is not None and edge.has_help:
            sources.append(_judge(edge.help))
        for state in ("text", "dynamic", "empty"):
            for source in sources:
                if source.state == state:
                    return source
        return _Help("missing")

    def _command_symbol(
        self, command: _Command, qualname: str, public: bool, edge: _Edge | None
    ) -> Symbol:
        """Return the symbol of one command or group."""
        found = self._help(command, edge)
        problems = [] if found.state in ("text", "dynamic") else [_problem(found, COMMAND_RULE)]
        note = command.note
        if found.state == "dynamic":
            note = "help is not a literal; counted as written"
        return _symbol(command.path, command.line, "cli-command", qualname, public, problems, note)


def _param_problems(param: _Param, command_help: str) -> tuple[list[str], str | None]:
    """Return the problems of one option or argument, and a note on how it was judged."""
    rule = OPTION_RULE if param.kind == "option" else ARGUMENT_RULE
    if param.help.state == "text":
        return [], None
    if param.help.state == "dynamic":
        return [], "help is not a literal; counted as written"
    if param.kind == "argument" and any(_mentions(command_help, name) for name in param.names):
        return [], "named in the command's help"
    return [_problem(param.help, rule)], None


def _mentions(text: str, name: str) -> bool:
    """Return whether ``name`` appears in ``text`` as a whole word."""
    if not name or name == "?":
        return False
    return re.search(rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])", text) is not None


def _problem(found: _Help, rule: str) -> str:
    """Return ``missing help (rule)`` or ``empty help (rule)``."""
    word = "empty" if found.state == "empty" else "missing"
    return f"{word} help ({rule})"


def _symbol(
    path: str,
    line: int,
    kind: str,
    qualname: str,
    public: bool,
    problems: list[str],
    note: str | None = None,
) -> Symbol:
    """Return a CLI symbol, documented when it has no problems."""
    documented = not problems
    return Symbol(
        path=path,
        line=line,
        kind=kind,
        qualname=qualname,
        public=public,
        documented=documented,
        problems=problems,
        note=note,
        level="documented" if documented else "undocumented",
    )


# ---------------------------------------------------------------------------------------
# argparse and Django
# ---------------------------------------------------------------------------------------


def _argparse_symbols(modules: list[ModuleFacts], scripts: Mapping[str, str]) -> list[Symbol]:
    """Return the symbols of every argparse parser, sub-parser, Django command and argument."""
    script_of: dict[str, str] = {}
    for script in sorted(scripts):
        module = str(scripts[script]).split(":", 1)[0].strip()
        script_of.setdefault(module, script)
    symbols = []
    for module in modules:
        parsers = [p for p in module.facts.get("parsers", []) if isinstance(p, dict)]
        if parsers:
            symbols += _ParserTree(module, parsers, script_of.get(module.module)).symbols()
    return symbols


class _ParserTree:
    """The parsers of one file, named by path, with their arguments."""

    def __init__(self, module: ModuleFacts, parsers: list[dict], script: str | None) -> None:
        """Index one file's parsers; ``script`` names the program when a script runs it."""
        self.module = module
        self.parsers = {parser["id"]: parser for parser in parsers}
        self.script = script
        self.templates = {parent for parser in parsers for parent in parser.get("parents", [])} - {
            None
        }
        self.names: dict[int, str | None] = {}

    def symbols(self) -> list[Symbol]:
        """Return the symbols of the parsers and arguments of this file."""
        found = []
        for parser_id in sorted(self.parsers):
            name = self.qualname(parser_id, set())
            if name is not None and parser_id not in self.templates:
                found.append(self._parser_symbol(self.parsers[parser_id], name))
        for argument in self.module.facts.get("arguments", []):
            symbol = self._argument_symbol(argument)
            if symbol is not None:
                found.append(symbol)
        return found

    def qualname(self, parser_id: int, seen: set[int]) -> str | None:
        """Return a parser's command path, or None when hidden or not a command."""
        if parser_id in self.names:
            return self.names[parser_id]
        parser = self.parsers.get(parser_id)
        if parser is None or parser_id in seen:
            return None
        seen.add(parser_id)
        self.names[parser_id] = name = self._name(parser, seen)
        return name

    def _name(self, parser: dict, seen: set[int]) -> str | None:
        """Work out a parser's command path from its parent's."""
        if parser["kind"] == "django":
            return f"manage.py {self._stem()}" if self._is_django_command() else None
        if parser.get("parent") is None:
            return _literal(parser.get("kwargs", {}).get("prog")) or self.script or self._stem()
        if _judge(parser.get("kwargs", {}).get("help")).state == "suppress":
            return None
        parent = self.qualname(parser["parent"], seen)
        if parent is None:
            return None
        return f"{parent} {_literal(parser.get('name')) or '?'}"

    def _stem(self) -> str:
        """Return the file's stem (the package name for ``__main__.py``)."""
        directory, _, filename = self.module.path.rpartition("/")
        stem = filename.rsplit(".", 1)[0]
        if stem == "__main__" and directory:
            return directory.rsplit("/", 1)[-1]
        return stem

    def _is_django_command(self) -> bool:
        """Return whether the file is a management command Django would find."""
        path = "/" + self.module.path
        return "/management/commands/" in path and not self._stem().startswith("_")

    def _parser_symbol(self, parser: dict, qualname: str) -> Symbol:
        """Return the symbol of one parser, sub-parser or Django command."""
        kwargs = parser.get("kwargs", {})
        keys = ("description",) if parser.get("parent") is None else ("help", "description")
        if parser["kind"] == "django":
            keys = ("help",)
        states = [_help_of(kwargs, key, star=bool(kwargs.get("**"))) for key in keys]
        problems, note = _parser_problems(states, keys[0])
        public = parser["kind"] != "django" and self.script is not None
        line = int(parser.get("line", 0))
        return _symbol(self.module.path, line, "cli-command", qualname, public, problems, note)

    def _argument_symbol(self, argument: dict) -> Symbol | None:
        """Return the symbol of one ``add_argument`` call, or None when suppressed or orphaned."""
        owner = self._owner(argument.get("parser"))
        if owner is None:
            return None
        kwargs, args = argument.get("kwargs", {}), argument.get("args", [])
        help_ = _help_of(kwargs, star=bool(argument.get("star")))
        if help_.state == "suppress":
            return None
        if (
            help_.state == "missing"
            and "help" not in kwargs
            and _literal(kwargs.get("action")) in _AUTO_HELP
        ):
            help_ = _Help("auto")
        flags = _flags(args)
        first = _literal(args[0]) if args else _literal(kwargs.get("dest"))
        if flags or not first:
            label, rule = _option_label(flags), OPTION_RULE
        else:
            label, rule = first.upper(), ARGUMENT_RULE
        problems, note = [], None
        if help_.state == "dynamic":
            note = "help is not a literal; counted as written"
        elif help_.state == "auto":
            note = "argparse writes the help of this action"
        elif help_.state != "text":
            problems = [_problem(help_, rule)]
        public = self.parsers[argument["parser"]]["kind"] != "django" and self.script is not None
        line = int(argument.get("line", 0))
        qualname = f"{owner} {label}"
        return _symbol(self.module.path, line, "cli-option", qualname, public, problems, note)

    def _owner(self, parser_id: Any) -> str | None:
        """Return the command path arguments of ``parser_id`` appear under."""
        if parser_id in self.templates:
            users = [p["id"] for p in self.parsers.values() if parser_id in p.get("parents", [])]
            return next((self.qualname(u, set()) for u in sorted(users)), None)
        return self.qualname(parser_id, set()) if parser_id in self.parsers else None


def _parser_problems(states: list[_Help], key: str) -> tuple[list[str], str | None]:
    """Judge a parser from its ``description=``/``help=``: written, not literal, or missing."""
    if any(state.state == "text" for state in states):
        return [], None
    if any(state.state == "dynamic" for state in states):
        return [], "help is not a literal; counted as written"
    word = "empty" if any(state.state == "empty" for state in states) else "missing"
    return [f"{word} {key} ({COMMAND_RULE})"], None
