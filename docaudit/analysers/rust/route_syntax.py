"""What the syntax of a Rust file says to ``routes``: method chains, attributes,
literals and paths as written (each walked in a loop, never by recursion)."""

from __future__ import annotations

from tree_sitter import Node

from docaudit.analysers import treesitter
from docaudit.analysers.python.docstrings import classify
from docaudit.model.symbols import MISSING, OK

VERBS = frozenset({"get", "post", "put", "delete", "patch", "head", "options", "trace"})
"""The HTTP methods, as axum's and actix's functions and attributes are named."""
STATEMENTS = frozenset(
    {"let_declaration", "expression_statement", "line_comment", "block_comment", "empty_statement"}
)
"""What a block holds that is no value it ends with."""
ROUTER_TYPES = ("Router", "ServiceConfig", "Scope", "Resource")
"""Words of a type that make a parameter or a function's result a router."""


def method_call(node: Node) -> Node | None:
    """Return the receiver of a method call (``x.f(...)``, ``x.f::<T>(...)``), else
    ``None``."""
    if node.type != "call_expression":
        return None
    function = node.child_by_field_name("function")
    if function is not None and function.type == "generic_function":
        function = function.child_by_field_name("function")
    if function is None or function.type != "field_expression":
        return None
    return function.child_by_field_name("value")


def method_handlers(node: Node) -> list[tuple[str, Node | None]]:
    """Return the (method, handler) pairs of a method router or an actix route, walking
    its chain of calls down to the first."""
    calls: list[tuple[str, list[Node]]] = []
    current: Node | None = node
    while current is not None and current.type == "call_expression":
        receiver = method_call(current)
        function = current.child_by_field_name("function")
        if receiver is not None and function is not None:
            field = function if function.type == "field_expression" else function.named_children[0]
            name = treesitter.text(field.child_by_field_name("field"))
        else:
            name = path_text(function).rsplit("::", 1)[-1]
        calls.append((name, call_arguments(current.child_by_field_name("arguments"))))
        current = receiver
    found: list[tuple[str, Node | None]] = []
    verbs: list[str] = []
    to: Node | None = None
    for name, arguments in reversed(calls):
        if name == "to" and len(arguments) == 1:
            to = arguments[0]
        elif name in VERBS or name == "any":
            if arguments:
                found.append((name.upper(), arguments[0]))
            else:
                verbs.append(name.upper())
        elif name == "route" and not arguments:
            verbs.append("ANY")
        elif name in ("method", "on") and arguments:
            verb = path_text(arguments[0]).rsplit("::", 1)[-1]
            verb = verb if verb.lower() in VERBS else "ANY"
            if name == "method":
                verbs.append(verb)
            else:
                found.append((verb, arguments[1] if len(arguments) == 2 else None))
        elif name.endswith("_service") and name.removesuffix("_service") in VERBS:
            found.append((name.removesuffix("_service").upper(), None))
    if to is not None:
        found += [(verb, to) for verb in verbs or ["ANY"]]
    return found


def enclosing_function(node: Node) -> Node | None:
    """Return the function item ``node`` is in (closures and blocks stepped over)."""
    ancestor = node.parent
    while ancestor is not None and ancestor.type != "function_item":
        ancestor = ancestor.parent
    return ancestor


def tail_expression(body: Node) -> Node | None:
    """Return the expression a block ends with (its value), if any."""
    last = body.named_children[-1] if body.named_children else None
    if last is None or last.type in STATEMENTS or last.type.endswith("_item"):
        return None
    return last


def router_parameter(function: Node, name: str) -> int | None:
    """Return the position of the parameter ``name`` of a function when its type is a
    router (``Router``, ``&mut web::ServiceConfig``...)."""
    parameters = function.child_by_field_name("parameters")
    kept = [p for p in parameters.named_children if p.type in ("parameter", "self_parameter")]
    for position, parameter in enumerate(kept):
        if treesitter.text(parameter.child_by_field_name("pattern")) == name:
            written = treesitter.text(parameter.child_by_field_name("type"))
            return position if any(w in written for w in ROUTER_TYPES) else None
    return None


def attributes_of(node: Node) -> list[Node]:
    """Return the attributes written before an item (doc comments stepped over)."""
    found: list[Node] = []
    sibling = node.prev_sibling
    while sibling is not None and sibling.type in (
        "attribute_item",
        "line_comment",
        "block_comment",
    ):
        if sibling.type == "attribute_item":
            attribute = next((c for c in sibling.named_children if c.type == "attribute"), None)
            if attribute is not None:
                found.append(attribute)
        sibling = sibling.prev_sibling
    return found


def attribute_name(attribute: Node) -> str:
    """Return the last part of an attribute's path (``actix_web::get`` is ``get``)."""
    path = attribute.named_children[0] if attribute.named_children else None
    return path_text(path).rsplit("::", 1)[-1]


def attribute_verbs(attribute: Node) -> list[str]:
    """Return the methods of an actix route attribute (``#[get("/x")]``,
    ``#[route("/x", method = "GET")]``), none for any other attribute."""
    name = attribute_name(attribute)
    if name in VERBS:
        return [name.upper()]
    if name != "route":
        return []
    return [
        value.upper()
        for key, value in token_pairs(attribute.child_by_field_name("arguments"))
        if key == "method" and value.lower() in VERBS
    ]


def token_pairs(tokens: Node | None) -> list[tuple[str, str]]:
    """Return the ``name = "text"`` pairs of an attribute's arguments."""
    children = tokens.children if tokens is not None else []
    return [
        (treesitter.text(name), literal_content(value))
        for name, equals, value in zip(children, children[1:], children[2:], strict=False)
        if name.type == "identifier" and equals.type == "=" and value.type == "string_literal"
    ]


def utoipa_documents(attribute: Node) -> bool:
    """Tell whether a ``#[utoipa::path(...)]`` gives a summary or description that is
    human text."""
    if not path_text(attribute.named_children[0]).endswith("utoipa::path"):
        return False
    return any(
        key in ("summary", "description") and classify(value, "") == OK
        for key, value in token_pairs(attribute.child_by_field_name("arguments"))
    )


def is_test(attribute: Node) -> bool:
    """Tell whether an attribute marks a test (``#[test]``, ``#[tokio::test]``,
    ``#[cfg(test)]``)."""
    name = attribute_name(attribute)
    words = "".join(treesitter.text(attribute.child_by_field_name("arguments")).split())
    return name == "test" or (name == "cfg" and words == "(test)")


def own_doc(node: Node) -> str:
    """Return the verdict of the ``///`` and ``/** */`` comments before a function the
    parse does not read (one inside another function's body)."""
    docs: list[str] = []
    sibling = node.prev_sibling
    while sibling is not None and sibling.type in (
        "attribute_item",
        "line_comment",
        "block_comment",
    ):
        doc = sibling.child_by_field_name("doc")
        if sibling.child_by_field_name("outer") is not None and doc is not None:
            docs.append(treesitter.text(doc).strip().removeprefix("*").strip())
        sibling = sibling.prev_sibling
    if not docs:
        return MISSING
    name = treesitter.text(node.child_by_field_name("name"))
    return classify("\n".join(reversed(docs)), name)


def call_arguments(node: Node | None) -> list[Node]:
    """Return a call's arguments (comments left out)."""
    if node is None:
        return []
    return [c for c in node.named_children if c.type not in ("line_comment", "block_comment")]


def literal_content(node: Node) -> str:
    """Return a string literal's contents as written (``r#"..."#`` too)."""
    return "".join(treesitter.text(c) for c in node.named_children if c.type == "string_content")


def path_text(node: Node | None) -> str:
    """Return a path as written, without spaces, generic arguments or empty segments
    (``::std::env`` is ``std::env``)."""
    return "::".join(part for part in written_path(node).split("::") if part)


def written_path(node: Node | None) -> str:
    """Return a path's text with no whitespace and no generic arguments (the census's
    reading of a ``use``, a ``mod`` or an attribute's name)."""
    raw = "".join(treesitter.text(node).split())
    depth = 0
    kept: list[str] = []
    for char in raw:
        if char == "<":
            depth += 1
        elif char == ">" and depth:
            depth -= 1
        elif not depth:
            kept.append(char)
    return "".join(kept)
