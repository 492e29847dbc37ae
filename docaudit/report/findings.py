"""What CI reporters list: undocumented symbols as findings, each with its rule and fingerprint."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from docaudit.gates.baseline import fingerprints
from docaudit.model.rules import (
    EMPTY_DOCSTRING,
    MISSING_DOCSTRING,
    PLACEHOLDER_DOCSTRING,
    WARNING,
    Rule,
    rule_of,
)
from docaudit.model.symbols import Symbol

_SAYS = {
    MISSING_DOCSTRING: "has no docstring",
    EMPTY_DOCSTRING: "has an empty docstring",
    PLACEHOLDER_DOCSTRING: "has a placeholder docstring (TODO, a stub, or its own name restated)",
}
"""How a docstring finding reads after the symbol's kind and name; the others quote
the symbol's problem, which is written for people already."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One symbol that needs documentation, as a CI tool shows it, with the rule it breaks."""

    symbol: Symbol
    rule: Rule
    message: str
    fingerprint: str

    @property
    def level(self) -> str:
        """Return ``warning`` when it counts against coverage, else its rule's level.

        A placeholder docstring counts as documented by default (a ``note``); with
        ``placeholders-undocumented`` it does not, and is a ``warning``.
        """
        return self.rule.level if self.symbol.documented else WARNING


def findings(symbols: Iterable[Symbol]) -> list[Finding]:
    """Return a finding for each symbol with a documentation problem, in report order.

    The rule is the one the table gives the symbol's first problem (``rules.rule_of``).
    """
    found = []
    for key, symbol in fingerprints(symbols).items():
        if not symbol.problems:
            continue
        rule = rule_of(symbol)
        says = _SAYS.get(rule)
        where = f"{symbol.kind} {symbol.qualname}"
        message = f"{where} {says}" if says else f"{where}: {symbol.problems[0]}"
        digest = hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()
        found.append(Finding(symbol, rule, message, digest))
    return found
