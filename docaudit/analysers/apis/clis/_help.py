"""Judging help values and making CLI symbols, for the click/typer and argparse builders.

``_judge`` sorts a help value into text, empty, missing, suppressed or not literal, and
``_option_help`` an option's text into text or placeholder; the other helpers read
declarations (names, flags, ``hidden=``) and ``_symbol`` makes the ``Symbol`` of a
command or parameter, with the rule each problem breaks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from docaudit.analysers.apis.clis.facts import Ref, Value
from docaudit.analysers.python.docstrings import classify
from docaudit.model.rules import Rule, help_problem
from docaudit.model.symbols import PLACEHOLDER, Symbol

_SUPPRESS = "==SUPPRESS=="


@dataclass(slots=True)
class _Help:
    """How a command or parameter is described: ``text``, ``empty``, ``missing``, ``dynamic``,
    or (an option's) ``placeholder``."""

    state: str
    text: str = ""


def _help_of(kwargs: Mapping[str, Value], key: str = "help", star: bool = False) -> _Help:
    """Judge the ``help=``-style keyword ``key`` of a call."""
    if key not in kwargs:
        return _Help("dynamic") if star else _Help("missing")
    return _judge(kwargs[key])


def _judge(value: Value) -> _Help:
    """Judge one help value: literal text, empty, missing (None), suppressed or not literal."""
    if value is None:
        return _Help("missing")
    if isinstance(value, str):
        if value == _SUPPRESS:
            return _Help("suppress")
        return _Help("text", value) if value.strip() else _Help("empty")
    if isinstance(value, Ref) and value.name.endswith("SUPPRESS"):
        return _Help("suppress")
    return _Help("dynamic")


def _command_help(kwargs: Mapping[str, Value], doc: str | None) -> _Help:
    """Return click's command help: ``help=`` unless None, else the docstring; cut at ``\\f``."""
    found = _judge(kwargs.get("help"))
    if found.state == "missing" and doc is not None:
        found = _judge(doc)
    if found.state == "text":
        cut = found.text.split("\f", 1)[0]
        return _Help("text", cut) if cut.strip() else _Help("empty")
    return found


def _option_help(found: _Help, label: str) -> _Help:
    """Return an option's help, a ``placeholder`` when its text is a TODO, a stub or only
    restates the option's name ``label`` (``--dry-run``: "Dry run.")."""
    if found.state == "text" and classify(found.text, label) == PLACEHOLDER:
        return _Help(PLACEHOLDER, found.text)
    return found


def _literal(value: Value) -> str | None:
    """Return ``value`` when it is a non-empty literal string."""
    return value if isinstance(value, str) and value else None


def _flags(values: Iterable[Value]) -> list[str]:
    """Return the option flags among declarations (``--x/--no-x`` gives both)."""
    found = []
    for value in values:
        if isinstance(value, str):
            found += [part.strip() for part in value.split("/") if part.strip().startswith("-")]
    return found


def _option_label(flags: list[str]) -> str:
    """Return the first long flag, else the first flag, else ``?``."""
    longs = [flag for flag in flags if flag.startswith("--")]
    return (longs or flags or ["?"])[0]


def _is_hidden(kwargs: Mapping[str, Value]) -> bool:
    """Return whether a call has a literal ``hidden=True``."""
    return kwargs.get("hidden") is True


def _problem(found: _Help, rule: Rule) -> str:
    """Return the problem of ``rule``: ``missing help (rule)``, ``empty help (rule)`` or
    ``placeholder help (rule)``."""
    word = found.state if found.state in ("empty", PLACEHOLDER) else "missing"
    return help_problem(rule, word)


def _symbol(
    path: str,
    line: int,
    kind: str,
    qualname: str,
    public: bool,
    problems: list[str],
    note: str | None = None,
) -> Symbol:
    """Return a CLI symbol, documented when it has no problems."""
    documented = not problems
    return Symbol(
        path=path,
        line=line,
        kind=kind,
        qualname=qualname,
        public=public,
        documented=documented,
        problems=problems,
        note=note,
        level="documented" if documented else "undocumented",
    )
