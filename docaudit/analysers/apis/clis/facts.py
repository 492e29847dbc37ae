"""What the CLI collector records of one file (``CliFacts``): functions with command or
option decorators, module-level click/typer objects, ``add_command``/``add_typer`` links,
script entry functions, argparse parsers and their arguments.

Arguments are kept as ``Value``: a literal as it is written (``None``, a string, a boolean,
a number, or a tuple of values for a list, tuple or set), a ``Call``, a ``Ref`` to a name,
or an ``Expr`` naming the kind of any other expression.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Union


@dataclass(frozen=True, slots=True)
class Call:
    """A call: the dotted name called (``None`` when it is not a name), its positional
    arguments (up to a ``*args``), keyword arguments, and whether ``*``/``**`` add more."""

    tag: ClassVar[str] = "call"
    callee: str | None
    args: tuple[Value, ...]
    kwargs: dict[str, Value]
    star: bool


@dataclass(frozen=True, slots=True)
class Ref:
    """A dotted name resolved through the file's imports."""

    tag: ClassVar[str] = "ref"
    name: str


@dataclass(frozen=True, slots=True)
class Expr:
    """Any other expression, by the name of its syntax node (``BinOp``, ``Lambda``...)."""

    tag: ClassVar[str] = "expr"
    kind: str


Value = Union[None, str, bool, int, float, tuple["Value", ...], Call, Ref, Expr]  # noqa: UP007
"""An argument as the CLI collector records it."""


@dataclass(frozen=True, slots=True)
class Decorator:
    """A decorator as a call (a bare name has no arguments) and its line."""

    call: Call
    line: int


@dataclass(frozen=True, slots=True)
class Parameter:
    """A function parameter: its name, line, default, annotation (a dotted name) and the
    calls in its ``Annotated[...]`` metadata."""

    name: str
    line: int
    has_default: bool
    default: Value
    annotation: str | None
    extras: tuple[Value, ...]


@dataclass(frozen=True, slots=True)
class CommandFunction:
    """A function with command or option decorators, its docstring and signature."""

    name: str
    line: int
    doc: str | None
    decorators: tuple[Decorator, ...]
    params: tuple[Parameter, ...]


@dataclass(frozen=True, slots=True)
class CliObject:
    """A module-level ``name = <click or typer call>(...)``."""

    name: str
    line: int
    call: Call


@dataclass(frozen=True, slots=True)
class Link:
    """An ``x.add_command(...)``/``x.add_typer(...)`` call on the receiver ``x``."""

    receiver: str | None
    method: str
    line: int
    call: Call


@dataclass(frozen=True, slots=True)
class Parser:
    """An argparse parser, sub-parser or Django command: its ``id`` in the file, ``kind``
    (``argparse`` or ``django``), parent parser, sub-parser name, line, keywords (``**``:
    ``True`` after a ``**kwargs``) and the parsers its ``parents=`` lists."""

    id: int
    kind: str
    parent: int | None
    name: Value
    line: int
    kwargs: dict[str, Value]
    parents: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Argument:
    """An ``add_argument`` call on the parser ``parser``."""

    parser: int
    line: int
    call: Call


@dataclass(frozen=True, slots=True)
class CliFacts:
    """The CLI facts of one file: the CLI libraries it imports (``click``, ``typer``) and
    what it declares with them; ``entries`` maps each plain top-level function to the
    names it calls (what a script entry point may run)."""

    libs: tuple[str, ...]
    functions: tuple[CommandFunction, ...] = ()
    objects: tuple[CliObject, ...] = ()
    links: tuple[Link, ...] = ()
    entries: dict[str, tuple[str, ...]] = field(default_factory=dict)
    parsers: tuple[Parser, ...] = ()
    arguments: tuple[Argument, ...] = ()
