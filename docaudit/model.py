"""The plain dataclasses every stage returns and every reporter reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA = "docaudit/1"
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
    ``span`` is its first line (its first decorator's) and its last.
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
    in the file with how (see ``docs.names.IMPORT_KINDS``); ``facts`` pairs each fact
    collector's name with what it found (see ``docs.facts``).
    """

    module: Definition
    exports: tuple[str, ...] | None
    aliases: tuple[tuple[str, str], ...]
    parser: str
    imports: tuple[tuple[str, str], ...] = ()
    facts: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True, slots=True)
class FileFacts:
    """A file's module-level import bindings and its fact collectors' findings."""

    aliases: tuple[tuple[str, str], ...]
    facts: tuple[tuple[str, Any], ...]


@dataclass(frozen=True, slots=True)
class ModuleFacts:
    """What one fact collector (``docs.facts``) found in one Python file.

    ``facts`` is the collector's JSON-ready value; ``aliases`` the file's module-level
    import bindings (name to dotted target), to resolve names across files.
    """

    path: str
    module: str
    aliases: dict[str, str]
    facts: Any


@dataclass(slots=True)
class Symbol:
    """A counted documentable thing and whether it is documented.

    Code symbols (module, class, function, method) come from the census; the other
    kinds (endpoint, cli-command, env-var, config-key, spec-operation, ...) carry a
    ``level`` (how far documented: ``undocumented``, ``declared``, ``documented``,
    ``complete``), the other places they are used or read (``sites``, ``path:line``)
    and their literal ``default`` where they have one.
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

    @property
    def fingerprint(self) -> str:
        """Return ``path::kind::qualname``: what identifies it across unrelated edits.

        An environment variable belongs to the repository, not to the file that happens
        to read it first, so its fingerprint has no path.
        """
        path = "" if self.kind in REPOSITORY_WIDE_KINDS else self.path
        return f"{path}::{self.kind}::{self.qualname}"


@dataclass(frozen=True, slots=True)
class FileError:
    """A problem in one file: it could not be analysed, or it holds an error (a stale
    export, a broken reference), with the cause in one line.

    ``kind`` names the kind of symbol the problem is about (``export``, ``config-key``,
    ``spec``) where it is not the file as a whole: such an error fails the gates only
    when that kind counts.
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


@dataclass(frozen=True, slots=True)
class Tally:
    """Counted and missing symbols, with coverage as a percentage."""

    total: int
    missing: int

    @classmethod
    def of(cls, symbols: list[Symbol]) -> Tally:
        """Return the tally of a list of counted symbols."""
        return cls(len(symbols), sum(not symbol.documented for symbol in symbols))

    @property
    def documented(self) -> int:
        """Return the number of documented symbols."""
        return self.total - self.missing

    @property
    def coverage(self) -> float:
        """Return documented ÷ total as a percentage; 100 when nothing is counted."""
        if self.total == 0:
            return 100.0
        return 100.0 * self.documented / self.total


@dataclass(frozen=True, slots=True)
class FileCoverage:
    """The coverage of one file."""

    path: str
    tally: Tally


@dataclass(slots=True)
class Survey:
    """What the public-surface analysers found: symbols, stale documentation and errors."""

    symbols: list[Symbol] = field(default_factory=list)
    stale: list[Symbol] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class KindTally:
    """The coverage of one kind of symbol, and whether it counts toward the total.

    Code symbols (modules, classes, functions, methods) share the kind ``code``.
    """

    kind: str
    tally: Tally
    counted: bool


@dataclass(slots=True)
class CoverageReport:
    """The documentation coverage of a set of files.

    ``symbols`` are the counted symbols (the kinds ``--kinds`` chose), ``reported``
    the others (shown, never counted), ``stale`` the names documented that nothing
    uses; ``kinds`` has one tally per kind found.
    """

    root: str
    summary: Tally
    files: list[FileCoverage]
    symbols: list[Symbol]
    errors: list[FileError]
    notices: list[str] = field(default_factory=list)
    kinds: list[KindTally] = field(default_factory=list)
    reported: list[Symbol] = field(default_factory=list)
    stale: list[Symbol] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Owner:
    """Someone who knows files of a module: how many, what share, when last active."""

    name: str
    email: str
    files_known: int
    share: float
    last_commit: str


@dataclass(frozen=True, slots=True)
class ModuleOwnership:
    """The bus factor of one module and the people who know it.

    ``bus_factor`` and ``key_people`` are the effective ones (only people active within
    ``inactive-after`` count); ``historical_*`` count everyone, as Avelino et al. do.
    """

    module: str
    files: int
    lines: int
    bus_factor: int
    silo: bool
    orphan: bool
    key_people: list[str]
    owners: list[Owner]
    historical_bus_factor: int = 0
    historical_key_people: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class AuthorSummary:
    """One person, all their addresses merged: commits, files known, last commit."""

    name: str
    emails: list[str]
    commits: int
    files_known: int
    last_commit: str


@dataclass(frozen=True, slots=True)
class RepoOwnership:
    """The bus factor of the whole repository and what the history mining saw.

    ``bus_factor`` and ``key_people`` are effective, ``historical_*`` count everyone.
    """

    bus_factor: int
    key_people: list[str]
    commits: int
    authors: int
    files: int
    skipped_commits: int
    historical_bus_factor: int = 0
    historical_key_people: list[str] = field(default_factory=list)


@dataclass(slots=True)
class SilosReport:
    """Who knows each module: bus factors, silos and orphans.

    ``sole_files`` maps each person's email to the files only they know;
    ``module_files`` each module to its files.
    """

    root: str
    repo: RepoOwnership
    modules: list[ModuleOwnership]
    authors: list[AuthorSummary]
    notices: list[str] = field(default_factory=list)
    sole_files: dict[str, list[str]] = field(default_factory=dict)
    module_files: dict[str, list[str]] = field(default_factory=dict)
    likely_aliases: list[AliasSuggestion] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class AliasSuggestion:
    """Two people who may be one: why, and the ``.mailmap`` line that would merge them.

    Never merged on a guess; ``mailmap`` maps ``other`` onto ``person``.
    """

    person: str
    other: str
    reason: str
    mailmap: str


@dataclass(slots=True)
class CheckResult:
    """What ``docaudit check`` decided: each gate's verdict, on which report."""

    report: CoverageReport
    gates: list = field(default_factory=list)
    changed: list[Symbol] | None = None
    silos: SilosReport | None = None
    notices: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """Tell whether every gate passed."""
        return all(gate.passed for gate in self.gates)


@dataclass(frozen=True, slots=True)
class ModuleRisk:
    """One module's risk: how documented, how known, how depended on, and why it ranks."""

    module: str
    risk: str
    score: float
    reason: str
    bus_factor: int | None
    silo: bool
    orphan: bool
    key_people: list[str]
    coverage: float | None
    dependents: int
    lines: int
    direct_dependents: int = 0
    pagerank: float = 0.0
    historical_bus_factor: int | None = None
    in_cycle: bool = False
    to_document: list[ToDocument] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ToDocument:
    """An undocumented public symbol a successor would need documented first."""

    kind: str
    qualname: str
    path: str
    line: int


@dataclass(frozen=True, slots=True)
class Departure:
    """What one person's leaving would leave without a knowledgeable author."""

    name: str
    email: str
    would_orphan: int
    modules: list[str]


@dataclass(slots=True)
class AuditReport:
    """The audit: modules ranked by risk, the departure view, and the reports behind them.

    ``left_out`` maps each file class kept out of the ranking (``tests``,
    ``generated``, ``documentation``…) to its modules; ``ranked_coverage`` is the
    coverage of the ranked modules (the headline), ``tests_coverage`` that of tests.
    """

    modules: list[ModuleRisk]
    people: list[Departure]
    coverage: CoverageReport
    silos: SilosReport | None
    cycles: list[list[str]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    codeowners: list = field(default_factory=list)
    left_out: dict[str, list[str]] = field(default_factory=dict)
    ranked_coverage: Tally | None = None
    tests_coverage: Tally | None = None

    def level_counts(self) -> dict[str, int]:
        """Return how many modules are at each risk level."""
        counts = dict.fromkeys(("critical", "high", "medium", "low"), 0)
        for module in self.modules:
            counts[module.risk] += 1
        return counts
