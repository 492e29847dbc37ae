"""The facts a Go file's declarations and calls give, read in source order: routers,
routes, mounts and the functions that can be another file's handlers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from tree_sitter import Node

import docaudit.analysers.go.declarations as goparse
from docaudit.analysers.go.routes import frameworks as fw
from docaudit.analysers.go.routes.syntax import (
    arguments_of,
    handler_doc,
    innermost,
    method_name,
    route_spec,
    servemux_pattern,
    statement_of,
)
from docaudit.analysers.go.routes.values import DEFAULT_MUX, Value, Values
from docaudit.analysers.routes import DYNAMIC, Handler, Route, RouteFacts
from docaudit.analysers.treesitter import line, text
from docaudit.model.symbols import MISSING


class Reader(Values):
    """Reads one file's declarations and calls in source order (package variables
    first, an enclosing call before the calls it holds)."""

    def __init__(self, matches: list[dict[str, Node]], path: str) -> None:
        """Index the file (see ``Values``) and queue its declarations and calls."""
        super().__init__(matches, path)
        self.events: list[tuple[int, int, str, dict[str, Node]]] = []
        self.package_events: list[tuple[int, int, str, dict[str, Node]]] = []
        for match in self.pending:
            kind = next(k for k in ("define", "assign", "var", "call", "keyed") if k in match)
            node = match[kind]
            top = kind == "var" and innermost(node) is None
            queue = self.package_events if top else self.events
            queue.append((node.start_byte, -node.end_byte, kind, match))
        self.package_events.sort(key=lambda event: event[:2])
        self.events.sort(key=lambda event: event[:2])

    def read(self) -> RouteFacts:
        """Follow the package variables, then every declaration and call in source
        order, each with the functions around it; return what they build."""
        for _, _, kind, match in self.package_events:
            self._read(kind, match)
        functions = iter(self.function_nodes)
        following = next(functions, None)
        started: list[Node] = []
        for start, _, kind, match in self.events:
            while following is not None and following.start_byte <= start:
                started.append(following)
                following = next(functions, None)
            end = match[kind].end_byte
            started = [f for f in started if f.end_byte > start]
            self.open = [f for f in reversed(started) if f.end_byte >= end]
            self._read(kind, match)
        return RouteFacts(
            routers=tuple(self.routers.values()),
            routes=tuple(self.routes),
            mounts=tuple(self.mounts),
            handlers=tuple(self._handlers()),
        )

    def _read(self, kind: str, match: dict[str, Node]) -> None:
        """Read one declaration, assignment, call or keyed element."""
        if kind == "call":
            self._call(match["call"])
        elif kind == "keyed":
            self._keyed(match["keyed"], match["field"], match["value"])
        elif kind == "var":
            self._var(match["var"])
        else:
            self._define(match["left"], match["right"], kind == "define")

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
        scope[name] = value or Value()

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
        if value is not None and value.key and value.key != DEFAULT_MUX:
            server = f"{self._place(handler)}.serve"
            self._router(server, fw.HTTP, True)
            self._mount(server, "", value.key, handler)

    def _call(self, call: Node) -> None:
        """Read a call: a route or sub-router on a router, a ``net/http`` registration or
        server, or a call handing routers to another function (a mount of each)."""
        arguments = arguments_of(call)
        if method_name(call) not in fw.METHODS and not any(map(self._may_route, arguments)):
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
            self._router(DEFAULT_MUX, fw.HTTP, True)
            default = Value(key=DEFAULT_MUX, framework=fw.HTTP, certain=True)
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
        return argument.type == "call_expression" and method_name(argument) in fw.BUILDERS

    def _router_call(self, call: Node, router: Value, arguments: list[Node]) -> bool:
        """Read a method call on a router; tell whether it was a framework's."""
        method = method_name(call)
        framework = self._framework(router, method)
        if not framework or not arguments:
            return False
        first = self._path(arguments[0])
        closure = method in fw.CLOSURES.get(framework, ())
        if not (router.certain or first.startswith("/") or closure):
            return False
        methods, path_index = route_spec(framework, method, arguments)
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
        router: Value,
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
            methods, path = servemux_pattern(path)
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
        if router.key not in self.routers:  # a parameter another package may mount
            self._router(router.key, framework, False)
        for method in methods:
            route = Route(router.key, method, path, line(call), handler_line, doc, reference)
            self.routes[route] = None

    def _mounted(self, router: Value, handler: Node, call: Node) -> bool:
        """Mount a router given as a ``ServeMux`` handler, under the prefix a
        ``http.StripPrefix`` around it strips (a function's result is taken for a router
        only there), else under none; tell whether it was one."""
        prefix = ""
        if handler.type == "call_expression":
            callee = self._value(handler.child_by_field_name("function"))
            inner = arguments_of(handler)
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
            inner = arguments_of(handler)
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
            return line(handler), goparse.verdict(goparse.doc_comments(statement_of(call)), ""), ""
        value = self._value(handler)
        if value is None or value.function is None or value.framework:
            return line(call), goparse.verdict(goparse.doc_comments(statement_of(call)), ""), ""
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
