"""The web API a Go file builds, as ``analysers.routes`` facts: its routers (gin, echo,
chi, fiber, ``net/http``'s ``ServeMux``), the routes registered on them, the sub-routers
mounted under a prefix, and the functions that can be another file's handlers.

A value is followed through the file as go/types would, in part: a variable holds what
its declaration or last assignment gave it (a router built by ``gin.Default()``, a
group, a function's result, a value of a named type), a parameter what its type says.
Keys (see ``analysers.routes``) are ``go:<package folder>#<name>``: a package variable by
its name, a function's local by ``F.name`` (``T.M.name`` in a method), what a function
returns by ``F.return``, a router parameter by ``F.<position>``, a field by ``T.field``;
another package's are written with its import path, which the join resolves to the
folder that declares them. A router nothing here built (a package variable of another
file, a field) is taken for one only where the call can be nothing else: a method of a
framework the file imports, with a path literal starting with ``/``.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from tree_sitter import Node

import docaudit.analysers.go.parse as goparse  # the module, half read: parse imports this one
from docaudit.analysers import treesitter
from docaudit.analysers.go import frameworks as fw
from docaudit.analysers.routes import DYNAMIC, Handler, Mount, Route, RouteFacts, Router
from docaudit.analysers.treesitter import line, text
from docaudit.model.symbols import MISSING, OK

_QUERY = """
(import_spec name: (_)? @alias path: (_) @import)
(function_declaration) @function
(method_declaration) @function
(func_literal) @function
(return_statement (expression_list . (identifier) @returned))
(type_spec name: (type_identifier) @type type: (_) @type_value)
(const_spec name: (identifier) @constant
  value: (expression_list . [(interpreted_string_literal) (raw_string_literal)] @value .))
(short_var_declaration left: (expression_list) @left right: (expression_list) @right) @define
(assignment_statement left: (expression_list) @left right: (expression_list) @right) @assign
(var_spec) @var
(call_expression) @call
(keyed_element key: (literal_element (identifier) @field) value: (literal_element (_) @value))
  @keyed
"""
_FUNCTIONS = frozenset({"function_declaration", "method_declaration", "func_literal"})
_STRINGS = frozenset({"interpreted_string_literal", "raw_string_literal"})
_PATTERN = re.compile(r"([A-Z]+)[ \t]+(.*)")
_SWAG = re.compile(r"//\s*@(\w+)\s*(.*)")
_DEFAULT_MUX = f"go:{fw.HTTP}#DefaultServeMux"


def route_reads(grammar: Callable[[], object], root: Node, data: bytes, path: str) -> RouteFacts:
    """Return the routers, routes, mounts and handlers of the Go file ``path``."""
    if not any(marker in data for marker in fw.MARKERS[1:]) and not (
        fw.MARKERS[0] in data and any(use in data for use in fw.HTTP_USES)
    ):
        return RouteFacts()
    return _Reader(treesitter.matches(grammar, _QUERY, root), path).read()


@dataclass(frozen=True, slots=True)
class _Value:
    """What the reader knows of an expression: the ``key`` of the router (or field, or
    variable) it is, with its ``framework``; ``certain`` when built or typed as a router
    here, ``result`` when a call returned it; its type (``owner``: the package path and
    type name, the name empty when not known); the import path of a package it names
    (``package``, ``framework`` set for a framework's); the function or method it names
    (``function``: path and name); and, for a router's method, the router (``receiver``)."""

    key: str = ""
    framework: str = ""
    certain: bool = False
    result: bool = False
    owner: tuple[str, str] | None = None
    package: str = ""
    function: tuple[str, str] | None = None
    receiver: _Value | None = None


class _Reader:
    """Reads one file's matches in source order, keeping what each name holds."""

    def __init__(self, matches: list[dict[str, Node]], path: str) -> None:
        """Index the file's imports, functions, struct fields and constants."""
        self.folder = posixpath.dirname(path) or "."
        self.file = posixpath.basename(path)
        self.imports: dict[str, str] = {}
        self.frameworks: dict[str, str] = {}
        self.functions: dict[str, Node] = {}
        self.fields: dict[str, dict[str, Node]] = {}
        self.types: set[str] = set()
        self.constants: dict[str, str] = {}
        self.returned: dict[int, set[str]] = {}
        self.scopes: dict[int, dict[str, _Value]] = {}
        self.package: dict[str, _Value] = {}
        self.routers: dict[str, Router] = {}
        self.routes: dict[Route, None] = {}
        self.mounts: dict[Mount, None] = {}
        self.events: list[tuple[tuple[int, int, int], str, dict[str, Node]]] = []
        self.open: list[Node] = []
        self.names: dict[int, str] = {}
        self.router_names: set[str] = set()
        function_nodes: list[Node] = []
        for match in matches:
            if "import" in match:
                self._import(match.get("alias"), match["import"])
            elif "function" in match:
                function_nodes.append(match["function"])
            elif "returned" in match:
                owner = _innermost(match["returned"])
                if owner is not None and owner.type != "func_literal":
                    self.returned.setdefault(owner.id, set()).add(text(match["returned"]))
            elif "type" in match:
                self.types.add(text(match["type"]))
                self.fields[text(match["type"])] = _field_types(match["type_value"])
            elif "constant" in match:
                value = _string(match["value"])
                self.constants[text(match["constant"])] = DYNAMIC if value is None else value
            else:
                self._event(match)
        self.function_nodes = sorted(function_nodes, key=lambda node: node.start_byte)
        for node in self.function_nodes:
            self.names[node.id] = self._name_of(node)
            if node.type != "func_literal":
                self.functions[self.names[node.id]] = node
        for node in self.function_nodes:
            self.scopes[node.id] = self._parameters(node)
        for fields in self.fields.values():
            for name, written in fields.items():
                if self._typed(written, "-").certain:
                    self.router_names.add(name)

    def read(self) -> RouteFacts:
        """Follow every declaration and call in source order; return what they build."""
        functions = iter(self.function_nodes)
        following = next(functions, None)
        started: list[Node] = []
        for _, kind, match in sorted(self.events, key=lambda event: event[0]):
            node = match[kind]
            while following is not None and following.start_byte <= node.start_byte:
                started.append(following)
                following = next(functions, None)
            started = [f for f in started if f.end_byte > node.start_byte]
            self.open = [f for f in reversed(started) if f.end_byte >= node.end_byte]
            if kind == "call":
                self._call(match["call"])
            elif kind == "keyed":
                self._keyed(match["keyed"], match["field"], match["value"])
            elif kind == "var":
                self._var(match["var"])
            else:
                self._define(match["left"], match["right"], kind == "define")
        return RouteFacts(
            routers=tuple(self.routers.values()),
            routes=tuple(self.routes),
            mounts=tuple(self.mounts),
            handlers=tuple(self._handlers()),
        )

    # ------------------------------------------------------------------ indexing

    def _import(self, alias: Node | None, literal: Node) -> None:
        """Record one import under the name the file uses (the path's last element, less
        a ``/vN`` major version, when it gives none)."""
        path = text(literal).strip('"`')
        name = text(alias) if alias is not None else _package_name(path)
        if name in ("_", "."):
            return
        self.imports[name] = path
        if framework := fw.framework_of(path):
            self.frameworks[name] = framework

    def _event(self, match: dict[str, Node]) -> None:
        """Queue a declaration, assignment, call or keyed element, in source order
        (package variables first, an enclosing call before the calls it holds)."""
        kind = next(k for k in ("define", "assign", "var", "call", "keyed") if k in match)
        node = match[kind]
        first = 0 if kind == "var" and _innermost(node) is None else 1
        self.events.append(((first, node.start_byte, -node.end_byte), kind, match))

    def _parameters(self, function: Node) -> dict[str, _Value]:
        """Return what a function's receiver and parameters hold: a parameter of a
        router's type is a router (declared here, keyed by its position), another one a
        value of its type."""
        scope = self._scope_name(function)
        found: dict[str, _Value] = {}
        if function.type == "method_declaration":
            receiver = function.child_by_field_name("receiver")
            for name, _ in _parameter_list(receiver):
                found[text(name)] = _Value(owner=(self.folder, goparse.receiver_type(function)))
        parameters = function.child_by_field_name("parameters")
        for position, (name, written) in enumerate(_parameter_list(parameters)):
            value = self._typed(written, f"go:{self.folder}#{scope}.{position}")
            if value.certain:
                self._router(value.key, value.framework, False)
            if name is not None:
                found[text(name)] = value
                if value.certain:
                    self.router_names.add(text(name))
        return found

    def _typed(self, written: Node | None, key: str) -> _Value:
        """Return a value of the type ``written``: a router keyed ``key`` when the type
        is one of a framework's router types, else a value of that type."""
        while written is not None and written.type == "pointer_type":
            written = written.named_children[0] if written.named_children else None
        if written is None:
            return _Value()
        if written.type == "type_identifier":
            return _Value(owner=(self.folder, text(written)))
        if written.type != "qualified_type":
            return _Value()
        alias = text(written.child_by_field_name("package"))
        name = text(written.child_by_field_name("name"))
        framework = self.frameworks.get(alias, "")
        if name in fw.ROUTER_TYPES.get(framework, ()):
            return _Value(key=key, framework=framework, certain=True)
        return _Value(owner=(self.imports[alias], name)) if alias in self.imports else _Value()

    def _scope_name(self, function: Node) -> str:
        """Return the name a function's keys start with (see ``_name_of``)."""
        return self.names[function.id]

    def _name_of(self, function: Node) -> str:
        """Return the name a function's keys start with: ``F``, ``T.M``, ``init@file:N``,
        and for a function literal its enclosing function's and its place."""
        outer: Node | None = function
        while outer is not None and outer.type == "func_literal":
            outer = _innermost(outer)
        name = self.file if outer is None else _declared_name(outer, self.file)
        if function.type != "func_literal":
            return name
        return f"{name}@{line(function)}:{function.start_point.column + 1}"

    # ------------------------------------------------------------------ names and values

    def _lookup(self, name: Node) -> _Value | None:
        """Return what the identifier ``name`` holds where it is used (``None`` for a
        local the reader knows nothing of)."""
        written = text(name)
        for function in self.open:
            scope = self.scopes.get(function.id, {})
            if written in scope:
                return scope[written]
        if written in self.package:
            return self.package[written]
        if written in self.imports:
            return _Value(
                package=self.imports[written], framework=self.frameworks.get(written, "")
            )
        return _Value(key=f"go:{self.folder}#{written}", function=(self.folder, written))

    def _local_key(self, name: Node) -> tuple[dict[str, _Value], str]:
        """Return the scope a name declared at ``name`` lives in and its key."""
        functions = self.open
        if not functions:
            return self.package, f"go:{self.folder}#{text(name)}"
        function = functions[0]
        scope = self._scope_name(function)
        if text(name) in self.returned.get(function.id, ()):
            return self.scopes[function.id], f"go:{self.folder}#{scope}.return"
        return self.scopes[function.id], f"go:{self.folder}#{scope}.{text(name)}"

    def _value(self, expression: Node | None, key: str = "") -> _Value | None:
        """Return what ``expression`` is; a router it builds is keyed ``key`` (else by
        its place). The chain of selectors and calls is read innermost first, in a loop."""
        chain: list[Node] = []
        node = expression
        while node is not None:
            chain.append(node)
            if node.type in ("parenthesized_expression", "unary_expression"):
                node = node.named_children[-1] if node.named_children else None
            elif node.type == "call_expression":
                node = node.child_by_field_name("function")
            elif node.type == "selector_expression":
                node = node.child_by_field_name("operand")
            else:
                node = None
        value: _Value | None = None
        for node in reversed(chain):
            value = self._step(node, value, key if node is expression else "")
        return value

    def _step(self, node: Node, inner: _Value | None, key: str) -> _Value | None:
        """Return what ``node`` is, given what its operand or callee is (``inner``)."""
        if node.type == "identifier":
            return self._lookup(node)
        if node.type == "composite_literal":
            return self._typed(node.child_by_field_name("type"), "")
        if node.type in ("parenthesized_expression", "unary_expression") or inner is None:
            return inner
        if node.type == "selector_expression":
            return self._member(inner, text(node.child_by_field_name("field")))
        if node.type == "call_expression":
            return self._result(node, inner, key)
        return None

    def _member(self, inner: _Value, field: str) -> _Value | None:
        """Return ``inner.field``: a package's variable or function, a value's field or
        method, or a router's method."""
        if inner.package:
            if inner.framework == fw.HTTP and field == "DefaultServeMux":
                self._router(_DEFAULT_MUX, fw.HTTP, True)
                return _Value(key=_DEFAULT_MUX, framework=fw.HTTP, certain=True)
            key = "" if inner.framework else f"go:{inner.package}#{field}"
            return _Value(key=key, framework=inner.framework, function=(inner.package, field))
        receiver = inner if inner.key else None
        if inner.owner is None:
            return _Value(receiver=receiver) if receiver else None
        path, owner = inner.owner
        name = f"{owner}.{field}" if owner else field
        member = _Value(key=f"go:{path}#{name}" if owner else "", function=(path, name))
        written = self.fields.get(owner, {}).get(field) if path == self.folder else None
        if written is not None:
            member = replace(self._typed(written, member.key), function=member.function)
        return replace(member, receiver=receiver)

    def _result(self, call: Node, callee: _Value, key: str) -> _Value | None:
        """Return what a call gives: a router a framework's constructor or a group
        builds (keyed ``key``), the router a ``With`` is called on, or a function's result."""
        arguments = _arguments(call)
        if callee.framework and callee.function is not None:
            application = fw.CONSTRUCTORS.get((callee.framework, callee.function[1]))
            if application is None:
                return None
            key = key or self._place(call)
            self._router(key, callee.framework, application)
            return _Value(key=key, framework=callee.framework, certain=True)
        router = callee.receiver
        if router is not None:
            method = _method_name(call)
            framework = self._framework(router, method)
            if method in fw.SAME_ROUTER.get(framework, ()):
                return router
            prefix = self._path(arguments[0]) if arguments else DYNAMIC
            grouped = framework in fw.GROUPS and method == "Group" and arguments
            if grouped and (router.certain or prefix != DYNAMIC):
                key = key or self._place(call)
                self._router(key, framework, False)
                self._mount(router.key, prefix, key, call)
                return _Value(key=key, framework=framework, certain=True)
        if callee.function is None:
            return None
        path, name = callee.function
        built = name.rpartition(".")[2]
        owner = (path, built[3:]) if built.startswith("New") else None
        return _Value(key=f"go:{path}#{name}.return", result=True, owner=owner)

    def _framework(self, router: _Value, method: str) -> str:
        """Return the framework of a router's method call: the router's, or else the
        first the file imports that has such a method."""
        if router.framework:
            return router.framework
        for framework in self.frameworks.values():
            tables = (
                fw.VERBS[framework],
                fw.WITH_METHOD.get(framework, ()),
                fw.PATTERNS.get(framework, ()),
                fw.CLOSURES.get(framework, ()),
                fw.MOUNTS.get(framework, ()),
                fw.SAME_ROUTER.get(framework, ()),
                ("Group",) if framework in fw.GROUPS else (),
                (fw.MATCH[framework],) if framework in fw.MATCH else (),
            )
            if any(method in table for table in tables):
                return framework
        return ""

    def _place(self, node: Node) -> str:
        """Return the key of a router built at ``node`` and bound to no name."""
        functions = [f for f in self.open if f.type != "func_literal"]
        scope = self.names[functions[0].id] if functions else self.file
        return f"go:{self.folder}#{scope}@{line(node)}:{node.start_point.column + 1}"

    def _path(self, node: Node | None) -> str:
        """Return a path argument's value: a string literal, or a constant the file
        declares as one, else ``DYNAMIC``."""
        if node is not None and node.type == "identifier":
            return self.constants.get(text(node), DYNAMIC)
        value = _string(node)
        return DYNAMIC if value is None else value

    # ------------------------------------------------------------------ facts

    def _router(self, key: str, framework: str, application: bool) -> None:
        """Declare a router (an application wins over a sub-router of the same key)."""
        known = self.routers.get(key)
        if known is None or (application and not known.application):
            self.routers[key] = Router(key, framework, application)

    def _mount(self, parent: str, prefix: str, child: str, node: Node) -> None:
        """Record that ``child`` is served under ``parent`` at ``prefix``."""
        if parent and child and parent != child:
            self.mounts[Mount(parent, prefix, child, line(node))] = None

    def _define(self, left: Node, right: Node, define: bool) -> None:
        """Bind the names a ``:=`` declares or an ``=`` assigns to what they are given."""
        targets = [n for n in left.named_children if n.type != "comment"]
        values = [n for n in right.named_children if n.type != "comment"]
        for position, target in enumerate(targets):
            given = values[position] if len(values) == len(targets) else None
            if position == 0 and len(values) == 1:
                given = values[0]
            self._bind(target, given, define)

    def _var(self, spec: Node) -> None:
        """Bind the names of a ``var`` declaration to their values, or to their type."""
        names = spec.children_by_field_name("name")
        value_list = spec.child_by_field_name("value")
        values = [n for n in value_list.named_children] if value_list is not None else []
        written = spec.child_by_field_name("type")
        for position, name in enumerate(names):
            if position < len(values):
                self._bind(name, values[position], True)
            else:
                scope, key = self._local_key(name)
                scope[text(name)] = self._typed(written, key)

    def _bind(self, target: Node, given: Node | None, define: bool) -> None:
        """Bind one name, or a field (``s.router = gin.New()``), to the value ``given``;
        a name ``=`` assigns keeps the key of its declaration (a package variable's
        when the file declares none)."""
        if target.type == "selector_expression":
            field = self._value(target)
            if field is not None and field.key and given is not None:
                self._give(field.key, given, target.child_by_field_name("field"))
            return
        if target.type != "identifier" or text(target) == "_":
            return
        name = text(target)
        scope, key = self._local_key(target)
        if not define:
            scopes = [self.scopes.get(f.id, {}) for f in self.open]
            scope = next((known for known in scopes if name in known), self.package)
            known = scope.get(name)
            if known is not None and known.key:
                key = known.key
            elif scope is self.package:
                key = f"go:{self.folder}#{name}"
        value = self._value(given, key) if given is not None else None
        returned = value is not None and value.key != key and key.endswith(".return")
        if returned and (value.certain or value.result):
            self._mount(value.key, "", key, target)
            value = replace(value, key=key)
        if value is not None and (value.certain or value.result):
            self.router_names.add(name)
        scope[name] = value or _Value()

    def _give(self, key: str, given: Node, field: Node | None) -> None:
        """Make the router keyed ``key`` (the field ``field``) what ``given`` is: a
        router built for it, or one it is served with (under no prefix)."""
        value = self._value(given, key)
        if value is not None and value.key and (value.certain or value.result):
            self._mount(value.key, "", key, given)
            self.router_names.add(text(field))

    def _keyed(self, keyed: Node, field: Node, value: Node) -> None:
        """Read ``Handler: r`` in an ``http.Server`` literal (it serves ``r``) and
        ``router: r`` in a literal of a type of this package (the field holds ``r``)."""
        body = keyed.parent
        literal = body.parent if body is not None else None
        if literal is None or literal.type != "composite_literal":
            return
        owner = self._typed(literal.child_by_field_name("type"), "")
        if owner.owner is None:
            return
        path, name = owner.owner
        if path == fw.HTTP and name == "Server" and text(field) == "Handler":
            self._serve(value)
        elif path == self.folder:
            self._give(f"go:{path}#{name}.{text(field)}", value, field)

    def _serve(self, handler: Node) -> None:
        """Record that ``handler`` is served at the root (``http.ListenAndServe``)."""
        value = self._value(handler)
        if value is not None and value.key and value.key != _DEFAULT_MUX:
            server = f"{self._place(handler)}.serve"
            self._router(server, fw.HTTP, True)
            self._mount(server, "", value.key, handler)

    def _call(self, call: Node) -> None:
        """Read a call: a route or sub-router on a router, a ``net/http`` registration or
        server, or a call handing routers to another function (a mount of each)."""
        arguments = _arguments(call)
        if _method_name(call) not in fw.METHODS and not any(map(self._may_route, arguments)):
            return
        callee = self._value(call.child_by_field_name("function"))
        if callee is None:
            return
        if callee.receiver is not None and self._router_call(call, callee.receiver, arguments):
            return
        if callee.function is None:
            return
        path, name = callee.function
        if callee.framework == fw.HTTP and name in fw.PATTERNS[fw.HTTP]:
            self._router(_DEFAULT_MUX, fw.HTTP, True)
            default = _Value(key=_DEFAULT_MUX, framework=fw.HTTP, certain=True)
            self._router_call(call, default, arguments)
        elif callee.framework == fw.HTTP and name in fw.SERVE:
            if fw.SERVE[name] < len(arguments):
                self._serve(arguments[fw.SERVE[name]])
        elif not callee.framework:
            for position, argument in enumerate(arguments):
                value = self._value(argument)
                if value is not None and value.key and (value.certain or value.result):
                    self._mount(value.key, "", f"go:{path}#{name}.{position}", argument)

    def _may_route(self, argument: Node) -> bool:
        """Tell, cheaply, whether an argument may be a router: a name or field a router
        was given to, or a group or router built there."""
        while argument.type in ("unary_expression", "parenthesized_expression"):
            argument = argument.named_children[-1]
        if argument.type == "identifier":
            return text(argument) in self.router_names
        if argument.type == "selector_expression":
            return text(argument.child_by_field_name("field")) in self.router_names
        return argument.type == "call_expression" and _method_name(argument) in fw.BUILDERS

    def _router_call(self, call: Node, router: _Value, arguments: list[Node]) -> bool:
        """Read a method call on a router; tell whether it was a framework's."""
        method = _method_name(call)
        framework = self._framework(router, method)
        if not framework or not arguments:
            return False
        first = self._path(arguments[0])
        closure = method in fw.CLOSURES.get(framework, ())
        if not (router.certain or first.startswith("/") or closure):
            return False
        methods, path_index = _spec(framework, method, arguments)
        if methods:
            self._route(call, router, framework, methods, path_index, arguments)
            return True
        if method in fw.CLOSURES.get(framework, ()):
            prefix = "" if method == "Group" and framework == "chi" else first
            for argument in arguments:
                if argument.type == "func_literal":
                    key = f"go:{self.folder}#{self._scope_name(argument)}.0"
                    self._mount(router.key, prefix, key, call)
            return True
        if method in fw.MOUNTS.get(framework, ()) and len(arguments) >= 2:
            target = self._value(arguments[-1])
            if target is not None and target.key and (method != "Use" or target.certain):
                self._mount(router.key, first, target.key, call)
            return True
        return method in fw.VERBS[framework] or method == "Group"

    def _route(
        self,
        call: Node,
        router: _Value,
        framework: str,
        methods: tuple[str, ...],
        path_index: int,
        arguments: list[Node],
    ) -> None:
        """Record a route (one per method); a ``ServeMux`` pattern's method and host are
        read from it, and a router given as its handler is mounted instead."""
        path = self._path(arguments[path_index]) if path_index < len(arguments) else DYNAMIC
        if not router.certain and not path.startswith("/"):
            return
        if methods == ("PATTERN",):
            methods, path = _pattern(path)
        alias = next((a for a, f in self.frameworks.items() if f == framework), "")
        index = fw.handler_index(
            framework, self.imports.get(alias, ""), path_index, len(arguments)
        )
        if not path_index < index < len(arguments):
            return
        handler = arguments[index]
        if framework in (fw.HTTP, "chi") and self._mounted(router, handler, call):
            return
        if not router.certain and not self._handler_like(handler):
            return
        handler_line, doc, reference = self._handler(handler, call)
        for method in methods:
            route = Route(router.key, method, path, line(call), handler_line, doc, reference)
            self.routes[route] = None

    def _mounted(self, router: _Value, handler: Node, call: Node) -> bool:
        """Mount a router given as a ``ServeMux`` handler, under the prefix a
        ``http.StripPrefix`` around it strips (a function's result is taken for a router
        only there), else under none; tell whether it was one."""
        prefix = ""
        if handler.type == "call_expression":
            callee = self._value(handler.child_by_field_name("function"))
            inner = _arguments(handler)
            if callee is not None and callee.function == (fw.HTTP, "StripPrefix") and inner:
                prefix, handler = self._path(inner[0]), inner[-1]
        value = self._value(handler)
        if value is None or not (value.certain or (prefix and value.result)):
            return False
        self._mount(router.key, prefix, value.key, call)
        return True

    def _handler_like(self, handler: Node) -> bool:
        """Tell whether an argument can be a handler: a function literal, a call, or a
        name of a function or method (not a local variable)."""
        if handler.type in ("func_literal", "call_expression"):
            return True
        value = self._value(handler)
        return value is not None and value.function is not None

    def _handler(self, handler: Node, call: Node) -> tuple[int, str, str]:
        """Return a route's handler: its line and doc verdict when this file defines it
        (a function literal is documented by the comment above the registration), else
        the key of the function another file defines (line 0)."""
        while handler.type == "call_expression":
            callee = self._value(handler.child_by_field_name("function"))
            inner = _arguments(handler)
            function = callee.function if callee is not None else None
            wrapper = function is not None and (
                function[1] in fw.WRAPPERS.get(callee.framework, ())
                or (function[0] == self.folder and function[1] in self.types)
            )
            if not wrapper:
                handler = handler.child_by_field_name("function")  # a handler's factory
                break
            if not inner:
                break
            handler = inner[0]
        if handler.type == "func_literal":
            return line(handler), goparse.verdict(goparse.doc_comments(_statement(call)), ""), ""
        value = self._value(handler)
        if value is None or value.function is None or value.framework:
            return line(call), goparse.verdict(goparse.doc_comments(_statement(call)), ""), ""
        path, name = value.function
        defined = self.functions.get(name) if path == self.folder else None
        if defined is not None:
            return line(defined), handler_doc(defined, name.rpartition(".")[2]), ""
        return 0, MISSING, f"go:{path}#{name}"

    def _handlers(self) -> Iterator[Handler]:
        """Yield a Handler for each function or method of the file that can be one (takes
        a framework's request, or returns a handler); a method also under its name alone,
        for a file that names it on a value whose type it cannot tell (unless the file
        has a function or another such method of that name)."""
        parameters, results = fw.handler_types(self.frameworks)
        found: dict[str, Node] = {}
        for name, node in self.functions.items():
            taken, given = goparse.signature(node)
            if taken in parameters or (len(given) == 1 and given[0] in results):
                found[name] = node
        bare = [name.rpartition(".")[2] for name in found if "." in name]
        for name, node in found.items():
            doc = handler_doc(node, name.rpartition(".")[2])
            yield Handler(f"go:{self.folder}#{name}", line(node), doc)
            short = name.rpartition(".")[2]
            if "." in name and short not in self.functions and bare.count(short) == 1:
                yield Handler(f"go:{self.folder}#{short}", line(node), doc)


def _spec(framework: str, method: str, arguments: list[Node]) -> tuple[tuple[str, ...], int]:
    """Return the HTTP methods and the position of the path of a route call (no methods
    when it is none; ``PATTERN``: read from a ``ServeMux`` pattern)."""
    if method in fw.VERBS[framework]:
        return (fw.VERBS[framework][method],), 0
    if method in fw.PATTERNS.get(framework, ()):
        return ("PATTERN",), 0
    first_method = method in fw.WITH_METHOD.get(framework, ()) or method == fw.MATCH.get(framework)
    if first_method and len(arguments) >= 3:
        return tuple(m.upper() for m in _strings(arguments[0])), 1
    return (), 0


def _strings(node: Node) -> list[str]:
    """Return the HTTP methods an argument names: a string literal, a constant such as
    ``http.MethodPut``, or a ``[]string{...}`` of them."""
    elements = [node]
    body = node.child_by_field_name("body") if node.type == "composite_literal" else None
    if body is not None:
        elements = [e.named_children[0] for e in body.named_children if e.named_children]
    found = []
    for element in elements:
        field = text(element.child_by_field_name("field"))
        value = _string(element)
        if element.type == "selector_expression" and field.startswith("Method"):
            found.append(field.removeprefix("Method").upper())
        elif value:
            found.append(value)
    return found


def _pattern(pattern: str) -> tuple[tuple[str, ...], str]:
    """Return the method (``ANY`` when none) and path of a ``ServeMux`` pattern
    (``[METHOD ][HOST]/[PATH]``; ``{$}`` dropped)."""
    if pattern == DYNAMIC:
        return ("ANY",), DYNAMIC
    found = _PATTERN.fullmatch(pattern)
    method, rest = (found[1], found[2].strip()) if found else ("ANY", pattern)
    if not rest.startswith("/"):
        rest = rest[rest.find("/") :] if "/" in rest else "/"
    return (method,), rest.replace("{$}", "")


def handler_doc(function: Node, name: str) -> str:
    """Judge a handler's doc comment: documented by a swaggo ``@Summary`` or
    ``@Description`` with text; else its comment less swaggo's annotations and its
    ``NAME godoc`` line, as revive reads it (``parse.verdict``)."""
    kept = []
    for comment in goparse.doc_comments(function):
        written = text(comment)
        annotation = _SWAG.fullmatch(written)
        if annotation is not None:
            if annotation[1] in ("Summary", "Description") and annotation[2].strip():
                return OK
            continue
        if written[2:].strip() != f"{name} godoc":
            kept.append(comment)
    return goparse.verdict(kept, name)


def _innermost(node: Node) -> Node | None:
    """Return the function (a declaration or a literal) ``node`` is in, if any."""
    current = node.parent
    while current is not None and current.type not in _FUNCTIONS:
        current = current.parent
    return current


def _statement(node: Node) -> Node:
    """Return the statement ``node`` is part of (itself when none)."""
    current: Node | None = node
    while current is not None and not current.type.endswith(("_statement", "_declaration")):
        current = current.parent
    return current or node


def _declared_name(function: Node, file: str) -> str:
    """Return a declared function's name, ``T.M`` for a method, ``init@file:N`` for an
    ``init`` of the file ``file`` (a package may have several)."""
    name = text(function.child_by_field_name("name"))
    if function.type == "method_declaration":
        return f"{goparse.receiver_type(function)}.{name}"
    return f"init@{file}:{line(function)}" if name == "init" else name


def _parameter_list(parameters: Node | None) -> list[tuple[Node | None, Node | None]]:
    """Return each parameter's name (``None`` when unnamed) and written type, in order."""
    found: list[tuple[Node | None, Node | None]] = []
    for declaration in parameters.named_children if parameters is not None else []:
        if declaration.type not in ("parameter_declaration", "variadic_parameter_declaration"):
            continue
        written = declaration.child_by_field_name("type")
        names = declaration.children_by_field_name("name")
        found.extend((name, written) for name in names) if names else found.append((None, written))
    return found


def _field_types(written: Node) -> dict[str, Node]:
    """Return the written type of each named field of a struct type (none for another)."""
    found: dict[str, Node] = {}
    fields = written.named_children[0] if written.type == "struct_type" else None
    for declaration in fields.named_children if fields is not None else []:
        written = declaration.child_by_field_name("type")
        for name in declaration.children_by_field_name("name") if written is not None else []:
            found[text(name)] = written
    return found


def _arguments(call: Node) -> list[Node]:
    """Return a call's arguments (comments left out)."""
    arguments = call.child_by_field_name("arguments")
    return [a for a in arguments.named_children if a.type != "comment"] if arguments else []


def _method_name(call: Node) -> str:
    """Return the name of the method a call calls (``""`` for a plain function)."""
    callee = call.child_by_field_name("function")
    if callee is None or callee.type != "selector_expression":
        return ""
    return text(callee.child_by_field_name("field"))


def _string(node: Node | None) -> str | None:
    """Return a string literal's value (``None`` for anything else or an escape)."""
    if node is None or node.type not in _STRINGS:
        return None
    inner = text(node)[1:-1]
    return None if node.type == "interpreted_string_literal" and "\\" in inner else inner


def _package_name(path: str) -> str:
    """Return the name an import is used by when not renamed: its path's last element,
    less a major version (``chi/v5`` is ``chi``) or a ``.vN`` suffix (``yaml.v3``)."""
    parts = path.split("/")
    last = parts[-1]
    if re.fullmatch(r"v\d+", last) and len(parts) > 1:
        last = parts[-2]
    return re.sub(r"\.v\d+$", "", last).replace("-", "_")
