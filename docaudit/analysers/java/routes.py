"""The web API endpoints a Java file declares: Spring MVC controllers and JAX-RS resources.

Spring MVC: a class annotated ``@RestController`` or ``@Controller`` (or, as Spring 5
still found them, a class with a class-level ``@RequestMapping``) is an application
router; each path of its class-level ``@RequestMapping`` (``value=``, ``path=`` or the
bare value, an array giving several) prefixes each path of its methods'
``@GetMapping``, ``@PostMapping``, ``@PutMapping``, ``@DeleteMapping``,
``@PatchMapping`` and ``@RequestMapping`` (``method=RequestMethod.GET`` or an array of
methods; none is ``ANY``). JAX-RS: a class annotated ``@Path`` is a root resource; its
methods annotated ``@GET``, ``@POST``, ``@PUT``, ``@DELETE``, ``@PATCH``, ``@HEAD`` or
``@OPTIONS`` are served at the class's path joined with the method's own ``@Path``.

A path is a string literal, a ``+`` of literals, or a constant this file declares
(``static final String BASE = "/api"``, named ``BASE`` or ``Owner.BASE``); anything
else is ``routes.DYNAMIC``. Spring's ``{*rest}`` and JAX-RS's ``{ id : [0-9]+ }`` are
written ``{rest}`` and ``{id:[0-9]+}`` before the core writes every parameter ``{id}``.

An endpoint is documented by its method's Javadoc (Checkstyle's rule, as
``parse.Javadocs`` finds and judges it) or by a summary or description an OpenAPI
annotation gives it: springdoc's ``@Operation(summary=..., description=...)``,
swagger's ``@ApiOperation("...")`` (``value=``, ``notes=``), judged as Python's
``summary=`` is.

Not read: mappings declared on an interface (or an abstract class not itself a
controller) that a controller implements; meta-annotations (a custom ``@ApiController``);
JAX-RS sub-resource locators (a method with ``@Path`` and no HTTP method) and the
``@ApplicationPath`` prefix of an ``Application`` subclass; Spring's
``server.servlet.context-path``; anything inside an anonymous class.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from tree_sitter import Node

from docaudit.analysers import treesitter
from docaudit.analysers.java.javadoc import Javadocs
from docaudit.analysers.python.docstrings import classify
from docaudit.analysers.routes import DYNAMIC, Route, RouteFacts, Router, join
from docaudit.model.symbols import OK

MARKERS = (b"Mapping", b"@Path")
"""A literal part of every controller and resource: a file holding none is not queried."""

_QUERY = """
(class_declaration (modifiers) name: (identifier)) @class
(method_declaration (modifiers) name: (identifier)) @method
(field_declaration
  declarator: (variable_declarator name: (identifier) @constant value: (_) @value))
(constant_declaration
  declarator: (variable_declarator name: (identifier) @constant value: (_) @value))
"""
_SPRING_METHODS = {
    "GetMapping": "GET",
    "PostMapping": "POST",
    "PutMapping": "PUT",
    "DeleteMapping": "DELETE",
    "PatchMapping": "PATCH",
    "RequestMapping": "",
}
"""Spring's mapping annotations and the method each maps (``RequestMapping``: its own
``method=``)."""
_HTTP = frozenset({"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE"})
_JAX_RS = _HTTP - {"TRACE"}
"""JAX-RS's request method designators."""
_CONTROLLERS = frozenset({"RestController", "Controller"})
_TYPES = frozenset(
    {"class_declaration", "interface_declaration", "enum_declaration", "record_declaration"}
)
_NEW = frozenset({"object_creation_expression", "array_creation_expression"})
_DOC_KEYS = {"Operation": ("summary", "description"), "ApiOperation": ("value", "notes")}
"""The OpenAPI annotations that document an endpoint, and their text elements."""
_ESCAPES = re.compile(r"\\(u+[0-9a-fA-F]{4}|[0-7]{1,3}|.)", re.DOTALL)
_SIMPLE_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", "s": " "}
_SPACED = re.compile(r"\{\s*\*?\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?=[:}])")
"""A path parameter written with spaces or Spring's ``*`` for the rest of the path."""
_MAX_STEPS = 256
"""How many parts a constant's value may take to work out (a cycle stops there)."""


@dataclass(frozen=True, slots=True)
class _Class:
    """A controller or resource class: its router's key, framework and path prefixes."""

    key: str
    framework: str
    prefixes: tuple[str, ...]


def java_routes(
    grammar: Callable[[], object], root: Node, data: bytes, path: str, javadocs: Javadocs
) -> RouteFacts:
    """Return the controllers and resources of one Java file (see the module's
    docstring) and their routes, each judged by its method's Javadoc in ``javadocs`` or
    its OpenAPI annotation."""
    if not any(marker in data for marker in MARKERS):
        return RouteFacts()
    found = treesitter.matches(grammar, _QUERY, root)
    strings = _Strings({treesitter.text(m["constant"]): m["value"] for m in found if "value" in m})
    classes: dict[int, _Class] = {}
    for node in (m["class"] for m in found if "class" in m):
        known = _controller(node, path.removesuffix(".java"), strings)
        if known is not None:
            classes[node.id] = known
    routes: list[Route] = []
    methods = sorted((m["method"] for m in found if "method" in m), key=lambda n: n.start_byte)
    for method in methods:
        owner = _owner(method)
        known = classes.get(owner.id) if owner is not None else None
        if known is not None:
            routes += _routes(method, known, strings, javadocs)
    routers = {c.key: Router(c.key, c.framework, True) for c in classes.values()}
    return RouteFacts(routers=tuple(routers.values()), routes=tuple(routes))


def _controller(node: Node, module: str, strings: _Strings) -> _Class | None:
    """Return what a class declaration is as a controller or resource, or ``None``."""
    annotations = _annotations(node)
    names = {name for name, _ in annotations}
    key = f"java:{module}#{_qualified_name(node)}"
    if names & _CONTROLLERS or "RequestMapping" in names:
        mapping = next((a for name, a in annotations if name == "RequestMapping"), None)
        prefixes = _paths(mapping, ("value", "path"), strings) if mapping is not None else [""]
        return _Class(key, "spring", tuple(prefixes))
    resource = next((a for name, a in annotations if name == "Path"), None)
    if resource is not None:
        return _Class(key, "jax-rs", tuple(_paths(resource, ("value",), strings)))
    return None


def _routes(method: Node, known: _Class, strings: _Strings, javadocs: Javadocs) -> list[Route]:
    """Return the routes one method of a controller or resource maps."""
    annotations = _annotations(method)
    name = treesitter.text(method.child_by_field_name("name"))
    mapped: list[tuple[Node, list[str], list[str]]] = []
    if known.framework == "spring":
        for label, annotation in annotations:
            if label in _SPRING_METHODS:
                paths = _paths(annotation, ("value", "path"), strings)
                verbs = [_SPRING_METHODS[label]] if _SPRING_METHODS[label] else _verbs(annotation)
                mapped.append((annotation, verbs, paths))
    else:
        verbs = [label for label, _ in annotations if label in _JAX_RS]
        if verbs:
            own = next((a for label, a in annotations if label == "Path"), None)
            paths = _paths(own, ("value",), strings) if own is not None else [""]
            first = next(a for label, a in annotations if label in _JAX_RS)
            mapped.append((first, verbs, paths))
    if not mapped:
        return []
    doc = OK if any(_documents(label, a) for label, a in annotations) else None
    doc = doc or javadocs.verdict(method.start_point.row, name)
    return [
        Route(
            known.key,
            verb,
            _spaced(join(prefix, path)),
            treesitter.line(annotation),
            handler_line=treesitter.line(method),
            doc=doc,
        )
        for annotation, verbs, paths in mapped
        for prefix in known.prefixes
        for path in paths
        for verb in verbs
    ]


def _owner(method: Node) -> Node | None:
    """Return the class declaration a method is directly in, or ``None`` (an interface,
    an enum, a record, an anonymous class)."""
    ancestor = method.parent
    while ancestor is not None and ancestor.type not in _TYPES and ancestor.type not in _NEW:
        ancestor = ancestor.parent
    return ancestor if ancestor is not None and ancestor.type == "class_declaration" else None


def _qualified_name(node: Node) -> str:
    """Return a class's name with those of the types around it (``Outer.Inner``)."""
    names: list[str] = []
    ancestor: Node | None = node
    while ancestor is not None:
        if ancestor.type in _TYPES:
            names.append(treesitter.text(ancestor.child_by_field_name("name")))
        ancestor = ancestor.parent
    return ".".join(reversed(names))


def _annotations(node: Node) -> list[tuple[str, Node]]:
    """Return each annotation in a declaration's modifiers with its simple name."""
    modifiers = next((c for c in node.children if c.type == "modifiers"), None)
    if modifiers is None:
        return []
    return [
        (treesitter.text(c.child_by_field_name("name")).rsplit(".", 1)[-1].strip(), c)
        for c in modifiers.named_children
        if c.type in ("marker_annotation", "annotation")
    ]


def _elements(annotation: Node) -> dict[str, Node]:
    """Return an annotation's elements by name (a bare value is ``value``)."""
    arguments = annotation.child_by_field_name("arguments")
    elements: dict[str, Node] = {}
    for child in arguments.named_children if arguments is not None else ():
        if child.type == "element_value_pair":
            key, value = child.child_by_field_name("key"), child.child_by_field_name("value")
            if value is not None:
                elements[treesitter.text(key)] = value
        elif child.type not in ("line_comment", "block_comment"):
            elements["value"] = child
    return elements


def _values(node: Node) -> list[Node]:
    """Return the values of an element: each of an array's, or the one value."""
    if node.type != "element_value_array_initializer":
        return [node]
    return [c for c in node.named_children if c.type not in ("line_comment", "block_comment")]


def _paths(annotation: Node, keys: tuple[str, ...], strings: _Strings) -> list[str]:
    """Return the paths an annotation maps (``[""]`` for none), ``DYNAMIC`` for each one
    not known statically."""
    elements = _elements(annotation)
    node = next((elements[k] for k in keys if k in elements), None)
    values = _values(node) if node is not None else []
    paths = [strings.value(value) for value in values]
    return [DYNAMIC if p is None else p for p in paths] or [""]


def _verbs(annotation: Node) -> list[str]:
    """Return the methods of a ``@RequestMapping``'s ``method=`` (``ANY`` for none)."""
    node = _elements(annotation).get("method")
    values = _values(node) if node is not None else []
    verbs = []
    for value in values:
        field = value.child_by_field_name("field") if value.type == "field_access" else value
        verb = treesitter.text(field)
        if verb in _HTTP and verb not in verbs:
            verbs.append(verb)
    return verbs or ["ANY"]


def _documents(name: str, annotation: Node) -> bool:
    """Tell whether an OpenAPI annotation gives the endpoint a summary or description
    that is human text."""
    elements = _elements(annotation)
    texts = (_literal(elements.get(key)) for key in _DOC_KEYS.get(name, ()))
    return any(text is not None and classify(text, "") == OK for text in texts)


def _spaced(path: str) -> str:
    """Return a path with its parameters written without spaces or ``*``."""
    return _SPACED.sub(r"{\1", path)


def _literal(node: Node | None) -> str | None:
    """Return a string literal's value (escapes decoded), or ``None`` for anything else
    (a text block included)."""
    if node is None or node.type != "string_literal":
        return None
    written = treesitter.text(node)
    if written.startswith('"""') or len(written) < 2:
        return None
    return _ESCAPES.sub(_unescape, written[1:-1])


def _operator(node: Node) -> str:
    """Return a binary expression's operator."""
    return treesitter.text(node.child_by_field_name("operator"))


def _unescape(found: re.Match[str]) -> str:
    """Return the character one Java escape sequence stands for."""
    escape = found.group(1)
    if escape.startswith("u"):
        return chr(int(escape.lstrip("u"), 16))
    if escape[0] in "01234567":
        return chr(int(escape, 8))
    return _SIMPLE_ESCAPES.get(escape, escape)


class _Strings:
    """Works out the string an expression stands for: literals joined by ``+`` and the
    constants the file declares."""

    def __init__(self, constants: dict[str, Node]) -> None:
        """Keep the file's constants, by name, as the value each is initialised with."""
        self.constants = constants

    def value(self, node: Node) -> str | None:
        """Return the string ``node`` stands for, or ``None`` when it is not known (the
        ``+`` operands and constants are followed in a loop, at most ``_MAX_STEPS``)."""
        parts: list[str] = []
        pending = [node]
        steps = 0
        while pending:
            steps += 1
            current = pending.pop()
            if steps > _MAX_STEPS:
                return None
            if current.type == "parenthesized_expression" and current.named_children:
                pending.append(current.named_children[0])
            elif current.type == "binary_expression":
                left = current.child_by_field_name("left")
                right = current.child_by_field_name("right")
                if left is None or right is None or _operator(current) != "+":
                    return None
                pending += (right, left)
            elif current.type in ("identifier", "field_access"):
                named = current.child_by_field_name("field") or current
                constant = self.constants.get(treesitter.text(named))
                if constant is None:
                    return None
                pending.append(constant)
            else:
                literal = _literal(current)
                if literal is None:
                    return None
                parts.append(literal)
        return "".join(parts)
