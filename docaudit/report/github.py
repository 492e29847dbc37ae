"""GitHub Actions: workflow annotations (the CLI also appends the Markdown report to the
step summary)."""

from __future__ import annotations

from docaudit.model.checks import CheckResult
from docaudit.model.rules import rule_of
from docaudit.model.symbols import Symbol
from docaudit.report.escape import escape_data, escape_property, printable


def annotation(symbol: Symbol, reason: str) -> str:
    """Return an ``::error`` annotation pointing at a symbol: the file property is the
    path exactly (percent-escaped, so that GitHub finds the file), the title names the
    rule of its problem from the rules table, the message is printable."""
    title = f"Undocumented {symbol.kind} ({rule_of(symbol).id})"
    properties = (
        f"file={escape_property(symbol.path)},line={symbol.line},title={escape_property(title)}"
    )
    return f"::error {properties}::{escape_data(printable(f'{symbol.qualname}: {reason}'))}"


def render(result: CheckResult) -> str:
    """Return the annotations for the symbols that fail a gate (stdout, for the runner)."""
    lines = []
    for gate in result.gates:
        if gate.passed:
            continue
        lines += [annotation(symbol, gate.message) for symbol in gate.symbols]
        if not gate.symbols:
            message = escape_data(printable(gate.message))
            lines.append(f"::error title={escape_property(gate.gate)}::{message}")
    return "\n".join(lines) + ("\n" if lines else "")
