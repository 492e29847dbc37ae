"""What the route readers know of one JavaScript or TypeScript file: its module path, the
names its top-level statements import, export and bind (string constants, functions,
objects, classes), and the doc verdicts the census gave its functions.

Keys name a router or handler the same way in every file (see ``analysers.routes``):
``js:<module>#<name>``, where a file's module is its path without the extension and
without a trailing ``/index``, and a relative specifier (``./users``, ``../x/index.js``)
is resolved against the importing file's folder; a ``@/`` or ``~/`` alias is kept as
written (the join matches it by suffix). A name is the export name: ``default`` for
``export default`` and ``module.exports =``, the name of a named export or of
``exports.name =``; a member of a default export (an object's, a class's) is named by
itself, one of a named export ``name.member``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from posixpath import dirname, normpath
from posixpath import join as path_join

from tree_sitter import Node

from docaudit.analysers.javascript.comments import Comments, verdict
from docaudit.analysers.javascript.syntax import (
    FUNCTION_DECLARATIONS,
    FUNCTION_EXPRESSIONS,
    is_default_export,
    key_name,
    member_key,
    outer,
)
from docaudit.analysers.routes import DYNAMIC
from docaudit.analysers.treesitter import text
from docaudit.model.symbols import MISSING, Definition

FUNCTION_VALUES = FUNCTION_EXPRESSIONS | {"arrow_function"}
FUNCTION_NODES = FUNCTION_DECLARATIONS | FUNCTION_VALUES | {"method_definition"}
CLASSES = frozenset({"class_declaration", "abstract_class_declaration", "class"})
WRAPPERS = frozenset(
    {
        "parenthesized_expression",
        "await_expression",
        "as_expression",
        "satisfies_expression",
        "non_null_expression",
        "type_assertion",
    }
)
_EXTENSIONS = (".d.ts", ".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs")
_STATEMENTS = frozenset(
    {
        "expression_statement",
        "lexical_declaration",
        "variable_declaration",
        "export_statement",
        "return_statement",
        "function_declaration",
        "class_declaration",
        "program",
    }
)
_FIRST_PARAMETERS = frozenset({"req", "request", "ctx", "c", "context"})
_LATER_PARAMETERS = frozenset({"res", "response", "reply", "next", "h"})
"""A handler's parameters: Express's ``(req, res, next)``, Fastify's ``(request, reply)``,
Koa's ``(ctx, next)``, Hono's ``(c)``, Next.js's ``(request)`` (a leading ``_`` aside)."""


@dataclass(frozen=True, slots=True)
class Imported:
    """A name a file imports from one of its own modules (``path``): the export ``name``,
    or ``None`` for the module itself (a default or namespace import, a ``require``)."""

    path: str
    name: str | None


def module_path(path: str) -> str:
    """Return the module a file path is: no extension, no trailing ``/index``."""
    for extension in _EXTENSIONS:
        if path.endswith(extension):
            path = path[: -len(extension)]
            break
    return "" if path == "index" else path.removesuffix("/index")


def key(module: str, name: str) -> str:
    """Return the key of ``name`` in ``module``."""
    return f"js:{module}#{name}"


def unwrap(node: Node) -> Node:
    """Return the expression inside parentheses, ``await`` and TypeScript casts."""
    while node.type in WRAPPERS:
        inner = [c for c in node.named_children if c.type != "comment"]
        if not inner:
            break
        node = inner[-1] if node.type == "type_assertion" else inner[0]
    return node


def arguments_of(call: Node) -> list[Node]:
    """Return a call's (or ``new``'s, or a decorator call's) arguments, comments aside."""
    found = call.child_by_field_name("arguments")
    return [c for c in found.named_children if c.type != "comment"] if found is not None else []


def string_of(node: Node | None) -> str | None:
    """Return a string literal's (or a template's without substitutions) text."""
    if node is None or node.type not in ("string", "template_string"):
        return None
    value = text(node)[1:-1]
    if "\\" in value or (node.type == "template_string" and "${" in value):
        return None
    return value


def parameter_names(function: Node) -> list[str]:
    """Return a function's parameter names (``""`` for a pattern)."""
    single = function.child_by_field_name("parameter")
    if single is not None:
        return [text(single)]
    parameters = function.child_by_field_name("parameters")
    names = []
    for parameter in parameters.named_children if parameters is not None else ():
        if parameter.type == "comment":
            continue
        pattern = parameter.child_by_field_name("pattern") or parameter
        if pattern.type == "assignment_pattern":
            pattern = pattern.child_by_field_name("left") or pattern
        names.append(text(pattern) if pattern.type == "identifier" else "")
    return names


def handler_like(function: Node) -> bool:
    """Tell whether a function's parameters are a handler's (``_FIRST_PARAMETERS``)."""
    names = [name.removeprefix("_") for name in parameter_names(function)]
    return (
        1 <= len(names) <= 3
        and names[0] in _FIRST_PARAMETERS
        and all(name in _LATER_PARAMETERS for name in names[1:])
    )


def exports_target(left: Node) -> str | None:
    """Return the export an assignment's left side is: ``default`` for
    ``module.exports``, ``x`` for ``exports.x`` and ``module.exports.x``."""
    written = text(left)
    if written == "module.exports":
        return "default"
    for head in ("module.exports.", "exports."):
        if written.startswith(head) and written[len(head) :].isidentifier():
            return written[len(head) :]
    return None


class Scope:
    """One file's module path, imports, exports, constants and named values."""

    def __init__(
        self, root: Node, path: str, comments: Comments, definitions: tuple[Definition, ...]
    ) -> None:
        """Read the file's top-level statements and index the census's doc verdicts."""
        self.path = path
        self.module = module_path(path)
        self.comments = comments
        self._statements: list[Node] = []
        """The import statements, read only when imports are asked for."""
        self._imported: list[tuple[str, str, str | None]] = []
        self.exports: dict[str, str] = {}
        self.constants: dict[str, str] = {}
        self.values: dict[str, Node] = {}
        """Top-level functions, classes and values by name (as declared)."""
        self.definitions = definitions
        for statement in root.named_children:
            self._read(statement)

    @cached_property
    def docs(self) -> dict[tuple[int, int], str]:
        """The census's doc verdicts, by a definition's line and last line."""
        found = {}
        stack = list(self.definitions)
        while stack:
            definition = stack.pop()
            found[definition.line, definition.span[1]] = definition.doc
            stack.extend(definition.children)
        return found

    def _read(self, statement: Node) -> None:
        """Read one top-level statement."""
        if statement.type == "import_statement":
            self._statements.append(statement)
            return
        if statement.type == "export_statement":
            statement = self._export(statement)
        if statement.type in ("lexical_declaration", "variable_declaration"):
            constant = any(not c.is_named and c.type == "const" for c in statement.children)
            for declarator in statement.named_children:
                if declarator.type == "variable_declarator":
                    self._declarator(declarator, constant)
        elif statement.type in FUNCTION_DECLARATIONS | CLASSES:
            name = statement.child_by_field_name("name")
            if name is not None:
                self.values.setdefault(text(name), statement)
        elif statement.type == "expression_statement":
            assignment = statement.named_children[0] if statement.named_children else None
            if assignment is not None and assignment.type == "assignment_expression":
                self._exported_by_assignment(assignment)

    def _import(self, statement: Node) -> None:
        """Read ``import d, { a as b } from "x"``, ``import * as n``, ``import x = require``."""
        source = statement.child_by_field_name("source")
        clause = next((c for c in statement.named_children if c.type == "import_clause"), None)
        required = next(
            (c for c in statement.named_children if c.type == "import_require_clause"), None
        )
        if required is not None:
            source = required.child_by_field_name("source")
            name = next((c for c in required.named_children if c.type == "identifier"), None)
            if name is not None:
                self._bind_import(text(name), string_of(source), None)
            return
        specifier = string_of(source)
        for item in clause.named_children if clause is not None else ():
            if item.type == "identifier":
                self._bind_import(text(item), specifier, None)
            elif item.type == "namespace_import":
                for name in item.named_children:
                    self._bind_import(text(name), specifier, None)
            elif item.type == "named_imports":
                for imported in item.named_children:
                    if imported.type != "import_specifier":
                        continue
                    name = imported.child_by_field_name("name")
                    alias = imported.child_by_field_name("alias") or name
                    exported = key_name(name)
                    self._bind_import(
                        text(alias), specifier, None if exported == "default" else exported
                    )

    def _bind_import(self, local: str, specifier: str | None, name: str | None) -> None:
        """Bind ``local`` to the export ``name`` of what ``specifier`` names."""
        if specifier is not None:
            self._imported.append((local, specifier, name))

    @cached_property
    def imports(self) -> dict[str, Imported]:
        """The names the file imports from modules of the repository (resolved only
        when asked: a file of handlers needs none)."""
        found = {}
        for local, specifier, name in self._all_imported:
            module = self.specified(specifier)
            if module is not None:
                found[local] = Imported(module, name)
        return found

    @cached_property
    def packages(self) -> dict[str, tuple[str, str | None]]:
        """The names the file imports from packages: the package, the export (``None``:
        the package itself)."""
        return {
            local: (specifier, name)
            for local, specifier, name in self._all_imported
            if self.specified(specifier) is None
        }

    @cached_property
    def _all_imported(self) -> list[tuple[str, str, str | None]]:
        """Every name imported or required: local name, specifier, export."""
        for statement in self._statements:
            self._import(statement)
        return self._imported

    def specified(self, specifier: str) -> str | None:
        """Return the module a specifier names (``None`` for a package's)."""
        if specifier.startswith(("./", "../")) or specifier in (".", ".."):
            return module_path(normpath(path_join(dirname(self.path), specifier)))
        if specifier.startswith(("@/", "~/")):
            return module_path(specifier)
        return None

    def required(self, node: Node) -> str | None:
        """Return the specifier of ``require("x")`` or ``import("x")``, else ``None``."""
        node = unwrap(node)
        if node.type != "call_expression":
            return None
        function = node.child_by_field_name("function")
        if function is None or text(function) not in ("require", "import"):
            return None
        found = arguments_of(node)
        return string_of(found[0]) if len(found) == 1 else None

    def _export(self, statement: Node) -> Node:
        """Record what an ``export`` statement exports; return what it declares."""
        default = is_default_export(statement)
        declaration = statement.child_by_field_name("declaration")
        value = statement.child_by_field_name("value")
        if declaration is not None:
            if declaration.type in ("lexical_declaration", "variable_declaration"):
                for declarator in declaration.named_children:
                    name = declarator.child_by_field_name("name")
                    if declarator.type == "variable_declarator" and name is not None:
                        self.exports[text(name)] = text(name)
            else:
                name = declaration.child_by_field_name("name")
                if name is not None:
                    self.exports[text(name)] = "default" if default else text(name)
            return declaration
        if value is not None and unwrap(value).type == "identifier":
            self.exports[text(unwrap(value))] = "default"
        elif value is not None and unwrap(value).type in FUNCTION_DECLARATIONS | CLASSES:
            name = unwrap(value).child_by_field_name("name")
            if name is not None:
                self.exports[text(name)] = "default"
                return unwrap(value)
        clause = next((c for c in statement.named_children if c.type == "export_clause"), None)
        if clause is not None and statement.child_by_field_name("source") is None:
            for specifier in clause.named_children:
                name = specifier.child_by_field_name("name")
                alias = specifier.child_by_field_name("alias") or name
                if name is not None:
                    self.exports[text(name)] = key_name(alias)
        return statement

    def _declarator(self, declarator: Node, constant: bool) -> None:
        """Read ``const x = require("./x")``, ``const { a } = require(...)``, a string
        constant, or a named value."""
        name = declarator.child_by_field_name("name")
        value = declarator.child_by_field_name("value")
        if name is None or value is None:
            return
        value = unwrap(value)
        member = None
        if value.type == "member_expression":
            member = value.child_by_field_name("property")
            object_ = value.child_by_field_name("object")
            specifier = self.required(object_) if object_ is not None else None
        else:
            specifier = self.required(value)
        if specifier is not None:
            if name.type == "identifier":
                self._bind_import(text(name), specifier, text(member) if member else None)
            elif name.type == "object_pattern" and member is None:
                self._destructured(name, specifier)
            return
        if name.type != "identifier":
            return
        literal = string_of(value)
        if constant and literal is not None:
            self.constants.setdefault(text(name), literal)
        self.values.setdefault(text(name), value)

    def _destructured(self, pattern: Node, specifier: str) -> None:
        """Bind ``const { a, b: c } = require("x")``'s names."""
        for item in pattern.named_children:
            if item.type == "shorthand_property_identifier_pattern":
                self._bind_import(text(item), specifier, text(item))
            elif item.type == "pair_pattern":
                exported = item.child_by_field_name("key")
                local = item.child_by_field_name("value")
                if exported is not None and local is not None and local.type == "identifier":
                    self._bind_import(text(local), specifier, key_name(exported))

    def _exported_by_assignment(self, assignment: Node) -> None:
        """Record ``module.exports = x``, ``module.exports = { a, b: c }``, ``exports.y = x``."""
        left = assignment.child_by_field_name("left")
        right = assignment.child_by_field_name("right")
        target = exports_target(left) if left is not None else None
        if target is None or right is None:
            return
        right = unwrap(right)
        if right.type == "identifier":
            self.exports.setdefault(text(right), target)
        elif right.type == "object" and target == "default":
            for item in right.named_children:
                if item.type == "shorthand_property_identifier":
                    self.exports.setdefault(text(item), text(item))
                elif item.type == "pair":
                    value = item.child_by_field_name("value")
                    if value is not None and value.type == "identifier":
                        self.exports.setdefault(text(value), key_name(member_key(item)))

    # ------------------------------------------------------------------ values

    def literal(self, node: Node | None) -> str:
        """Return a path as written: a string, a template (its substitutions of the
        file's string constants filled in), a constant, a ``+`` of those; what is not
        known statically is ``<dynamic>``."""
        if node is None:
            return DYNAMIC
        node = unwrap(node)
        found = string_of(node)
        if found is not None:
            return found
        if node.type == "identifier":
            return self.constants.get(text(node), DYNAMIC)
        if node.type == "template_string":
            parts = []
            for part in node.named_children:
                if part.type == "string_fragment":
                    parts.append(text(part))
                elif part.type == "template_substitution":
                    inner = [c for c in part.named_children if c.type != "comment"]
                    known = len(inner) == 1 and inner[0].type == "identifier"
                    parts.append(self.constants.get(text(inner[0]), DYNAMIC) if known else DYNAMIC)
                else:
                    parts.append(DYNAMIC)
            return "".join(parts)
        if node.type == "binary_expression" and text(node.child_by_field_name("operator")) == "+":
            pieces = [node.child_by_field_name("left"), node.child_by_field_name("right")]
            return "".join(self.literal(piece) for piece in pieces)
        return DYNAMIC

    def literals(self, node: Node | None) -> list[str]:
        """Return the paths of an argument: each of an array's, or the one."""
        if node is not None and unwrap(node).type == "array":
            items = [c for c in unwrap(node).named_children if c.type != "comment"]
            return [self.literal(item) for item in items]
        return [self.literal(node)]

    def property(self, node: Node | None, name: str) -> Node | None:
        """Return the value of an object literal's property ``name``."""
        if node is None or unwrap(node).type != "object":
            return None
        for item in unwrap(node).named_children:
            if item.type == "pair" and key_name(item.child_by_field_name("key")) == name:
                return item.child_by_field_name("value")
        return None

    def exported(self, name: str) -> str:
        """Return the name a top-level name is exported as (itself when it is not)."""
        return self.exports.get(name, name)

    def function_name(self, function: Node) -> str:
        """Return the name a function is known by to other files: its export name, the
        name it is bound to (through wrappers such as ``fp(fn)``), or ``@line``."""
        if function.type in FUNCTION_DECLARATIONS | {"method_definition"}:
            name = function.child_by_field_name("name")
            if function.type == "method_definition":
                body = function.parent
                owner = body.parent if body is not None else None
                named = owner.child_by_field_name("name") if owner is not None else None
                return ".".join(filter(None, (text(named), key_name(member_key(function)))))
            if is_default_export(function.parent) or name is None:
                return "default"
            return self.exported(text(name))
        child, holder = outer(function)
        while holder is not None and holder.type == "arguments":
            call = holder.parent
            if call is None or call.type != "call_expression":
                break
            callee = call.child_by_field_name("function")
            if callee is not None and callee.type == "member_expression":
                break  # fastify.register(fn), app.use(fn): not a wrapper
            child, holder = outer(call)
        return self.holder_name(child, holder) or f"@{function.start_point.row + 1}"

    def holder_name(self, child: Node, holder: Node | None) -> str | None:
        """Return the name a value is bound to by what holds it, if any."""
        if holder is None:
            return None
        if holder.type == "variable_declarator":
            name = holder.child_by_field_name("name")
            if name is None or name.type != "identifier":
                return None
            top = holder.parent is not None and holder.parent.parent is not None
            top = top and holder.parent.parent.type in ("program", "export_statement")
            return self.exported(text(name)) if top else text(name)
        if is_default_export(holder):
            return "default"
        if holder.type == "assignment_expression":
            left = holder.child_by_field_name("left")
            target = exports_target(left) if left is not None else None
            return target or (self.exported(text(left)) if left is not None else None)
        if holder.type == "pair":
            return key_name(holder.child_by_field_name("key"))
        return None

    # ---------------------------------------------------------------- handlers

    def function_doc(self, function: Node, name: str) -> tuple[int, str]:
        """Return a function's line and doc verdict: the census's, where it counts the
        function, else the verdict on a JSDoc block before its statement."""
        report = function
        if function.type == "method_definition":
            report = (
                function.child_by_field_name("type_parameters")
                or function.child_by_field_name("parameters")
                or function
            )
        line = report.start_point.row + 1
        doc = self.docs.get((line, function.end_point.row + 1))
        if doc is not None:
            return line, doc
        return function.start_point.row + 1, self.statement_doc(function, name)

    def statement_doc(self, node: Node, name: str) -> str:
        """Return the verdict on the JSDoc block before the statement holding ``node``
        (an exported one's ``export``)."""
        statement = node
        while statement.parent is not None and statement.type not in _STATEMENTS:
            statement = statement.parent
        if statement.parent is not None and statement.parent.type == "export_statement":
            statement = statement.parent
        comment = self.comments.jsdoc(statement.start_byte, statement.start_point.row)
        return verdict(comment, name)

    def function_value(self, node: Node | None) -> Node | None:
        """Return the function a value is, through wrappers (``asyncHandler(fn)``,
        ``fn.bind(this)``) and one-element lists."""
        for _ in range(8):
            if node is None:
                return None
            node = unwrap(node)
            if node.type in FUNCTION_NODES:
                return node
            if node.type == "array":
                items = [c for c in node.named_children if c.type != "comment"]
                node = items[-1] if items else None
            elif node.type == "call_expression":
                callee = node.child_by_field_name("function")
                found = arguments_of(node)
                if callee is not None and callee.type == "member_expression":
                    if text(callee.child_by_field_name("property")) != "bind":
                        return node
                    node = callee.child_by_field_name("object")
                elif len(found) == 1 and self.required(node) is None:
                    node = found[0]
                else:
                    return node
            else:
                return node
        return None

    def handler(self, node: Node | None, registration: Node) -> tuple[int, str, str]:
        """Return the handler a registration names: its line and doc verdict when this
        file defines it (an inline function is documented by a JSDoc block before the
        registration's statement), else the key of the file that defines it
        (``Route.handler_ref``: a name not found anywhere is its key in this file)."""
        found = self.function_value(node)
        if found is not None and found.type in FUNCTION_NODES:
            return (*self.function_doc(found, ""), "")
        if found is None or found.type not in ("identifier", "member_expression"):
            return 0, self.statement_doc(registration, ""), ""
        path: list[str] = []
        root = found
        while root.type == "member_expression":
            path.insert(0, text(root.child_by_field_name("property")))
            root = unwrap(root.child_by_field_name("object") or root)
        name = text(root)
        function = None
        if root.type == "this" and len(path) == 1:
            function = dict(self.members(_class_around(root) or root)).get(path[0])
        elif root.type == "identifier":
            value = self.local(name, root)
            if value is not None and path:
                function = dict(self.members(value)).get(".".join(path))
            elif value is not None:
                function = value
        function = self.function_value(function)
        if function is not None and function.type in FUNCTION_NODES:
            return (*self.function_doc(function, path[-1] if path else name), "")
        return 0, MISSING, self.import_key(name, path) or key(self.module, text(found))

    def import_key(self, name: str, path: list[str]) -> str | None:
        """Return the key of ``name.path...`` when ``name`` is imported from one of the
        repository's modules (a module's member by its name, a named import's as
        ``name.member``)."""
        imported = self.imports.get(name)
        if imported is None:
            return None
        names = path if imported.name is None else [imported.name, *path]
        return key(imported.path, ".".join(names) or "default")

    def local(self, name: str, at: Node) -> Node | None:
        """Return the function or value ``name`` is declared as, in a function around
        ``at`` or at the top level."""
        scope = at.parent
        while scope is not None:
            if scope.type == "statement_block":
                for statement in scope.named_children:
                    found = _declared(statement, name)
                    if found is not None:
                        return found
            scope = scope.parent
        return self.values.get(name)

    def members(self, value: Node) -> Iterator[tuple[str, Node]]:
        """Yield the functions an object literal or a class (or ``new`` of a top-level
        class) holds, by member name."""
        value = unwrap(value)
        if value.type == "new_expression":
            constructor = value.child_by_field_name("constructor")
            found = self.values.get(text(constructor)) if constructor is not None else None
            if found is None:
                return
            value = found
        if value.type in CLASSES:
            body = value.child_by_field_name("body")
            for member in body.named_children if body is not None else ():
                held = member
                if member.type in ("public_field_definition", "field_definition"):
                    held = member.child_by_field_name("value")
                if held is not None and held.type in FUNCTION_NODES:
                    yield key_name(member_key(member)), held
        elif value.type == "object":
            for item in value.named_children:
                if item.type == "method_definition":
                    yield key_name(member_key(item)), item
                elif item.type == "pair":
                    yield key_name(member_key(item)), item.child_by_field_name("value") or item
                elif item.type == "shorthand_property_identifier":
                    found = self.values.get(text(item))
                    if found is not None:
                        yield text(item), found


def _class_around(node: Node) -> Node | None:
    """Return the class a node is inside of."""
    parent = node.parent
    while parent is not None and parent.type not in CLASSES:
        parent = parent.parent
    return parent


def _declared(statement: Node, name: str) -> Node | None:
    """Return what ``statement`` declares ``name`` as: a function, or a variable's value."""
    if statement.type in FUNCTION_DECLARATIONS:
        declared = statement.child_by_field_name("name")
        return statement if declared is not None and text(declared) == name else None
    if statement.type in ("lexical_declaration", "variable_declaration"):
        for declarator in statement.named_children:
            declared = declarator.child_by_field_name("name")
            if declared is not None and text(declared) == name:
                return declarator.child_by_field_name("value")
    return None
