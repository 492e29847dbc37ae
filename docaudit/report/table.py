"""The terminal tables (tabulate): coverage per file and kind, the silos, the audit's
ranking, the configuration reference; each coverage table ends with the ``TOTAL`` line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tabulate import tabulate

from docaudit.model.coverage import CoverageReport
from docaudit.report.configref import key_rows, variable_rows
from docaudit.report.escape import printable
from docaudit.report.lines import SINGLE_OWNER, symbol_line, total_line
from docaudit.report.renderers import Display

if TYPE_CHECKING:  # the audit and silos types: 5.8 ms that a coverage table never needs
    from docaudit.model.audit import AuditReport
    from docaudit.model.ownership import ModuleOwnership, SilosReport


def render_coverage(report: CoverageReport, display: Display) -> str:
    """Return the coverage table, each undocumented symbol first when ``display.verbose``."""
    lines: list[str] = []
    if display.verbose:
        for symbol in report.symbols:
            if not symbol.documented or symbol.problems or symbol.note:
                lines.append(symbol_line(symbol))
        for symbol in report.reported:
            if not symbol.documented:
                lines.append(symbol_line(symbol) + " [not counted]")
        for symbol in report.stale:
            lines.append(symbol_line(symbol))
        if lines:
            lines.append("")
    # the counts as numbers: tabulate sniffs every cell's type, numparse or not, and tells
    # an int at once where it tries a digit string with int() and float() (django's 899
    # rows: render_coverage 12.8 -> 10.8 ms); it prints them as str() does
    rows = [
        (printable(f.path), f.tally.total, f.tally.missing, f"{f.tally.coverage:.1f}%")
        for f in report.files
        if not (display.omit_covered and f.tally.missing == 0)
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
    if any(k.kind != "code" for k in report.kinds):
        lines += ["", kinds_table(report)]
    if len(report.languages) > 1:
        lines += ["", languages_table(report)]
    lines.append(total_line(report.summary))
    return "\n".join(lines) + "\n"


def kinds_table(report: CoverageReport) -> str:
    """Return the per-kind table; kinds that do not count toward the total are marked."""
    rows = [
        (
            k.kind if k.counted else f"{k.kind} (not counted)",
            str(k.tally.total),
            str(k.tally.missing),
            f"{k.tally.coverage:.1f}%",
        )
        for k in report.kinds
    ]
    if report.stale:
        rows.append(("documented but unused", str(len(report.stale)), "-", "-"))
    return tabulate(
        rows,
        headers=("kind", "total", "missing", "cover"),
        colalign=("left", "right", "right", "left"),
        disable_numparse=True,
    )


def languages_table(report: CoverageReport) -> str:
    """Return the per-language table of code symbols (shown when there are several)."""
    rows = [
        (
            each.language,
            str(each.tally.total),
            str(each.tally.missing),
            f"{each.tally.coverage:.1f}%",
        )
        for each in report.languages
    ]
    return tabulate(
        rows,
        headers=("language", "total", "missing", "cover"),
        colalign=("left", "right", "right", "left"),
        disable_numparse=True,
    )


def render_silos(report: SilosReport) -> str:
    """Return the silos report: modules riskiest first, the repository's bus factor, then
    the likely aliases with the ``.mailmap`` lines that would merge them.

    ``bus factor`` is the effective one (people still active), ``historical`` counts
    everyone who knows the files.
    """
    rows = [_silo_row(module) for module in report.modules]
    headers = (
        "module", "files", "bus factor", "historical", "top owner", "share", "last active", "flags"
    )  # fmt: skip
    lines = []
    if rows:
        lines.append(
            tabulate(
                rows,
                headers=headers,
                colalign=("left", "right", "right", "right", "left", "right", "left", "left"),
                disable_numparse=True,
            )
        )
    repo = report.repo
    people = ", ".join(printable(email) for email in repo.key_people) or "nobody"
    known = ", ".join(printable(email) for email in repo.historical_key_people) or "nobody"
    lines.append(
        f"Repository bus factor: {repo.bus_factor} (key people: {people});"
        f" historical: {repo.historical_bus_factor} ({known})"
    )
    lines.append(
        f"{repo.files} files, {repo.commits} commits by {repo.authors} authors"
        f" ({repo.skipped_commits} bulk or ignored commits skipped)"
    )
    if report.likely_aliases:
        lines.append("")
        lines.append(
            "Possible aliases (not merged; if they are one person, add the line to .mailmap):"
        )
        for alias in report.likely_aliases:
            lines.append(
                f"  {printable(alias.other)} may be {printable(alias.person)}:"
                f" {printable(alias.reason)}"
            )
            lines += [f"    {printable(line)}" for line in alias.mailmap.split("\n")]
    return "\n".join(lines) + "\n"


def _silo_row(module: ModuleOwnership) -> tuple[str, ...]:
    """Return one module's table row: the effective bus factor, then the historical one."""
    top = module.owners[0] if module.owners else None
    last_active = max((owner.last_commit for owner in module.owners), default="")
    flags = [flag for flag, on in (("silo", module.silo), ("orphan", module.orphan)) if on]
    return (
        printable(module.module),
        str(module.files),
        str(module.bus_factor),
        str(module.historical_bus_factor),
        printable(top.name) if top else "-",
        f"{100 * top.share:.0f}%" if top else "-",
        last_active or "-",
        " ".join(flags),
    )


def render_audit(report: AuditReport, rows: int = 30) -> str:
    """Return the audit: a summary, the ranked module table, what to document first,
    then the departure view."""
    lines = [headline(report)]
    if report.tests_coverage is not None:
        tests = report.tests_coverage
        lines.append(f"Tests (not ranked): {tests.coverage:.1f}% ({tests.total} symbols)")
    if report.silos is not None:
        repo = report.silos.repo
        people = ", ".join(printable(email) for email in repo.key_people) or "nobody"
        lines.append(
            f"Repository bus factor: {repo.bus_factor} (key people: {people});"
            f" historical: {repo.historical_bus_factor}"
        )
        if repo.bus_factor == 1:
            lines.append(SINGLE_OWNER)
    levels = report.level_counts()
    lines.append("Risk: " + ", ".join(f"{count} {level}" for level, count in levels.items()))
    lines.append("")
    table_rows = [
        (
            printable(m.module),
            m.risk,
            f"{m.score:.0f}",
            "-" if m.bus_factor is None else str(m.bus_factor),
            "-" if m.historical_bus_factor is None else str(m.historical_bus_factor),
            _people(m.key_people),
            "-" if m.coverage is None else f"{m.coverage:.0f}%",
            str(m.lines),
            str(m.dependents),
        )
        for m in report.modules[:rows]
    ]
    if table_rows:
        headers = (
            "module",
            "risk",
            "score",
            "bus factor",
            "historical",
            "key people",
            "documented",
            "lines",
            "dependents",
        )
        lines.append(
            tabulate(
                table_rows,
                headers=headers,
                colalign=("left", "left", "right", "right", "right", "left", "right", "right"),
                disable_numparse=True,
            )
        )
        if len(report.modules) > rows:
            lines.append(f"… {len(report.modules) - rows} more modules (--format json lists all)")
        lines.append("")
        lines += [f"{printable(m.module)}: {printable(m.reason)}" for m in report.modules[:10]]
    for module in report.modules:
        if module.to_document:
            lines += ["", f"Document first in {printable(module.module)} ({module.risk}):"]
            lines += [
                f"  {printable(t.path)}:{t.line}: {t.kind} {printable(t.qualname)}"
                for t in module.to_document
            ]
    for person in report.people:
        lines.append("")
        where = ", ".join(printable(m) for m in person.modules) or "nothing"
        lines.append(
            f"If {printable(person.name)} <{printable(person.email)}> left, "
            f"{person.would_orphan} file(s) would be known by nobody, in: {where}"
        )
    for cycle in report.cycles:
        lines.append(f"Import cycle: {' -> '.join(printable(m) for m in cycle)}")
    for finding in report.codeowners:
        lines.append(f"CODEOWNERS: {printable(finding.message)}")
    return "\n".join(lines) + "\n"


def headline(report: AuditReport) -> str:
    """Return the headline coverage: that of the ranked modules (all code without them)."""
    ranked = report.ranked_coverage or report.coverage.summary
    what = "ranked code" if report.ranked_coverage is not None else "all code"
    return f"Documentation coverage: {ranked.coverage:.1f}% ({ranked.total} symbols, {what})"


def _people(emails: list[str], shown: int = 2) -> str:
    """Return the first few key people, and how many more there are."""
    if not emails:
        return "-"
    text = ", ".join(printable(email) for email in emails[:shown])
    return text + (f" +{len(emails) - shown}" if len(emails) > shown else "")


def render_config(report: CoverageReport) -> str:
    """Return the configuration reference as terminal tables, then the stale names."""
    parts = []
    rows = variable_rows(report)
    if rows:
        headers = ("variable", "default", "read at", "documented")
        parts.append(tabulate(rows, headers=headers, disable_numparse=True))
    rows = key_rows(report)
    if rows:
        headers = ("config key", "value", "at", "documented")
        parts.append(tabulate(rows, headers=headers, disable_numparse=True))
    if report.stale:
        stale = [(printable(s.qualname), f"{printable(s.path)}:{s.line}") for s in report.stale]
        headers = ("documented but no code reads it", "at")
        parts.append(tabulate(stale, headers=headers, disable_numparse=True))
    if not parts:
        return "No environment variables or config keys found.\n"
    return "\n\n".join(parts) + "\n"
