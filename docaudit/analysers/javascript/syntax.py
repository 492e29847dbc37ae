"""Tree-sitter nodes read as ESTree nodes: which node types play which ESTree role, names,
and the few parent steps the rule takes (parentheses are not nodes in ESTree)."""

from __future__ import annotations

from tree_sitter import Node

from docaudit.analysers.treesitter import text

FUNCTION_DECLARATIONS = frozenset({"function_declaration", "generator_function_declaration"})
FUNCTION_EXPRESSIONS = frozenset({"function_expression", "generator_function"})
CLASS_DECLARATIONS = frozenset({"class_declaration", "abstract_class_declaration"})
CLASS_METHODS = frozenset({"method_definition", "method_signature"})
"""Class members that are ESTree ``MethodDefinition``s (a bodiless overload included)."""
OVERLOAD_METHODS = CLASS_METHODS | {"abstract_method_signature"}
FIELDS = frozenset({"public_field_definition", "field_definition"})
TS_DECLARATIONS = {
    "interface_declaration": "TSInterfaceDeclaration",
    "type_alias_declaration": "TSTypeAliasDeclaration",
    "enum_declaration": "TSEnumDeclaration",
}
FUNCTIONS = FUNCTION_DECLARATIONS | FUNCTION_EXPRESSIONS | {"arrow_function", "method_definition"}
"""Nodes that own the ``return`` statements inside them."""
VARIABLES = frozenset({"lexical_declaration", "variable_declaration"})
ASSIGNMENTS = frozenset({"assignment_expression", "augmented_assignment_expression"})
VALUE_FIELD = {
    "variable_declarator": "value",
    "assignment_expression": "right",
    "augmented_assignment_expression": "right",
    "pair": "value",
    "public_field_definition": "value",
    "field_definition": "value",
    "export_statement": "value",
}
"""Parents whose value an arrow or function expression may be for the rule to check it
(ESTree ``VariableDeclarator``, ``AssignmentExpression``, ``Property``,
``PropertyDefinition``, ``ExportDefaultDeclaration``), and the field holding it."""


def unparen(node: Node) -> Node:
    """Return the expression inside any parentheses around it."""
    while node.type == "parenthesized_expression" and node.named_child_count:
        inner = next((c for c in node.named_children if c.type != "comment"), None)
        if inner is None:
            break
        node = inner
    return node


def outer(node: Node) -> tuple[Node, Node | None]:
    """Return the outermost parentheses around ``node`` (or itself) and their parent."""
    child = node
    parent = node.parent
    while parent is not None and parent.type == "parenthesized_expression":
        child = parent
        parent = parent.parent
    return child, parent


def is_default_export(node: Node | None) -> bool:
    """Tell whether a node is ``export default ...``."""
    return (
        node is not None
        and node.type == "export_statement"
        and any(c.type == "default" for c in node.children)
    )


def key_name(node: Node | None) -> str:
    """Return a property's name as written: identifier, ``#private``, string contents,
    number, or ``[computed]``."""
    if node is None:
        return ""
    if node.type == "string":
        return text(node)[1:-1]
    return " ".join(text(node).split())


def estree_key(node: Node | None) -> str:
    """Return ``key.name`` as the rule's export map reads it: an identifier's (or a
    ``#private`` one's, or a computed identifier's) name, else ``undefined``."""
    if node is None:
        return "undefined"
    if node.type == "computed_property_name":
        inner = next((c for c in node.named_children if c.type != "comment"), None)
        return text(inner) if inner is not None and inner.type == "identifier" else "undefined"
    if node.type in ("property_identifier", "identifier", "shorthand_property_identifier"):
        return text(node)
    if node.type == "private_property_identifier":
        return text(node)[1:]
    return "undefined"


def member_key(node: Node) -> Node | None:
    """Return a class member's or object property's key node."""
    return (
        node.child_by_field_name("name")
        or node.child_by_field_name("property")
        or (node.child_by_field_name("key"))
    )


def has_keyword(node: Node, keyword: str) -> bool:
    """Tell whether ``keyword`` is one of a node's own tokens (``static``, ``get``...)."""
    return any(not c.is_named and c.type == keyword for c in node.children)


def accessibility(node: Node) -> str:
    """Return a class member's ``private``/``protected``/``public`` modifier, or ``""``."""
    modifier = next((c for c in node.children if c.type == "accessibility_modifier"), None)
    return text(modifier)


def is_private(member: Node) -> bool:
    """Tell whether a class member is private or protected by the rule's ``isPrivate``."""
    key = member_key(member)
    return accessibility(member) in ("private", "protected") or (
        key is not None and key.type == "private_property_identifier"
    )


def method_kind(member: Node) -> str:
    """Return an ESTree method kind: ``constructor``, ``get``, ``set`` or ``method``."""
    if has_keyword(member, "get"):
        return "get"
    if has_keyword(member, "set"):
        return "set"
    key = member_key(member)
    if (
        key is not None
        and key_name(key) == "constructor"
        and key.type in ("property_identifier", "string")
        and not has_keyword(member, "static")
        and member.parent is not None
        and member.parent.type == "class_body"
    ):
        return "constructor"
    return "method"


def parameter_count(node: Node) -> int:
    """Return how many parameters a function has (``this`` included, as in ESTree)."""
    single = node.child_by_field_name("parameter")
    if single is not None:
        return 1
    parameters = node.child_by_field_name("parameters")
    if parameters is None:
        return 0
    return sum(1 for c in parameters.named_children if c.type != "comment")


def decorators(node: Node) -> list[Node]:
    """Return a node's decorators in source order: its own and, in a class body (the
    TypeScript grammar puts a method's decorators before it), those standing before it."""
    before: list[Node] = []
    if node.parent is not None and node.parent.type == "class_body":
        sibling = node.prev_sibling
        while sibling is not None and sibling.type in ("decorator", "comment"):
            if sibling.type == "decorator":
                before.append(sibling)
            sibling = sibling.prev_sibling
        before.reverse()
    return before + [c for c in node.children if c.type == "decorator"]


def decorator_name(node: Node) -> str:
    """Return a decorator's expression without ``@``, on one line."""
    return " ".join(text(node).removeprefix("@").split())
