"""What ``publicOnly`` calls exported: eslint-plugin-jsdoc's ``exportParser``, replayed.

The rule asks ``isUncommentedExport`` of a node it would report. That function says yes
when the node is not private and either

- an ``export`` statement is its parent (a function; for a class or a TypeScript
  declaration, any ancestor) and that statement has no JSDoc block of its own; or
- it is reachable from a module symbol marked exported, in a symbol map built from the
  top-level statements (``export`` declarations and specifiers, ``export default``,
  variables, functions, classes, assignments) or from ``module.exports``/``exports``.

The symbol map is replayed here statement by statement, as the plugin builds it: a
symbol's value is the node it stands for; an object literal's or a class body's members
are its properties; ``export { a }`` and ``export default a`` mark the symbol ``a``
names at that point (a function declared later is not found, hoisting aside). From an
exported symbol the plugin also walks the ``body`` of its node (a function's statements,
a class's members, loop bodies, namespace blocks), finding the methods of classes
declared there. Two simplifications: assignments inside object literals give no symbol,
and an expression-bodied arrow's expression is not searched for classes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tree_sitter import Node

from docaudit.analysers.javascript.comments import Comments
from docaudit.analysers.javascript.syntax import (
    ASSIGNMENTS,
    CLASS_DECLARATIONS,
    CLASS_METHODS,
    FIELDS,
    FUNCTION_DECLARATIONS,
    FUNCTION_EXPRESSIONS,
    VARIABLES,
    decorators,
    estree_key,
    member_key,
    outer,
    unparen,
)
from docaudit.analysers.treesitter import text

_SYMBOL_NODES = (
    FUNCTION_DECLARATIONS
    | FUNCTION_EXPRESSIONS
    | CLASS_DECLARATIONS
    | {"arrow_function", "interface_declaration", "type_alias_declaration", "enum_declaration"}
)
"""Nodes a symbol stands for directly (``getSymbol``'s first case)."""
_NAMED_DECLARATIONS = (
    FUNCTION_DECLARATIONS
    | CLASS_DECLARATIONS
    | {"interface_declaration", "type_alias_declaration", "enum_declaration"}
)
_LITERALS = frozenset({"string", "number", "true", "false", "null", "regex"})
_LOOPS = frozenset(
    {
        "for_statement",
        "for_in_statement",
        "while_statement",
        "do_statement",
        "labeled_statement",
        "with_statement",
        "internal_module",
        "module",
        "interface_declaration",
    }
)
_LISTS = frozenset({"program", "statement_block", "class_body", "class_static_block"})
_FUNCTIONS = FUNCTION_DECLARATIONS | FUNCTION_EXPRESSIONS | {"arrow_function"}


@dataclass(eq=False)
class _Symbol:
    """A symbol of the plugin's map: the node it stands for, its properties, whether it
    is an ``object`` (only those match a node), and whether it is exported."""

    value: Node | None = None
    props: dict[str, _Symbol | None] = field(default_factory=dict)
    is_object: bool = True
    literal: str | None = None
    exported: bool = False


def _standing_for(node: Node) -> _Symbol:
    """Return the symbol of a function, class or type declaration (with a prototype)."""
    return _Symbol(value=node, props={"prototype": _Symbol()})


class Exports:
    """The exported nodes of one file, as ``publicOnly`` (ESM and CommonJS) finds them."""

    def __init__(self, root: Node, comments: Comments) -> None:
        """Replay the plugin's symbol map over the file's top-level statements."""
        self.comments = comments
        self.globals = _Symbol(is_object=False)
        module_exports = _Symbol(is_object=False)
        self.globals.props["module"] = _Symbol(is_object=False, props={"exports": module_exports})
        self.globals.props["exports"] = module_exports
        statements = [s for s in root.named_children if s.type != "comment"]
        for statement in statements:
            self._declare_names(statement)
        for statement in statements:
            self._map(statement)
        module = self.globals.props["module"]
        self.commonjs = _values(module.props.get("exports") if module else None)
        self.esm: set[int] = set()
        for symbol in self.globals.props.values():
            if symbol is not None and symbol.exported:
                if symbol.value is not None:
                    self.esm.add(symbol.value.id)
                    self.esm |= _methods_within(symbol.value)
                self.esm |= _values(symbol)

    def exported(self, node: Node, context: str, private: bool) -> bool:
        """Tell whether the rule's ``publicOnly`` counts ``node`` (the checked node: a
        function, class, method or TypeScript declaration of ``context``) exported."""
        if private:
            return False
        ancestor = self._export_ancestor(node, context)
        if ancestor is not None and not self._documented_export(ancestor):
            return True
        return node.id in self.commonjs or node.id in self.esm

    def _export_ancestor(self, node: Node, context: str) -> Node | None:
        """Return the ``export`` statement ``getExportAncestor`` finds: a function's
        parent only, any ancestor of a class or a TypeScript declaration."""
        if context in ("MethodDefinition",):
            return None
        if context in ("FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"):
            parent = outer(node)[1]
            return parent if parent is not None and parent.type == "export_statement" else None
        ancestor = node.parent
        while ancestor is not None and ancestor.type != "export_statement":
            ancestor = ancestor.parent
        return ancestor

    def _documented_export(self, statement: Node) -> bool:
        """Tell whether an ``export`` statement itself has a JSDoc block (before its
        declaration's first decorator, if it has one)."""
        declaration = statement.child_by_field_name("declaration")
        found = decorators(statement) + (decorators(declaration) if declaration else [])
        start = found[0] if found else statement
        return self.comments.jsdoc(start.start_byte, start.start_point.row) is not None

    def _declare_names(self, statement: Node) -> None:
        """``initVariables``: each top-level variable starts as an empty symbol."""
        if statement.type == "export_statement":
            declaration = statement.child_by_field_name("declaration")
            if declaration is None:
                return
            statement = declaration
        if statement.type in VARIABLES:
            for declarator in statement.named_children:
                name = declarator.child_by_field_name("name")
                is_name = name is not None and name.type == "identifier"
                if declarator.type == "variable_declarator" and is_name:
                    self.globals.props[text(name)] = _Symbol(is_object=False)

    def _map(self, statement: Node) -> None:
        """``mapVariables`` for one top-level statement."""
        kind = statement.type
        if kind == "ambient_declaration":
            inner = next((c for c in statement.named_children if c.type != "comment"), None)
            if inner is None or inner.type not in CLASS_DECLARATIONS | VARIABLES:
                return
            statement, kind = inner, inner.type
        if kind == "expression_statement":
            expression = statement.named_child(0)
            if expression is not None and unparen(expression).type in ASSIGNMENTS:
                self.symbol(expression)
        elif kind in CLASS_DECLARATIONS:
            name = statement.child_by_field_name("name")
            if name is not None:
                self.globals.props[text(name)] = self._class_body(statement)
        elif kind in FUNCTION_DECLARATIONS or kind == "type_alias_declaration":
            name = statement.child_by_field_name("name")
            if name is not None:
                self.globals.props[text(name)] = _standing_for(statement)
        elif kind in VARIABLES:
            self._variables(statement, exported=False)
        elif kind == "export_statement":
            self._export(statement)

    def _export(self, statement: Node) -> None:
        """``mapVariables`` for ``export default``, ``export <declaration>`` and
        ``export { names }``."""
        declaration = statement.child_by_field_name("declaration")
        value = statement.child_by_field_name("value")
        if any(c.type == "default" for c in statement.children):
            target = declaration or value
            if target is None:
                return
            symbol: _Symbol | None
            name = target.child_by_field_name("name") if target == declaration else None
            if target.type in _NAMED_DECLARATIONS and name is not None:
                symbol = _standing_for(target)
                self.globals.props[text(name)] = symbol
            elif target.type in FUNCTION_EXPRESSIONS | {"class"}:
                symbol = _standing_for(target)
                self.globals.props["default"] = symbol
            else:
                symbol = self.symbol(target)
                if unparen(target).type not in ("identifier", "member_expression"):
                    self.globals.props["default"] = symbol
            if symbol is not None:
                symbol.exported = True
            return
        if declaration is not None:
            if declaration.type == "ambient_declaration":
                declaration = next(
                    (c for c in declaration.named_children if c.type != "comment"), declaration
                )
            name = declaration.child_by_field_name("name")
            if declaration.type in VARIABLES:
                self._variables(declaration, exported=True)
            elif declaration.type in _NAMED_DECLARATIONS and name is not None:
                symbol = _standing_for(declaration)
                symbol.exported = True
                self.globals.props[text(name)] = symbol
        for clause in statement.named_children:
            if clause.type != "export_clause":
                continue
            for specifier in clause.named_children:
                local = specifier.child_by_field_name("name")
                if specifier.type == "export_specifier" and local is not None:
                    found = self.globals.props.get(text(local))
                    if found is not None:
                        found.exported = True

    def _variables(self, declaration: Node, exported: bool) -> None:
        """Give each declared name the symbol of its initial value."""
        for declarator in declaration.named_children:
            name = declarator.child_by_field_name("name")
            if declarator.type != "variable_declarator" or name is None:
                continue
            if name.type != "identifier":
                continue
            value = declarator.child_by_field_name("value")
            symbol = _Symbol(is_object=False) if value is None else self.symbol(value)
            if symbol is not None:
                self.globals.props[text(name)] = symbol
                if exported:
                    symbol.exported = True

    def symbol(self, node: Node) -> _Symbol | None:
        """``getSymbol``: the symbol an expression stands for, assigning along a chain
        of assignments (``a = b = value``) from the innermost out."""
        targets: list[Node] = []
        node = unparen(node)
        while node.type in ASSIGNMENTS:
            left = node.child_by_field_name("left")
            right = node.child_by_field_name("right")
            if left is None or right is None:
                return None
            targets.append(left)
            node = unparen(right)
        symbol = self._value(node)
        for left in reversed(targets):
            symbol = self._assign(left, symbol)
        return symbol

    def _assign(self, left: Node, symbol: _Symbol | None) -> _Symbol | None:
        """``createSymbol``: bind a name or a member to a value's symbol."""
        left = unparen(left)
        if left.type == "identifier":
            if symbol is not None:
                self.globals.props[text(left)] = symbol
            return symbol
        if left.type in ("member_expression", "subscript_expression"):
            target_node = left.child_by_field_name("object")
            target = self._value(target_node) if target_node is not None else None
            name = self._property(left)
            if target is not None and name:
                target.props[name] = symbol
                return symbol
        return None

    def _property(self, member: Node) -> str | None:
        """Return the property name a member expression reads, if the map can know it."""
        if any(c.type == "optional_chain" for c in member.children):
            return None
        if member.type == "member_expression":
            prop = member.child_by_field_name("property")
            if prop is None or prop.type == "private_property_identifier":
                return None
            return text(prop)
        index = member.child_by_field_name("index")
        if index is None:
            return None
        if index.type in _LITERALS:
            return text(index)[1:-1] if index.type == "string" else text(index)
        found = self.globals.props.get(text(index)) if index.type == "identifier" else None
        return found.literal if found is not None else None

    def _value(self, node: Node) -> _Symbol | None:
        """``getSymbol`` of an expression that is not an assignment."""
        node = unparen(node)
        kind = node.type
        if kind in _SYMBOL_NODES:
            return _standing_for(node)
        if kind == "class":
            return self._class_body(node)
        if kind == "identifier":
            return self.globals.props.get(text(node))
        if kind in _LITERALS:
            value = text(node)[1:-1] if kind == "string" else text(node)
            return _Symbol(value=node, is_object=False, literal=value)
        if kind in ("member_expression", "subscript_expression"):
            names: list[str | None] = []
            while node.type in ("member_expression", "subscript_expression"):
                names.append(self._property(node))
                base = node.child_by_field_name("object")
                if base is None:
                    return None
                node = unparen(base)
            if node.type in ASSIGNMENTS or node.type == "object":
                return None
            found = self._value(node)
            for name in reversed(names):
                if found is None or not name or found.props.get(name) is None:
                    return None
                found = found.props[name]
            return found
        if kind == "object":
            return self._object(node)
        return None

    def _object(self, node: Node) -> _Symbol:
        """The symbol of an object literal: each property's value's symbol, nested
        objects included (walked with a stack)."""
        top = _Symbol()
        stack = [(node, top)]
        while stack:
            literal, symbol = stack.pop()
            for prop in literal.named_children:
                if prop.type == "pair":
                    key = estree_key(prop.child_by_field_name("key"))
                    value = prop.child_by_field_name("value")
                    if value is None:
                        continue
                    value = unparen(value)
                    if value.type == "object":
                        nested = _Symbol()
                        symbol.props[key] = nested
                        stack.append((value, nested))
                        continue
                    found = None if value.type in ASSIGNMENTS else self._value(value)
                elif prop.type == "method_definition":
                    key = estree_key(member_key(prop))
                    found = _standing_for(prop)
                elif prop.type == "shorthand_property_identifier":
                    key = text(prop)
                    found = self.globals.props.get(key)
                else:
                    continue
                if found is not None:
                    symbol.props[key] = found
        return top

    def _class_body(self, node: Node) -> _Symbol:
        """The symbol of a class body: each keyed member's value (a method, a field's
        initial value)."""
        symbol = _Symbol(value=node)
        body = node.child_by_field_name("body")
        for member in body.named_children if body is not None else ():
            if member.type in CLASS_METHODS or member.type == "abstract_method_signature":
                symbol.props[estree_key(member_key(member))] = _Symbol(value=member)
            elif member.type in FIELDS:
                value = member.child_by_field_name("value")
                held = unparen(value) if value is not None else None
                symbol.props[estree_key(member_key(member))] = _Symbol(value=held)
        return symbol


def _values(start: _Symbol | None) -> set[int]:
    """Return the nodes the object symbols reachable from ``start`` stand for."""
    found: set[int] = set()
    seen: set[int] = set()
    stack = [start]
    while stack:
        symbol = stack.pop()
        if symbol is None or id(symbol) in seen:
            continue
        seen.add(id(symbol))
        if symbol.is_object and symbol.value is not None:
            found.add(symbol.value.id)
        stack.extend(symbol.props.values())
    return found


def _methods_within(node: Node) -> set[int]:
    """Return the class methods the plugin's ``findNode`` reaches from an exported node
    by following ``body`` properties (a function's statements, a class's members, loop,
    label and namespace bodies)."""
    found: set[int] = set()
    stack: list[tuple[Node, bool]] = [(node, True)]
    seen: set[int] = set()
    while stack:
        current, as_value = stack.pop()
        if current.id in seen:
            continue
        seen.add(current.id)
        kind = current.type
        if kind in CLASS_METHODS and not as_value:
            if current.parent is not None and current.parent.type == "class_body":
                found.add(current.id)
            continue
        if kind in _LISTS:
            holder = current.child_by_field_name("body") if kind == "class_static_block" else None
            items = (holder or current).named_children
            stack.extend((c, False) for c in items if c.type not in ("comment", "decorator"))
            continue
        holds = kind in _FUNCTIONS | CLASS_DECLARATIONS | _LOOPS | {"class", "method_definition"}
        body = current.child_by_field_name("body") if holds else None
        if body is None:
            continue
        if body.type in _LISTS:
            stack.append((body, False))
        else:
            stack.extend((c, False) for c in body.named_children if c.type != "comment")
    return found
