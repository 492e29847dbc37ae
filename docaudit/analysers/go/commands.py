"""The command-line interface a Go file builds, as ``analysers.commands`` facts: spf13/cobra
commands and their pflag flags, and urfave/cli apps, commands and flags.

cobra: a ``&cobra.Command{...}`` literal is a command named by the first word of its
``Use``, documented by ``Short`` or ``Long``, hidden by ``Hidden: true`` or a
``Deprecated`` message (cobra leaves both out of help). ``X.AddCommand(a, b)`` makes
``a`` and ``b`` subcommands of ``X``. A flag is a definition on ``X.Flags()`` or
``X.PersistentFlags()`` (or a variable holding one): ``String``, ``StringP``,
``StringVar``, ``StringVarP`` and the like for every pflag type, ``Var``/``VarP``,
``Func``; its usage string is its help; ``MarkHidden("x")`` and ``MarkDeprecated("x",
...)`` on the same command's flags hide it.

urfave/cli (v1, v2, v3): a ``cli.App`` or ``cli.Command`` literal, or an element of a
``[]*cli.Command{...}`` list, is a command named by ``Name`` and documented by ``Usage``
or ``Description``; its ``Commands`` (v3) or ``Subcommands`` are its subcommands, its
``Flags`` the ``&cli.StringFlag{Name, Usage, Hidden}`` literals (any ``*Flag`` type;
v1's ``"lang, l"`` is ``--lang``), its v3 ``Arguments`` positional ``<name>`` arguments
documented by ``UsageText``.

Keys (``analysers.crosskeys``) are ``go:<package folder>#<name>``: a package variable by
its name, a function's local by ``F.name`` (``T.M.name`` in a method), a command a
function returns (directly or from a local) by the function's name, one built in place
(an argument, a list element) by where it is (``F@line:col``). Another package's
variable or constructor is written with its import path (``go:github.com/me/app/cmd/
serve#NewCmd``), which the join resolves to the folder that declares it.

A help that is not a literal (a constant of another file, ``fmt.Sprintf``,
``templates.LongDesc(...)``) counts as written. Positional arguments in cobra's ``Use``
(``serve [port]``) have no help of their own in cobra and are not options.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

from tree_sitter import Node

from docaudit.analysers import treesitter
from docaudit.analysers.commands import Attach, Command, CommandFacts, Option
from docaudit.analysers.python.docstrings import classify
from docaudit.analysers.treesitter import line, text
from docaudit.model.symbols import EMPTY, MISSING, OK, PLACEHOLDER

MARKERS = (b"cobra", b"AddCommand", b"Flags()", b"urfave/cli")
"""A literal part of every file that builds a command, attaches one or defines a flag."""

COBRA = "github.com/spf13/cobra"
"""cobra's import path."""

_QUERY = """
(import_spec name: (_)? @alias path: (_) @import)
(const_spec name: (identifier) @constant
  value: (expression_list . [(interpreted_string_literal) (raw_string_literal)] @value .))
(composite_literal
  type: (qualified_type package: (package_identifier) @package name: (type_identifier) @type)
  body: (literal_value) @body) @literal
(composite_literal
  type: (slice_type element: [
    (qualified_type package: (package_identifier) @list_package name: (type_identifier) @list_type)
    (pointer_type (qualified_type
      package: (package_identifier) @list_package name: (type_identifier) @list_type))])
  body: (literal_value) @list)
(call_expression
  function: (selector_expression operand: (_) @receiver field: (field_identifier) @method)
  arguments: (argument_list) @arguments) @call
(call_expression function: (identifier) @helper arguments: (argument_list) @helper_arguments)
(short_var_declaration left: (expression_list) @left right: (expression_list) @right)
(assignment_statement left: (expression_list) @left right: (expression_list) @right)
(var_spec) @var
(parameter_declaration name: (identifier) @parameter)
(return_statement (expression_list . (_) @returned))
"""
_FUNCTIONS = frozenset({"function_declaration", "method_declaration"})
_FLAG_TYPES = (
    "Bool|BoolSlice|BoolFunc|BytesHex|BytesBase64|Count|Duration|DurationSlice|Float32"
    "|Float32Slice|Float64|Float64Slice|Func|Int|Int8|Int16|Int32|Int64|IntSlice|Int8Slice"
    "|Int16Slice|Int32Slice|Int64Slice|IP|IPSlice|IPMask|IPNet|IPNetSlice|String|StringArray"
    "|StringSlice|StringToInt|StringToInt64|StringToString|Uint|Uint8|Uint16|Uint32|Uint64"
    "|UintSlice|Text|Time|BigInt|ByteSize|Complex128|Complex128Slice"
)
_DEFINER = re.compile(rf"(?P<type>{_FLAG_TYPES})?(?P<var>Var)?(?P<short>P)?(?P<flag>F)?")
"""A pflag ``FlagSet`` method that defines a flag: its type, then ``Var`` (a pointer
first), ``P`` (a shorthand after the name), ``F`` (``VarPF``)."""
_FLAG_SETS = frozenset({"Flags", "PersistentFlags"})
_HIDING = frozenset({"MarkHidden", "MarkDeprecated"})
_ESCAPE = re.compile(r"\\(.)")
_ESCAPES = {"n": "\n", "t": "\t"}
_WRITTEN = "\x00written"
"""The help of a value that is not a literal: written, not read."""
_MAX_STEPS = 8
"""How many variables a value is followed through (a cycle stops there)."""


def command_reader(
    grammar: Callable[[], object], root: Node, data: bytes, path: str
) -> CommandFacts:
    """Return the commands, options and attachments the Go file ``path`` builds."""
    if not any(marker in data for marker in MARKERS):
        return CommandFacts()
    return _Reader(treesitter.matches(grammar, _QUERY, root), path).read()


class _Reader:
    """Reads one file's matches: its imports, bindings, command literals and calls."""

    def __init__(self, matches: list[dict[str, Node]], path: str) -> None:
        """Index the file's imports, constants, variables, parameters and returns."""
        self.folder = posixpath.dirname(path) or "."
        self.imports: dict[str, str] = {}
        self.constants: dict[str, str] = {}
        self.bindings: dict[int, dict[str, Node]] = {}
        self.parameters: dict[int, list[str]] = {}
        self.returned: dict[int, set[str]] = {}
        self.literals: list[dict[str, Node]] = []
        self.lists: list[dict[str, Node]] = []
        self.calls: list[dict[str, Node]] = []
        self.helpers: list[dict[str, Node]] = []
        for match in matches:
            if "import" in match:
                self._import(match.get("alias"), match["import"])
            elif "constant" in match:
                self.constants[text(match["constant"])] = _help_text(match["value"], {})
            elif "literal" in match:
                self.literals.append(match)
            elif "list" in match:
                self.lists.append(match)
            elif "call" in match:
                self.calls.append(match)
            elif "helper" in match:
                self.helpers.append(match)
            elif "left" in match:
                self._bind(match["left"], match["right"])
            elif "var" in match:
                spec = match["var"]
                self._bind_names(spec.children_by_field_name("name"), spec)
            elif "parameter" in match:
                self._parameter(match["parameter"])
            elif "returned" in match:
                self._return(match["returned"])
        self.commands: dict[str, Command] = {}
        self.options: list[Option] = []
        self.attachments: list[Attach] = []

    # ------------------------------------------------------------------ indexing

    def _import(self, alias: Node | None, literal: Node) -> None:
        """Record one import under the name the file uses it by."""
        path = text(literal).strip('"`')
        name = text(alias) if alias is not None else _package_name(path)
        if name not in ("_", "."):
            self.imports[name] = path

    def _bind(self, left: Node, right: Node) -> None:
        """Record what each name on the left of ``:=`` or ``=`` is given."""
        values = right.named_children
        for index, target in enumerate(left.named_children):
            if index < len(values):
                self._give(target, values[index], left.parent)

    def _bind_names(self, names: list[Node], spec: Node) -> None:
        """Record the values of a ``var`` spec's names."""
        value = spec.child_by_field_name("value")
        values = value.named_children if value is not None else []
        for index, name in enumerate(names):
            if index < len(values):
                self._give(name, values[index], spec)

    def _give(self, target: Node, value: Node, statement: Node | None) -> None:
        """Bind ``target`` (a name, or ``x.f``) to ``value`` in its function's scope, or
        the package's (a plain ``=`` to a name the function does not declare: see
        ``_scope_of``)."""
        function = _function(target)
        if statement is not None and statement.type == "assignment_statement":
            function = self._scope_of(text(target), function)
        self.bindings.setdefault(function.id if function else 0, {})[text(target)] = value

    def _scope_of(self, name: str, function: Node | None) -> Node | None:
        """Return the function a plain assignment to ``name`` binds in: the function
        when it declares the name (its parameters, or a ``:=`` or ``var`` before), else
        the package (``None``)."""
        if function is None or "." in name:
            return function
        declared = self.bindings.get(function.id, {})
        return (
            function if name in declared or name in self.parameters.get(function.id, []) else None
        )

    def _parameter(self, name: Node) -> None:
        """Record a parameter of a function or method declaration, in order."""
        function = _function(name)
        parameters = name.parent.parent if name.parent is not None else None
        if function is not None and parameters == function.child_by_field_name("parameters"):
            self.parameters.setdefault(function.id, []).append(text(name))

    def _return(self, returned: Node) -> None:
        """Record the name a function returns (not a closure's)."""
        function = _function(returned, closures=True)
        if function is not None and function.type in _FUNCTIONS:
            self.returned.setdefault(function.id, set()).add(text(returned))

    # ------------------------------------------------------------------ reading

    def read(self) -> CommandFacts:
        """Read every command literal and call; return what they build."""
        hidden: set[tuple[str, str]] = set()
        for match in self.literals:
            self._literal(match)
        for match in self.lists:
            self._command_list(match)
        for match in self.calls:
            hidden |= self._call(match)
        passed = self._passed()
        options = [
            Option(
                command,
                o.name,
                o.line,
                o.help,
                o.hidden or bool({(command, o.name), (o.command, o.name)} & hidden),
            )
            for o in self.options
            for command in passed.get(o.command, [o.command])
        ]
        return CommandFacts(
            commands=tuple(self.commands.values()),
            options=tuple(dict.fromkeys(options)),
            attachments=tuple(dict.fromkeys(self.attachments)),
        )

    def _literal(self, match: dict[str, Node]) -> None:
        """Read a cobra command, or a urfave/cli app or command, from its literal."""
        library = self.imports.get(text(match["package"]), "")
        kind = text(match["type"])
        if kind == "Command" and library == COBRA:
            self._cobra(match["literal"], match["body"])
        elif kind in ("App", "Command") and _urfave(library):
            self._urfave(match["literal"], match["body"])

    def _cobra(self, literal: Node, body: Node) -> None:
        """Read a ``cobra.Command`` literal."""
        fields = _fields(body)
        key = self._literal_key(literal)
        use = self._text(fields.get("Use"))
        name = use.split(" ")[0] if use and use != _WRITTEN else _fallback_name(key, self.folder)
        short, long = self._text(fields.get("Short")), self._text(fields.get("Long"))
        deprecated = self._text(fields.get("Deprecated"))
        hidden = text(fields.get("Hidden")) == "true" or bool(deprecated)
        help_ = _verdict([short, long], name)
        self.commands.setdefault(key, Command(key, name, line(literal), help_, hidden))

    def _urfave(self, anchor: Node, body: Node) -> None:
        """Read a urfave/cli app or command (``anchor`` is its literal, or the body of
        an element of a command list, which has no type): its name, help, flags,
        arguments and subcommands."""
        fields = _fields(body)
        key = self._literal_key(anchor)
        written = self._text(fields.get("Name"))
        name = written if written and written != _WRITTEN else _fallback_name(key, self.folder)
        hidden = text(fields.get("Hidden")) == "true"
        help_ = _verdict(
            [self._text(fields.get("Usage")), self._text(fields.get("Description"))], name
        )
        self.commands.setdefault(key, Command(key, name, line(anchor), help_, hidden))
        for element in _elements(fields.get("Flags")):
            self._urfave_option(key, element, "Usage")
        for element in _elements(fields.get("Arguments")):
            self._urfave_option(key, element, "UsageText")
        for field in ("Commands", "Subcommands"):
            for element in _elements(fields.get(field)):
                child = self._key(element) if element.type != "literal_value" else None
                child = child or self._literal_key(element)
                self.attachments.append(Attach(key, child, line(element)))

    def _urfave_option(self, command: str, element: Node, usage: str) -> None:
        """Record a urfave/cli flag (``--name``, ``-n`` for one letter) or argument
        (``<name>``) given as a literal or a variable of this file bound to one."""
        literal = self._resolve(element)
        inner = _strip(literal) if literal is not None else None
        if inner is None or inner.type != "composite_literal":
            return
        kind = text(inner.child_by_field_name("type")).rpartition(".")[2]
        fields = _fields(inner.child_by_field_name("body"))
        written = self._text(fields.get("Name"))
        if not written or written == _WRITTEN:
            return
        name = written.split(",")[0].strip()  # v1: "lang, l"
        if kind.endswith("Flag"):
            option = f"-{name}" if len(name) == 1 else f"--{name}"
        elif kind.endswith(("Arg", "Args")):
            option = f"<{name}>"
        else:
            return
        help_ = _verdict([self._text(fields.get(usage))], name)
        hidden = text(fields.get("Hidden")) == "true"
        self.options.append(Option(command, option, line(inner), help_, hidden))

    def _command_list(self, match: dict[str, Node]) -> None:
        """Read the elements of a ``[]*cli.Command{...}`` list written without a type."""
        library = self.imports.get(text(match["list_package"]), "")
        if text(match["list_type"]) != "Command" or not _urfave(library):
            return
        for element in _elements(match["list"].parent):
            if element.type == "literal_value":
                self._urfave(element, element)

    def _call(self, match: dict[str, Node]) -> set[tuple[str, str]]:
        """Read a method call: ``AddCommand``, a flag definition, or a flag hidden
        (returned as the command's key and the flag's name)."""
        method = text(match["method"])
        arguments = [a for a in match["arguments"].named_children if a.type != "comment"]
        if method == "AddCommand":
            parent = self._key(match["receiver"])
            for argument in arguments if parent else []:
                child = self._key(argument)
                if child:
                    self.attachments.append(Attach(parent, child, line(argument)))
            return set()
        owner = self._flag_set(match["receiver"])
        if owner is None:
            return set()
        if method in _HIDING and arguments:
            name = self._text(arguments[0])
            return {(owner, f"--{name}")} if name and name != _WRITTEN else set()
        definer = _DEFINER.fullmatch(method)
        if definer is None or not (definer["type"] or definer["var"]):
            return set()
        if definer["flag"] and not definer["var"]:
            return set()
        at = 1 if definer["var"] else 0
        usage_at = -2 if definer["type"] in ("Func", "BoolFunc") else -1
        if len(arguments) < at + 2:
            return set()
        name = self._text(arguments[at])
        if not name or name == _WRITTEN:
            return set()
        help_ = _verdict([self._text(arguments[usage_at])], name)
        self.options.append(Option(owner, f"--{name}", line(match["call"]), help_))
        return set()

    def _passed(self) -> dict[str, list[str]]:
        """Return the commands this file passes to its own functions' parameters: a
        flag a helper defines on its parameter (``addFlags(cmd)``, ``addFlags(cmd.
        Flags())``) is the flag of each command a call of this file passes it."""
        passed: dict[str, list[str]] = {}
        for match in self.helpers:
            arguments = [
                a for a in match["helper_arguments"].named_children if a.type != "comment"
            ]
            for position, argument in enumerate(arguments):
                command = self._flag_set(argument) or self._key(argument)
                if command:
                    key = f"go:{self.folder}#{text(match['helper'])}.{position}"
                    passed.setdefault(key, []).append(command)
        return passed

    # ------------------------------------------------------------------ values

    def _flag_set(self, expression: Node) -> str | None:
        """Return the key of the command whose flag set ``expression`` is: ``X.Flags()``,
        ``X.PersistentFlags()``, a variable given one, or a parameter (``F.<position>``,
        see ``_passed``)."""
        expression = self._resolve(expression) or expression
        if expression.type == "identifier":
            key = self._name_key(expression)
            return key if key.rpartition(".")[2].isdigit() else None
        if expression.type != "call_expression":
            return None
        callee = expression.child_by_field_name("function")
        if callee is None or callee.type != "selector_expression":
            return None
        if text(callee.child_by_field_name("field")) not in _FLAG_SETS:
            return None
        operand = callee.child_by_field_name("operand")
        return self._key(operand) if operand is not None else None

    def _resolve(self, expression: Node) -> Node | None:
        """Return what a variable (or ``x.f``) of this file was last given, followed
        through other variables, or the expression itself; ``None`` for a name this
        file gives nothing."""
        current = expression
        for _ in range(_MAX_STEPS):
            current = _strip(current)
            if current.type not in ("identifier", "selector_expression"):
                return current
            function = _function(current)
            scopes = [function.id] if function is not None else []
            found = next(
                (
                    self.bindings[scope][text(current)]
                    for scope in [*scopes, 0]
                    if text(current) in self.bindings.get(scope, {})
                ),
                None,
            )
            if found is None:
                return None if current == expression else current
            current = found
        return None

    def _key(self, expression: Node) -> str | None:
        """Return the key of the command ``expression`` is: a literal, a variable (this
        file's, or another file's of the package), a call of a constructor, another
        package's variable; ``None`` for anything else."""
        value = self._resolve(expression)
        if value is None:
            value = _strip(expression)
        if value.type == "composite_literal":
            return self._literal_key(value)
        if value.type == "identifier":
            return self._name_key(value)
        if value.type == "selector_expression":
            operand = value.child_by_field_name("operand")
            package = self.imports.get(text(operand)) if operand is not None else None
            field = text(value.child_by_field_name("field"))
            return f"go:{package}#{field}" if package else None
        if value.type == "call_expression":
            return self._call_key(value)
        return None

    def _name_key(self, name: Node) -> str:
        """Return the key of a name no binding of this file follows: a parameter of its
        function (``F.<position>``) or a package variable."""
        function = _function(name)
        if function is not None and text(name) in self.parameters.get(function.id, []):
            position = self.parameters[function.id].index(text(name))
            return f"go:{self.folder}#{_scope_name(function)}.{position}"
        return f"go:{self.folder}#{text(name)}"

    def _call_key(self, call: Node) -> str | None:
        """Return the key of what a constructor call returns: ``F()`` this package's
        function, ``pkg.F()`` another's."""
        callee = call.child_by_field_name("function")
        if callee is None:
            return None
        if callee.type == "identifier":
            return f"go:{self.folder}#{text(callee)}"
        if callee.type == "selector_expression":
            operand = callee.child_by_field_name("operand")
            package = self.imports.get(text(operand)) if operand is not None else None
            if package:
                return f"go:{package}#{text(callee.child_by_field_name('field'))}"
        return None

    def _literal_key(self, literal: Node) -> str:
        """Return the key of a command literal, by what holds it (see the module's
        docstring)."""
        node = literal
        while node.parent is not None and node.parent.type in (
            "unary_expression",
            "parenthesized_expression",
        ):
            node = node.parent
        holder = node.parent
        function = _function(literal)
        scope = _scope_name(function) if function is not None else ""
        if holder is not None and holder.type == "expression_list":
            statement = holder.parent
            index = holder.named_children.index(node) if node in holder.named_children else -1
            if statement is not None and statement.type == "return_statement" and function:
                return f"go:{self.folder}#{scope}"
            names = _targets(statement)
            if statement is not None and 0 <= index < len(names):
                written = names[index]
                if statement.type == "assignment_statement":
                    function = self._scope_of(written, function)
                if function is None:
                    return f"go:{self.folder}#{written}"
                if written in self.returned.get(function.id, set()):
                    return f"go:{self.folder}#{scope}"
                return f"go:{self.folder}#{scope}.{written}"
        where = f"{scope}@" if scope else "@"
        return f"go:{self.folder}#{where}{line(literal)}:{literal.start_point.column + 1}"

    def _text(self, node: Node | None) -> str | None:
        """Return a help or name value: a literal's text, a constant's, ``_WRITTEN`` for
        another expression, ``None`` for none."""
        return None if node is None else _help_text(node, self.constants)


def _help_text(node: Node, constants: dict[str, str]) -> str:
    """Return the text of a string literal, a concatenation of them or a constant of
    the file, else ``_WRITTEN``."""
    parts: list[str] = []
    stack = [node]
    while stack:
        current = _strip(stack.pop())
        if (
            current.type == "binary_expression"
            and text(current.child_by_field_name("operator")) == "+"
        ):
            stack += [current.child_by_field_name("right"), current.child_by_field_name("left")]
        elif current.type == "raw_string_literal":
            parts.append(text(current)[1:-1])
        elif current.type == "interpreted_string_literal":
            parts.append(_ESCAPE.sub(lambda m: _ESCAPES.get(m[1], m[1]), text(current)[1:-1]))
        elif current.type == "identifier" and text(current) in constants:
            parts.append(constants[text(current)])
        else:
            return _WRITTEN
    return "".join(parts)


def _verdict(helps: list[str | None], name: str) -> str:
    """Return the best verdict of a command's or option's help texts (``None``: not
    given; ``_WRITTEN``: not a literal, so written)."""
    verdicts = {OK if value == _WRITTEN else classify(value, name) for value in helps}
    return next(v for v in (OK, PLACEHOLDER, EMPTY, MISSING) if v in verdicts or v == MISSING)


def _fields(body: Node | None) -> dict[str, Node]:
    """Return the values of a literal's ``Key: value`` elements."""
    found: dict[str, Node] = {}
    for element in body.named_children if body is not None else []:
        key, value = element.child_by_field_name("key"), element.child_by_field_name("value")
        if element.type == "keyed_element" and key is not None and value is not None:
            inner = value.named_children[0] if value.named_children else value
            found.setdefault(text(key), inner)
    return found


def _elements(value: Node | None) -> list[Node]:
    """Return the elements of a slice literal (``[]cli.Flag{a, b}``)."""
    if value is None or value.type != "composite_literal":
        return []
    body = value.child_by_field_name("body")
    elements = body.named_children if body is not None else []
    return [
        e.named_children[0] for e in elements if e.type == "literal_element" and e.named_children
    ]


def _targets(statement: Node | None) -> list[str]:
    """Return the names a ``var`` spec, ``:=`` or ``=`` gives values to, in order."""
    if statement is None:
        return []
    if statement.type == "var_spec":
        return [text(n) for n in statement.children_by_field_name("name")]
    left = statement.child_by_field_name("left")
    if statement.type in ("short_var_declaration", "assignment_statement") and left is not None:
        return [text(n) for n in left.named_children]
    return []


def _function(node: Node, closures: bool = False) -> Node | None:
    """Return the function or method declaration ``node`` is in (with ``closures``, the
    nearest function literal too)."""
    ancestor = node.parent
    while ancestor is not None:
        if ancestor.type in _FUNCTIONS or (closures and ancestor.type == "func_literal"):
            return ancestor
        ancestor = ancestor.parent
    return None


def _scope_name(function: Node) -> str:
    """Return a function's name, ``T.M`` for a method of ``T``."""
    name = text(function.child_by_field_name("name"))
    if function.type != "method_declaration":
        return name
    receiver = function.child_by_field_name("receiver")
    written = (
        text(receiver.named_children[0].child_by_field_name("type"))
        if receiver and receiver.named_children
        else ""
    )
    return f"{written.lstrip('*').split('[')[0]}.{name}"


def _strip(node: Node) -> Node:
    """Return an expression without the ``&`` and parentheses around it."""
    while node.type in ("unary_expression", "parenthesized_expression") and node.named_children:
        if node.type == "unary_expression" and text(node.child_by_field_name("operator")) != "&":
            break
        node = node.named_children[-1]
    return node


def _fallback_name(key: str, folder: str) -> str:
    """Return the name of a command that writes none: a root's is the program's, which
    ``go build`` names after its package's folder; at the repository's root, whose
    module path is not known here, the variable's or function's name."""
    if folder != ".":
        return posixpath.basename(folder)
    return key.rpartition("#")[2].rpartition(".")[2].partition("@")[0] or "main"


def _urfave(path: str) -> bool:
    """Tell whether an import path is urfave/cli's (any major version)."""
    return path in (
        "github.com/urfave/cli",
        "gopkg.in/urfave/cli.v1",
        "gopkg.in/urfave/cli.v2",
    ) or path.startswith("github.com/urfave/cli/v")


def _package_name(path: str) -> str:
    """Return the name an import is used by when not renamed: its path's last element,
    less a major version (``cli/v2`` is ``cli``) or a ``.vN`` suffix."""
    parts = path.split("/")
    last = parts[-1]
    if re.fullmatch(r"v\d+", last) and len(parts) > 1:
        last = parts[-2]
    return re.sub(r"\.v\d+$", "", last).replace("-", "_")
