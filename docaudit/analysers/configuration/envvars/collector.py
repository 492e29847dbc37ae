"""Per-file fact collection in the parse worker: ``collect`` walks one file's syntax tree
and returns its reads, wrapper templates, signatures, candidate calls and bindings as
``EnvFacts``.
"""

from __future__ import annotations

import ast
import io
import re
import sys
import tokenize
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from docaudit.analysers.configuration.envvars.arguments import (
    _Args,
    _default_spec,
    _Describer,
    _literal_string,
    _name_and_default,
    _required,
)
from docaudit.analysers.configuration.envvars.facts import (
    Arg,
    Built,
    CandidateCall,
    EnvFacts,
    Environ,
    FromParam,
    Known,
    NotText,
    ParameterRead,
    Read,
    Signature,
    Template,
)
from docaudit.analysers.configuration.envvars.readers import (
    _ENVIRON,
    _is_click_param,
    _reader_kind,
    _Spec,
    _spec_for,
)
from docaudit.analysers.configuration.envvars.settings import _pydantic_reads
from docaudit.analysers.python.names import ImportTable, dotted_name

_TRIGGER_WORDS = ("getenv", "environs", "BaseSettings", "decouple", "envvar", "import os as")
"""Words one of which a file needs to be walked whole (``envvar`` covers click's
``envvar=`` and ``auto_envvar_prefix``)."""
_ENVIRON_WORD = re.compile(r"environ\b")
_LITERAL_CALL = re.compile(r"\(\s*[rRbBuUfF]{0,2}[\"'][A-Z][A-Z0-9_]*(?:[\"']|\{)")
_ENV_SHAPE = re.compile(r"[A-Z][A-Z0-9_]*")
_COMMENT_OR_STRING = re.compile(
    r"#[^\r\n]*"
    r"|'''[^'\\]*(?:(?:\\.|'(?!''))[^'\\]*)*'''"
    r'|"""[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*"""'
    r"|'[^\n'\\]*(?:(?:\\\r\n|\\.)[^\n'\\]*)*'"
    r'|"[^\n"\\]*(?:(?:\\\r\n|\\.)[^\n"\\]*)*"',
    re.DOTALL,
)
"""A comment, or a whole string literal (any prefix; triple-quoted; continued with a
backslash), as the tokenizer reads them: ``#`` inside a string starts no comment."""
_FSTRING_PREFIX = re.compile(r"[fF][rR]?['\"]|[rR][fF]['\"]")
_SCANNED = frozenset({"sorted", "list", "tuple", "set", "iter", "dict"})
"""Calls that keep the keys of ``os.environ`` when wrapped around it (``sorted(os.environ)``)."""
_AUTO_PREFIX = "auto_envvar_prefix"
_LEAVES = frozenset(
    {ast.Name, ast.Constant, ast.Load, ast.Store, ast.Del, ast.Pass, ast.Break, ast.Continue}
)
"""Nodes with no handler that hold nothing to walk (a name's only child is its context)."""


def collect(tree: ast.Module, imports: ImportTable, text: str) -> EnvFacts | None:
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
    if collector.reads or collector.calls:
        _describe_by_comments(collector, text)
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
        self.reads: list[Read] = []
        self.templates: list[Template] = []
        self.functions: dict[str, Signature] = {}
        self.calls: list[CandidateCall] = []
        self.auto_prefixes: set[str] = set()
        self.guards: list[frozenset[str]] = []
        self.or_defaults: dict[int, str] = {}
        self.statements: list[ast.stmt] = []
        self.starts: dict[int, int] = {}  # a read's index to its statement's first line
        self.call_starts: list[int] = []  # each call's statement's first line
        self.parameter_reads: list[ParameterRead] = []
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
            ast.If: self._if,
            ast.IfExp: self._if,
            ast.BoolOp: self._boolop,
            ast.For: self._for,
            ast.AsyncFor: self._for,
            ast.ListComp: self._comprehension,
            ast.SetComp: self._comprehension,
            ast.DictComp: self._comprehension,
            ast.GeneratorExp: self._comprehension,
            ast.Dict: self._dict,
        }

    def facts(self) -> EnvFacts | None:
        """Return what the walk found, or None when it found nothing."""
        found = self.reads or self.templates or self.calls or self.parameter_reads
        if not (found or self.exported or self.auto_prefixes):
            return None
        return EnvFacts(
            tuple(self.reads),
            tuple(self.templates),
            self.functions,
            tuple(self.calls),
            self.exported,
            tuple(sorted(self.auto_prefixes)),
            tuple(self.parameter_reads),
        )

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
        if type(node) in _LEAVES:
            return
        lines = self.lines
        if lines is not None and isinstance(node, ast.stmt) and not _spans_line(node, lines):
            return
        statement = isinstance(node, ast.stmt)
        if statement:
            self.statements.append(node)
        handler = self.handlers.get(type(node))
        if handler is not None:
            handler(node)
        else:
            for child in ast.iter_child_nodes(node):
                self.walk(child)
        if statement:
            self.statements.pop()

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
        self._auto_prefix(node)
        self._parameter_get(node)
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
        if name is None or isinstance(name, NotText):
            return
        scheme = self.schemes.get(head, {}) if spec.source == "django-environ" else {}
        if default is None and isinstance(name, Known) and name.value in scheme:
            default = NotText(scheme[name.value])
        if default is None and id(node) in self.or_defaults:
            default = NotText(self.or_defaults[id(node)])
        if spec.source == "environs" and self.prefixes:
            name = self._environs_prefixed(name)
        self._emit(name, node.lineno, spec.source, default, spec.strict)

    def _environs_prefixed(self, name: Arg) -> Arg:
        """Put the prefixes of the enclosing ``with env.prefixed(...)`` blocks before ``name``."""
        prefix = ""
        for block in self.prefixes:
            prefix += block.text
            if not block.exact:
                return Built(prefix, name.text)
        if isinstance(name, Known):
            return Known(prefix + name.value, name.text)
        if isinstance(name, FromParam):
            return FromParam(name.param, prefix + name.prefix, name.suffix, name.text)
        return Built(prefix + _literal_prefix(name), name.text)

    def _subscript(self, node: ast.Subscript) -> None:
        """Record ``os.environ["X"]`` (a read; assignments and ``del`` are not)."""
        if isinstance(node.ctx, ast.Load) and self._is_environ(node.value):
            name = self.describer.describe(node.slice, self.params)
            default = self.or_defaults.get(id(node))
            if not isinstance(name, NotText):
                fallback = None if default is None else NotText(default)
                self._emit(name, node.lineno, "os.environ", fallback, True)
        elif isinstance(node.ctx, ast.Load) and self._parameter(node.value) is not None:
            self._parameter_read(node.value, node.slice, None, node.lineno, strict=True)
        self.walk(node.value)
        self.walk(node.slice)

    def _compare(self, node: ast.Compare) -> None:
        """Record ``"X" in os.environ`` (and ``not in``), and ``"X" in param``."""
        if (
            len(node.ops) == 1
            and isinstance(node.ops[0], ast.In | ast.NotIn)
            and self._is_environ(node.comparators[0])
        ):
            name = self.describer.describe(node.left, self.params)
            if not isinstance(name, NotText):
                self._emit(name, node.lineno, "os.environ", None, False)
        elif (
            len(node.ops) == 1
            and isinstance(node.ops[0], ast.In | ast.NotIn)
            and self._parameter(node.comparators[0]) is not None
        ):
            self._parameter_read(node.comparators[0], node.left, None, node.lineno, strict=False)
        self._walk_all([node.left, *node.comparators])

    def _guarded(self, name: str) -> bool:
        """Tell whether an enclosing test proves the variable ``name`` set."""
        return any(name in names for names in self.guards)

    def _parameter(self, node: ast.expr) -> str | None:
        """Return the name of the walked function's parameter ``node`` is, if it is one."""
        if isinstance(node, ast.Name) and node.id in self.params:
            return node.id
        return None

    def _parameter_get(self, node: ast.Call) -> None:
        """Record ``param.get("X", d)`` in a function: a read if a caller passes os.environ."""
        func = node.func
        if (
            isinstance(func, ast.Attribute)
            and func.attr == "get"
            and node.args
            and self._parameter(func.value) is not None
        ):
            default = node.args[1] if len(node.args) > 1 else None
            self._parameter_read(func.value, node.args[0], default, node.lineno, strict=False)

    def _parameter_read(
        self,
        receiver: ast.expr,
        key: ast.expr,
        default: ast.expr | None,
        line: int,
        strict: bool,
    ) -> None:
        """Record a literal env-shaped key read from a parameter (``environ["X"]``)."""
        param, name = self._parameter(receiver), _literal_string(key)
        if param is None or name is None or _ENV_SHAPE.fullmatch(name) is None:
            return
        scope = self.scopes[-1]
        self._register(scope)
        text = None if default is None else ast.unparse(default)
        if self._guarded(name):
            strict = False
        self.parameter_reads.append(ParameterRead(scope.qualname, param, name, line, text, strict))

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
        if isinstance(described, Known):
            return _Prefix(described.value, True)
        return _Prefix(described.prefix if isinstance(described, Built) else "", False)

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
            if not isinstance(name, NotText):
                required = _required(default_text, None)
                self._emit_read(name, node.lineno, "click", default_text, required, description)

    def _emit(self, name: Arg, line: int, source: str, default: Arg | None, strict: bool) -> None:
        """Record a read, or a wrapper template when the name is a parameter."""
        if isinstance(name, FromParam):
            scope = self.scopes[-1]
            self._register(scope)
            default_spec = _default_spec(default)
            self.templates.append(
                Template(
                    scope.qualname,
                    line,
                    source,
                    name.prefix,
                    name.suffix,
                    name.param,
                    default_spec,
                    strict,
                )
            )
            return
        default_text = None if default is None else default.text
        if isinstance(name, Known) and self._guarded(name.value):
            strict = False  # ``if "X" in os.environ: os.environ["X"]``
        self._emit_read(name, line, source, default_text, _required(default_text, strict), None)

    def _emit_read(
        self,
        name: Arg,
        line: int,
        source: str,
        default: str | None,
        required: bool | None,
        description: str | None,
    ) -> None:
        """Record a read whose name is known (``Known``) or built at run time (``Built``)."""
        dynamic = not isinstance(name, Known)
        text = f"{_literal_prefix(name)}*" if dynamic else _literal_prefix(name)
        if not text:
            return  # ``os.getenv("")``: no variable
        self.reads.append(Read(text, line, source, default, required, description, False, dynamic))
        self.starts[len(self.reads) - 1] = self._statement_start(line)

    def _statement_start(self, line: int) -> int:
        """Return the first line of the statement being walked (``line`` outside any)."""
        if not self.statements:
            return line
        statement = self.statements[-1]
        decorators = getattr(statement, "decorator_list", None)
        start = decorators[0].lineno if decorators else statement.lineno
        return start if start <= line else line

    # -- guards, ``or`` defaults and scans of the whole environment

    def _if(self, node: ast.If | ast.IfExp) -> None:
        """Walk an ``if``: a branch the test proves the variable set in reads it optionally;
        the ``else`` of ``os.environ["X"] if "X" in os.environ else "lit"`` is its default."""
        self.walk(node.test)
        present, absent = self._tested(node.test)
        if isinstance(node, ast.IfExp) and isinstance(node.body, ast.Subscript):
            computed = any(isinstance(part, ast.Call) for part in ast.walk(node.orelse))
            if not computed:  # ``os.environ["X"] if "X" in os.environ else "lit"``
                self.or_defaults[id(node.body)] = ast.unparse(node.orelse)
        body = node.body if isinstance(node.body, list) else [node.body]
        orelse = node.orelse if isinstance(node.orelse, list) else [node.orelse]
        for branch, names in ((body, present), (orelse, absent)):
            self.guards.append(names)
            self._walk_all(branch)
            self.guards.pop()

    def _boolop(self, node: ast.BoolOp) -> None:
        """``getenv("X") or "lit"`` defaults to ``"lit"`` (a value computed by a call is no
        known default); in ``"X" in os.environ and os.environ["X"]`` the second read is
        optional."""
        first, rest = node.values[0], node.values[1:]
        computed = any(isinstance(part, ast.Call) for value in rest for part in ast.walk(value))
        if isinstance(node.op, ast.Or) and isinstance(first, ast.Call) and not computed:
            self.or_defaults[id(first)] = " or ".join(ast.unparse(value) for value in rest)
        pushed = 0
        for value in node.values:
            self.walk(value)
            if isinstance(node.op, ast.And):
                self.guards.append(self._tested(value)[0])
                pushed += 1
        if pushed:
            del self.guards[-pushed:]

    def _tested(self, test: ast.expr) -> tuple[frozenset[str], frozenset[str]]:
        """Return the variables ``test`` proves set when true, and those when false."""
        if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
            present, absent = self._tested(test.operand)
            return absent, present
        if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
            found = [self._tested(value)[0] for value in test.values]
            return frozenset().union(*found), frozenset()
        if isinstance(test, ast.NamedExpr):
            return self._tested(test.value)
        if isinstance(test, ast.Compare) and len(test.ops) == 1:
            operator = test.ops[0]
            container = test.comparators[0]
            environ = self._is_environ(container) or self._parameter(container) is not None
            if isinstance(operator, ast.In | ast.NotIn) and environ:
                name = self.describer.describe(test.left, self.params)
                if isinstance(name, Known):
                    named = frozenset({name.value})
                    return (
                        (named, frozenset())
                        if isinstance(operator, ast.In)
                        else (
                            frozenset(),
                            named,
                        )
                    )
        if isinstance(test, ast.Call):
            dotted = dotted_name(test.func)
            spec = _spec_for(self.resolve(dotted)) if dotted else None
            if spec is not None and spec.source in ("os.environ", "os.getenv") and test.args:
                name = self.describer.describe(test.args[0], self.params)
                if isinstance(name, Known):
                    return frozenset({name.value}), frozenset()
        return frozenset(), frozenset()

    def _for(self, node: ast.For | ast.AsyncFor) -> None:
        """A loop over ``os.environ`` filtered by ``key.startswith(prefix)`` reads ``prefix*``."""
        self.walk(node.iter)
        key = self._environ_key(node.iter, node.target)
        if key is not None:
            self._scan(node, key)
        self._walk_all([node.target, *node.body, *node.orelse])

    def _comprehension(
        self, node: ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp
    ) -> None:
        """``{k: v for k, v in os.environ.items() if k.startswith("APP_")}`` reads ``APP_*``."""
        for generator in node.generators:
            key = self._environ_key(generator.iter, generator.target)
            if key is not None:
                self._scan(node, key)
        for child in ast.iter_child_nodes(node):
            self.walk(child)

    def _environ_key(self, iterable: ast.expr, target: ast.expr) -> str | None:
        """Return the loop variable holding a key of ``os.environ``, if the loop is over it."""
        while isinstance(iterable, ast.Call) and dotted_name(iterable.func) in _SCANNED:
            if not iterable.args:
                return None
            iterable = iterable.args[0]
        if isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Attribute):
            if iterable.func.attr not in ("keys", "items"):
                return None
            iterable = iterable.func.value
        if not self._is_environ(iterable):
            return None
        if isinstance(target, ast.Tuple) and target.elts:
            target = target.elts[0]
        return target.id if isinstance(target, ast.Name) else None

    def _scan(self, node: ast.AST, key: str) -> None:
        """Record ``prefix*`` for each ``key.startswith(prefix)`` in a loop over the environment.

        A prefix passed as a parameter is the parameter's literal default, if it has one.
        """
        for call in ast.walk(node):
            if not (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Attribute)
                and call.func.attr == "startswith"
                and isinstance(call.func.value, ast.Name)
                and call.func.value.id == key
                and call.args
            ):
                continue
            name = self.describer.describe(call.args[0], self.params)
            if isinstance(name, FromParam):
                default = self._parameter_default(name.param)
                name = Built("" if default is None else name.prefix + default, name.text)
            if isinstance(name, Known | Built) and _literal_prefix(name):
                scanned = Built(_literal_prefix(name), name.text)
                self._emit_read(scanned, call.lineno, "os.environ", None, False, None)

    def _parameter_default(self, param: str) -> str | None:
        """Return the literal string default of a parameter of the function being walked."""
        arguments = self.scopes[-1].node.args
        positional = [*arguments.posonlyargs, *arguments.args]
        pairs = list(zip(positional[::-1], arguments.defaults[::-1], strict=False))
        pairs += list(zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True))
        for argument, default in pairs:
            if argument.arg == param:
                return _literal_string(default)
        return None

    def _auto_prefix(self, node: ast.Call) -> None:
        """Record click's ``auto_envvar_prefix="P"``: passed, set by default or in a dict."""
        for keyword in node.keywords:
            if keyword.arg == _AUTO_PREFIX and _literal_string(keyword.value):
                self.auto_prefixes.add(_literal_string(keyword.value) or "")
        func = node.func
        if (
            isinstance(func, ast.Attribute)
            and func.attr in ("setdefault", "__setitem__")
            and len(node.args) == 2
            and _literal_string(node.args[0]) == _AUTO_PREFIX
            and _literal_string(node.args[1])
        ):
            self.auto_prefixes.add(_literal_string(node.args[1]) or "")

    def _dict(self, node: ast.Dict) -> None:
        """Record ``{"auto_envvar_prefix": "P"}`` (click's ``context_settings``)."""
        for key, value in zip(node.keys, node.values, strict=True):
            if key is not None and _literal_string(key) == _AUTO_PREFIX and _literal_string(value):
                self.auto_prefixes.add(_literal_string(value) or "")
        for child in ast.iter_child_nodes(node):
            self.walk(child)

    # -- calls that may go through a wrapper

    def _maybe_record(self, node: ast.Call, callee: str) -> None:
        """Record a call passing an env-shaped literal, or forwarding a parameter."""
        environ = [self._is_environ(argument) for argument in _argument_nodes(node)]
        if not any(environ) and not any(self._may_name(a) for a in _argument_nodes(node)):
            return
        args = self.describer.arguments(node, self.params)
        if any(environ):
            args = self._mark_environ(node, args)
        caller = None
        if self.scopes and any(isinstance(d, FromParam) for d in _descriptions(args)):
            caller = self.scopes[-1].qualname
            self._register(self.scopes[-1])
        self.call_starts.append(self._statement_start(node.lineno))
        self.calls.append(
            CandidateCall(
                callee,
                node.lineno,
                tuple(args.positional),
                args.keywords,
                args.star,
                caller,
            )
        )

    def _mark_environ(self, node: ast.Call, args: _Args) -> _Args:
        """Describe the arguments that are ``os.environ`` itself as ``Environ``."""
        positional: list[Arg] = [
            Environ(described.text) if self._is_environ(argument) else described
            for argument, described in zip(node.args, args.positional, strict=False)
        ]
        keywords: dict[str, Arg] = {
            keyword.arg: Environ(args.keywords[keyword.arg].text)
            if self._is_environ(keyword.value)
            else args.keywords[keyword.arg]
            for keyword in node.keywords
            if keyword.arg is not None
        }
        return _Args(positional, keywords, args.star)

    def _may_name(self, node: ast.expr) -> bool:
        """Return whether an argument can name a variable (cheap test before describing)."""
        if isinstance(node, ast.Constant):
            return isinstance(node.value, str) and _ENV_SHAPE.fullmatch(node.value) is not None
        if isinstance(node, ast.JoinedStr | ast.BinOp):
            described = self.describer.describe(node, self.params)
            if isinstance(described, FromParam):
                return self.forward
            return (
                isinstance(described, Known | Built)
                and _ENV_SHAPE.fullmatch(_literal_prefix(described)) is not None
            )
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
        keyword_only = tuple(argument.arg for argument in arguments.kwonlyargs)
        self.functions[scope.qualname] = Signature(
            tuple(positional), keyword_only, scope.skip, defaults
        )


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


def _literal_prefix(name: Arg) -> str:
    """Return what a described name says by itself: a known string's value, the literal
    prefix of one built at run time or made from a parameter, else nothing."""
    if isinstance(name, Known):
        return name.value
    if isinstance(name, Built | FromParam):
        return name.prefix
    return ""


def _descriptions(args: _Args) -> Iterator[Arg]:
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


def _describe_by_comments(collector: _FileCollector, text: str) -> None:
    """Give each read the comment naming its variable, directly above or at the end of the
    line (``# To enable statsd, set STATSD_HOST``); give each call the comment it has, for
    the reads a wrapper makes there."""
    lines = text.splitlines()
    reads, calls = collector.reads, collector.calls
    sites = [(collector.starts.get(i, read.line), read.line) for i, read in enumerate(reads)]
    sites += [(start, call.line) for start, call in zip(collector.call_starts, calls, strict=True)]
    comments = _comments(text) if any(_may_have_comment(lines, *site) for site in sites) else {}
    if not comments:
        return
    for index, read in enumerate(reads):
        if read.description or read.dynamic:
            continue
        comment = _comment_at(comments, collector.starts.get(index, read.line), read.line)
        if comment is not None and names_variable(comment, read.name):
            reads[index] = replace(read, description=comment)
    for index, (start, call) in enumerate(zip(collector.call_starts, calls, strict=True)):
        comment = _comment_at(comments, start, call.line)
        if comment is not None:
            calls[index] = replace(call, comment=comment)


def _may_have_comment(lines: list[str], start: int, line: int) -> bool:
    """Tell cheaply whether a comment may stand above line ``start`` or end line ``line``
    (a ``#`` there; the tokenizer then tells a comment from a ``#`` in a string)."""
    above = lines[start - 2].lstrip().startswith("#") if 2 <= start <= len(lines) + 1 else False
    return above or (1 <= line <= len(lines) and "#" in lines[line - 1])


def names_variable(comment: str, name: str) -> bool:
    """Tell whether ``comment`` names the variable ``name`` as a whole token."""
    return re.search(rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])", comment) is not None


def _comments(text: str) -> dict[int, tuple[str, bool]]:
    """Return each comment's line, text (marker stripped) and whether it has the line alone.

    The file parsed, so its comments are what the tokenizer finds, which one regular
    expression finds 30 times faster (django: 100 ms of the parse workers' time): each
    ``#`` outside a string, to the end of its line. The tokenizer itself reads a file
    with a lone carriage return (a comment-only line keeps it), and, from Python 3.12,
    a file that may hold an f-string (its replacement fields may hold comments and
    the f-string's own quotes).
    """
    if text.count("\r") != text.count("\r\n") or (
        sys.version_info >= (3, 12) and _FSTRING_PREFIX.search(text)
    ):
        return _tokenized_comments(text)
    found: dict[int, tuple[str, bool]] = {}
    line, position, line_start = 1, 0, 0
    for match in _COMMENT_OR_STRING.finditer(text):
        start = match.start()
        if text[start] != "#":
            continue
        newlines = text.count("\n", position, start)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", position, start) + 1
        position = start
        found[line] = (match.group().lstrip("#").strip(), not text[line_start:start].strip())
    return found


def _tokenized_comments(text: str) -> dict[int, tuple[str, bool]]:
    """Return what ``_comments`` does, as the standard tokenizer finds the comments."""
    found: dict[int, tuple[str, bool]] = {}
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT:
                alone = not token.line[: token.start[1]].strip()
                found[token.start[0]] = (token.string.lstrip("#").strip(), alone)
    except (tokenize.TokenError, SyntaxError):
        return {}
    return found


def _comment_at(comments: dict[int, tuple[str, bool]], start: int, line: int) -> str | None:
    """Return the comment block ending directly above line ``start`` and the comment at
    the end of ``line``, joined; None when there is neither."""
    above = []
    row = start - 1
    while row in comments and comments[row][1]:
        above.append(comments[row][0])
        row -= 1
    parts = [*reversed(above)]
    inline = comments.get(line)
    if inline is not None and not inline[1]:
        parts.append(inline[0])
    return " ".join(part for part in parts if part) or None
