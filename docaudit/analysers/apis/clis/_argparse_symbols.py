"""Symbols of argparse parsers, sub-parsers, Django commands and their arguments.

``_ParserTree`` names one file's parsers by command path (the script, ``prog=`` or the
file's stem, then each sub-parser's name), skips parent templates and suppressed
sub-parsers, and judges each parser's and argument's help.
"""

from __future__ import annotations

from collections.abc import Sequence

from docaudit.analysers.apis.clis._help import (
    _flags,
    _Help,
    _help_of,
    _judge,
    _literal,
    _option_help,
    _option_label,
    _problem,
    _symbol,
)
from docaudit.analysers.apis.clis.facts import Argument, CliFacts, Parser
from docaudit.model.rules import CLI_ARGUMENT_HELP, CLI_COMMAND_HELP, CLI_OPTION_HELP, help_problem
from docaudit.model.symbols import ModuleFacts, Symbol

_AUTO_HELP = frozenset({"version", "help"})


def _argparse_symbols(
    modules: Sequence[ModuleFacts[CliFacts]], scripts: list[tuple[str, str]]
) -> list[Symbol]:
    """Return the symbols of every argparse parser, sub-parser, Django command and argument
    (``scripts``: sorted ``(name, target)`` pairs of ``[project.scripts]``)."""
    script_of: dict[str, str] = {}
    for script, target in scripts:
        module = str(target).split(":", 1)[0].strip()
        script_of.setdefault(module, script)
    symbols = []
    for module in modules:
        parsers = module.facts.parsers
        if parsers:
            symbols += _ParserTree(module, parsers, script_of.get(module.module)).symbols()
    return symbols


class _ParserTree:
    """The parsers of one file, named by path, with their arguments."""

    def __init__(
        self, module: ModuleFacts[CliFacts], parsers: Sequence[Parser], script: str | None
    ) -> None:
        """Index one file's parsers; ``script`` names the program when a script runs it."""
        self.module = module
        self.parsers = {parser.id: parser for parser in parsers}
        self.script = script
        self.templates = {parent for parser in parsers for parent in parser.parents}
        self.names: dict[int, str | None] = {}

    def symbols(self) -> list[Symbol]:
        """Return the symbols of the parsers and arguments of this file."""
        found = []
        for parser_id in sorted(self.parsers):
            name = self.qualname(parser_id, set())
            if name is not None and parser_id not in self.templates:
                found.append(self._parser_symbol(self.parsers[parser_id], name))
        for argument in self.module.facts.arguments:
            symbol = self._argument_symbol(argument)
            if symbol is not None:
                found.append(symbol)
        return found

    def qualname(self, parser_id: int, seen: set[int]) -> str | None:
        """Return a parser's command path, or None when hidden or not a command."""
        if parser_id in self.names:
            return self.names[parser_id]
        parser = self.parsers.get(parser_id)
        if parser is None or parser_id in seen:
            return None
        seen.add(parser_id)
        self.names[parser_id] = name = self._name(parser, seen)
        return name

    def _name(self, parser: Parser, seen: set[int]) -> str | None:
        """Work out a parser's command path from its parent's."""
        if parser.kind == "django":
            return f"manage.py {self._stem()}" if self._is_django_command() else None
        if parser.parent is None:
            return _literal(parser.kwargs.get("prog")) or self.script or self._stem()
        if _judge(parser.kwargs.get("help")).state == "suppress":
            return None
        parent = self.qualname(parser.parent, seen)
        if parent is None:
            return None
        return f"{parent} {_literal(parser.name) or '?'}"

    def _stem(self) -> str:
        """Return the file's stem (the package name for ``__main__.py``)."""
        directory, _, filename = self.module.path.rpartition("/")
        stem = filename.rsplit(".", 1)[0]
        if stem == "__main__" and directory:
            return directory.rsplit("/", 1)[-1]
        return stem

    def _is_django_command(self) -> bool:
        """Return whether the file is a management command Django would find."""
        path = "/" + self.module.path
        return "/management/commands/" in path and not self._stem().startswith("_")

    def _parser_symbol(self, parser: Parser, qualname: str) -> Symbol:
        """Return the symbol of one parser, sub-parser or Django command."""
        kwargs = parser.kwargs
        keys = ("description",) if parser.parent is None else ("help", "description")
        if parser.kind == "django":
            keys = ("help",)
        states = [_help_of(kwargs, key, star=bool(kwargs.get("**"))) for key in keys]
        problems, note = _parser_problems(states, keys[0])
        public = parser.kind != "django" and self.script is not None
        return _symbol(
            self.module.path, parser.line, "cli-command", qualname, public, problems, note
        )

    def _argument_symbol(self, argument: Argument) -> Symbol | None:
        """Return the symbol of one ``add_argument`` call, or None when suppressed or orphaned."""
        owner = self._owner(argument.parser)
        if owner is None:
            return None
        kwargs, args = argument.call.kwargs, argument.call.args
        help_ = _help_of(kwargs, star=argument.call.star)
        if help_.state == "suppress":
            return None
        if (
            help_.state == "missing"
            and "help" not in kwargs
            and _literal(kwargs.get("action")) in _AUTO_HELP
        ):
            help_ = _Help("auto")
        flags = _flags(args)
        first = _literal(args[0]) if args else _literal(kwargs.get("dest"))
        if flags or not first:
            label, rule = _option_label(flags), CLI_OPTION_HELP
            help_ = _option_help(help_, label)
        else:
            label, rule = first.upper(), CLI_ARGUMENT_HELP
        problems, note = [], None
        if help_.state == "dynamic":
            note = "help is not a literal; counted as written"
        elif help_.state == "auto":
            note = "argparse writes the help of this action"
        elif help_.state != "text":
            problems = [_problem(help_, rule)]
        public = self.parsers[argument.parser].kind != "django" and self.script is not None
        qualname = f"{owner} {label}"
        return _symbol(
            self.module.path, argument.line, "cli-option", qualname, public, problems, note
        )

    def _owner(self, parser_id: int) -> str | None:
        """Return the command path arguments of ``parser_id`` appear under."""
        if parser_id in self.templates:
            users = [p.id for p in self.parsers.values() if parser_id in p.parents]
            return next((self.qualname(u, set()) for u in sorted(users)), None)
        return self.qualname(parser_id, set()) if parser_id in self.parsers else None


def _parser_problems(states: list[_Help], key: str) -> tuple[list[str], str | None]:
    """Judge a parser from its ``description=``/``help=``: written, not literal, or missing."""
    if any(state.state == "text" for state in states):
        return [], None
    if any(state.state == "dynamic" for state in states):
        return [], "help is not a literal; counted as written"
    word = "empty" if any(state.state == "empty" for state in states) else "missing"
    return [help_problem(CLI_COMMAND_HELP, word, key)], None
