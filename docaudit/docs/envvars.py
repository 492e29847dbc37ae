"""Environment variables the code reads, found in each file's syntax tree without running it.

``collect`` runs once per file in the parse worker and returns plain data:

- ``reads``: the variables it can name by itself (``os.environ``, ``os.getenv``, pydantic
  settings, django-environ, python-decouple, environs, click/typer ``envvar=``);
- ``templates``: reads inside a function whose variable name is one of its parameters
  (``def envbool(name): return os.getenv(name)``), a thin wrapper to expand at call sites;
- ``functions``: the signatures of those functions (and of functions forwarding a
  parameter to another call), to map call arguments onto parameters;
- ``calls``: calls whose arguments could name a variable through a wrapper (a literal of
  environment-variable shape, or a parameter forwarded by a function);
- ``bindings``: module-level names bound to a reader (``env = environ.Env()``) or to an
  instance of a class, to resolve calls made through them from other files.

``env_reads`` links them across files: wrappers (up to ``MAX_WRAPPER_DEPTH`` levels) are
expanded at each call site that passes a literal name.
"""

from __future__ import annotations

import ast
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from inspect import cleandoc
from typing import Any, NamedTuple

from docaudit.docs.names import ImportTable, dotted_name
from docaudit.model import ModuleFacts

WELL_KNOWN = (
    "PATH",
    "HOME",
    "USER",
    "USERNAME",
    "LOGNAME",
    "SHELL",
    "PWD",
    "OLDPWD",
    "TERM",
    "TERM_PROGRAM",
    "COLORTERM",
    "LANG",
    "LANGUAGE",
    "LC_*",
    "TZ",
    "TMPDIR",
    "TEMP",
    "TMP",
    "EDITOR",
    "VISUAL",
    "PAGER",
    "HOSTNAME",
    "DISPLAY",
    "XDG_*",
    "PYTHON*",
    "VIRTUAL_ENV",
    "CONDA_*",
    "CI",
    "GITHUB_*",
    "RUNNER_*",
    "NO_COLOR",
    "FORCE_COLOR",
    "COLUMNS",
    "LINES",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "NO_PROXY",
    "ALL_PROXY",
    "http_proxy",
    "https_proxy",
    "no_proxy",
    "all_proxy",
    "SSH_AUTH_SOCK",
    "LD_LIBRARY_PATH",
    "DYLD_LIBRARY_PATH",
    "APPDATA",
    "LOCALAPPDATA",
    "USERPROFILE",
    "SYSTEMROOT",
    "WINDIR",
    "COMSPEC",
    "PATHEXT",
)
"""Variables every system sets: glob patterns (``fnmatchcase``) a report usually ignores."""

MAX_WRAPPER_DEPTH = 3
"""How many levels of wrapper functions ``env_reads`` follows (a wrapper of a wrapper is 2)."""

_TRIGGER_WORDS = ("getenv", "environs", "BaseSettings", "decouple", "envvar", "import os as")
_ENVIRON_WORD = re.compile(r"environ\b")
_LITERAL_CALL = re.compile(r"\(\s*[rRbBuUfF]{0,2}[\"'][A-Z][A-Z0-9_]*(?:[\"']|\{)")
_ENV_SHAPE = re.compile(r"[A-Z][A-Z0-9_]*")

_ENVIRON = frozenset({"os.environ", "os.environb"})
_GETENV = frozenset({"os.getenv", "os.getenvb"})
_CLICK_MODULES = frozenset({"click", "typer", "rich_click", "cloup", "asyncclick"})
_CLICK_PARAMS = frozenset({"option", "argument", "Option", "Argument"})
_SETTINGS_BASES = frozenset(
    {
        "pydantic_settings.BaseSettings",
        "pydantic_settings.main.BaseSettings",
        "pydantic.BaseSettings",
        "pydantic.env_settings.BaseSettings",
        "pydantic.v1.BaseSettings",
        "pydantic.v1.env_settings.BaseSettings",
    }
)
_MODEL_BASES = frozenset(
    {"pydantic.BaseModel", "pydantic.main.BaseModel", "pydantic.v1.BaseModel"}
)
_FIELD_FUNCTIONS = frozenset(
    {"pydantic.Field", "pydantic.fields.Field", "pydantic.v1.Field", "pydantic.v1.fields.Field"}
)
_ALIAS_KEYWORDS = ("validation_alias", "alias", "env")
_READER_CLASSES = {
    "environ.Env": "django-environ",
    "environ.environ.Env": "django-environ",
    "environs.Env": "environs",
    "decouple.AutoConfig": "decouple",
    "decouple.Config": "decouple",
}
_READER_INSTANCES = {"environs.env": "environs", "decouple.config": "decouple"}


@dataclass(frozen=True, slots=True)
class EnvRead:
    """One place where the code reads an environment variable."""

    name: str
    path: str
    line: int
    source: str
    default: str | None
    required: bool | None
    description: str | None
    case_insensitive: bool
    dynamic: bool


def is_well_known(name: str, patterns: Sequence[str] = WELL_KNOWN) -> bool:
    """Return whether ``name`` matches one of the glob ``patterns`` (case-sensitive)."""
    return any(fnmatchcase(name, pattern) for pattern in patterns)


# ---------------------------------------------------------------- how each reader is called


@dataclass(frozen=True, slots=True)
class _Spec:
    """How a reading function takes its arguments."""

    source: str
    strict: bool  # whether a missing variable without a default fails
    default_index: int
    name_keyword: str
    fixed_name: str | None = None  # the variable read when no name is passed


_GETENV_SPEC = _Spec("os.getenv", False, 1, "key")
_ENVIRON_SPECS = {
    "get": _Spec("os.environ", False, 1, "key"),
    "setdefault": _Spec("os.environ", False, 1, "key"),
    "pop": _Spec("os.environ", True, 1, "key"),
}
_DECOUPLE_SPEC = _Spec("decouple", True, 1, "option")
_ENVIRONS_SPEC = _Spec("environs", True, 1, "name")
_ENVIRONS_METHODS = frozenset(
    {
        *("str", "bool", "int", "float", "decimal", "list", "dict", "json", "enum", "uuid"),
        *("datetime", "date", "time", "timedelta", "path", "log_level", "url"),
        *("dj_db_url", "dj_email_url", "dj_cache_url"),
    }
)


def _django(default_index: int, fixed_name: str | None = None) -> _Spec:
    """Return the spec of a django-environ ``Env`` method."""
    return _Spec("django-environ", True, default_index, "var", fixed_name)


_DJANGO_SPECS = {
    "__call__": _django(2),
    "get_value": _django(2),
    "list": _django(2),
    "tuple": _django(2),
    "dict": _django(2),
    **{name: _django(1) for name in ("str", "bool", "int", "float", "json", "url", "path")},
    "bytes": _django(1),
    **{name: _django(1, "DATABASE_URL") for name in ("db_url", "db")},
    **{name: _django(1, "CACHE_URL") for name in ("cache_url", "cache")},
    **{name: _django(1, "EMAIL_URL") for name in ("email_url", "email")},
    "search_url": _django(1, "SEARCH_URL"),
    **{name: _django(1, "CHANNELS_URL") for name in ("channels_url", "channels")},
}


def _reader_kind(receiver: str) -> str | None:
    """Return the library of a reader object: ``environ.Env()``, ``environs.env``, ..."""
    if receiver.endswith("()"):
        return _READER_CLASSES.get(receiver[:-2])
    return _READER_INSTANCES.get(receiver)


def _spec_for(callee: str) -> _Spec | None:
    """Return how the resolved function ``callee`` reads a variable, or None if it does not."""
    if callee in _GETENV:
        return _GETENV_SPEC
    kind = _reader_kind(callee)
    if kind is not None:
        return _method_spec(kind, "__call__")
    receiver, _, method = callee.rpartition(".")
    if receiver in _ENVIRON:
        return _ENVIRON_SPECS.get(method)
    kind = _reader_kind(receiver)
    return None if kind is None else _method_spec(kind, method)


def _method_spec(kind: str, method: str) -> _Spec | None:
    """Return the spec of ``method`` of a reader object of library ``kind``."""
    if kind == "django-environ":
        return _DJANGO_SPECS.get(method)
    if kind == "environs":
        return _ENVIRONS_SPEC if method == "__call__" or method in _ENVIRONS_METHODS else None
    return _DECOUPLE_SPEC if method in ("__call__", "get") else None


def _is_click_param(callee: str) -> bool:
    """Return whether ``callee`` declares a click/typer option or argument."""
    head, _, last = callee.partition(".")
    return head in _CLICK_MODULES and last.rpartition(".")[2] in _CLICK_PARAMS


# ---------------------------------------------------------------- arguments as plain data
#
# An argument is described as a list whose last item is its source text:
#   ["s", value, text]                    a string known statically
#   ["p", param, prefix, suffix, text]    prefix + a parameter of the enclosing function + suffix
#   ["d", prefix, text]                   a string built at run time, with its literal prefix
#   ["x", text]                           a constant that is not a string


class _Args(NamedTuple):
    """A call's arguments, described."""

    positional: list[list[Any]]
    keywords: dict[str, list[Any]]
    star: bool  # ``*args`` or ``**kwargs``: more arguments than described


def _join_parts(parts: list[str | ast.expr]) -> list[str | ast.expr]:
    """Merge adjacent strings of a part list."""
    merged: list[str | ast.expr] = []
    for part in parts:
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        elif part != "":
            merged.append(part)
    return merged


class _Describer:
    """Describe expressions of one file, knowing its module-level string constants."""

    def __init__(self, constants: dict[str, str]) -> None:
        """Use ``constants`` (name to value) for names that hold a literal string."""
        self.constants = constants

    def describe(self, node: ast.expr, params: frozenset[str]) -> list[Any]:
        """Describe ``node``; ``params`` are the enclosing function's parameters."""
        if isinstance(node, ast.Constant):
            return self._constant(node.value)
        parts = _join_parts(self._parts(node, params))
        text = ast.unparse(node)
        if all(isinstance(part, str) for part in parts):
            return ["s", "".join(part for part in parts if isinstance(part, str)), text]
        prefix, suffix = "", ""
        if isinstance(parts[0], str):
            prefix, parts = parts[0], parts[1:]
        if len(parts) == 2 and isinstance(parts[1], str):
            suffix, parts = parts[1], parts[:1]
        variable = parts[0]
        if len(parts) == 1 and isinstance(variable, ast.Name) and variable.id in params:
            return ["p", variable.id, prefix, suffix, text]
        return ["d", prefix, text]

    @staticmethod
    def _constant(value: object) -> list[Any]:
        """Describe a constant: strings (and bytes, for ``os.environb``) can be names."""
        if isinstance(value, str):
            return ["s", value, repr(value)]
        if isinstance(value, bytes):
            return ["s", value.decode("latin-1"), repr(value)]
        return ["x", "..." if value is Ellipsis else repr(value)]

    def _parts(self, node: ast.expr, params: frozenset[str]) -> list[str | ast.expr]:
        """Split a string expression into literal text and run-time parts, in order."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [node.value]
        if isinstance(node, ast.Name):
            if node.id not in params and node.id in self.constants:
                return [self.constants[node.id]]
            return [node]
        if isinstance(node, ast.JoinedStr):
            return [part for value in node.values for part in self._formatted(value, params)]
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return self._parts(node.left, params) + self._parts(node.right, params)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            return self._printf(node, params)
        if isinstance(node, ast.Call):
            return self._format_call(node, params)
        return [node]

    def _formatted(self, value: ast.expr, params: frozenset[str]) -> list[str | ast.expr]:
        """Return the parts of one piece of an f-string."""
        if isinstance(value, ast.FormattedValue):
            return [value] if value.format_spec else self._parts(value.value, params)
        return self._parts(value, params)

    def _printf(self, node: ast.BinOp, params: frozenset[str]) -> list[str | ast.expr]:
        """Return the parts of ``"A_%s" % x`` (one ``%s``), else the text before ``%``."""
        template = node.left
        if not (isinstance(template, ast.Constant) and isinstance(template.value, str)):
            return [node]
        text = template.value
        if text.count("%") == 1 and "%s" in text and not isinstance(node.right, ast.Tuple):
            before, _, after = text.partition("%s")
            return [before, *self._parts(node.right, params), after]
        return [text.partition("%")[0], node]

    def _format_call(self, node: ast.Call, params: frozenset[str]) -> list[str | ast.expr]:
        """Return the parts of ``"A_{}".format(x)`` (one ``{}``); else the text before ``{``."""
        func = node.func
        if not (
            isinstance(func, ast.Attribute)
            and func.attr == "format"
            and isinstance(func.value, ast.Constant)
            and isinstance(func.value.value, str)
        ):
            return [node]
        text = func.value.value
        simple = text.count("{") == 1 and "{}" in text and len(node.args) == 1
        if simple and not node.keywords and not isinstance(node.args[0], ast.Starred):
            before, _, after = text.partition("{}")
            return [before, *self._parts(node.args[0], params), after]
        return [text.partition("{")[0], node]

    def arguments(self, call: ast.Call, params: frozenset[str]) -> _Args:
        """Describe a call's arguments (positional ones up to the first ``*args``)."""
        positional = []
        star = False
        for argument in call.args:
            if isinstance(argument, ast.Starred):
                star = True
                break
            positional.append(self.describe(argument, params))
        keywords = {}
        for keyword in call.keywords:
            if keyword.arg is None:
                star = True
            else:
                keywords[keyword.arg] = self.describe(keyword.value, params)
        return _Args(positional, keywords, star)


def _name_and_default(spec: _Spec, args: _Args) -> tuple[list[Any] | None, list[Any] | None]:
    """Return the described name and default a reader call passes (None when absent)."""
    if args.positional:
        name = args.positional[0]
    elif spec.name_keyword in args.keywords:
        name = args.keywords[spec.name_keyword]
    elif args.star:
        name = ["d", "", "*"]
    elif spec.fixed_name is not None:
        name = ["s", spec.fixed_name, repr(spec.fixed_name)]
    else:
        name = None
    if len(args.positional) > spec.default_index:
        default = args.positional[spec.default_index]
    else:
        default = args.keywords.get("default")
    return name, default


def _default_spec(default: list[Any] | None) -> list[Any]:
    """Return a wrapper's default: ``["param", name]`` when it passes a parameter through,
    else ``["fixed", text or None]``."""
    if default is not None and default[0] == "p" and not any(default[2:4]):
        return ["param", default[1]]
    return ["fixed", None if default is None else default[-1]]


def _required(default: str | None, strict: bool | None) -> bool | None:
    """A read with a default never fails; without one it fails when the reader is strict."""
    return False if default is not None else strict


# ---------------------------------------------------------------- the per-file collector


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


def _literal_string(node: ast.expr | None) -> str | None:
    """Return the value of a literal string expression, else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _django_scheme(call: ast.Call) -> dict[str, str]:
    """Return the defaults a django-environ ``Env(NAME=(cast, default))`` declares."""
    scheme = {}
    for keyword in call.keywords:
        value = keyword.value
        if keyword.arg and isinstance(value, ast.Tuple) and len(value.elts) == 2:
            scheme[keyword.arg] = ast.unparse(value.elts[1])
    return scheme


# ---------------------------------------------------------------- pydantic settings


@dataclass(slots=True)
class _Field:
    """One annotated field of a pydantic model."""

    name: str
    line: int
    annotation: ast.expr
    aliases: list[list[Any]] | None
    default: str | None
    required: bool
    description: str | None


@dataclass(slots=True)
class _Model:
    """A module-level class of the file, with what pydantic settings need of it."""

    node: ast.ClassDef
    local_bases: list[str] = field(default_factory=list)
    external_bases: list[str] = field(default_factory=list)


class _Settings:
    """The pydantic models and settings classes of one file."""

    def __init__(
        self, tree: ast.Module, resolve: Callable[[str], str], describer: _Describer
    ) -> None:
        """Index the module-level classes of ``tree``."""
        self.resolve = resolve
        self.describer = describer
        classes = [node for node in tree.body if isinstance(node, ast.ClassDef)]
        names = {node.name for node in classes}
        self.models = {node.name: self._model(node, names) for node in classes}

    def _model(self, node: ast.ClassDef, names: set[str]) -> _Model:
        """Sort a class's bases into classes of this file and resolved external names."""
        model = _Model(node)
        for base in node.bases:
            dotted = dotted_name(base)
            if dotted in names:
                model.local_bases.append(dotted)
            elif dotted:
                model.external_bases.append(self.resolve(dotted))
        return model

    def lineage(self, name: str) -> list[str]:
        """Return ``name`` and its bases in this file, bases first (a cycle stops)."""
        order: list[str] = []

        def visit(current: str) -> None:
            """Put ``current`` and then its bases in ``order``, once each."""
            if current in order or current not in self.models:
                return
            order.insert(0, current)
            for base in reversed(self.models[current].local_bases):
                if base not in order:
                    visit(base)

        visit(name)
        return order

    def derives_from(self, name: str, roots: frozenset[str]) -> bool:
        """Return whether class ``name`` (or a base in this file) derives from ``roots``."""
        return any(
            root in roots
            for base in self.lineage(name)
            for root in self.models[base].external_bases
        )

    def config(self, name: str) -> dict[str, Any]:
        """Return the settings config of ``name``, its bases' first."""
        merged: dict[str, Any] = {}
        for base in self.lineage(name):
            merged.update(self._own_config(self.models[base].node))
        return merged

    def _own_config(self, node: ast.ClassDef) -> dict[str, Any]:
        """Return the config keys a class sets: class keywords, ``model_config``, ``Config``."""
        found = {keyword.arg: keyword.value for keyword in node.keywords if keyword.arg}
        for statement in node.body:
            if isinstance(statement, ast.ClassDef) and statement.name == "Config":
                found.update(_class_assignments(statement))
            else:
                value = _assigned_value(statement, "model_config")
                if value is not None:
                    found.update(_config_entries(value))
        return {key: _config_value(value) for key, value in found.items()}

    def fields(self, name: str) -> list[_Field]:
        """Return the fields of ``name`` including inherited ones, a subclass overriding."""
        by_name: dict[str, _Field] = {}
        for base in self.lineage(name):
            for found in self._own_fields(self.models[base].node):
                by_name[found.name] = found
        return list(by_name.values())

    def _own_fields(self, node: ast.ClassDef) -> Iterator[_Field]:
        """Yield the annotated fields a class body declares."""
        body = node.body
        for index, statement in enumerate(body):
            if not isinstance(statement, ast.AnnAssign) or not isinstance(
                statement.target, ast.Name
            ):
                continue
            name = statement.target.id
            if name.startswith("_") or name == "model_config" or self._is_classvar(statement):
                continue
            following = body[index + 1] if index + 1 < len(body) else None
            yield self._field(name, statement, _docstring(following))

    def _is_classvar(self, statement: ast.AnnAssign) -> bool:
        """Return whether a field is annotated ``ClassVar[...]`` (not a field)."""
        annotation = statement.annotation
        if isinstance(annotation, ast.Subscript):
            annotation = annotation.value
        return self.resolve(dotted_name(annotation)) in ("typing.ClassVar", "ClassVar")

    def _field(self, name: str, statement: ast.AnnAssign, docstring: str | None) -> _Field:
        """Read one field's aliases, default and description."""
        value = statement.value
        call = self._field_call(value)
        default_node = value
        if call is None:
            call = self._annotated_field(statement.annotation)
        keywords = {} if call is None else {k.arg: k.value for k in call.keywords}
        if call is not None and call is value:
            default_node = call.args[0] if call.args else keywords.get("default")
        elif default_node is None:
            default_node = keywords.get("default")
        has_factory = "default_factory" in keywords
        is_ellipsis = isinstance(default_node, ast.Constant) and default_node.value is Ellipsis
        default = None if default_node is None or is_ellipsis else ast.unparse(default_node)
        is_missing = default is None
        description = _literal_string(keywords.get("description")) or docstring
        aliases = self._aliases(keywords)
        return _Field(
            name,
            statement.lineno,
            statement.annotation,
            aliases,
            default,
            is_missing and not has_factory,
            description,
        )

    def _field_call(self, node: ast.expr | None) -> ast.Call | None:
        """Return ``node`` when it is a call of pydantic's ``Field``."""
        if isinstance(node, ast.Call) and self.resolve(dotted_name(node.func)) in _FIELD_FUNCTIONS:
            return node
        return None

    def _annotated_field(self, annotation: ast.expr) -> ast.Call | None:
        """Return the ``Field(...)`` inside ``Annotated[T, Field(...)]``, if any."""
        if not isinstance(annotation, ast.Subscript):
            return None
        if self.resolve(dotted_name(annotation.value)) not in ("typing.Annotated", "Annotated"):
            return None
        elements = annotation.slice.elts if isinstance(annotation.slice, ast.Tuple) else []
        return next(filter(None, map(self._field_call, elements[1:])), None)

    def _aliases(self, keywords: dict[str | None, ast.expr]) -> list[list[Any]] | None:
        """Return the described names an alias keyword gives a field, or None."""
        for keyword in _ALIAS_KEYWORDS:
            value = keywords.get(keyword)
            if value is not None:
                return list(self._alias_names(value))
        return None

    def _alias_names(self, value: ast.expr) -> Iterator[list[Any]]:
        """Yield the names of an alias: a string, ``AliasChoices``/``AliasPath``, a list."""
        if isinstance(value, ast.List | ast.Tuple | ast.Set):
            for element in value.elts:
                yield from self._alias_names(element)
        elif isinstance(value, ast.Call) and self.resolve(dotted_name(value.func)).endswith(
            "AliasChoices"
        ):
            for element in value.args:
                yield from self._alias_names(element)
        elif isinstance(value, ast.Call) and self.resolve(dotted_name(value.func)).endswith(
            "AliasPath"
        ):
            if value.args:
                yield self.describer.describe(value.args[0], frozenset())
        else:
            described = self.describer.describe(value, frozenset())
            yield described if described[0] != "x" else ["d", "", described[-1]]

    def nested_model(self, annotation: ast.expr) -> str | None:
        """Return the model of this file a field's type names (``M``, ``M | None``, ...)."""
        for node in ast.walk(annotation):
            if (
                isinstance(node, ast.Name)
                and node.id in self.models
                and self.derives_from(node.id, _MODEL_BASES | _SETTINGS_BASES)
            ):
                return node.id
        return None


def _pydantic_reads(
    tree: ast.Module, resolve: Callable[[str], str], describer: _Describer
) -> list[list[Any]]:
    """Return the variables the pydantic settings classes of a file read, as read facts."""
    settings = _Settings(tree, resolve, describer)
    reads = []
    for name in settings.models:
        if settings.derives_from(name, _SETTINGS_BASES):
            reads.extend(_settings_reads(settings, name))
    return reads


def _settings_reads(settings: _Settings, name: str) -> Iterator[list[Any]]:
    """Yield the reads of one settings class: one per field (or alias, or nested field)."""
    config = settings.config(name)
    prefix = config.get("env_prefix", "")
    insensitive = config.get("case_sensitive", False) is not True
    delimiter = config.get("env_nested_delimiter")
    for found in settings.fields(name):
        for text, dynamic, leaf, required in _field_names(settings, found, prefix, delimiter, 0):
            yield [
                text.upper() if insensitive else text,
                leaf.line,
                "pydantic",
                leaf.default,
                required,
                leaf.description,
                insensitive,
                dynamic,
            ]


def _field_names(
    settings: _Settings, found: _Field, prefix: Any, delimiter: Any, depth: int
) -> Iterator[tuple[str, bool, _Field, bool]]:
    """Yield ``(name, dynamic, field, required)`` for a field and a nested model's fields."""
    if not isinstance(prefix, str):
        yield "*", True, found, found.required
        return
    if found.aliases is not None:
        alias_prefix = prefix if depth else ""  # a nested field's alias follows the delimiter
        for alias in found.aliases:
            if alias[0] == "s":
                yield alias_prefix + alias[1], False, found, found.required
            else:
                yield f"{alias_prefix}{alias[1] if alias[0] == 'd' else ''}*", True, found, True
        return
    nested = settings.nested_model(found.annotation) if isinstance(delimiter, str) else None
    if nested is None or depth >= MAX_WRAPPER_DEPTH:
        yield prefix + found.name, False, found, found.required
        return
    inner_prefix = f"{prefix}{found.name}{delimiter}"
    for inner in settings.fields(nested):
        inner = _Field(
            inner.name,
            inner.line,
            inner.annotation,
            inner.aliases,
            inner.default,
            inner.required and found.required,
            inner.description,
        )
        yield from _field_names(settings, inner, inner_prefix, delimiter, depth + 1)


def _assigned_value(statement: ast.stmt, name: str) -> ast.expr | None:
    """Return the value ``statement`` assigns to the single name ``name``, else None."""
    if isinstance(statement, ast.Assign):
        targets = statement.targets
    elif isinstance(statement, ast.AnnAssign):
        targets = [statement.target]
    else:
        return None
    if len(targets) == 1 and isinstance(targets[0], ast.Name) and targets[0].id == name:
        return statement.value
    return None


def _class_assignments(node: ast.ClassDef) -> dict[str, ast.expr]:
    """Return the ``name = value`` assignments of a class body (pydantic v1 ``Config``)."""
    found = {}
    for statement in node.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            if isinstance(target, ast.Name):
                found[target.id] = statement.value
    return found


def _config_entries(value: ast.expr) -> dict[str, ast.expr]:
    """Return the entries of ``SettingsConfigDict(k=v)``, ``ConfigDict(...)`` or ``{"k": v}``."""
    if isinstance(value, ast.Call):
        return {keyword.arg: keyword.value for keyword in value.keywords if keyword.arg}
    if isinstance(value, ast.Dict):
        return {
            key.value: item
            for key, item in zip(value.keys, value.values, strict=True)
            if isinstance(key, ast.Constant) and isinstance(key.value, str)
        }
    return {}


class _Unknown:
    """A config value that is not a literal."""


def _config_value(node: ast.expr) -> Any:
    """Return a literal config value, or an ``_Unknown`` instance."""
    if isinstance(node, ast.Constant):
        return node.value
    return _Unknown()


def _docstring(statement: ast.stmt | None) -> str | None:
    """Return the attribute docstring ``statement`` is, if it is one."""
    if isinstance(statement, ast.Expr):
        text = _literal_string(statement.value)
        if text is not None:
            return cleandoc(text) or None
    return None


# ---------------------------------------------------------------- linking files


class _Template(NamedTuple):
    """A read inside a function whose variable name is ``prefix + param + suffix``."""

    prefix: str
    suffix: str
    param: str
    default: tuple[str, str | None]  # ("param", name) or ("fixed", text or None)
    strict: bool
    source: str
    path: str
    line: int


class _Call(NamedTuple):
    """A recorded call, with the file it is in."""

    callee: str
    line: int
    positional: list[list[Any]]
    keywords: dict[str, list[Any]]
    star: bool
    caller: str | None
    path: str


class _Signature(NamedTuple):
    """The parameters of a function, as calls fill them."""

    positional: list[str]
    keyword_only: list[str]
    skip: int
    defaults: dict[str, str]

    def argument(self, call: _Call, param: str) -> list[Any] | None:
        """Return the described argument ``call`` passes for ``param``, if known."""
        if param in call.keywords:
            return call.keywords[param]
        if param in self.positional:
            index = self.positional.index(param) - self.skip
            if 0 <= index < len(call.positional):
                return call.positional[index]
        return None


class _Linker:
    """Every file's facts, indexed to resolve calls across files."""

    def __init__(self, modules: list[ModuleFacts]) -> None:
        """Index the facts of ``modules``."""
        self.bindings: dict[str, dict[str, str]] = {}
        self.signatures: dict[str, _Signature] = {}
        self.templates: dict[str, set[_Template]] = {}
        self.calls: list[_Call] = []
        self.direct: list[EnvRead] = []
        for module in modules:
            if isinstance(module.facts, dict):
                self._add(module)

    def _add(self, module: ModuleFacts) -> None:
        """Index one file's facts."""
        facts = module.facts
        self.bindings[module.module] = dict(facts.get("bindings") or {})
        for qualname, (positional, keyword_only, skip, defaults) in (
            facts.get("functions") or {}
        ).items():
            self.signatures[qualname] = _Signature(
                list(positional), list(keyword_only), skip, dict(defaults)
            )
        for qualname, line, source, prefix, suffix, param, default, strict in (
            facts.get("templates") or []
        ):
            template = _Template(
                prefix, suffix, param, (default[0], default[1]), strict, source, module.path, line
            )
            self.templates.setdefault(qualname, set()).add(template)
        for callee, line, positional, keywords, star, caller in facts.get("calls") or []:
            self.calls.append(_Call(callee, line, positional, keywords, star, caller, module.path))
        for name, line, source, default, required, description, insensitive, dynamic in (
            facts.get("reads") or []
        ):
            self.direct.append(
                EnvRead(
                    name,
                    module.path,
                    line,
                    source,
                    default,
                    required,
                    description,
                    insensitive,
                    dynamic,
                )
            )

    def resolve(self, callee: str) -> str:
        """Follow ``module.name`` through the module's bindings (``env = Env()``...)."""
        for _ in range(MAX_WRAPPER_DEPTH + 1):
            if _spec_for(callee) or _function_key(callee) in self.templates:
                return callee
            module, rest = self._split(callee)
            head, dot, tail = rest.partition(".")
            target = self.bindings.get(module, {}).get(head) if module else None
            if target is None:
                return callee
            callee = f"{target}{dot}{tail}"
        return callee

    def _split(self, callee: str) -> tuple[str | None, str]:
        """Split ``callee`` into the longest known module name and the rest."""
        parts = callee.split(".")
        for end in range(len(parts) - 1, 0, -1):
            module = ".".join(parts[:end])
            if module in self.bindings:
                return module, ".".join(parts[end:])
        return None, callee

    def derive_wrappers(self) -> None:
        """Make a function forwarding a parameter to a wrapper (or a reader) a wrapper too."""
        forwarding = [
            (call.caller, call)
            for call in self.calls
            if call.caller is not None and call.caller in self.signatures
        ]
        for _ in range(MAX_WRAPPER_DEPTH - 1):
            found = [
                (caller, template)
                for caller, call in forwarding
                for template in self._forwarded(call)
            ]
            added = False
            for caller, template in found:
                known = self.templates.setdefault(caller, set())
                added = added or template not in known
                known.add(template)
            if not added:
                return

    def _forwarded(self, call: _Call) -> Iterator[_Template]:
        """Yield the templates ``call`` gives its calling function."""
        for template, name, default in self._expand(call):
            if name is None or name[0] != "p":
                continue
            kind, value = _default_spec(default)
            yield template._replace(
                prefix=template.prefix + name[2],
                suffix=name[3] + template.suffix,
                param=name[1],
                default=(kind, value),
            )

    def _expand(
        self, call: _Call
    ) -> Iterator[tuple[_Template, list[Any] | None, list[Any] | None]]:
        """Yield, for each read ``call`` makes, its template, name argument and default."""
        callee = self.resolve(call.callee)
        spec = _spec_for(callee)
        if spec is not None:
            name, default = _name_and_default(
                spec, _Args(call.positional, call.keywords, call.star)
            )
            template = _Template(
                "", "", "", ("fixed", None), spec.strict, spec.source, call.path, call.line
            )
            yield template, name, default
            return
        key = _function_key(callee)
        signature = self.signatures.get(key)
        if signature is None:
            return
        for template in sorted(self.templates.get(key, ()), key=repr):
            name = signature.argument(call, template.param)
            yield template, name, self._default_at(call, signature, template)

    @staticmethod
    def _default_at(call: _Call, signature: _Signature, template: _Template) -> list[Any] | None:
        """Return the default a wrapper's read gets at ``call``: passed, declared or fixed."""
        kind, value = template.default
        if value is None:
            return None
        if kind == "fixed":
            return ["x", value]
        passed = signature.argument(call, value)
        declared = signature.defaults.get(value)
        return passed if passed is not None or declared is None else ["x", declared]

    def call_site_reads(self) -> tuple[list[EnvRead], set[tuple[str, int]]]:
        """Return the reads made through wrappers and readers at calls, and the reads used."""
        reads = []
        used = set()
        for call in self.calls:
            callee = self.resolve(call.callee)
            through = None if _spec_for(callee) else f"wrapper:{_function_key(callee)}"
            for template, name, default in self._expand(call):
                if name is None or name[0] not in "sd":
                    continue
                used.add((template.path, template.line))
                default_text = None if default is None else default[-1]
                reads.append(
                    EnvRead(
                        _wrapped_name(template, name),
                        call.path,
                        call.line,
                        through or template.source,
                        default_text,
                        _required(default_text, template.strict),
                        None,
                        False,
                        name[0] == "d",
                    )
                )
        return reads, used

    def unused_templates(self, used: set[tuple[str, int]]) -> Iterator[EnvRead]:
        """Yield a wrapper's own read, as dynamic, when no call site names its variable."""
        for templates in self.templates.values():
            for template in templates:
                if (template.path, template.line) in used:
                    continue
                default = template.default[1] if template.default[0] == "fixed" else None
                yield EnvRead(
                    f"{template.prefix}*",
                    template.path,
                    template.line,
                    template.source,
                    default,
                    _required(default, template.strict),
                    None,
                    False,
                    True,
                )


def _wrapped_name(template: _Template, name: list[Any]) -> str:
    """Return the variable a wrapper reads for a described name argument."""
    if name[0] == "s":
        return f"{template.prefix}{name[1]}{template.suffix}"
    return f"{template.prefix}{name[1]}*"


def _function_key(callee: str) -> str:
    """Return the function a resolved callee names: ``m.Cls().get`` is ``m.Cls.get``."""
    return callee.replace("().", ".")


def env_reads(modules: list[ModuleFacts]) -> list[EnvRead]:
    """Return every environment read of the files' ``envvars`` facts, sorted.

    Wrappers are expanded at their call sites; a wrapper no call names a variable for is
    kept as one dynamic read. Dynamic reads count once per (file, literal prefix).
    """
    linker = _Linker(modules)
    linker.derive_wrappers()
    through_calls, used = linker.call_site_reads()
    reads = linker.direct + through_calls + list(linker.unused_templates(used))
    return _finish(reads)


def _finish(reads: list[EnvRead]) -> list[EnvRead]:
    """Drop duplicates, keep the first dynamic read per (file, prefix), and sort."""
    seen_dynamic: set[tuple[str, str]] = set()
    kept = []
    for read in sorted(set(reads), key=lambda read: (read.path, read.line, _sort_key(read))):
        if read.dynamic:
            if (read.path, read.name) in seen_dynamic:
                continue
            seen_dynamic.add((read.path, read.name))
        kept.append(read)
    return sorted(kept, key=_sort_key)


def _sort_key(read: EnvRead) -> tuple[Any, ...]:
    """Sort by name, path and line, then by everything else for a total order."""
    return (
        read.name,
        read.path,
        read.line,
        read.source,
        repr(read.default),
        repr(read.required),
        repr(read.description),
        read.case_insensitive,
        read.dynamic,
    )
