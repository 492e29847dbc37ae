"""What the Go web frameworks call things: their import paths, the functions that build
a router, the types a router has, the methods that register a route or a sub-router,
and the signatures of a handler (read by ``go.routes``)."""

from __future__ import annotations

import re

HTTP = "net/http"
"""The standard library's package, and its framework's name."""

_FRAMEWORKS = (
    (re.compile(r"net/http"), HTTP),
    (re.compile(r"github\.com/gin-gonic/gin"), "gin"),
    (re.compile(r"github\.com/labstack/echo(?:/v\d+)?"), "echo"),
    (re.compile(r"github\.com/go-chi/chi(?:/v\d+)?"), "chi"),
    (re.compile(r"github\.com/gofiber/fiber(?:/v\d+)?"), "fiber"),
)

MARKERS = (
    b'"net/http"',
    b'"github.com/gin-gonic/gin"',
    b'"github.com/labstack/echo',
    b'"github.com/go-chi/chi',
    b'"github.com/gofiber/fiber',
)
"""A part of every framework's import (``net/http`` first): a file holding none is not
queried."""

HTTP_USES = (b"Handle", b"Serve", b"ResponseWriter")
"""A part of every ``net/http`` name a server uses: a file that imports ``net/http``
and holds none of them (an HTTP client) is not queried."""

CONSTRUCTORS = {
    ("gin", "New"): True,
    ("gin", "Default"): True,
    ("echo", "New"): True,
    ("fiber", "New"): True,
    ("chi", "NewRouter"): False,
    ("chi", "NewMux"): False,
    (HTTP, "NewServeMux"): True,
}
"""The functions that build a router, and whether it is an application (served at the
root): a chi router is one only when something serves it (``http.ListenAndServe``)."""

ROUTER_TYPES = {
    "gin": frozenset({"Engine", "RouterGroup", "IRouter", "IRoutes"}),
    "echo": frozenset({"Echo", "Group"}),
    "chi": frozenset({"Router", "Mux"}),
    "fiber": frozenset({"App", "Router", "Group"}),
    HTTP: frozenset({"ServeMux"}),
}
"""The types of a router, by framework (a pointer to one too)."""

_VERBS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "CONNECT", "TRACE")
VERBS = {
    "gin": {**{verb: verb for verb in _VERBS[:7]}, "Any": "ANY"},
    "echo": {**{verb: verb for verb in _VERBS}, "Any": "ANY"},
    "chi": {verb.title(): verb for verb in _VERBS},
    "fiber": {**{verb.title(): verb for verb in _VERBS}, "All": "ANY"},
    HTTP: {},
}
"""The methods that register a handler for one HTTP method (or ``ANY``), by framework."""

WITH_METHOD = {
    "gin": ("Handle",),
    "echo": ("Add",),
    "chi": ("Method", "MethodFunc"),
    "fiber": ("Add",),
}
"""The methods whose first argument is the HTTP method (a list of them for fiber v3)."""

MATCH = {"gin": "Match", "echo": "Match"}
"""The method whose first argument is a ``[]string`` of HTTP methods."""

PATTERNS = {"chi": ("Handle", "HandleFunc"), HTTP: ("Handle", "HandleFunc")}
"""The methods whose first argument is a ``ServeMux`` pattern (``[METHOD ][HOST]/PATH``)."""

GROUPS = frozenset({"gin", "echo", "fiber"})
"""The frameworks whose ``Group(prefix, ...)`` returns a sub-router."""

CLOSURES = {"chi": ("Route", "Group"), "fiber": ("Route",)}
"""The methods that hand a sub-router to a function literal (``Route(prefix, func(r))``,
chi's ``Group(func(r))`` under no prefix)."""

MOUNTS = {"chi": ("Mount",), "fiber": ("Mount", "Use")}
"""The methods that serve a router (their last argument) under a prefix."""

SAME_ROUTER = {"chi": ("With",)}
"""The methods that return the router they are called on (with middlewares)."""

SERVE = {"ListenAndServe": 1, "ListenAndServeTLS": 3, "Serve": 1, "ServeTLS": 1}
"""``net/http``'s functions that serve a handler, and the position of that handler."""

WRAPPERS = {HTTP: ("HandlerFunc",), "gin": ("WrapF", "WrapH"), "echo": ("WrapHandler",)}
"""The conversions whose only argument is the handler."""


def framework_of(import_path: str) -> str:
    """Return the framework an import path is (``""`` for none)."""
    return next((name for pattern, name in _FRAMEWORKS if pattern.fullmatch(import_path)), "")


def handler_index(framework: str, import_path: str, path_index: int, count: int) -> int:
    """Return the position of the handler among a route call's ``count`` arguments:
    echo's and fiber v3's come right after the path (middlewares follow), the others'
    last (gin's middlewares come before it)."""
    first = framework == "echo" or (framework == "fiber" and import_path.endswith("/v3"))
    return path_index + 1 if first else count - 1


def handler_types(aliases: dict[str, str]) -> tuple[frozenset[tuple[str, ...]], frozenset[str]]:
    """Return, for a file whose frameworks are imported under ``aliases`` (alias to
    framework), the parameter types of a handler as written (``("*gin.Context",)``) and
    the result types of a function that returns one (``gin.HandlerFunc``)."""
    parameters: set[tuple[str, ...]] = set()
    results: set[str] = set()
    for alias, framework in aliases.items():
        if framework == HTTP:
            parameters.add((f"{alias}.ResponseWriter", f"*{alias}.Request"))
            results.update((f"{alias}.HandlerFunc", f"{alias}.Handler"))
        elif framework == "gin":
            parameters.add((f"*{alias}.Context",))
            results.add(f"{alias}.HandlerFunc")
        elif framework == "echo":
            parameters.update(((f"{alias}.Context",), (f"*{alias}.Context",)))
            results.add(f"{alias}.HandlerFunc")
        elif framework == "fiber":
            parameters.update(((f"*{alias}.Ctx",), (f"{alias}.Ctx",)))
            results.add(f"{alias}.Handler")
    return frozenset(parameters), frozenset(results)


METHODS = frozenset(
    {
        *(method for verbs in VERBS.values() for method in verbs),
        *(method for names in WITH_METHOD.values() for method in names),
        *MATCH.values(),
        *(method for names in PATTERNS.values() for method in names),
        *(method for names in CLOSURES.values() for method in names),
        *(method for names in MOUNTS.values() for method in names),
        "Group",
        *SERVE,
    }
)
"""The name of every method or function that registers a route, a sub-router or a
server: a call of another name matters only when it is handed a router."""

BUILDERS = frozenset({"Group", "With", *(function for _, function in CONSTRUCTORS)})
"""The methods and functions a router handed to a call may be built by in place."""
