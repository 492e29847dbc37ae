"""The configuration reference: every environment variable and config key, one row each.

``docaudit config`` prints the rows for people (``table.render_config``) or as the
Markdown here, which a team can paste into its docs as the start of the page that is
missing; the JSON report lists the same symbols.
"""

from __future__ import annotations

from docaudit.model.coverage import CoverageReport
from docaudit.model.symbols import Symbol
from docaudit.report.escape import markdown_code, markdown_text, printable

MAX_SITES = 3


def variables(report: CoverageReport) -> list[Symbol]:
    """Return the environment variables of a report, counted or not, by name."""
    found = [s for s in report.symbols + report.reported if s.kind == "env-var"]
    return sorted(found, key=lambda s: (s.qualname, s.path, s.line))


def keys(report: CoverageReport) -> list[Symbol]:
    """Return the config-file keys of a report, by file and line."""
    found = [s for s in report.symbols + report.reported if s.kind == "config-key"]
    return sorted(found, key=lambda s: (s.path, s.line, s.qualname))


def _first(places: list[str]) -> str:
    """Return the first few places, and how many more there are."""
    shown = ", ".join(printable(place) for place in places[:MAX_SITES])
    more = len(places) - MAX_SITES
    return f"{shown} (+{more} more)" if more > 0 else shown


def _sites(symbol: Symbol) -> str:
    """Return where a variable is read."""
    return _first(symbol.sites or [f"{symbol.path}:{symbol.line}"])


def _documented(symbol: Symbol) -> str:
    """Return the level and, when documented, where."""
    where = (symbol.note or "").removeprefix("documented at ")
    if symbol.level in ("documented", "complete") and where and where != symbol.note:
        return f"{symbol.level}: {_first(where.split(', '))}"
    return symbol.level or ("documented" if symbol.documented else "undocumented")


def variable_rows(report: CoverageReport) -> list[tuple[str, str, str, str]]:
    """Return (variable, default, where read, documented) for each variable."""
    return [
        (printable(s.qualname), printable(s.default or "-"), _sites(s), _documented(s))
        for s in variables(report)
    ]


def key_rows(report: CoverageReport) -> list[tuple[str, str, str, str]]:
    """Return (key, value, where, documented) for each config-file key."""
    return [
        (
            printable(s.qualname),
            printable(s.default or "-"),
            f"{printable(s.path)}:{s.line}",
            _documented(s),
        )
        for s in keys(report)
    ]


def render_markdown(report: CoverageReport) -> str:
    """Return the reference as a Markdown page: variables, then config keys."""
    lines = ["# Configuration", ""]
    lines += _markdown_table(
        "Environment variables",
        ("Variable", "Default", "Read at", "Documented"),
        variable_rows(report),
    )
    lines += _markdown_table(
        "Configuration files", ("Key", "Value", "File", "Documented"), key_rows(report)
    )
    if report.stale:
        lines += ["## Documented but not read by any code", ""]
        lines += [
            f"- {markdown_code(s.qualname)} ({markdown_text(f'{s.path}:{s.line}', False)})"
            for s in report.stale
        ]
        lines.append("")
    if len(lines) == 2:
        lines.append("No environment variables or config keys found.")
    return "\n".join(lines).rstrip("\n") + "\n"


def _markdown_table(
    title: str, headers: tuple[str, ...], rows: list[tuple[str, str, str, str]]
) -> list[str]:
    """Return a titled Markdown table: the name and value as code, the rest as text."""
    if not rows:
        return []
    lines = [f"## {title}", "", "| " + " | ".join(headers) + " |", "|---|---|---|---|"]
    for name, value, where, documented in rows:
        cells = (
            markdown_code(name, table=True),
            _code(value),
            markdown_text(where),
            markdown_text(documented),
        )
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def _code(text: str) -> str:
    """Return a value as inline code, or a dash."""
    return "-" if text == "-" else markdown_code(text, table=True)
