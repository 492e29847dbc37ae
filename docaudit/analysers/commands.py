"""Command-line interfaces of the other languages' libraries, joined across files.

Each language's ``commands`` module reads one file's commands, options and attachments
into ``CommandFacts`` (recorded with the parse, as the ``commands`` facts);
``command_symbols`` joins every file's facts into ``cli-command`` and ``cli-option``
symbols named as Python's are: ``tool serve`` and ``tool serve --port``.

A command is named by a key that means the same in every file (``crosskeys``):
``rootCmd.AddCommand(serveCmd)`` in one file attaches a command another file builds. A
command nothing attaches is a root: its name is the program's (cobra's ``Use``,
commander's ``.name()``, clap's ``#[command(name)]``, picocli's ``@Command(name)``, or
the name its language gives the program). A command reached through a cycle of
attachments is named from where the cycle was entered.

Documented is the library's own help: cobra's ``Short``/``Long``, a flag's usage
string, commander's ``.description()``, clap's doc comments and ``help``/``about``,
picocli's ``description``; each verdict is ``OK``, ``missing``, ``empty`` or
``placeholder``, as Python's CLIs have them, and a hidden command or option is counted
but not public.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from docaudit.analysers.crosskeys import Keys
from docaudit.model.rules import CLI_COMMAND_HELP, CLI_OPTION_HELP, help_problem
from docaudit.model.symbols import OK, PLACEHOLDER, ModuleFacts, Symbol

_MAX_DEPTH = 16
"""How many attachments deep a command's name is followed."""


@dataclass(frozen=True, slots=True)
class Command:
    """A command (``key``, see the module's docstring) called ``name`` on ``line``, with
    its help's verdict and whether it is hidden."""

    key: str
    name: str
    line: int
    help: str
    hidden: bool = False


@dataclass(frozen=True, slots=True)
class Option:
    """An option or argument of the command ``command``: ``--port``, ``-v``, or
    ``<path>`` for a positional one; its line, help verdict and whether it is hidden."""

    command: str
    name: str
    line: int
    help: str
    hidden: bool = False


@dataclass(frozen=True, slots=True)
class Attach:
    """The command ``child`` made a subcommand of ``parent``, on ``line``."""

    parent: str
    child: str
    line: int


@dataclass(frozen=True, slots=True)
class CommandFacts:
    """What one file of another language builds of a command-line interface."""

    commands: tuple[Command, ...] = ()
    options: tuple[Option, ...] = ()
    attachments: tuple[Attach, ...] = ()


def command_facts(facts: CommandFacts) -> tuple[tuple[str, object], ...]:
    """Return a file's ``commands`` facts (nothing when it builds no CLI)."""
    return (("commands", facts),) if facts != CommandFacts() else ()


def command_symbols(modules: Sequence[ModuleFacts[CommandFacts]]) -> list[Symbol]:
    """Return a ``cli-command`` symbol per command and a ``cli-option`` per option of
    ``modules``, named by their path from the root command."""
    commands: dict[str, tuple[str, Command]] = {}
    for module in modules:
        for command in module.facts.commands:
            commands.setdefault(command.key, (module.path, command))
    keys = Keys(list(commands))
    parents: dict[str, list[str]] = defaultdict(list)
    for module in modules:
        for attach in module.facts.attachments:
            child, parent = keys.resolve(attach.child), keys.resolve(attach.parent)
            if child in commands and parent in commands and parent not in parents[child]:
                parents[child].append(parent)
    names = _Names(commands, parents)
    symbols = []
    for key, (path, command) in commands.items():
        for name, hidden in names.of(key):
            symbols.append(_symbol(path, command.line, "cli-command", name, command.help, hidden))
    for module in modules:
        for option in module.facts.options:
            key = keys.resolve(option.command)
            for name, hidden in names.of(key) if key in commands else ():
                symbols.append(
                    _symbol(
                        module.path,
                        option.line,
                        "cli-option",
                        f"{name} {option.name}",
                        option.help,
                        hidden or option.hidden,
                    )
                )
    unique = {(s.kind, s.qualname, s.path, s.line): s for s in symbols}
    return sorted(unique.values(), key=lambda s: (s.path, s.line, s.qualname))


class _Names:
    """The full names of each command: its name after each chain of its parents'."""

    def __init__(
        self, commands: dict[str, tuple[str, Command]], parents: dict[str, list[str]]
    ) -> None:
        """Keep the commands and, for each, the commands it is attached to."""
        self.commands = commands
        self.parents = parents

    def of(self, key: str) -> list[tuple[str, bool]]:
        """Return each full name of the command ``key`` and whether a command on the way
        hides it (walked in a loop; a cycle or a chain over ``_MAX_DEPTH`` stops)."""
        found: set[tuple[str, bool]] = set()
        stack: list[tuple[str, str, bool, frozenset[str]]] = [(key, "", False, frozenset())]
        while stack:
            current, tail, hidden, seen = stack.pop()
            command = self.commands[current][1]
            name = f"{command.name} {tail}".strip()
            hidden = hidden or command.hidden
            above = [p for p in self.parents.get(current, ()) if p not in seen | {current}]
            if not above or len(seen) >= _MAX_DEPTH:
                found.add((name, hidden))
            for parent in above:
                stack.append((parent, name, hidden, seen | {current}))
        return sorted(found)


def _symbol(path: str, line: int, kind: str, qualname: str, verdict: str, hidden: bool) -> Symbol:
    """Return a CLI symbol, documented when its help's verdict is ``OK`` (for a command, a
    placeholder too, as for code: ``cli-command-help`` knows no placeholder)."""
    command = kind == "cli-command"
    rule = CLI_COMMAND_HELP if command else CLI_OPTION_HELP
    documented = verdict == OK or (command and verdict == PLACEHOLDER)
    return Symbol(
        path=path,
        line=line,
        kind=kind,
        qualname=qualname,
        public=not hidden,
        documented=documented,
        problems=[] if documented else [help_problem(rule, verdict)],
        level="documented" if documented else "undocumented",
    )
