"""Documentation coverage: tallies per file and per kind, and the coverage report."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from docaudit.model.symbols import FileError, Symbol


@dataclass(frozen=True, slots=True)
class Tally:
    """Counted and missing symbols, with coverage as a percentage."""

    total: int
    missing: int

    @classmethod
    def of(cls, symbols: list[Symbol]) -> Tally:
        """Return the tally of a list of counted symbols."""
        return cls(len(symbols), sum(not symbol.documented for symbol in symbols))

    @classmethod
    def total_of(cls, tallies: Iterable[Tally]) -> Tally:
        """Return the sum of ``tallies``; an empty tally when there are none."""
        return sum(tallies, cls(0, 0))

    def __add__(self, other: Tally) -> Tally:
        """Return the tally of both sets of symbols together."""
        return Tally(self.total + other.total, self.missing + other.missing)

    def as_dict(self, documented: bool = True, coverage: bool = True) -> dict[str, int | float]:
        """Return the counts as the JSON reports write them: total, documented, missing and
        coverage rounded to two decimals (a per-file row leaves out what it does not show)."""
        fields: dict[str, int | float] = {"total": self.total}
        if documented:
            fields["documented"] = self.documented
        fields["missing"] = self.missing
        if coverage:
            fields["coverage"] = round(self.coverage, 2)
        return fields

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


@dataclass(frozen=True, slots=True)
class LanguageTally:
    """The code coverage of one language's files."""

    language: str
    tally: Tally


@dataclass(slots=True)
class CoverageReport:
    """The documentation coverage of a set of files.

    ``symbols`` are the counted symbols (the kinds ``--kinds`` chose), ``reported``
    the others (shown, never counted), ``stale`` the names documented that nothing
    uses; ``kinds`` has one tally per kind found, ``languages`` one per language of
    the code symbols.
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
    languages: list[LanguageTally] = field(default_factory=list)
