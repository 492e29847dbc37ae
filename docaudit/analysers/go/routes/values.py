"""What the routes reader knows of a Go file's names and expressions: its imports,
functions, struct fields and constants, what each variable and parameter holds, and
what an expression is (``Values.value``): a router, a function, a value of a type."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, replace

from tree_sitter import Node

import docaudit.analysers.go.declarations as goparse
from docaudit.analysers.go.routes import frameworks as fw
from docaudit.analysers.go.routes.syntax import (
    arguments_of,
    declared_name,
    field_types,
    innermost,
    method_name,
    package_name,
    parameter_list,
    string_of,
)
from docaudit.analysers.routes import DYNAMIC, Mount, Route, Router
from docaudit.analysers.treesitter import line, text

QUERY = """
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
"""The nodes the reader reads: imports, functions, returns, types, constants,
declarations, assignments, calls and keyed elements."""

DEFAULT_MUX = f"go:{fw.HTTP}#DefaultServeMux"
"""The key of ``net/http``'s ``DefaultServeMux``."""


@dataclass(frozen=True, slots=True)
class Value:
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
    receiver: Value | None = None


class Values:
    """Indexes one file's matches and tells what its names and expressions hold where
    the reader is (``open``: the functions around it, innermost first)."""

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
        self.scopes: dict[int, dict[str, Value]] = {}
        self.package: dict[str, Value] = {}
        self.routers: dict[str, Router] = {}
        self.routes: dict[Route, None] = {}
        self.mounts: dict[Mount, None] = {}
        self.pending: list[dict[str, Node]] = []
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
                owner = innermost(match["returned"])
                if owner is not None and owner.type != "func_literal":
                    self.returned.setdefault(owner.id, set()).add(text(match["returned"]))
            elif "type" in match:
                self.types.add(text(match["type"]))
                self.fields[text(match["type"])] = field_types(match["type_value"])
            elif "constant" in match:
                value = string_of(match["value"])
                self.constants[text(match["constant"])] = DYNAMIC if value is None else value
            else:
                self.pending.append(match)
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

    def _import(self, alias: Node | None, literal: Node) -> None:
        """Record one import under the name the file uses (the path's last element, less
        a ``/vN`` major version, when it gives none)."""
        path = text(literal).strip('"`')
        name = text(alias) if alias is not None else package_name(path)
        if name in ("_", "."):
            return
        self.imports[name] = path
        if framework := fw.framework_of(path):
            self.frameworks[name] = framework

    def _parameters(self, function: Node) -> dict[str, Value]:
        """Return what a function's receiver and parameters hold: a parameter of a
        router's type is a router (declared here, keyed by its position), another one a
        value of its type under that key (the router of a route on it, if any: an
        interface of the package's own with a ``GET`` method)."""
        scope = self._scope_name(function)
        found: dict[str, Value] = {}
        if function.type == "method_declaration":
            receiver = function.child_by_field_name("receiver")
            for name, _ in parameter_list(receiver):
                found[text(name)] = Value(owner=(self.folder, goparse.receiver_type(function)))
        parameters = function.child_by_field_name("parameters")
        for position, (name, written) in enumerate(parameter_list(parameters)):
            key = f"go:{self.folder}#{scope}.{position}"
            value = self._typed(written, key)
            value = value if value.key else replace(value, key=key)
            if value.certain:
                self._router(value.key, value.framework, False)
            if name is not None:
                found[text(name)] = value
                if value.certain:
                    self.router_names.add(text(name))
        return found

    def _typed(self, written: Node | None, key: str) -> Value:
        """Return a value of the type ``written``: a router keyed ``key`` when the type
        is one of a framework's router types, else a value of that type."""
        while written is not None and written.type == "pointer_type":
            written = written.named_children[0] if written.named_children else None
        if written is None:
            return Value()
        if written.type == "type_identifier":
            return Value(owner=(self.folder, text(written)))
        if written.type != "qualified_type":
            return Value()
        alias = text(written.child_by_field_name("package"))
        name = text(written.child_by_field_name("name"))
        framework = self.frameworks.get(alias, "")
        if name in fw.ROUTER_TYPES.get(framework, ()):
            return Value(key=key, framework=framework, certain=True)
        return Value(owner=(self.imports[alias], name)) if alias in self.imports else Value()

    def _scope_name(self, function: Node) -> str:
        """Return the name a function's keys start with (see ``_name_of``)."""
        return self.names[function.id]

    def _name_of(self, function: Node) -> str:
        """Return the name a function's keys start with: ``F``, ``T.M``, ``init@file:N``,
        and for a function literal its enclosing function's and its place."""
        outer: Node | None = function
        while outer is not None and outer.type == "func_literal":
            outer = innermost(outer)
        name = self.file if outer is None else declared_name(outer, self.file)
        if function.type != "func_literal":
            return name
        return f"{name}@{line(function)}:{function.start_point.column + 1}"

    def _lookup(self, name: Node) -> Value | None:
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
            return Value(package=self.imports[written], framework=self.frameworks.get(written, ""))
        return Value(key=f"go:{self.folder}#{written}", function=(self.folder, written))

    def _local_key(self, name: Node) -> tuple[dict[str, Value], str]:
        """Return the scope a name declared at ``name`` lives in and its key."""
        functions = self.open
        if not functions:
            return self.package, f"go:{self.folder}#{text(name)}"
        function = functions[0]
        scope = self._scope_name(function)
        if text(name) in self.returned.get(function.id, ()):
            return self.scopes[function.id], f"go:{self.folder}#{scope}.return"
        return self.scopes[function.id], f"go:{self.folder}#{scope}.{text(name)}"

    def _value(self, expression: Node | None, key: str = "") -> Value | None:
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
        value: Value | None = None
        for node in reversed(chain):
            value = self._step(node, value, key if node is expression else "")
        return value

    def _step(self, node: Node, inner: Value | None, key: str) -> Value | None:
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

    def _member(self, inner: Value, field: str) -> Value | None:
        """Return ``inner.field``: a package's variable or function, a value's field or
        method, or a router's method."""
        if inner.package:
            if inner.framework == fw.HTTP and field == "DefaultServeMux":
                self._router(DEFAULT_MUX, fw.HTTP, True)
                return Value(key=DEFAULT_MUX, framework=fw.HTTP, certain=True)
            key = "" if inner.framework else f"go:{inner.package}#{field}"
            return Value(key=key, framework=inner.framework, function=(inner.package, field))
        receiver = inner if inner.key else None
        if inner.owner is None:
            return Value(receiver=receiver) if receiver else None
        path, owner = inner.owner
        name = f"{owner}.{field}" if owner else field
        member = Value(key=f"go:{path}#{name}" if owner else "", function=(path, name))
        written = self.fields.get(owner, {}).get(field) if path == self.folder else None
        if written is not None:
            member = replace(self._typed(written, member.key), function=member.function)
        return replace(member, receiver=receiver)

    def _result(self, call: Node, callee: Value, key: str) -> Value | None:
        """Return what a call gives: a router a framework's constructor or a group
        builds (keyed ``key``), the router a ``With`` is called on, or a function's result."""
        arguments = arguments_of(call)
        if callee.framework and callee.function is not None:
            application = fw.CONSTRUCTORS.get((callee.framework, callee.function[1]))
            if application is None:
                return None
            key = key or self._place(call)
            self._router(key, callee.framework, application)
            return Value(key=key, framework=callee.framework, certain=True)
        router = callee.receiver
        if router is not None:
            method = method_name(call)
            framework = self._framework(router, method)
            if method in fw.SAME_ROUTER.get(framework, ()):
                return router
            prefix = self._path(arguments[0]) if arguments else DYNAMIC
            grouped = framework in fw.GROUPS and method == "Group" and arguments
            if grouped and (router.certain or prefix != DYNAMIC):
                key = key or self._place(call)
                self._router(key, framework, False)
                self._mount(router.key, prefix, key, call)
                return Value(key=key, framework=framework, certain=True)
        if callee.function is None:
            return None
        path, name = callee.function
        built = name.rpartition(".")[2]
        owner = (path, built[3:]) if built.startswith("New") else None
        return Value(key=f"go:{path}#{name}.return", result=True, owner=owner)

    def _framework(self, router: Value, method: str) -> str:
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
        value = string_of(node)
        return DYNAMIC if value is None else value

    def _router(self, key: str, framework: str, application: bool) -> None:
        """Declare a router (an application wins over a sub-router of the same key)."""
        known = self.routers.get(key)
        if known is None or (application and not known.application):
            self.routers[key] = Router(key, framework, application)

    def _mount(self, parent: str, prefix: str, child: str, node: Node) -> None:
        """Record that ``child`` is served under ``parent`` at ``prefix``."""
        if parent and child and parent != child:
            self.mounts[Mount(parent, prefix, child, line(node))] = None
