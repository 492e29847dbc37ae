"""The web API endpoints a Rust file builds: axum routers and actix-web apps.

Every router expression is named by a key (``route_names`` says how a path becomes a
key): a chain from ``Router::new()``, ``App::new()``, ``web::scope(p)`` or
``web::resource(p)`` by where it starts (``rust:src#main@12:15``), a variable by its
function and name (``rust:src#main.app``), a parameter of type ``Router`` or
``ServiceConfig`` by its function and position (``rust:src/api#config.0``), a function
that returns a router by its path (``rust:src/api#router``). What a chain calls on it:

- axum: ``.route("/x", get(h).post(h2))`` (``get``... ``any``, ``on(MethodFilter::X, h)``,
  ``get_service``), ``.nest("/api", r)``, ``.merge(r)``;
- actix-web: ``.route("/x", web::get().to(h))`` (``web::route()`` is ``ANY``,
  ``web::method(Method::X)``), ``.service(r)`` (a scope, a resource, a function with
  ``#[get("/x")]``...), ``.configure(f)``; a resource's ``.route(web::get().to(h))``,
  ``.to(h)`` and ``.get(h)``...; ``#[get("/x")]``, ``#[post]``... and
  ``#[route("/x", method = "GET", ...)]`` on a function make it a router of its own.

A function's returned router, a variable's bound one, a scope's prefix are mounts; a
router passed to ``axum::serve`` or made a service (``.into_make_service()``), and an
actix ``App``, are applications. Paths are string literals or the file's ``const``
strings; axum's ``*rest`` and ``{*rest}`` are written ``{rest}``.

A handler this file defines is judged by its ``///`` documentation (rustc's rule, the
verdict the parse gave it) or a ``summary``/``description`` in its
``#[utoipa::path(...)]``; one of another module is named by its key, and every ``async``
function (or one returning ``impl IntoResponse``/``impl Responder``) at a module's top
level is recorded as a handler for it. A closure is undocumented. Code in a
``#[cfg(test)]`` module or a test function is not read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from tree_sitter import Node

from docaudit.analysers import treesitter
from docaudit.analysers.routes import DYNAMIC, Handler, Mount, Route, RouteFacts, Router
from docaudit.analysers.rust import route_syntax as syntax
from docaudit.analysers.rust.route_names import Scope
from docaudit.model.symbols import MISSING, OK, Definition

MARKERS = (b"axum", b"actix_web")
"""A literal part of every file that builds or serves a router or defines a handler."""

_QUERY = """
(call_expression
  function: [
    (field_expression value: (_) @receiver field: (field_identifier) @method)
    (generic_function
      function: (field_expression value: (_) @receiver field: (field_identifier) @method))]
  arguments: (arguments) @arguments
  (#any-of? @method "route" "nest" "merge" "service" "configure" "to" "get" "post" "put"
    "delete" "patch" "head" "into_make_service" "into_make_service_with_connect_info"))
(call_expression
  function: [(identifier) @serve (scoped_identifier name: (identifier) @serve)]
  arguments: (arguments) @arguments
  (#eq? @serve "serve")) @served
(let_declaration pattern: (identifier) @variable value: (_) @value)
(function_item name: (identifier) @name body: (block) @body) @function
(return_expression (_) @returned)
(const_item name: (identifier) @constant value: (string_literal) @text)
"""
_CALLS = """
(call_expression
  function: [(identifier) (scoped_identifier)] @callee arguments: (arguments) @arguments)
"""
"""Calls of functions, read when one serves a router it takes as a parameter."""
_WRAPPERS = frozenset(
    {"try_expression", "await_expression", "parenthesized_expression", "reference_expression"}
)
_HANDLERS = ("IntoResponse", "Responder")
"""Words of a function's result that make it a handler, ``async`` or not."""
_FRAMEWORKS = ("rust:axum/", "rust:actix_web/")
"""The keys of the frameworks' own functions (``get``, ``web::resource``...)."""
_PASSED = frozenset({"Ok", "Some", "Box::new", "Arc::new"})
"""Calls whose one argument is the router they give."""
_WILDCARD = re.compile(r"(?<=/)\*([A-Za-z_][A-Za-z0-9_]*)|\{\*([A-Za-z_][A-Za-z0-9_]*)\}")
"""axum's ``*rest`` (0.7) and ``{*rest}`` (0.8)."""


@dataclass(frozen=True, slots=True)
class _Base:
    """What a router expression starts from: its ``kind`` (``router``, ``app``,
    ``scope``, ``resource``, ``variable``, ``parameter``, ``item``), its key, and a
    scope's prefix or a resource's path."""

    kind: str
    key: str
    path: str = ""


def rust_routes(
    grammar: Callable[[], object], root: Node, data: bytes, path: str, module: Definition
) -> RouteFacts:
    """Return the routers, routes, mounts and handlers of one Rust file (see the
    module's docstring), ``module`` being its parse's module definition."""
    if not any(marker in data for marker in MARKERS):
        return RouteFacts()
    found = treesitter.matches(grammar, _QUERY, root)
    reader = _Reader(Scope(path, module), "axum" if b"axum" in data else "actix-web")
    reader.index(found)
    for match in found:
        if "method" in match:
            reader.call(match["method"], match["receiver"], match["arguments"])
        elif "served" in match:
            reader.axum_serve(match["served"], match["arguments"])
    served = reader.served_parameters()
    if served:
        for match in treesitter.matches(grammar, _CALLS, root):
            reader.pass_router(match["callee"], match["arguments"], served)
    reader.bindings(found)
    return reader.facts()


class _Reader:
    """Gathers one file's route facts."""

    def __init__(self, scope: Scope, framework: str) -> None:
        """Start with the file's names and the framework its routers are of."""
        self.scope = scope
        self.framework = framework
        self.functions: dict[tuple[str, str], Node] = {}
        self.constants: dict[str, str] = {}
        self.locals: set[tuple[int, str]] = set()
        self.routers: dict[str, Router] = {}
        self.routes: list[tuple[int, Route]] = []
        self.mounts: list[Mount] = []
        self.handlers: list[Handler] = []
        self.used: set[str] = set()
        self.tests: dict[int, bool] = {}

    def index(self, found: list[dict[str, Node]]) -> None:
        """Record the file's functions (handlers and attribute routes among them), its
        string constants and the variables each function binds."""
        for match in found:
            if "constant" in match:
                value = syntax.literal_content(match["text"])
                self.constants[treesitter.text(match["constant"])] = value
            elif "variable" in match:
                owner = syntax.enclosing_function(match["variable"])
                if owner is not None:
                    self.locals.add((owner.id, treesitter.text(match["variable"])))
            elif "function" in match and not self.in_test(match["function"]):
                self.function(match["function"])

    def function(self, node: Node) -> None:
        """Record a function: a handler (at a module's top level, one other files may
        name), an attribute route; a method is none."""
        name = treesitter.text(node.child_by_field_name("name"))
        module = self.scope.module_of(node)
        parent = node.parent
        if parent is None or parent.type not in ("source_file", "declaration_list", "block"):
            return
        if parent.type == "block":  # a function's own: a handler of its routes only
            self.functions.setdefault((module, name), node)
            return
        if parent.type == "declaration_list" and parent.parent.type != "mod_item":
            return
        self.functions[module, name] = node
        key = f"rust:{module}#{name}"
        doc = self.doc(module, name)
        result = treesitter.text(node.child_by_field_name("return_type"))
        modifiers = next((c for c in node.children if c.type == "function_modifiers"), None)
        handles = "async" in treesitter.text(modifiers) or any(w in result for w in _HANDLERS)
        if handles and name != "main":
            self.handlers.append(Handler(key, treesitter.line(node), doc))
        for attribute in syntax.attributes_of(node):
            verbs = syntax.attribute_verbs(attribute)
            tokens = attribute.child_by_field_name("arguments")
            first = tokens.named_children[0] if tokens and tokens.named_children else None
            if verbs and first is not None:
                self.router(key, "actix-web")
                path = self.string(first)
                line = treesitter.line(attribute)
                self.routes += [
                    (
                        attribute.start_byte,
                        Route(key, verb, path, line, treesitter.line(node), doc),
                    )
                    for verb in verbs
                ]

    def doc(self, module: str, name: str) -> str:
        """Return the doc verdict of a function this file defines."""
        node = self.functions.get((module, name))
        attributes = syntax.attributes_of(node) if node is not None else []
        if any(syntax.utoipa_documents(a) for a in attributes):
            return OK
        definition = self.scope.functions.get((module, name))
        if definition is not None:
            return definition.doc
        return syntax.own_doc(node) if node is not None else MISSING

    def in_test(self, node: Node) -> bool:
        """Tell whether ``node`` is in a ``#[cfg(test)]`` module or a test function."""
        ancestor: Node | None = node
        while ancestor is not None:
            if ancestor.type in ("mod_item", "function_item"):
                if ancestor.id not in self.tests:
                    self.tests[ancestor.id] = any(
                        syntax.is_test(a) for a in syntax.attributes_of(ancestor)
                    )
                if self.tests[ancestor.id]:
                    return True
            ancestor = ancestor.parent
        return False

    def router(self, key: str, framework: str | None = None, application: bool = False) -> None:
        """Declare the router ``key`` (an application once any use says so)."""
        known = self.routers.get(key)
        if known is None or (application and not known.application):
            self.routers[key] = Router(key, framework or self.framework, application)
        self.used.add(key)

    def string(self, node: Node) -> str:
        """Return the path a literal or a constant of the file writes (else DYNAMIC)."""
        if node.type == "identifier" and treesitter.text(node) in self.constants:
            return self.constants[treesitter.text(node)]
        if node.type in ("string_literal", "raw_string_literal"):
            written = syntax.literal_content(node)
            return _WILDCARD.sub(lambda m: "{" + (m[1] or m[2]) + "}", written)
        return DYNAMIC

    def base(self, node: Node) -> _Base | None:
        """Return what the router expression ``node`` starts from (method calls, ``?``,
        ``.await``, ``&mut`` and parentheses stepped over), or ``None``."""
        while node.type in _WRAPPERS or (inner := _inside(node)) is not None:
            if node.type in _WRAPPERS:
                inner = node.child_by_field_name("value") or node.named_children[0]
            node = inner
        owner = syntax.enclosing_function(node)
        module = self.scope.module_of(node)
        where = treesitter.text(owner.child_by_field_name("name")) if owner is not None else ""
        if node.type == "identifier" and owner is not None:
            name = treesitter.text(node)
            position = syntax.router_parameter(owner, name)
            if position is not None:
                return _Base("parameter", f"rust:{module}#{where}.{position}")
            if (owner.id, name) in self.locals:
                return _Base("variable", f"rust:{module}#{where}.{name}")
        if node.type in ("identifier", "scoped_identifier"):
            item, name = self.scope.resolve(syntax.path_text(node), module)
            return _Base("item", f"rust:{item}#{name}")
        if node.type != "call_expression":
            return None
        segments = syntax.path_text(node.child_by_field_name("function")).split("::")
        anonymous = f"rust:{module}#{where}@{treesitter.line(node)}:{node.start_point.column}"
        arguments = syntax.call_arguments(node.child_by_field_name("arguments"))
        first = self.string(arguments[0]) if arguments else DYNAMIC
        item, name = self.scope.resolve("::".join(segments), module)
        kind = _CONSTRUCTORS.get(tuple(segments[-2:]))  # as written, or as imported
        kind = kind or _CONSTRUCTORS.get((item.rpartition("/")[2], name))
        if kind is not None:
            return _Base(kind, anonymous, first if kind in ("scope", "resource") else "")
        return _Base("item", f"rust:{item}#{name}")

    def call(self, method: Node, receiver: Node, arguments_node: Node) -> None:
        """Read one method call on a router: a route, a mount, a service made."""
        if self.in_test(method):
            return
        name = treesitter.text(method)
        arguments = syntax.call_arguments(arguments_node)
        target = self.base(receiver)
        line = treesitter.line(method)
        if name.startswith("into_make_service"):
            self.serve(target, receiver, line)
        elif target is None or (target.kind == "item" and not _extends(target, name)):
            return
        elif name == "route" and len(arguments) == 2:
            self.add_routes(target, self.string(arguments[0]), arguments[1], method)
        elif name == "route" and len(arguments) == 1 and target.kind == "resource":
            self.add_routes(target, target.path, arguments[0], method)
        elif target.kind == "resource" and (name == "to" or name in syntax.VERBS) and arguments:
            verb = "ANY" if name == "to" else name.upper()
            self.route(target, verb, target.path, method, arguments[0])
        elif name == "nest" and len(arguments) == 2:
            self.mount(target, self.string(arguments[0]), arguments[1], line)
        elif name in ("merge", "service") and len(arguments) == 1:
            self.mount(target, None, arguments[0], line)
        elif name == "configure" and len(arguments) == 1:
            child = self.base(arguments[0])
            if child is not None and child.kind == "item":
                self.router(target.key, None, target.kind == "app")
                self.mounts.append(Mount(target.key, "", f"{child.key}.0", line))

    def add_routes(self, target: _Base, path: str, expression: Node, at: Node) -> None:
        """Add the routes a method router (``get(h).post(h2)``) or an actix route
        (``web::get().to(h)``) gives ``path`` on ``target``, registered by ``at``."""
        for verb, handler in syntax.method_handlers(expression):
            self.route(target, verb, path, at, handler)

    def route(self, target: _Base, verb: str, path: str, at: Node, handler: Node | None) -> None:
        """Add one route on ``target`` registered by ``at``, its handler judged here or
        named by its key."""
        self.router(target.key, None, target.kind == "app")
        route = Route(target.key, verb, path, treesitter.line(at))
        if handler is not None and handler.type == "generic_function":
            handler = handler.child_by_field_name("function") or handler
        if handler is not None and handler.type == "closure_expression":
            route = replace(route, handler_line=treesitter.line(handler))
        elif handler is not None and handler.type in ("identifier", "scoped_identifier"):
            module, name = self.scope.resolve(
                syntax.path_text(handler), self.scope.module_of(handler)
            )
            node = self.functions.get((module, name))
            if node is not None:
                doc = self.doc(module, name)
                route = replace(route, handler_line=treesitter.line(node), doc=doc)
            else:
                route = replace(route, handler_ref=f"rust:{module}#{name}")
        self.routes.append((at.start_byte, route))

    def mount(self, target: _Base, prefix: str | None, child_node: Node, line: int) -> None:
        """Mount the router ``child_node`` on ``target`` at ``prefix`` (``None``: a
        scope's own prefix, else the root)."""
        child = self.base(child_node)
        if child is None:
            return
        self.router(target.key, None, target.kind == "app")
        self.used.add(child.key)
        own = child.path if child.kind == "scope" else ""
        self.mounts.append(Mount(target.key, own if prefix is None else prefix, child.key, line))

    def axum_serve(self, call: Node, arguments_node: Node) -> None:
        """Read ``axum::serve(listener, app)``: ``app`` is an application."""
        function = call.child_by_field_name("function")
        written = syntax.path_text(function)
        if self.in_test(call) or not written:
            return
        module, _ = self.scope.resolve(written, self.scope.module_of(call))
        arguments = syntax.call_arguments(arguments_node)
        if module.split("/")[0] == "axum" and arguments:
            self.serve(self.base(arguments[-1]), arguments[-1], treesitter.line(call))

    def serve(self, served: _Base | None, node: Node, line: int) -> None:
        """Make the router ``served`` an application (a function's, through a mount
        from an application of this file)."""
        if served is None:
            return
        if served.kind != "item":
            self.router(served.key, None, True)
            return
        owner = syntax.enclosing_function(node)
        where = treesitter.text(owner.child_by_field_name("name")) if owner is not None else ""
        key = f"rust:{self.scope.module_of(node)}#{where}.serve@{line}"
        self.router(key, None, True)
        self.mounts.append(Mount(key, "", served.key, line))

    def served_parameters(self) -> dict[str, list[int]]:
        """Return the functions (by key) that serve routers they take, and the
        parameters' positions."""
        served: dict[str, list[int]] = {}
        for router in self.routers.values():
            function, _, position = router.key.rpartition(".")
            if router.application and position.isdigit() and "@" not in function:
                served.setdefault(function, []).append(int(position))
        return served

    def pass_router(
        self, callee: Node, arguments_node: Node, served: dict[str, list[int]]
    ) -> None:
        """Mount each router a call passes to a parameter its function serves on that
        parameter (``serve(app, 3000)`` with ``async fn serve(app: Router, ...)``)."""
        module, name = self.scope.resolve(syntax.path_text(callee), self.scope.module_of(callee))
        key = f"rust:{module}#{name}"
        arguments = syntax.call_arguments(arguments_node)
        for position in served.get(key, []):
            passed = self.base(arguments[position]) if position < len(arguments) else None
            if passed is not None and not self.in_test(callee):
                self.used.add(passed.key)
                self.mounts.append(
                    Mount(f"{key}.{position}", "", passed.key, treesitter.line(callee))
                )

    def bindings(self, found: list[dict[str, Node]]) -> None:
        """Mount what a function returns on the function's key (when it is a router or
        the function's type says so), then what each used variable is bound to on it
        (the last binding first: it may use those before it)."""
        for match in found:
            if "returned" in match or ("body" in match and not self.in_test(match["body"])):
                returned = match.get("returned") or syntax.tail_expression(match["body"])
                owner = syntax.enclosing_function(returned) if returned is not None else None
                if owner is None or self.in_test(owner):
                    continue
                result = treesitter.text(owner.child_by_field_name("return_type"))
                name = treesitter.text(owner.child_by_field_name("name"))
                key = f"rust:{self.scope.module_of(owner)}#{name}"
                served = any(_shuttle(a) for a in syntax.attributes_of(owner))
                self.bind(key, returned, served or any(w in result for w in syntax.ROUTER_TYPES))
                if served:
                    self.router(key, None, True)
        for match in reversed(found):
            if "variable" in match and not self.in_test(match["variable"]):
                bound = self.base(match["variable"])
                if bound is not None and bound.key in self.used:
                    self.bind(bound.key, match["value"], True)

    def bind(self, key: str, value: Node | None, router_typed: bool) -> None:
        """Mount the router ``value`` on ``key`` when it is a router (``router_typed``:
        whatever it is)."""
        bound = self.base(value) if value is not None else None
        if bound is None or bound.key == key or bound.kind == "app":  # an App is served
            return
        if bound.kind in ("router", "scope", "resource") or bound.key in self.used or router_typed:
            self.router(key)
            self.used.add(bound.key)
            prefix = bound.path if bound.kind == "scope" else ""
            self.mounts.append(Mount(key, prefix, bound.key, treesitter.line(value)))

    def facts(self) -> RouteFacts:
        """Return what was gathered (routes in source order)."""
        return RouteFacts(
            routers=tuple(self.routers.values()),
            routes=tuple(route for _, route in sorted(self.routes, key=lambda r: r[0])),
            mounts=tuple(self.mounts),
            handlers=tuple(self.handlers),
        )


def _inside(node: Node) -> Node | None:
    """Return the router expression inside ``node``: a method call's receiver, the one
    argument of ``Ok(...)`` and the like (see ``_PASSED``); else ``None``."""
    receiver = syntax.method_call(node)
    if receiver is not None or node.type != "call_expression":
        return receiver
    arguments = syntax.call_arguments(node.child_by_field_name("arguments"))
    passed = syntax.path_text(node.child_by_field_name("function")) in _PASSED
    return arguments[0] if passed and len(arguments) == 1 else None


def _extends(target: _Base, method: str) -> bool:
    """Tell whether a call of ``method`` on what a function returns adds routes to its
    router (``api::router().route(...)``): not on the frameworks' own functions."""
    return method in ("route", "nest", "merge") and not target.key.startswith(_FRAMEWORKS)


def _shuttle(attribute: Node) -> bool:
    """Tell whether an attribute is ``#[shuttle_runtime::main]``, which serves what its
    function returns."""
    return syntax.path_text(attribute.named_children[0]).endswith("shuttle_runtime::main")


_CONSTRUCTORS = {
    ("Router", "new"): "router",
    ("App", "new"): "app",
    ("web", "scope"): "scope",
    ("Scope", "new"): "scope",
    ("web", "resource"): "resource",
    ("Resource", "new"): "resource",
}
"""The calls a router chain starts from, by the last two parts of their path."""
