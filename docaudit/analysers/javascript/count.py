"""Count a JavaScript or TypeScript file's symbols as eslint-plugin-jsdoc 65's
``require-jsdoc`` checks them, under ``counting.javascript``'s options.

A definition is counted when its context is in ``require`` and no option exempts it:
``check-constructors``/``-getters``/``-setters`` off leave those out; ``exempt-empty-
functions`` leaves out functions and methods with no parameters and no value returned,
``exempt-empty-constructors`` such constructors; ``public-only`` keeps what the rule
calls exported. The rule exempts these only when undocumented; here they are left out
of the total as well, so that the total does not depend on which of them happen to be
documented. A method without a block whose interface documents the member it
implements is counted documented (the rule does not report it). A ``/** */`` with
nothing in it satisfies the rule but is counted undocumented here (``empty``).
"""

from __future__ import annotations

from dataclasses import replace
from posixpath import splitext

from docaudit.config.languages import JavaScriptOptions
from docaudit.config.settings import Counting
from docaudit.model.symbols import OK, Definition, ParsedModule, Symbol, judged

FUNCTION_CONTEXTS = frozenset(
    {"FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression", "MethodDefinition"}
)
"""The contexts ``exempt-empty-functions`` applies to (the rule's function contexts)."""


def count(path: str, parsed: ParsedModule, counting: Counting) -> list[Symbol]:
    """Return the symbols the rule checks in one file, in source order."""
    options = counting.javascript
    base = splitext(path)[0]
    symbols: list[Symbol] = []
    taken: dict[str, int] = {}
    stack = [(child, "") for child in reversed(parsed.module.children)]
    while stack:
        definition, prefix = stack.pop()
        qualname = f"{prefix}{definition.name}"
        stack.extend((child, f"{qualname}.") for child in reversed(definition.children))
        if not counted(definition, options):
            continue
        unique = f"{base}.{qualname}"
        taken[unique] = taken.get(unique, 0) + 1
        if taken[unique] > 1:
            unique = f"{unique}#{taken[unique]}"
        if "implemented" in definition.traits:
            definition = replace(definition, doc=OK)
        public = "exported" in definition.traits
        symbols.append(
            judged(
                path,
                definition,
                definition.kind,
                unique,
                public,
                parsed.language,
                counting.placeholders_undocumented,
            )
        )
    return symbols


def counted(definition: Definition, options: JavaScriptOptions) -> bool:
    """Tell whether the rule, under ``options``, checks a definition."""
    traits = set(definition.traits)
    context = next(t.removeprefix("context=") for t in traits if t.startswith("context="))
    if definition.pragma is not None or context not in options.require:
        return False
    if ("constructor" in traits and not options.check_constructors) or (
        "getter" in traits and not options.check_getters
    ):
        return False
    if "setter" in traits and not options.check_setters:
        return False
    if "empty" in traits and (
        (options.exempt_empty_functions and context in FUNCTION_CONTEXTS)
        or (options.exempt_empty_constructors and "constructor" in traits)
    ):
        return False
    return not options.public_only or "exported" in traits
