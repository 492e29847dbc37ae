"""Per-file fact collection in the parse worker: ``collect`` walks one file's syntax tree
and returns its reads, wrapper templates, signatures, candidate calls and bindings.
"""

from __future__ import annotations

import ast
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from docaudit.docs.envvars.arguments import (
    _Args,
    _default_spec,
    _Describer,
    _literal_string,
    _name_and_default,
    _required,
)
from docaudit.docs.envvars.readers import (
    _ENVIRON,
    _is_click_param,
    _reader_kind,
    _Spec,
    _spec_for,
)
from docaudit.docs.envvars.settings import _pydantic_reads
from docaudit.docs.names import ImportTable, dotted_name

_TRIGGER_WORDS = ("getenv", "environs", "BaseSettings", "decouple", "envvar", "import os as")
_ENVIRON_WORD = re.compile(r"environ\b")
_LITERAL_CALL = re.compile(r"\(\s*[rRbBuUfF]{0,2}[\"'][A-Z][A-Z0-9_]*(?:[\"']|\{)")
_ENV_SHAPE = re.compile(r"[A-Z][A-Z0-9_]*")


def collect(tree: ast.Module, imports: ImportTable, text: str) -> Any:
    """Return the environment reads, wrappers and candidate calls of one file, or None."""
    if _reads_environment(text):
        collector = _FileCollector(tree, imports, lines=None)
    else:
        lines = _match_lines(_LITERAL_CALL, text)
        if not lines:
            return None
        collector = _FileCollector(tree, imports, lines=lines)
    try:
        collector.walk_module(tree)
    except RecursionError:
        return None
    if "BaseSettings" in text:
        collector.reads.extend(_pydantic_reads(tree, collector.resolve, collector.describer))
    return collector.facts()


def _reads_environment(text: str) -> bool:
    """Return whether ``text`` may read the environment (``request.environ`` does not count)."""
    if any(word in text for word in _TRIGGER_WORDS):
        return True
    for match in _ENVIRON_WORD.finditer(text):
        start = match.start()
        before = text[start - 1] if start else " "
        if not (before == "." or before == "_" or before.isalnum()):
            return True  # ``environ`` imported from os, or django-environ's module
        if text.startswith("os.", start - 3):
            return True
    return False


def _match_lines(pattern: re.Pattern[str], text: str) -> list[int]:
    """Return the (sorted) line numbers where ``pattern`` matches in ``text``."""
    lines = []
    line, position = 1, 0
    for match in pattern.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        lines.append(line)
    return lines


@dataclass(slots=True)
class _Scope:
    """A function being walked."""

    qualname: str
    node: ast.FunctionDef | ast.AsyncFunctionDef
    params: frozenset[str]
    skip: int  # leading parameters a call does not pass (``self``/``cls``)


@dataclass(slots=True)
class _Prefix:
    """An ``environs`` ``with env.prefixed(...)`` block: its literal prefix, and if exact."""

    text: str
    exact: bool


class _FileCollector:
    """One walk over a file in source order, recording what ``collect`` returns."""

    def __init__(self, tree: ast.Module, imports: ImportTable, lines: list[int] | None) -> None:
        """Prepare to walk ``tree``, all of it or (``lines``) only statements spanning them.

        A file without any environment read is walked only where a call passes a literal
        (``lines``), and calls forwarding a parameter are recorded only in a full walk.
        """
        self.imports = imports
        self.lines = lines
        self.forward = lines is None
        self.local_defs, constants = _module_names(tree)
        self.describer = _Describer(constants)
        self.bindings: dict[str, str] = {}
        self.exported: dict[str, str] = {}
        self.schemes: dict[str, dict[str, str]] = {}
        self.local_imports: dict[str, str] = {}
        self.path: list[str] = []
        self.scopes: list[_Scope] = []
        self.prefixes: list[_Prefix] = []
        self.reads: list[list[Any]] = []
        self.templates: list[list[Any]] = []
        self.functions: dict[str, list[Any]] = {}
        self.calls: list[list[Any]] = []
        self.handlers: dict[type, Callable[[Any], None]] = {
            ast.FunctionDef: self._function,
            ast.AsyncFunctionDef: self._function,
            ast.ClassDef: self._class,
            ast.Call: self._call,
            ast.Subscript: self._subscript,
            ast.Compare: self._compare,
            ast.With: self._with,
            ast.AsyncWith: self._with,
            ast.Assign: self._assign,
            ast.AnnAssign: self._assign,
            ast.Import: self._import,
            ast.ImportFrom: self._import,
        }

    def facts(self) -> dict[str, Any] | None:
        """Return what the walk found, as plain data, or None when it found nothing."""
        if not (self.reads or self.templates or self.calls or self.exported):
            return None
        return {
            "reads": self.reads,
            "templates": self.templates,
            "functions": self.functions,
            "calls": self.calls,
            "bindings": self.exported,
        }

    # -- names

    def resolve(self, dotted: str) -> str:
        """Return what ``dotted`` names: through local bindings, imports and definitions."""
        head, dot, rest = dotted.partition(".")
        if head in self.bindings:
            base = self.bindings[head]
        elif head in self.imports.aliases or head in self.imports.local_classes:
            return self.imports.resolve(dotted)
        elif head in self.local_defs:
            base = f"{self.imports.module}.{head}" if self.imports.module else head
        elif head in self.local_imports:
            base = self.local_imports[head]
        else:
            return dotted
        return f"{base}{dot}{rest}"

    @property
    def params(self) -> frozenset[str]:
        """The parameters of the function being walked (none at module level)."""
        return self.scopes[-1].params if self.scopes else frozenset()

    # -- walking

    def walk_module(self, tree: ast.Module) -> None:
        """Walk every statement of the module."""
        for statement in tree.body:
            self.walk(statement)

    def walk(self, node: ast.AST) -> None:
        """Walk ``node``: a handler for the nodes that matter, the children otherwise."""
        lines = self.lines
        if lines is not None and isinstance(node, ast.stmt) and not _spans_line(node, lines):
            return
        handler = self.handlers.get(type(node))
        if handler is not None:
            handler(node)
            return
        for child in ast.iter_child_nodes(node):
            self.walk(child)

    def _walk_all(self, nodes: Iterable[ast.AST | None]) -> None:
        """Walk each of ``nodes`` that is present."""
        for node in nodes:
            if node is not None:
                self.walk(node)

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        """Walk a function: decorators and defaults outside it, its body inside."""
        arguments = node.args
        self._walk_all(node.decorator_list)
        self._walk_all([*arguments.defaults, *arguments.kw_defaults])
        everything = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
        self._walk_all([argument.annotation for argument in everything])
        in_class = bool(self.path) and self.path[-1] != "<locals>"
        skip = 1 if in_class and not _is_staticmethod(node) else 0
        params = frozenset(argument.arg for argument in everything[skip:])
        qualname = ".".join(filter(None, [self.imports.module, *self.path, node.name]))
        self.scopes.append(_Scope(qualname, node, params, skip))
        self.path += [node.name, "<locals>"]
        self._walk_all(node.body)
        del self.path[-2:]
        self.scopes.pop()

    def _class(self, node: ast.ClassDef) -> None:
        """Walk a class: its bases and decorators outside it, its body inside."""
        self._walk_all([*node.decorator_list, *node.bases, *node.keywords])
        self.path.append(node.name)
        self._walk_all(node.body)
        self.path.pop()

    def _import(self, node: ast.Import | ast.ImportFrom) -> None:
        """Remember imports inside functions (the import table has module-level ones)."""
        if not self.scopes:
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                name = alias.asname or alias.name.partition(".")[0]
                self.local_imports[name] = alias.name if alias.asname else name
        elif node.level == 0 and node.module:
            for alias in node.names:
                self.local_imports[alias.asname or alias.name] = f"{node.module}.{alias.name}"

    def _assign(self, node: ast.Assign | ast.AnnAssign) -> None:
        """Bind a name to a reader (``env = Env()``, ``E = os.environ``) or an instance."""
        if isinstance(node, ast.Assign):
            targets = node.targets
        else:
            targets = [node.target]
            self.walk(node.annotation)
        in_class_body = bool(self.path) and self.path[-1] != "<locals>"
        target = targets[0] if len(targets) == 1 else None
        if node.value is not None and isinstance(target, ast.Name) and not in_class_body:
            self._bind(target.id, node.value)
        self._walk_all([*targets, node.value])

    def _bind(self, name: str, value: ast.expr) -> None:
        """Record what ``name = value`` binds, when it is a reader or an instance."""
        if isinstance(value, ast.Call):
            dotted = dotted_name(value.func)
            target = f"{self.resolve(dotted)}()" if dotted else ""
            if not target.rpartition(".")[2][:1].isupper():
                return  # not ``SomeClass(...)``
            if _reader_kind(target) == "django-environ":
                self.schemes[name] = _django_scheme(value)
        else:
            dotted = dotted_name(value)
            target = self.resolve(dotted) if dotted else ""
            if not (target in _ENVIRON or _reader_kind(target) or _spec_for(target)):
                return
        self.bindings[name] = target
        if not self.scopes:
            self.exported[name] = target

    # -- reads

    def _call(self, node: ast.Call) -> None:
        """A call may read a variable, declare an option's ``envvar``, or call a wrapper."""
        dotted = dotted_name(node.func)
        if dotted:
            callee = self.resolve(dotted)
            spec = _spec_for(callee)
            if spec is not None:
                self._reader_call(node, spec, dotted.partition(".")[0])
            elif _is_click_param(callee):
                self._click_param(node, callee)
            else:
                self._maybe_record(node, callee)
        self.walk(node.func)
        self._walk_all(node.args)
        self._walk_all(keyword.value for keyword in node.keywords)

    def _reader_call(self, node: ast.Call, spec: _Spec, head: str) -> None:
        """Record ``os.getenv("X", d)``, ``env.int("X")``, ``config("X")``...."""
        args = self.describer.arguments(node, self.params)
        name, default = _name_and_default(spec, args)
        if name is None or name[0] == "x":
            return
        scheme = self.schemes.get(head, {}) if spec.source == "django-environ" else {}
        if default is None and name[0] == "s" and name[1] in scheme:
            default = ["x", scheme[name[1]]]
        if spec.source == "environs" and self.prefixes:
            name = self._environs_prefixed(name)
        self._emit(name, node.lineno, spec.source, default, spec.strict)

    def _environs_prefixed(self, name: list[Any]) -> list[Any]:
        """Put the prefixes of the enclosing ``with env.prefixed(...)`` blocks before ``name``."""
        prefix = ""
        for block in self.prefixes:
            prefix += block.text
            if not block.exact:
                return ["d", prefix, name[-1]]
        if name[0] == "s":
            return ["s", prefix + name[1], name[2]]
        if name[0] == "p":
            return ["p", name[1], prefix + name[2], name[3], name[4]]
        return ["d", prefix + name[1], name[2]]

    def _subscript(self, node: ast.Subscript) -> None:
        """Record ``os.environ["X"]`` (a read; assignments and ``del`` are not)."""
        if isinstance(node.ctx, ast.Load) and self._is_environ(node.value):
            name = self.describer.describe(node.slice, self.params)
            if name[0] != "x":
                self._emit(name, node.lineno, "os.environ", None, True)
        self.walk(node.value)
        self.walk(node.slice)

    def _compare(self, node: ast.Compare) -> None:
        """Record ``"X" in os.environ`` (and ``not in``)."""
        if (
            len(node.ops) == 1
            and isinstance(node.ops[0], ast.In | ast.NotIn)
            and self._is_environ(node.comparators[0])
        ):
            name = self.describer.describe(node.left, self.params)
            if name[0] != "x":
                self._emit(name, node.lineno, "os.environ", None, False)
        self._walk_all([node.left, *node.comparators])

    def _is_environ(self, node: ast.expr) -> bool:
        """Return whether ``node`` names ``os.environ``."""
        dotted = dotted_name(node)
        return bool(dotted) and self.resolve(dotted) in _ENVIRON

    def _with(self, node: ast.With | ast.AsyncWith) -> None:
        """Walk a ``with`` block; ``with env.prefixed("P_"):`` prefixes environs reads in it."""
        pushed = 0
        for item in node.items:
            self.walk(item.context_expr)
            prefix = self._environs_prefix(item.context_expr)
            if prefix is not None:
                self.prefixes.append(prefix)
                pushed += 1
        self._walk_all(node.body)
        if pushed:
            del self.prefixes[-pushed:]

    def _environs_prefix(self, node: ast.expr) -> _Prefix | None:
        """Return the prefix of ``env.prefixed(...)``, or None for any other expression."""
        if not isinstance(node, ast.Call) or not node.args:
            return None
        dotted = dotted_name(node.func)
        receiver, _, method = self.resolve(dotted).rpartition(".") if dotted else ("", "", "")
        if method != "prefixed" or _reader_kind(receiver) != "environs":
            return None
        described = self.describer.describe(node.args[0], self.params)
        if described[0] == "s":
            return _Prefix(described[1], True)
        return _Prefix(described[1] if described[0] == "d" else "", False)

    def _click_param(self, node: ast.Call, callee: str) -> None:
        """Record the ``envvar=`` of a click/typer option, with its ``help=`` and default."""
        keywords = {keyword.arg: keyword.value for keyword in node.keywords if keyword.arg}
        envvar = keywords.get("envvar")
        if envvar is None:
            return
        default = keywords.get("default")
        if default is None and callee.startswith("typer.") and node.args:
            first = node.args[0]
            text = first.value if isinstance(first, ast.Constant) else None
            if not (isinstance(text, str) and text.startswith("-")) and text is not Ellipsis:
                default = first
        default_text = None if default is None else ast.unparse(default)
        help_node = keywords.get("help")
        description = _literal_string(help_node)
        values = envvar.elts if isinstance(envvar, ast.List | ast.Tuple) else [envvar]
        for value in values:
            name = self.describer.describe(value, frozenset())
            if name[0] != "x":
                required = _required(default_text, None)
                self._emit_read(name, node.lineno, "click", default_text, required, description)

    def _emit(
        self, name: list[Any], line: int, source: str, default: list[Any] | None, strict: bool
    ) -> None:
        """Record a read, or a wrapper template when the name is a parameter."""
        if name[0] == "p":
            scope = self.scopes[-1]
            self._register(scope)
            default_spec = _default_spec(default)
            self.templates.append(
                [scope.qualname, line, source, name[2], name[3], name[1], default_spec, strict]
            )
            return
        default_text = None if default is None else default[-1]
        self._emit_read(name, line, source, default_text, _required(default_text, strict), None)

    def _emit_read(
        self,
        name: list[Any],
        line: int,
        source: str,
        default: str | None,
        required: bool | None,
        description: str | None,
    ) -> None:
        """Record a read whose name is known (``s``) or built at run time (``d``)."""
        dynamic = name[0] != "s"
        text = f"{name[1]}*" if dynamic else name[1]
        if not text:
            return  # ``os.getenv("")``: no variable
        self.reads.append([text, line, source, default, required, description, False, dynamic])

    # -- calls that may go through a wrapper

    def _maybe_record(self, node: ast.Call, callee: str) -> None:
        """Record a call passing an env-shaped literal, or forwarding a parameter."""
        if not any(self._may_name(argument) for argument in _argument_nodes(node)):
            return
        args = self.describer.arguments(node, self.params)
        caller = None
        if self.scopes and any(d[0] == "p" for d in _descriptions(args)):
            caller = self.scopes[-1].qualname
            self._register(self.scopes[-1])
        self.calls.append([callee, node.lineno, args.positional, args.keywords, args.star, caller])

    def _may_name(self, node: ast.expr) -> bool:
        """Return whether an argument can name a variable (cheap test before describing)."""
        if isinstance(node, ast.Constant):
            return isinstance(node.value, str) and _ENV_SHAPE.fullmatch(node.value) is not None
        if isinstance(node, ast.JoinedStr | ast.BinOp):
            described = self.describer.describe(node, self.params)
            kind = described[0]
            if kind == "p":
                return self.forward
            return kind in "sd" and _ENV_SHAPE.fullmatch(described[1]) is not None
        if not isinstance(node, ast.Name):
            return False
        if node.id in self.params:
            return self.forward
        constant = self.describer.constants.get(node.id)
        return constant is not None and _ENV_SHAPE.fullmatch(constant) is not None

    def _register(self, scope: _Scope) -> None:
        """Record the signature of the function ``scope`` once."""
        if scope.qualname in self.functions:
            return
        arguments = scope.node.args
        positional = [argument.arg for argument in [*arguments.posonlyargs, *arguments.args]]
        defaults = dict(
            zip(positional[::-1], [ast.unparse(d) for d in arguments.defaults[::-1]], strict=False)
        )
        for argument, default in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True):
            if default is not None:
                defaults[argument.arg] = ast.unparse(default)
        keyword_only = [argument.arg for argument in arguments.kwonlyargs]
        self.functions[scope.qualname] = [positional, keyword_only, scope.skip, defaults]


def _spans_line(node: ast.stmt, lines: list[int]) -> bool:
    """Return whether statement ``node`` (with its decorators) spans one of sorted ``lines``."""
    decorators = getattr(node, "decorator_list", None)
    start = decorators[0].lineno if decorators else node.lineno
    index = bisect_left(lines, start)
    return index < len(lines) and lines[index] <= (node.end_lineno or start)


def _argument_nodes(node: ast.Call) -> Iterator[ast.expr]:
    """Yield a call's argument expressions (not ``*args``/``**kwargs``)."""
    for argument in node.args:
        if not isinstance(argument, ast.Starred):
            yield argument
    for keyword in node.keywords:
        if keyword.arg is not None:
            yield keyword.value


def _descriptions(args: _Args) -> Iterator[list[Any]]:
    """Yield the described arguments of a call, positional then keyword."""
    yield from args.positional
    yield from args.keywords.values()


def _module_names(tree: ast.Module) -> tuple[set[str], dict[str, str]]:
    """Return the module's own functions and classes, and its string constants."""
    definitions = set()
    constants: dict[str, str] = {}
    reassigned = set()
    for statement in tree.body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            definitions.add(statement.name)
        elif isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target, value = statement.targets[0], statement.value
            if isinstance(target, ast.Name):
                if target.id in constants:
                    reassigned.add(target.id)
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    constants[target.id] = value.value
    for name in reassigned:
        del constants[name]
    return definitions, constants


def _is_staticmethod(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Return whether a method is decorated with ``@staticmethod``."""
    return any(dotted_name(decorator) == "staticmethod" for decorator in node.decorator_list)


def _django_scheme(call: ast.Call) -> dict[str, str]:
    """Return the defaults a django-environ ``Env(NAME=(cast, default))`` declares."""
    scheme = {}
    for keyword in call.keywords:
        value = keyword.value
        if keyword.arg and isinstance(value, ast.Tuple) and len(value.elts) == 2:
            scheme[keyword.arg] = ast.unparse(value.elts[1])
    return scheme
