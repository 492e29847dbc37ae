"""Read one Rust file: its items, each with the documentation rustc attaches to it.

An item's documentation is every outer doc comment (``///``, ``/** */``) and
``#[doc = ...]`` attribute before it, down to the previous item: rustc reads doc comments
as attributes, so blank lines and plain comments between them and the item do not
matter. A module's documentation also includes the inner ones in its body (``//!``,
``/*! */``, ``#![doc = ...]``); a file's inner documentation is its module's.

The definitions are the items rustc's ``missing_docs`` and clippy's
``missing_docs_in_private_items`` look at: modules, structs, unions, enums (variants and
their named fields), traits and their items, functions, constants and statics (but
``const _``), type aliases, ``macro_rules!`` macros, the items of ``extern`` blocks (as
the block's module's), struct fields with names, and ``impl`` blocks (kind ``impl``, not
counted) with their associated items. ``use`` and ``extern crate`` are definitions of
kind ``use``, one a path they import (for name resolution). Items inside function bodies
and constants are not read: neither lint looks at them.

Traits: ``pub`` (visible outside the crate if its module is), ``vis=<restriction>``,
``item=<struct|enum|fn|...>``, ``hidden`` (``#[doc(hidden)]``), ``cfg-test``
(``#[cfg(test)]``: not compiled by rustc unless testing), ``macro-export``, ``foreign``
(in an ``extern`` block), ``lint=<lint>:<level>`` (``allow``/``warn``... of
``missing_docs``, ``clippy::missing_docs_in_private_items``, or the groups holding them,
``warnings`` and ``clippy::restriction``, in source order; also from ``cfg_attr``, see
``_cfg_attr``),
``inline`` / ``file`` and ``path=<file>`` (modules), ``trait=<path>`` and ``self=<path>``
(impls: the implemented trait, the type's path as written), ``as=<name>`` and ``glob``
(uses), ``extern-crate``; a file's module has ``start=<line>``, the line of its first
token (doc comments are tokens, plain comments are not), where rustc reports a crate
root's missing docs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import tree_sitter_rust
from tree_sitter import Node

from docaudit.analysers import treesitter
from docaudit.analysers.commands import command_facts
from docaudit.analysers.envreads import env_facts
from docaudit.analysers.python.docstrings import classify
from docaudit.analysers.routes import route_facts
from docaudit.analysers.rust.commands import command_reader
from docaudit.analysers.rust.envs import env_reads
from docaudit.analysers.rust.route_syntax import written_path
from docaudit.analysers.rust.routes import rust_routes
from docaudit.model.symbols import EMPTY, MISSING, OK, PLACEHOLDER, Definition, ParsedModule

GRAMMAR = tree_sitter_rust.language
"""The tree-sitter grammar of Rust."""
"""The comment that excuses the definition on its line or on the line below."""
LINTS = ("missing_docs", "clippy::missing_docs_in_private_items")
"""The two lints whose levels (``#[allow(...)]`` and the like) decide what is counted."""
WARNINGS = "warnings"
"""rustc's group of every lint at level warn: set to another level, it replaces the level
of a lint that is at warn where the lint fires (``#![allow(warnings)]`` silences a
``-W missing-docs`` or a ``#[warn(missing_docs)]``, not a ``#[deny(missing_docs)]``)."""
RESTRICTION = "clippy::restriction"
"""The one clippy group holding ``missing_docs_in_private_items`` (``clippy::all`` and
``clippy::pedantic`` do not)."""
_LEVELLED = frozenset({*LINTS, WARNINGS, RESTRICTION})
LEVELS = ("allow", "expect", "warn", "deny", "forbid")
"""Lint level attributes: the first two silence a lint, the others turn it on."""
VERDICT_RANK = (MISSING, EMPTY, PLACEHOLDER, OK)
"""Verdicts from worst to best: a module documented in two places takes the better."""

_COMMENTS = frozenset({"line_comment", "block_comment"})
_BETWEEN = _COMMENTS | {"attribute_item", "inner_attribute_item"}
_KINDS = {
    "function_item": ("function", "fn"),
    "function_signature_item": ("function", "fn"),
    "struct_item": ("class", "struct"),
    "union_item": ("class", "union"),
    "enum_item": ("class", "enum"),
    "trait_item": ("class", "trait"),
    "type_item": ("class", "type"),
    "associated_type": ("class", "type"),
    "const_item": ("constant", "const"),
    "static_item": ("constant", "static"),
    "mod_item": ("module", "mod"),
    "macro_definition": ("function", "macro"),
    "impl_item": ("impl", "impl"),
}
_MEMBERS = {"field_declaration": "field", "enum_variant": "variant"}


@dataclass
class _Item:
    """A definition being built: its children are added before it is frozen."""

    node: Node
    kind: str
    name: str
    doc: str
    traits: list[str]
    decorators: tuple[str, ...]
    first: int
    children: list[_Item] = field(default_factory=list)


@dataclass
class _Attributes:
    """What the doc comments and attributes on (or in) an item say."""

    docs: list[str | None] = field(default_factory=list)
    traits: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    path: str | None = None
    first: int | None = None


def parse(data: bytes, path: str) -> ParsedModule:
    """Return the items, docs and imports of one Rust file (see the module's docstring),
    or raise ``AnalysisError`` for a file that cannot be decoded."""
    data = treesitter.decode(data)
    tree = treesitter.parse(GRAMMAR, data)
    root = tree.root_node
    comments = treesitter.captures(GRAMMAR, "(line_comment) @c (block_comment) @c", root)
    pragmas = treesitter.pragma_lines(comments.get("c", []))
    inner = _inner(root)
    top = _Item(root, "module", path, _verdict(inner.docs, ""), inner.traits, (), 1)
    imports: list[tuple[str, str]] = []
    stack: list[tuple[Node, _Item, str, tuple[str, ...]]] = [(root, top, "module", ())]
    while stack:
        container, parent, where, modules = stack.pop()
        for node, extra in _members(container):
            item = _item(node, where, extra)
            if item is None:
                continue
            parent.children.append(item)
            if item.kind == "use-group":
                imports.extend((use.name, "use") for use in item.children)
            elif item.kind == "module" and "file" in item.traits:
                imports.append((_mod_specifier(item, modules), "mod"))
            body = node.child_by_field_name("body")
            if body is not None and item.kind != "function" and item.kind != "method":
                inside = (*modules, item.name) if item.kind == "module" else modules
                stack.append((body, item, _where(item), inside))
    module = _freeze(top, pragmas)
    last = max(root.end_point.row + (1 if root.end_point.column else 0), 1)
    tokens = (c for c in root.children if c.type not in _COMMENTS or _is_doc(c))
    start = next((treesitter.line(c) for c in tokens), last)
    return treesitter.file_parse(
        tree,
        GRAMMAR,
        path=path,
        language="rust",
        doc=module.doc,
        children=module.children,
        last_line=last,
        imports=tuple(imports),
        facts=env_facts(env_reads(GRAMMAR, root, data))
        + route_facts(rust_routes(GRAMMAR, root, data, path, module))
        + command_facts(command_reader(GRAMMAR, root, data, path)),
        pragma=module.pragma,
        traits=(*module.traits, f"start={start}"),
    )


def best(verdicts: list[str]) -> str:
    """Return the best of some doc verdicts (``MISSING`` for none)."""
    return max(verdicts, key=VERDICT_RANK.index, default=MISSING)


def _mod_specifier(item: _Item, modules: tuple[str, ...]) -> str:
    """Return a file module's import specifier: its ``#[path]``, else its module path
    within the file (``outer::inner`` for ``mod inner;`` inside ``mod outer { }``)."""
    path = next((t[5:] for t in item.traits if t.startswith("path=")), None)
    return path if path is not None else "::".join((*modules, item.name))


def _where(item: _Item) -> str:
    """Return what kind of container an item's body is, for its members' kinds."""
    if item.kind == "impl":
        return "trait-impl" if any(t.startswith("trait=") for t in item.traits) else "impl"
    if item.kind == "module":
        return "module"
    return next(t[5:] for t in item.traits if t.startswith("item="))


def _members(container: Node) -> list[tuple[Node, tuple[str, ...]]]:
    """Return the nodes directly in a body that may be definitions, the items of an
    ``extern`` block as its module's own (trait ``foreign``)."""
    found: list[tuple[Node, tuple[str, ...]]] = []
    for node in container.named_children:
        if node.type == "foreign_mod_item":
            body = node.child_by_field_name("body")
            members = body.named_children if body is not None else []
            found.extend((m, ("foreign",)) for m in members)
        else:
            found.append((node, ()))
    return found


def _item(node: Node, where: str, extra: tuple[str, ...]) -> _Item | None:
    """Return the definition a node is, or ``None`` for anything else."""
    if node.type == "use_declaration" or node.type == "extern_crate_declaration":
        return _use(node)
    if node.type in _MEMBERS:
        return _member(node, where)
    if node.type not in _KINDS:
        return None
    kind, what = _KINDS[node.type]
    name = _name(node)
    if name == "_" and what == "const":
        return None
    if kind == "function" and where in ("impl", "trait", "trait-impl"):
        kind = "method"
    attributes = _outer(node)
    traits = [f"item={what}", *_visibility(node), *extra, *attributes.traits]
    docs = attributes.docs
    if node.type == "mod_item":
        body = node.child_by_field_name("body")
        traits.append("inline" if body is not None else "file")
        if attributes.path is not None:
            traits.append(f"path={attributes.path}")
        if body is not None:
            inner = _inner(body)
            docs = [*docs, *inner.docs]
            traits.extend(inner.traits)
    elif node.type == "impl_item":
        traits.extend(_impl(node))
    elif node.type == "function_item" and _is_async(node):
        traits.append("async")
    if where == "trait":
        traits.append("pub")
    first = attributes.first if attributes.first is not None else treesitter.line(node)
    return _Item(node, kind, name, _verdict(docs, name), traits, tuple(attributes.names), first)


def _member(node: Node, where: str) -> _Item | None:
    """Return a named struct field or an enum variant (tuple fields are not read: rustc
    does not ask them for docs); variants and their fields are as visible as their
    enum."""
    name_node = node.child_by_field_name("name")
    if name_node is None:
        return None
    name = treesitter.text(name_node)
    attributes = _outer(node)
    traits = [f"item={_MEMBERS[node.type]}", *_visibility(node), *attributes.traits]
    if where in ("enum", "variant"):
        traits.append("pub")
    first = attributes.first if attributes.first is not None else treesitter.line(node)
    doc = _verdict(attributes.docs, name)
    return _Item(node, "field", name, doc, traits, tuple(attributes.names), first)


def _use(node: Node) -> _Item:
    """Return a ``use`` (or ``extern crate``) as one definition whose children are the
    paths it imports, each a ``use`` definition of its own."""
    traits = _visibility(node)
    group = _Item(node, "use-group", "", MISSING, list(traits), (), treesitter.line(node))
    if node.type == "extern_crate_declaration":
        name = treesitter.text(node.child_by_field_name("name"))
        alias = node.child_by_field_name("alias")
        bound = treesitter.text(alias) if alias is not None else name
        leaf_traits = [*traits, f"as={bound}", "extern-crate"]
        group.children.append(_Item(node, "use", name, MISSING, leaf_traits, (), group.first))
        return group
    argument = node.child_by_field_name("argument")
    pending: list[tuple[str, Node | None]] = [("", argument)]
    while pending:
        prefix, part = pending.pop()
        if part is None:
            continue
        leaf: tuple[str, str] | None = None
        if part.type == "scoped_use_list":
            head = part.child_by_field_name("path")
            inside = _join(prefix, written_path(head)) if head is not None else prefix
            listed = part.child_by_field_name("list")
            pending.extend((inside, p) for p in reversed(listed.named_children if listed else []))
        elif part.type == "use_list":
            pending.extend((prefix, p) for p in reversed(part.named_children))
        elif part.type == "use_as_clause":
            target = _join(prefix, written_path(part.child_by_field_name("path")))
            leaf = (target, treesitter.text(part.child_by_field_name("alias")))
        elif part.type == "use_wildcard":
            head = next((c for c in part.named_children), None)
            inside = _join(prefix, written_path(head)) if head is not None else prefix
            leaf = (_join(inside, "*"), "*")
        else:
            target = _join(prefix, written_path(part))
            last = target.rsplit("::", 1)[-1]
            if last == "self":
                target = target.rsplit("::", 1)[0]
                last = target.rsplit("::", 1)[-1]
            leaf = (target, last)
        if leaf is not None:
            extra = ["glob"] if leaf[1] == "*" else [f"as={leaf[1]}"]
            leaf_traits = [*traits, *extra]
            group.children.append(
                _Item(part, "use", leaf[0], MISSING, leaf_traits, (), group.first)
            )
    return group


def _join(prefix: str, rest: str) -> str:
    """Join two parts of a path with ``::``."""
    return f"{prefix}::{rest}" if prefix and rest else prefix or rest


def _name(node: Node) -> str:
    """Return an item's name (an impl's is its type's path)."""
    if node.type == "impl_item":
        target = node.child_by_field_name("type")
        if target is not None and target.type == "generic_type":
            target = target.child_by_field_name("type")
        return written_path(target)
    return treesitter.text(node.child_by_field_name("name"))


def _impl(node: Node) -> list[str]:
    """Return an impl's traits: the trait it implements (``trait=<path>``), if any."""
    implemented = node.child_by_field_name("trait")
    return [f"trait={written_path(implemented)}"] if implemented is not None else []


def _is_async(node: Node) -> bool:
    """Tell whether a function is ``async``."""
    modifiers = next((c for c in node.named_children if c.type == "function_modifiers"), None)
    return modifiers is not None and any(c.type == "async" for c in modifiers.children)


def _visibility(node: Node) -> list[str]:
    """Return ``["pub"]`` for plain ``pub``, ``["vis=<text>"]`` for a restricted one."""
    modifier = next((c for c in node.named_children if c.type == "visibility_modifier"), None)
    if modifier is None:
        return []
    written = "".join(treesitter.text(modifier).split())
    return ["pub"] if written == "pub" else [f"vis={written}"]


def _outer(node: Node) -> _Attributes:
    """Return the outer doc comments and attributes before ``node``, in source order."""
    nodes: list[Node] = []
    sibling = node.prev_sibling
    while sibling is not None and sibling.type in _BETWEEN:
        nodes.append(sibling)
        sibling = sibling.prev_sibling
    nodes.reverse()
    found = _Attributes()
    for attribute in nodes:
        if attribute.type in _COMMENTS:
            if attribute.child_by_field_name("outer") is not None:
                found.docs.append(_comment_text(attribute))
                found.first = found.first or treesitter.line(attribute)
        elif attribute.type == "attribute_item":
            _read_attribute(attribute, found)
            found.first = found.first or treesitter.line(attribute)
    return found


def _inner(body: Node) -> _Attributes:
    """Return the inner doc comments and attributes of a file or a module's body."""
    found = _Attributes()
    for node in body.children:
        if node.type in _COMMENTS and node.child_by_field_name("inner") is not None:
            found.docs.append(_comment_text(node))
        elif node.type == "inner_attribute_item":
            _read_attribute(node, found)
    return found


def _read_attribute(node: Node, found: _Attributes) -> None:
    """Add what one attribute says (doc, hidden, cfg(test), lint levels...) to ``found``."""
    attribute = next((c for c in node.named_children if c.type == "attribute"), None)
    if attribute is None or not attribute.named_children:
        return
    name = written_path(attribute.named_children[0])
    found.names.append(name)
    arguments = attribute.child_by_field_name("arguments")
    value = attribute.child_by_field_name("value")
    words = _arguments(arguments)
    if name == "doc":
        if value is not None:
            found.docs.append(_literal(value))
        elif "hidden" in words:
            found.traits.append("hidden")
    elif name == "cfg" and len(words) == 1 and _holds(words[0]) is False:
        found.traits.append("cfg-test")
    elif name == "macro_export":
        found.traits.append("macro-export")
    elif name == "path" and value is not None:
        found.path = _literal(value)
    elif name in LEVELS:
        found.traits.extend(f"lint={w}:{name}" for w in words if w in _LEVELLED)
    elif name == "cfg_attr":
        found.traits.extend(_cfg_attr(words))


def _cfg_attr(words: list[str]) -> list[str]:
    """Return the lint levels a ``cfg_attr(predicate, attributes...)`` sets (nested ones
    too), as ``lint=`` traits: those under a predicate that holds (``not(test)``), none
    under one that does not (``test``), and under one that cannot be told (``feature =
    "x"``, ``unix``, ``docsrs``) only those that turn a lint on (warn, deny, forbid), as
    in the build that reports the most."""
    traits: list[str] = []
    holds = _holds(words[0]) if words else False
    pending = [(w, holds) for w in reversed(words[1:])]
    while pending:
        word, holds = pending.pop()
        name, _, rest = word.partition("(")
        inner = _split(f"({rest}") if rest.endswith(")") else []
        if name == "cfg_attr" and inner:
            both = _both(holds, _holds(inner[0]))
            pending.extend((w, both) for w in reversed(inner[1:]))
        elif name in LEVELS and (holds or (holds is None and name not in ("allow", "expect"))):
            traits.extend(f"lint={w}:{name}" for w in inner if w in _LEVELLED)
    return traits


def _both(first: bool | None, second: bool | None) -> bool | None:
    """Return whether two predicates both hold (``None``: cannot be told)."""
    if first is False or second is False:
        return False
    return None if first is None or second is None else True


_CFG_TOKEN = re.compile(r'(all|any|not)\(|\)|,|(?:[^,()"]|"(?:[^"\\]|\\.)*")+')


def _holds(predicate: str) -> bool | None:
    """Evaluate a ``cfg`` predicate written without spaces as the build docaudit mirrors
    would: ``test`` does not hold (rustc's ``missing_docs`` never runs on a test build),
    ``all``, ``any`` and ``not`` combine; any other option (a feature, a target, a
    ``--cfg``) cannot be told (``None``), nor can a malformed predicate."""
    frames: list[tuple[str, list[bool | None]]] = [("all", [])]
    for match in _CFG_TOKEN.finditer(predicate):
        token = match.group()
        if match.group(1) is not None:
            frames.append((match.group(1), []))
        elif token == ")":
            if len(frames) == 1:
                return None
            operator, values = frames.pop()
            frames[-1][1].append(_combine(operator, values))
        elif token != ",":
            frames[-1][1].append(False if token == "test" else None)
    values = frames[0][1]
    return values[0] if len(frames) == 1 and len(values) == 1 else None


def _combine(operator: str, values: list[bool | None]) -> bool | None:
    """Return the value of ``all(...)``, ``any(...)`` or ``not(...)`` of some values."""
    if operator == "not":
        return None if len(values) != 1 or values[0] is None else not values[0]
    wanted = operator == "any"
    if wanted in values:
        return wanted
    return None if None in values else not wanted


def _arguments(node: Node | None) -> list[str]:
    """Return the comma-separated words of an attribute's arguments, without spaces:
    ``(all(test, unix), foo)`` gives ``["all(test,unix)", "foo"]``."""
    if node is None:
        return []
    return _split("".join(treesitter.text(node).split()))


def _split(raw: str) -> list[str]:
    """Return the comma-separated words inside a parenthesised text with no spaces."""
    raw = raw[1:-1]
    words: list[str] = []
    depth = 0
    start = 0
    for index, char in enumerate(raw):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "," and depth == 0:
            words.append(raw[start:index])
            start = index + 1
    words.append(raw[start:])
    return [w for w in words if w]


def _literal(node: Node) -> str | None:
    """Return a string literal's contents, or ``None`` for any other expression (a
    macro such as ``include_str!``, taken as documentation)."""
    if node.type not in ("string_literal", "raw_string_literal"):
        return None
    return "".join(treesitter.text(c) for c in node.named_children if c.type != "escape_sequence")


def _is_doc(node: Node) -> bool:
    """Tell whether a comment is a doc comment (outer or inner)."""
    outer = node.child_by_field_name("outer")
    return outer is not None or node.child_by_field_name("inner") is not None


def _comment_text(node: Node) -> str:
    """Return a doc comment's text without its markers (``///``, ``/**``, leading ``*``)."""
    doc = node.child_by_field_name("doc")
    if doc is None:
        return ""
    lines = treesitter.text(doc).splitlines()
    if node.type == "block_comment":
        lines = [line.strip().removeprefix("*") for line in lines]
    return "\n".join(line.strip() for line in lines)


def _verdict(docs: list[str | None], name: str) -> str:
    """Judge the docs an item has: any non-literal ``#[doc = ...]`` is documentation,
    literal ones are joined and judged as a docstring."""
    if not docs:
        return MISSING
    if any(d is None for d in docs):
        return OK
    return classify("\n".join(d for d in docs if d is not None), name)


def _freeze(top: _Item, pragmas: frozenset[int]) -> Definition:
    """Return the definitions built under ``top`` as frozen ``Definition``s (the
    ``use-group`` of each ``use`` gives way to the paths it imports)."""
    order: list[_Item] = []
    pending = [top]
    while pending:
        item = pending.pop()
        order.append(item)
        pending.extend(item.children)
    built: dict[int, tuple[Definition, ...]] = {}
    for item in reversed(order):
        children: list[Definition] = []
        for child in item.children:
            children.extend(built.pop(id(child)))
        if item.kind == "use-group":
            built[id(item)] = tuple(children)
            continue
        line = treesitter.line(item.node)
        excused = {line, item.first - 1, line - 1} & pragmas
        built[id(item)] = (
            Definition(
                kind=item.kind,
                name=item.name,
                line=line,
                is_async="async" in item.traits,
                decorators=item.decorators,
                bases=(),
                doc=item.doc,
                pragma=treesitter.PRAGMA if excused else None,
                children=tuple(children),
                span=(item.first, item.node.end_point.row + 1),
                traits=tuple(item.traits),
            ),
        )
    return built[id(top)][0]
