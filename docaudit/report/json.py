"""The machine report: the report's dataclasses as deterministic JSON."""

from __future__ import annotations

import json
from typing import Any

from docaudit.model import SCHEMA, CoverageReport, Tally


def _tally(tally: Tally) -> dict[str, Any]:
    """Return a tally's counts and its coverage rounded to two decimals."""
    return {
        "total": tally.total,
        "documented": tally.documented,
        "missing": tally.missing,
        "coverage": round(tally.coverage, 2),
    }


def coverage_document(report: CoverageReport) -> dict[str, Any]:
    """Return the coverage report as the ``docaudit/1`` JSON document."""
    return {
        "schema": SCHEMA,
        "summary": _tally(report.summary),
        "files": [
            {
                "path": f.path,
                "total": f.tally.total,
                "missing": f.tally.missing,
                "coverage": round(f.tally.coverage, 2),
            }
            for f in report.files
        ],
        "symbols": [
            {
                "path": s.path,
                "line": s.line,
                "kind": s.kind,
                "qualname": s.qualname,
                "public": s.public,
                "documented": s.documented,
                "problems": list(s.problems),
            }
            for s in report.symbols
        ],
        "errors": [{"path": e.path, "message": e.message} for e in report.errors],
    }


def render_coverage(report: CoverageReport) -> str:
    """Return the coverage report as indented JSON with a trailing newline."""
    return json.dumps(coverage_document(report), indent=2) + "\n"
