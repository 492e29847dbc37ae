"""What the environment-variable collector records of one file (``EnvFacts``): its reads,
wrapper templates, signatures, candidate calls, parameter reads and bindings, with each
call argument described as an ``Arg`` (what it can tell about a variable's name)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import ClassVar


@dataclass(frozen=True, slots=True)
class Known:
    """A string known statically: ``value``; ``text`` is the argument's source."""

    tag: ClassVar[str] = "s"
    value: str
    text: str


@dataclass(frozen=True, slots=True)
class FromParam:
    """``prefix`` + a parameter ``param`` of the enclosing function + ``suffix``."""

    tag: ClassVar[str] = "p"
    param: str
    prefix: str
    suffix: str
    text: str


@dataclass(frozen=True, slots=True)
class Built:
    """A string built at run time, starting with the literal ``prefix``."""

    tag: ClassVar[str] = "d"
    prefix: str
    text: str


@dataclass(frozen=True, slots=True)
class NotText:
    """A constant that is not a string, or a default's source text."""

    tag: ClassVar[str] = "x"
    text: str


@dataclass(frozen=True, slots=True)
class Environ:
    """``os.environ`` itself, passed as an argument."""

    tag: ClassVar[str] = "e"
    text: str


Arg = Known | FromParam | Built | NotText | Environ
"""A call argument, described."""


@dataclass(frozen=True, slots=True)
class Read:
    """A read whose variable the file names by itself: the name (``PREFIX*`` when built at
    run time, then ``dynamic``), its line, the reading library, its default's source,
    whether a missing variable fails (``None``: not known), the comment or help text that
    describes it, and whether the name is matched case-insensitively."""

    name: str
    line: int
    source: str
    default: str | None
    required: bool | None
    description: str | None
    case_insensitive: bool
    dynamic: bool


@dataclass(frozen=True, slots=True)
class Template:
    """A read inside ``function`` whose variable is ``prefix + param + suffix``: a wrapper
    to expand at its call sites. ``default`` is ``("param", name)`` when a parameter gives
    the default, else ``("fixed", source or None)``."""

    function: str
    line: int
    source: str
    prefix: str
    suffix: str
    param: str
    default: tuple[str, str | None]
    strict: bool


@dataclass(frozen=True, slots=True)
class Signature:
    """The parameters of a function as calls fill them: positional ones (the first
    ``skip`` are not passed: ``self``/``cls``), keyword-only ones, and the source of each
    default."""

    positional: tuple[str, ...]
    keyword_only: tuple[str, ...]
    skip: int
    defaults: dict[str, str]

    def argument(
        self, positional: Sequence[Arg], keywords: Mapping[str, Arg], param: str
    ) -> Arg | None:
        """Return the argument a call with these arguments passes for ``param``, if known."""
        if param in keywords:
            return keywords[param]
        if param in self.positional:
            index = self.positional.index(param) - self.skip
            if 0 <= index < len(positional):
                return positional[index]
        return None


@dataclass(frozen=True, slots=True)
class CandidateCall:
    """A call whose arguments could name a variable through a wrapper: the resolved
    callee, line, described arguments (``star``: ``*args``/``**kwargs`` pass more), the
    function making it when it forwards a parameter, and the comment at it."""

    callee: str
    line: int
    positional: tuple[Arg, ...]
    keywords: dict[str, Arg]
    star: bool
    caller: str | None
    comment: str | None = None


@dataclass(frozen=True, slots=True)
class ParameterRead:
    """A literal key read in ``function`` from its parameter ``param`` (``param["X"]``,
    ``param.get("X", d)``): a read when a caller passes ``os.environ``."""

    function: str
    param: str
    name: str
    line: int
    default: str | None
    strict: bool


@dataclass(frozen=True, slots=True)
class EnvFacts:
    """The environment facts of one file; ``bindings`` maps module-level names bound to a
    reader or an instance to what they are bound to, ``auto_prefixes`` lists click's
    ``auto_envvar_prefix`` values."""

    reads: tuple[Read, ...] = ()
    templates: tuple[Template, ...] = ()
    functions: dict[str, Signature] = field(default_factory=dict)
    calls: tuple[CandidateCall, ...] = ()
    bindings: dict[str, str] = field(default_factory=dict)
    auto_prefixes: tuple[str, ...] = ()
    parameter_reads: tuple[ParameterRead, ...] = ()
