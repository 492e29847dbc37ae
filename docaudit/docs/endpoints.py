"""Web API endpoints of Flask, FastAPI, Django (with REST framework), aiohttp and Starlette code.

``collect`` reads one file's syntax tree into plain data: the framework objects it
creates (apps, blueprints, routers, route tables), the routes registered on them, its
route lists and ``urlpatterns``, and the functions and classes that can serve as
handlers. ``endpoint_symbols`` joins every file's facts: it resolves receivers and
handlers through imports, follows blueprint, router, ``include()`` and mount prefixes,
and returns one ``endpoint`` Symbol per (handler, HTTP method).

Rules worth knowing:

- Only objects built by a framework constructor are receivers, so ``@cache.get("/x")``
  on anything else is never an endpoint; a name rebound to something else stops being one.
- A view whose methods cannot be known statically (a Django function view, a class view
  with no method defined) is reported as ``GET``; methods given by a non-literal
  expression are reported as ``ANY`` with the note ``unknown methods``.
- A path part that is not a literal becomes ``<dynamic>`` and the symbol is noted
  ``partial path``, as is an endpoint reached only through an include or mount cycle.
- A handler that resolves into the repository's own packages but cannot be found is
  reported at its registration, undocumented, noted ``handler not found``; a handler of
  a third-party package (``django.contrib.auth`` views) is not the repository's endpoint.
- Documented: the handler's docstring (up to a ``\\f`` or a line starting with ``---``,
  and not a placeholder), a literal ``summary=``/``description=`` on the route, or a
  documentation decorator with one. A class view's method uses its own docstring, else
  the class docstring, where REST framework's per-action sections (``list:``...) decide
  for the action they name and the text before the sections for the others.
- DRF routers: the ``DefaultRouter`` API root view is not reported; detail routes use
  ``{pk}`` (or the class's ``lookup_url_kwarg``/``lookup_field``).
"""

from __future__ import annotations

import ast
import inspect
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from docaudit.docs.docstrings import OK, classify
from docaudit.docs.names import ImportTable, dotted_name
from docaudit.model import ModuleFacts, Symbol

DEFAULT_OPERATIONAL_PATHS = ("/health", "/healthz", "/ready", "/readyz", "/livez", "/metrics")
"""Health and metrics routes, left out of the endpoints."""

DYNAMIC = "<dynamic>"
"""Stands for the part of a path that is not known statically."""

RECEIVER_CTORS = {
    "flask.Flask": "flask",
    "flask.Blueprint": "flask",
    "flask.blueprints.Blueprint": "flask",
    "quart.Quart": "flask",
    "quart.Blueprint": "flask",
    "apiflask.APIFlask": "flask",
    "apiflask.APIBlueprint": "flask",
    "flask_smorest.Blueprint": "flask",
    "fastapi.FastAPI": "fastapi",
    "fastapi.APIRouter": "fastapi",
    "fastapi.routing.APIRouter": "fastapi",
    "aiohttp.web.RouteTableDef": "aiohttp",
    "aiohttp.web.Application": "aiohttp",
    "starlette.applications.Starlette": "starlette",
    "starlette.routing.Router": "starlette",
    "rest_framework.routers.DefaultRouter": "drf",
    "rest_framework.routers.SimpleRouter": "drf",
}
"""Constructors whose objects routes are registered on, and the framework they belong to."""

HTTP_METHODS = ("get", "post", "put", "patch", "delete", "head", "options", "trace")
VIEWSET_ACTIONS = {
    "list": ("GET", False),
    "create": ("POST", False),
    "retrieve": ("GET", True),
    "update": ("PUT", True),
    "partial_update": ("PATCH", True),
    "destroy": ("DELETE", True),
}
"""REST framework viewset actions: HTTP method and whether the route is a detail route."""

_GET, _GET_POST = ("get",), ("get", "post")
GENERIC_VIEW_METHODS = {
    **dict.fromkeys(
        ("TemplateView", "RedirectView", "ListView", "DetailView", "ArchiveIndexView"), _GET
    ),
    **dict.fromkeys(("YearArchiveView", "MonthArchiveView", "DayArchiveView"), _GET),
    **dict.fromkeys(("FormView", "CreateView", "UpdateView", "DeleteView"), _GET_POST),
    "CreateAPIView": ("post",),
    "ListAPIView": _GET,
    "RetrieveAPIView": _GET,
    "DestroyAPIView": ("delete",),
    "UpdateAPIView": ("put", "patch"),
    "ListCreateAPIView": _GET_POST,
    "RetrieveUpdateAPIView": ("get", "put", "patch"),
    "RetrieveDestroyAPIView": ("get", "delete"),
    "RetrieveUpdateDestroyAPIView": ("get", "put", "patch", "delete"),
}
"""HTTP methods a generic class view serves without defining them, by base class name."""

VIEWSET_BASE_ACTIONS = {
    "ModelViewSet": tuple(VIEWSET_ACTIONS),
    "ReadOnlyModelViewSet": ("list", "retrieve"),
    "ListModelMixin": ("list",),
    "CreateModelMixin": ("create",),
    "RetrieveModelMixin": ("retrieve",),
    "UpdateModelMixin": ("update", "partial_update"),
    "DestroyModelMixin": ("destroy",),
}
"""Viewset actions a REST framework base class or mixin provides."""

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
_DOC_DECORATORS = frozenset(("extend_schema", "swagger_auto_schema", "doc", "docs"))
_DOC_KEYWORDS = frozenset(("summary", "description", "operation_summary", "operation_description"))
_REQUIRE_DECORATORS = {
    "require_GET": ("GET",),
    "require_POST": ("POST",),
    "require_safe": ("GET",),
}
_CLASS_MEMBERS = frozenset((*HTTP_METHODS, *VIEWSET_ACTIONS))
_COERCED_ACTIONS = {"retrieve": "read", "destroy": "delete"}
_SECTION_HEADER = re.compile(r"^[a-zA-Z][0-9A-Za-z_]*:")
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
_DYN: list[Any] = ["dyn"]
_MAX_DEPTH = 12
_MAX_HOPS = 8
_MAX_MOUNTS = 64
_MAX_CHAIN = 20

Value = list[Any]
"""An expression as plain data: ``[tag, ...]`` with tag ``str``, ``const``, ``list``,
``dict``, ``star``, ``call``, ``ref`` (a dotted name resolved through imports), ``attr``,
``node`` (a framework object made in this file), ``fn`` (a function defined inside a
function) or ``dyn`` (not known statically)."""


# --------------------------------------------------------------------------- per file


def collect(tree: ast.Module, imports: ImportTable, text: str) -> Any:
    """Return the route facts of one file as plain data, or None when it has none."""
    if not _MARKERS.search(text):
        return None
    top = {statement.name for statement in tree.body if isinstance(statement, _DEFINITIONS)}
    reader = _FileReader(imports, top)
    names: dict[str, Value] = {}
    reader.walk(tree.body, names, top=True, depth=0)
    exports = {name: value for name, value in names.items() if _exported(name, value)}
    facts = {
        "nodes": reader.nodes,
        "records": reader.records,
        "exports": exports,
        "functions": reader.functions,
        "classes": reader.classes,
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
            return ["str", self._fstring(expr, names)]
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
            if bound[0] == "node":
                return ["attr", bound, rest]
            if bound[0] == "ref":
                return ["ref", f"{bound[1]}.{rest}"]
            return _DYN
        if head in self.imports.aliases or head in self.top:
            return ["ref", self._qualified(dotted)]
        return _DYN

    def _fstring(self, expr: ast.JoinedStr, names: dict[str, Value]) -> str:
        """Return an f-string's text with the parts not known statically as ``<dynamic>``."""
        parts = []
        for part in expr.values:
            if isinstance(part, ast.Constant) and isinstance(part.value, str):
                parts.append(part.value)
                continue
            known = self.value(part.value, names) if isinstance(part, ast.FormattedValue) else _DYN
            parts.append(known[1] if known[0] == "str" else DYNAMIC)
        return "".join(parts)

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
    """Return ``left + right``: joined text, a joined list, or text with a dynamic part."""
    if left[0] == "list" or right[0] == "list":
        return ["list", _items(left) + _items(right)]
    if left[0] == "str" or right[0] == "str":
        return ["str", _text(left) + _text(right)]
    return _DYN


def _items(value: Value) -> list[Value]:
    """Return a list value's items, or the value spliced in as one starred item."""
    return list(value[1]) if value[0] == "list" else [["star", value]]


def _text(value: Value) -> str:
    """Return a string value's text, or ``<dynamic>``."""
    return value[1] if value[0] == "str" else DYNAMIC


def _last_name(decorator: ast.expr) -> str:
    """Return the last name of a decorator: ``action`` for ``@decorators.action(...)``."""
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return dotted_name(target).rpartition(".")[2]


def _exported(name: str, value: Value) -> bool:
    """Tell whether a module-level binding can matter to other files."""
    if value[0] == "node" or name == "urlpatterns":
        return True
    return value[0] == "list" and any(_route_like(item) for item in value[1])


def _route_like(item: Value) -> bool:
    """Tell whether a list item looks like a route: ``path(...)``, ``Route(...)``, a node."""
    if item[0] in ("star", "node"):
        return True
    if item[0] != "call" or item[1][0] != "ref":
        return False
    return item[1][1].rpartition(".")[2] in _ROUTE_CALLS


def _doc_text(
    definition: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef, dedent: bool = False
) -> str | None:
    """Return the human part of a docstring: up to a ``\\f`` or a line starting ``---``.

    The cut is made before the docstring is dedented, so a leading ``\\f`` hides all;
    ``dedent`` cleans the indentation as ``inspect.cleandoc`` does (sections need it).
    """
    raw = ast.get_docstring(definition, clean=False)
    if raw is None:
        return None
    text = raw.split("\f", 1)[0]
    kept = []
    for line in (inspect.cleandoc(text) if dedent else text).splitlines():
        if line.strip().startswith("---"):
            break
        kept.append(line)
    return "\n".join(kept)


def _has_text(text: str | None, name: str) -> bool:
    """Tell whether a docstring's human part is real text, not a placeholder."""
    return classify(text, name) == OK


def _function_info(function: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[str, Any]:
    """Return a handler's name, def line, whether it is documented, and decorator facts."""
    info: dict[str, Any] = {
        "name": function.name,
        "line": function.lineno,
        "doc": _has_text(_doc_text(function), function.name),
    }
    for decorator in function.decorator_list:
        name = _last_name(decorator)
        call = decorator if isinstance(decorator, ast.Call) else None
        if name in _DOC_DECORATORS and call is not None and _documents(call):
            info["doc"] = True
        elif name == "api_view":
            info["methods"] = _api_view_methods(call)
        elif name == "require_http_methods" and call is not None and call.args:
            info["methods"] = _literal_methods(call.args[0])
        elif name in _REQUIRE_DECORATORS:
            info["methods"] = list(_REQUIRE_DECORATORS[name])
        elif name == "action" and call is not None:
            info["action"] = _action(call, function.name)
    return info


def _api_view_methods(call: ast.Call | None) -> list[str]:
    """Return the methods of ``@api_view([...])``; GET when none are given."""
    if call is None:
        return ["GET"]
    if call.args:
        return _literal_methods(call.args[0])
    for keyword in call.keywords:
        if keyword.arg == "http_method_names":
            return _literal_methods(keyword.value)
    return ["GET"]


def _literal_methods(expr: ast.expr) -> list[str]:
    """Return the upper-case methods of a literal list, or ``["ANY"]`` when not literal."""
    items = expr.elts if isinstance(expr, ast.List | ast.Tuple | ast.Set) else [expr]
    methods = []
    for item in items:
        if not (isinstance(item, ast.Constant) and isinstance(item.value, str)):
            return ["ANY"]
        methods.append(item.value.upper())
    return methods


def _action(call: ast.Call, name: str) -> dict[str, Any]:
    """Return an ``@action``'s detail flag, methods and URL path."""
    action: dict[str, Any] = {"detail": False, "methods": ["GET"], "url_path": name}
    for keyword in call.keywords:
        literal = keyword.value.value if isinstance(keyword.value, ast.Constant) else None
        if keyword.arg == "detail":
            action["detail"] = literal is True
        elif keyword.arg == "methods":
            action["methods"] = _literal_methods(keyword.value)
        elif keyword.arg == "url_path":
            action["url_path"] = literal if isinstance(literal, str) else DYNAMIC
    return action


def _documents(call: ast.Call) -> bool:
    """Tell whether a documentation decorator call has a non-empty summary or description."""
    return any(
        keyword.arg in _DOC_KEYWORDS
        and isinstance(keyword.value, ast.Constant)
        and isinstance(keyword.value.value, str)
        and classify(keyword.value.value, "") == OK
        for keyword in call.keywords
    )


def _class_info(klass: ast.ClassDef, qualify: Callable[[str], str]) -> dict[str, Any]:
    """Return a class's line, bases, docstring facts and its handler methods."""
    docstring = _doc_text(klass, dedent=True)
    info: dict[str, Any] = {
        "name": klass.name,
        "line": klass.lineno,
        "bases": [qualify(dotted) for dotted in map(dotted_name, klass.bases) if dotted],
        "doc": _has_text(docstring, klass.name),
        "methods": {},
    }
    sections = _sections(docstring)
    if sections:
        info["sections"] = sections
    lookups: dict[str, str] = {}
    for statement in klass.body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            if statement.name in _CLASS_MEMBERS or any(
                _last_name(decorator) == "action" for decorator in statement.decorator_list
            ):
                info["methods"][statement.name] = _function_info(statement)
        elif isinstance(statement, ast.Assign):
            lookups.update(_lookup_attribute(statement))
    lookup = lookups.get("lookup_url_kwarg") or lookups.get("lookup_field")
    if lookup:
        info["lookup"] = lookup
    _class_decorators(klass, info)
    return info


def _lookup_attribute(statement: ast.Assign) -> dict[str, str]:
    """Return ``{"lookup_field": "slug"}`` for ``lookup_field = "slug"`` (and the kwarg)."""
    if len(statement.targets) != 1 or not isinstance(statement.targets[0], ast.Name):
        return {}
    name = statement.targets[0].id
    value = statement.value
    if name in ("lookup_field", "lookup_url_kwarg") and isinstance(value, ast.Constant):
        return {name: value.value} if isinstance(value.value, str) else {}
    return {}


def _class_decorators(klass: ast.ClassDef, info: dict[str, Any]) -> None:
    """Apply ``@extend_schema(...)`` (documents all) and ``@extend_schema_view(action=...)``."""
    for decorator in klass.decorator_list:
        if not isinstance(decorator, ast.Call):
            continue
        name = _last_name(decorator)
        if name in _DOC_DECORATORS and _documents(decorator):
            info["doc"] = True
            info.pop("sections", None)
        elif name == "extend_schema_view":
            documented = [
                keyword.arg
                for keyword in decorator.keywords
                if keyword.arg
                and isinstance(keyword.value, ast.Call)
                and _documents(keyword.value)
            ]
            if documented:
                info["schema_view"] = sorted(documented)


def _sections(text: str | None) -> dict[str, bool] | None:
    """Return REST framework's docstring sections (``list:`` ...) and whether each has text.

    The key ``""`` is the text before the first section; None when there are no sections.
    """
    if not text:
        return None
    current, sections = "", {"": [""]}
    for line in text.splitlines():
        if _SECTION_HEADER.match(line):
            current, _, lead = line.partition(":")
            sections[current] = [lead.strip()]
        else:
            sections[current].append(line)
    if len(sections) == 1:
        return None
    return {name: classify("\n".join(lines), name) == OK for name, lines in sections.items()}


# ------------------------------------------------------------------------- cross file


@dataclass(slots=True)
class _Node:
    """A framework object routes hang on: app, blueprint, router, route table, URLconf."""

    key: tuple[str, str]
    framework: str
    prefix: str | None = None
    hidden: bool = False


@dataclass(frozen=True, slots=True)
class _Edge:
    """A node mounted on a parent: inline path pieces, then a registration prefix."""

    parent: tuple[str, str]
    pieces: tuple[str, ...] = ()
    prefix: str | None = None
    hidden: bool = False


@dataclass(frozen=True, slots=True)
class _Target:
    """Where a handler is, and whether it is documented."""

    path: str
    line: int
    documented: bool


@dataclass(frozen=True, slots=True)
class _Route:
    """One (method, path within its node) served by a handler."""

    node: tuple[str, str]
    method: str
    pieces: tuple[str, ...]
    target: _Target
    site: str | None
    hidden: bool = False
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Function:
    """A function handler and the file it is in."""

    path: str
    info: dict[str, Any]


@dataclass(slots=True)
class _View:
    """A class handler with its project base classes and framework base names."""

    path: str
    info: dict[str, Any]
    chain: list[tuple[str, dict[str, Any]]]
    frameworks: set[str]
    mapping: dict[str, str] | None = None

    def member(self, name: str) -> tuple[dict[str, Any], bool] | None:
        """Return the method ``name`` and whether this class itself defines it."""
        for index, (_, info) in enumerate(self.chain):
            if name in info["methods"]:
                return info["methods"][name], index == 0
        return None

    def target(self, name: str) -> _Target:
        """Return where method/action ``name`` is served and whether it is documented."""
        found = self.member(name)
        line = self.info["line"]
        documented = _class_documents(self.info, name)
        if found is not None:
            member, own = found
            line = member["line"] if own else line
            documented = documented or member["doc"]
        return _Target(self.path, line, documented)

    def http_methods(self) -> list[str]:
        """Return the HTTP methods served: defined ones plus generic-view defaults."""
        found = {
            name for _, info in self.chain for name in info["methods"] if name in HTTP_METHODS
        }
        for base in self.frameworks:
            found.update(GENERIC_VIEW_METHODS.get(base, ()))
        return sorted(found)

    def actions(self) -> list[str]:
        """Return the viewset actions: defined ones plus those of base classes and mixins."""
        found = {
            name for _, info in self.chain for name in info["methods"] if name in VIEWSET_ACTIONS
        }
        for base in self.frameworks:
            found.update(VIEWSET_BASE_ACTIONS.get(base, ()))
        return sorted(found)

    def extra_actions(self) -> list[tuple[str, dict[str, Any]]]:
        """Return the ``@action`` methods, nearest definition first, by name."""
        found: dict[str, dict[str, Any]] = {}
        for _, info in self.chain:
            for name, member in info["methods"].items():
                if "action" in member:
                    found.setdefault(name, member["action"])
        return sorted(found.items())

    def lookup(self) -> str:
        """Return the URL keyword of detail routes: ``pk`` unless the class sets one."""
        return next((info["lookup"] for _, info in self.chain if "lookup" in info), "pk")


def _class_documents(info: dict[str, Any], name: str) -> bool:
    """Tell whether a class's docstring (or schema decorator) documents method ``name``."""
    if name in info.get("schema_view", ()):
        return True
    sections = info.get("sections")
    if not sections:
        return bool(info["doc"])
    for key in (name, _COERCED_ACTIONS.get(name)):
        if key in sections:
            return bool(sections[key])
    return bool(sections.get("", False))


@dataclass(slots=True)
class _Call:
    """A recorded call's arguments, read by position or keyword."""

    args: list[Value]
    kw: dict[str, Value]
    line: int

    def arg(self, index: int, keywords: Iterable[str] = ()) -> Value | None:
        """Return argument ``index`` or the first keyword given; dynamic after a ``*``."""
        for position, value in enumerate(self.args[: index + 1]):
            if value[0] == "star":
                return _DYN
            if position == index:
                return value
        for keyword in keywords:
            if keyword in self.kw:
                return self.kw[keyword]
        return _DYN if "**" in self.kw else None


@dataclass(slots=True)
class _Registration:
    """What a route registration says besides its handler."""

    methods: tuple[str, ...] | None
    pieces: tuple[str, ...]
    site: str | None
    documented: bool = False
    hidden: bool = False
    notes: tuple[str, ...] = ()


_SHAPES: dict[str, tuple[str, int, int]] = {
    **{verb: (verb.upper(), 0, 1) for verb in HTTP_METHODS},
    **{f"router.add_{verb}": (verb.upper(), 0, 1) for verb in HTTP_METHODS[:6]},
    "route": ("kw", 0, 1),
    "api_route": ("kw", 0, 1),
    "websocket": ("WEBSOCKET", 0, 1),
    "websocket_route": ("WEBSOCKET", 0, 1),
    "view": ("class", 0, 1),
    "add_url_rule": ("kw", 0, 2),
    "add_api_route": ("kw", 0, 1),
    "add_route": ("kw", 0, 1),
    "add_api_websocket_route": ("WEBSOCKET", 0, 1),
    "add_websocket_route": ("WEBSOCKET", 0, 1),
    "router.add_route": ("arg", 1, 2),
    "router.add_view": ("class", 0, 1),
}
"""Route verbs: where the method comes from (fixed, ``methods=``, first argument, the
class), and the positions of the path and handler arguments."""
_PATH_KEYWORDS = ("rule", "path")
_HANDLER_KEYWORDS = ("view_func", "endpoint", "handler", "route")


def endpoint_symbols(
    modules: list[ModuleFacts], operational: Sequence[str] = DEFAULT_OPERATIONAL_PATHS
) -> list[Symbol]:
    """Return one ``endpoint`` Symbol per (handler, HTTP method) found in ``modules``."""
    repo = _Repo(modules)
    repo.read()
    left_out = {path.rstrip("/") or "/" for path in operational}
    found: dict[tuple[str, int, str], Symbol] = {}
    for symbol in repo.symbols():
        path = symbol.qualname.partition(" ")[2]
        if (path.rstrip("/") or "/") in left_out:
            continue
        key = (symbol.path, symbol.line, symbol.qualname)
        if key in found:
            found[key].sites = sorted(set(found[key].sites) | set(symbol.sites))
        else:
            found[key] = symbol
    return sorted(found.values(), key=lambda item: (item.path, item.line, item.qualname))


class _Repo:
    """Every file's route facts, joined: names, nodes, edges, then routes."""

    def __init__(self, modules: list[ModuleFacts]) -> None:
        """Index the facts of every file by module name."""
        self.modules = [module for module in modules if isinstance(module.facts, dict)]
        self.by_name = {module.module: module for module in self.modules}
        self.packages = {module.module.partition(".")[0] for module in self.modules}
        self.names: dict[str, tuple[Value, ModuleFacts]] = {}
        self.nodes: dict[tuple[str, str], _Node] = {}
        self.edges: dict[tuple[str, str], list[_Edge]] = defaultdict(list)
        self.routes: list[_Route] = []
        self.urlconfs: dict[str, ModuleFacts] = {}

    def read(self) -> None:
        """Index every file's names and nodes, then read its registrations and route lists."""
        for module in self.modules:
            self._index(module)
        for module in self.modules:
            for record in module.facts.get("nodes", ()):
                self._node_routes(record, module)
            for record in module.facts.get("records", ()):
                self._record(record, module)
        for name in sorted(self.urlconfs):
            module = self.urlconfs[name]
            patterns = module.facts["exports"]["urlpatterns"]
            self._patterns((module.path, "urlconf"), patterns, module, (), 0)

    def _index(self, module: ModuleFacts) -> None:
        """Index a file's exported values, handlers, framework objects and ``urlpatterns``."""
        facts = module.facts
        for name, value in facts.get("exports", {}).items():
            self.names[f"{module.module}.{name}"] = (value, module)
        for name, info in facts.get("functions", {}).items():
            self.names[f"{module.module}.{name}"] = (["fnref", info], module)
        for name, info in facts.get("classes", {}).items():
            self.names[f"{module.module}.{name}"] = (["clsref", info], module)
        for record in facts.get("nodes", ()):
            node = _make_node(record, module.path)
            self.nodes[node.key] = node
        if "urlpatterns" in facts.get("exports", {}):
            self.urlconfs[module.module] = module
            key = (module.path, "urlconf")
            self.nodes[key] = _Node(key, "django")

    # -- names

    def lookup(self, dotted: str, hops: int = 0) -> tuple[Value, list[str], ModuleFacts] | None:
        """Return what a qualified name is bound to, the attributes left, and its file."""
        parts = dotted.split(".")
        for cut in range(len(parts), 0, -1):
            key = ".".join(parts[:cut])
            found = self.names.get(key)
            if found is not None:
                return found[0], parts[cut:], found[1]
            module = self.by_name.get(key)
            if module is not None and cut < len(parts):
                target = module.aliases.get(parts[cut])
                if target is None or hops >= _MAX_HOPS:
                    return None
                return self.lookup(".".join([target, *parts[cut + 1 :]]), hops + 1)
        return None

    def resolve(
        self, value: Value, module: ModuleFacts, hops: int = 0
    ) -> tuple[Value, list[str], ModuleFacts]:
        """Follow references and attributes to the value they name, where it is defined."""
        if value[0] == "attr" and hops < _MAX_HOPS:
            base, rest, owner = self.resolve(value[1], module, hops + 1)
            return base, rest + value[2].split("."), owner
        if value[0] != "ref":
            return value, [], module
        found = self.lookup(value[1])
        if found is None:
            return value, [], module
        inner, rest, owner = found
        if inner[0] in ("ref", "attr") and hops < _MAX_HOPS:
            deeper, more, owner = self.resolve(inner, owner, hops + 1)
            return deeper, more + rest, owner
        return inner, rest, owner

    def node_of(self, value: Value | None, module: ModuleFacts) -> _Node | None:
        """Return the framework object a value names, if it names one."""
        if value is None:
            return None
        found, rest, owner = self.resolve(value, module)
        if found[0] != "node" or rest:
            return None
        return self.nodes.get((owner.path, found[1]))

    # -- registrations

    def _record(self, record: dict[str, Any], module: ModuleFacts) -> None:
        """Read one registration (decorator or call) on a framework object."""
        node = self.node_of(record["recv"], module)
        if node is None:
            return
        verb = record["verb"]
        call = _Call(record["args"], record["kw"], record["line"])
        if verb in ("register_blueprint", "include_router", "mount", "add_subapp"):
            self._edge(node, verb, call, module)
        elif verb == "register":
            if node.framework == "drf":
                self._register(node, call, module)
        elif verb in ("add_routes", "router.add_routes"):
            self._route_table(node, call.arg(0, ("routes",)), module, 0)
        else:
            self._route(node, record, call, module)

    def _route(
        self, node: _Node, record: dict[str, Any], call: _Call, module: ModuleFacts
    ) -> None:
        """Read a route decorator or call: its path, methods and handler."""
        verb = record["verb"]
        source, path_at, handler_at = _SHAPES.get(verb, ("", 0, 0))
        if not source:
            return
        if verb == "route" and node.framework == "aiohttp":
            source, path_at, handler_at = "arg", 1, 2
        methods, notes = _methods(call, source)
        path = _path_text(call.arg(path_at, _PATH_KEYWORDS))
        handler = record.get("handler") or call.arg(handler_at, _HANDLER_KEYWORDS)
        site = None if "handler" in record else f"{module.path}:{call.line}"
        registration = _Registration(
            methods, (path,), site, _route_documented(call.kw), _hidden(call.kw), notes
        )
        self._serve(node, registration, handler, module)

    def _edge(self, parent: _Node, verb: str, call: _Call, module: ModuleFacts) -> None:
        """Read a blueprint/router/sub-application registration on ``parent``."""
        if verb in ("register_blueprint", "include_router"):
            child = self.node_of(call.arg(0, ("blueprint", "router")), module)
            keyword = "url_prefix" if verb == "register_blueprint" else "prefix"
            given = call.kw.get(keyword)
            prefix = None if given is None else _path_text(given)
            edge = _Edge(parent.key, (), prefix, _hidden(call.kw))
        else:
            child = self.node_of(call.arg(1, ("app", "subapp")), module)
            edge = _Edge(parent.key, (_path_text(call.arg(0, ("path", "prefix"))),))
        self._link(child, edge)

    def _link(self, child: _Node | None, edge: _Edge) -> None:
        """Mount ``child`` on the edge's parent (a node is never its own parent)."""
        if child is not None and child.key != edge.parent:
            self.edges[child.key].append(edge)

    def _register(self, router: _Node, call: _Call, module: ModuleFacts) -> None:
        """Read ``router.register(prefix, ViewSet)``: one route per viewset action."""
        handler = self._handler(call.arg(1, ("viewset",)), module)
        if not isinstance(handler, _View):
            return
        prefix = _path_text(call.arg(0, ("prefix",)))
        site = f"{module.path}:{call.line}"
        base = f"{prefix}/" if prefix else ""
        detail = f"{base}{{{handler.lookup()}}}/"
        for action in handler.actions():
            method, on_detail = VIEWSET_ACTIONS[action]
            piece = detail if on_detail else base
            self._add(router, _Registration(None, (piece,), site), method, handler.target(action))
        for name, action in handler.extra_actions():
            piece = f"{detail if action['detail'] else base}{action['url_path']}/"
            for method in action["methods"]:
                registration = _Registration(None, (piece,), site)
                self._add(router, registration, method, handler.target(name))

    def _node_routes(self, record: dict[str, Any], module: ModuleFacts) -> None:
        """Read the ``routes=`` list given to a Starlette, Router or FastAPI constructor."""
        node = self.nodes[(module.path, record["id"])]
        if node.framework not in ("starlette", "fastapi"):
            return
        position = 1 if record["ctor"] == "starlette.applications.Starlette" else 0
        call = _Call(record["args"], record["kw"], record["line"])
        routes = call.arg(position, ("routes",)) if node.framework == "starlette" else None
        routes = routes or record["kw"].get("routes")
        if routes is not None:
            self._starlette(node, routes, module, (), 0)

    def _starlette(
        self, node: _Node, value: Value, module: ModuleFacts, pieces: tuple[str, ...], depth: int
    ) -> None:
        """Read a Starlette route list: ``Route``, ``WebSocketRoute``, ``Mount``."""
        found, rest, owner = self.resolve(value, module)
        if found[0] != "list" or rest or depth > _MAX_DEPTH:
            return
        for item in found[1]:
            if item[0] == "star":
                self._starlette(node, item[1], owner, pieces, depth + 1)
            elif item[0] == "call":
                self._starlette_item(node, item, owner, pieces, depth)

    def _starlette_item(
        self, node: _Node, item: Value, module: ModuleFacts, pieces: tuple[str, ...], depth: int
    ) -> None:
        """Read one ``Route(...)``, ``WebSocketRoute(...)`` or ``Mount(...)``."""
        kind = _framework_call(item, ("starlette.", "fastapi."))
        call = _Call(item[2], item[3], item[4])
        here = (*pieces, _path_text(call.arg(0, ("path",))))
        if kind == "Mount":
            routes = call.kw.get("routes")
            if routes is not None:
                self._starlette(node, routes, module, here, depth + 1)
            self._link(self.node_of(call.arg(1, ("app",)), module), _Edge(node.key, here))
            return
        if kind not in ("Route", "WebSocketRoute"):
            return
        methods, notes = _methods(call, "kw" if kind == "Route" else "WEBSOCKET")
        site = f"{module.path}:{call.line}"
        registration = _Registration(methods, here, site, False, _hidden(call.kw), notes)
        self._serve(node, registration, call.arg(1, ("endpoint",)), module)

    def _route_table(
        self, node: _Node, value: Value | None, module: ModuleFacts, depth: int
    ) -> None:
        """Read ``app.add_routes(table_or_list)``: a route table, or ``web.get(...)`` items."""
        if value is None or depth > _MAX_DEPTH:
            return
        self._link(self.node_of(value, module), _Edge(node.key))
        found, rest, owner = self.resolve(value, module)
        if found[0] != "list" or rest:
            return
        for item in found[1]:
            if item[0] == "star":
                self._route_table(node, item[1], owner, depth + 1)
            elif item[0] == "call":
                self._route_definition(node, item, owner)

    def _route_definition(self, node: _Node, item: Value, module: ModuleFacts) -> None:
        """Read one aiohttp ``web.get(path, handler)``/``web.route``/``web.view`` item."""
        kind = _framework_call(item, ("aiohttp.",))
        call = _Call(item[2], item[3], item[4])
        if kind in HTTP_METHODS:
            source, path_at, handler_at = kind.upper(), 0, 1
        elif kind == "route":
            source, path_at, handler_at = "arg", 1, 2
        elif kind == "view":
            source, path_at, handler_at = "class", 0, 1
        else:
            return
        methods, notes = _methods(call, source)
        path = _path_text(call.arg(path_at, ("path",)))
        registration = _Registration(methods, (path,), f"{module.path}:{call.line}", notes=notes)
        self._serve(node, registration, call.arg(handler_at, ("handler",)), module)

    # -- Django

    def _patterns(
        self,
        node: tuple[str, str],
        value: Value,
        module: ModuleFacts,
        pieces: tuple[str, ...],
        depth: int,
    ) -> None:
        """Read a ``urlpatterns`` list (or ``router.urls``) under the path ``pieces``."""
        found, rest, owner = self.resolve(value, module)
        if depth > _MAX_DEPTH:
            return
        if found[0] == "node" and rest == ["urls"]:
            self._link(self.nodes.get((owner.path, found[1])), _Edge(node, pieces))
        elif found[0] == "list" and not rest:
            for item in found[1]:
                if item[0] == "star":
                    self._patterns(node, item[1], owner, pieces, depth + 1)
                elif item[0] == "call":
                    self._pattern(node, item, owner, pieces, depth)

    def _pattern(
        self,
        node: tuple[str, str],
        item: Value,
        module: ModuleFacts,
        pieces: tuple[str, ...],
        depth: int,
    ) -> None:
        """Read one ``path()``/``re_path()``/``url()``: a view or an ``include()``."""
        if _framework_call(item, ("django.",)) not in ("path", "re_path", "url"):
            return
        call = _Call(item[2], item[3], item[4])
        here = (*pieces, _path_text(call.arg(0, ("route", "regex"))))
        view = call.arg(1, ("view",))
        if view is None:
            return
        if view[0] == "call" and _framework_call(view, ("django.",)) == "include":
            self._include(node, _Call(view[2], view[3], view[4]), module, here, depth)
            return
        found, rest, _ = self.resolve(view, module)
        if found[0] == "node" or rest[-1:] == ["urls"]:
            self._patterns(node, view, module, here, depth + 1)
            return
        site = f"{module.path}:{call.line}"
        self._serve(self.nodes[node], _Registration(None, here, site), view, module)

    def _include(
        self,
        node: tuple[str, str],
        call: _Call,
        module: ModuleFacts,
        pieces: tuple[str, ...],
        depth: int,
    ) -> None:
        """Follow ``include("app.urls")``, ``include(module)``, ``include([...])``."""
        target = call.arg(0, ("arg",))
        if target is None:
            return
        if target[0] == "list" and len(target[1]) == 2 and target[1][1][0] == "str":
            target = target[1][0]
        name = target[1] if target[0] in ("str", "ref") else ""
        name = name.removesuffix(".urlpatterns") if target[0] == "ref" else name
        if name in self.urlconfs:
            self._link(self.nodes[(self.urlconfs[name].path, "urlconf")], _Edge(node, pieces))
        elif target[0] != "str":
            self._patterns(node, target, module, pieces, depth + 1)

    # -- handlers

    def _handler(self, value: Value | None, module: ModuleFacts) -> _Function | _View | None:
        """Return the function or class view a value names."""
        if value is None:
            return None
        if value[0] == "fn":
            return _Function(module.path, value[1])
        if value[0] == "call":
            return self._as_view(value, module)
        found, rest, owner = self.resolve(value, module)
        if rest:
            return None
        if found[0] in ("fn", "fnref"):
            return _Function(owner.path, found[1])
        if found[0] == "clsref":
            return self._view(owner.path, found[1])
        return None

    def _as_view(self, value: Value, module: ModuleFacts) -> _View | None:
        """Return the class of ``Cls.as_view(...)``, with a viewset's ``{method: action}``."""
        func = value[1]
        if func[0] != "ref" or not func[1].endswith(".as_view"):
            return None
        view = self._handler(["ref", func[1].removesuffix(".as_view")], module)
        if not isinstance(view, _View):
            return None
        first = value[2][0] if value[2] else value[3].get("actions")
        if first is not None and first[0] == "dict":
            view.mapping = {
                key[1]: item[1] for key, item in first[1] if key[0] == "str" and item[0] == "str"
            }
        return view

    def _view(self, path: str, info: dict[str, Any]) -> _View:
        """Return a class view with its project bases (depth first) and framework bases."""
        chain: list[tuple[str, dict[str, Any]]] = []
        frameworks: set[str] = set()
        pending = [(path, info)]
        while pending and len(chain) < _MAX_CHAIN:
            here, current = pending.pop(0)
            if any(current is seen for _, seen in chain):
                continue
            chain.append((here, current))
            for base in current["bases"]:
                found = self.lookup(base)
                if found is not None and found[0][0] == "clsref" and not found[1]:
                    pending.append((found[2].path, found[0][1]))
                else:
                    frameworks.add(base.rpartition(".")[2])
        return _View(path, info, chain, frameworks)

    def _in_project(self, value: Value | None) -> bool:
        """Tell whether an unresolved handler reference points into the repository."""
        if value is None:
            return False
        if value[0] == "call" and value[1][0] == "ref":
            value = value[1]
        return value[0] == "ref" and value[1].partition(".")[0] in self.packages

    def _serve(
        self,
        node: _Node,
        registration: _Registration,
        handler_value: Value | None,
        module: ModuleFacts,
    ) -> None:
        """Add the routes one registration makes, one per method its handler serves."""
        handler = self._handler(handler_value, module)
        explicit = registration.methods
        if isinstance(handler, _View):
            for method, target in _view_methods(handler, explicit):
                self._add(node, registration, method, target)
        elif isinstance(handler, _Function):
            info = handler.info
            target = _Target(handler.path, info["line"], info["doc"])
            for method in explicit or info.get("methods") or ("GET",):
                self._add(node, registration, method, target)
        elif self._in_project(handler_value) and registration.site:
            where, _, line = registration.site.rpartition(":")
            registration.notes = (*registration.notes, "handler not found")
            target = _Target(where, int(line), False)
            for method in explicit or ("GET",):
                self._add(node, registration, method, target)

    def _add(self, node: _Node, registration: _Registration, method: str, target: _Target) -> None:
        """Add one route; a registration site is kept only when it is not the handler."""
        site = registration.site
        if site == f"{target.path}:{target.line}":
            site = None
        documented = target.documented or registration.documented
        self.routes.append(
            _Route(
                node.key,
                method.upper(),
                registration.pieces,
                _Target(target.path, target.line, documented),
                site,
                registration.hidden,
                registration.notes,
            )
        )

    # -- paths

    def mounts(self, key: tuple[str, str]) -> list[tuple[tuple[str, ...], bool]]:
        """Return each (prefix pieces, hidden) a node is reachable under.

        A node reachable only through an include or mount cycle gets ``<dynamic>`` as
        prefix; a cycle next to a real root adds nothing.
        """
        found = self._mounts(key, frozenset({key}))
        if found:
            return found
        node = self.nodes[key]
        return [((DYNAMIC, *_own(node)), node.hidden)]

    def _mounts(
        self, key: tuple[str, str], visiting: frozenset[tuple[str, str]]
    ) -> list[tuple[tuple[str, ...], bool]]:
        """Return the mounts of a node through parents not in ``visiting``."""
        node = self.nodes[key]
        parents = self.edges.get(key, [])
        if not parents:
            return [(_own(node), node.hidden)]
        found: list[tuple[tuple[str, ...], bool]] = []
        for edge in parents:
            if edge.parent in visiting:
                continue
            for pieces, hidden in self._mounts(edge.parent, visiting | {edge.parent}):
                joined = (*pieces, *edge.pieces, *_registered_prefix(node, edge))
                found.append((joined, hidden or edge.hidden or node.hidden))
        return found[:_MAX_MOUNTS]

    def symbols(self) -> list[Symbol]:
        """Return a Symbol for every visible route under every prefix it is mounted at."""
        cache: dict[tuple[str, str], list[tuple[tuple[str, ...], bool]]] = {}
        symbols = []
        for route in self.routes:
            if route.hidden:
                continue
            if route.node not in cache:
                cache[route.node] = self.mounts(route.node)
            framework = self.nodes[route.node].framework
            for pieces, hidden in cache[route.node]:
                if not hidden:
                    symbols.append(_symbol(route, _join(framework, (*pieces, *route.pieces))))
        return symbols


def _make_node(record: dict[str, Any], path: str) -> _Node:
    """Return the node a framework constructor call makes, with its own prefix."""
    framework = RECEIVER_CTORS[record["ctor"]]
    keywords = record["kw"]
    keyword = {"flask": "url_prefix", "fastapi": "prefix"}.get(framework)
    given = keywords.get(keyword) if keyword else None
    prefix = _path_text(given) if given is not None else None
    return _Node((path, record["id"]), framework, prefix, _hidden(keywords))


def _own(node: _Node) -> tuple[str, ...]:
    """Return a node's own prefix as path pieces."""
    return (node.prefix,) if node.prefix else ()


def _registered_prefix(node: _Node, edge: _Edge) -> tuple[str, ...]:
    """Return the prefix a registration adds: Flask's ``url_prefix=`` replaces the
    blueprint's own, FastAPI's ``prefix=`` comes before the router's own."""
    own = _own(node)
    if node.framework == "flask":
        return (edge.prefix,) if edge.prefix is not None else own
    return ((edge.prefix,) if edge.prefix else ()) + own


def _view_methods(view: _View, explicit: tuple[str, ...] | None) -> list[tuple[str, _Target]]:
    """Return (HTTP method, target) for each method a class view serves."""
    if view.mapping:
        return [(method, view.target(action)) for method, action in sorted(view.mapping.items())]
    if explicit and explicit not in (("ANY",), ("*",)):
        return [(method, view.target(method.lower())) for method in explicit]
    served = view.http_methods()
    if not served:
        return [("GET", _Target(view.path, view.info["line"], _class_documents(view.info, "get")))]
    return [(method, view.target(method)) for method in served]


def _methods(call: _Call, source: str) -> tuple[tuple[str, ...] | None, tuple[str, ...]]:
    """Return the methods a registration names (None: the handler decides) and notes."""
    if source == "kw":
        given = call.kw.get("methods")
        if given is None:
            return (None, ()) if "**" not in call.kw else (("ANY",), ("unknown methods",))
    elif source == "arg":
        given = call.arg(0, ("method",))
    elif source == "class":
        return None, ()
    else:
        return (source,), ()
    return _method_names(given)


def _method_names(given: Value | None) -> tuple[tuple[str, ...] | None, tuple[str, ...]]:
    """Return the upper-case methods of a literal method or list; ``ANY`` when unknown."""
    items = given[1] if given is not None and given[0] == "list" else [given]
    if all(item is not None and item[0] == "str" for item in items):
        methods = tuple(item[1].upper() for item in items)
        return (("ANY",), ()) if "*" in methods else (methods, ())
    return ("ANY",), ("unknown methods",)


def _framework_call(item: Value, frameworks: tuple[str, ...]) -> str:
    """Return the last name of a call to a framework function (``path``, ``Route``...)."""
    func = item[1]
    if func[0] != "ref" or not func[1].startswith(frameworks):
        return ""
    return func[1].rpartition(".")[2]


def _path_text(value: Value | None) -> str:
    """Return a path argument's text, ``<dynamic>`` where it is not known."""
    return value[1] if value is not None and value[0] == "str" else DYNAMIC


def _route_documented(keywords: dict[str, Value]) -> bool:
    """Tell whether a route's ``summary=``/``description=`` is human text."""
    return any(
        keywords.get(name, _DYN)[0] == "str" and classify(keywords[name][1], "") == OK
        for name in ("summary", "description")
    )


def _hidden(keywords: dict[str, Value]) -> bool:
    """Tell whether ``include_in_schema=False`` hides a route, router or inclusion."""
    return keywords.get("include_in_schema") == ["const", False]


def _join(framework: str, pieces: tuple[str, ...]) -> str:
    """Join path pieces as the framework does."""
    if framework in ("django", "drf"):
        return "/" + "".join(_django_piece(piece) for piece in pieces)
    path = ""
    for piece in pieces:
        if not path or not piece:
            path = path or piece
        elif framework == "flask":
            path = f"{path.rstrip('/')}/{piece.lstrip('/')}"
        else:
            path = path.rstrip("/") + piece
    return path or "/"


def _django_piece(piece: str) -> str:
    """Return a Django route piece without regex anchors; an unknown prefix ends in ``/``."""
    return f"{DYNAMIC}/" if piece == DYNAMIC else piece.removeprefix("^").removesuffix("$")


def _symbol(route: _Route, path: str) -> Symbol:
    """Return the Symbol of one route served at ``path``."""
    notes = list(route.notes)
    if DYNAMIC in path:
        notes.append("partial path")
    documented = route.target.documented
    return Symbol(
        path=route.target.path,
        line=route.target.line,
        kind="endpoint",
        qualname=f"{route.method} {path}",
        public=True,
        documented=documented,
        problems=[] if documented else ["missing"],
        note="; ".join(sorted(set(notes))) or None,
        level="documented" if documented else "undocumented",
        sites=[route.site] if route.site else [],
    )
