"""The one table of rule ids: a real finding of every rule in SARIF, GitHub and GitLab,
lookups that refuse what the table does not list, and docs/rules.md kept to the table."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from docaudit.analysers.python.docstrings import classify
from docaudit.config.settings import KIND_GROUPS
from docaudit.errors import UnknownRule
from docaudit.model import rules
from docaudit.model.rules import RULES
from docaudit.model.symbols import Symbol
from tests.helpers import REPO, SARIF_SCHEMA, make_repo

KINDS = "--kinds=code,endpoint,cli,export,spec,env,config"

# A small project with one undocumented thing of each sort, every line number below
# counted by hand from these texts.
PROJECT = {
    "pyproject.toml": '[project]\nname = "shop"\nversion = "1"\n\n'
    '[project.scripts]\nshop = "pkg.tool:run"\n',
    "pkg/__init__.py": '"""The shop."""\n',
    # missing (line 4), empty (line 8) and placeholder (line 12) docstrings
    "pkg/code.py": '"""Docstring problems."""\n\n\ndef bare():\n    pass\n\n\n'
    'def blank():\n    """"""\n\n\ndef later():\n    """TODO"""\n',
    # an endpoint whose handler (line 8) has no docstring
    "pkg/web.py": '"""The web API."""\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n\n'
    '@app.get("/items")\ndef items():\n    return []\n',
    # an option (line 6), an argument (line 7) and a command (line 8) without help
    "pkg/tool.py": '"""The command line."""\nimport click\n\n\n@click.command()\n'
    '@click.option("--fast")\n@click.argument("target")\ndef run(fast, target):\n    pass\n',
    # an export (listed at line 3) of a constant with no attribute docstring
    "pkg/api.py": '"""What the package exports."""\n\n__all__ = ["LIMIT"]\n\nLIMIT = 10\n',
    # read only by code (line 4), declared in .env.example only (line 5), named at run
    # time (line 10)
    "pkg/env.py": '"""Environment."""\nimport os\n\nTOKEN = os.environ["API_TOKEN"]\n'
    'REGION = os.getenv("SHOP_REGION")\n\n\ndef setting(name):\n'
    '    """Return the setting ``name`` from the environment."""\n'
    '    return os.getenv(f"SHOP_{name}")\n',
    # an uncommented key (line 1), which also declares SHOP_REGION
    ".env.example": "SHOP_REGION=eu\n",
    # info (2), tag (6), operation (9), parameter (11), schema (18), none described
    "openapi.yaml": 'openapi: 3.0.3\ninfo:\n  title: Shop\n  version: "1"\ntags:\n'
    "  - name: items\npaths:\n  /items:\n    get:\n      parameters:\n        - name: limit\n"
    '          in: query\n      responses:\n        "200":\n'
    "          description: The items.\ncomponents:\n  schemas:\n    Item:\n"
    "      type: object\n",
    # a message (line 9) with neither summary nor description
    "asyncapi.yaml": 'asyncapi: 2.6.0\ninfo:\n  title: Events\n  version: "1"\n'
    "  description: The events the shop sends.\nchannels: {}\ncomponents:\n  messages:\n"
    "    ItemAdded:\n      payload:\n        type: object\n",
}

# (rule, level, path, line, message) of each finding, in report order: code symbols by
# path, then the public surface by path and line.
FOUND = [
    ("missing-docstring", "warning", "pkg/code.py", 4, "function bare has no docstring"),
    ("empty-docstring", "warning", "pkg/code.py", 8, "function blank has an empty docstring"),
    (
        "placeholder-docstring",
        "note",
        "pkg/code.py",
        12,
        "function later has a placeholder docstring (TODO, a stub, or its own name restated)",
    ),
    ("missing-docstring", "warning", "pkg/tool.py", 8, "function run has no docstring"),
    ("missing-docstring", "warning", "pkg/web.py", 8, "function items has no docstring"),
    (
        "undocumented-config-key",
        "warning",
        ".env.example",
        1,
        "config-key SHOP_REGION: missing",
    ),
    (
        "spec-message-description",
        "warning",
        "asyncapi.yaml",
        9,
        "spec-schema message ItemAdded: missing description (spec-message-description)",
    ),
    (
        "spec-info-description",
        "warning",
        "openapi.yaml",
        2,
        "spec-info info: missing description (info-description)",
    ),
    (
        "spec-tag-description",
        "warning",
        "openapi.yaml",
        6,
        "spec-tag tag items: missing description (tag-description)",
    ),
    (
        "spec-operation-description",
        "warning",
        "openapi.yaml",
        9,
        "spec-operation GET /items: missing description"
        " (operation-description, operation-summary)",
    ),
    (
        "spec-parameter-description",
        "warning",
        "openapi.yaml",
        11,
        "spec-parameter GET /items parameter limit (query): missing description"
        " (oas3-parameter-description, parameter-description)",
    ),
    (
        "spec-schema-description",
        "warning",
        "openapi.yaml",
        18,
        "spec-schema schema Item: missing description"
        " (docs-schema-description, component-description)",
    ),
    ("undocumented-export", "warning", "pkg/api.py", 3, "export pkg.api.LIMIT: missing"),
    ("undocumented-env-var", "warning", "pkg/env.py", 4, "env-var API_TOKEN: missing"),
    ("undescribed-env-var", "warning", "pkg/env.py", 5, "env-var SHOP_REGION: no description"),
    ("dynamic-env-var", "warning", "pkg/env.py", 10, "env-var SHOP_*: name built at run time"),
    (
        "cli-option-help",
        "warning",
        "pkg/tool.py",
        6,
        "cli-option shop --fast: missing help (cli-option-help)",
    ),
    (
        "cli-argument-help",
        "warning",
        "pkg/tool.py",
        7,
        "cli-option shop TARGET: missing help (cli-argument-help)",
    ),
    (
        "cli-command-help",
        "warning",
        "pkg/tool.py",
        8,
        "cli-command shop: missing help (cli-command-help)",
    ),
    ("undocumented-endpoint", "warning", "pkg/web.py", 8, "endpoint GET /items: missing"),
]

# What GitLab Code Quality requires of each issue (docs.gitlab.com, "Code Quality report
# format"): a description, a check name, a fingerprint, a severity and a location.
GITLAB_ISSUE = {
    "type": "object",
    "required": ["description", "check_name", "fingerprint", "severity", "location"],
    "properties": {
        "description": {"type": "string", "minLength": 1},
        "check_name": {"type": "string", "minLength": 1},
        "fingerprint": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
        "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
        "location": {
            "type": "object",
            "required": ["path", "lines"],
            "properties": {
                "path": {"type": "string", "minLength": 1},
                "lines": {
                    "type": "object",
                    "required": ["begin"],
                    "properties": {"begin": {"type": "integer", "minimum": 1}},
                },
            },
        },
    },
}
GITLAB_REPORT = {"type": "array", "items": GITLAB_ISSUE}


def test_every_rule_has_a_finding_in_sarif_and_gitlab(tmp_path: Path, run_cli) -> None:
    make_repo(tmp_path, PROJECT)
    result = run_cli(
        "check", "--no-cache", KINDS, "--format", "sarif:out.sarif", "--format", "gitlab:cq.json",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.code == 0, result.err

    log = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    run = log["runs"][0]
    descriptors = run["tool"]["driver"]["rules"]
    assert [d["id"] for d in descriptors] == [r.id for r in RULES]
    assert descriptors[6] == {
        "id": "cli-argument-help",
        "name": "CliArgumentHelp",
        "shortDescription": {"text": "CLI argument without help"},
        "fullDescription": {
            "text": "A positional argument has no help= text, or an empty one, and the"
            " command's help does not name it."
        },
        "help": {
            "text": "Pass help= to the argument, or name it in upper case in the command's help."
        },
        "defaultConfiguration": {"level": "warning"},
    }
    assert [d["defaultConfiguration"]["level"] for d in descriptors].count("note") == 1
    assert descriptors[2]["defaultConfiguration"] == {"level": "note"}  # placeholder
    results = run["results"]
    assert [
        (
            r["ruleId"],
            r["level"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["message"]["text"],
        )
        for r in results
    ] == FOUND
    assert all(descriptors[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    assert {r["ruleId"] for r in results} == {r.id for r in RULES}

    issues = json.loads((tmp_path / "cq.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(GITLAB_REPORT).validate(issues)
    severity = {"warning": "minor", "note": "info"}
    assert [
        (i["check_name"], i["severity"], i["location"]["path"], i["location"]["lines"]["begin"])
        for i in issues
    ] == [(rule, severity[level], path, line) for rule, level, path, line, _ in FOUND]
    assert [i["description"] for i in issues] == [text for *_, text in FOUND]
    assert len({i["fingerprint"] for i in issues}) == len(FOUND) == 20
    assert [i["fingerprint"] for i in issues] == [
        r["partialFingerprints"]["docauditSymbol/v1"] for r in results
    ]
    assert {i["check_name"] for i in issues} == {r.id for r in RULES}


def test_github_annotations_name_the_rule_of_every_new_symbol(tmp_path: Path, run_cli) -> None:
    """Every symbol is new against main; with placeholders undocumented all 20 are gated."""
    repo = make_repo(tmp_path, {"README.md": "# Shop\n"})
    repo.git("checkout", "-q", "-b", "feature")
    for path, text in PROJECT.items():
        repo.write(path, text)
    repo.commit("the shop")
    result = run_cli(
        "check", "--no-cache", KINDS, "--compare-ref", "main", "--placeholders-undocumented",
        "--format", "github", "--format", "sarif:out.sarif",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.code == 1, result.err
    lines = result.out.splitlines()
    # 28 symbols: 12 of code (7 documented: six modules and setting) and 16 of the
    # surface (1 documented: the AsyncAPI info); none in the base, which counts as 100%.
    assert lines[0] == (
        "::error title=base-drop::coverage 28.6%25 against 100.0%25 in the base"
        " (-71.4 points; a drop of up to 0 allowed)"
    )
    assert lines[1] == (
        "::error file=pkg/code.py,line=4,title=Undocumented function (missing-docstring)"
        "::bare: 20 new public symbol(s) without documentation"
    )
    assert lines[3] == (
        "::error file=pkg/code.py,line=12,title=Undocumented function (placeholder-docstring)"
        "::later: 20 new public symbol(s) without documentation"
    )
    titled = [
        re.fullmatch(r"::error file=(.*),line=(\d+),title=(.*)::.*", line) for line in lines[1:]
    ]
    assert [(m[1], int(m[2])) for m in titled] == [(f[2], f[3]) for f in FOUND]
    assert [m[3].rpartition(" (")[2].rstrip(")") for m in titled] == [f[0] for f in FOUND]
    assert {m[3].rpartition(" (")[2].rstrip(")") for m in titled} == {r.id for r in RULES}
    log = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    levels = {r["ruleId"]: r["level"] for r in log["runs"][0]["results"]}
    assert levels["placeholder-docstring"] == "warning"  # it counts against coverage now


def test_docstring_judgements_resolve_to_the_docstring_rules() -> None:
    """The census writes classify's verdict as the problem; the table resolves each."""
    verdicts = [classify(doc, "load") for doc in (None, "  ", "TODO: later", "Load.")]
    assert verdicts == ["missing", "empty", "placeholder", "placeholder"]
    for kind in ("module", "class", "function", "method"):
        symbols = [Symbol("m.py", 1, kind, "load", True, False, [v]) for v in verdicts]
        assert [rules.rule_of(s).id for s in symbols] == [
            "missing-docstring",
            "empty-docstring",
            "placeholder-docstring",
            "placeholder-docstring",
        ]


def test_the_same_problem_text_names_a_rule_by_kind() -> None:
    def rule(kind: str, problem: str) -> str:
        return rules.rule_of(Symbol("x", 1, kind, "q", True, False, [problem])).id

    assert [rule(k, "missing") for k in ("function", "endpoint", "export", "config-key")] == [
        "missing-docstring",
        "undocumented-endpoint",
        "undocumented-export",
        "undocumented-config-key",
    ]
    assert rule("env-var", "missing") == "undocumented-env-var"
    assert rule("cli-option", "empty help (cli-argument-help)") == "cli-argument-help"
    assert rule("cli-command", "empty description (cli-command-help)") == "cli-command-help"
    assert rule(
        "spec-operation", "placeholder description (asyncapi-3-operation-description)"
    ) == ("spec-operation-description")
    assert rule("spec-parameter", "missing description (oas2-parameter-description,"
                " parameter-description)") == "spec-parameter-description"  # fmt: skip


def test_what_the_table_does_not_list_is_refused() -> None:
    with pytest.raises(UnknownRule, match="no rule 'undocumented-cli-option'"):
        rules.by_id("undocumented-cli-option")
    assert rules.by_id("cli-option-help") is rules.CLI_OPTION_HELP
    with pytest.raises(UnknownRule, match="is not a problem of rule cli-option-help"):
        rules.help_problem(rules.CLI_OPTION_HELP, "missing", "description")
    assert rules.help_problem(rules.CLI_OPTION_HELP, "empty") == "empty help (cli-option-help)"
    with pytest.raises(UnknownRule, match="is not a problem of rule spec-tag-description"):
        rules.spec_problem(rules.SPEC_TAG_DESCRIPTION, "openapi-3", "empty")
    with pytest.raises(UnknownRule, match="has no equivalent in raml-1"):
        rules.spec_problem(rules.SPEC_TAG_DESCRIPTION, "raml-1", "missing")
    assert rules.spec_problem(rules.SPEC_TAG_DESCRIPTION, "asyncapi-2", "placeholder") == (
        "placeholder description (asyncapi-tag-description)"
    )
    with pytest.raises(UnknownRule, match="is not a problem of rule undocumented-endpoint"):
        rules.UNDOCUMENTED_ENDPOINT.problem("no description")
    endpoint = Symbol("app.py", 3, "endpoint", "GET /", True, False, ["no description"])
    with pytest.raises(UnknownRule, match="no rule for the endpoint problem 'no description'"):
        rules.rule_of(endpoint)
    endpoint.problems = []
    with pytest.raises(UnknownRule, match="endpoint GET / has no problem"):
        rules.rule_of(endpoint)


def test_every_kind_has_a_rule_and_every_rule_a_known_kind() -> None:
    kinds = {kind for group in KIND_GROUPS.values() for kind in group}
    assert {kind for rule in RULES for kind in rule.kinds} == kinds
    assert [rule.id for rule in RULES if rule.level == "note"] == ["placeholder-docstring"]
    assert {rule.level for rule in RULES} == {"warning", "note"}
    assert all(rule.description.endswith(".") and rule.help.endswith(".") for rule in RULES)
    specs = [rule for rule in RULES if rule.kinds[0].startswith("spec-")]
    assert len(specs) == 6
    assert all([f for f, _ in rule.equivalents] == list(rules.SPEC_FAMILIES) for rule in specs)
    assert [rule.name for rule in RULES[:4]] == [
        "MissingDocstring",
        "EmptyDocstring",
        "PlaceholderDocstring",
        "UndocumentedEndpoint",
    ]


def _doc_row(rule: rules.Rule) -> str:
    """Return the row docs/rules.md has for a rule."""
    kinds = ", ".join(f"`{kind}`" for kind in rule.kinds)
    return (
        f"| `{rule.id}` | {rule.title} | {kinds} | {rule.level} | {rule.description} {rule.help} |"
    )


def test_docs_list_exactly_the_rules_of_the_table() -> None:
    text = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    assert [row.split("`")[1] for row in rows] == [rule.id for rule in RULES]
    assert rows == [_doc_row(rule) for rule in RULES]
    ci = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    assert "(rules.md)" in ci
