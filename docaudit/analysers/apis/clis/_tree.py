"""Click and typer command trees: their records, and walking them into symbols.

``_Command``, ``_Edge`` and ``_Param`` hold what the cross-file graph makes of every
file's facts; ``_Walker`` names each command by its path as a user types it and emits
one symbol per command and per option or argument.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from docaudit.analysers.apis.clis._help import (
    _command_help,
    _Help,
    _judge,
    _option_help,
    _problem,
    _symbol,
)
from docaudit.analysers.apis.clis.facts import CommandFunction, Value
from docaudit.model.rules import CLI_ARGUMENT_HELP, CLI_COMMAND_HELP, CLI_OPTION_HELP
from docaudit.model.symbols import Symbol


@dataclass(slots=True)
class _Param:
    """An option or argument, ready to become a symbol."""

    kind: str
    label: str
    line: int
    help: _Help
    names: tuple[str, ...] = ()


@dataclass(slots=True)
class _Edge:
    """A command attached under a group, with the name and help the attachment gives it."""

    child: str
    line: int
    name: str | None = None
    help: Value = None
    has_help: bool = False
    hidden: bool = False


@dataclass(frozen=True, slots=True)
class _Callback:
    """A typer app's callback: its function and the keywords of its decorator."""

    function: CommandFunction
    kwargs: dict[str, Value]


@dataclass(slots=True)
class _Command:
    """A click command or group, a typer app or a typer command."""

    key: str
    family: str
    path: str
    line: int
    name: str
    group: bool
    help: _Help
    hidden: bool = False
    params: list[_Param] = field(default_factory=list)
    children: list[_Edge] = field(default_factory=list)
    has_parent: bool = False
    callback: _Callback | None = None
    typer_name: str | None = None
    prefix: str | None = None
    note: str | None = None


class _Walker:
    """Walks command trees, naming each command by its path, and makes the symbols."""

    def __init__(self, commands: Mapping[str, _Command]) -> None:
        """Walk over ``commands``; each is emitted once, from the first tree that reaches it."""
        self.commands = commands
        self.seen: set[str] = set()
        self.symbols: list[Symbol] = []

    def root(self, command: _Command, script: str | None, public: bool) -> None:
        """Emit a tree from ``command``, named ``script`` (else its own name)."""
        if command.key in self.seen:
            return
        program = script or command.name
        parts = [command.prefix, program] if command.prefix else [program]
        if command.family == "typer" and self._single_command(command):
            self.seen.add(command.key)
            edge = command.children[0]
            self.visit(self.commands[edge.child], parts, public, edge)
            return
        self.visit(command, parts, public, None)

    def _single_command(self, app: _Command) -> bool:
        """Return whether a typer app runs its only command directly (no callback, no groups)."""
        if not app.group or app.callback is not None or len(app.children) != 1:
            return False
        return not self.commands[app.children[0].child].group

    def visit(self, command: _Command, parts: list[str], public: bool, edge: _Edge | None) -> None:
        """Emit one command and its parameters, then its subcommands under its path."""
        if command.key in self.seen:
            return
        self.seen.add(command.key)
        if command.hidden or (edge is not None and edge.hidden):
            self._hide(command)
            return
        self.symbols.append(self._command_symbol(command, " ".join(parts), public, edge))
        self.params(command, parts, public)
        self.children(command, parts, public)

    def _hide(self, command: _Command) -> None:
        """Mark every subcommand of a hidden command as seen, so none is emitted."""
        for edge in command.children:
            if edge.child not in self.seen:
                self.seen.add(edge.child)
                self._hide(self.commands[edge.child])

    def children(self, command: _Command, parts: list[str], public: bool) -> None:
        """Visit the subcommands of a group; a typer sub-app without a name merges into it."""
        for edge in sorted(command.children, key=lambda e: (e.line, e.child)):
            child = self.commands[edge.child]
            name = edge.name or (child.typer_name if child.family == "typer" else child.name)
            if child.family == "typer" and child.group and edge.name is None and not name:
                self.seen.add(child.key)
                self.children(child, parts, public)
                continue
            self.visit(child, [*parts, name or child.name], public, edge)

    def params(self, command: _Command, parts: list[str], public: bool) -> None:
        """Emit the options and arguments of one command."""
        help_text = self._help(command, None).text
        for param in command.params:
            if param.help.state == "suppress":
                continue
            problems, note = _param_problems(param, help_text)
            qualname = " ".join([*parts, param.label])
            kind = "cli-option"
            self.symbols.append(
                _symbol(command.path, param.line, kind, qualname, public, problems, note)
            )

    def _help(self, command: _Command, edge: _Edge | None) -> _Help:
        """Return a command's help, counting a typer callback and ``add_typer(help=)``."""
        sources = [command.help]
        if command.callback is not None:
            callback = command.callback
            sources.append(_command_help(callback.kwargs, callback.function.doc))
        if edge is not None and edge.has_help:
            sources.append(_judge(edge.help))
        for state in ("text", "dynamic", "empty"):
            for source in sources:
                if source.state == state:
                    return source
        return _Help("missing")

    def _command_symbol(
        self, command: _Command, qualname: str, public: bool, edge: _Edge | None
    ) -> Symbol:
        """Return the symbol of one command or group."""
        found = self._help(command, edge)
        written = found.state in ("text", "dynamic")
        problems = [] if written else [_problem(found, CLI_COMMAND_HELP)]
        note = command.note
        if found.state == "dynamic":
            note = "help is not a literal; counted as written"
        return _symbol(command.path, command.line, "cli-command", qualname, public, problems, note)


def _param_problems(param: _Param, command_help: str) -> tuple[list[str], str | None]:
    """Return the problems of one option or argument, and a note on how it was judged."""
    if param.kind == "option":
        rule, found = CLI_OPTION_HELP, _option_help(param.help, param.label)
    else:
        rule, found = CLI_ARGUMENT_HELP, param.help
    if found.state == "text":
        return [], None
    if found.state == "dynamic":
        return [], "help is not a literal; counted as written"
    if param.kind == "argument" and any(_mentions(command_help, name) for name in param.names):
        return [], "named in the command's help"
    return [_problem(found, rule)], None


def _mentions(text: str, name: str) -> bool:
    """Return whether ``name`` appears in ``text`` as a whole word."""
    if not name or name == "?":
        return False
    return re.search(rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])", text) is not None
