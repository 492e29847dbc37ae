"""GitLab Code Quality: a JSON list of issues, one per symbol that needs documentation."""

from __future__ import annotations

from typing import Any

from docaudit.model.checks import CheckResult
from docaudit.model.rules import NOTE, WARNING
from docaudit.report.escape import json_text
from docaudit.report.findings import findings

_SEVERITY = {WARNING: "minor", NOTE: "info"}
"""GitLab's severity for each level of the rules table."""


def gitlab_document(result: CheckResult) -> list[dict[str, Any]]:
    """Return the check's findings in GitLab's Code Quality format, ``check_name`` being
    the rule id from the rules table."""
    return [
        {
            "description": finding.message,
            "check_name": finding.rule.id,
            "fingerprint": finding.fingerprint,
            "severity": _SEVERITY[finding.level],
            "location": {
                "path": finding.symbol.path,
                "lines": {"begin": max(1, finding.symbol.line)},
            },
        }
        for finding in findings(result.report.symbols)
    ]


def render(result: CheckResult) -> str:
    """Return the Code Quality report as indented JSON."""
    return json_text(gitlab_document(result))
