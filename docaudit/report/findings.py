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
        rule, title, says = RULES.get(symbol.problems[0], RULES["missing"])
        digest = hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()
        found.append(
            Finding(symbol, rule, title, f"{symbol.kind} {symbol.qualname} {says}", digest)
        )
    return found
