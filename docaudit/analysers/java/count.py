"""Count one parsed Java file as Checkstyle 8.36's ``MissingJavadocType`` and
``MissingJavadocMethod`` check it, under ``counting.java`` (``JavaOptions``).

- A declaration is counted when its effective scope (the ``scope=`` trait) is within the
  ``scope`` option: ``public`` counts public declarations, ``protected`` adds protected
  ones, and so on to ``private`` (everything but what is inside anonymous classes).
- A type annotated ``@Generated`` is not counted (``MissingJavadocType``'s default
  ``skipAnnotations``).
- A method or constructor with one of ``allowed_annotations`` is not counted, nor one
  whose body is at most ``min_line_count`` lines long (the ``lines=`` trait, which is 1
  for a body-less method and -1 for a one-line body with a statement, so the default
  -1 leaves those out); with ``allow_missing_property_javadoc``, nor are getters and
  setters. Annotation fields are exempt from neither rule.
- ``package-info.java`` is counted as the package's module symbol, documented by a
  Javadoc before its ``package`` declaration; other files have no module symbol.

A symbol is public when its effective scope is ``public`` or ``protected`` (the API
javadoc documents); its qualified name is ``<package>.<Outer>.<Inner>.<method>(<types>)``.
"""

from __future__ import annotations

import posixpath

from docaudit.analysers.java.parse import SCOPES
from docaudit.config.settings import Counting
from docaudit.model.symbols import Definition, ParsedModule, Symbol, judged

PACKAGE_INFO = "package-info.java"
"""The file that documents a package."""
_PUBLIC = frozenset({"public", "protected"})


def count(path: str, parsed: ParsedModule, counting: Counting) -> list[Symbol]:
    """Return the symbols Checkstyle counts in one Java file, in source order."""
    module = parsed.module
    package = _trait(module, "package=") or ""
    symbols: list[Symbol] = []
    if posixpath.basename(path) == PACKAGE_INFO and module.pragma is None:
        symbols.append(_symbol(path, module, "module", package or path, True, counting))
    stack = [(child, package) for child in reversed(module.children)]
    while stack:
        definition, prefix = stack.pop()
        qualname = f"{prefix}.{definition.name}" if prefix else definition.name
        stack.extend((child, qualname) for child in reversed(definition.children))
        if not _counted(definition, counting):
            continue
        scope = _trait(definition, "scope=") or "package"
        symbols.append(
            _symbol(path, definition, definition.kind, qualname, scope in _PUBLIC, counting)
        )
    return symbols


def _counted(definition: Definition, counting: Counting) -> bool:
    """Tell whether the rule counts a definition under the options."""
    options = counting.java
    traits = definition.traits
    if definition.pragma is not None or "enum-constant" in traits:
        return False
    scope = _trait(definition, "scope=") or "package"
    if SCOPES.index(scope) > SCOPES.index(options.scope):
        return False
    annotations = {t.removeprefix("annotation=") for t in traits if t.startswith("annotation=")}
    if definition.kind == "class":
        return "Generated" not in annotations
    if options.allow_missing_property_javadoc and ("getter" in traits or "setter" in traits):
        return False
    if "annotation-field" in traits:
        return True
    lines = int(_trait(definition, "lines=") or "1")
    return lines > options.min_line_count and not annotations & set(options.allowed_annotations)


def _trait(definition: Definition, prefix: str) -> str | None:
    """Return the value of the definition's trait that starts with ``prefix``, if any."""
    return next((t[len(prefix) :] for t in definition.traits if t.startswith(prefix)), None)


def _symbol(
    path: str, definition: Definition, kind: str, qualname: str, public: bool, counting: Counting
) -> Symbol:
    """Return the counted symbol of one definition."""
    undocumented = counting.placeholders_undocumented
    return judged(path, definition, kind, qualname, public, "java", undocumented)
