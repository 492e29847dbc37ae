"""The terminal report: a table per file, then one stable ``TOTAL`` line."""

from __future__ import annotations

from docaudit.model import CoverageReport, Symbol, Tally
from docaudit.report import printable


def preload() -> None:
    """Import tabulate on a background thread, while the audit waits on git and the disk."""
    import importlib
    import threading

    threading.Thread(target=importlib.import_module, args=("tabulate",), daemon=True).start()


def total_line(summary: Tally) -> str:
    """Return ``TOTAL <total> <missing> <NN.N>%``, the line CI log parsers read."""
    return f"TOTAL {summary.total} {summary.missing} {summary.coverage:.1f}%"


def symbol_line(symbol: Symbol) -> str:
    """Return ``path:line: kind qualname (why)`` for one symbol."""
    why = symbol.note or ", ".join(symbol.problems) or "documented"
    where = f"{printable(symbol.path)}:{symbol.line}"
    return f"{where}: {symbol.kind} {printable(symbol.qualname)} ({why})"


def render_coverage(
    report: CoverageReport, verbose: bool = False, quiet: bool = False, omit_covered: bool = False
) -> str:
    """Return the coverage report as text; ``quiet`` gives only the total line."""
    if quiet:
        return total_line(report.summary) + "\n"
    from tabulate import tabulate

    lines: list[str] = []
    if verbose:
        for symbol in report.symbols:
            if not symbol.documented or symbol.problems or symbol.note:
                lines.append(symbol_line(symbol))
        if lines:
            lines.append("")
    rows = [
        (printable(f.path), str(f.tally.total), str(f.tally.missing), f"{f.tally.coverage:.1f}%")
        for f in report.files
        if not (omit_covered and f.tally.missing == 0)
    ]
    if rows:
        lines.append(
            tabulate(
                rows,
                headers=("file", "total", "missing", "cover"),
                colalign=("left", "right", "right", "left"),
                disable_numparse=True,
            )
        )
    lines.append(total_line(report.summary))
    return "\n".join(lines) + "\n"
