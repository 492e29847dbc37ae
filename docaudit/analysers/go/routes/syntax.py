"""What a piece of Go syntax says to the routes reader: a route call's methods and
path, a ``ServeMux`` pattern, a handler's doc verdict, names, parameters and literals."""

from __future__ import annotations

import re

from tree_sitter import Node

import docaudit.analysers.go.declarations as goparse
from docaudit.analysers.go.routes import frameworks as fw
from docaudit.analysers.routes import DYNAMIC
from docaudit.analysers.treesitter import line, text
from docaudit.model.symbols import OK

FUNCTIONS = frozenset({"function_declaration", "method_declaration", "func_literal"})
"""The nodes that are functions (keys and scopes are theirs)."""

STRINGS = frozenset({"interpreted_string_literal", "raw_string_literal"})
"""Go's string literals."""

_PATTERN = re.compile(r"([A-Z]+)[ \t]+(.*)")
_SWAG = re.compile(r"//\s*@(\w+)\s*(.*)")


def route_spec(framework: str, method: str, arguments: list[Node]) -> tuple[tuple[str, ...], int]:
    """Return the HTTP methods and the position of the path of a route call (no methods
    when it is none; ``PATTERN``: read from a ``ServeMux`` pattern)."""
    if method in fw.VERBS[framework]:
        return (fw.VERBS[framework][method],), 0
    if method in fw.PATTERNS.get(framework, ()):
        return ("PATTERN",), 0
    first_method = method in fw.WITH_METHOD.get(framework, ()) or method == fw.MATCH.get(framework)
    if first_method and len(arguments) >= 3:
        return tuple(m.upper() for m in methods_named(arguments[0])), 1
    return (), 0


def methods_named(node: Node) -> list[str]:
    """Return the HTTP methods an argument names: a string literal, a constant such as
    ``http.MethodPut``, or a ``[]string{...}`` of them."""
    elements = [node]
    body = node.child_by_field_name("body") if node.type == "composite_literal" else None
    if body is not None:
        elements = [e.named_children[0] for e in body.named_children if e.named_children]
    found = []
    for element in elements:
        field = text(element.child_by_field_name("field"))
        value = string_of(element)
        if element.type == "selector_expression" and field.startswith("Method"):
            found.append(field.removeprefix("Method").upper())
        elif value:
            found.append(value)
    return found


def servemux_pattern(pattern: str) -> tuple[tuple[str, ...], str]:
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


def innermost(node: Node) -> Node | None:
    """Return the function (a declaration or a literal) ``node`` is in, if any."""
    current = node.parent
    while current is not None and current.type not in FUNCTIONS:
        current = current.parent
    return current


def statement_of(node: Node) -> Node:
    """Return the statement ``node`` is part of (itself when none)."""
    current: Node | None = node
    while current is not None and not current.type.endswith(("_statement", "_declaration")):
        current = current.parent
    return current or node


def declared_name(function: Node, file: str) -> str:
    """Return a declared function's name, ``T.M`` for a method, ``init@file:N`` for an
    ``init`` of the file ``file`` (a package may have several)."""
    name = text(function.child_by_field_name("name"))
    if function.type == "method_declaration":
        return f"{goparse.receiver_type(function)}.{name}"
    return f"init@{file}:{line(function)}" if name == "init" else name


def parameter_list(parameters: Node | None) -> list[tuple[Node | None, Node | None]]:
    """Return each parameter's name (``None`` when unnamed) and written type, in order."""
    found: list[tuple[Node | None, Node | None]] = []
    for declaration in parameters.named_children if parameters is not None else []:
        if declaration.type not in ("parameter_declaration", "variadic_parameter_declaration"):
            continue
        written = declaration.child_by_field_name("type")
        names = declaration.children_by_field_name("name")
        found.extend((name, written) for name in names) if names else found.append((None, written))
    return found


def field_types(written: Node) -> dict[str, Node]:
    """Return the written type of each named field of a struct type (none for another)."""
    found: dict[str, Node] = {}
    fields = written.named_children[0] if written.type == "struct_type" else None
    for declaration in fields.named_children if fields is not None else []:
        written = declaration.child_by_field_name("type")
        for name in declaration.children_by_field_name("name") if written is not None else []:
            found[text(name)] = written
    return found


def arguments_of(call: Node) -> list[Node]:
    """Return a call's arguments (comments left out)."""
    arguments = call.child_by_field_name("arguments")
    return [a for a in arguments.named_children if a.type != "comment"] if arguments else []


def method_name(call: Node) -> str:
    """Return the name of the method a call calls (``""`` for a plain function)."""
    callee = call.child_by_field_name("function")
    if callee is None or callee.type != "selector_expression":
        return ""
    return text(callee.child_by_field_name("field"))


def string_of(node: Node | None) -> str | None:
    """Return a string literal's value (``None`` for anything else or an escape)."""
    if node is None or node.type not in STRINGS:
        return None
    inner = text(node)[1:-1]
    return None if node.type == "interpreted_string_literal" and "\\" in inner else inner


def package_name(path: str) -> str:
    """Return the name an import is used by when not renamed: its path's last element,
    less a major version (``chi/v5`` is ``chi``) or a ``.vN`` suffix (``yaml.v3``)."""
    parts = path.split("/")
    last = parts[-1]
    if re.fullmatch(r"v\d+", last) and len(parts) > 1:
        last = parts[-2]
    return re.sub(r"\.v\d+$", "", last).replace("-", "_")
