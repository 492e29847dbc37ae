"""SARIF 2.1.0: one rule per documentation problem, one result per symbol."""

from __future__ import annotations

from typing import Any

from docaudit import __version__
from docaudit.model import CheckResult
from docaudit.report.escape import json_text, uri_reference
from docaudit.report.findings import RULES, findings

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def sarif_document(result: CheckResult) -> dict[str, Any]:
    """Return the check's findings as a SARIF 2.1.0 log."""
    rules = [
        {
            "id": rule,
            "name": title.replace(" ", ""),
            "shortDescription": {"text": title},
            "fullDescription": {"text": f"A module, class or function {says}."},
            "defaultConfiguration": {"level": "note" if problem == "placeholder" else "warning"},
        }
        for problem, (rule, title, says) in RULES.items()
    ]
    index = {rule["id"]: number for number, rule in enumerate(rules)}
    results = [
        {
            "ruleId": finding.rule,
            "ruleIndex": index[finding.rule],
            "level": "warning" if finding.severe else "note",
            "message": {"text": finding.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": uri_reference(finding.symbol.path),
                            "uriBaseId": "%SRCROOT%",
                        },
                        "region": {"startLine": max(1, finding.symbol.line)},
                    }
                }
            ],
            "partialFingerprints": {"docauditSymbol/v1": finding.fingerprint},
        }
        for finding in findings(result.report.symbols)
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "docaudit",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": _root_uri(result.report.root)}},
                "results": results,
            }
        ],
    }


def _root_uri(root: str) -> str:
    """Return the repository root as a ``file:`` URI ending in a slash."""
    from pathlib import Path

    return Path(root).resolve().as_uri().rstrip("/") + "/"


def render(result: CheckResult) -> str:
    """Return the SARIF log as indented JSON."""
    return json_text(sarif_document(result))
