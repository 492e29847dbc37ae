"""Path, method and Symbol helpers of the cross-file pass: node prefixes, the methods a
registration or class view serves, joining path pieces per framework, building Symbols."""

from __future__ import annotations

from collections.abc import Callable

from docaudit.analysers.apis.endpoints.facts import (
    DYNAMIC_VALUE,
    Called,
    Constant,
    Constructed,
    Items,
    Join,
    Ref,
    Text,
    Value,
)
from docaudit.analysers.apis.endpoints.records import _Call, _Edge, _Node, _Route, _Target, _View
from docaudit.analysers.apis.endpoints.tables import DYNAMIC, RECEIVER_CTORS
from docaudit.analysers.python.docstrings import classify
from docaudit.analysers.routes import normalise
from docaudit.model.rules import UNDOCUMENTED_ENDPOINT
from docaudit.model.symbols import MISSING, OK, PLACEHOLDER, Symbol


def _make_node(record: Constructed, path: str, text: Callable[[Value], str]) -> _Node:
    """Return the node a framework constructor call makes, with its own prefix (``text``
    reads a path value)."""
    framework = RECEIVER_CTORS[record.ctor]
    keywords = record.kw
    keyword = {"flask": "url_prefix", "fastapi": "prefix"}.get(framework)
    given = keywords.get(keyword) if keyword else None
    prefix = text(given) if given is not None else None
    return _Node((path, record.id), framework, prefix, _hidden(keywords))


def _own(node: _Node) -> tuple[str, ...]:
    """Return a node's own prefix as path pieces."""
    return (node.prefix,) if node.prefix else ()


def _registered_prefix(node: _Node, edge: _Edge) -> tuple[str, ...]:
    """Return the prefix a registration adds: Flask's ``url_prefix=`` replaces the
    blueprint's own, FastAPI's ``prefix=`` comes before the router's own."""
    own = _own(node)
    if node.framework == "flask":
        return (edge.prefix,) if edge.prefix is not None else own
    return ((edge.prefix,) if edge.prefix else ()) + own


def _view_methods(view: _View, explicit: tuple[str, ...] | None) -> list[tuple[str, _Target]]:
    """Return (HTTP method, target) for each method a class view serves."""
    if view.mapping:
        return [(method, view.target(action)) for method, action in sorted(view.mapping.items())]
    if explicit and explicit not in (("ANY",), ("*",)):
        return [(method, view.target(method.lower())) for method in explicit]
    served = view.http_methods()
    if not served:
        return [("GET", view.target("get"))]
    return [(method, view.target(method)) for method in served]


def _methods(call: _Call, source: str) -> tuple[tuple[str, ...] | None, tuple[str, ...]]:
    """Return the methods a registration names (None: the handler decides) and notes."""
    if source == "kw":
        given = call.kw.get("methods")
        if given is None:
            return (None, ()) if "**" not in call.kw else (("ANY",), ("unknown methods",))
    elif source == "arg":
        given = call.arg(0, ("method",))
    elif source == "class":
        return None, ()
    else:
        return (source,), ()
    return _method_names(given)


def _method_names(given: Value | None) -> tuple[tuple[str, ...] | None, tuple[str, ...]]:
    """Return the upper-case methods of a literal method or list; ``ANY`` when unknown."""
    items = given.items if isinstance(given, Items) else (given,)
    texts = [item.value for item in items if isinstance(item, Text)]
    if len(texts) == len(items):
        methods = tuple(text.upper() for text in texts)
        return (("ANY",), ()) if "*" in methods else (methods, ())
    return ("ANY",), ("unknown methods",)


def _framework_call(item: Called, frameworks: tuple[str, ...]) -> str:
    """Return the last name of a call to a framework function (``path``, ``Route``...)."""
    func = item.func
    if not isinstance(func, Ref) or not func.name.startswith(frameworks):
        return ""
    return func.name.rpartition(".")[2]


def _literal_text(value: Value) -> str | None:
    """Return the text of a string, or of a ``join`` with ``<dynamic>`` for the names in
    it; None for anything else."""
    if isinstance(value, Join):
        return "".join(part.value if isinstance(part, Text) else DYNAMIC for part in value.parts)
    return value.value if isinstance(value, Text) else None


def _route_documented(keywords: dict[str, Value]) -> bool:
    """Tell whether a route's ``summary=``/``description=`` is human text."""
    texts = (
        _literal_text(keywords.get(name, DYNAMIC_VALUE)) for name in ("summary", "description")
    )
    return any(text is not None and classify(text, "") == OK for text in texts)


def _hidden(keywords: dict[str, Value]) -> bool:
    """Tell whether ``include_in_schema=False`` hides a route, router or inclusion."""
    return keywords.get("include_in_schema") == Constant(False)


def _join(framework: str, pieces: tuple[str, ...]) -> str:
    """Join path pieces as the framework does."""
    if framework in ("django", "drf"):
        return "/" + "".join(_django_piece(piece) for piece in pieces)
    path = ""
    for piece in pieces:
        if not path or not piece:
            path = path or piece
        elif framework == "flask":
            path = f"{path.rstrip('/')}/{piece.lstrip('/')}"
        else:
            path = path.rstrip("/") + piece
    return path or "/"


def _django_piece(piece: str) -> str:
    """Return a Django route piece without regex anchors; an unknown prefix ends in ``/``."""
    return f"{DYNAMIC}/" if piece == DYNAMIC else piece.removeprefix("^").removesuffix("$")


def _symbol(route: _Route, path: str) -> Symbol:
    """Return the Symbol of one route served at ``path``."""
    notes = list(route.notes)
    if DYNAMIC in path:
        notes.append("partial path")
    documented = route.target.documented
    problem = PLACEHOLDER if route.target.placeholder else MISSING
    return Symbol(
        path=route.target.path,
        line=route.target.line,
        kind="endpoint",
        qualname=f"{route.method} {normalise(path)}",
        public=True,
        documented=documented,
        problems=[] if documented else [UNDOCUMENTED_ENDPOINT.problem(problem)],
        note="; ".join(sorted(set(notes))) or None,
        level="documented" if documented else "undocumented",
        sites=[route.site] if route.site else [],
    )
