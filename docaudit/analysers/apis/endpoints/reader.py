"""Per-file fact collection, run in the parse worker: ``collect`` reads one file's
framework objects, registrations, route lists and handlers into ``EndpointFacts``, and
the string constants and settings classes and objects a path in another file may name."""

from __future__ import annotations

import ast
import re

from docaudit.analysers.apis.endpoints.facts import (
    DYNAMIC_VALUE,
    Attr,
    Called,
    ClassInfo,
    Constant,
    Constructed,
    EndpointFacts,
    FunctionInfo,
    Instance,
    Items,
    Join,
    LocalFunction,
    NodeRef,
    Pairs,
    Ref,
    RouteCall,
    SettingsClass,
    Starred,
    Text,
    Value,
)
from docaudit.analysers.apis.endpoints.handlers import _class_info, _function_info
from docaudit.analysers.apis.endpoints.tables import (
    _MAX_DEPTH,
    DYNAMIC,
    HTTP_METHODS,
    RECEIVER_CTORS,
)
from docaudit.analysers.python.names import ImportTable, dotted_name

_MARKER_PATTERNS = (
    re.compile(r"django\.(?:views|http|shortcuts|urls|conf\.urls|contrib\.admin\.views)"),
    re.compile(r"\(request\b"),
    re.compile(r"\(self, request\b"),
    re.compile(
        r"@\w+(?:\.\w+)*\.(?:get|post|put|patch|delete|options|head|trace|websocket|api_route|view)\("
    ),
)
_MARKER_WORDS = (
    *("flask", "quart", "fastapi", "aiohttp", "starlette", "rest_framework", "urlpatterns"),
    *("as_view", "add_url_rule", "add_api_route", "include_router", "register_blueprint"),
    *("add_routes", "add_subapp", ".register(", ".route("),
)
"""Signs of a web framework in a file's text (see ``_has_markers``)."""
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
_RECEIVERS = (NodeRef, Ref, Attr)
_TEXTS = (Text, Join)
_CONSTANT_EXPRESSIONS = (ast.Constant, ast.JoinedStr, ast.BinOp, ast.Call)
_MAX_CONSTANT = 200


def collect(tree: ast.Module, imports: ImportTable, text: str) -> EndpointFacts | None:
    """Return the route facts of one file, or None when it has none.

    A file with no sign of a web framework is only read for what a route elsewhere
    can use as a path: its module-level string constants and settings objects.
    """
    top = {statement.name for statement in tree.body if isinstance(statement, _DEFINITIONS)}
    reader = _FileReader(imports, top)
    names: dict[str, Value] = {}
    if _has_markers(text):
        reader.walk(tree.body, names, top=True, depth=0)
    else:
        reader.constants(tree.body, names)
    exports = {name: value for name, value in names.items() if _exported(name, value)}
    if not (
        reader.nodes
        or reader.records
        or exports
        or reader.functions
        or reader.classes
        or reader.settings
    ):
        return None
    return EndpointFacts(
        tuple(reader.nodes),
        tuple(reader.records),
        exports,
        reader.functions,
        reader.classes,
        reader.settings,
    )


def _has_markers(text: str) -> bool:
    """Tell whether ``text`` shows a sign of a web framework: one of the patterns or words.

    Each pattern starts with a literal, which the regular expression engine looks for
    quickly, so they go first, and the words are plain substrings: as one alternation
    (no common first character to look for) they took 72 ms on django, now 39.
    """
    return any(pattern.search(text) for pattern in _MARKER_PATTERNS) or any(
        word in text for word in _MARKER_WORDS
    )


class _FileReader:
    """Read one file's framework objects, registrations, route lists and handlers."""

    def __init__(self, imports: ImportTable, top: set[str]) -> None:
        """Read one file, resolving names through ``imports``; ``top`` are its top-level names."""
        self.imports = imports
        self.top = top
        self.nodes: list[Constructed] = []
        self.records: list[RouteCall] = []
        self.functions: dict[str, FunctionInfo] = {}
        self.classes: dict[str, ClassInfo] = {}
        self.settings: dict[str, SettingsClass] = {}

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
        self._decorators(function, LocalFunction(info), names)
        if top:
            self.functions[function.name] = info
            names.pop(function.name, None)
        else:
            names[function.name] = LocalFunction(info)
        if depth < _MAX_DEPTH:
            self.walk(function.body, dict(names), top=False, depth=depth + 1)

    def _class(self, klass: ast.ClassDef, names: dict[str, Value], top: bool) -> None:
        """Record a module-level class and the routes its decorators register."""
        handler = Ref(self._qualified(klass.name)) if top else DYNAMIC_VALUE
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
            if isinstance(target, ast.Name) and isinstance(default, _TEXTS):
                fields[target.id] = default
        self.settings[self._qualified(klass.name)] = SettingsClass(tuple(bases), fields)

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
            if isinstance(receiver, _RECEIVERS):
                verb = decorator.func.attr
                self.records.append(self._record(receiver, verb, decorator, names, handler))

    def _assign(
        self, statement: ast.Assign | ast.AnnAssign | ast.AugAssign, names: dict[str, Value]
    ) -> None:
        """Bind the names an assignment sets; ``+=`` grows a bound list."""
        if statement.value is None:
            return
        value = self._bound_value(statement, statement.value, names)
        if isinstance(statement, ast.AugAssign):
            if isinstance(statement.op, ast.Add) and isinstance(statement.target, ast.Name):
                known = names.get(statement.target.id, DYNAMIC_VALUE)
                names[statement.target.id] = _concat(known, value)
            return
        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        for target in targets:
            if isinstance(target, ast.Name):
                names[target.id] = value
            elif isinstance(target, ast.Tuple | ast.List):
                for element in target.elts:
                    if isinstance(element, ast.Name):
                        names[element.id] = DYNAMIC_VALUE

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
            if isinstance(func, Ref) and func.name in RECEIVER_CTORS:
                return self.value(expr, names)
            if isinstance(func, Ref) and func.name in self.settings:
                return Instance(func.name)
        return DYNAMIC_VALUE

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
        if isinstance(receiver, _RECEIVERS):
            self.records.append(self._record(receiver, verb, call, names))

    def _grow(self, name: str, how: str, call: ast.Call, names: dict[str, Value]) -> None:
        """Apply ``name.append(x)`` / ``name.extend(xs)`` to a bound list."""
        known = names.get(name)
        if not isinstance(known, Items) or len(call.args) != 1:
            return
        added = self.value(call.args[0], names)
        names[name] = _concat(known, Items((added,)) if how == "append" else added)

    def _local_import(
        self, statement: ast.Import | ast.ImportFrom, names: dict[str, Value]
    ) -> None:
        """Bind the names an import inside a function makes (app factories import late)."""
        if isinstance(statement, ast.Import):
            for alias in statement.names:
                bound = alias.asname or alias.name.split(".", 1)[0]
                names[bound] = Ref(alias.name if alias.asname else bound)
            return
        base = _absolute_module(self.imports, statement.module or "", statement.level)
        for alias in statement.names:
            if alias.name != "*":
                target = f"{base}.{alias.name}" if base else alias.name
                names[alias.asname or alias.name] = Ref(target)

    def _record(
        self,
        receiver: Value,
        verb: str,
        call: ast.Call,
        names: dict[str, Value],
        handler: Value | None = None,
    ) -> RouteCall:
        """Return a registration: receiver, verb, its arguments as values, its line, and
        the handler a decorator sits on."""
        return RouteCall(
            receiver,
            verb,
            tuple(self.value(argument, names) for argument in call.args),
            self._keywords(call, names),
            call.lineno,
            handler,
        )

    def _keywords(
        self, call: ast.Call, names: dict[str, Value], depth: int = 0
    ) -> dict[str, Value]:
        """Return a call's keyword arguments as values; ``**kwargs`` is kept as ``**``."""
        return {
            keyword.arg or "**": self.value(keyword.value, names, depth + 1)
            for keyword in call.keywords
        }

    def value(self, expr: ast.expr, names: dict[str, Value], depth: int = 0) -> Value:
        """Return an expression as a ``Value``."""
        if depth > _MAX_DEPTH:
            return DYNAMIC_VALUE
        if isinstance(expr, ast.Constant):
            return _constant(expr.value)
        if isinstance(expr, ast.JoinedStr):
            return _joined([self._fstring_part(part, names, depth) for part in expr.values])
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
            left = self.value(expr.left, names, depth + 1)
            return _concat(left, self.value(expr.right, names, depth + 1))
        if isinstance(expr, ast.List | ast.Tuple | ast.Set):
            return Items(tuple(self.value(item, names, depth + 1) for item in expr.elts))
        if isinstance(expr, ast.Starred):
            return Starred(self.value(expr.value, names, depth + 1))
        if isinstance(expr, ast.Dict):
            pairs = zip(expr.keys, expr.values, strict=True)
            return Pairs(
                tuple(
                    (self.value(key, names, depth + 1), self.value(item, names, depth + 1))
                    for key, item in pairs
                    if key is not None
                )
            )
        if isinstance(expr, ast.Call):
            return self._call_value(expr, names, depth)
        if isinstance(expr, ast.Name | ast.Attribute):
            return self._name_value(expr, names)
        return DYNAMIC_VALUE

    def _call_value(self, call: ast.Call, names: dict[str, Value], depth: int) -> Value:
        """Return a call as a value; a framework constructor call becomes a new node."""
        func = self.value(call.func, names, depth + 1)
        arguments = tuple(self.value(argument, names, depth + 1) for argument in call.args)
        keywords = self._keywords(call, names, depth)
        if isinstance(func, Ref) and func.name in RECEIVER_CTORS:
            local_id = f"{call.lineno}:{call.col_offset}"
            self.nodes.append(Constructed(local_id, func.name, call.lineno, arguments, keywords))
            return NodeRef(local_id)
        return Called(func, arguments, keywords, call.lineno)

    def _name_value(self, expr: ast.Name | ast.Attribute, names: dict[str, Value]) -> Value:
        """Return what a (dotted) name refers to: a bound value, an import, a definition."""
        dotted = dotted_name(expr)
        if not dotted:
            return DYNAMIC_VALUE
        head, _, rest = dotted.partition(".")
        bound = names.get(head)
        if bound is not None:
            if not rest:
                return bound
            if isinstance(bound, NodeRef | Instance):
                return Attr(bound, rest)
            if isinstance(bound, Ref):
                return Ref(f"{bound.name}.{rest}")
            return DYNAMIC_VALUE
        if head in self.imports.aliases or head in self.top:
            return Ref(self._qualified(dotted))
        return DYNAMIC_VALUE

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
            return DYNAMIC_VALUE
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
        return Text(value)
    if value is None or isinstance(value, bool | int | float):
        return Constant(value)
    return DYNAMIC_VALUE


def _concat(left: Value, right: Value) -> Value:
    """Return ``left + right``: a joined list, or joined text when either side is text."""
    if isinstance(left, Items) or isinstance(right, Items):
        return Items(_items(left) + _items(right))
    if isinstance(left, _TEXTS) or isinstance(right, _TEXTS):
        return _joined([left, right])
    return DYNAMIC_VALUE


def _joined(parts: list[Value]) -> Value:
    """Return text made of ``parts``: one ``str`` when all are known here, else a ``join``
    of its texts and of the names (``ref``, ``attr``) linking reads in other files; any
    other part is ``<dynamic>``."""
    flat: list[Value] = []
    for part in parts:
        for piece in part.parts if isinstance(part, Join) else (part,):
            known = piece if isinstance(piece, Text | Ref | Attr) else Text(DYNAMIC)
            last = flat[-1] if flat else None
            if isinstance(known, Text) and isinstance(last, Text):
                flat[-1] = Text(last.value + known.value)
            else:
                flat.append(known)
    texts = [piece.value for piece in flat if isinstance(piece, Text)]
    if len(texts) == len(flat):
        return Text("".join(texts))
    return Join(tuple(flat))


def _items(value: Value) -> tuple[Value, ...]:
    """Return a list value's items, or the value spliced in as one starred item."""
    return value.items if isinstance(value, Items) else (Starred(value),)


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
    if isinstance(value, NodeRef | Instance | Join) or name == "urlpatterns":
        return True
    if isinstance(value, Text):
        text = value.value
        return len(text) <= _MAX_CONSTANT and not any(char.isspace() for char in text)
    return isinstance(value, Items) and any(_route_like(item) for item in value.items)


def _route_like(item: Value) -> bool:
    """Tell whether a list item looks like a route: ``path(...)``, ``Route(...)``, a node."""
    if isinstance(item, Starred | NodeRef):
        return True
    if not isinstance(item, Called) or not isinstance(item.func, Ref):
        return False
    return item.func.name.rpartition(".")[2] in _ROUTE_CALLS
