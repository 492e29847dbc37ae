"""Read a JavaScript or TypeScript file as eslint-plugin-jsdoc 65's ``require-jsdoc``
sees it: every node the rule can check, the JSDoc block it attaches to each, and what
its options ask of each (traits), whatever the options are.

What the rule checks (its ``require`` contexts, and TypeScript declarations named in
``contexts``):

- ``FunctionDeclaration``: ``function f() {}``, and ``export default function () {}``;
- ``ClassDeclaration``: ``class A {}``, and ``export default class {}``;
- ``MethodDefinition``: a class's methods, getters, setters, constructors and bodiless
  overload signatures (not abstract methods);
- ``ArrowFunctionExpression`` / ``FunctionExpression``: one that is the value of a
  variable, an assignment, ``export default``, an object property or a class field
  (parentheses aside); an object literal's methods are ``FunctionExpression``s;
- ``TSInterfaceDeclaration``, ``TSTypeAliasDeclaration``, ``TSEnumDeclaration``.

Where the block is looked for (``@es-joy/jsdoccomment``'s ``getJSDocComment``): before
the ``export`` of an exported declaration; before the first decorator; for a function
value, before itself if a comment is directly before it, else before the statement,
property or field that holds it (the ``const`` of ``const f = () => {}``); then, in
TypeScript, before an overload signature of the same name standing just above. A line
comment in between is stepped over; a blank line is not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tree_sitter import Node

from docaudit.analysers import treesitter
from docaudit.analysers.commands import command_facts
from docaudit.analysers.envreads import env_facts
from docaudit.analysers.javascript.commands import command_reader
from docaudit.analysers.javascript.comments import Comments, verdict
from docaudit.analysers.javascript.count import FUNCTION_CONTEXTS
from docaudit.analysers.javascript.envs import env_reads
from docaudit.analysers.javascript.exports import Exports
from docaudit.analysers.javascript.routes import route_reads
from docaudit.analysers.javascript.syntax import (
    ASSIGNMENTS,
    CLASS_DECLARATIONS,
    CLASS_METHODS,
    FIELDS,
    FUNCTION_DECLARATIONS,
    FUNCTION_EXPRESSIONS,
    FUNCTIONS,
    OVERLOAD_METHODS,
    TS_DECLARATIONS,
    VALUE_FIELD,
    VARIABLES,
    decorator_name,
    decorators,
    estree_key,
    has_keyword,
    is_default_export,
    is_private,
    key_name,
    member_key,
    method_kind,
    outer,
    parameter_count,
)
from docaudit.analysers.routes import route_facts
from docaudit.analysers.treesitter import text
from docaudit.model.symbols import MISSING, Definition, ParsedModule

_QUERY = """
(comment) @comment
[(function_declaration) (generator_function_declaration) (function_expression)
 (generator_function) (arrow_function) (method_definition) (class_declaration) (class)]
 @candidate
(return_statement) @return
(import_statement source: (string) @import)
(export_statement source: (string) @reexport)
(call_expression function: (import) arguments: (arguments . [(string) (template_string)] @dynamic))
(call_expression function: (identifier) @_require arguments: (arguments . (string) @require .)
 (#eq? @_require "require"))
"""
JS_QUERY = _QUERY
TS_QUERY = (
    _QUERY
    + """
[(abstract_class_declaration) (method_signature) (interface_declaration)
 (type_alias_declaration) (enum_declaration) (internal_module) (module)] @candidate
(import_require_clause source: (string) @require)
"""
)
FILE_TAGS = ("@file", "@fileoverview", "@overview")
_STOPS = frozenset(
    VARIABLES
    | {
        "expression_statement",
        "method_definition",
        "pair",
        "return_statement",
        "assignment_pattern",
        "object_assignment_pattern",
    }
    | FIELDS
)
"""``allowableCommentNode``: where the climb from a function value stops."""
_FUNCTION_LIKE = FUNCTIONS | {"function_signature"}
NAMESPACES = frozenset({"internal_module", "module"})
"""TypeScript namespaces and ambient modules: never counted (no ``require`` context
names them), they hold their members' names (``Space.Inner``)."""
_STATEMENT_LISTS = frozenset({"program", "statement_block"})


@dataclass(frozen=True, slots=True)
class _Found:
    """One node the rule can check, read: its context, kind, name, the line the rule
    reports, where its doc block is looked for, and the block found."""

    node: Node
    context: str
    kind: str
    name: str
    report: int
    attach: Node
    doc: Node | None


def parse_module(
    data: bytes, path: str, grammar: Callable[[], object], query: str, language: str
) -> ParsedModule:
    """Parse one decoded file (see ``treesitter.decode``) into its definitions."""
    tree = treesitter.parse(grammar, data)
    root = tree.root_node
    found = treesitter.captures(grammar, query, root)
    comments = Comments(data, found.get("comment", []))
    reader = _Reader(root, comments, found)
    definitions = reader.definitions()
    return treesitter.file_parse(
        tree,
        grammar,
        path=path,
        language=language,
        doc=reader.file_doc(),
        children=definitions,
        last_line=root.end_point.row + (root.end_point.column > 0),
        imports=_imports(found),
        facts=env_facts(env_reads(grammar, root, data))
        + route_facts(route_reads(grammar, root, path, comments, definitions))
        + command_facts(command_reader(grammar, root, data, path)),
    )


class _Reader:
    """Reads one file's checkable nodes, with what is shared between them."""

    def __init__(self, root: Node, comments: Comments, found: dict[str, list[Node]]) -> None:
        """Index the file's comments, returns, pragmas, interfaces and exports."""
        self.root = root
        self.comments = comments
        self.candidates = found.get("candidate", [])
        self.ignored: set[int] = set()
        for comment in found.get("comment", []):
            if treesitter.PRAGMA in text(comment):
                self.ignored.update(range(comment.start_point.row, comment.end_point.row + 1))
        self.returning = _returning(self.candidates, found.get("return", []))
        self.interfaces: dict[str, list[Node]] = {}
        for node in self.candidates:
            name = node.child_by_field_name("name")
            if node.type == "interface_declaration" and name is not None:
                self.interfaces.setdefault(text(name), []).append(node)
        self.exports = Exports(root, comments)
        self.counted: set[int] = set()

    def file_doc(self) -> str:
        """Return the verdict on a ``@file`` block at the top of the file, if any."""
        first = next((c for c in self.root.named_children if c.type != "hash_bang_line"), None)
        if first is None or first.type != "comment" or not text(first).startswith("/**"):
            return MISSING
        if not any(tag in text(first) for tag in FILE_TAGS):
            return MISSING
        return verdict(first, "")

    def definitions(self) -> tuple[Definition, ...]:
        """Return the file's checkable nodes as nested definitions, in source order."""
        read = [f for f in map(self._read, self.candidates) if f is not None]
        self.counted = {f.node.id for f in read}
        top: list[Definition] = []
        stack: list[tuple[_Found, list[Definition]]] = []
        for item in read:
            while stack and stack[-1][0].node.end_byte <= item.node.start_byte:
                self._close(stack, top)
            stack.append((item, []))
        while stack:
            self._close(stack, top)
        return tuple(top)

    def _close(self, stack: list[tuple[_Found, list[Definition]]], top: list[Definition]) -> None:
        """Turn the innermost open node into a definition, in its parent's children."""
        item, children = stack.pop()
        definition = self._definition(item, tuple(children))
        (stack[-1][1] if stack else top).append(definition)

    def _definition(self, item: _Found, children: tuple[Definition, ...]) -> Definition:
        """Return the definition of one checkable node."""
        node = item.node
        attach_line = item.attach.start_point.row
        pragma = None
        if self.ignored.intersection(range(attach_line - 1, item.report + 1)):
            pragma = treesitter.PRAGMA
        return Definition(
            kind=item.kind,
            name=item.name,
            line=item.report + 1,
            is_async=has_keyword(node, "async"),
            decorators=tuple(decorator_name(d) for d in self._decorators(item)),
            bases=_bases(node),
            doc=verdict(item.doc, item.name.rsplit(".", 1)[-1]),
            pragma=pragma,
            children=children,
            span=(attach_line + 1, node.end_point.row + 1),
            traits=self._traits(item),
        )

    def _decorators(self, item: _Found) -> list[Node]:
        """Return a definition's decorators (a class's, a method's, a field's)."""
        node = item.node
        if item.context == "ClassDeclaration":
            holder = _declaration_holder(node)
            return (decorators(holder) if holder != node else []) + decorators(node)
        if item.context == "MethodDefinition":
            return decorators(node)
        parent = outer(node)[1]
        return decorators(parent) if parent is not None and parent.type in FIELDS else []

    def _traits(self, item: _Found) -> tuple[str, ...]:
        """Return what the rule's options ask of a node: its context, whether it is
        exported, a constructor, getter or setter, empty (no parameters, no value
        returned), or a method whose interface documents it."""
        node = item.node
        traits = [f"context={item.context}"]
        owner = self._owner(node, item.context)
        private = owner is not None and is_private(owner)
        if self.exports.exported(node, item.context, private):
            traits.append("exported")
        kind = method_kind(node) if node.type in CLASS_METHODS else ""
        if kind == "constructor":
            traits.append("constructor")
        accessor = kind or (method_kind(node) if node.type == "method_definition" else "")
        if accessor == "get":
            traits.append("getter")
        elif accessor == "set":
            traits.append("setter")
        function = item.context in FUNCTION_CONTEXTS
        if function and parameter_count(node) == 0 and node.id not in self.returning:
            traits.append("empty")
        if item.doc is None and item.context == "MethodDefinition" and self._implemented(node):
            traits.append("implemented")
        return tuple(traits)

    def _owner(self, node: Node, context: str) -> Node | None:
        """Return the class member a method or a field's function value is."""
        if context == "MethodDefinition":
            return node
        parent = outer(node)[1]
        return parent if parent is not None and parent.type in FIELDS else None

    def _read(self, node: Node) -> _Found | None:
        """Return what the rule sees of a candidate node, or ``None`` if it checks none."""
        kind = node.type
        parent = node.parent
        if kind in FUNCTION_DECLARATIONS:
            return self._declaration(node, "FunctionDeclaration", "function")
        if kind in CLASS_DECLARATIONS:
            return self._declaration(node, "ClassDeclaration", "class")
        if kind in TS_DECLARATIONS:
            return self._declaration(node, TS_DECLARATIONS[kind], "class")
        if kind in NAMESPACES:
            return self._declaration(node, "TSModuleDeclaration", "module")
        if kind in FUNCTION_EXPRESSIONS | {"class"} and _default_value(node):
            context = "ClassDeclaration" if kind == "class" else "FunctionDeclaration"
            return self._declaration(node, context, "class" if kind == "class" else "function")
        if parent is None:
            return None
        if kind in CLASS_METHODS and parent.type == "class_body":
            return self._method(node)
        if kind == "method_definition" and parent.type == "object":
            name = self._prefix(parent) + key_name(member_key(node))
            return self._value(node, "FunctionExpression", "method", name, parent)
        if kind in FUNCTION_EXPRESSIONS or kind == "arrow_function":
            child, holder = outer(node)
            if holder is None or holder.type not in VALUE_FIELD:
                return None
            held = holder.child_by_field_name(VALUE_FIELD[holder.type])
            if held is None or held.id != child.id:
                return None
            if holder.type == "export_statement" and not is_default_export(holder):
                return None
            if holder.type in FIELDS and has_keyword(holder, "accessor"):
                return None
            context = "FunctionExpression"
            if kind == "arrow_function":
                context = "ArrowFunctionExpression"
            return self._value(node, context, *self._value_name(holder))
        return None

    def _declaration(self, node: Node, context: str, kind: str) -> _Found:
        """A function, class or TypeScript declaration: its block is before its
        ``declare``/``export`` (and the class's first decorator)."""
        holder = _declaration_holder(node)
        first = None
        if context == "ClassDeclaration":
            found = (decorators(holder) if holder != node else []) + decorators(node)
            first = found[0] if found else None
        start = first or holder
        doc = self.comments.jsdoc(start.start_byte, start.start_point.row)
        if doc is None and context == "FunctionDeclaration":
            doc = self._overload_doc(holder)
        name_node = node.child_by_field_name("name")
        name = key_name(name_node) if name_node is not None else "default"
        report = (
            node
            if node.parent is None or node.parent.type != "ambient_declaration"
            else (node.parent)
        )
        line = first.start_point.row if first is not None else report.start_point.row
        return _Found(node, context, kind, name, line, start, doc)

    def _method(self, node: Node) -> _Found:
        """A class method: its block is before the method (its first decorator)."""
        found = decorators(node)
        start = found[0] if found else node
        doc = self.comments.jsdoc(start.start_byte, start.start_point.row)
        if doc is None:
            doc = self._overload_doc(node)
        value = node.child_by_field_name("type_parameters") or node.child_by_field_name(
            "parameters"
        )
        line = (value or node).start_point.row
        body = node.parent
        container = body.parent if body is not None else None
        prefix = self._prefix(container) if container is not None else ""
        name = prefix + key_name(member_key(node))
        return _Found(node, "MethodDefinition", "method", name, line, start, doc)

    def _value(self, node: Node, context: str, kind: str, name: str, holder: Node) -> _Found:
        """A function value (``getReducedASTNode``'s expression case): its block is
        before itself when a comment is directly before it, else before what holds it."""
        at = node.start_byte
        direct = self.comments.block_before(at) or self.comments.comment_directly_before(at)
        reduced = node if node.type == "method_definition" or direct else self._climb(node)
        found = decorators(holder) if holder.type in FIELDS else []
        if found:
            reduced = found[0]
        doc = self.comments.jsdoc(reduced.start_byte, reduced.start_point.row)
        if node.type == "method_definition":
            report = node.child_by_field_name("type_parameters") or node.child_by_field_name(
                "parameters"
            )
            line_of_report = (report or node).start_point.row
        else:
            line_of_report = node.start_point.row
        return _Found(node, context, kind, name, line_of_report, reduced, doc)

    def _climb(self, node: Node) -> Node:
        """Return where ``getReducedASTNode`` looks from a function value: up through
        its holders to the first one with a comment before it, a function, or a
        statement, property or field; an exported statement's ``export``."""
        parent = outer(node)[1]
        while parent is not None:
            if self.comments.comment_directly_before(parent.start_byte):
                break
            if parent.type in _FUNCTION_LIKE or parent.type in _STOPS:
                break
            if is_default_export(parent) or parent.type == "program":
                break
            parent = outer(parent)[1]
        if parent is None or parent.type in FUNCTION_DECLARATIONS or parent.type == "program":
            return node
        above = outer(parent)[1]
        if above is not None and above.type == "export_statement" and not is_default_export(above):
            return above
        return parent

    def _overload_doc(self, reduced: Node) -> Node | None:
        """Return the block of the overload signatures of the same name standing just
        above a function or method (``skipInterveningOverloadedDeclarations``)."""
        current = reduced
        while True:
            name = _overload_name(current, previous=False)
            previous = _previous(current)
            if name is None or previous is None:
                return None
            if _overload_name(previous, previous=True) != name:
                return None
            if current.type in OVERLOAD_METHODS and not _matching_overload(current, previous):
                return None
            found = decorators(previous) if previous.type in OVERLOAD_METHODS else []
            start = found[0] if found else previous
            doc = self.comments.jsdoc(start.start_byte, start.start_point.row)
            if doc is not None:
                return doc
            current = previous

    def _implemented(self, method: Node) -> bool:
        """Tell whether a class method implements a member of an interface of the file
        whose first member of that name has a JSDoc block (``isExemptedImplementer``)."""
        body = method.parent
        cls = body.parent if body is not None else None
        key = estree_key(member_key(method))
        if cls is None or cls.type not in CLASS_DECLARATIONS or key == "undefined":
            return False
        for name in _implemented_names(cls):
            member = self._interface_member(cls, name, key)
            if member is not None and self.comments.jsdoc(
                member.start_byte, member.start_point.row
            ):
                return True
        return False

    def _interface_member(self, cls: Node, name: str, key: str) -> Node | None:
        """Return the member ``key`` of the interface ``name`` nearest the class's scope."""
        scopes: list[int] = []
        ancestor = cls.parent
        while ancestor is not None:
            if ancestor.type in _STATEMENT_LISTS:
                scopes.append(ancestor.id)
            ancestor = ancestor.parent
        declared = self.interfaces.get(name, [])
        for scope in scopes:
            for interface in declared:
                if _scope_of(interface) != scope:
                    continue
                body = interface.child_by_field_name("body")
                for member in body.named_children if body is not None else ():
                    if estree_key(member_key(member)) == key:
                        return member
        return None

    def _prefix(self, container: Node) -> str:
        """Return ``name.`` for the members of an object literal or class expression
        bound to a name (``const api = {...}``), or nothing for a counted class."""
        if container.type == "class_body":
            container = container.parent or container
        if container.type in CLASS_DECLARATIONS or (
            container.type == "class" and _default_value(container)
        ):
            return ""
        names: list[str] = []
        current = container
        while True:
            child, holder = outer(current)
            if holder is None:
                break
            if holder.type == "pair" and _held(holder, child):
                names.append(key_name(holder.child_by_field_name("key")))
                current = holder.parent or holder
                continue
            if holder.type in VALUE_FIELD and _held(holder, child):
                names.append(self._value_name(holder)[1])
            break
        return "".join(f"{name}." for name in reversed(names))

    def _value_name(self, holder: Node) -> tuple[str, str, Node]:
        """Return the kind and name of a function value by what holds it."""
        kind = holder.type
        if kind == "variable_declarator":
            return "function", key_name(holder.child_by_field_name("name")), holder
        if kind in ASSIGNMENTS:
            return "function", key_name(holder.child_by_field_name("left")), holder
        if kind == "export_statement":
            return "function", "default", holder
        if kind == "pair":
            owner = holder.parent
            prefix = self._prefix(owner) if owner is not None else ""
            return "method", prefix + key_name(holder.child_by_field_name("key")), holder
        body = holder.parent
        cls = body.parent if body is not None else None
        prefix = self._prefix(cls) if cls is not None else ""
        return "method", prefix + key_name(member_key(holder)), holder


def _held(holder: Node, child: Node) -> bool:
    """Tell whether ``child`` is the value ``holder`` holds."""
    held = holder.child_by_field_name(VALUE_FIELD[holder.type])
    return held is not None and held.id == child.id


def _default_value(node: Node) -> bool:
    """Tell whether a function or class expression is ``export default``'s own value
    (ESTree makes it a declaration)."""
    parent = node.parent
    held = parent.child_by_field_name("value") if parent is not None else None
    return is_default_export(parent) and held is not None and held.id == node.id


def _declaration_holder(node: Node) -> Node:
    """Return the statement a declaration's block is looked for before: its
    ``declare`` and ``export``."""
    holder = node
    if holder.parent is not None and holder.parent.type == "ambient_declaration":
        holder = holder.parent
    if holder.parent is not None and holder.parent.type == "export_statement":
        holder = holder.parent
    return holder


def _bases(node: Node) -> tuple[str, ...]:
    """Return what a class extends, as written."""
    heritage = next((c for c in node.children if c.type == "class_heritage"), None)
    if heritage is None:
        return ()
    clause = next((c for c in heritage.children if c.type == "extends_clause"), heritage)
    values = [c for c in clause.named_children if c.type not in ("comment", "type_arguments")]
    if clause is heritage:
        values = values[:1]
    return tuple(" ".join(text(v).split()) for v in values)


def _implemented_names(cls: Node) -> list[str]:
    """Return the interfaces a class ``implements``, by simple name."""
    heritage = next((c for c in cls.children if c.type == "class_heritage"), None)
    clause = (
        next((c for c in heritage.children if c.type == "implements_clause"), None)
        if heritage is not None
        else None
    )
    names: list[str] = []
    for item in clause.named_children if clause is not None else ():
        if item.type == "generic_type":
            item = item.child_by_field_name("name") or item
        if item.type == "type_identifier":
            names.append(text(item))
    return names


def _scope_of(node: Node) -> int:
    """Return the id of the statement list a declaration is in."""
    ancestor = node.parent
    while ancestor is not None and ancestor.type not in _STATEMENT_LISTS:
        ancestor = ancestor.parent
    return ancestor.id if ancestor is not None else -1


def _overload_name(node: Node, previous: bool) -> str | None:
    """Return the name an overload chain knows a statement or class member by: a
    signature's (``function f(): void;``), a function's (not as the previous one) or
    a method's."""
    kind = node.type
    if kind == "export_statement":
        declaration = node.child_by_field_name("declaration")
        if declaration is None:
            return None
        node, kind = declaration, declaration.type
    if kind == "ambient_declaration":
        inner = next((c for c in node.named_children if c.type != "comment"), None)
        if inner is None or inner.type != "function_signature":
            return None
        node, kind = inner, inner.type
    if kind == "function_signature" or (kind in FUNCTION_DECLARATIONS and not previous):
        name = node.child_by_field_name("name")
        return text(name) if name is not None else None
    if kind in OVERLOAD_METHODS and node.parent is not None and node.parent.type == "class_body":
        key = member_key(node)
        if key is None or key.type == "computed_property_name":
            return None
        return text(key)
    return None


def _previous(node: Node) -> Node | None:
    """Return the statement or class member before ``node`` (comments, decorators and
    ``;`` aside), where overloads may stand."""
    parent = node.parent
    if parent is None or parent.type not in ("program", "statement_block", "class_body"):
        return None
    sibling = node.prev_named_sibling
    while sibling is not None and sibling.type in ("comment", "decorator"):
        sibling = sibling.prev_named_sibling
    return sibling


def _matching_overload(current: Node, previous: Node) -> bool:
    """Tell whether a bodiless method signature overloads the method after it: same
    name, kind (method or constructor) and ``static``."""
    if previous.type not in ("method_signature", "abstract_method_signature"):
        return False
    kinds = (method_kind(current), method_kind(previous))
    if kinds[0] not in ("method", "constructor") or kinds[0] != kinds[1]:
        return False
    return has_keyword(current, "static") == has_keyword(previous, "static")


def _returning(candidates: list[Node], returns: list[Node]) -> set[int]:
    """Return the ids of the functions that return a value (``hasReturnValue``): an
    arrow with an expression body (but ``new Promise<void>(...)``), or one with a
    ``return <value>`` of its own (not a nested function's)."""
    returning: set[int] = set()
    functions = [n for n in candidates if n.type in FUNCTIONS]
    for function in functions:
        body = function.child_by_field_name("body")
        expression = body is not None and body.type != "statement_block"
        if function.type == "arrow_function" and expression and not _void_promise(body):
            returning.add(function.id)
    valued = [r for r in returns if any(c.type != "comment" for c in r.named_children)]
    events = sorted(
        [(f.start_byte, 0, f) for f in functions] + [(r.start_byte, 1, r) for r in valued],
        key=lambda event: (event[0], event[1]),
    )
    open_functions: list[Node] = []
    for start, is_return, node in events:
        while open_functions and open_functions[-1].end_byte <= start:
            open_functions.pop()
        if is_return:
            if open_functions:
                returning.add(open_functions[-1].id)
        else:
            open_functions.append(node)
    return returning


def _void_promise(body: Node) -> bool:
    """Tell whether an arrow's body is ``new Promise<void>(...)``."""
    if body.type != "new_expression":
        return False
    constructor = body.child_by_field_name("constructor")
    arguments = body.child_by_field_name("type_arguments")
    if constructor is None or text(constructor) != "Promise" or arguments is None:
        return False
    first = next((c for c in arguments.named_children if c.type != "comment"), None)
    return first is not None and text(first) == "void"


def _imports(found: dict[str, list[Node]]) -> tuple[tuple[str, str], ...]:
    """Return the file's import specifiers with their kinds, in source order."""
    items: list[tuple[int, str, str]] = []
    for capture, kind in (
        ("import", "import"),
        ("reexport", "reexport"),
        ("dynamic", "dynamic"),
        ("require", "require"),
    ):
        for node in found.get(capture, []):
            if node.type == "template_string" and any(
                c.type == "template_substitution" for c in node.children
            ):
                continue
            parent = node.parent
            if kind == "import" and parent is not None and has_keyword(parent, "type"):
                kind_here = "type-only"
            else:
                kind_here = kind
            items.append((node.start_byte, text(node)[1:-1], kind_here))
    items.sort()
    return tuple((specifier, kind) for _, specifier, kind in items)
