"""The machine report: the report's dataclasses as deterministic JSON."""

from __future__ import annotations

from typing import Any

from docaudit.model.audit import AuditReport
from docaudit.model.checks import CheckResult
from docaudit.model.codec import SCHEMA
from docaudit.model.coverage import CoverageReport
from docaudit.model.ownership import SilosReport
from docaudit.model.symbols import FileError, Symbol
from docaudit.report.configref import keys, variables
from docaudit.report.escape import json_text


def coverage_document(report: CoverageReport) -> dict[str, Any]:
    """Return the coverage report as the ``docaudit/1`` JSON document."""
    return {
        "schema": SCHEMA,
        "summary": report.summary.as_dict(),
        "files": [{"path": f.path, **f.tally.as_dict(documented=False)} for f in report.files],
        "kinds": [
            {"kind": k.kind, "counted": k.counted, **k.tally.as_dict()} for k in report.kinds
        ],
        "languages": [
            {"language": each.language, **each.tally.as_dict()} for each in report.languages
        ],
        "symbols": [_symbol(s, True) for s in report.symbols]
        + [_symbol(s, False) for s in report.reported],
        "stale": [_symbol(s, False) for s in report.stale],
        "errors": [_error(e) for e in report.errors],
    }


def _error(error: FileError) -> dict[str, Any]:
    """Return one error entry; one about a kind of symbol says which."""
    entry: dict[str, Any] = {"path": error.path, "message": error.message}
    if error.kind is not None:
        entry["kind"] = error.kind
    return entry


def _symbol(symbol: Symbol, counted: bool) -> dict[str, Any]:
    """Return one symbol; a code symbol carries its language, the other kinds level,
    sites, default and note."""
    entry: dict[str, Any] = {
        "path": symbol.path,
        "line": symbol.line,
        "kind": symbol.kind,
        "qualname": symbol.qualname,
        "public": symbol.public,
        "documented": symbol.documented,
        "problems": list(symbol.problems),
    }
    if symbol.language is not None:
        entry["language"] = symbol.language
    if symbol.level is not None:
        entry.update(
            counted=counted,
            level=symbol.level,
            sites=list(symbol.sites),
            default=symbol.default,
            note=symbol.note,
        )
    return entry


def render_configuration(report: CoverageReport) -> str:
    """Return the configuration reference: variables, config keys and stale names."""
    document = {
        "schema": SCHEMA,
        "variables": [_symbol(s, True) for s in variables(report)],
        "keys": [_symbol(s, True) for s in keys(report)],
        "stale": [_symbol(s, False) for s in report.stale],
        "errors": [_error(e) for e in report.errors],
    }
    return _dump(document)


def render_coverage(report: CoverageReport) -> str:
    """Return the coverage report as indented JSON with a trailing newline."""
    return _dump(coverage_document(report))


def silos_document(report: SilosReport) -> dict[str, Any]:
    """Return the silos report as the ``docaudit/1`` JSON document.

    ``bus_factor`` and ``key_people`` are effective (people still active),
    ``historical_*`` count everyone; ``likely_aliases`` are never merged.
    """
    repo = report.repo
    return {
        "schema": SCHEMA,
        "repo": {
            "bus_factor": repo.bus_factor,
            "key_people": list(repo.key_people),
            "historical_bus_factor": repo.historical_bus_factor,
            "historical_key_people": list(repo.historical_key_people),
            "commits": repo.commits,
            "authors": repo.authors,
            "files": repo.files,
            "skipped_commits": repo.skipped_commits,
        },
        "modules": [
            {
                "module": m.module,
                "files": m.files,
                "lines": m.lines,
                "bus_factor": m.bus_factor,
                "silo": m.silo,
                "orphan": m.orphan,
                "key_people": list(m.key_people),
                "historical_bus_factor": m.historical_bus_factor,
                "historical_key_people": list(m.historical_key_people),
                "owners": [
                    {
                        "name": o.name,
                        "email": o.email,
                        "files_known": o.files_known,
                        "share": o.share,
                        "last_commit": o.last_commit,
                    }
                    for o in m.owners
                ],
            }
            for m in report.modules
        ],
        "authors": [
            {
                "name": a.name,
                "emails": list(a.emails),
                "commits": a.commits,
                "files_known": a.files_known,
                "last_commit": a.last_commit,
            }
            for a in report.authors
        ],
        "likely_aliases": [
            {"person": s.person, "other": s.other, "reason": s.reason, "mailmap": s.mailmap}
            for s in report.likely_aliases
        ],
    }


def render_silos(report: SilosReport) -> str:
    """Return the silos report as indented JSON with a trailing newline."""
    return _dump(silos_document(report))


def check_document(result: CheckResult) -> dict[str, Any]:
    """Return the check as JSON: the verdict, each gate, and the coverage report."""
    return {
        "schema": SCHEMA,
        "passed": result.passed,
        "gates": [
            {
                "gate": gate.gate,
                "passed": gate.passed,
                "message": gate.message,
                "symbols": [
                    {"path": s.path, "line": s.line, "kind": s.kind, "qualname": s.qualname}
                    for s in gate.symbols
                ],
            }
            for gate in result.gates
        ],
        "coverage": coverage_document(result.report),
    }


def render_check(result: CheckResult) -> str:
    """Return the check as indented JSON."""
    return _dump(check_document(result))


def audit_document(report: AuditReport) -> dict[str, Any]:
    """Return the audit as the ``docaudit/1`` JSON document, modules riskiest first."""
    silos = report.silos
    return {
        "schema": SCHEMA,
        "summary": {
            "coverage": round((report.ranked_coverage or report.coverage.summary).coverage, 2),
            "tests_coverage": (
                round(report.tests_coverage.coverage, 2) if report.tests_coverage else None
            ),
            "bus_factor": silos.repo.bus_factor if silos else None,
            "key_people": list(silos.repo.key_people) if silos else [],
            "historical_bus_factor": silos.repo.historical_bus_factor if silos else None,
            "historical_key_people": list(silos.repo.historical_key_people) if silos else [],
            "levels": report.level_counts(),
            "left_out": {kind: list(names) for kind, names in sorted(report.left_out.items())},
        },
        "modules": [
            {
                "module": m.module,
                "risk": m.risk,
                "score": m.score,
                "reason": m.reason,
                "bus_factor": m.bus_factor,
                "historical_bus_factor": m.historical_bus_factor,
                "silo": m.silo,
                "orphan": m.orphan,
                "key_people": list(m.key_people),
                "coverage": m.coverage,
                "dependents": m.dependents,
                "lines": m.lines,
                "direct_dependents": m.direct_dependents,
                "pagerank": m.pagerank,
                "in_cycle": m.in_cycle,
                "to_document": [
                    {"kind": t.kind, "qualname": t.qualname, "path": t.path, "line": t.line}
                    for t in m.to_document
                ],
            }
            for m in report.modules
        ],
        "people": [
            {
                "name": p.name,
                "email": p.email,
                "would_orphan": p.would_orphan,
                "modules": list(p.modules),
            }
            for p in report.people
        ],
        "cycles": [list(cycle) for cycle in report.cycles],
        "codeowners": [
            {
                "module": f.module,
                "problem": f.problem,
                "listed": list(f.listed),
                "knowers": list(f.knowers),
            }
            for f in report.codeowners
        ],
        "coverage": coverage_document(report.coverage),
        "silos": silos_document(silos) if silos else None,
    }


def render_audit(report: AuditReport) -> str:
    """Return the audit as indented JSON."""
    return _dump(audit_document(report))


def _dump(document: Any) -> str:
    """Return a document as indented JSON with a trailing newline, safe in a CI log."""
    return json_text(document)
