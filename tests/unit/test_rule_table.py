"""The rule table: unique ids, every rule found by its id and by each (kind, problem) it
lists, and the problem and help texts the table builds, written out by hand."""

from __future__ import annotations

import pytest

from docaudit.errors import UnknownRule
from docaudit.model import rules
from docaudit.model.rules import RULES
from docaudit.model.symbols import Symbol


def rule_of(kind: str, problem: str) -> rules.Rule:
    """Return the rule of an undocumented symbol of ``kind`` whose first problem is ``problem``."""
    return rules.rule_of(Symbol("x.py", 1, kind, "x", True, False, [problem]))


def test_ids_are_unique_and_each_finds_its_rule() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids)) == 18
    assert all(rules.by_id(rule.id) is rule for rule in RULES)
    with pytest.raises(UnknownRule, match="no rule 'missing-docstrings'"):
        rules.by_id("missing-docstrings")


def test_every_kind_and_problem_pair_finds_its_rule() -> None:
    # Pairs per rule, kinds × problems: the three docstring rules 6 × 1 each (18),
    # endpoint 1 × 2, cli-command 1 × 4 (missing/empty × help/description), cli-option
    # 1 × 3, cli-argument 1 × 2, export, the three env-var rules and config-key 1 each
    # (5): 34. Spec rules, 2 verdicts × their distinct names: info 2, operation 3,
    # parameter 3, schema 1, message 1, tag 3: 13 names, 26. In all 60, none shared.
    pairs = [(kind, text, rule) for rule in RULES for kind in rule.kinds for text in rule.problems]
    assert len(pairs) == len({(kind, text) for kind, text, _ in pairs}) == 60
    assert all(rule_of(kind, text) is rule for kind, text, rule in pairs)


def test_one_kind_two_rules_told_apart_by_the_problem() -> None:
    # Schemas and AsyncAPI messages are both spec-schema symbols.
    schema = "missing description (docs-schema-description, component-description)"
    assert rule_of("spec-schema", schema) is rules.SPEC_SCHEMA_DESCRIPTION
    message = "placeholder description (spec-message-description)"
    assert rule_of("spec-schema", message) is rules.SPEC_MESSAGE_DESCRIPTION
    with pytest.raises(UnknownRule, match="no rule for the spec-tag problem"):
        rule_of("spec-tag", message)


def test_the_texts_the_table_builds() -> None:
    assert rules.CLI_COMMAND_HELP.problems == (
        "missing help (cli-command-help)",
        "empty help (cli-command-help)",
        "missing description (cli-command-help)",
        "empty description (cli-command-help)",
    )
    # The two OpenAPI families share one name, so it is listed once.
    assert rules.SPEC_OPERATION_DESCRIPTION.problems == (
        "missing description (operation-description, operation-summary)",
        "placeholder description (operation-description, operation-summary)",
        "missing description (asyncapi-operation-description)",
        "placeholder description (asyncapi-operation-description)",
        "missing description (asyncapi-3-operation-description)",
        "placeholder description (asyncapi-3-operation-description)",
    )
    assert rules.SPEC_OPERATION_DESCRIPTION.help == (
        "Write the operation's summary or description. Other linters call this check"
        " operation-description, operation-summary, asyncapi-operation-description,"
        " asyncapi-3-operation-description."
    )
    # Every family calls it by docaudit's own id: no other linter to name.
    assert rules.SPEC_MESSAGE_DESCRIPTION.help == "Write the message's summary or description."
    assert rules.CLI_ARGUMENT_HELP.name == "CliArgumentHelp"
