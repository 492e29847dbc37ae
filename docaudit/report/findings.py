"""What CI reporters list: undocumented symbols as findings, with rules and fingerprints."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from docaudit.baseline import fingerprints
from docaudit.model import Symbol

RULES = {
    "missing": ("missing-docstring", "Missing docstring", "has no docstring"),
    "empty": ("empty-docstring", "Empty docstring", "has an empty docstring"),
    "placeholder": (
        "placeholder-docstring",
        "Placeholder docstring",
        "has a placeholder docstring (TODO, a stub, or its own name restated)",
    ),
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One symbol that needs documentation, as a CI tool shows it."""

    symbol: Symbol
    rule: str
    title: str
    message: str
    fingerprint: str

    @property
    def severe(self) -> bool:
        """Tell whether it counts against coverage (a placeholder does not, by default)."""
        return not self.symbol.documented


def findings(symbols: Iterable[Symbol]) -> list[Finding]:
    """Return a finding for each symbol with a documentation problem, in report order."""
    found = []
    for key, symbol in fingerprints(symbols).items():
        if not symbol.problems:
            continue
        rule, title, message = _described(symbol)
        digest = hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()
        found.append(Finding(symbol, rule, title, message, digest))
    return found


def _described(symbol: Symbol) -> tuple[str, str, str]:
    """Return the rule, title and message of a symbol's first problem.

    Code symbols use the docstring rules; the other kinds (endpoints, CLI options, spec
    objects) name the rule their problem carries, as in ``missing help (cli-option-help)``,
    else ``undocumented-<kind>``.
    """
    problem = symbol.problems[0]
    if symbol.level is None:
        rule, title, says = RULES.get(problem, RULES["missing"])
        return rule, title, f"{symbol.kind} {symbol.qualname} {says}"
    named = problem.rpartition("(")[2].rstrip(")").split(",")[0].strip()
    rule = named if "(" in problem and named else f"undocumented-{symbol.kind}"
    return rule, f"Undocumented {symbol.kind}", f"{symbol.kind} {symbol.qualname}: {problem}"
