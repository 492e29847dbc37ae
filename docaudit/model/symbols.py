"""What the analysers yield: source files, parsed modules, per-file facts, symbols and file
errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

F = TypeVar("F")
"""The type of facts one collector records of a file."""

MISSING = "missing"
EMPTY = "empty"
PLACEHOLDER = "placeholder"
OK = "ok"
"""A docstring's verdicts: the first three are a symbol's documentation problems."""

REPOSITORY_WIDE_KINDS = frozenset({"env-var"})
"""Kinds of symbol that belong to the repository as a whole, whichever file names them."""


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file chosen for the audit.

    ``path`` is relative to ``root`` and uses forward slashes; ``blob_id`` is git's
    object id when the file is tracked and unmodified, else ``None``; ``file_class``
    is one of ``fileclass.FILE_CLASSES`` (product, tests, generated, ...).
    """

    path: str
    abspath: str
    blob_id: str | None
    language: str
    kind: str
    file_class: str = "product"


@dataclass(frozen=True, slots=True)
class Definition:
    """A module, class or function as found in source, before any counting rule.

    Both parsers (``ast`` and libcst) produce these, so the rules see one shape.
    ``decorators`` and ``bases`` are dotted names already resolved through the
    file's imports; ``doc`` judges the docstring (``ok``, ``missing``, ``empty`` or
    ``placeholder``) and ``pragma`` names the comment that excuses it, if any.
    ``span`` is its first line (its first decorator's) and its last. ``traits`` are
    what another language's counting rules need to know of it (``exported``,
    ``empty``, ``getter``, ``context=FunctionDeclaration``, ...): each language names its
    own.
    """

    kind: str
    name: str
    line: int
    is_async: bool
    decorators: tuple[str, ...]
    bases: tuple[str, ...]
    doc: str
    pragma: str | None
    children: tuple[Definition, ...] = ()
    span: tuple[int, int] = (0, 0)
    traits: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ModuleBody:
    """What a parser reads from one file: its docstring, definitions and ``__all__``."""

    docstring: str | None
    children: tuple[Definition, ...]
    exports: tuple[str, ...] | None


@dataclass(frozen=True, slots=True)
class ParsedModule:
    """Everything the counting rules need from one Python file.

    ``exports`` is the literal ``__all__`` (``None`` where it is absent or not
    literal); ``aliases`` maps names bound by imports at module level to the
    dotted names they refer to; ``imports`` lists each dotted name imported anywhere
    in the file with how (see ``analysers.python.names.IMPORT_KINDS``); ``facts`` pairs each fact
    collector's name with the facts it found, of that collector's type (see
    ``analysers.collectors``). ``language`` names the file's language; ``error`` is the
    first syntax error of a file parsed in part (tree-sitter recovers from errors: what
    parses is counted, and the error is reported); ``notice`` says what was left out of
    it (minified lines), which is reported but is no error; a generated file's is
    ``GENERATED``, and the run reports those together (``generated_notice``).
    """

    module: Definition
    exports: tuple[str, ...] | None
    aliases: tuple[tuple[str, str], ...]
    parser: str
    imports: tuple[tuple[str, str], ...] = ()
    facts: tuple[tuple[str, object], ...] = ()
    language: str = "python"
    error: str | None = None
    notice: str | None = None


GENERATED = "generated: not counted (a code generator's marker or path)"
"""The notice of a generated file of another language (the run says how many it left)."""


def generated_notice(paths: list[str]) -> str:
    """Return the run's one notice of the generated files it did not count (the first
    three named)."""
    named = ", ".join(paths[:3]) + (f" and {len(paths) - 3:,} more" if len(paths) > 3 else "")
    return (
        f"{len(paths):,} generated file(s) not counted: {named}"
        " (a code generator's marker or path; see docs/languages.md)"
    )


@dataclass(frozen=True, slots=True)
class FileFacts:
    """A file's module-level import bindings and its fact collectors' findings, as in
    ``ParsedModule.facts``."""

    aliases: tuple[tuple[str, str], ...]
    facts: tuple[tuple[str, object], ...]


@dataclass(frozen=True, slots=True)
class ModuleFacts(Generic[F]):
    """What one fact collector (``analysers.collectors``) found in one Python file.

    ``facts`` is of the collector's fact type; ``aliases`` the file's module-level
    import bindings (name to dotted target), to resolve names across files.
    """

    path: str
    module: str
    aliases: dict[str, str]
    facts: F


@dataclass(slots=True)
class Symbol:
    """A counted documentable thing and whether it is documented.

    Code symbols (module, class, function, method) come from the census; the other
    kinds (endpoint, cli-command, env-var, config-key, spec-operation, ...) carry a
    ``level`` (how far documented: ``undocumented``, ``declared``, ``documented``,
    ``complete``), the other places they are used or read (``sites``, ``path:line``)
    and their literal ``default`` where they have one. ``language`` is the language of
    the code a code symbol is in (``None`` for the other kinds).
    """

    path: str
    line: int
    kind: str
    qualname: str
    public: bool
    documented: bool
    problems: list[str] = field(default_factory=list)
    note: str | None = None
    span: tuple[int, int] = (0, 0)
    level: str | None = None
    sites: list[str] = field(default_factory=list)
    default: str | None = None
    language: str | None = None

    @property
    def fingerprint(self) -> str:
        """Return ``path::kind::qualname``: what identifies it across unrelated edits.

        An environment variable belongs to the repository, not to the file that happens
        to read it first, so its fingerprint has no path.
        """
        path = "" if self.kind in REPOSITORY_WIDE_KINDS else self.path
        return f"{path}::{self.kind}::{self.qualname}"


def judged(
    path: str,
    definition: Definition,
    kind: str,
    qualname: str,
    public: bool,
    language: str,
    placeholders_undocumented: bool,
) -> Symbol:
    """Return the symbol of a counted definition, judged by its docstring or doc comment:
    documented when it is ``ok``, or a placeholder that ``placeholders_undocumented``
    does not refuse; its verdict is its problem otherwise."""
    doc = definition.doc
    return Symbol(
        path,
        definition.line,
        kind,
        qualname,
        public,
        doc == OK or (doc == PLACEHOLDER and not placeholders_undocumented),
        [] if doc == OK else [doc],
        span=definition.span,
        language=language,
    )


@dataclass(frozen=True, slots=True)
class FileError:
    """A problem in one file: it could not be analysed, or it holds an error (a stale
    export, a broken reference), with the cause in one line.

    ``kind`` names the kind of symbol the problem is about (``export``, ``config-key``,
    ``spec``) where it is not the file as a whole: such an error fails the gates only
    when that kind counts (``syntax``, a file read in part, never does).
    """

    path: str
    message: str
    kind: str | None = None

    def counts_for(self, kinds: frozenset[str]) -> bool:
        """Tell whether the error fails the gates when ``kinds`` are the counted kinds."""
        return (
            self.kind is None
            or self.kind in kinds
            or (self.kind == "spec" and any(k.startswith("spec-") for k in kinds))
        )
