"""GitLab Code Quality: a JSON list of issues, one per symbol that needs documentation."""

from __future__ import annotations

from typing import Any

from docaudit.model import CheckResult
from docaudit.report.escape import json_text
from docaudit.report.findings import findings


def gitlab_document(result: CheckResult) -> list[dict[str, Any]]:
    """Return the check's findings in GitLab's Code Quality format."""
    return [
        {
            "description": finding.message,
            "check_name": finding.rule,
            "fingerprint": finding.fingerprint,
            "severity": "minor" if finding.severe else "info",
            "location": {"path": finding.symbol.path, "lines": {"begin": finding.symbol.line}},
        }
        for finding in findings(result.report.symbols)
    ]


def render(result: CheckResult) -> str:
    """Return the Code Quality report as indented JSON."""
    return json_text(gitlab_document(result))
