"""Per-file handler facts: a function's or class view's docstring, its documentation
and method decorators, REST framework actions, sections and lookup fields."""

from __future__ import annotations

import ast
import inspect
import re
from collections.abc import Callable

from docaudit.analysers.apis.endpoints.facts import Action, ClassInfo, FunctionInfo
from docaudit.analysers.apis.endpoints.tables import DYNAMIC, HTTP_METHODS, VIEWSET_ACTIONS
from docaudit.analysers.python.docstrings import classify
from docaudit.analysers.python.names import dotted_name
from docaudit.model.symbols import OK, PLACEHOLDER

_DOC_DECORATORS = frozenset(("extend_schema", "swagger_auto_schema", "doc", "docs"))
_DOC_KEYWORDS = frozenset(("summary", "description", "operation_summary", "operation_description"))
_REQUIRE_DECORATORS = {
    "require_GET": ("GET",),
    "require_POST": ("POST",),
    "require_safe": ("GET",),
}
_CLASS_MEMBERS = frozenset((*HTTP_METHODS, *VIEWSET_ACTIONS))
_SECTION_HEADER = re.compile(r"^[a-zA-Z][0-9A-Za-z_]*:")


def _last_name(decorator: ast.expr) -> str:
    """Return the last name of a decorator: ``action`` for ``@decorators.action(...)``."""
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return dotted_name(target).rpartition(".")[2]


def _doc_text(
    definition: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef, dedent: bool = False
) -> str | None:
    """Return the human part of a docstring: up to a ``\\f`` or a line starting ``---``.

    The cut is made before the docstring is dedented, so a leading ``\\f`` hides all;
    ``dedent`` cleans the indentation as ``inspect.cleandoc`` does (sections need it).
    """
    raw = ast.get_docstring(definition, clean=False)
    if raw is None:
        return None
    text = raw.split("\f", 1)[0]
    kept = []
    for line in (inspect.cleandoc(text) if dedent else text).splitlines():
        if line.strip().startswith("---"):
            break
        kept.append(line)
    return "\n".join(kept)


def _doc_facts(text: str | None, name: str) -> tuple[bool, bool]:
    """Return whether a docstring's human part is real text, and whether it is a
    placeholder (a TODO, a stub, or a line that only restates ``name``)."""
    verdict = classify(text, name)
    return verdict == OK, verdict == PLACEHOLDER


def _function_info(function: ast.FunctionDef | ast.AsyncFunctionDef) -> FunctionInfo:
    """Return a handler's name, def line, whether it is documented (or a placeholder), and
    decorator facts."""
    doc, placeholder = _doc_facts(_doc_text(function), function.name)
    methods: tuple[str, ...] | None = None
    action = None
    for decorator in function.decorator_list:
        name = _last_name(decorator)
        call = decorator if isinstance(decorator, ast.Call) else None
        if name in _DOC_DECORATORS and call is not None and _documents(call):
            doc, placeholder = True, False
        elif name == "api_view":
            methods = _api_view_methods(call)
        elif name == "require_http_methods" and call is not None and call.args:
            methods = _literal_methods(call.args[0])
        elif name in _REQUIRE_DECORATORS:
            methods = _REQUIRE_DECORATORS[name]
        elif name == "action" and call is not None:
            action = _action(call, function.name)
    return FunctionInfo(function.name, function.lineno, doc, placeholder, methods, action)


def _api_view_methods(call: ast.Call | None) -> tuple[str, ...]:
    """Return the methods of ``@api_view([...])``; GET when none are given."""
    if call is None:
        return ("GET",)
    if call.args:
        return _literal_methods(call.args[0])
    for keyword in call.keywords:
        if keyword.arg == "http_method_names":
            return _literal_methods(keyword.value)
    return ("GET",)


def _literal_methods(expr: ast.expr) -> tuple[str, ...]:
    """Return the upper-case methods of a literal list, or ``("ANY",)`` when not literal."""
    items = expr.elts if isinstance(expr, ast.List | ast.Tuple | ast.Set) else [expr]
    methods = []
    for item in items:
        if not (isinstance(item, ast.Constant) and isinstance(item.value, str)):
            return ("ANY",)
        methods.append(item.value.upper())
    return tuple(methods)


def _action(call: ast.Call, name: str) -> Action:
    """Return an ``@action``'s detail flag, methods and URL path."""
    detail, methods, url_path = False, ("GET",), name
    for keyword in call.keywords:
        literal = keyword.value.value if isinstance(keyword.value, ast.Constant) else None
        if keyword.arg == "detail":
            detail = literal is True
        elif keyword.arg == "methods":
            methods = _literal_methods(keyword.value)
        elif keyword.arg == "url_path":
            url_path = literal if isinstance(literal, str) else DYNAMIC
    return Action(detail, methods, url_path)


def _documents(call: ast.Call) -> bool:
    """Tell whether a documentation decorator call has a non-empty summary or description."""
    return any(
        keyword.arg in _DOC_KEYWORDS
        and isinstance(keyword.value, ast.Constant)
        and isinstance(keyword.value.value, str)
        and classify(keyword.value.value, "") == OK
        for keyword in call.keywords
    )


def _class_info(klass: ast.ClassDef, qualify: Callable[[str], str]) -> ClassInfo:
    """Return a class's line, bases, docstring facts and its handler methods."""
    docstring = _doc_text(klass, dedent=True)
    doc, placeholder = _doc_facts(docstring, klass.name)
    sections = _sections(docstring)
    methods = {}
    lookups: dict[str, str] = {}
    for statement in klass.body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            if statement.name in _CLASS_MEMBERS or any(
                _last_name(decorator) == "action" for decorator in statement.decorator_list
            ):
                methods[statement.name] = _function_info(statement)
        elif isinstance(statement, ast.Assign):
            lookups.update(_lookup_attribute(statement))
    lookup = lookups.get("lookup_url_kwarg") or lookups.get("lookup_field") or None
    documented, schema_view = _class_decorators(klass)
    if documented:
        doc, placeholder, sections = True, False, None
    return ClassInfo(
        klass.name,
        klass.lineno,
        tuple(qualify(dotted) for dotted in map(dotted_name, klass.bases) if dotted),
        doc,
        placeholder,
        methods,
        sections,
        lookup,
        schema_view,
    )


def _lookup_attribute(statement: ast.Assign) -> dict[str, str]:
    """Return ``{"lookup_field": "slug"}`` for ``lookup_field = "slug"`` (and the kwarg)."""
    if len(statement.targets) != 1 or not isinstance(statement.targets[0], ast.Name):
        return {}
    name = statement.targets[0].id
    value = statement.value
    if name in ("lookup_field", "lookup_url_kwarg") and isinstance(value, ast.Constant):
        return {name: value.value} if isinstance(value.value, str) else {}
    return {}


def _class_decorators(klass: ast.ClassDef) -> tuple[bool, tuple[str, ...]]:
    """Return whether ``@extend_schema(...)`` documents a whole class, and the actions
    ``@extend_schema_view(action=...)`` documents."""
    whole, schema_view = False, ()
    for decorator in klass.decorator_list:
        if not isinstance(decorator, ast.Call):
            continue
        name = _last_name(decorator)
        if name in _DOC_DECORATORS and _documents(decorator):
            whole = True
        elif name == "extend_schema_view":
            documented = [
                keyword.arg
                for keyword in decorator.keywords
                if keyword.arg
                and isinstance(keyword.value, ast.Call)
                and _documents(keyword.value)
            ]
            if documented:
                schema_view = tuple(sorted(documented))
    return whole, schema_view


def _sections(text: str | None) -> dict[str, bool] | None:
    """Return REST framework's docstring sections (``list:`` ...) and whether each has text.

    The key ``""`` is the text before the first section; None when there are no sections.
    """
    if not text:
        return None
    current, sections = "", {"": [""]}
    for line in text.splitlines():
        if _SECTION_HEADER.match(line):
            current, _, lead = line.partition(":")
            sections[current] = [lead.strip()]
        else:
            sections[current].append(line)
    if len(sections) == 1:
        return None
    return {name: classify("\n".join(lines), name) == OK for name, lines in sections.items()}
