"""CODEOWNERS against who really knows the code.

A module that no CODEOWNERS rule covers has nobody on record; a module whose listed
owners (mapped from handles to emails by the ``people`` setting) are not among the
people who know it has an owner on paper only (ownership drift). Rules use
gitignore patterns, and for each file the last matching rule wins, as on GitHub and
GitLab (GitLab's ``[Section]`` headers are read as comments).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from docaudit.model.ownership import OwnershipFinding
from docaudit.patterns import pattern_problem

# GitHub looks in .github/, the root, then docs/; GitLab also in .gitlab/.
LOCATIONS = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS")
MAX_BYTES = 3 << 20  # GitHub ignores a CODEOWNERS file over 3 MB


def find_codeowners(root: Path) -> Path | None:
    """Return the repository's CODEOWNERS file, where git hosts look for it."""
    for location in LOCATIONS:
        candidate = root / location
        if candidate.is_file() or candidate.is_symlink():
            return candidate
    return None


def parse(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """Return the rules of a CODEOWNERS file: (pattern, owners), in file order."""
    rules = []
    for raw in text.splitlines():
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#") or line.startswith("["):
            continue
        pattern, *owners = line.split()
        rules.append((pattern, tuple(owners)))
    return rules


def owners_of(
    files: Iterable[str], rules: list[tuple[str, tuple[str, ...]]]
) -> dict[str, tuple[str, ...]]:
    """Return each file's owners: those of the last rule that matches it (maybe none)."""
    compiled = [(spec, owners) for pattern, owners in rules if (spec := _rule(pattern))]
    found = {}
    for path in files:
        owners: tuple[str, ...] = ()
        for spec, rule_owners in compiled:
            if spec.match_file(path):
                owners = rule_owners
        found[path] = owners
    return found


def _rule(pattern: str) -> Any:
    """Compile one rule's gitignore pattern; ``None`` for one that is invalid or too
    costly to match (``docaudit.gitignore``), which matches nothing (GitHub skips
    invalid lines too)."""
    import pathspec

    if pattern_problem(pattern) is not None:
        return None
    return pathspec.GitIgnoreSpec.from_lines([pattern])


def _email(owner: str, people: Mapping[str, str]) -> str | None:
    """Return the email an owner stands for: mapped by ``people``, or written as one."""
    if owner in people:
        return people[owner].lower()
    if "@" in owner and not owner.startswith("@"):
        return owner.lower()
    return None


def review(
    modules: Mapping[str, list[str]],
    file_owners: Mapping[str, tuple[str, ...]],
    knowers: Mapping[str, list[str]],
    people: Mapping[str, str],
) -> list[OwnershipFinding]:
    """Return the modules without an owner on record, and those whose owners drifted.

    ``modules`` maps each module to its files, ``knowers`` each module to the emails of
    the people who know it, ``people`` CODEOWNERS handles to emails.
    """
    findings = []
    for module in sorted(modules):
        listed = sorted({owner for path in modules[module] for owner in file_owners.get(path, ())})
        if not listed:
            findings.append(OwnershipFinding(module, "uncovered", [], knowers.get(module, [])))
            continue
        emails = {_email(owner, people) for owner in listed} - {None}
        known = {email.lower() for email in knowers.get(module, [])}
        if emails and not emails & known:
            findings.append(OwnershipFinding(module, "drift", listed, knowers.get(module, [])))
    return findings
