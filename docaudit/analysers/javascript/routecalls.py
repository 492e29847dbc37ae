"""The routes JavaScript and TypeScript files register by calls: Express, Fastify, Koa's
router and Hono.

A router is made by a constructor (``express()``, ``express.Router()``, ``Router()``,
``Fastify()``, ``new Koa()``, ``new Router({ prefix })`` of ``@koa/router``,
``new Hono()``), named by what holds it (``const router = ...``, ``export default``,
``module.exports =``, a function that returns it: ``name()``), or is a function's
parameter (``export default function (app) { app.get(...) }``: ``name.0``), or is
imported from another module of the repository. Each call on one, through chains
(``Router().use(a).use(b)``, ``app.route("/x").get(h).post(h)``,
``new Hono().basePath("/api").get(...)``), is read:

- ``get post put patch delete del head options all`` (``all``: ``ANY``), Hono's
  ``on(method, path, handler)`` and Fastify's ``route({ method, url, handler })``
  register routes; the handler is the last argument (a Fastify options object's
  ``handler``); a Fastify ``schema`` with a ``summary`` or ``description`` documents it;
- ``use([path], router...)`` (Express, Koa: ``router.routes()``), Hono's
  ``route(path, app)`` and Fastify's ``register(plugin, { prefix })`` mount a router,
  and a call that passes a router to a function of the repository
  (``require("./routes")(app)``) serves that function's parameter router under it;
- Koa's ``prefix`` (and the constructor's) and Hono's ``basePath`` prefix what follows.

A parameter or an imported name is taken for a router only when its file names a
server framework (``express``, ``fastify``, ``koa``, ``hono``), or its name is one a
router goes by (``app``, ``router``...), or its type is a router's: an HTTP client's
``api.get("/x", config)`` is no route.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from tree_sitter import Node

from docaudit.analysers import treesitter
from docaudit.analysers.javascript.routescope import (
    FUNCTION_NODES,
    WRAPPERS,
    Scope,
    arguments_of,
    key,
    parameter_names,
    string_of,
    unwrap,
)
from docaudit.analysers.python.docstrings import classify
from docaudit.analysers.routes import Mount, Route, Router, join
from docaudit.analysers.treesitter import text
from docaudit.model.symbols import OK

METHODS = {
    "get": "GET",
    "post": "POST",
    "put": "PUT",
    "patch": "PATCH",
    "delete": "DELETE",
    "del": "DELETE",
    "head": "HEAD",
    "options": "OPTIONS",
    "all": "ANY",
}
_CHAINS = frozenset(
    {*METHODS, "on", "route", "use", "register", "basePath", "prefix", "routes", "middleware"}
)
"""The calls that return the router they are called on (or Express's route)."""
_QUERY = f"""
(call_expression
  function: (member_expression property: (property_identifier) @verb)
  (#any-of? @verb {" ".join(f'"{verb}"' for verb in sorted(_CHAINS))})) @call
(variable_declarator name: (identifier) value: (_)) @declarator
(assignment_expression) @assignment
(arguments (identifier) @argument)
"""
_FRAMEWORKS = (b"express", b"fastify", b"koa", b"hono")
"""The server frameworks' names, in a file's text made lower case."""
_CALLED = re.compile(
    rb"\b(?:app|router)\s*\.\s*"
    rb"(?:get|post|put|patch|delete|del|all|head|options|use|route|register|on|prefix)\s*\("
)
"""A call on a router's usual name, in a file that names no framework (a parameter's)."""


def marked(data: bytes) -> bool:
    """Tell whether a file names a server framework or calls a router by its usual name
    (only such a file is read): a few ``in`` tests, and a search where one holds."""
    lowered = data.lower()
    if any(name in lowered for name in _FRAMEWORKS):
        return True
    return (b"app." in data or b"router." in data) and _CALLED.search(data) is not None


_ROUTER_NAMES = frozenset({"app", "router", "fastify", "server", "instance", "routes"})
"""The names routers go by (not ``api``: a frontend's HTTP client goes by it too)."""
_ROUTER_TYPES = ("Router", "Express", "Application", "Fastify", "Hono", "Koa")
_CONSTRUCTORS = {
    # (package, export or None for the package itself): framework, application
    ("express", None): ("express", True),
    ("express", "Router"): ("express", False),
    ("fastify", None): ("fastify", True),
    ("fastify", "fastify"): ("fastify", True),
    ("fastify", "default"): ("fastify", True),
    ("koa", None): ("koa", True),
    ("@koa/router", None): ("koa", False),
    ("koa-router", None): ("koa", False),
    ("hono", "Hono"): ("hono", True),
    ("@hono/zod-openapi", "OpenAPIHono"): ("hono", True),
}
_BY_NAME = {
    "express": ("express", True),
    "Router": ("express", False),
    "express.Router": ("express", False),
    "Fastify": ("fastify", True),
    "fastify": ("fastify", True),
    "Koa": ("koa", True),
    "KoaRouter": ("koa", False),
    "Hono": ("hono", True),
    "OpenAPIHono": ("hono", True),
}
"""Constructors by their usual names, when no import says what they are."""
_MADE = frozenset({"call_expression", "new_expression"})
"""What a router variable's value is (a constructor's call, a chain of calls)."""
_KOA_MOUNTS = frozenset({"routes", "middleware", "allowedMethods"})


@dataclass(frozen=True, slots=True)
class _Bound:
    """A router an expression is: its key, and the prefix the expression adds."""

    key: str
    prefix: str = ""
    weak: bool = False
    """A parameter or import taken for a router because the file names a framework:
    its routes must have a literal path (``cache.get(id, fallback)`` is none)."""


@dataclass(frozen=True, slots=True)
class _Chain:
    """Express's ``router.route(path)``: the routes of ``router`` at ``paths``."""

    router: _Bound
    paths: tuple[str, ...]


@dataclass
class CallFacts:
    """The routers, routes and mounts one file's calls build."""

    routers: dict[str, Router] = field(default_factory=dict)
    routes: list[Route] = field(default_factory=list)
    mounts: list[Mount] = field(default_factory=list)


def route_calls(grammar: Callable[[], object], root: Node, scope: Scope) -> CallFacts:
    """Return what a file's route calls build (nothing without a marker)."""
    if not marked(scope.comments.data):
        return CallFacts()
    return _Calls(grammar, root, scope).facts


class _Calls:
    """Reads one file's route calls."""

    def __init__(self, grammar: Callable[[], object], root: Node, scope: Scope) -> None:
        """Bind the file's routers, then read its prefixes, routes and mounts."""
        self.scope = scope
        data = scope.comments.data
        lowered = data.lower()
        self.framework_named = any(name in lowered for name in _FRAMEWORKS)
        self.framework = next(
            (name for name in ("fastify", "koa", "hono") if name.encode() in lowered), "express"
        )
        self.facts = CallFacts()
        self.bindings: dict[tuple[int, str], _Bound] = {}
        self.own: dict[str, str] = {}
        """Each router's own prefix (Koa's ``prefix``)."""
        found = treesitter.captures(grammar, _QUERY, root)
        for node in sorted(
            found.get("declarator", []) + found.get("assignment", []), key=lambda n: n.start_byte
        ):
            self._bind(node)
        self.names = {name for _, name in self.bindings}
        calls = found.get("call", [])
        for call in calls:
            if _verb(call) == "prefix":
                value = self.value_of(_receiver(call))
                if isinstance(value, _Bound) and arguments_of(call):
                    self.own[value.key] = scope.literal(arguments_of(call)[0])
        for call in calls:
            self._call(call)
        for argument in found.get("argument", []):
            self._passed(argument)

    # ------------------------------------------------------------ what is what

    def _bind(self, node: Node) -> None:
        """Bind a variable (or ``this.app``) to the router its value is."""
        if node.type == "variable_declarator":
            target = node.child_by_field_name("name")
            value = node.child_by_field_name("value")
        else:
            target = node.child_by_field_name("left")
            value = node.child_by_field_name("right")
        if (
            target is None
            or value is None
            or target.type not in ("identifier", "member_expression")
        ):
            return
        if unwrap(value).type not in _MADE or self.scope.required(value) is not None:
            return
        bound = self.value_of(value)
        if isinstance(bound, _Bound):
            where = 0 if target.type == "member_expression" else _function_id(node)
            self.bindings.setdefault((where, text(target)), bound)

    def value_of(self, node: Node) -> _Bound | _Chain | None:
        """Return the router (or Express route) an expression is, through chains."""
        steps: list[Node] = []
        current = unwrap(node)
        while current.type == "call_expression" and _verb(current) in _CHAINS:
            steps.append(current)
            current = _receiver(current)
        value: _Bound | _Chain | None = self._base(current)
        for call in reversed(steps):
            value = self._step(value, call)
        return value

    def _step(self, value: _Bound | _Chain | None, call: Node) -> _Bound | _Chain | None:
        """Return what one chained call returns."""
        verb, found = _verb(call), arguments_of(call)
        if not isinstance(value, _Bound):
            return value if verb in METHODS else None
        if verb == "route" and len(found) == 1 and unwrap(found[0]).type != "object":
            return _Chain(value, tuple(self.scope.literals(found[0])))
        if verb == "basePath" and found:
            return _Bound(value.key, join(value.prefix, self.scope.literal(found[0])))
        return value

    def _base(self, node: Node) -> _Bound | None:
        """Return the router a chain starts from: a constructor's, a bound name's, a
        parameter's or an import's."""
        if node.type in ("call_expression", "new_expression"):
            return self._constructed(node)
        if node.type == "member_expression":
            return self.bindings.get((0, text(node)))
        if node.type != "identifier":
            return None
        name = text(node)
        scope = node.parent
        while scope is not None:
            if scope.type in FUNCTION_NODES:
                bound = self.bindings.get((scope.id, name))
                if bound is not None:
                    return bound
                names = parameter_names(scope)
                if name in names:
                    return self._parameter(scope, names.index(name), name)
            scope = scope.parent
        bound = self.bindings.get((0, name))
        imported = self.scope.import_key(name, [])
        strong = name in _ROUTER_NAMES
        if bound is None and imported is not None and (strong or self.framework_named):
            bound = _Bound(imported, weak=not strong)
        return bound

    def _parameter(self, function: Node, position: int, name: str) -> _Bound | None:
        """Return the router a function's parameter is, if it looks like one."""
        parameters = function.child_by_field_name("parameters")
        items = [c for c in parameters.named_children if c.type != "comment"] if parameters else []
        typed = position < len(items) and any(
            kind in text(items[position].child_by_field_name("type")) for kind in _ROUTER_TYPES
        )
        strong = typed or name in _ROUTER_NAMES
        if not (strong or self.framework_named):
            return None
        found = key(self.scope.module, f"{self.scope.function_name(function)}.{position}")
        self.facts.routers.setdefault(found, Router(found, self.framework, False))
        return _Bound(found, weak=not strong)

    def _constructed(self, node: Node) -> _Bound | None:
        """Return the router a constructor call makes (keyed by what holds it)."""
        made = self._constructor(node)
        if made is None:
            return None
        framework, application = made
        name = self._router_name(node)
        found = key(self.scope.module, name)
        self.facts.routers.setdefault(found, Router(found, framework, application))
        options = arguments_of(node)
        prefix = self.scope.property(options[0], "prefix") if options else None
        if prefix is not None:
            self.own.setdefault(found, self.scope.literal(prefix))
        return _Bound(found)

    def _constructor(self, node: Node) -> tuple[str, bool] | None:
        """Return the framework and application flag of a constructor, if ``node`` is one."""
        field_name = "constructor" if node.type == "new_expression" else "function"
        callee = node.child_by_field_name(field_name)
        if callee is None:
            return None
        callee = unwrap(callee)
        package: str | None = None
        export: str | None = None
        if callee.type == "identifier" and text(callee) in self.scope.packages:
            package, export = self.scope.packages[text(callee)]
        elif callee.type == "member_expression":
            head = unwrap(callee.child_by_field_name("object") or callee)
            prop = text(callee.child_by_field_name("property"))
            if text(head) in self.scope.packages:
                package, export = self.scope.packages[text(head)][0], prop
            elif self.scope.required(head) is not None:
                package, export = self.scope.required(head), prop
        elif self.scope.required(callee) is not None:
            package = self.scope.required(callee)
        if package is not None:
            root = package.split("/")[0] if not package.startswith("@") else package
            return _CONSTRUCTORS.get((root, export))
        return _BY_NAME.get(text(callee)) if text(callee) not in self.scope.imports else None

    def _router_name(self, node: Node) -> str:
        """Return the name of a constructed router: what holds its chain (a variable,
        ``export default``, ``module.exports``, a function returning it), or where it is."""
        child, holder = _held(node)
        while holder is not None and holder.type == "member_expression":
            call = holder.parent
            if call is None or call.type != "call_expression" or _verb(call) not in _CHAINS:
                break
            child, holder = _held(call)
        if holder is not None and holder.type in ("return_statement", "arrow_function"):
            function = holder if holder.type == "arrow_function" else _function_of(holder)
            if function is not None:
                return f"{self.scope.function_name(function)}()"
        if holder is not None and holder.type == "variable_declarator":
            function = _function_of(holder)
            name = text(holder.child_by_field_name("name"))
            if function is not None and _returns(function, name):
                return f"{self.scope.function_name(function)}()"
        found = self.scope.holder_name(child, holder)
        return found or f"@{node.start_point.row + 1}:{node.start_point.column}"

    # ------------------------------------------------------------ registrations

    def _call(self, call: Node) -> None:
        """Read one call on a router: a route, a mount."""
        verb = _verb(call)
        value = self.value_of(_receiver(call))
        found = arguments_of(call)
        if isinstance(value, _Chain):
            if verb in METHODS and found:
                for path in value.paths:
                    self._route(value.router, METHODS[verb], path, call, found)
            return
        if value is None:
            return
        if value.weak and verb in (*METHODS, "on") and not any(map(_literal_path, found[:2])):
            return
        if verb in METHODS and len(found) >= 2:
            if len(found) >= 3 and all(n.type in ("string", "template_string") for n in found[:2]):
                found = found[1:]  # Koa's named route: router.get("name", "/path", handler)
            for path in self.scope.literals(found[0]):
                self._route(value, METHODS[verb], path, call, found[1:])
        elif verb == "on" and len(found) >= 3:
            for method in self.scope.literals(found[0]):
                for path in self.scope.literals(found[1]):
                    self._route(value, method.upper(), path, call, found[2:])
        elif verb == "route" and len(found) == 1 and unwrap(found[0]).type == "object":
            self._fastify_route(value, call, found[0])
        elif verb == "route" and len(found) >= 2:
            for path in self.scope.literals(found[0]):
                self._mount(value, path, self._child(found[1]), call)
        elif verb == "use":
            self._use(value, call, found)
        elif verb == "register" and found:
            options = found[1] if len(found) > 1 else None
            prefix = self.scope.property(options, "prefix")
            path = self.scope.literal(prefix) if prefix is not None else ""
            self._mount(value, path, self._plugin(found[0], 0), call)

    def _route(
        self, router: _Bound, method: str, path: str, call: Node, handlers: list[Node]
    ) -> None:
        """Record a route with the last of its handlers."""
        if not handlers:
            return
        last = handlers[-1]
        options = unwrap(last) if unwrap(last).type == "object" else None
        handler = self.scope.property(options, "handler") if options is not None else last
        if options is not None and handler is None:
            return
        line, doc, ref = self.scope.handler(handler, call)
        if any(self._schema_documents(node) for node in handlers):
            # documented here: a handler of another file would be judged there instead
            line, doc, ref = (0 if ref else line), OK, ""
        self.facts.routes.append(
            Route(
                router=router.key,
                method=method,
                path=self._prefixed(router, path),
                line=_verb_node(call).start_point.row + 1,
                handler_line=line,
                doc=doc,
                handler_ref=ref,
            )
        )

    def _fastify_route(self, router: _Bound, call: Node, options: Node) -> None:
        """Record ``fastify.route({ method, url, handler })``."""
        methods = self.scope.literals(self.scope.property(options, "method"))
        url = self.scope.property(options, "url") or self.scope.property(options, "path")
        for method in methods:
            for path in self.scope.literals(url):
                self._route(router, method.upper(), path, call, [options])

    def _schema_documents(self, node: Node) -> bool:
        """Tell whether an options object's ``schema`` has a summary or description."""
        schema = self.scope.property(node, "schema")
        texts = (self.scope.property(schema, name) for name in ("summary", "description"))
        return any(
            found is not None and classify(self.scope.literal(found), "") == OK for found in texts
        )

    def _use(self, router: _Bound, call: Node, found: list[Node]) -> None:
        """Record ``use([path], child...)``'s mounts."""
        paths = [""]
        if found and (
            unwrap(found[0]).type in ("string", "template_string", "array")
            or text(unwrap(found[0])) in self.scope.constants
        ):
            paths, found = self.scope.literals(found[0]), found[1:]
        for child in found:
            child_key = self._child(child)
            for path in paths:
                self._mount(router, path, child_key, call)

    def _mount(self, parent: _Bound, path: str, child: str | None, call: Node) -> None:
        """Record that the router ``child`` is served under ``parent`` at ``path``."""
        if child is None:
            return
        mount = Mount(parent.key, self._prefixed(parent, path), child, call.start_point.row + 1)
        if mount not in self.facts.mounts:
            self.facts.mounts.append(mount)

    def _prefixed(self, router: _Bound, path: str) -> str:
        """Return ``path`` under a router's own prefix and the expression's."""
        own = self.own.get(router.key, "")
        prefix = join(own, router.prefix) if own and router.prefix else own or router.prefix
        return join(prefix, path) if prefix else path

    def _child(self, node: Node) -> str | None:
        """Return the key of the router a mount serves: a bound name, an import, a
        ``require``, Koa's ``router.routes()``, a function returning one (``make()``)."""
        node = unwrap(node)
        if node.type == "call_expression" and _verb(node) in _KOA_MOUNTS:
            node = _receiver(node)
        specifier = self.scope.required(node)
        if specifier is not None:
            module = self.scope.specified(specifier)
            return key(module, "default") if module is not None else None
        if node.type == "member_expression":
            head = node.child_by_field_name("object")
            module = self.scope.specified(self.scope.required(head) or "") if head else None
            if module is not None:
                return key(module, text(node.child_by_field_name("property")))
        value = self.value_of(node)
        if isinstance(value, _Bound):
            return value.key
        if node.type == "identifier":
            return self.scope.import_key(text(node), [])
        if node.type == "call_expression":
            callee = self._callee(node.child_by_field_name("function"))
            return f"{callee}()" if callee is not None else None
        if node.type == "member_expression":
            return self._callee(node)
        return None

    def _plugin(self, node: Node, position: int) -> str | None:
        """Return the key of a plugin's (or a registration function's) router parameter."""
        node = unwrap(node)
        function = self.scope.function_value(node)
        if function is not None and function.type in FUNCTION_NODES:
            return key(self.scope.module, f"{self.scope.function_name(function)}.{position}")
        callee = self._callee(function if function is not None else node)
        return f"{callee}.{position}" if callee is not None else None

    def _callee(self, node: Node | None) -> str | None:
        """Return the key of a function of the repository a call or a plugin names."""
        if node is None:
            return None
        node = unwrap(node)
        specifier = self.scope.required(node)
        if specifier is not None:
            module = self.scope.specified(specifier)
            return key(module, "default") if module is not None else None
        path: list[str] = []
        root = node
        while root.type == "member_expression":
            path.insert(0, text(root.child_by_field_name("property")))
            root = unwrap(root.child_by_field_name("object") or root)
        if root.type != "identifier":
            return None
        if root.type == "identifier" and not path:
            local = self.scope.local(text(root), root)
            function = self.scope.function_value(local) if local is not None else None
            if function is not None and function.type in FUNCTION_NODES:
                return key(self.scope.module, self.scope.function_name(function))
        return self.scope.import_key(text(root), path)

    def _passed(self, argument: Node) -> None:
        """Record a router passed to a function of the repository (``routes(app)``):
        the function's parameter router is served under it."""
        name = text(argument)
        if not (self.framework_named or name in _ROUTER_NAMES or name in self.names):
            return
        arguments = argument.parent
        call = arguments.parent if arguments is not None else None
        if call is None or call.type != "call_expression":
            return
        if _verb(call) in _CHAINS or self.scope.required(call) is not None:
            return
        bound = self.value_of(argument)
        if not isinstance(bound, _Bound):
            return
        position = arguments_of(call).index(argument)
        child = self._plugin(call.child_by_field_name("function") or call, position)
        self._mount(bound, "", child, call)


def _verb(call: Node) -> str:
    """Return the method name a call calls (``get`` of ``app.get(...)``), or ``""``."""
    callee = call.child_by_field_name("function")
    if callee is None or callee.type != "member_expression":
        return ""
    return text(callee.child_by_field_name("property"))


def _verb_node(call: Node) -> Node:
    """Return the node of a call's method name (the line a registration is on)."""
    callee = call.child_by_field_name("function")
    return (callee.child_by_field_name("property") if callee is not None else None) or call


def _receiver(call: Node) -> Node:
    """Return what a method call is called on."""
    callee = call.child_by_field_name("function")
    found = callee.child_by_field_name("object") if callee is not None else None
    return unwrap(found) if found is not None else call


def _held(node: Node) -> tuple[Node, Node | None]:
    """Return the outermost wrapper (parentheses, ``await``, casts) around ``node`` and
    what holds it."""
    child = node
    parent = node.parent
    while parent is not None and parent.type in WRAPPERS:
        child, parent = parent, parent.parent
    return child, parent


def _literal_path(node: Node) -> bool:
    """Tell whether an argument is a string starting with ``/`` (a route's path)."""
    return (string_of(unwrap(node)) or "").startswith("/")


def _function_of(node: Node) -> Node | None:
    """Return the function a node is inside of."""
    parent = node.parent
    while parent is not None and parent.type not in FUNCTION_NODES:
        parent = parent.parent
    return parent


def _function_id(node: Node) -> int:
    """Return the id of the function a node is inside of (0 at the top level)."""
    function = _function_of(node)
    return function.id if function is not None else 0


def _returns(function: Node, name: str) -> bool:
    """Tell whether a function's body returns the name ``name`` itself."""
    body = function.child_by_field_name("body")
    for statement in body.named_children if body is not None else ():
        if statement.type == "return_statement":
            values = [c for c in statement.named_children if c.type != "comment"]
            if len(values) == 1 and text(values[0]) == name:
                return True
    return False
