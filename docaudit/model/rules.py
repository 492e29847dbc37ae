"""The one table of rule ids: every documentation problem an analyser can report.

Each ``Rule`` names the symbol kinds it applies to and the exact problem texts that
break it; an analyser makes a problem through its rule (``Rule.problem``,
``help_problem``, ``spec_problem``), so it cannot write one the table does not list, and
a reporter finds the rule of a symbol's first problem by an exact lookup
(``rule_of``). SARIF, GitHub, GitLab and docs/rules.md all read this table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from docaudit.errors import UnknownRule
from docaudit.model.symbols import EMPTY, MISSING, PLACEHOLDER

if TYPE_CHECKING:
    from docaudit.model.symbols import Symbol

WARNING = "warning"
NOTE = "note"
CODE_KINDS = ("module", "class", "function", "method", "field", "constant")
SPEC_FAMILIES = ("openapi-3", "openapi-2", "asyncapi-2", "asyncapi-3")
"""The spec families a spec rule names its equivalents in (``openapi-2`` is Swagger)."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule a documentation finding breaks.

    ``level`` is its SARIF level (``warning``, or ``note`` for what still counts as
    documented); ``kinds`` the symbol kinds it applies to; ``problems`` the exact texts a
    symbol's first problem has when it breaks the rule; ``equivalents`` pairs each spec
    family with the names Spectral, Redocly or vacuum give the same check there.
    """

    id: str
    title: str
    description: str
    level: str
    help: str
    kinds: tuple[str, ...]
    problems: tuple[str, ...]
    equivalents: tuple[tuple[str, str], ...] = ()

    @property
    def name(self) -> str:
        """Return the id in PascalCase (``cli-option-help`` gives ``CliOptionHelp``)."""
        return "".join(part.capitalize() for part in self.id.split("-"))

    def problem(self, text: str) -> str:
        """Return ``text`` when it is one of this rule's problems; raise ``UnknownRule`` if not."""
        if text not in self.problems:
            raise UnknownRule(f"{text!r} is not a problem of rule {self.id}")
        return text

    def equivalent(self, family: str) -> str:
        """Return the names other linters give this rule in a spec family."""
        for known, names in self.equivalents:
            if known == family:
                return names
        raise UnknownRule(f"rule {self.id} has no equivalent in {family}")


def _help_problems(
    rule_id: str, fields: tuple[str, ...], words: tuple[str, ...] = (MISSING, EMPTY)
) -> tuple[str, ...]:
    """Return the problems of a CLI rule: each of ``words`` (missing, empty...) per help field."""
    return tuple(f"{word} {field} ({rule_id})" for field in fields for word in words)


def _spec_problems(equivalents: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """Return the problems of a spec rule: missing or placeholder, in each family's names."""
    names = dict.fromkeys(names for _, names in equivalents)
    return tuple(
        f"{verdict} description ({n})" for n in names for verdict in (MISSING, PLACEHOLDER)
    )


def _spec_rule(
    rule_id: str, title: str, description: str, help_text: str, kind: str, *names: str
) -> Rule:
    """Return a spec rule; ``names`` are its equivalents in each of ``SPEC_FAMILIES``."""
    equivalents = tuple(zip(SPEC_FAMILIES, names, strict=True))
    linters = ", ".join(name for name in dict.fromkeys(names) if name != rule_id)
    return Rule(
        rule_id,
        title,
        description,
        WARNING,
        f"{help_text} Other linters call this check {linters}." if linters else help_text,
        (kind,),
        _spec_problems(equivalents),
        equivalents,
    )


MISSING_DOCSTRING = Rule(
    "missing-docstring",
    "Missing docstring",
    "A module, class, function, method, field or constant has no docstring (or doc comment).",
    WARNING,
    "Write a docstring whose first line says what it is for.",
    CODE_KINDS,
    (MISSING,),
)
EMPTY_DOCSTRING = Rule(
    "empty-docstring",
    "Empty docstring",
    "A module, class, function, method, field or constant has a docstring (or doc comment)"
    " with nothing but white space in it.",
    WARNING,
    "Write the docstring, or remove the empty string.",
    CODE_KINDS,
    (EMPTY,),
)
PLACEHOLDER_DOCSTRING = Rule(
    "placeholder-docstring",
    "Placeholder docstring",
    "A docstring is a placeholder: a TODO, FIXME, TBD or XXX note, only punctuation, an"
    " editor stub such as _summary_, or a line that only restates the name.",
    NOTE,
    "Replace it with real text. It counts as documented unless placeholders-undocumented"
    " is set, and then it is a warning.",
    CODE_KINDS,
    (PLACEHOLDER,),
)
UNDOCUMENTED_ENDPOINT = Rule(
    "undocumented-endpoint",
    "Undocumented endpoint",
    "A web endpoint has no docstring on its handler, no summary or description, and no"
    " documentation decorator (missing), or the handler's docstring is a placeholder: a"
    " TODO or a stub, or a line that only restates the handler's name, which FastAPI"
    " already shows as the summary (placeholder).",
    WARNING,
    "Write the handler's docstring, or pass summary= or description= to the route.",
    ("endpoint",),
    (MISSING, PLACEHOLDER),
)
CLI_COMMAND_HELP = Rule(
    "cli-command-help",
    "CLI command without help",
    "A CLI command, group or parser has no help text, or an empty one (a docstring or"
    " help= for click and typer, description= or help= for argparse, help for Django).",
    WARNING,
    "Write the command's docstring or help=, or the parser's description=.",
    ("cli-command",),
    _help_problems("cli-command-help", ("help", "description")),
)
CLI_OPTION_HELP = Rule(
    "cli-option-help",
    "CLI option without help",
    "A command-line option has no help= text, an empty one, or a placeholder: a TODO or a"
    " stub, or text that only restates the option's name.",
    WARNING,
    "Pass help= to the option, saying what it changes.",
    ("cli-option",),
    _help_problems("cli-option-help", ("help",), (MISSING, EMPTY, PLACEHOLDER)),
)
CLI_ARGUMENT_HELP = Rule(
    "cli-argument-help",
    "CLI argument without help",
    "A positional argument has no help= text, or an empty one, and the command's help does"
    " not name it.",
    WARNING,
    "Pass help= to the argument, or name it in upper case in the command's help.",
    ("cli-option",),
    _help_problems("cli-argument-help", ("help",)),
)
UNDOCUMENTED_EXPORT = Rule(
    "undocumented-export",
    "Undocumented export",
    "A name in a module's __all__ names a function, class, attribute or submodule without"
    " a docstring.",
    WARNING,
    "Document what the name binds: a docstring, or an attribute docstring under it.",
    ("export",),
    (MISSING,),
)
UNDOCUMENTED_ENV_VAR = Rule(
    "undocumented-env-var",
    "Undocumented environment variable",
    "Code reads an environment variable that no doc file, example env file or deployment"
    " file names and no code describes.",
    WARNING,
    "Name it in the docs or in a commented example env file, with its default.",
    ("env-var",),
    (MISSING,),
)
UNDESCRIBED_ENV_VAR = Rule(
    "undescribed-env-var",
    "Environment variable without a description",
    "An environment variable is declared (an example env file, compose environment:,"
    " Dockerfile ENV or ARG, Kubernetes env:) but described nowhere.",
    WARNING,
    "Comment it where it is declared, or name it in the docs.",
    ("env-var",),
    ("no description",),
)
DYNAMIC_ENV_VAR = Rule(
    "dynamic-env-var",
    "Environment variables named at run time",
    "Code reads environment variables whose names are built at run time from a prefix,"
    " and the docs name neither the prefix pattern nor any variable with it.",
    WARNING,
    "Name the pattern (PREFIX_*) in the docs, or present a variable with the prefix as an"
    " environment variable (export PREFIX_X=..., an environment section).",
    ("env-var",),
    ("name built at run time",),
)
UNDOCUMENTED_CONFIG_KEY = Rule(
    "undocumented-config-key",
    "Undocumented config key",
    "A key of a runtime config file has no comment above or beside it, no mention in the"
    " docs and no JSON Schema description.",
    WARNING,
    "Comment the key, or name its dotted path in the docs.",
    ("config-key",),
    (MISSING,),
)
SPEC_INFO_DESCRIPTION = _spec_rule(
    "spec-info-description",
    "Spec info without a description",
    "The info object of an OpenAPI or AsyncAPI document has no description, or a placeholder.",
    "Write info.description: what the API is for.",
    "spec-info",
    "info-description",
    "info-description",
    "asyncapi-info-description",
    "asyncapi-info-description",
)
SPEC_OPERATION_DESCRIPTION = _spec_rule(
    "spec-operation-description",
    "Spec operation without a summary or description",
    "An operation of an OpenAPI or AsyncAPI document has neither a summary nor a"
    " description, or only placeholders.",
    "Write the operation's summary or description.",
    "spec-operation",
    "operation-description, operation-summary",
    "operation-description, operation-summary",
    "asyncapi-operation-description",
    "asyncapi-3-operation-description",
)
SPEC_PARAMETER_DESCRIPTION = _spec_rule(
    "spec-parameter-description",
    "Spec parameter without a description",
    "A parameter of an OpenAPI or AsyncAPI document has no description, or a placeholder.",
    "Write the parameter's description.",
    "spec-parameter",
    "oas3-parameter-description, parameter-description",
    "oas2-parameter-description, parameter-description",
    "asyncapi-parameter-description",
    "asyncapi-parameter-description",
)
SPEC_SCHEMA_DESCRIPTION = _spec_rule(
    "spec-schema-description",
    "Spec schema without a description",
    "A named schema of an OpenAPI or AsyncAPI document has no description, or a placeholder.",
    "Write the schema's description.",
    "spec-schema",
    *["docs-schema-description, component-description"] * len(SPEC_FAMILIES),
)
SPEC_MESSAGE_DESCRIPTION = _spec_rule(
    "spec-message-description",
    "Spec message without a summary or description",
    "A message of an AsyncAPI document has neither a summary nor a description, or only"
    " placeholders.",
    "Write the message's summary or description.",
    "spec-schema",
    *["spec-message-description"] * len(SPEC_FAMILIES),
)
SPEC_TAG_DESCRIPTION = _spec_rule(
    "spec-tag-description",
    "Spec tag without a description",
    "A tag of an OpenAPI or AsyncAPI document has no description, or a placeholder.",
    "Write the tag's description.",
    "spec-tag",
    "tag-description",
    "tag-description",
    "asyncapi-tag-description",
    "asyncapi-3-tag-description",
)

RULES = (
    MISSING_DOCSTRING,
    EMPTY_DOCSTRING,
    PLACEHOLDER_DOCSTRING,
    UNDOCUMENTED_ENDPOINT,
    CLI_COMMAND_HELP,
    CLI_OPTION_HELP,
    CLI_ARGUMENT_HELP,
    UNDOCUMENTED_EXPORT,
    UNDOCUMENTED_ENV_VAR,
    UNDESCRIBED_ENV_VAR,
    DYNAMIC_ENV_VAR,
    UNDOCUMENTED_CONFIG_KEY,
    SPEC_INFO_DESCRIPTION,
    SPEC_OPERATION_DESCRIPTION,
    SPEC_PARAMETER_DESCRIPTION,
    SPEC_SCHEMA_DESCRIPTION,
    SPEC_MESSAGE_DESCRIPTION,
    SPEC_TAG_DESCRIPTION,
)
"""Every rule, in the order reporters list them."""


def _index() -> tuple[dict[str, Rule], dict[tuple[str, str], Rule]]:
    """Return the rules by id and by (kind, problem); two rules may share neither."""
    ids: dict[str, Rule] = {}
    problems: dict[tuple[str, str], Rule] = {}
    for rule in RULES:
        if ids.setdefault(rule.id, rule) is not rule:
            raise ValueError(f"two rules have the id {rule.id}")
        for key in ((kind, text) for kind in rule.kinds for text in rule.problems):
            if problems.setdefault(key, rule) is not rule:
                raise ValueError(f"rules {problems[key].id} and {rule.id} share {key}")
    return ids, problems


_BY_ID, _BY_PROBLEM = _index()


def by_id(rule_id: str) -> Rule:
    """Return the rule with this id; raise ``UnknownRule`` if the table has none."""
    try:
        return _BY_ID[rule_id]
    except KeyError:
        raise UnknownRule(f"no rule {rule_id!r}") from None


def rule_of(symbol: Symbol) -> Rule:
    """Return the rule a symbol's first problem breaks; raise ``UnknownRule`` if none does."""
    if not symbol.problems:
        raise UnknownRule(f"{symbol.kind} {symbol.qualname} has no problem")
    try:
        return _BY_PROBLEM[symbol.kind, symbol.problems[0]]
    except KeyError:
        raise UnknownRule(
            f"no rule for the {symbol.kind} problem {symbol.problems[0]!r}"
        ) from None


def help_problem(rule: Rule, word: str, field: str = "help") -> str:
    """Return a CLI rule's problem, ``missing``, ``empty`` or (for options) ``placeholder``
    (``word``) help or description: ``missing help (cli-option-help)``."""
    return rule.problem(f"{word} {field} ({rule.id})")


def spec_problem(rule: Rule, family: str, verdict: str) -> str:
    """Return a spec rule's problem in a family, ``missing`` or ``placeholder`` (``verdict``):
    ``missing description (info-description)``."""
    return rule.problem(f"{verdict} description ({rule.equivalent(family)})")
