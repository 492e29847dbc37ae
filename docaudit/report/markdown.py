"""Markdown for a pull-request comment or a GitHub step summary: totals, gates, offenders."""

from __future__ import annotations

from docaudit.model.audit import AuditReport
from docaudit.model.checks import CheckResult
from docaudit.model.symbols import Symbol
from docaudit.report.escape import markdown_code, markdown_text
from docaudit.report.lines import SINGLE_OWNER

MAX_ROWS = 50
MAX_BYTES = 900_000


def render(result: CheckResult, max_rows: int = MAX_ROWS) -> str:
    """Return the check as Markdown, kept well under GitHub's 1 MiB summary limit."""
    tally = result.report.summary
    verdict = "passed" if result.passed else "failed"
    lines = [
        f"## docaudit: {verdict}",
        "",
        "| documented | total | missing | coverage |",
        "|---:|---:|---:|---:|",
        f"| {tally.documented} | {tally.total} | {tally.missing} | {tally.coverage:.1f}% |",
        "",
    ]
    if result.gates:
        lines += ["| gate | result | detail |", "|---|---|---|"]
        for gate in result.gates:
            mark = "pass" if gate.passed else "**fail**"
            lines.append(f"| {gate.gate} | {mark} | {markdown_text(gate.message)} |")
        lines.append("")
    failing = [symbol for gate in result.gates if not gate.passed for symbol in gate.symbols]
    shown = failing or [s for s in result.report.symbols if not s.documented and s.public]
    heading = "Symbols that fail a gate" if failing else "Undocumented public symbols"
    if shown:
        lines += [f"### {heading}", "", "| symbol | kind | where |", "|---|---|---|"]
        lines += [_row(symbol) for symbol in shown[:max_rows]]
        if len(shown) > max_rows:
            lines.append(f"| … and {len(shown) - max_rows} more | | |")
        lines.append("")
    for notice in result.notices:
        lines.append(f"> {markdown_text(notice)}")
    text = "\n".join(lines).rstrip("\n") + "\n"
    return text if len(text.encode()) <= MAX_BYTES else _truncated(text)


def _truncated(text: str) -> str:
    """Return the whole lines of text that surely fit in ``MAX_BYTES``, then an ellipsis."""
    return text[: MAX_BYTES // 4].rpartition("\n")[0] + "\n…\n"


def _row(symbol: Symbol) -> str:
    """Return one table row for a symbol."""
    where = markdown_code(f"{symbol.path}:{symbol.line}", table=True)
    return f"| {markdown_code(symbol.qualname, table=True)} | {symbol.kind} | {where} |"


def render_audit(report: AuditReport, max_rows: int = MAX_ROWS) -> str:
    """Return the audit as Markdown: the summary, the ranked modules, the departure view."""
    levels = report.level_counts()
    ranked = report.ranked_coverage or report.coverage.summary
    summary = f"Documentation coverage **{ranked.coverage:.1f}%**"
    if report.silos:
        repo = report.silos.repo
        summary += (
            f", repository bus factor **{repo.bus_factor}**"
            f" (historical {repo.historical_bus_factor})"
        )
    if report.tests_coverage is not None:
        summary += f"; tests (not ranked) {report.tests_coverage.coverage:.1f}%"
    lines = ["## docaudit audit", "", summary, ""]
    if report.silos and report.silos.repo.bus_factor == 1:
        lines += [markdown_text(SINGLE_OWNER), ""]
    lines += [
        " · ".join(f"{count} {level}" for level, count in levels.items()),
        "",
        "| module | risk | score | bus factor | historical | documented | lines | dependents"
        " | why |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for m in report.modules[:max_rows]:
        factor = "–" if m.bus_factor is None else str(m.bus_factor)
        past = "–" if m.historical_bus_factor is None else str(m.historical_bus_factor)
        cover = "–" if m.coverage is None else f"{m.coverage:.0f}%"
        lines.append(
            f"| {markdown_code(m.module, table=True)} | {m.risk} | {m.score:.0f} | {factor}"
            f" | {past} | {cover} | {m.lines} | {m.dependents}"
            f" | {_quoting(m.reason, m.module, table=True)} |"
        )
    todo = [m for m in report.modules if m.to_document]
    if todo:
        lines += ["", "### Document first", ""]
        for m in todo:
            lines.append(f"- {markdown_code(m.module)} ({m.risk}):")
            lines += [
                f"  - {markdown_code(f'{t.path}:{t.line}')} {t.kind} {markdown_code(t.qualname)}"
                for t in m.to_document
            ]
    if report.people:
        lines += ["", "### If they left", ""]
        for p in report.people:
            where = ", ".join(markdown_code(m) for m in p.modules) or "nothing"
            who = markdown_text(p.name)
            lines.append(f"- **{who}**: {p.would_orphan} file(s) known by nobody, in {where}")
    if report.codeowners:
        lines += ["", "### CODEOWNERS", ""]
        lines += [f"- {_quoting(f.message, f.module)}" for f in report.codeowners]
    for notice in report.notices:
        lines += ["", f"> {markdown_text(notice)}"]
    return "\n".join(lines) + "\n"


def _quoting(sentence: str, name: str, table: bool = False) -> str:
    """Return a sentence as Markdown text, the name it quotes in backticks as code."""
    before, quoted, after = sentence.partition(f"`{name}`")
    if not quoted:
        return markdown_text(sentence)
    code = markdown_code(name, table)
    return markdown_text(before) + code + markdown_text(after, starts_block=False)
