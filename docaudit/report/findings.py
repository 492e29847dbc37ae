"""What CI reporters list: undocumented symbols as findings, each with its rule and fingerprint."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from docaudit.model.checks import Finding, fingerprints
from docaudit.model.rules import (
    EMPTY_DOCSTRING,
    MISSING_DOCSTRING,
    PLACEHOLDER_DOCSTRING,
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
