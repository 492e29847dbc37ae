"""The command-line interface a Rust file builds with clap, as ``analysers.commands``
facts: the derive API's ``Parser``, ``Args`` and ``Subcommand`` types and the builder's
``Command::new(...)`` chains.

Derive: a ``#[derive(Parser)]`` struct is a command, named by ``#[command(name = "x")]``
(clap 3's ``#[clap(...)]`` too) or, as clap takes the crate's name, by the binary's: a
``src/bin/x.rs`` or ``src/bin/x/main.rs`` is ``x``, a file under ``<dir>/src/`` is
``dir`` (the crate's folder; Cargo.toml's ``name`` is not read here), a file of the
repository's own ``src/`` the struct's name in kebab-case. Its help is ``about`` /
``long_about`` (a bare ``about`` is Cargo's description: written) or its doc comment;
``hide = true`` hides it. Each field is an argument (``#[arg(skip)]`` none): ``--long``
(``long``, ``long = "x"``; bare, the field's name in the struct's ``rename_all`` case,
kebab-case unless told), else ``-s`` (``short``, ``short = 'x'``), else positional
``<field>``; documented by ``help`` / ``long_help`` or its doc comment. A
``#[command(subcommand)]`` field attaches the variants of its ``Subcommand`` enum, a
``#[command(flatten)]`` field adds the arguments of its ``Args`` struct. A variant is a
command named by ``#[command(name)]`` or its name in kebab-case (the enum's
``rename_all``), documented by its doc comment or ``about``, and, for ``Init(InitArgs)``,
by ``InitArgs``'s when it has none; a struct variant's fields are its arguments, a tuple
variant's are its type's, and ``#[command(subcommand)]``/``#[command(flatten)]`` on a
variant nest or merge another enum's variants.

Builder: ``Command::new("x")`` (``App::new``, ``SubCommand::with_name``) is a command;
along its chain ``.about()``/``.long_about()`` document it, ``.hide(true)`` hides it,
``.name()`` renames it, ``.subcommand(c)``/``.subcommands([...])`` attach, and
``.arg(a)``/``.args([...])`` add ``Arg::new("id")`` chains (``.long()``, ``.short()``,
``.help()``/``.long_help()``, ``.hide(true)``; neither long nor short: positional) and
``arg!(-c --config <FILE> "help")`` macros. A chain held by a ``let`` is its function's
``F.name``, one a function returns ``F``; a chain another file builds is named by the
path the file writes (``.subcommand(serve::command())``).

Keys (``analysers.crosskeys``) are ``rust:<module path>#<name>``, the module path as
rustc finds modules (``src/main.rs`` and ``src/lib.rs`` are ``src``, ``src/cli/mod.rs``
and ``src/cli.rs`` are ``src/cli``), so that a path written in another file
(``crate::cli::InitArgs``, through its ``use``) names the same key: a type by its name,
a variant ``Enum::Variant``, a tuple variant by its type's key (so that the arguments
another file's struct declares are the variant's). A help that is not a literal (a
constant, ``concat!``) counts as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from tree_sitter import Node

from docaudit.analysers import treesitter
from docaudit.analysers.commands import Attach, Command, CommandFacts, Option
from docaudit.analysers.python.docstrings import classify
from docaudit.analysers.treesitter import line, text
from docaudit.model.symbols import EMPTY, MISSING, OK, PLACEHOLDER

MARKERS = (b"clap", b"Command::new", b"App::new")
"""A literal part of every file that derives or builds a clap command."""

_QUERY = """
(use_declaration argument: (_) @use)
(mod_item name: (identifier) @mod)
(struct_item name: (type_identifier) @struct) @item
(enum_item name: (type_identifier) @enum body: (enum_variant_list) @variants) @item
(function_item name: (identifier) @function body: (block) @body) @function_item
(let_declaration pattern: (identifier) @let value: (_) @let_value)
(return_expression (_) @returned)
(field_expression value: (identifier) @chained)
(call_expression
  function: (scoped_identifier path: (_) @type_path name: (identifier) @constructor)
  arguments: (arguments) @constructor_arguments) @constructed
"""
_COMMANDS = {("Command", "new"), ("App", "new"), ("SubCommand", "with_name")}
_ARGS = {("Arg", "new"), ("Arg", "with_name")}
_DOC = re.compile(r"^(///(?!/)|//!)\s?|^/\*\*(?!\*)\s?|\s*\*/$")
_WRITTEN = "\x00written"
"""The help of a value that is not a literal: written, not read."""
_WRAPPERS = frozenset({"Option", "Box", "Vec"})
_PATHS = frozenset({"identifier", "scoped_identifier"})
_STATEMENTS = frozenset(
    {"expression_statement", "let_declaration", "attribute_item", "empty_statement"}
)
_ESCAPE = re.compile(r"\\(.)")
_ESCAPES = {"n": "\n", "t": "\t"}
_MAX_STEPS = 16
"""How far a ``use``, a variable or a flatten is followed (a cycle stops there)."""


def command_reader(
    grammar: Callable[[], object], root: Node, data: bytes, path: str
) -> CommandFacts:
    """Return the commands, options and attachments the Rust file ``path`` builds."""
    if not any(marker in data for marker in MARKERS):
        return CommandFacts()
    return _Reader(treesitter.matches(grammar, _QUERY, root), path).read()


@dataclass
class _Found:
    """What a file builds, before its groups (``Args`` structs, ``Subcommand`` enums)
    are expanded into the commands that hold them: ``members`` are, for each group's
    key, the keys that include it."""

    commands: dict[str, Command] = field(default_factory=dict)
    options: list[Option] = field(default_factory=list)
    attachments: list[Attach] = field(default_factory=list)
    members: dict[str, list[str]] = field(default_factory=dict)


class _Reader:
    """Reads one file's matches: its modules, uses, derived types and builder chains."""

    def __init__(self, matches: list[dict[str, Node]], path: str) -> None:
        """Index the file's uses, modules, types, functions and bindings."""
        self.path = path
        self.file = module_path(path)
        self.root = crate_root(path)
        self.uses: dict[str, dict[str, str]] = {}
        self.globs: dict[str, set[str]] = {}
        self.augments: list[tuple[Node, str]] = []
        self.mods: dict[str, set[str]] = {}
        self.types: list[dict[str, Node]] = []
        self.functions: dict[int, str] = {}
        self.bodies: dict[str, Node] = {}
        self.bindings: dict[tuple[int, str], Node] = {}
        self.returned: dict[int, set[str]] = {}
        self.chains: list[dict[str, Node]] = []
        self.chained: dict[tuple[int, str], list[Node]] = {}
        self.held: dict[str, list[tuple[int, str]]] = {}
        for match in matches:
            if "use" in match:
                self._use(match["use"])
            elif "mod" in match:
                self.mods.setdefault(self.module_of(match["mod"]), set()).add(text(match["mod"]))
            elif "item" in match:
                self.types.append(match)
            elif "function" in match:
                self._function(match["function_item"], match["body"])
            elif "let" in match:
                self._let(match["let"], match["let_value"])
            elif "returned" in match:
                self._return(match["returned"])
            elif "constructed" in match:
                self.chains.append(match)
            elif "chained" in match:
                function = _function_of(match["chained"])
                if function is not None:
                    where = (function.id, text(match["chained"]))
                    self.chained.setdefault(where, []).append(match["chained"])
        self.found = _Found()

    # ------------------------------------------------------------------ indexing

    def module_of(self, node: Node) -> str:
        """Return the module path of the module ``node`` is in (inline modules too)."""
        names: list[str] = []
        ancestor = node.parent
        if ancestor is not None and ancestor.type == "mod_item" and node.type == "identifier":
            ancestor = ancestor.parent  # a module's name is its parent module's
        while ancestor is not None:
            if ancestor.type == "mod_item":
                names.append(text(ancestor.child_by_field_name("name")))
            ancestor = ancestor.parent
        return "/".join([self.file, *reversed(names)])

    def _use(self, argument: Node) -> None:
        """Record the names a ``use`` declaration binds, each to the path it names."""
        module = self.module_of(argument)
        stack: list[tuple[str, Node]] = [("", argument)]
        while stack:
            prefix, node = stack.pop()
            if node.type == "scoped_use_list":
                inner = _join(prefix, text(node.child_by_field_name("path")))
                stack.append((inner, node.child_by_field_name("list")))
            elif node.type == "use_list":
                stack += [(prefix, child) for child in node.named_children]
            elif node.type == "use_as_clause":
                full = _join(prefix, text(node.child_by_field_name("path")))
                self.uses.setdefault(module, {})[text(node.child_by_field_name("alias"))] = full
            elif node.type == "self" and prefix:
                self.uses.setdefault(module, {})[prefix.rpartition("::")[2]] = prefix
            elif node.type in ("identifier", "scoped_identifier"):
                full = _join(prefix, text(node))
                self.uses.setdefault(module, {})[full.rpartition("::")[2]] = full
            elif node.type == "use_wildcard":
                path = node.named_children[0] if node.named_children else None
                self.globs.setdefault(module, set()).add(_join(prefix, text(path)))

    def _function(self, function: Node, body: Node) -> None:
        """Record a function's name (``Type::f`` in an ``impl``) and the name its tail
        expression returns."""
        name = text(function.child_by_field_name("name"))
        owner = function.parent.parent if function.parent is not None else None
        if owner is not None and owner.type == "impl_item":
            implemented = text(owner.child_by_field_name("type")).split("<")[0]
            trait = text(owner.child_by_field_name("trait")).rpartition("::")[2]
            if trait == "Args" and name == "augment_args":
                self.augments.append((function, f"rust:{self.module_of(owner)}#{implemented}"))
            name = f"{implemented}::{name}"
        self.functions[function.id] = name
        self.bodies[name] = body
        tail = _tail(body)
        if tail is not None:
            self._return(tail)

    def _let(self, name: Node, value: Node) -> None:
        """Record what a ``let`` binds a name to, in its function."""
        function = _function_of(name)
        if function is not None:
            self.bindings[function.id, text(name)] = value

    def _return(self, returned: Node) -> None:
        """Record the variable a function returns (the base of a returned chain)."""
        function = _function_of(returned)
        base = _base(returned)
        if function is not None and base.type == "identifier":
            self.returned.setdefault(function.id, set()).add(text(base))

    # ------------------------------------------------------------------ reading

    def read(self) -> CommandFacts:
        """Read the derived types and the builder chains; return what they build, each
        group's options and attachments given to every command that holds it."""
        items = {text(m.get("struct") or m["enum"]): m for m in self.types}
        for match in self.types:
            derives = _derives(match["item"])
            if match.get("struct") is not None and derives & {"Parser", "Args"}:
                self._struct(match["item"], "Parser" in derives)
            elif match.get("enum") is not None and "Subcommand" in derives:
                self._enum(match["item"], match["variants"], items)
        for (scope, name), value in self.bindings.items():
            built = self._constructor(_base(value))
            if built:
                self.held.setdefault(built, []).append((scope, name))
        for match in self.chains:
            self._chain(match)
        for function, group in self.augments:
            self._augmented(function, group)
        return self._expanded()

    def _expanded(self) -> CommandFacts:
        """Return the facts with each group's options and attachments repeated for the
        keys that include it (followed through groups of groups)."""
        found = self.found
        holders: dict[str, set[str]] = {}
        for group in found.members:
            reached, frontier = {group}, [group]
            for _ in range(_MAX_STEPS):
                frontier = [
                    m for g in frontier for m in found.members.get(g, ()) if m not in reached
                ]
                reached.update(frontier)
            holders[group] = reached
        options = [
            Option(key, o.name, o.line, o.help, o.hidden)
            for o in found.options
            for key in sorted(holders.get(o.command, {o.command}))
        ]
        attachments = [
            Attach(key, a.child, a.line)
            for a in found.attachments
            for key in sorted(holders.get(a.parent, {a.parent}))
        ]
        return CommandFacts(
            commands=tuple(found.commands.values()),
            options=tuple(dict.fromkeys(options)),
            attachments=tuple(dict.fromkeys(attachments)),
        )

    # ------------------------------------------------------------------ derive

    def _struct(self, item: Node, parser: bool) -> None:
        """Read a ``Parser`` (a command) or ``Args`` (a group) struct and its fields."""
        name = text(item.child_by_field_name("name"))
        key = f"rust:{self.module_of(item)}#{name}"
        docs, entries = _attributes(item)
        help_ = _verdict(_about(docs, entries), name)
        if parser:
            written = _value(entries.get("name"))
            command = written if written and written != _WRITTEN else self._program(name)
            self.found.commands.setdefault(
                key, Command(key, command, line(item), help_, _hidden(entries))
            )
        self._fields(key, item.child_by_field_name("body"), entries)

    def _fields(self, key: str, body: Node | None, container: dict[str, list[Node]]) -> None:
        """Read the fields of a struct or struct variant: its arguments, and its
        ``subcommand`` and ``flatten`` fields."""
        case = _value(container.get("rename_all")) or "kebab-case"
        for declaration in body.named_children if body is not None else []:
            if declaration.type != "field_declaration":
                continue
            docs, entries = _attributes(declaration)
            written = declaration.child_by_field_name("type")
            if "subcommand" in entries or "flatten" in entries:
                group = self._type_key(written, declaration)
                if group:
                    self.found.members.setdefault(group, []).append(key)
                continue
            if "skip" in entries or "external_subcommand" in entries:
                continue
            field_name = text(declaration.child_by_field_name("name"))
            option = _option_name(field_name, entries, case)
            help_ = _verdict(_help(docs, entries), field_name)
            self.found.options.append(
                Option(key, option, line(declaration), help_, _hidden(entries))
            )

    def _enum(self, item: Node, variants: Node, items: dict[str, dict[str, Node]]) -> None:
        """Read a ``Subcommand`` enum: each variant a command attached to the enum's key
        (a group, given to the commands whose ``subcommand`` field it is)."""
        enum = text(item.child_by_field_name("name"))
        module = self.module_of(item)
        group = f"rust:{module}#{enum}"
        _, container = _attributes(item)
        case = _value(container.get("rename_all")) or "kebab-case"
        for variant in variants.named_children:
            if variant.type != "enum_variant":
                continue
            docs, entries = _attributes(variant)
            if "skip" in entries or "external_subcommand" in entries:
                continue
            name = text(variant.child_by_field_name("name"))
            body = variant.child_by_field_name("body")
            inner = (
                body.named_children[0]
                if body is not None
                and body.type == "ordered_field_declaration_list"
                and body.named_children
                else None
            )
            inner_key = self._type_key(inner, variant) if inner is not None else None
            if "flatten" in entries:
                if inner_key:
                    self.found.members.setdefault(inner_key, []).append(group)
                continue
            key = f"rust:{module}#{enum}::{name}"
            if inner_key and "subcommand" in entries:
                self.found.members.setdefault(inner_key, []).append(key)
            elif inner_key:
                key = inner_key
            written = _value(entries.get("name"))
            command = written if written and written != _WRITTEN else _case(name, case)
            help_ = _verdict(_about(docs, entries), name)
            inner_name = text(inner).rpartition("::")[2] if inner is not None else ""
            if help_ == MISSING and inner_name in items:
                help_ = _verdict(_about(*_attributes(items[inner_name]["item"])), name)
            elif help_ == MISSING and inner is not None:
                help_ = OK  # the doc of a type of another file: written there
            self.found.commands.setdefault(
                key, Command(key, command, line(variant), help_, _hidden(entries))
            )
            self.found.attachments.append(Attach(group, key, line(variant)))
            if body is not None and body.type == "field_declaration_list":
                self._fields(key, body, container)

    def _program(self, name: str) -> str:
        """Return the name of the program a ``Parser`` of this file is (see the
        module's docstring)."""
        parts = self.path.removesuffix(".rs").split("/")
        if "src" in parts:
            at = len(parts) - 1 - parts[::-1].index("src")
            if parts[at + 1 : at + 2] == ["bin"] and len(parts) > at + 2:
                return parts[at + 2]
            if at > 0:
                return parts[at - 1]
        return _case(name, "kebab-case")

    def _type_key(self, written: Node | None, node: Node) -> str | None:
        """Return the key of the type a field or tuple variant is written with
        (``Option<T>``, ``Box<T>`` and ``Vec<T>`` are ``T``'s)."""
        for _ in range(_MAX_STEPS):
            if written is None or written.type != "generic_type":
                break
            outer = text(written.child_by_field_name("type")).rpartition("::")[2]
            arguments = written.child_by_field_name("type_arguments")
            if outer not in _WRAPPERS or arguments is None or not arguments.named_children:
                break
            written = arguments.named_children[0]
        if written is None or written.type not in ("type_identifier", "scoped_type_identifier"):
            return None
        module, name = self.resolve(text(written), self.module_of(node))
        return f"rust:{module}#{name}"

    def resolve(self, written: str, module: str) -> tuple[str, str]:
        """Return the module path and name of the item the path ``written`` names in
        ``module``: through ``crate``, ``self``, ``super``, the module's ``use``s and
        ``mod``s; a single name neither is the module's own; another crate's path is
        ``<crate>/src/...``. A type's function (``Type::f``) keeps its type."""
        segments = [s for s in written.split("::") if s]
        anchored = False
        for _ in range(_MAX_STEPS):
            head = segments[0]
            used = self.uses.get(module, {}).get(head)
            if not anchored and used and used != head:
                segments = used.split("::") + segments[1:]
                continue
            if len(segments) == 1:
                break
            if head[:1].isupper():
                break
            if head == "crate":
                module = self.root
            elif head in ("self", "super"):
                module = module if head == "self" else _parent(module)
            elif anchored or head in self.mods.get(module, set()):
                module = f"{module}/{head}"
            else:
                module = f"{head}/src"
            segments, anchored = segments[1:], True
        if len(segments) > 1 and segments[-2][:1].isupper():
            return "/".join([module, *segments[:-2]]), "::".join(segments[-2:])
        return "/".join([module, *segments[:-1]]), segments[-1]

    # ------------------------------------------------------------------ builder

    def _chain(self, match: dict[str, Node]) -> None:
        """Read a builder chain from its constructor: a command's name, help, hidden,
        subcommands and arguments."""
        constructed = match["constructed"]
        if self._kind(constructed) not in _COMMANDS:
            return
        key = self._chain_key(constructed)
        written = _value(_first(match["constructor_arguments"]))
        name = written if written and written != _WRITTEN else self._program("main")
        helps: list[str | None] = []
        hidden = False
        for method, arguments in self._methods(constructed, key):
            first = _first(arguments)
            if method in ("about", "long_about"):
                helps.append(_value(first))
            elif method in ("hide", "hidden"):
                hidden = text(first) == "true"
            elif method == "name" and _value(first) not in (None, _WRITTEN):
                name = _value(first) or name
            else:
                self._member(key, method, first)
        self.found.commands.setdefault(
            key, Command(key, name, line(constructed), _verdict(helps, name), hidden)
        )

    def _member(self, key: str, method: str, first: Node | None) -> None:
        """Read a method that adds to the command ``key``: a subcommand or arguments."""
        if method in ("subcommand", "subcommands"):
            for element in _elements(first, method == "subcommands"):
                child = self._command_key(element)
                if child:
                    self.found.attachments.append(Attach(key, child, line(element)))
        elif method in ("arg", "args"):
            for element in _elements(first, method == "args"):
                self._builder_option(key, element)

    def _augmented(self, function: Node, group: str) -> None:
        """Read a hand-written ``impl Args for T``'s ``augment_args(cmd)``: the
        arguments its chains on ``cmd`` add are ``T``'s (a group, as a derived one)."""
        parameters = function.child_by_field_name("parameters")
        first = parameters.named_children[0] if parameters and parameters.named_children else None
        pattern = first.child_by_field_name("pattern") if first is not None else None
        for start in self.chained.get((function.id, text(pattern)), []):
            for method, arguments in _chain_calls(start):
                self._member(group, method, _first(arguments))

    def _kind(self, node: Node) -> tuple[str, str] | None:
        """Return the clap type and function a ``Type::function(...)`` call calls: the
        type written ``clap::...`` or imported from clap (``std::process::Command``
        is not clap's)."""
        kind = _constructor_kind(node)
        callee = node.child_by_field_name("function") if kind is not None else None
        written = text(callee.child_by_field_name("path")) if callee is not None else ""
        module = self.module_of(node)
        full = written if "::" in written else self.uses.get(module, {}).get(written, "")
        from_clap = full.split("::")[0] == "clap" or (
            not full and "clap" in self.globs.get(module, set())
        )
        return kind if from_clap else None

    def _methods(self, constructed: Node, key: str) -> list[tuple[str, Node]]:
        """Return the methods called on a command, in order: along the constructor's
        chain, and on every later chain that starts from a variable holding it."""
        calls = _chain_calls(constructed)
        for held in self.held.get(key, []):
            for start in self.chained.get(held, []):
                calls += _chain_calls(start)
        return calls

    def _constructor(self, base: Node) -> str | None:
        """Return the key of the command a chain's start builds, if it is a command's
        constructor."""
        return self._chain_key(base) if self._kind(base) in _COMMANDS else None

    def _chain_key(self, constructed: Node) -> str:
        """Return the key of the command a constructor's chain builds, by what holds
        the chain's end (see the module's docstring)."""
        end = _chain_end(constructed)
        function = _function_of(constructed)
        module = self.module_of(constructed)
        scope = self.functions.get(function.id, "") if function is not None else ""
        holder = end.parent
        if holder is not None and holder.type == "let_declaration" and function is not None:
            name = text(holder.child_by_field_name("pattern"))
            if name in self.returned.get(function.id, set()):
                return f"rust:{module}#{scope}"
            return f"rust:{module}#{scope}.{name}"
        if function is not None and (
            (holder is not None and holder.type == "return_expression")
            or end == _tail(function.child_by_field_name("body"))
        ):
            return f"rust:{module}#{scope}"
        where = f"{scope}@" if scope else "@"
        return f"rust:{module}#{where}{line(constructed)}:{constructed.start_point.column + 1}"

    def _command_key(self, element: Node) -> str | None:
        """Return the key of the command a ``.subcommand(...)`` argument is: a chain, a
        variable holding one, a function's result (this file's or another's)."""
        base = _base(self._bound(element))
        if base.type != "call_expression":
            return None
        built = self._constructor(base)
        callee = base.child_by_field_name("function")
        if built is None and callee is not None and callee.type in _PATHS:
            module, name = self.resolve(text(callee), self.module_of(element))
            return f"rust:{module}#{name}"
        return built

    def _bound(self, element: Node) -> Node:
        """Return what a variable of its function was bound to (followed through
        others), or the expression itself."""
        current = element
        for _ in range(_MAX_STEPS):
            function = _function_of(current)
            if current.type != "identifier" or function is None:
                break
            found = self.bindings.get((function.id, text(current)))
            if found is None:
                break
            current = found
        return current

    def _builder_option(self, command: str, element: Node) -> None:
        """Record the argument an ``.arg(...)`` adds: an ``Arg::new("id")`` or
        ``arg!(...)`` chain, given in place, bound to a variable or returned by a
        function of this file."""
        value = _base_value(self._bound(element))
        callee = value.child_by_field_name("function") if value.type == "call_expression" else None
        if callee is not None and callee.type == "identifier" and text(callee) in self.bodies:
            value = _tail(self.bodies[text(callee)]) or value
        base = _base(value)
        if base.type == "macro_invocation" and text(base.child_by_field_name("macro")) == "arg":
            long, short, identifier, helps = _macro(base)
        elif self._kind(base) in _ARGS:
            long = short = None
            identifier = _value(_first(base.child_by_field_name("arguments")))
            helps = []
        else:
            return
        hidden = False
        for method, arguments in _chain_calls(base):
            first = _first(arguments)
            if method == "long":
                long = _value(first)
            elif method == "short":
                short = _value(first)
            elif method in ("help", "long_help"):
                helps.append(_value(first))
            elif method in ("hide", "hidden"):
                hidden = text(first) == "true"
        if not (long or short or identifier) or _WRITTEN in (long, short, identifier):
            return
        name = _written_name(long, short, identifier or "")
        help_ = _verdict(helps, name.strip("-<>"))
        self.found.options.append(Option(command, name, line(base), help_, hidden))


def _macro(macro: Node) -> tuple[str | None, str | None, str | None, list[str | None]]:
    """Return the long and short names, the value's or positional name and the help
    of an ``arg!([id:] -s --long <VALUE> "help")``."""
    tokens = macro.named_children[-1] if macro.named_children else None
    written = text(tokens)[1:-1] if tokens is not None else ""
    literals = [
        c
        for c in (tokens.named_children if tokens is not None else [])
        if c.type in ("string_literal", "raw_string_literal")
    ]
    usage = written[: written.rfind(text(literals[-1]))] if literals else written
    usage = usage.split(":", 1)[1] if re.match(r"\s*[\w-]+\s*:", usage) else usage
    long = re.search(r"--([\w-]+)", usage)
    short = re.search(r"(?<![-\w])-(\w)", usage)
    value = re.search(r"[<\[]([\w-]+)[>\]]", usage)
    return (
        long[1] if long else None,
        short[1] if short else None,
        value[1] if value else None,
        [_value(literals[-1])] if literals else [],
    )


# ---------------------------------------------------------------------- helpers


def module_path(path: str) -> str:
    """Return the module path of the Rust file ``path``: its path less ``.rs``, the
    folder for a ``main.rs``, ``lib.rs`` or ``mod.rs``."""
    stem = path.removesuffix(".rs")
    folder, _, name = stem.rpartition("/")
    return folder if name in ("main", "lib", "mod") else stem


def crate_root(path: str) -> str:
    """Return the module path of the crate root of the file ``path``: the folder up to
    its last ``src`` (``src/bin/<name>`` for a binary there), else its first folder."""
    parts = path.removesuffix(".rs").split("/")
    if "src" not in parts:
        return module_path("/".join(parts[:2]) + ".rs")
    last = len(parts) - 1 - parts[::-1].index("src")
    if parts[last + 1 : last + 2] == ["bin"] and len(parts) > last + 2:
        return "/".join(parts[: last + 3])
    return "/".join(parts[: last + 1])


def _parent(module: str) -> str:
    """Return the module a module is in (a crate root stays itself)."""
    return module.rpartition("/")[0] or module


def _join(prefix: str, path: str) -> str:
    """Return ``prefix::path`` (``path`` alone for no prefix)."""
    return f"{prefix}::{path}" if prefix else path


def _attributes(item: Node) -> tuple[list[str], dict[str, list[Node]]]:
    """Return the doc comment lines above an item, field or variant, and the entries of
    its clap attributes (``#[command]``, ``#[arg]``, ``#[clap]``...): each key with its
    value tokens (empty for a bare ``long``)."""
    docs: list[str] = []
    entries: dict[str, list[Node]] = {}
    sibling = item.prev_sibling
    while sibling is not None and sibling.type in (
        "attribute_item",
        "line_comment",
        "block_comment",
    ):
        if sibling.type != "attribute_item":
            written = text(sibling)
            if _DOC.match(written) and not written.startswith("//!"):
                docs[:0] = [_DOC.sub("", part) for part in written.splitlines()]
        else:
            attribute = sibling.named_children[0] if sibling.named_children else None
            name = (
                text(attribute.named_children[0]) if attribute and attribute.named_children else ""
            )
            value = attribute.child_by_field_name("value") if attribute else None
            if name == "doc" and value is not None:
                docs[:0] = [_value(value) or ""]
            arguments = attribute.child_by_field_name("arguments") if attribute else None
            if name in ("command", "arg", "clap", "structopt") and arguments is not None:
                for key, tokens in _entries(arguments):
                    entries.setdefault(key, tokens)
            elif name == "derive" and arguments is not None:
                entries.setdefault("derive", [])
                entries["derive"] += [
                    t for t in arguments.named_children if t.type == "identifier"
                ]
        sibling = sibling.prev_sibling
    return docs, entries


def _entries(arguments: Node) -> list[tuple[str, list[Node]]]:
    """Return an attribute's comma-separated entries: ``key = value``, ``key(value)``
    and a bare ``key``, each as its key and value tokens."""
    found: list[tuple[str, list[Node]]] = []
    current: list[Node] = []
    tokens = arguments.children[1:-1]
    for token in [*tokens, None]:
        if token is not None and token.type != ",":
            current.append(token)
            continue
        if current and current[0].type == "identifier":
            rest = current[1:]
            if rest and rest[0].type == "=":
                found.append((text(current[0]), rest[1:]))
            elif rest and rest[0].type == "token_tree":
                found.append((text(current[0]), rest[0].children[1:-1]))
            else:
                found.append((text(current[0]), []))
        current = []
    return found


def _derives(item: Node) -> set[str]:
    """Return the names an item derives (``clap::Parser`` is ``Parser``)."""
    return {text(token) for token in _attributes(item)[1].get("derive", [])}


def _about(docs: list[str], entries: dict[str, list[Node]]) -> list[str | None]:
    """Return a command's help texts: ``about``, ``long_about`` (a bare ``about``:
    Cargo's description, written), and its doc comment."""
    helps: list[str | None] = []
    for key in ("about", "long_about"):
        if key in entries:
            helps.append(_value(entries[key]) if entries[key] else _WRITTEN)
    return [*helps, _doc(docs)]


def _help(docs: list[str], entries: dict[str, list[Node]]) -> list[str | None]:
    """Return an argument's help texts: ``help``, ``long_help`` and its doc comment."""
    helps = [_value(entries[key]) for key in ("help", "long_help") if key in entries]
    return [*helps, _doc(docs)]


def _doc(lines: list[str]) -> str | None:
    """Return a doc comment as clap reads it: each paragraph's lines joined by spaces,
    paragraphs by a blank line (``None`` for no comment)."""
    if not lines:
        return None
    paragraphs = " ".join(line.strip() or "\n\n" for line in lines).split("\n\n")
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


def _value(node: Node | list[Node] | None) -> str | None:
    """Return the text of a string or char literal (or a lone one in a list of tokens),
    ``None`` for none or ``None``, ``_WRITTEN`` for another expression."""
    if isinstance(node, list):
        if len(node) > 1:
            return _WRITTEN
        node = node[0] if node else None
    if node is None or text(node) == "None":
        return None
    written = text(node)
    if node.type in ("string_literal", "raw_string_literal"):
        inner = written[written.index('"') + 1 : written.rindex('"')]
        if node.type == "raw_string_literal":
            return inner
        return _ESCAPE.sub(lambda m: _ESCAPES.get(m[1], m[1]), inner)
    if node.type == "char_literal":
        return written[1:-1]
    return _WRITTEN


def _hidden(entries: dict[str, list[Node]]) -> bool:
    """Tell whether ``hide`` hides (bare, ``= true`` or ``(true)``)."""
    if "hide" not in entries:
        return False
    return not entries["hide"] or text(entries["hide"][0]) != "false"


def _option_name(field_name: str, entries: dict[str, list[Node]], case: str) -> str:
    """Return a derived argument's name: ``--long``, ``-s`` or ``<field>``."""
    long = short = None
    if "long" in entries:
        long = _value(entries["long"]) if entries["long"] else _case(field_name, case)
    if "short" in entries:
        short = _value(entries["short"]) if entries["short"] else _case(field_name, case)[:1]
    return _written_name(long, short, field_name)


def _written_name(long: str | None, short: str | None, identifier: str) -> str:
    """Return an option's name from its long and short names, else its positional id."""
    if long and long != _WRITTEN:
        return f"--{long}"
    if short and short != _WRITTEN:
        return f"-{short}"
    return f"<{identifier}>"


def _case(name: str, case: str) -> str:
    """Return a field's or variant's name in a clap ``rename_all`` case."""
    words = [w.lower() for w in re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+|[A-Z]", name)]
    if case == "verbatim":
        return name
    joined = {
        "kebab-case": "-".join(words),
        "snake_case": "_".join(words),
        "SCREAMING_SNAKE_CASE": "_".join(words).upper(),
        "lower": "".join(words),
        "UPPER": "".join(words).upper(),
        "camelCase": words[0] + "".join(w.title() for w in words[1:]) if words else name,
        "PascalCase": "".join(w.title() for w in words),
    }
    return joined.get(case, "-".join(words))


def _verdict(helps: list[str | None], name: str) -> str:
    """Return the best verdict of a command's or argument's help texts (``None``: not
    given; ``_WRITTEN``: not a literal, so written)."""
    verdicts = {OK if value == _WRITTEN else classify(value, name) for value in helps}
    return next(v for v in (OK, PLACEHOLDER, EMPTY, MISSING) if v in verdicts or v == MISSING)


def _function_of(node: Node) -> Node | None:
    """Return the function item ``node`` is in."""
    ancestor = node.parent
    while ancestor is not None and ancestor.type != "function_item":
        ancestor = ancestor.parent
    return ancestor


def _tail(body: Node | None) -> Node | None:
    """Return a block's tail expression (its value), if any."""
    children = [c for c in body.named_children if "comment" not in c.type] if body else []
    last = children[-1] if children else None
    if last is None or last.type in _STATEMENTS or last.type.endswith("_item"):
        return None
    return last


def _constructor_kind(node: Node) -> tuple[str, str] | None:
    """Return the type and function a ``Type::function(...)`` call calls, if it is one
    (``clap::Command::new`` is ``("Command", "new")``)."""
    callee = node.child_by_field_name("function") if node.type == "call_expression" else None
    if callee is None or callee.type != "scoped_identifier":
        return None
    path = text(callee.child_by_field_name("path")).rpartition("::")[2]
    return path, text(callee.child_by_field_name("name"))


def _base(node: Node) -> Node:
    """Return the start of a method chain: ``Command::new("x")`` of
    ``Command::new("x").about("...")``, ``cmd`` of ``cmd.arg(...)``."""
    current = _base_value(node)
    while current.type == "call_expression":
        callee = current.child_by_field_name("function")
        if callee is None or callee.type != "field_expression":
            break
        current = _base_value(callee.child_by_field_name("value"))
    return current


def _base_value(node: Node) -> Node:
    """Return an expression without the ``&``, ``?``, ``.await`` and parentheses
    around it."""
    while (
        node.type in ("reference_expression", "try_expression", "parenthesized_expression")
        and node.named_children
    ):
        node = (
            node.named_children[-1]
            if node.type == "reference_expression"
            else node.named_children[0]
        )
    return node


def _chain_calls(base: Node) -> list[tuple[str, Node]]:
    """Return the methods called along the chain that starts at ``base``, in order,
    each with its arguments."""
    return _walk_chain(base)[0]


def _chain_end(base: Node) -> Node:
    """Return the outermost call of the chain that starts at ``base`` (through ``?`` and
    parentheses)."""
    current = _walk_chain(base)[1]
    parent = current.parent
    while parent is not None and parent.type in ("try_expression", "parenthesized_expression"):
        current, parent = parent, parent.parent
    return current


def _walk_chain(base: Node) -> tuple[list[tuple[str, Node]], Node]:
    """Walk up the method calls chained on ``base``: each method with its arguments, and
    the last call (a loop, bounded)."""
    calls: list[tuple[str, Node]] = []
    current = base
    for _ in range(10_000):
        field_expression = current.parent
        call = field_expression.parent if field_expression is not None else None
        if (
            field_expression is None
            or field_expression.type != "field_expression"
            or call is None
            or call.type != "call_expression"
        ):
            break
        arguments = call.child_by_field_name("arguments")
        calls.append((text(field_expression.child_by_field_name("field")), arguments))
        current = call
    return calls, current


def _first(arguments: Node | None) -> Node | None:
    """Return a call's first argument."""
    children = (
        [c for c in arguments.named_children if "comment" not in c.type] if arguments else []
    )
    return children[0] if children else None


def _elements(node: Node | None, many: bool) -> list[Node]:
    """Return the elements of ``.args([...])`` / ``.subcommands(vec![...])`` (the
    single argument of ``.arg``/``.subcommand``)."""
    if node is None:
        return []
    if not many:
        return [node]
    node = _base_value(node)
    if node.type == "array_expression":
        return [c for c in node.named_children if "comment" not in c.type]
    return []
