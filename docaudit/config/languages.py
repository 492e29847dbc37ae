"""Each language's counting options, as its anchor linter names them.

A ``[tool.docaudit.<language>]`` table (``[<language>]`` in a ``docaudit.toml``) sets
them; a key is the option's name in kebab case. Each class says which linter it follows
and where its defaults come from; ``docs/languages.md`` gives the whole rule.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGE_NAMES = ("python", "javascript", "typescript", "go", "rust", "java")
"""The languages docaudit counts, in the order reports list them."""
JAVASCRIPT_CONTEXTS = (
    "FunctionDeclaration",
    "ClassDeclaration",
    "MethodDefinition",
    "ArrowFunctionExpression",
    "FunctionExpression",
)
"""eslint-plugin-jsdoc ``require-jsdoc``'s ``require`` contexts: all five by default."""
TYPESCRIPT_CONTEXTS = (
    "TSInterfaceDeclaration",
    "TSTypeAliasDeclaration",
    "TSEnumDeclaration",
)
"""TypeScript declarations counted only when ``require`` names them (as ``contexts``)."""
JAVA_SCOPES = ("public", "protected", "package", "private")
"""Checkstyle's scopes, widest last: a scope counts what is at least that visible."""


@dataclass(frozen=True, slots=True)
class JavaScriptOptions:
    """eslint-plugin-jsdoc 65 ``require-jsdoc``, for JavaScript and TypeScript.

    ``require`` lists the contexts counted (the rule's ``require`` keys set to true and
    its ``contexts``); the others are the rule's options of the same name, with the
    rule's defaults.
    """

    require: tuple[str, ...] = JAVASCRIPT_CONTEXTS
    public_only: bool = False
    exempt_empty_constructors: bool = True
    exempt_empty_functions: bool = False
    check_constructors: bool = True
    check_getters: bool = True
    check_setters: bool = True


@dataclass(frozen=True, slots=True)
class GoOptions:
    """golint/revive ``exported``: no options (the rule's own behaviour)."""


@dataclass(frozen=True, slots=True)
class RustOptions:
    """rustc ``missing_docs``; ``private_items`` adds clippy's
    ``missing_docs_in_private_items``."""

    private_items: bool = False


@dataclass(frozen=True, slots=True)
class JavaOptions:
    """Checkstyle ``MissingJavadocType`` and ``MissingJavadocMethod``, with their defaults."""

    scope: str = "public"
    allowed_annotations: tuple[str, ...] = ("Override",)
    allow_missing_property_javadoc: bool = False
    min_line_count: int = -1


LanguageOptions = JavaScriptOptions | GoOptions | RustOptions | JavaOptions
CHOICES: dict[tuple[type, str], tuple[str, ...]] = {
    (JavaScriptOptions, "require"): JAVASCRIPT_CONTEXTS + TYPESCRIPT_CONTEXTS,
    (JavaOptions, "scope"): JAVA_SCOPES,
}
"""The values a string (or each string of a list) option may take, where they are few."""
