"""Per-file fact collection, run in the parse worker: ``collect`` reads one file's
framework objects, registrations, route lists and handlers into plain data, and the
string constants and settings classes and objects a path in another file may name."""

from __future__ import annotations

import ast
import re
from typing import Any

from docaudit.analysers.apis.endpoints.handlers import _class_info, _function_info
from docaudit.analysers.apis.endpoints.tables import (
    _DYN,
    _MAX_DEPTH,
    DYNAMIC,
    HTTP_METHODS,
    RECEIVER_CTORS,
    Value,
)
from docaudit.analysers.python.names import ImportTable, dotted_name

_MARKERS = re.compile(
    r"flask|quart|fastapi|aiohttp|starlette|rest_framework|urlpatterns|as_view"
    r"|django\.(?:views|http|shortcuts|urls|conf\.urls|contrib\.admin\.views)"
    r"|add_url_rule|add_api_route|include_router|register_blueprint|add_routes|add_subapp"
    r"|\.register\(|\.route\(|\(request\b|\(self, request\b"
    r"|@\w+(?:\.\w+)*\.(?:get|post|put|patch|delete|options|head|trace|websocket|api_route|view)\("
)
_DECORATOR_VERBS = frozenset(
    (*HTTP_METHODS, "route", "api_route", "websocket", "websocket_route", "view")
)
_CALL_VERBS = frozenset(
    (
        "add_url_rule",
        "register_blueprint",
        "add_api_route",
        "add_api_websocket_route",
        "include_router",
        "mount",
        "add_route",
        "add_websocket_route",
        "add_routes",
        "add_subapp",
        "register",
    )
)
_ROUTER_VERBS = frozenset(
    ("add_get", "add_post", "add_put", "add_patch", "add_delete", "add_head")
    + ("add_route", "add_view", "add_routes")
)
_ROUTE_CALLS = frozenset(
    (*HTTP_METHODS, "path", "re_path", "url", "include", "route", "view")
    + ("Route", "WebSocketRoute", "Mount")
)
_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_BOUND_EXPRESSIONS = (
    ast.Constant,
    ast.JoinedStr,
    ast.BinOp,
    ast.List,
    ast.Tuple,
    ast.Set,
    ast.Name,
    ast.Attribute,
)
_RECEIVER_TAGS = frozenset(("node", "ref", "attr"))
_TEXT_TAGS = frozenset(("str", "join"))
_CONSTANT_EXPRESSIONS = (ast.Constant, ast.JoinedStr, ast.BinOp, ast.Call)
_MAX_CONSTANT = 200


def collect(tree: ast.Module, imports: ImportTable, text: str) -> Any:
    """Return the route facts of one file as plain data, or None when it has none.

    A file with no sign of a web framework is only read for what a route elsewhere
    can use as a path: its module-level string constants and settings objects.
    """
    top = {statement.name for statement in tree.body if isinstance(statement, _DEFINITIONS)}
    reader = _FileReader(imports, top)
    names: dict[str, Value] = {}
    if _MARKERS.search(text):
        reader.walk(tree.body, names, top=True, depth=0)
    else:
        reader.constants(tree.body, names)
    exports = {name: value for name, value in names.items() if _exported(name, value)}
    facts = {
        "nodes": reader.nodes,
        "records": reader.records,
        "exports": exports,
        "functions": reader.functions,
        "classes": reader.classes,
        "settings": reader.settings,
    }
    found = {key: value for key, value in facts.items() if value}
    return found or None


class _FileReader:
    """Read one file's framework objects, registrations, route lists and handlers."""

    def __init__(self, imports: ImportTable, top: set[str]) -> None:
        """Read one file, resolving names through ``imports``; ``top`` are its top-level names."""
        self.imports = imports
        self.top = top
        self.nodes: list[dict[str, Any]] = []
        self.records: list[dict[str, Any]] = []
        self.functions: dict[str, dict[str, Any]] = {}
        self.classes: dict[str, dict[str, Any]] = {}
        self.settings: dict[str, dict[str, Any]] = {}

    def constants(self, body: list[ast.stmt], names: dict[str, Value]) -> None:
        """Read only the module-level settings classes and string constants of a file."""
        for statement in body:
            if isinstance(statement, ast.ClassDef):
                self._settings_class(statement)
            elif isinstance(statement, ast.Assign | ast.AnnAssign) and isinstance(
                statement.value, _CONSTANT_EXPRESSIONS
            ):
                self._assign(statement, names)

    def walk(self, body: list[ast.stmt], names: dict[str, Value], top: bool, depth: int) -> None:
        """Read the statements of one scope in order, keeping ``names`` bound as they go."""
        for statement in body:
            if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
                self._function(statement, names, top, depth)
            elif isinstance(statement, ast.ClassDef):
                self._class(statement, names, top)
            elif isinstance(statement, ast.Assign | ast.AnnAssign | ast.AugAssign):
                self._assign(statement, names)
            elif isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
                self._call_statement(statement.value, names)
            elif isinstance(statement, ast.Import | ast.ImportFrom) and not top:
                self._local_import(statement, names)
            else:
                for block in _blocks(statement):
                    self.walk(block, names, top, depth)

    def _function(
        self,
        function: ast.FunctionDef | ast.AsyncFunctionDef,
        names: dict[str, Value],
        top: bool,
        depth: int,
    ) -> None:
        """Record a function, the routes its decorators register, and what its body does."""
        info = _function_info(function)
        self._decorators(function, ["fn", info], names)
        if top:
            self.functions[function.name] = info
            names.pop(function.name, None)
        else:
            names[function.name] = ["fn", info]
        if depth < _MAX_DEPTH:
            self.walk(function.body, dict(names), top=False, depth=depth + 1)

    def _class(self, klass: ast.ClassDef, names: dict[str, Value], top: bool) -> None:
        """Record a module-level class and the routes its decorators register."""
        handler = ["ref", self._qualified(klass.name)] if top else _DYN
        self._decorators(klass, handler, names)
        if top and klass.bases:
            self.classes[klass.name] = _class_info(klass, self._qualified)
            self._settings_class(klass)

    def _settings_class(self, klass: ast.ClassDef) -> None:
        """Record a settings class (a ``BaseSettings`` subclass, or a subclass of one in
        this file): its bases and the literal string defaults of its fields."""
        bases = [self._qualified(dotted) for dotted in map(dotted_name, klass.bases) if dotted]
        if not any(
            base.rpartition(".")[2] == "BaseSettings" or base in self.settings for base in bases
        ):
            return
        fields: dict[str, Value] = {}
        for statement in klass.body:
            if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
                target, value = statement.targets[0], statement.value
            elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
                target, value = statement.target, statement.value
            else:
                continue
            default = self.value(_field_default(value), {})
            if isinstance(target, ast.Name) and default[0] in _TEXT_TAGS:
                fields[target.id] = default
        self.settings[self._qualified(klass.name)] = {"bases": bases, "fields": fields}

    def _decorators(
        self,
        definition: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef,
        handler: Value,
        names: dict[str, Value],
    ) -> None:
        """Record each ``@receiver.verb(...)`` decorator of a definition as a route."""
        for decorator in definition.decorator_list:
            if not isinstance(decorator, ast.Call) or not isinstance(
                decorator.func, ast.Attribute
            ):
                continue
            if decorator.func.attr not in _DECORATOR_VERBS:
                continue
            receiver = self.value(decorator.func.value, names)
            if receiver[0] in _RECEIVER_TAGS:
                record = self._record(receiver, decorator.func.attr, decorator, names)
                record["handler"] = handler
                self.records.append(record)

    def _assign(
        self, statement: ast.Assign | ast.AnnAssign | ast.AugAssign, names: dict[str, Value]
    ) -> None:
        """Bind the names an assignment sets; ``+=`` grows a bound list."""
        if statement.value is None:
            return
        value = self._bound_value(statement, statement.value, names)
        if isinstance(statement, ast.AugAssign):
            if isinstance(statement.op, ast.Add) and isinstance(statement.target, ast.Name):
                known = names.get(statement.target.id, _DYN)
                names[statement.target.id] = _concat(known, value)
            return
        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        for target in targets:
            if isinstance(target, ast.Name):
                names[target.id] = value
            elif isinstance(target, ast.Tuple | ast.List):
                for element in target.elts:
                    if isinstance(element, ast.Name):
                        names[element.id] = _DYN

    def _bound_value(
        self,
        statement: ast.Assign | ast.AnnAssign | ast.AugAssign,
        expr: ast.expr,
        names: dict[str, Value],
    ) -> Value:
        """Return the value an assignment binds; only what routes can use is read in full.

        ``urlpatterns = wrap(urlpatterns)`` (a debug toolbar adding its routes, say)
        keeps the routes it had: what the call adds cannot be known.
        """
        if _sets_urlpatterns(statement) and _passes_urlpatterns(expr) and "urlpatterns" in names:
            return names["urlpatterns"]
        if isinstance(expr, _BOUND_EXPRESSIONS) or _sets_urlpatterns(statement):
            return self.value(expr, names)
        if isinstance(expr, ast.Call):
            func = self.value(expr.func, names)
            if func[0] == "ref" and func[1] in RECEIVER_CTORS:
                return self.value(expr, names)
            if func[0] == "ref" and func[1] in self.settings:
                return ["inst", func[1]]
        return _DYN

    def _call_statement(self, call: ast.Call, names: dict[str, Value]) -> None:
        """Record a registration call (``app.include_router(...)``) or grow a bound list."""
        func = call.func
        if not isinstance(func, ast.Attribute):
            return
        if func.attr in ("append", "extend") and isinstance(func.value, ast.Name):
            self._grow(func.value.id, func.attr, call, names)
            return
        verb, owner = func.attr, func.value
        if isinstance(owner, ast.Attribute) and owner.attr == "router" and verb in _ROUTER_VERBS:
            verb, owner = f"router.{verb}", owner.value
        if verb not in _CALL_VERBS and not verb.startswith("router."):
            return
        receiver = self.value(owner, names)
        if receiver[0] in _RECEIVER_TAGS:
            self.records.append(self._record(receiver, verb, call, names))

    def _grow(self, name: str, how: str, call: ast.Call, names: dict[str, Value]) -> None:
        """Apply ``name.append(x)`` / ``name.extend(xs)`` to a bound list."""
        known = names.get(name)
        if known is None or known[0] != "list" or len(call.args) != 1:
            return
        added = self.value(call.args[0], names)
        names[name] = _concat(known, ["list", [added]] if how == "append" else added)

    def _local_import(
        self, statement: ast.Import | ast.ImportFrom, names: dict[str, Value]
    ) -> None:
        """Bind the names an import inside a function makes (app factories import late)."""
        if isinstance(statement, ast.Import):
            for alias in statement.names:
                bound = alias.asname or alias.name.split(".", 1)[0]
                names[bound] = ["ref", alias.name if alias.asname else bound]
            return
        base = _absolute_module(self.imports, statement.module or "", statement.level)
        for alias in statement.names:
            if alias.name != "*":
                target = f"{base}.{alias.name}" if base else alias.name
                names[alias.asname or alias.name] = ["ref", target]

    def _record(
        self, receiver: Value, verb: str, call: ast.Call, names: dict[str, Value]
    ) -> dict[str, Any]:
        """Return a registration: receiver, verb, its arguments as values, and its line."""
        return {
            "recv": receiver,
            "verb": verb,
            "args": [self.value(argument, names) for argument in call.args],
            "kw": self._keywords(call, names),
            "line": call.lineno,
        }

    def _keywords(self, call: ast.Call, names: dict[str, Value], depth: int = 0) -> dict:
        """Return a call's keyword arguments as values; ``**kwargs`` is kept as ``**``."""
        return {
            keyword.arg or "**": self.value(keyword.value, names, depth + 1)
            for keyword in call.keywords
        }

    def value(self, expr: ast.expr, names: dict[str, Value], depth: int = 0) -> Value:
        """Return an expression as plain data (see ``Value``)."""
        if depth > _MAX_DEPTH:
            return _DYN
        if isinstance(expr, ast.Constant):
            return _constant(expr.value)
        if isinstance(expr, ast.JoinedStr):
            return _joined([self._fstring_part(part, names, depth) for part in expr.values])
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
            left = self.value(expr.left, names, depth + 1)
            return _concat(left, self.value(expr.right, names, depth + 1))
        if isinstance(expr, ast.List | ast.Tuple | ast.Set):
            return ["list", [self.value(item, names, depth + 1) for item in expr.elts]]
        if isinstance(expr, ast.Starred):
            return ["star", self.value(expr.value, names, depth + 1)]
        if isinstance(expr, ast.Dict):
            pairs = zip(expr.keys, expr.values, strict=True)
            return [
                "dict",
                [
                    [self.value(key, names, depth + 1), self.value(item, names, depth + 1)]
                    for key, item in pairs
                    if key is not None
                ],
            ]
        if isinstance(expr, ast.Call):
            return self._call_value(expr, names, depth)
        if isinstance(expr, ast.Name | ast.Attribute):
            return self._name_value(expr, names)
        return _DYN

    def _call_value(self, call: ast.Call, names: dict[str, Value], depth: int) -> Value:
        """Return a call as a value; a framework constructor call becomes a new node."""
        func = self.value(call.func, names, depth + 1)
        arguments = [self.value(argument, names, depth + 1) for argument in call.args]
        keywords = self._keywords(call, names, depth)
        if func[0] == "ref" and func[1] in RECEIVER_CTORS:
            local_id = f"{call.lineno}:{call.col_offset}"
            self.nodes.append(
                {
                    "id": local_id,
                    "ctor": func[1],
                    "line": call.lineno,
                    "args": arguments,
                    "kw": keywords,
                }
            )
            return ["node", local_id]
        return ["call", func, arguments, keywords, call.lineno]

    def _name_value(self, expr: ast.Name | ast.Attribute, names: dict[str, Value]) -> Value:
        """Return what a (dotted) name refers to: a bound value, an import, a definition."""
        dotted = dotted_name(expr)
        if not dotted:
            return _DYN
        head, _, rest = dotted.partition(".")
        bound = names.get(head)
        if bound is not None:
            if not rest:
                return bound
            if bound[0] in ("node", "inst"):
                return ["attr", bound, rest]
            if bound[0] == "ref":
                return ["ref", f"{bound[1]}.{rest}"]
            return _DYN
        if head in self.imports.aliases or head in self.top:
            return ["ref", self._qualified(dotted)]
        return _DYN

    def _fstring_part(self, part: ast.expr, names: dict[str, Value], depth: int) -> Value:
        """Return one part of an f-string: its text, or a name another file may know;
        a part formatted with a conversion or a format spec is dynamic."""
        if isinstance(part, ast.Constant):
            return _constant(part.value)
        if (
            not isinstance(part, ast.FormattedValue)
            or part.conversion != -1
            or part.format_spec is not None
        ):
            return _DYN
        return self.value(part.value, names, depth + 1)

    def _qualified(self, dotted: str) -> str:
        """Return a dotted name resolved through the imports, or qualified by this module."""
        head = dotted.partition(".")[0]
        if head in self.imports.aliases:
            return self.imports.resolve(dotted)
        module = self.imports.module
        return f"{module}.{dotted}" if module else dotted


def _passes_urlpatterns(expr: ast.expr) -> bool:
    """Tell whether ``expr`` is a call given ``urlpatterns`` itself as an argument."""
    return isinstance(expr, ast.Call) and any(
        isinstance(arg, ast.Name) and arg.id == "urlpatterns" for arg in expr.args
    )


def _sets_urlpatterns(statement: ast.Assign | ast.AnnAssign | ast.AugAssign) -> bool:
    """Tell whether an assignment sets ``urlpatterns``."""
    targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
    return any(isinstance(target, ast.Name) and target.id == "urlpatterns" for target in targets)


def _blocks(statement: ast.stmt) -> list[list[ast.stmt]]:
    """Return the statement lists nested in an ``if``, ``with`` or ``try``."""
    if isinstance(statement, ast.If):
        return [statement.body, statement.orelse]
    if isinstance(statement, ast.With | ast.AsyncWith):
        return [statement.body]
    if isinstance(statement, ast.Try | ast.TryStar):
        handlers = [handler.body for handler in statement.handlers]
        return [statement.body, *handlers, statement.orelse, statement.finalbody]
    return []


def _absolute_module(imports: ImportTable, source: str, level: int) -> str:
    """Return the module a ``from [.]*source import`` names, as ``ImportTable`` does."""
    if level == 0:
        return source
    parts = imports.package.split(".") if imports.package else []
    if level > 1:
        parts = parts[: len(parts) - (level - 1)]
    return ".".join(part for part in [*parts, source] if part)


def _constant(value: object) -> Value:
    """Return a literal as a value; bytes and other odd literals are dynamic."""
    if isinstance(value, str):
        return ["str", value]
    if value is None or isinstance(value, bool | int | float):
        return ["const", value]
    return _DYN


def _concat(left: Value, right: Value) -> Value:
    """Return ``left + right``: a joined list, or joined text when either side is text."""
    if left[0] == "list" or right[0] == "list":
        return ["list", _items(left) + _items(right)]
    if left[0] in _TEXT_TAGS or right[0] in _TEXT_TAGS:
        return _joined([left, right])
    return _DYN


def _joined(parts: list[Value]) -> Value:
    """Return text made of ``parts``: one ``str`` when all are known here, else a ``join``
    of its texts and of the names (``ref``, ``attr``) linking reads in other files; any
    other part is ``<dynamic>``."""
    flat: list[Value] = []
    for part in parts:
        for piece in part[1] if part[0] == "join" else [part]:
            known = piece if piece[0] in ("str", "ref", "attr") else ["str", DYNAMIC]
            if known[0] == "str" and flat and flat[-1][0] == "str":
                flat[-1] = ["str", flat[-1][1] + known[1]]
            else:
                flat.append(known)
    if all(piece[0] == "str" for piece in flat):
        return ["str", "".join(piece[1] for piece in flat)]
    return ["join", flat]


def _items(value: Value) -> list[Value]:
    """Return a list value's items, or the value spliced in as one starred item."""
    return list(value[1]) if value[0] == "list" else [["star", value]]


def _field_default(expr: ast.expr) -> ast.expr:
    """Return a settings field's default: ``"/api"`` for ``Field("/api")`` or
    ``Field(default="/api")``, else the expression itself."""
    if not isinstance(expr, ast.Call) or dotted_name(expr.func).rpartition(".")[2] != "Field":
        return expr
    if expr.args:
        return expr.args[0]
    return next((k.value for k in expr.keywords if k.arg == "default"), expr)


def _exported(name: str, value: Value) -> bool:
    """Tell whether a module-level binding can matter to other files: a framework object,
    ``urlpatterns``, a route list, a settings object, or text a path can be made of
    (a ``join``, or a string of at most 200 characters without white space)."""
    if value[0] in ("node", "inst", "join") or name == "urlpatterns":
        return True
    if value[0] == "str":
        text = value[1]
        return len(text) <= _MAX_CONSTANT and not any(char.isspace() for char in text)
    return value[0] == "list" and any(_route_like(item) for item in value[1])


def _route_like(item: Value) -> bool:
    """Tell whether a list item looks like a route: ``path(...)``, ``Route(...)``, a node."""
    if item[0] in ("star", "node"):
        return True
    if item[0] != "call" or item[1][0] != "ref":
        return False
    return item[1][1].rpartition(".")[2] in _ROUTE_CALLS
