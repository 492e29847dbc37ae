"""Read one Java file: its package, imports, and every declaration Checkstyle's
``MissingJavadocType`` and ``MissingJavadocMethod`` check, with what their options need.

The declarations are types (class, interface, enum, record, annotation type: kind
``class``) and methods, constructors, compact constructors and annotation fields (kind
``method``), at any depth, local classes included. What is inside an anonymous class or
any other ``new`` expression is left out: Checkstyle gives it the surrounding scope
``anoninner``, which no ``scope`` setting reaches.

Each definition's traits say what ``count`` needs, worked out here as Checkstyle 8.36
does (``ScopeUtil``, ``CheckUtil``, ``AnnotationUtil``, ``MissingJavadocMethodCheck``):

- ``scope=<public|protected|package|private>``: the effective scope, the narrower of
  the declaration's own scope and its surrounding scope (the narrowest modifiers of the
  type declarations around it, read from their modifiers alone). The own scope comes
  from the modifiers (``package`` when none), but a type directly in an interface or
  annotation type, a method without modifiers directly in an interface, and any
  annotation field are ``public``. "Directly" is Checkstyle's: going up, an interface is
  met before any other type declaration or ``new`` (methods are passed through, so a
  local class in an interface's default method is ``public``).
- ``annotation=<Name>``: each annotation in the modifiers, named as Checkstyle matches
  it: the simple name, but the first part of a two-part name (``@a.Override`` is
  ``a``), a quirk of ``AnnotationUtil.containsAnnotation``.
- ``lines=<n>`` (methods, constructors, compact constructors): Checkstyle 8.36's
  ``getMethodsNumberOfLine``: 1 for a body with no statement or no body at all, else the
  closing brace's line less the opening brace's line less one (so -1 for a one-line
  body with a statement).
- ``getter`` / ``setter``: ``CheckUtil.isGetterMethod`` / ``isSetterMethod``.
- ``annotation-field``; ``enum-constant`` on the (uncounted) body of an enum constant,
  which holds its methods.

The module's traits hold ``package=<name>`` (empty in the default package).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import tree_sitter_java
from tree_sitter import Node

from docaudit.analysers import treesitter
from docaudit.analysers.commands import command_facts
from docaudit.analysers.envreads import env_facts
from docaudit.analysers.java.commands import command_reader
from docaudit.analysers.java.envs import env_reads
from docaudit.analysers.java.javadoc import Javadocs
from docaudit.analysers.java.routes import java_routes
from docaudit.analysers.routes import route_facts
from docaudit.model.symbols import MISSING, Definition, ParsedModule

GRAMMAR = tree_sitter_java.language
"""The tree-sitter grammar of Java."""
"""The ``//`` comment that excuses the definition on its line (or, alone on its line,
the definition on the next line)."""
SCOPES = ("public", "protected", "package", "private")
"""Checkstyle's scopes, widest first."""

TYPES = frozenset(
    {
        "class_declaration",
        "interface_declaration",
        "enum_declaration",
        "record_declaration",
        "annotation_type_declaration",
    }
)
"""Checkstyle's type declarations (``TokenUtil.isTypeDeclaration``)."""
METHODS = frozenset(
    {
        "method_declaration",
        "constructor_declaration",
        "compact_constructor_declaration",
        "annotation_type_element_declaration",
    }
)
"""METHOD_DEF, CTOR_DEF, COMPACT_CTOR_DEF and ANNOTATION_FIELD_DEF."""
_NEW = frozenset({"object_creation_expression", "array_creation_expression"})
"""Checkstyle's LITERAL_NEW."""
_QUERY = """
(class_declaration) @decl
(interface_declaration) @decl
(enum_declaration) @decl
(record_declaration) @decl
(annotation_type_declaration) @decl
(method_declaration) @decl
(constructor_declaration) @decl
(compact_constructor_declaration) @decl
(annotation_type_element_declaration) @decl
(enum_constant body: (class_body)) @decl
(block_comment) @block
(line_comment) @line
"""
_NOT_STATEMENTS = frozenset({"{", "}", "line_comment", "block_comment"})
_GETTER = re.compile(r"(?:is|get)[A-Z].*")
_SETTER = re.compile(r"set[A-Z].*")
_PARAMETERS = frozenset({"formal_parameter", "spread_parameter"})
_SPACE = re.compile(r"\s+")
_SPREAD_NOT_TYPE = frozenset({"modifiers", "variable_declarator", "line_comment", "block_comment"})


@dataclass(frozen=True, slots=True)
class _Context:
    """What a declaration passes to those inside it: the surrounding scope (``None``
    outside any type) and the kind of the nearest type declaration around."""

    surrounding: str | None
    block: str | None


def parse(data: bytes, path: str) -> ParsedModule:
    """Return the package, imports and declarations of one Java file (see the module's
    docstring), or raise ``AnalysisError`` for a file that cannot be decoded."""
    data = treesitter.decode(data)
    tree = treesitter.parse(GRAMMAR, data)
    root = tree.root_node
    found = treesitter.captures(GRAMMAR, _QUERY, root)
    javadocs = Javadocs(data.decode("utf-8"), found.get("block", []))
    pragmas = [c for c in found.get("line", []) if treesitter.PRAGMA in treesitter.text(c)]
    alone = [
        c for c in pragmas if not javadocs.lines[c.start_point.row][: c.start_point.column].strip()
    ]
    reader = _Reader(
        javadocs,
        frozenset(c.start_point.row for c in pragmas),
        frozenset(c.start_point.row + 1 for c in alone),
    )
    children = reader.read(found.get("decl", []))
    package = next((c for c in root.named_children if c.type == "package_declaration"), None)
    name = _package_name(package)
    return treesitter.file_parse(
        tree,
        GRAMMAR,
        path=path,
        language="java",
        doc=MISSING if package is None else javadocs.verdict(package.start_point.row, name),
        children=children,
        last_line=data.count(b"\n") + (0 if data.endswith(b"\n") or not data else 1),
        imports=tuple((spec, "import") for spec in _imports(root)),
        facts=env_facts(env_reads(GRAMMAR, root, data))
        + route_facts(java_routes(GRAMMAR, root, data, path, javadocs))
        + command_facts(command_reader(GRAMMAR, root, data, path)),
        first_line=1 if package is None else treesitter.line(package),
        pragma=None if package is None else reader.pragma(package),
        traits=(f"package={name}",),
    )


def _package_name(package: Node | None) -> str:
    """Return the dotted name a package declaration declares (empty for none)."""
    if package is None:
        return ""
    name = next((c for c in package.named_children if c.type.endswith("identifier")), None)
    return _SPACE.sub("", treesitter.text(name))


def _imports(root: Node) -> list[str]:
    """Return each import's dotted name (``a.b.C``, ``a.b.*``, ``a.b.C.m`` when static)."""
    specs: list[str] = []
    for node in root.named_children:
        if node.type != "import_declaration":
            continue
        name = next((c for c in node.named_children if c.type.endswith("identifier")), None)
        if name is None:
            continue
        wildcard = any(c.type == "asterisk" for c in node.named_children)
        specs.append(_SPACE.sub("", treesitter.text(name)) + (".*" if wildcard else ""))
    return specs


class _Reader:
    """Turns a file's declaration nodes into nested definitions, in one pass over them."""

    def __init__(self, javadocs: Javadocs, pragmas: frozenset[int], below: frozenset[int]) -> None:
        """Read with the file's Javadocs, the rows of its pragma comments and the rows
        below those that stand alone on their line."""
        self.javadocs = javadocs
        self.pragmas = pragmas | below

    def read(self, nodes: list[Node]) -> tuple[Definition, ...]:
        """Return the top-level definitions, each holding those nested in it.

        Outer declarations come before inner ones in source order, so each node's
        context is known from its nearest enclosing declaration by the time it is read;
        the definitions are then built innermost first.
        """
        nodes = sorted(nodes, key=lambda n: (n.start_byte, -n.end_byte))
        ids = {node.id for node in nodes}
        contexts: dict[int, _Context] = {}
        kept: list[tuple[Node, _Context, int | None]] = []
        for node in nodes:
            parent, new = _container(node, ids)
            if new or (parent is not None and parent not in contexts):
                continue
            outer = contexts[parent] if parent is not None else _Context(None, None)
            contexts[node.id] = _inner_context(node, outer)
            kept.append((node, outer, parent))
        built: dict[int | None, list[Definition]] = {}
        for node, outer, parent in reversed(kept):
            inner = built.pop(node.id, [])
            inner.reverse()
            built.setdefault(parent, []).append(self.definition(node, outer, tuple(inner)))
        top = built.get(None, [])
        top.reverse()
        return tuple(top)

    def definition(
        self, node: Node, outer: _Context, children: tuple[Definition, ...]
    ) -> Definition:
        """Return the definition of one declaration in its context."""
        if node.type == "enum_constant":
            name = treesitter.text(node.child_by_field_name("name"))
            return self._make(node, "class", name, name, ("enum-constant",), children)
        modifiers = next((c for c in node.children if c.type == "modifiers"), None)
        annotations = _annotations(modifiers)
        own = _modifiers_scope(modifiers)
        name = treesitter.text(node.child_by_field_name("name"))
        if node.type in TYPES:
            if outer.block in ("interface_declaration", "annotation_type_declaration"):
                own = "public"
            traits = [f"scope={_narrower(own, outer.surrounding)}"]
            traits.extend(f"annotation={a}" for a in annotations)
            return self._make(node, "class", name, name, tuple(traits), children)
        in_interface = own == "package" and outer.block == "interface_declaration"
        if in_interface or outer.block == "annotation_type_declaration":
            own = "public"
        traits = [f"scope={_narrower(own, outer.surrounding)}"]
        traits.extend(f"annotation={a}" for a in annotations)
        if node.type == "annotation_type_element_declaration":
            traits.append("annotation-field")
        else:
            traits.append(f"lines={_body_lines(node)}")
        traits.extend(_accessor(node))
        label = f"{name}({','.join(_parameter_types(node))})"
        return self._make(node, "method", label, name, tuple(traits), children)

    def _make(
        self,
        node: Node,
        kind: str,
        label: str,
        name: str,
        traits: tuple[str, ...],
        children: tuple[Definition, ...],
    ) -> Definition:
        """Return a definition with its Javadoc verdict, pragma and span."""
        return Definition(
            kind=kind,
            name=label,
            line=treesitter.line(node),
            is_async=False,
            decorators=(),
            bases=(),
            doc=self.javadocs.verdict(node.start_point.row, name),
            pragma=self.pragma(node),
            children=children,
            span=(treesitter.line(node), node.end_point.row + 1),
            traits=traits,
        )

    def pragma(self, node: Node) -> str | None:
        """Return the pragma on the node's first line, or alone on the line above."""
        return treesitter.PRAGMA if node.start_point.row in self.pragmas else None


def _container(node: Node, ids: set[int]) -> tuple[int | None, bool]:
    """Return the id of the nearest declaration around ``node`` (``None`` at the top)
    and whether a ``new`` expression lies between them."""
    ancestor = node.parent
    while ancestor is not None:
        if ancestor.id in ids:
            return ancestor.id, False
        if ancestor.type in _NEW:
            return None, True
        ancestor = ancestor.parent
    return None, False


def _inner_context(node: Node, outer: _Context) -> _Context:
    """Return the context a declaration gives to those directly inside it."""
    if node.type not in TYPES:
        return outer
    modifiers = next((c for c in node.children if c.type == "modifiers"), None)
    return _Context(_narrower(_modifiers_scope(modifiers), outer.surrounding), node.type)


def _narrower(scope: str, other: str | None) -> str:
    """Return the narrower of two scopes (``other`` may be ``None``: no surrounding)."""
    if other is None:
        return scope
    return max(scope, other, key=SCOPES.index)


def _modifiers_scope(modifiers: Node | None) -> str:
    """Return the scope the modifiers give (``ScopeUtil.getScopeFromMods``): the first
    of ``public``, ``protected`` or ``private``, else ``package``."""
    if modifiers is not None:
        for child in modifiers.children:
            if child.type in ("public", "protected", "private"):
                return child.type
    return "package"


def _annotations(modifiers: Node | None) -> list[str]:
    """Return the names of the annotations in the modifiers, as Checkstyle matches them
    (see the module's docstring)."""
    if modifiers is None:
        return []
    names: list[str] = []
    for child in modifiers.named_children:
        if child.type not in ("marker_annotation", "annotation"):
            continue
        name = child.child_by_field_name("name")
        parts = _SPACE.sub("", treesitter.text(name)).split(".")
        names.append(parts[0] if len(parts) == 2 else parts[-1])
    return names


def _statements(body: Node) -> list[Node]:
    """Return the statements of a block (an empty statement ``;`` included)."""
    return [c for c in body.children if c.type not in _NOT_STATEMENTS]


def _body_lines(node: Node) -> int:
    """Return Checkstyle 8.36's line count of a method's body (see the module)."""
    body = node.child_by_field_name("body")
    if body is None or not _statements(body):
        return 1
    return body.end_point.row - body.start_point.row - 1


def _accessor(node: Node) -> list[str]:
    """Return ``["getter"]`` or ``["setter"]`` when Checkstyle 8.36's ``CheckUtil`` calls
    the method one: no type parameters, no ``throws``, a body, a ``get``/``is`` name, a
    non-void type, no parameters and one ``return`` statement; or a ``set`` name, a void
    type, one parameter and one plain assignment statement."""
    if node.type != "method_declaration":
        return []
    body = node.child_by_field_name("body")
    if body is None or any(c.type in ("type_parameters", "throws") for c in node.children):
        return []
    name = treesitter.text(node.child_by_field_name("name"))
    void = getattr(node.child_by_field_name("type"), "type", "") == "void_type"
    count = len(_parameter_nodes(node))
    statements = _statements(body)
    if len(statements) != 1:
        return []
    statement = statements[0]
    if _GETTER.fullmatch(name) and not void and count == 0:
        return ["getter"] if statement.type == "return_statement" else []
    if _SETTER.fullmatch(name) and void and count == 1:
        expression = statement.named_children[0] if statement.named_children else None
        if statement.type == "expression_statement" and expression is not None:
            operator = expression.child_by_field_name("operator")
            if expression.type == "assignment_expression" and treesitter.text(operator) == "=":
                return ["setter"]
    return []


def _parameter_nodes(node: Node) -> list[Node]:
    """Return a method's or constructor's parameters (a compact constructor's are its
    record's components), less any receiver parameter."""
    holder = node.parent.parent if node.type == "compact_constructor_declaration" else node
    parameters = holder.child_by_field_name("parameters") if holder is not None else None
    if parameters is None:
        return []
    return [c for c in parameters.named_children if c.type in _PARAMETERS]


def _parameter_types(node: Node) -> list[str]:
    """Return the types of a method's parameters as written, without spaces."""
    types: list[str] = []
    for parameter in _parameter_nodes(node):
        if parameter.type == "spread_parameter":
            parts = [c for c in parameter.named_children if c.type not in _SPREAD_NOT_TYPE]
            written = "".join(treesitter.text(p) for p in parts) + "..."
        else:
            written = treesitter.text(parameter.child_by_field_name("type"))
            written += treesitter.text(parameter.child_by_field_name("dimensions"))
        types.append(_SPACE.sub("", written))
    return types
