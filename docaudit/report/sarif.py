"""SARIF 2.1.0: one rule per documentation problem, one result per symbol."""

from __future__ import annotations

from typing import Any

from docaudit import __version__
from docaudit.model import CheckResult
from docaudit.report.escape import json_text, uri_reference
from docaudit.report.findings import RULES, findings

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def sarif_document(result: CheckResult) -> dict[str, Any]:
    """Return the check's findings as a SARIF 2.1.0 log.

    The rules are the docstring rules, then each other rule a finding names (an
    endpoint's, a CLI option's, a spec object's), in order of first appearance.
    """
    found = findings(result.report.symbols)
    rules = [
        _rule(rule, title, f"A module, class or function {says}.", problem != "placeholder")
        for problem, (rule, title, says) in RULES.items()
    ]
    known = {rule["id"] for rule in rules}
    for finding in found:
        if finding.rule not in known:
            known.add(finding.rule)
            rules.append(_rule(finding.rule, finding.title, f"{finding.title}.", True))
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
        for finding in found
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


def _rule(rule: str, title: str, description: str, warning: bool) -> dict[str, Any]:
    """Return one SARIF rule descriptor."""
    return {
        "id": rule,
        "name": title.replace(" ", ""),
        "shortDescription": {"text": title},
        "fullDescription": {"text": description},
        "defaultConfiguration": {"level": "warning" if warning else "note"},
    }


def _root_uri(root: str) -> str:
    """Return the repository root as a ``file:`` URI ending in a slash."""
    from pathlib import Path

    return Path(root).resolve().as_uri().rstrip("/") + "/"


def render(result: CheckResult) -> str:
    """Return the SARIF log as indented JSON."""
    return json_text(sarif_document(result))
