"""The command-line interface a Java file declares with picocli, read into
``CommandFacts`` (see ``analysers.commands``, which joins every file's).

- A class annotated ``@Command`` (``@CommandLine.Command``) is a command keyed
  ``java:<file path without .java>#<class>`` (a nested class ``Outer.Inner``), named by
  ``name =`` or else by its class; ``hidden = true`` hides it. Its ``subcommands =
  {Serve.class, ...}`` are attached: a class of the file by its own key, another by what
  the file knows of it (an import's package, the fully qualified name written, else the
  file's own package: ``java:com/x/Serve#Serve``, matched by a path suffix to the file
  that declares it). ``CommandLine.HelpCommand`` is picocli's ``help`` and
  ``AutoComplete.GenerateCompletion`` its hidden ``generate-completion``, both written
  by picocli.
- A method annotated ``@Command`` in a command class is a subcommand of it, named by
  ``name =`` or the method; its parameters are its options and positional parameters
  (a parameter without ``@Option`` is a positional one, as picocli has it).
- Fields and setter methods annotated ``@Option(names = ...)`` are options, named by the
  long name (``--port``) when there is one, else the longest; ``@Parameters`` are
  positional, ``<paramLabel>`` or ``<field>``. Those of a class the command's class
  extends, of a ``@Mixin`` or ``@ArgGroup`` field's class, or of ``mixins = {...}`` are
  the command's when that class is declared in the same file.
- ``mixinStandardHelpOptions = true`` adds ``--help`` and ``--version``, documented
  (picocli writes their help).

Documented is picocli's own help: a non-empty ``description`` (an array's lines joined;
a constant or an expression counts as written), for a command its ``header`` too; with
``resourceBundle =`` on the command, a description it lacks may be in the bundle and
counts as written. A class's Javadoc is not picocli's help.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tree_sitter import Node

from docaudit.analysers import treesitter
from docaudit.analysers.commands import Attach, Command, CommandFacts, Option
from docaudit.analysers.python.docstrings import classify
from docaudit.analysers.treesitter import text
from docaudit.model.symbols import EMPTY, MISSING, OK

MARKER = b"picocli"
"""A literal part of every file that uses picocli's annotations (their import)."""

_QUERY = """
(package_declaration (_) @package)
(import_declaration) @import
(class_declaration name: (identifier)) @class
(field_declaration
  declarator: (variable_declarator name: (identifier) @constant value: (string_literal) @value))
"""
_TYPES = frozenset(
    {"class_declaration", "interface_declaration", "enum_declaration", "record_declaration"}
)
_COMMENTS = frozenset({"line_comment", "block_comment"})
_BUILT_IN = {
    "HelpCommand": ("picocli/CommandLine#HelpCommand", "help", False),
    "GenerateCompletion": ("picocli/AutoComplete#GenerateCompletion", "generate-completion", True),
}
"""picocli's own subcommands: their key, name and whether picocli hides them."""
_STANDARD = ("--help", "--version")
_MAX_PARTS = 64
"""How many classes' options (mixins, groups, superclasses) a command gathers at most."""


@dataclass(eq=False)
class _Class:
    """A class of the file: its key, node, annotations, options and the classes of the
    file whose options it takes (superclass, mixins, argument groups)."""

    key: str
    node: Node
    annotations: dict[str, Node]
    options: list[Option] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)


def command_reader(
    grammar: Callable[[], object], root: Node, data: bytes, path: str
) -> CommandFacts:
    """Return the CLI one Java file declares (nothing, at the cost of one ``in`` test,
    when it does not name picocli)."""
    if MARKER not in data:
        return CommandFacts()
    return _Reader(grammar, root, path).facts()


class _Reader:
    """Reads one file's classes, then its commands, their options and subcommands."""

    def __init__(self, grammar: Callable[[], object], root: Node, path: str) -> None:
        """Read the file's package, imports, constants and classes."""
        self.module = path.removesuffix(".java")
        found = treesitter.captures(grammar, _QUERY, root)
        package = found.get("package", [])
        self.package = text(package[0]).replace(".", "/") if package else ""
        self.imports: dict[str, str] = {}
        self.wildcards = False
        for statement in found.get("import", []):
            imported = next((c for c in statement.named_children if c.type not in _COMMENTS), None)
            if any(c.type == "asterisk" for c in statement.children):
                self.wildcards = True
            elif imported is not None:
                self.imports[text(imported).rsplit(".", 1)[-1]] = text(imported)
        self.constants = {
            text(name): value
            for name, value in zip(found.get("constant", []), found.get("value", []), strict=False)
        }
        self.classes: dict[str, _Class] = {}
        """The file's classes by their qualified name (``Outer.Inner``)."""
        self.simple: dict[str, str] = {}
        """Each simple name of a class of the file to its qualified name."""
        for node in found.get("class", []):
            qualified = _qualified_name(node)
            self.classes[qualified] = _Class(
                f"java:{self.module}#{qualified}", node, _annotations(node)
            )
            self.simple.setdefault(qualified.rsplit(".", 1)[-1], qualified)
        self.commands: list[Command] = []
        self.options: list[Option] = []
        self.attachments: list[Attach] = []

    def facts(self) -> CommandFacts:
        """Return the file's commands, options and attachments."""
        for known in self.classes.values():
            self._members(known)
        for known in self.classes.values():
            command = known.annotations.get("Command")
            if command is not None:
                self._command(known, command)
        return CommandFacts(tuple(self.commands), tuple(self.options), tuple(self.attachments))

    # ------------------------------------------------------------ classes

    def _members(self, known: _Class) -> None:
        """Read a class's options and what it takes options from."""
        bundle = "resourceBundle" in _elements(known.annotations.get("Command"))
        superclass = known.node.child_by_field_name("superclass")
        if superclass is not None:
            known.parts += [self._local(t) for t in superclass.named_children]
        command = known.annotations.get("Command")
        for mixin in _values(_elements(command).get("mixins")):
            known.parts.append(self._local(mixin))
        body = known.node.child_by_field_name("body")
        for member in body.named_children if body is not None else ():
            annotations = _annotations(member)
            if member.type == "field_declaration":
                declarator = member.child_by_field_name("declarator")
                name = text(declarator.child_by_field_name("name")) if declarator else ""
                known.options += self._option(known.key, annotations, name, member, bundle)
                if "Mixin" in annotations or "ArgGroup" in annotations:
                    known.parts.append(self._local(member.child_by_field_name("type")))
            elif member.type == "method_declaration" and "Command" not in annotations:
                name = text(member.child_by_field_name("name"))
                known.options += self._option(known.key, annotations, name, member, bundle)
        known.parts = [part for part in known.parts if part]

    def _command(self, known: _Class, annotation: Node) -> None:
        """Record a command class, its options (its own and its parts'), its
        subcommands and its ``@Command`` methods."""
        elements = _elements(annotation)
        name = _literal(elements.get("name")) or text(known.node.child_by_field_name("name"))
        bundle = "resourceBundle" in elements
        verdict = _help(elements, name, bundle, ("description", "header"))
        hidden = _is_true(elements.get("hidden"))
        self.commands.append(
            Command(known.key, name, treesitter.line(known.node), verdict, hidden)
        )
        if _is_true(elements.get("mixinStandardHelpOptions")):
            line = treesitter.line(annotation)
            self.options += [Option(known.key, option, line, OK) for option in _STANDARD]
        self.options += [
            Option(known.key, o.name, o.line, o.help, o.hidden) for o in self._gathered(known)
        ]
        for value in _values(elements.get("subcommands")):
            child = self._class_key(value)
            if child is not None:
                self.attachments.append(Attach(known.key, child, treesitter.line(value)))
        body = known.node.child_by_field_name("body")
        for member in body.named_children if body is not None else ():
            method = _annotations(member).get("Command")
            if member.type == "method_declaration" and method is not None:
                self._method(known, member, method, bundle)

    def _gathered(self, known: _Class) -> list[Option]:
        """Return a class's options and those of the classes of the file it takes
        options from, each once (walked in a loop, at most ``_MAX_PARTS`` classes)."""
        options: list[Option] = []
        seen: set[str] = set()
        pending = [known.key]
        while pending and len(seen) < _MAX_PARTS:
            key = pending.pop(0)
            part = next((c for c in self.classes.values() if c.key == key), None)
            if key in seen or part is None:
                continue
            seen.add(key)
            options += part.options
            pending += part.parts
        return options

    def _method(self, owner: _Class, method: Node, annotation: Node, bundle: bool) -> None:
        """Record a ``@Command`` method: a subcommand of its class, its parameters."""
        elements = _elements(annotation)
        own = text(method.child_by_field_name("name"))
        name = _literal(elements.get("name")) or own
        key = f"{owner.key}.{own}"
        bundle = bundle or "resourceBundle" in elements
        verdict = _help(elements, name, bundle, ("description", "header"))
        hidden = _is_true(elements.get("hidden"))
        self.commands.append(Command(key, name, treesitter.line(method), verdict, hidden))
        self.attachments.append(Attach(owner.key, key, treesitter.line(method)))
        if _is_true(elements.get("mixinStandardHelpOptions")):
            line = treesitter.line(annotation)
            self.options += [Option(key, option, line, OK) for option in _STANDARD]
        parameters = method.child_by_field_name("parameters")
        for parameter in parameters.named_children if parameters is not None else ():
            if parameter.type not in ("formal_parameter", "spread_parameter"):
                continue
            annotations = _annotations(parameter)
            declarator = next(
                (c for c in parameter.named_children if c.type == "variable_declarator"), None
            )
            named = parameter.child_by_field_name("name") or declarator
            if named is not None and named.type == "variable_declarator":
                named = named.child_by_field_name("name")
            written = text(named)
            if not annotations.keys() & {"Option", "Parameters", "Mixin", "Spec", "ParentCommand"}:
                self.options.append(
                    Option(key, f"<{written}>", treesitter.line(parameter), MISSING)
                )
            else:
                self.options += self._option(key, annotations, written, parameter, bundle)

    def _option(
        self, command: str, annotations: dict[str, Node], name: str, at: Node, bundle: bool
    ) -> list[Option]:
        """Return the option or positional parameter a member's annotations declare."""
        option = annotations.get("Option")
        parameters = annotations.get("Parameters")
        annotation = option if option is not None else parameters
        if annotation is None:
            return []
        elements = _elements(annotation)
        if option is not None:
            names = [self._string(v) for v in _values(elements.get("names"))]
            known = [n for n in names if n]
            if not known:
                return []
            shown = next((n for n in known if n.startswith("--")), max(known, key=len))
        else:
            label = self._string(elements.get("paramLabel")) if "paramLabel" in elements else None
            shown = f"<{(label or name).strip('<>')}>"
        bundle = bundle or "descriptionKey" in elements
        verdict = _help(elements, shown.strip("<>-"), bundle, ("description",))
        hidden = _is_true(elements.get("hidden"))
        return [Option(command, shown, treesitter.line(at), verdict, hidden)]

    # ------------------------------------------------------------ names

    def _string(self, node: Node | None) -> str | None:
        """Return a string literal's value, or the one of a constant of the file."""
        if node is not None and node.type == "identifier":
            node = self.constants.get(text(node))
        return _literal(node)

    def _local(self, node: Node | None) -> str:
        """Return the key of a class of this file a type names (``""`` for another's)."""
        if node is None:
            return ""
        if node.type == "generic_type":  # @ArgGroup List<Group>: the group
            arguments = next((c for c in node.named_children if c.type == "type_arguments"), None)
            node = arguments.named_children[-1] if arguments and arguments.named_children else node
        if node.type == "class_literal" and node.named_children:
            node = node.named_children[0]
        written = "".join(text(node).split()).split("<", 1)[0]
        qualified = written if written in self.classes else self.simple.get(written, "")
        return self.classes[qualified].key if qualified in self.classes else ""

    def _class_key(self, value: Node) -> str | None:
        """Return the key of the class a ``X.class`` of ``subcommands`` names; picocli's
        own subcommands are declared here."""
        if value.type != "class_literal" or not value.named_children:
            return None
        written = "".join(text(value.named_children[0]).split())
        parts = written.split(".")
        owner = parts[-2] if len(parts) > 1 else "CommandLine"
        if parts[-1] in _BUILT_IN and owner in ("CommandLine", "AutoComplete"):
            key, name, hidden = _BUILT_IN[parts[-1]]
            command = Command(f"java:{key}", name, treesitter.line(value), OK, hidden)
            if command.key not in {c.key for c in self.commands}:
                self.commands.append(command)
            return command.key
        local = self._local(value)
        if local:
            return local
        first = parts[0]
        if first in self.imports:
            path, name = _split(self.imports[first].split(".") + parts[1:])
        elif first[:1].islower():  # a fully qualified name: com.x.Serve
            path, name = _split(parts)
        elif self.wildcards:  # in a package imported with *, or the file's own
            path, name = first, written
        else:
            path, name = f"{self.package}/{first}".lstrip("/"), written
        return f"java:{path}#{name}"


def _split(parts: list[str]) -> tuple[str, str]:
    """Split a qualified class name into the path of its file and its name there, at its
    first capitalised part: ``com.x.Outer.Inner`` is ``com/x/Outer`` and ``Outer.Inner``."""
    first = next((i for i, part in enumerate(parts) if part[:1].isupper()), len(parts) - 1)
    return "/".join(parts[: first + 1]), ".".join(parts[first:])


def _qualified_name(node: Node) -> str:
    """Return a class's name with those of the types around it (``Outer.Inner``)."""
    names: list[str] = []
    ancestor: Node | None = node
    while ancestor is not None:
        if ancestor.type in _TYPES:
            names.append(text(ancestor.child_by_field_name("name")))
        ancestor = ancestor.parent
    return ".".join(reversed(names))


def _annotations(node: Node) -> dict[str, Node]:
    """Return the annotations in a declaration's modifiers by their simple name (the
    first of each)."""
    modifiers = next((c for c in node.children if c.type == "modifiers"), None)
    found: dict[str, Node] = {}
    for child in modifiers.named_children if modifiers is not None else ():
        if child.type in ("marker_annotation", "annotation"):
            name = "".join(text(child.child_by_field_name("name")).split()).rsplit(".", 1)[-1]
            found.setdefault(name, child)
    return found


def _elements(annotation: Node | None) -> dict[str, Node]:
    """Return an annotation's elements by name (a bare value is ``value``)."""
    arguments = annotation.child_by_field_name("arguments") if annotation is not None else None
    elements: dict[str, Node] = {}
    for child in arguments.named_children if arguments is not None else ():
        if child.type == "element_value_pair":
            key, value = child.child_by_field_name("key"), child.child_by_field_name("value")
            if value is not None:
                elements[text(key)] = value
        elif child.type not in _COMMENTS:
            elements["value"] = child
    return elements


def _values(node: Node | None) -> list[Node]:
    """Return the values of an element: each of an array's, or the one value."""
    if node is None:
        return []
    if node.type != "element_value_array_initializer":
        return [node]
    return [c for c in node.named_children if c.type not in _COMMENTS]


def _help(elements: dict[str, Node], name: str, bundle: bool, keys: tuple[str, ...]) -> str:
    """Return the verdict of the first of ``keys`` an annotation gives with some text: a
    literal's (an array's lines joined) by ``classify``, written for anything else; one
    given empty is empty; none given is missing, or written when a resource bundle may
    hold it."""
    empty = False
    for key in keys:
        if key not in elements:
            continue
        literals = [_literal(value) for value in _values(elements[key])]
        if any(literal is None for literal in literals):
            return OK
        joined = "\n".join(literal or "" for literal in literals)
        if joined.strip():
            return classify(joined, name)
        empty = True
    return EMPTY if empty else OK if bundle else MISSING


def _is_true(node: Node | None) -> bool:
    """Tell whether an element's value is ``true``."""
    return node is not None and node.type == "true"


def _literal(node: Node | None) -> str | None:
    """Return a string literal's text (escapes kept as written), or ``None`` for anything
    else (a text block, a constant, an expression)."""
    if node is None or node.type != "string_literal":
        return None
    written = text(node)
    if written.startswith('"""') or len(written) < 2:
        return None
    return written[1:-1]
