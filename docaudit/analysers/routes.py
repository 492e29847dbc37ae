"""Web API endpoints of the other languages' frameworks, joined across files.

Each language's ``routes`` module reads one file's routers, routes and mounts into
``RouteFacts`` (recorded with the parse, as the ``routes`` facts); ``route_symbols``
joins every file's facts into one ``endpoint`` Symbol per (method, full path, handler),
the record Python's endpoints have.

A router is named by a key that means the same in every file (each language makes its
own: ``js:src/routes/users#router``, ``go:internal/api.Register#0``): a mount in one
file (``app.use("/api", users)``) names the key of a router another file builds, and the
join follows it. A router that is an application (``express()``, ``gin.New()``, a Spring
controller) is served at the root; one that nothing mounts and that is no application
(an ``express.Router()`` exported to a file not read) has an unknown prefix: its paths
start with ``<dynamic>`` and are noted ``partial path``, as Python's are.

Path parameters are written ``{name}`` whatever the framework's syntax (``:id``,
``<int:id>``, ``{id:[0-9]+}``, ``{id...}``), and a trailing ``/`` is dropped, so one API
served by two frameworks gives the same paths.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from docaudit.analysers.crosskeys import Keys
from docaudit.config.settings import DEFAULT_OPERATIONAL_ROUTES
from docaudit.model.rules import UNDOCUMENTED_ENDPOINT
from docaudit.model.symbols import MISSING, OK, ModuleFacts, Symbol

DYNAMIC = "<dynamic>"
"""A path part not known statically."""

_MAX_DEPTH = 16
"""How many mounts deep a prefix is followed (a cycle stops sooner)."""


@dataclass(frozen=True, slots=True)
class Router:
    """Something routes hang on: ``key`` (see the module's docstring), its ``framework``,
    and whether it is an application, served at the root when nothing mounts it."""

    key: str
    framework: str
    application: bool


@dataclass(frozen=True, slots=True)
class Route:
    """One handler registered on the router ``router`` for ``method`` (upper case, or
    ``ANY``) at ``path`` (as written), on ``line``.

    A handler this file defines (or writes inline) is judged here: its ``handler_line``
    and doc verdict ``doc`` (``OK``, ``missing``, ``placeholder``, as ``Definition.doc``).
    One another file defines is named by ``handler_ref``, the key of that file's
    ``Handler``; the join judges it there ("handler not found" when no file has it).
    """

    router: str
    method: str
    path: str
    line: int
    handler_line: int = 0
    doc: str = MISSING
    handler_ref: str = ""


@dataclass(frozen=True, slots=True)
class Handler:
    """A function a file defines that another file's routes may name: its ``key`` (as
    ``Route.handler_ref`` names it), its line and its doc verdict. A language records
    only what can be a handler (Go: a function taking a ``*gin.Context``...)."""

    key: str
    line: int
    doc: str


@dataclass(frozen=True, slots=True)
class Mount:
    """The router ``child`` served under the router ``parent`` at ``prefix``."""

    parent: str
    prefix: str
    child: str
    line: int


@dataclass(frozen=True, slots=True)
class RouteFacts:
    """What one file of another language builds of a web API."""

    routers: tuple[Router, ...] = ()
    routes: tuple[Route, ...] = ()
    mounts: tuple[Mount, ...] = ()
    handlers: tuple[Handler, ...] = ()


def route_facts(facts: RouteFacts) -> tuple[tuple[str, object], ...]:
    """Return a file's ``routes`` facts (nothing when it builds no web API)."""
    return (("routes", facts),) if facts != RouteFacts() else ()


_PARAMETER = re.compile(
    r"\(\?P<(?P<group>[A-Za-z_][A-Za-z0-9_]*)>[^()]*(?:\([^()]*\)[^()]*)*\)"  # (?P<pk>\d+)
    r"|:(?P<colon>[A-Za-z_][A-Za-z0-9_]*)\??"  # Express, gin, echo, Koa, Hono: :id, :id?
    r"|<(?!dynamic>)(?:[A-Za-z_]+(?:\([^()<>]*\))?:)?(?P<angle>[A-Za-z_][A-Za-z0-9_]*)>"
    r"|\{(?P<brace>[A-Za-z_][A-Za-z0-9_]*)(?:\.\.\.|:[^{}]*(?:\{[^{}]*\}[^{}]*)*)?\}"
)
"""A path parameter in any framework's syntax: a Django regular expression's named group,
``:id``, Flask's and Django's ``<int:id>`` (a converter with arguments too: Werkzeug's
``<any(a, b):kind>``), ``{id...}`` (Go's rest of the path) and ``{id:[0-9]{3}}`` (a
pattern: chi, gorilla, Spring, actix)."""


def normalise(path: str) -> str:
    """Return ``path`` with each parameter written ``{name}``."""
    return _PARAMETER.sub(
        lambda found: "{" + next(name for name in found.groups() if name) + "}", path
    )


def join(prefix: str, path: str) -> str:
    """Join a prefix and a path with one ``/`` between them (``/api/`` + ``/x`` is
    ``/api/x``; ``/api`` + ``""`` is ``/api``); a path not starting with ``/`` is made to."""
    if not path or path == "/":
        joined = prefix or "/"
    else:
        joined = prefix.rstrip("/") + "/" + path.lstrip("/")
    return joined if joined.startswith(("/", DYNAMIC)) else "/" + joined


def route_symbols(
    modules: Sequence[ModuleFacts[RouteFacts]],
    operational: Sequence[str] = DEFAULT_OPERATIONAL_ROUTES,
    served_under: Mapping[str, str] | None = None,
) -> list[Symbol]:
    """Return one ``endpoint`` Symbol per (method, full path, handler) of ``modules``;
    the ``operational`` paths (health checks, metrics) are left out, as Python's are.
    ``served_under`` gives a framework's applications a prefix set outside the code
    (Spring's ``server.servlet.context-path``: ``{"spring": "/api"}``)."""
    routers: dict[str, Router] = {}
    mounts: dict[str, list[Mount]] = defaultdict(list)
    routes: list[tuple[str, Route]] = []
    handlers: dict[str, tuple[str, Handler]] = {}
    for module in modules:
        for handler in module.facts.handlers:
            handlers.setdefault(handler.key, (module.path, handler))
        for router in module.facts.routers:
            known = routers.get(router.key)
            if known is None or (router.application and not known.application):
                routers[router.key] = router
    keys = Keys([*routers, *handlers])
    for module in modules:
        for mount in module.facts.mounts:
            child, parent = keys.resolve(mount.child), keys.resolve(mount.parent)
            mounts[child].append(replace(mount, parent=parent, child=child))
        routes += [
            (
                module.path,
                replace(
                    route,
                    router=keys.resolve(route.router),
                    handler_ref=route.handler_ref and keys.resolve(route.handler_ref),
                ),
            )
            for route in module.facts.routes
        ]
    left_out = {path.rstrip("/") or "/" for path in operational}
    prefixes = _Prefixes(routers, mounts, served_under or {})
    found: dict[tuple[str, str, int], Symbol] = {}
    for path, route in routes:
        for prefix in prefixes.of(route.router):
            full = normalise(join(prefix, route.path)).rstrip("/") or "/"
            if full in left_out:
                continue
            symbol = _symbol(path, route, full, handlers)
            found.setdefault((symbol.qualname, symbol.path, symbol.line), symbol)
    return sorted(found.values(), key=lambda s: (s.path, s.line, s.qualname))


class _Prefixes:
    """The prefixes each router is served under, through every chain of mounts."""

    def __init__(
        self,
        routers: dict[str, Router],
        mounts: dict[str, list[Mount]],
        served_under: Mapping[str, str],
    ) -> None:
        """Keep the routers, for each router's key the mounts that serve it, and the
        prefixes of each framework's applications."""
        self.routers = routers
        self.mounts = mounts
        self.served_under = served_under
        self.known: dict[str, tuple[str, ...]] = {}

    def of(self, key: str) -> tuple[str, ...]:
        """Return the prefixes of the router ``key``, each once, in a stable order
        (walked in a loop: a cycle or a chain over ``_MAX_DEPTH`` stops there)."""
        if key in self.known:
            return self.known[key]
        found: list[str] = []
        stack: list[tuple[str, str, frozenset[str]]] = [(key, "", frozenset({key}))]
        while stack:
            current, suffix, seen = stack.pop()
            served = self.mounts.get(current, [])
            router = self.routers.get(current)
            if not served:  # served at the root, or under a prefix not known
                if router is not None and router.application:
                    found.append(join(self.served_under.get(router.framework, ""), suffix))
                else:
                    found.append(join(DYNAMIC, suffix))
            for mount in served:
                if mount.parent in seen or len(seen) > _MAX_DEPTH:
                    found.append(join(DYNAMIC, join(mount.prefix, suffix)))
                    continue
                stack.append((mount.parent, join(mount.prefix, suffix), seen | {mount.parent}))
        self.known[key] = prefixes = tuple(sorted(set(found)))
        return prefixes


def _symbol(
    path: str, route: Route, full: str, handlers: dict[str, tuple[str, Handler]]
) -> Symbol:
    """Return the Symbol of one route served at ``full``, registered in the file ``path``:
    at its handler, judged by it (a handler named in another file is looked up in
    ``handlers``; one not found is the registration, undocumented)."""
    notes = ["partial path"] if DYNAMIC in full else []
    where, line, doc = path, route.handler_line or route.line, route.doc
    if route.handler_ref:
        found = handlers.get(route.handler_ref)
        if found is None:
            where, line, doc = path, route.line, MISSING
            notes.append("handler not found")
        else:
            where, line, doc = found[0], found[1].line, found[1].doc
    documented = doc == OK
    return Symbol(
        path=where,
        line=line,
        kind="endpoint",
        qualname=f"{route.method} {full}",
        public=True,
        documented=documented,
        problems=[] if documented else [UNDOCUMENTED_ENDPOINT.problem(doc)],
        note="; ".join(notes) or None,
        level="documented" if documented else "undocumented",
        sites=[f"{path}:{route.line}"],
    )
