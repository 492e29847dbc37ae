"""Who knows the code: owners, per-module ownership and the silos report."""

from __future__ import annotations

from dataclasses import dataclass, field


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


@dataclass(frozen=True, slots=True)
class OwnershipFinding:
    """A module CODEOWNERS does not cover, or whose listed owners do not know it."""

    module: str
    problem: str
    listed: list[str]
    knowers: list[str]

    @property
    def message(self) -> str:
        """Return the finding in one sentence."""
        if self.problem == "uncovered":
            return f"no CODEOWNERS rule covers `{self.module}`"
        return (
            f"`{self.module}` is owned by {', '.join(self.listed)} in CODEOWNERS, but only "
            f"{', '.join(self.knowers) or 'nobody'} knows it"
        )
