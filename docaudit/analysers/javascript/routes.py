"""The web API a JavaScript or TypeScript file builds, read into ``RouteFacts`` (see
``analysers.routes``, which joins every file's): its routers, routes and mounts, and
the functions other files may name as handlers.

- Express, Fastify, Koa's router and Hono register routes by calls (``routecalls``).
- NestJS: a class decorated ``@Controller(path)`` (or ``{ path }``) serves each method
  decorated ``@Get(path)``, ``@Post``, ``@Put``, ``@Patch``, ``@Delete``, ``@Options``,
  ``@Head``, ``@All`` (``ANY``), ``@Search`` at the two paths joined; every controller
  hangs on one Nest application per repository, which ``app.setGlobalPrefix(prefix)``
  serves under its prefix. ``@ApiOperation({ summary })`` (or ``description``) of
  ``@nestjs/swagger`` documents an endpoint, as its JSDoc does.
- Next.js: an ``app/**/route.ts`` (``.js``...) file serves each ``GET``, ``POST``...
  it exports at the path of its folders (``[id]`` and ``[...slug]`` are ``{id}``,
  ``{slug}``; ``(group)`` and ``@slot`` folders add nothing; a ``_private`` folder is
  not served); a ``pages/api/**`` file serves its default export for ``ANY`` method at
  ``/api/...`` (``index`` adds nothing). ``src/app`` and ``src/pages`` too.
- Handlers: a function a file exports (``export function``, ``export const``,
  ``exports.x =``, ``module.exports = { x }``, the members of an exported object or
  class) whose parameters are a handler's (``(req, res, next)``, ``(request, reply)``,
  ``(ctx, next)``, ``(c)``) is recorded with its doc verdict, for the routes of other
  files that name it.

A handler's doc verdict is the census's (``Definition.doc``) where it counts the
function; an inline handler, or one the census does not count (``asyncHandler(fn)``),
is documented by a JSDoc block before its statement.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from tree_sitter import Node

from docaudit.analysers import treesitter
from docaudit.analysers.javascript.comments import Comments
from docaudit.analysers.javascript.routecalls import marked, route_calls
from docaudit.analysers.javascript.routescope import (
    FUNCTION_NODES,
    Scope,
    arguments_of,
    exports_target,
    handler_like,
    key,
    unwrap,
)
from docaudit.analysers.javascript.syntax import (
    decorators,
    is_default_export,
    key_name,
    member_key,
)
from docaudit.analysers.python.docstrings import classify
from docaudit.analysers.routes import Handler, Mount, Route, RouteFacts, Router, join
from docaudit.analysers.treesitter import text
from docaudit.model.symbols import OK, Definition

NEST = key("", "nest")
"""The Nest application every controller of a repository hangs on."""
_NEST_SERVER = key("", "nest.server")
"""What serves the Nest application under ``setGlobalPrefix``'s prefix."""
_NEST_METHODS = {
    "Get": "GET",
    "Post": "POST",
    "Put": "PUT",
    "Patch": "PATCH",
    "Delete": "DELETE",
    "Options": "OPTIONS",
    "Head": "HEAD",
    "All": "ANY",
    "Search": "SEARCH",
}
_NEXT_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"})
_NEXT_SEGMENT = re.compile(r"\[\[?(?:\.\.\.)?([^\[\]]+)\]?\]")
_SUFFIXES = frozenset({"js", "jsx", "ts", "tsx", "mjs", "cjs", "mts", "cts"})
_HANDLER_MARKERS = (b"(req", b"_req", b"ctx", b"(c)", b"(c:", b"(c,")
"""A literal part of every file that defines a handler: its first parameter
(``(req, res)``, ``(request, reply)``, ``(_req, res)``, ``(ctx, next)``, ``(c)``)."""
_NEST_QUERY = "(class_declaration) @class"
_PREFIX_QUERY = """
(call_expression
  function: (member_expression property: (property_identifier) @name)
  (#eq? @name "setGlobalPrefix")) @call
"""


def route_reads(
    grammar: Callable[[], object],
    root: Node,
    path: str,
    comments: Comments,
    definitions: tuple[Definition, ...],
) -> RouteFacts:
    """Return the web API one file builds (nothing, at the cost of a few ``in`` tests,
    when it holds no framework's marker)."""
    data = comments.data
    served = _next_route(path)
    nest = b"@nestjs" in data
    handlers = any(marker in data for marker in _HANDLER_MARKERS)
    if served is None and not nest and not handlers and not marked(data):
        return RouteFacts()
    scope = Scope(root, path, comments, definitions)
    facts = route_calls(grammar, root, scope)
    routers, routes, mounts = facts.routers, facts.routes, facts.mounts
    if nest:
        routes += _nest(grammar, root, scope)
        if any(route.router == NEST for route in routes):
            routers.setdefault(NEST, Router(NEST, "nestjs", True))
        for call in treesitter.captures(grammar, _PREFIX_QUERY, root).get("call", []):
            found = arguments_of(call)
            prefix = scope.literal(found[0]) if found else ""
            routers.setdefault(_NEST_SERVER, Router(_NEST_SERVER, "nestjs", True))
            mounts.append(Mount(_NEST_SERVER, prefix, NEST, call.start_point.row + 1))
    if served is not None:
        found = _next(root, scope, *served)
        if found:
            router = key(served[0], "next")
            routers.setdefault(router, Router(router, "nextjs", True))
            routes += found
    return RouteFacts(
        routers=tuple(routers.values()),
        routes=tuple(routes),
        mounts=tuple(mounts),
        handlers=tuple(_handlers(root, scope)) if handlers else (),
    )


# ------------------------------------------------------------------ handlers


def _handlers(root: Node, scope: Scope) -> Iterator[Handler]:
    """Yield the functions the file exports whose parameters are a handler's."""
    seen: set[str] = set()
    for statement in root.named_children:
        for name, value in _exported_values(statement, scope):
            for member, function in _functions(name, value, scope):
                found = key(scope.module, member)
                if found in seen or not handler_like(function):
                    continue
                seen.add(found)
                line, doc = scope.function_doc(function, member.rsplit(".", 1)[-1])
                yield Handler(found, line, doc)


def _exported_values(statement: Node, scope: Scope) -> Iterator[tuple[str, Node]]:
    """Yield what a top-level statement exports, by export name."""
    if statement.type == "expression_statement" and statement.named_children:
        assignment = statement.named_children[0]
        if assignment.type != "assignment_expression":
            return
        left = assignment.child_by_field_name("left")
        right = assignment.child_by_field_name("right")
        target = exports_target(left) if left is not None else None
        if target is not None and right is not None:
            yield target, _named(right, scope)
        return
    if statement.type != "export_statement":
        return
    declaration = statement.child_by_field_name("declaration")
    value = statement.child_by_field_name("value")
    default = is_default_export(statement)
    if declaration is not None and declaration.type in (
        "lexical_declaration",
        "variable_declaration",
    ):
        for declarator in declaration.named_children:
            name = declarator.child_by_field_name("name")
            held = declarator.child_by_field_name("value")
            if name is not None and held is not None and name.type == "identifier":
                yield text(name), held
    elif declaration is not None:
        name = declaration.child_by_field_name("name")
        yield ("default" if default or name is None else text(name)), declaration
    elif value is not None:
        yield "default", _named(value, scope)
    clause = next((c for c in statement.named_children if c.type == "export_clause"), None)
    if clause is not None and statement.child_by_field_name("source") is None:
        for specifier in clause.named_children:
            name = specifier.child_by_field_name("name")
            alias = specifier.child_by_field_name("alias") or name
            held = scope.values.get(text(name)) if name is not None else None
            if held is not None:
                yield key_name(alias), held


def _named(value: Node, scope: Scope) -> Node:
    """Return what an exported name stands for (the value itself when it is no name)."""
    found = unwrap(value)
    return scope.values.get(text(found), found) if found.type == "identifier" else found


def _functions(name: str, value: Node, scope: Scope) -> Iterator[tuple[str, Node]]:
    """Yield an exported value's functions: itself, or its members (``name.member``,
    a default export's by the member's name alone)."""
    function = scope.function_value(value)
    if function is not None and function.type in FUNCTION_NODES:
        yield name, function
        return
    prefix = "" if name == "default" else f"{name}."
    for member, held in scope.members(value):
        found = scope.function_value(held)
        if found is not None and found.type in FUNCTION_NODES:
            yield prefix + member, found


# ------------------------------------------------------------------- NestJS


def _nest(grammar: Callable[[], object], root: Node, scope: Scope) -> list[Route]:
    """Return the routes of the file's ``@Controller`` classes."""
    routes = []
    for cls in treesitter.captures(grammar, _NEST_QUERY, root).get("class", []):
        holder = cls.parent if cls.parent is not None else cls
        found = (decorators(holder) if holder.type == "export_statement" else []) + decorators(cls)
        controller = next((_called(d) for d in found if _called(d)[0] == "Controller"), None)
        body = cls.child_by_field_name("body")
        if controller is None or body is None:
            continue
        prefixes = _nest_paths(scope, controller[1])
        for member in body.named_children:
            if member.type != "method_definition":
                continue
            marks = [(d, *_called(d)) for d in decorators(member)]
            verbs = [
                (d, _NEST_METHODS[name], found)
                for d, name, found in marks
                if name in _NEST_METHODS
            ]
            if not verbs:
                continue
            line, doc = scope.function_doc(member, key_name(member_key(member)))
            if any(
                name == "ApiOperation" and _summarised(scope, found) for _, name, found in marks
            ):
                doc = OK
            for decorator, method, found in verbs:
                for prefix in prefixes:
                    for path in _nest_paths(scope, found):
                        routes.append(
                            Route(
                                NEST,
                                method,
                                join(prefix, path),
                                decorator.start_point.row + 1,
                                line,
                                doc,
                            )
                        )
    return routes


def _called(decorator: Node) -> tuple[str, list[Node]]:
    """Return a decorator's name and arguments (``Get`` and ``[":id"]`` of ``@Get(":id")``)."""
    inner = next((c for c in decorator.named_children if c.type != "comment"), None)
    if inner is not None and inner.type == "call_expression":
        return text(inner.child_by_field_name("function")), arguments_of(inner)
    return text(inner), []


def _nest_paths(scope: Scope, found: list[Node]) -> list[str]:
    """Return the paths a Nest decorator's arguments give (``""`` for none)."""
    if not found:
        return [""]
    if unwrap(found[0]).type == "object":
        path = scope.property(found[0], "path")
        return scope.literals(path) if path is not None else [""]
    return scope.literals(found[0])


def _summarised(scope: Scope, found: list[Node]) -> bool:
    """Tell whether ``@ApiOperation``'s options have a summary or description that says
    something (as a Python route's ``summary=``)."""
    texts = (
        (scope.property(found[0], name) for name in ("summary", "description")) if found else ()
    )
    return any(node is not None and classify(scope.literal(node), "") == OK for node in texts)


# ------------------------------------------------------------------ Next.js


def _next_route(path: str) -> tuple[str, str, str] | None:
    """Return the root, URL path and kind (``app`` or ``pages``) of a Next.js route
    handler or API route file, from its path."""
    parts = path.split("/")
    stem, _, suffix = parts[-1].rpartition(".")
    if suffix not in _SUFFIXES:
        return None
    if stem == "route" and "app" in parts[:-1]:
        start = parts.index("app")
        segments, kind = parts[start + 1 : -1], "app"
    else:
        start = next(
            (i for i in range(len(parts) - 2) if parts[i] == "pages" and parts[i + 1] == "api"),
            -1,
        )
        if start < 0 or "." in stem:
            return None
        segments = parts[start + 1 : -1] + ([] if stem == "index" else [stem])
        kind = "pages"
    url = []
    for segment in segments:
        if kind == "app" and segment.startswith("_"):
            return None
        if (segment.startswith("(") and segment.endswith(")")) or segment.startswith("@"):
            continue
        found = _NEXT_SEGMENT.fullmatch(segment)
        url.append("{" + found[1] + "}" if found else segment)
    return "/".join(parts[:start]), "/" + "/".join(url), kind


def _next(root: Node, scope: Scope, base: str, url: str, kind: str) -> list[Route]:
    """Return a Next.js file's routes: an app route's exported ``GET``, ``POST``..., an
    API route's default export (``ANY``)."""
    router = key(base, "next")
    routes = []
    for statement in root.named_children:
        for name, value in _exported_values(statement, scope):
            method = "ANY" if kind == "pages" and name == "default" else name
            if (
                kind == "app"
                and name not in _NEXT_METHODS
                or kind == "pages"
                and name != "default"
            ):
                continue
            line, doc, ref = scope.handler(value, statement)
            routes.append(
                Route(router, method, url, statement.start_point.row + 1, line, doc, ref)
            )
    return routes
