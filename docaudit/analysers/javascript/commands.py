"""The command-line interface a JavaScript or TypeScript file builds with commander or
yargs, read into ``CommandFacts`` (see ``analysers.commands``, which joins every file's).

A command is keyed ``js:<module>#<name>``: the module is the file's path without its
extension (and without a trailing ``/index``), a relative import (``./cmds/serve``) is
resolved against the importing file's folder; the name is what holds the command: the
variable it is bound to (its export name: ``default`` for ``export default`` and
``module.exports``), the function that returns it, or, for one nothing holds, its
parent's name and its own (``program serve``).

- commander: ``new Command("x")``, ``createCommand("x")`` and the ``program`` it exports
  (``require("commander")`` itself, in its older versions); ``.name()``,
  ``.description()`` (the help; ``.summary()`` alone is not), ``.command("serve
  <port>")`` (a new subcommand, ``{ hidden: true }`` hides it; given a description as
  second argument it is an executable subcommand, and the chain stays on the parent),
  ``.addCommand(cmd)``, ``.option()``/``.requiredOption()`` (flags, description),
  ``.addOption(new Option(...))`` (``.hideHelp()`` hides it), ``.argument()``,
  ``.arguments()``, ``.addArgument()``, the arguments of ``.command()``'s string,
  ``.description(text, { arg: "help" })``, and ``.version()`` (a ``--version`` whose
  help commander writes). ``--help`` is not a symbol.
- yargs: ``yargs(hideBin(process.argv))``, ``require("yargs")`` and the instance it is;
  ``.scriptName()``, ``.usage(text)`` (the root's help: what is left without its
  ``$0`` lines) or ``.usage(cmd, description, builder)``; ``.command(cmd, description,
  builder, handler)`` (a description ``false`` hides it; ``$0`` is the default command:
  its options are the parent's), ``.command(module)`` with a command module object
  (``{ command, describe, builder, handler }``) in the file or imported from another
  (``require("./cmds/serve")``; a file that exports ``command``, ``describe``,
  ``builder`` is one, keyed ``default``); a builder object of options or a function
  whose parameter is the subcommand's yargs; ``.option()``/``.options()``,
  ``.positional()``, ``.describe()``, ``.alias()``, ``.hide()``, ``.boolean()``...,
  with ``describe``/``description``/``desc``, ``alias``, ``hidden`` in an option's
  object. ``.commandDir()`` is not followed.
- A command passed to a function of the same file (``addOptions(cmd)``) is that
  function's parameter there.

A help that is not a literal (a constant, a call such as ``chalk.gray(t("x"))``) counts
as written, as for Python's CLIs.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from posixpath import basename, dirname, normpath
from posixpath import join as path_join

from tree_sitter import Node

from docaudit.analysers import treesitter
from docaudit.analysers.commands import Attach, Command, CommandFacts, Option
from docaudit.analysers.javascript.routescope import WRAPPERS, module_path, unwrap
from docaudit.analysers.javascript.routescope import key as js_key
from docaudit.analysers.javascript.syntax import key_name
from docaudit.analysers.python.docstrings import classify
from docaudit.analysers.treesitter import text
from docaudit.model.symbols import MISSING, OK

COMMANDER = frozenset({"commander", "@commander-js/extra-typings"})
YARGS = frozenset({"yargs", "yargs/yargs"})
_QUERY = """
(call_expression) @node
(new_expression) @node
(variable_declarator) @node
(assignment_expression) @node
(pair key: (property_identifier) @_key (#eq? @_key "command")) @module
(return_statement) @return
(arrow_function body: (_)) @arrow
"""
_FUNCTIONS = frozenset(
    {
        "function_declaration",
        "generator_function_declaration",
        "function_expression",
        "generator_function",
        "arrow_function",
        "method_definition",
    }
)
_COMMANDER_CHAIN = frozenset(
    {
        "name",
        "description",
        "summary",
        "option",
        "requiredOption",
        "addOption",
        "argument",
        "arguments",
        "addArgument",
        "action",
        "alias",
        "aliases",
        "usage",
        "version",
        "helpOption",
        "addHelpOption",
        "helpCommand",
        "addHelpCommand",
        "addCommand",
        "addHelpText",
        "hook",
        "on",
        "allowUnknownOption",
        "allowExcessArguments",
        "enablePositionalOptions",
        "passThroughOptions",
        "showHelpAfterError",
        "showSuggestionAfterError",
        "configureHelp",
        "configureOutput",
        "exitOverride",
        "executableDir",
        "storeOptionsAsProperties",
        "combineFlagAndOptionalValue",
        "copyInheritedSettings",
        "parse",
    }
)
"""commander's methods that return the command they are called on."""
_YARGS_END = frozenset({"parse", "parseSync", "parseAsync", "terminalWidth"})
"""yargs's methods that end a chain (as do its ``get...`` ones): the others return it."""
_YARGS_TYPES = frozenset({"boolean", "string", "number", "array", "count"})
_SPEC_ENDS = frozenset({"parseArg", "attributeName", "name", "is", "isBoolean"})
"""An ``Option``'s or ``Argument``'s methods that do not return it."""
_DESCRIBE = ("describe", "description", "desc")
_CLASSES = ("Command", "Option", "Argument")
_MAX_DEPTH = 64
"""How deep evaluations may nest (a command in an argument of a call in one...)."""
_WORD = re.compile(r"[<\[]([^<>\[\]|.]+)")


@dataclass(eq=False)
class _Cmd:
    """A command this file builds: its key, line, library, name, help, hidden."""

    key: str
    line: int
    library: str
    name: str | None = None
    help: Node | str | None = None
    hidden: bool = False
    default: bool = False
    """A yargs command module for ``$0``, the default command."""
    used: bool = True
    """Whether it is built here: a library's own instance (``program``) is when a
    method that builds it is called (not ``program.opts()`` alone)."""
    options: dict[str, _Opt] = field(default_factory=dict)


@dataclass(eq=False)
class _Opt:
    """An option (``names`` as written, without dashes) or positional argument."""

    line: int
    names: list[str]
    positional: bool
    help: Node | str | None = None
    hidden: bool = False

    def display(self) -> str:
        """Return ``<name>``, ``--long`` when it has a long name, else ``-s``."""
        if self.positional:
            return f"<{self.names[0]}>"
        long = next((name for name in self.names if len(name) > 1), None)
        return f"--{long}" if long is not None else f"-{self.names[0]}"


@dataclass(frozen=True, slots=True)
class _Ref:
    """A command another file (or a function) holds, by its key."""

    key: str


_Value = _Cmd | _Opt | _Ref
_SHADOWED = _Ref("")
"""What a name is where a parameter of an enclosing function hides it."""


def command_reader(
    grammar: Callable[[], object], root: Node, data: bytes, path: str
) -> CommandFacts:
    """Return the CLI one file builds (nothing, at the cost of a few ``in`` tests, when
    it names neither library nor holds a command module)."""
    modules = b"command" in data and (b"handler" in data or b"builder" in data)
    if b"commander" not in data and b"yargs" not in data and not modules:
        return CommandFacts()
    return _Reader(grammar, root, path).facts()


def _arguments(call: Node) -> list[Node]:
    """Return a call's (or ``new``'s) arguments, comments aside, unwrapped."""
    found = call.child_by_field_name("arguments")
    items = found.named_children if found is not None else []
    return [unwrap(c) for c in items if c.type != "comment"]


def _string(node: Node | None) -> str | None:
    """Return a string literal's (or a template's without substitutions) text."""
    if node is None or node.type not in ("string", "template_string"):
        return None
    value = text(node)[1:-1]
    return None if node.type == "template_string" and "${" in value else value


def _strings(node: Node | None) -> list[str]:
    """Return a string's text, or each string of an array."""
    if node is not None and node.type == "array":
        return [s for c in node.named_children if (s := _string(unwrap(c))) is not None]
    found = _string(node)
    return [] if found is None else [found]


def _pairs(node: Node | None) -> Iterator[tuple[str, Node, Node]]:
    """Yield an object literal's properties: name, value and the property node (a
    shorthand ``{ x }`` and a method ``builder(y) {}`` are their own values)."""
    for item in node.named_children if node is not None and node.type == "object" else ():
        if item.type == "method_definition":
            yield key_name(item.child_by_field_name("name")), item, item
        elif item.type == "pair":
            value = item.child_by_field_name("value")
            if value is not None:
                yield key_name(item.child_by_field_name("key")), unwrap(value), item
        elif item.type == "shorthand_property_identifier":
            yield text(item), item, item


def _is_true(node: Node | None) -> bool:
    """Tell whether an option's value is ``true``."""
    return node is not None and node.type == "true"


def _verdict(help: Node | str | None, name: str) -> str:
    """Return a help's verdict: missing, a literal's (``classify``), or written."""
    if help is None:
        return MISSING
    if isinstance(help, str):
        return classify(help, name)
    literal = _string(help)
    return OK if literal is None else classify(literal, name)


def _words(spec: str) -> tuple[str, list[str]]:
    """Return a command string's name and its arguments' (``serve <port> [host...]``)."""
    name, _, rest = spec.strip().partition(" ")
    return name, _arguments_in(rest)


def _arguments_in(spec: str) -> list[str]:
    """Return the names of the arguments a string writes: ``<port> [host...]``."""
    return [m.group(1).strip() for m in _WORD.finditer(spec)]


def _flags(spec: str) -> list[str]:
    """Return the names in commander's flags (``-p, --port <n>``), without dashes."""
    words = [w for w in re.split(r"[\s,|]+", spec) if w and w[0] not in "<["]
    dashed = [w.lstrip("-") for w in words if w.startswith("-")]
    return dashed or words[:1]


def _enclosing_function(node: Node) -> Node | None:
    """Return the function ``node`` is in, or ``None`` at the top level."""
    parent = node.parent
    while parent is not None and parent.type not in _FUNCTIONS:
        parent = parent.parent
    return parent


def _parameters(function: Node) -> list[str]:
    """Return a function's parameter names (``""`` for a pattern; TypeScript's
    ``this`` parameter left out)."""
    single = function.child_by_field_name("parameter")
    if single is not None:
        return [text(single)]
    parameters = function.child_by_field_name("parameters")
    names = []
    for parameter in parameters.named_children if parameters is not None else ():
        pattern = parameter.child_by_field_name("pattern") or parameter
        if pattern.type == "assignment_pattern":
            pattern = pattern.child_by_field_name("left") or pattern
        if pattern.type == "this" or parameter.type == "comment":
            continue
        names.append(text(pattern) if pattern.type == "identifier" else "")
    return names


class _Reader:
    """Reads one file's commands: its imports and exports first, then every call,
    ``new``, binding and command module in source order, each chain from its start."""

    def __init__(self, grammar: Callable[[], object], root: Node, path: str) -> None:
        """Read the file's top-level statements."""
        self.path = path
        self.module = module_path(path)
        self.default_name = basename(self.module) or "index"
        found = treesitter.captures(grammar, _QUERY, root)
        self.nodes = sorted(
            found.get("node", []) + [p.parent for p in found.get("module", []) if p.parent],
            key=lambda n: (n.start_byte, -n.end_byte),
        )
        self.returned: dict[int, set[str]] = {}
        """The names each function returns (or returns a chain of calls on)."""
        returns = [
            (
                _enclosing_function(s),
                next((c for c in s.named_children if c.type != "comment"), None),
            )
            for s in found.get("return", [])
        ]
        for function in found.get("arrow", []):
            returns.append((function, function.child_by_field_name("body")))
        for function, value in returns:
            base = _chain_base(value) if value is not None else None
            if function is not None and base is not None and base.type == "identifier":
                self.returned.setdefault(function.id, set()).add(text(base))
        self.commands: dict[str, _Cmd] = {}
        self.attachments: list[Attach] = []
        self.memo: dict[int, tuple[int, _Value | None]] = {}
        """What each expression read evaluates to, by node, with where it starts."""
        self.created: dict[int, _Cmd] = {}
        self.bindings: dict[tuple[int, str], _Value] = {}
        self.bound: set[tuple[int, str, str]] = set()
        self.starts = [n.start_byte for n in self.nodes]
        self.depth = 0
        """How deep evaluations nest (commands passed in arguments of calls)."""
        self.imports: dict[str, tuple[str, str | None]] = {}
        self.exports: dict[str, str] = {}
        self.values: dict[str, Node] = {}
        self.functions: dict[str, Node] = {}
        self.names: dict[str, set[str]] = {
            kind: set() for kind in ("program", "namespace", *_CLASSES, "create", "yargs")
        }
        self.file_module: dict[str, Node] = {}
        for statement in root.named_children:
            self._top(statement)

    # ------------------------------------------------------------ top level

    def _top(self, statement: Node) -> None:
        """Read one top-level statement: imports, exports, values, functions."""
        if statement.type == "import_statement":
            self._import(statement)
            return
        if statement.type == "export_statement":
            statement = self._export(statement)
        if statement.type in ("lexical_declaration", "variable_declaration"):
            for declarator in statement.named_children:
                name = declarator.child_by_field_name("name")
                value = declarator.child_by_field_name("value")
                if declarator.type != "variable_declarator" or name is None or value is None:
                    continue
                self._declared(name, unwrap(value))
        elif statement.type in ("function_declaration", "generator_function_declaration"):
            name = statement.child_by_field_name("name")
            if name is not None:
                self.functions[text(name)] = statement
        elif statement.type == "expression_statement" and statement.named_children:
            assignment = unwrap(statement.named_children[0])
            if assignment.type == "assignment_expression":
                self._assigned(assignment)

    def _import(self, statement: Node) -> None:
        """Read ``import d, { a as b } from "x"`` and ``import * as n from "x"``."""
        specifier = _string(statement.child_by_field_name("source"))
        clause = next((c for c in statement.named_children if c.type == "import_clause"), None)
        for item in clause.named_children if clause is not None and specifier else ():
            if item.type == "identifier":
                self._bind_import(text(item), specifier or "", None)
            elif item.type == "namespace_import":
                for name in item.named_children:
                    self._bind_import(text(name), specifier or "", None)
            elif item.type == "named_imports":
                for imported in item.named_children:
                    name = imported.child_by_field_name("name")
                    alias = imported.child_by_field_name("alias") or name
                    if imported.type == "import_specifier" and name is not None:
                        exported = key_name(name)
                        self._bind_import(
                            text(alias),
                            specifier or "",
                            None if exported == "default" else exported,
                        )

    def _bind_import(self, local: str, specifier: str, name: str | None) -> None:
        """Bind ``local`` to commander's or yargs's ``name`` (``None``: the module), or
        to a module of the repository."""
        if specifier in COMMANDER:
            if name is None:
                self.names["namespace"].add(local)
                self.names["program"].add(local)
            elif name == "program":
                self.names["program"].add(local)
            elif name in ("Command", "Option", "Argument"):
                self.names[name].add(local)
            elif name == "createCommand":
                self.names["create"].add(local)
        elif specifier in YARGS and name is None:
            self.names["yargs"].add(local)
        elif specifier.startswith(("./", "../", "@/", "~/")) or specifier in (".", ".."):
            self.imports[local] = (self._specified(specifier), name)

    def _specified(self, specifier: str) -> str:
        """Return the module a relative (or ``@/`` alias) specifier names."""
        if specifier.startswith(("@/", "~/")):
            return module_path(specifier)
        return module_path(normpath(path_join(dirname(self.path), specifier)))

    def _declared(self, name: Node, value: Node) -> None:
        """Read ``const x = require("x")``, ``const { a } = require("x")``,
        ``const X = require("commander").Command``, and a named value."""
        member = None
        if value.type == "member_expression":
            member = value.child_by_field_name("property")
            inner = value.child_by_field_name("object")
            specifier = _required(unwrap(inner)) if inner is not None else None
        else:
            specifier = _required(value)
        if specifier is None:
            if name.type == "identifier":
                self.values[text(name)] = value
                if value.type in _FUNCTIONS:
                    self.functions[text(name)] = value
            return
        if name.type == "identifier":
            self._bind_import(text(name), specifier, text(member) if member else None)
        elif name.type == "object_pattern" and member is None:
            for item in name.named_children:
                if item.type == "shorthand_property_identifier_pattern":
                    self._bind_import(text(item), specifier, text(item))
                elif item.type == "pair_pattern":
                    local = item.child_by_field_name("value")
                    exported = key_name(item.child_by_field_name("key"))
                    if local is not None and local.type == "identifier":
                        self._bind_import(text(local), specifier, exported)

    def _export(self, statement: Node) -> Node:
        """Record what an ``export`` statement exports; return what it declares."""
        default = any(c.type == "default" for c in statement.children)
        declaration = statement.child_by_field_name("declaration")
        value = statement.child_by_field_name("value")
        if declaration is not None:
            for declarator in declaration.named_children:
                name = declarator.child_by_field_name("name")
                if declarator.type == "variable_declarator" and name is not None:
                    self.exports[text(name)] = text(name)
                    found = declarator.child_by_field_name("value")
                    if found is not None:
                        self.file_module[text(name)] = unwrap(found)
            name = declaration.child_by_field_name("name")
            if name is not None and declaration.type != "lexical_declaration":
                self.exports[text(name)] = "default" if default else text(name)
                self.file_module[text(name)] = declaration
            return declaration
        if value is not None and unwrap(value).type == "identifier":
            self.exports[text(unwrap(value))] = "default"
        clause = next((c for c in statement.named_children if c.type == "export_clause"), None)
        if clause is not None and statement.child_by_field_name("source") is None:
            for specifier in clause.named_children:
                name = specifier.child_by_field_name("name")
                alias = specifier.child_by_field_name("alias") or name
                if name is not None:
                    self.exports[text(name)] = key_name(alias)
        return statement

    def _assigned(self, assignment: Node) -> None:
        """Record ``module.exports = x`` (or ``{ a, b: c }``) and ``exports.y = x``."""
        left = assignment.child_by_field_name("left")
        right = assignment.child_by_field_name("right")
        target = _exports_target(left) if left is not None else None
        if target is None or right is None:
            return
        right = unwrap(right)
        if target != "default":
            self.file_module[target] = right
        if right.type == "identifier":
            self.exports.setdefault(text(right), target)
        elif right.type == "object" and target == "default":
            for name, value, _ in _pairs(right):
                if value.type in ("identifier", "shorthand_property_identifier"):
                    self.exports.setdefault(text(value), name)

    # ------------------------------------------------------------ reading

    def facts(self) -> CommandFacts:
        """Read every node, then return the commands, options and attachments."""
        self._file_module()
        for node in self.nodes:
            self._visit(node)
        commands, options = [], []
        attached = {a.child for a in self.attachments}
        for command in self.commands.values():
            if not command.used or (command.default and command.key in attached):
                continue
            name = command.name or self.default_name
            verdict = _verdict(command.help, name)
            commands.append(Command(command.key, name, command.line, verdict, command.hidden))
            for option in command.options.values():
                shown = option.display()
                verdict = _verdict(option.help, shown.strip("<>-"))
                options.append(Option(command.key, shown, option.line, verdict, option.hidden))
        attachments = tuple(dict.fromkeys(self.attachments))
        return CommandFacts(tuple(commands), tuple(options), attachments)

    def _visit(self, node: Node) -> None:
        """Read one node: a binding binds its name, anything else is evaluated."""
        if node.type == "variable_declarator":
            name = node.child_by_field_name("name")
            value = node.child_by_field_name("value")
            if value is None or _required(unwrap(value)) is not None:
                return  # an import: read with the file's top level
            found = self.value(value)
            if name is not None and name.type == "identifier" and found is not None:
                scope = _enclosing_function(node)
                self.bindings[scope.id if scope else 0, text(name)] = found
        elif node.type == "assignment_expression":
            name = node.child_by_field_name("left")
            value = node.child_by_field_name("right")
            found = self.value(value) if value is not None else None
            if name is not None and name.type == "identifier" and found is not None:
                self.bindings[self._scope_of(name), text(name)] = found
        else:
            self.value(node)

    def _scope_of(self, name: Node) -> int:
        """Return the scope an assigned name is bound in (where it is, else the file)."""
        parent = name.parent
        while parent is not None:
            if parent.type in _FUNCTIONS and (parent.id, text(name)) in self.bindings:
                return parent.id
            parent = parent.parent
        return 0

    def _lookup(self, name: Node) -> _Value | None:
        """Return what a name is bound to in its scopes, ``_SHADOWED`` when a parameter
        of an enclosing function hides it, ``None`` when it is not bound."""
        written = text(name)
        parent = name.parent
        while parent is not None:
            if parent.type in _FUNCTIONS:
                if (parent.id, written) in self.bindings:
                    return self.bindings[parent.id, written]
                if written in _parameters(parent):
                    return _SHADOWED
            parent = parent.parent
        return self.bindings.get((0, written))

    def value(self, node: Node) -> _Value | None:
        """Return the command, option or reference an expression evaluates to: its
        chain walked down to its start, then up (each call read once)."""
        if self.depth > _MAX_DEPTH:
            return None
        self.depth += 1
        try:
            return self._value(node)
        finally:
            self.depth -= 1

    def _value(self, node: Node) -> _Value | None:
        """Evaluate ``node`` (see ``value``)."""
        chain: list[Node] = []
        current = unwrap(node)
        while current.id not in self.memo and _method(current) not in (None, "createCommand"):
            chain.append(current)
            function = current.child_by_field_name("function")
            current = unwrap(function.child_by_field_name("object"))  # type: ignore[union-attr]
        if current.id not in self.memo:
            self.memo[current.id] = (current.start_byte, self._base(current))
        found = self.memo[current.id][1]
        for call in reversed(chain):
            found = self._step(call, found)
            self.memo[call.id] = (call.start_byte, found)
        return found

    def _base(self, node: Node) -> _Value | None:
        """Return what the start of a chain is."""
        if node.type == "identifier":
            return self._identifier(node)
        if node.type == "member_expression":
            owner = unwrap(node.child_by_field_name("object"))  # type: ignore[arg-type]
            member = text(node.child_by_field_name("property"))
            if member == "program" and self._commander_module(owner):
                return self._singleton(node, "program", "commander")
            module, name = self.imports.get(text(owner), ("", ""))
            if owner.type == "identifier" and module and name is None:
                return _Ref(js_key(module, member))
            return None
        if node.type == "new_expression":
            return self._new(node, node.child_by_field_name("constructor"))
        if node.type == "call_expression":
            return self._call(node)
        if node.type == "object":
            return self._module_object(node, None)
        return None

    def _identifier(self, node: Node) -> _Value | None:
        """Return what a name is: bound here, commander's program, yargs, an import."""
        found = self._lookup(node)
        if found is not None:
            return None if found is _SHADOWED else found
        written = text(node)
        if written in self.names["program"]:
            return self._singleton(node, written, "commander")
        if written in self.names["yargs"]:
            return self._singleton(node, written, "yargs")
        if written in self.imports:
            module, name = self.imports[written]
            return _Ref(js_key(module, name or "default"))
        return None

    def _commander_module(self, node: Node) -> bool:
        """Tell whether ``node`` is commander's module (a name for it, a ``require``)."""
        return text(node) in self.names["namespace"] or _required(node) in COMMANDER

    def _singleton(self, node: Node, name: str, library: str) -> _Cmd:
        """Return the instance a library's module is (``program``, ``yargs``)."""
        key = js_key(self.module, name)
        if key not in self.commands:
            self.commands[key] = _Cmd(key, treesitter.line(node), library, used=False)
        return self.commands[key]

    def _new(self, node: Node, constructor: Node | None) -> _Value | None:
        """Return what ``new Command(...)``, ``new Option(...)``, ``new Argument(...)``
        creates."""
        if constructor is None:
            return None
        kind = next((k for k in _CLASSES if text(constructor) in self.names[k]), "")
        if constructor.type == "member_expression":
            owner = unwrap(constructor.child_by_field_name("object"))  # type: ignore[arg-type]
            if self._commander_module(owner):
                kind = text(constructor.child_by_field_name("property"))
        arguments = _arguments(node)
        spec = _string(arguments[0]) if arguments else None
        if kind == "Command":
            return self._create(node, "commander", spec.split()[0] if spec else None, node)
        if kind in ("Option", "Argument") and spec is not None:
            positional = kind == "Argument"
            names = _arguments_in(spec) if positional else _flags(spec)
            help = arguments[1] if len(arguments) > 1 else None
            return _Opt(treesitter.line(node), names or [spec], positional, help)
        return None

    def _call(self, node: Node) -> _Value | None:
        """Return what a call that is no method's returns: a yargs instance,
        ``createCommand()``'s command, ``require("./x")``'s module, a function's."""
        callee = unwrap(node.child_by_field_name("function"))
        arguments = _arguments(node)
        if callee.type == "call_expression" and _required(callee) in YARGS:
            return self._create(node, "yargs", None, node, "yargs")
        if callee.type == "member_expression" and _method(node) == "createCommand":
            owner = unwrap(callee.child_by_field_name("object"))  # type: ignore[arg-type]
            if self._commander_module(owner):
                spec = _string(arguments[0]) if arguments else None
                return self._create(node, "commander", spec.split()[0] if spec else None, node)
        if callee.type != "identifier":
            return None
        name = text(callee)
        if name in self.names["yargs"] and self._lookup(callee) is None:
            return self._create(node, "yargs", None, node, name)
        if name in self.names["create"]:
            spec = _string(arguments[0]) if arguments else None
            return self._create(node, "commander", spec.split()[0] if spec else None, node)
        if name == "require":
            specifier = _required(node) or ""
            if node.parent is None or node.parent.type != "member_expression":
                specifier = "" if specifier in YARGS | COMMANDER else specifier
            if specifier in YARGS:
                return self._singleton(node, "yargs", "yargs")
            if specifier in COMMANDER:
                return self._singleton(node, "program", "commander")
            if specifier.startswith((".", "@/", "~/")):
                return _Ref(js_key(self._specified(specifier), "default"))
            return None
        passed = self._pass(name, arguments)
        if passed is not None:
            return passed
        if name in self.imports:
            module, exported = self.imports[name]
            return _Ref(js_key(module, exported or "default"))
        if name in self.functions:
            return _Ref(js_key(self.module, self.exports.get(name, name)))
        return None

    def _pass(self, name: str, arguments: list[Node]) -> _Cmd | None:
        """Bind the parameters of the file's function ``name`` to the commands passed;
        return the one it returns (``return cmd.option(...)``), if any."""
        function = self.functions.get(name)
        if function is None:
            return None
        returned = None
        for parameter, argument in zip(_parameters(function), arguments, strict=False):
            found = self.value(argument)
            if parameter and isinstance(found, _Cmd):
                self._bind_parameter(function, parameter, found)
                if parameter in self.returned.get(function.id, set()):
                    returned = returned or found
        return returned

    def _bind_parameter(self, function: Node, parameter: str, command: _Cmd) -> None:
        """Make ``parameter`` stand for ``command`` in ``function`` and read what the
        function holds (again: a helper may be given several commands, one by one)."""
        if (function.id, parameter, command.key) in self.bound:
            return
        self.bound.add((function.id, parameter, command.key))
        self.bindings[function.id, parameter] = command
        inside = range(function.start_byte, function.end_byte)
        for ident in [ident for ident, (start, _) in self.memo.items() if start in inside]:
            del self.memo[ident]
        first = bisect_left(self.starts, function.start_byte)
        last = bisect_left(self.starts, function.end_byte)
        for node in self.nodes[first:last]:
            self._visit(node)

    def _step(self, call: Node, receiver: _Value | None) -> _Value | None:
        """Read one method call on what the chain is so far; return what it returns."""
        method = _method(call) or ""
        arguments = _arguments(call)
        if isinstance(receiver, _Cmd) and receiver.library == "commander":
            receiver.used = receiver.used or method in _COMMANDER_CHAIN | {"command"}
            return self._commander(call, method, arguments, receiver)
        if isinstance(receiver, _Cmd):
            receiver.used = receiver.used or not _ends(method)
            self._yargs(call, method, arguments, receiver)
            return None if _ends(method) else receiver
        if isinstance(receiver, _Opt):
            if method == "hideHelp":
                receiver.hidden = not (arguments and arguments[0].type == "false")
            return None if method in _SPEC_ENDS else receiver
        return None

    # ------------------------------------------------------------ commands

    def _create(
        self,
        node: Node,
        library: str,
        name: str | None,
        at: Node,
        fallback: str | None = None,
        held: bool = True,
    ) -> _Cmd:
        """Return the command ``node`` creates (once), on the line of ``at``, keyed by
        what holds it (when it can be ``held``), else by ``fallback`` or its name."""
        if node.id in self.created:
            return self.created[node.id]
        holder = self._holder(node, library) if held else None
        holder = holder or fallback or name or library
        key = js_key(self.module, holder)
        if key in self.commands:
            key = js_key(self.module, f"{holder}@{treesitter.line(at)}")
        command = self.commands[key] = _Cmd(key, treesitter.line(at), library, name)
        self.created[node.id] = command
        return command

    def _holder(self, node: Node, library: str) -> str | None:
        """Return the name that holds what ``node`` creates, through the chain of calls
        that return it: a variable, a returning function, an export."""
        parent = node.parent
        while parent is not None:
            while parent is not None and parent.type in WRAPPERS:
                parent = parent.parent
            call = parent.parent if parent is not None else None
            method = _method(call)
            if call is None or method is None or call.child_by_field_name("function") != parent:
                break
            if method not in _COMMANDER_CHAIN if library == "commander" else _ends(method):
                break
            parent = call.parent
        if parent is None:
            return None
        if parent.type == "variable_declarator":
            name = text(parent.child_by_field_name("name"))
            function = _enclosing_function(parent)
            if function is None:
                return self.exports.get(name, name)
            if name in self.returned.get(function.id, set()):
                return self._function_name(function) or name
            return name
        if parent.type == "return_statement":
            function = _enclosing_function(parent)
            return self._function_name(function) if function is not None else None
        if parent.type == "arrow_function":
            return self._function_name(parent)
        if parent.type == "export_statement":
            return "default"
        if parent.type == "assignment_expression":
            left = parent.child_by_field_name("left")
            if left is None:
                return None
            return _exports_target(left) or (text(left) if left.type == "identifier" else None)
        return None

    def _function_name(self, function: Node) -> str | None:
        """Return the name a function is known by to other files (its export name)."""
        if function.type in ("function_declaration", "generator_function_declaration"):
            name = function.child_by_field_name("name")
            parent = function.parent
            if parent is not None and any(c.type == "default" for c in parent.children):
                return "default"
            return self.exports.get(text(name), text(name)) if name is not None else None
        parent = function.parent
        while parent is not None and parent.type in WRAPPERS:
            parent = parent.parent
        if parent is not None and parent.type == "variable_declarator":
            name = text(parent.child_by_field_name("name"))
            return self.exports.get(name, name)
        if parent is not None and parent.type == "export_statement":
            return "default"
        return None

    def _attach(self, parent: _Cmd, child: _Value | None, at: Node) -> None:
        """Record ``child`` attached to ``parent``."""
        if isinstance(child, _Cmd | _Ref) and child.key != parent.key:
            self.attachments.append(Attach(parent.key, child.key, treesitter.line(at)))
            if isinstance(child, _Cmd) and child.default:
                parent.options.update(child.options)
                parent.help = parent.help or child.help

    def _option(self, command: _Cmd, option: _Opt) -> _Opt:
        """Add ``option`` to ``command`` (one already there by its first name is
        completed instead) and return the one kept."""
        ident = ("<" if option.positional else "") + option.names[0]
        known = command.options.get(ident)
        if known is None:
            command.options[ident] = option
            return option
        known.help = known.help if option.help is None else option.help
        known.hidden = known.hidden or option.hidden
        known.names += [n for n in option.names if n not in known.names]
        return known

    def _named(self, command: _Cmd, name: str, line: int) -> _Opt:
        """Return ``command``'s option called ``name``, added on ``line`` if it has none."""
        return self._find(command, name) or self._option(command, _Opt(line, [name], False))

    def _find(self, command: _Cmd, name: str) -> _Opt | None:
        """Return ``command``'s option called ``name`` (or one of its aliases)."""
        return next(
            (o for o in command.options.values() if not o.positional and name in o.names),
            None,
        )

    # ------------------------------------------------------------ commander

    def _commander(
        self, call: Node, method: str, arguments: list[Node], command: _Cmd
    ) -> _Value | None:
        """Read one of commander's methods on ``command``; return what it returns."""
        first = arguments[0] if arguments else None
        line = treesitter.line(first or call)
        if method == "command":
            return self._subcommand(call, arguments, command)
        if method == "name" and _string(first):
            command.name = _string(first)
        elif method == "description" and first is not None:
            command.help = first
            described = arguments[1] if len(arguments) > 1 else None
            for name, value, pair in _pairs(described):
                self._option(command, _Opt(treesitter.line(pair), [name], True, value))
        elif method in ("option", "requiredOption") and _string(first):
            names = _flags(_string(first) or "")
            help = arguments[1] if len(arguments) > 1 else None
            self._option(command, _Opt(line, names, False, help))
        elif method in ("argument", "arguments") and _string(first):
            help = arguments[1] if method == "argument" and len(arguments) > 1 else None
            for name in _arguments_in(_string(first) or ""):
                self._option(command, _Opt(line, [name], True, help))
        elif method in ("addOption", "addArgument") and first is not None:
            found = self.value(first)
            if isinstance(found, _Opt):
                self._option(command, found)
        elif method == "version":
            flags = _string(arguments[1]) if len(arguments) > 1 else None
            help = arguments[2] if len(arguments) > 2 else "output the version number"
            self._option(command, _Opt(line, _flags(flags or "-V, --version"), False, help))
        elif method == "addCommand" and first is not None:
            child = self.value(first)
            options = arguments[1] if len(arguments) > 1 else None
            if isinstance(child, _Cmd) and _hides(options):
                child.hidden = True
            self._attach(command, child, first)
        return command if method in _COMMANDER_CHAIN else None

    def _subcommand(self, call: Node, arguments: list[Node], parent: _Cmd) -> _Value | None:
        """Read commander's ``.command("serve <port>", [description], [options])``."""
        spec = _string(arguments[0]) if arguments else None
        if spec is None:
            return None
        name, positionals = _words(spec)
        executable = len(arguments) > 1 and arguments[1].type != "object"
        fallback = f"{_held(parent)} {name}"
        child = self._create(call, "commander", name, arguments[0], fallback, not executable)
        if executable:
            child.help = arguments[1]
        options = arguments[2 if executable else 1] if len(arguments) > 1 + executable else None
        child.hidden = child.hidden or _hides(options)
        for positional in positionals:
            self._option(child, _Opt(treesitter.line(arguments[0]), [positional], True))
        self._attach(parent, child, arguments[0])
        return parent if executable else child

    # ------------------------------------------------------------ yargs

    def _yargs(self, call: Node, method: str, arguments: list[Node], command: _Cmd) -> None:
        """Read one of yargs's methods on ``command``."""
        first = arguments[0] if arguments else None
        second = arguments[1] if len(arguments) > 1 else None
        line = treesitter.line(first or call)
        if method == "scriptName" and _string(first):
            command.name = _string(first)
        elif method == "usage" and first is not None:
            if second is not None:  # usage(cmd, description, builder): the default command
                command.help = command.help or second
                self._builder(arguments[2] if len(arguments) > 2 else None, command)
                return
            literal = _string(first)
            lines = (literal or "").replace("\\n", "\n").splitlines()
            rest = "\n".join(x for x in lines if "$0" not in x).strip()
            command.help = command.help or (first if literal is None else rest or None)
        elif method == "command" and first is not None:
            self._yargs_command(call, arguments, command)
        elif method in ("option", "options") and first is not None and first.type == "object":
            for name, value, pair in _pairs(first):
                self._yargs_option(command, name, value, pair, False)
        elif method in ("option", "options", "positional") and _string(first):
            positional = method == "positional"
            self._yargs_option(command, _string(first) or "", second, first, positional)
        elif method == "describe":
            described = [(n, v) for n, v, _ in _pairs(first)] if second is None else []
            for name in _strings(first):
                described.append((name, second))  # type: ignore[arg-type]
            for name, value in described:
                self._named(command, name, line).help = value
        elif method in ("alias", "hide") or method in _YARGS_TYPES:
            self._yargs_names(command, method, first, second, line)
        elif method == "commandDir":
            return

    def _yargs_names(
        self, command: _Cmd, method: str, first: Node | None, second: Node | None, line: int
    ) -> None:
        """Read ``.alias(k, a)``, ``.hide(k)``, ``.boolean(k)``...: names of options."""
        if method == "alias":
            aliases = [(n, _strings(v)) for n, v, _ in _pairs(first)] if second is None else []
            for name in _strings(first):
                aliases.append((name, _strings(second)))
            for name, more in aliases:
                option = self._named(command, name, line)
                option.names += [n for n in more if n not in option.names]
            return
        for name in _strings(first):
            option = self._named(command, name, line)
            option.hidden = option.hidden or method == "hide"

    def _yargs_option(
        self, command: _Cmd, name: str, spec: Node | None, at: Node, positional: bool
    ) -> None:
        """Read one yargs option (or positional) and its object: describe, alias, hidden."""
        if spec is not None and spec.type in ("identifier", "shorthand_property_identifier"):
            spec = self.values.get(text(spec), spec)
        properties = {key: value for key, value, _ in _pairs(spec)}
        help = next((properties[k] for k in _DESCRIBE if k in properties), None)
        option = _Opt(treesitter.line(at), [name], positional)
        if help is not None and help.type == "false":
            option.hidden = True
        else:
            option.help = help
        option.names += [a for a in _strings(properties.get("alias")) if a != name]
        option.hidden = option.hidden or _is_true(properties.get("hidden"))
        if positional or self._find(command, name) is None:
            self._option(command, option)
            return
        known = self._find(command, name)
        if known is not None:
            known.help = known.help if option.help is None else option.help
            known.hidden = known.hidden or option.hidden
            known.names += [n for n in option.names if n not in known.names]

    def _yargs_command(self, call: Node, arguments: list[Node], parent: _Cmd) -> None:
        """Read yargs's ``.command(cmd, description, builder, handler)`` and
        ``.command(module)`` (or an array of modules)."""
        first = arguments[0]
        specs = _strings(first)
        if not specs:
            modules = first.named_children if first.type == "array" else [first]
            for module in modules:
                if module.type == "object":
                    self._attach(parent, self._module_object(module, parent), module)
                else:
                    self._attach(parent, self.value(module), module)
            return
        name, positionals = _words(specs[0])
        rest = arguments[1:]
        description = rest.pop(0) if rest and rest[0].type not in _FUNCTIONS | {"object"} else None
        builder = rest[0] if rest else None
        if name == "$0":
            target = parent
        else:
            fallback = f"{_held(parent)} {name}"
            target = self._create(call, "yargs", name, first, fallback, held=False)
            self._attach(parent, target, first)
        if description is not None and description.type == "false":
            target.hidden = target is not parent
        elif description is not None and (target is not parent or target.help is None):
            target.help = description
        for positional in positionals:
            self._option(target, _Opt(treesitter.line(first), [positional], True))
        self._builder(builder, target)

    def _builder(self, builder: Node | None, command: _Cmd) -> None:
        """Read a yargs builder: an object of options, or a function (here, or named)
        whose first parameter is the command's yargs."""
        if builder is None:
            return
        if builder.type == "identifier":
            named = text(builder)
            builder = self.functions.get(named) or self.values.get(named) or builder
        if builder.type == "object":
            for name, value, pair in _pairs(builder):
                self._yargs_option(command, name, value, pair, False)
        elif builder.type in _FUNCTIONS:
            parameters = _parameters(builder)
            if parameters and parameters[0]:
                self._bind_parameter(builder, parameters[0], command)

    def _module_object(self, node: Node, parent: _Cmd | None) -> _Cmd | None:
        """Return the yargs command module an object literal is (``{ command,
        describe, builder, handler }``), once."""
        if node.id in self.created:
            return self.created[node.id]
        properties = {key: value for key, value, _ in _pairs(node)}
        command = properties.get("command")
        if command is not None and command.type == "shorthand_property_identifier":
            command = self.values.get(text(command))
        specs = _strings(command)
        if not specs or not {"handler", "builder", *_DESCRIBE} & set(properties):
            return None
        name, _ = _words(specs[0])
        at = command if command is not None else node
        if name == "$0" and parent is not None:  # the default command: the parent's own
            self.created[node.id] = parent
            self._module(parent, specs[0], properties, at)
            return parent
        fallback = f"{_held(parent)} {name}" if parent is not None else None
        module = self._create(node, "yargs", name, at, fallback)
        self._module(module, specs[0], properties, at)
        return module

    def _module(self, module: _Cmd, spec: str, properties: dict[str, Node], at: Node) -> None:
        """Read a command module's description, builder and positional arguments."""
        default = spec.split(" ")[0] == "$0"
        module.default = module.default or (default and module.name == "$0")
        help = next((properties[k] for k in _DESCRIBE if k in properties), None)
        if help is not None and help.type == "false":
            module.hidden = module.hidden or not default
        elif help is not None and (not default or module.help is None):
            module.help = help
        for positional in _words(spec)[1]:
            self._option(module, _Opt(treesitter.line(at), [positional], True))
        self._builder(properties.get("builder"), module)

    def _file_module(self) -> None:
        """Read a file that is a yargs command module (``exports.command = "serve"``,
        ``export const command = ...``), keyed ``default``."""
        specs = _strings(self.file_module.get("command"))
        if not specs or not {"handler", "builder", *_DESCRIBE} & set(self.file_module):
            return
        at = self.file_module["command"]
        key = js_key(self.module, "default")
        name = _words(specs[0])[0]
        module = self.commands.setdefault(key, _Cmd(key, treesitter.line(at), "yargs", name))
        self._module(module, specs[0], self.file_module, at)


def _method(node: Node | None) -> str | None:
    """Return the method a call calls (``x.m()``: ``m``), ``None`` for other nodes."""
    if node is None or node.type != "call_expression":
        return None
    function = node.child_by_field_name("function")
    if function is None or function.type != "member_expression":
        return None
    return text(function.child_by_field_name("property"))


def _chain_base(node: Node) -> Node:
    """Return what a chain of calls and members starts with (``a`` of ``a.b().c()``)."""
    node = unwrap(node)
    while node.type in ("call_expression", "member_expression"):
        inner = node.child_by_field_name(
            "function" if node.type == "call_expression" else "object"
        )
        if inner is None:
            break
        node = unwrap(inner)
    return node


def _required(node: Node | None) -> str | None:
    """Return the specifier of ``require("x")``, else ``None``."""
    if node is None or node.type != "call_expression":
        return None
    function = node.child_by_field_name("function")
    if function is None or text(function) != "require":
        return None
    found = _arguments(node)
    return _string(found[0]) if len(found) == 1 else None


def _exports_target(left: Node) -> str | None:
    """Return the export an assignment's left side is: ``default`` for
    ``module.exports``, ``x`` for ``exports.x`` and ``module.exports.x``."""
    written = text(left)
    if written == "module.exports":
        return "default"
    for head in ("module.exports.", "exports."):
        if written.startswith(head) and written[len(head) :].isidentifier():
            return written[len(head) :]
    return None


def _ends(method: str) -> bool:
    """Tell whether a yargs method ends a chain (returns no yargs instance)."""
    return method in _YARGS_END or method.startswith("get")


def _hides(options: Node | None) -> bool:
    """Tell whether commander's command options say ``hidden`` (or ``noHelp``)."""
    return any(name in ("hidden", "noHelp") and _is_true(v) for name, v, _ in _pairs(options))


def _held(command: _Cmd) -> str:
    """Return the name part of a command's key."""
    return command.key.rpartition("#")[2]
