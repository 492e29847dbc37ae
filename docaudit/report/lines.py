"""The plain-text reports, one line per fact and no table layout (so no tabulate): the
``TOTAL`` line, the check's verdicts, the hook's findings, and the lines about a symbol,
an unreadable file or a single-owner repository that the other reports share."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from docaudit.model.coverage import CoverageReport, Tally
from docaudit.model.symbols import FileError, Symbol
from docaudit.report.escape import printable

if TYPE_CHECKING:  # the check's types (and the gates' rules) load with check and hook only
    from docaudit.model.checks import CheckResult

SINGLE_OWNER = (
    "The whole repository has bus factor 1: one person knows most of it. Modules are"
    " ranked by what a successor would most need documented."
)
"""Said under the summary when the repository's bus factor is 1."""
_IGNORE = "docaudit: ignore"


def total_line(summary: Tally) -> str:
    """Return ``TOTAL <total> <missing> <NN.N>%``, the line CI log parsers read."""
    return f"TOTAL {summary.total} {summary.missing} {summary.coverage:.1f}%"


def symbol_line(symbol: Symbol) -> str:
    """Return ``path:line: kind qualname (why)`` for one symbol."""
    why = printable(symbol.note or ", ".join(symbol.problems) or "documented")
    where = f"{printable(symbol.path)}:{symbol.line}"
    return f"{where}: {symbol.kind} {printable(symbol.qualname)} ({why})"


def error_line(error: FileError) -> str:
    """Return ``docaudit: path: message`` for a file that could not be audited."""
    return f"docaudit: {printable(error.path)}: {printable(error.message)}"


def render_total(report: CoverageReport) -> str:
    """Return only the ``TOTAL`` line of a coverage report (``coverage --quiet``)."""
    return total_line(report.summary) + "\n"


def render_check(result: CheckResult) -> str:
    """Return each gate's verdict and, under a failing one, the symbols that failed it."""
    lines = []
    for gate in result.gates:
        lines.append(f"{'PASS' if gate.passed else 'FAIL'} {gate.gate}: {printable(gate.message)}")
        if not gate.passed:
            lines += [f"  {symbol_line(symbol)}" for symbol in gate.symbols]
    lines.append(total_line(result.report.summary))
    return "\n".join(lines) + "\n"


def render_hook(result: CheckResult) -> str:
    """Return the hook's findings: under each failing gate's symbols, its message."""
    lines = []
    for gate in result.gates:
        if gate.passed:
            continue
        lines += [symbol_line(symbol) for symbol in gate.symbols]
        hint = ignore_hint(gate.symbols) if gate.symbols else ""
        lines.append(f"docaudit: {printable(gate.message)}{hint}")
    return "".join(f"{line}\n" for line in lines)


def ignore_hint(symbols: Iterable[Symbol]) -> str:
    """Return what the hook adds to a failing gate that lists ``symbols``: the comment that
    leaves one out, in the languages listed (``#`` in Python, ``//`` in the others)."""
    python = {symbol.language in (None, "python") for symbol in symbols}
    if python == {True}:
        comment = f"# {_IGNORE}"
    elif python == {False}:
        comment = f"// {_IGNORE}"
    else:
        comment = f"# {_IGNORE} (// {_IGNORE} outside Python)"
    return f"; document them or add {comment}"
