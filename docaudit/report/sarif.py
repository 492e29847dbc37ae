"""SARIF 2.1.0: the table of rules, one result per symbol with a documentation problem."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docaudit import __version__
from docaudit.model.checks import CheckResult
from docaudit.model.rules import RULES, Rule
from docaudit.report.escape import json_text, uri_reference
from docaudit.report.findings import findings

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def sarif_document(result: CheckResult) -> dict[str, Any]:
    """Return the check's findings as a SARIF 2.1.0 log.

    ``tool.driver.rules`` is the whole table of rules (``rules.RULES``), in its order, used
    or not: a rule's ``ruleIndex`` is then the same in every log, and a viewer can show
    what docaudit checks.
    """
    index = {rule.id: number for number, rule in enumerate(RULES)}
    results = [
        {
            "ruleId": finding.rule.id,
            "ruleIndex": index[finding.rule.id],
            "level": finding.level,
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
                        "rules": [_descriptor(rule) for rule in RULES],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": _root_uri(result.report.root)}},
                "results": results,
            }
        ],
    }


def _descriptor(rule: Rule) -> dict[str, Any]:
    """Return the SARIF reporting descriptor of one rule of the table."""
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.description},
        "help": {"text": rule.help},
        "defaultConfiguration": {"level": rule.level},
    }


def _root_uri(root: str) -> str:
    """Return the repository root as a ``file:`` URI ending in a slash."""
    return Path(root).resolve().as_uri().rstrip("/") + "/"


def render(result: CheckResult) -> str:
    """Return the SARIF log as indented JSON."""
    return json_text(sarif_document(result))
