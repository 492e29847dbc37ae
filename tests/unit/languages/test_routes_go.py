"""Go's web API endpoints (``analysers.go.routes``): net/http, gin, echo, chi and fiber
routers read by the parse and joined by the real pipeline on the fixture apps of
``fixtures/languages/routes/``, and single cases on sources written here. Every expected
value is worked out by hand from the fixture texts.

A fixture app is audited as its own root, copied out of the repository: another package
of it is named by its import path (``example.com/shop/internal/catalog``), which the
join matches to the folder that declares it by a path suffix, and below the repository's
root that folder is ``fixtures/languages/routes/gin/internal/catalog``, no suffix of it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from docaudit.analysers.go.parse import parse
from docaudit.analysers.go.routes.syntax import servemux_pattern
from docaudit.analysers.routes import DYNAMIC, Handler, Mount, Route, RouteFacts, Router
from docaudit.model.symbols import MISSING, OK, PLACEHOLDER
from tests.helpers import FIXTURES, endpoint_rows

ROUTES = FIXTURES / "languages" / "routes"

Row = tuple[str, str, int, bool, list[str], str | None, list[str]]


def app(name: str, tmp_path: Path) -> Path:
    """Return a copy of the fixture app ``name``, to be audited as its own root."""
    return Path(shutil.copytree(ROUTES / name, tmp_path / name))


def facts(source: str, path: str = "svc/api/server.go") -> RouteFacts:
    """Return the routes facts the Go parse records for ``source``."""
    found = dict(parse(source.encode(), path).facts)
    routes = found.get("routes", RouteFacts())
    assert isinstance(routes, RouteFacts)
    return routes


def test_gin(tmp_path: Path) -> None:
    # main.go: /healthz is operational; /api/v1 groups hand /products to
    # catalog.Register (its parameter, by import path) and /orders to the method
    # Routes of an orders.Handler literal; /version's inline handler is documented by
    # the comment above it; /echo's handler is a function of main.go (38). catalog:
    # "" is the group itself, itemPath a constant, Create's TODO a placeholder, Delete
    # undocumented, Search's path dynamic and documented by @Summary. orders' handlers
    # are methods of routes.go's receiver, defined in orders.go: Update by
    # @Description, Items' "Items godoc" and @Tags are no text. Match gives two routes.
    catalog, orders = "internal/catalog/", "internal/orders/"
    handlers, items = catalog + "handlers.go", orders + "orders.go"
    assert endpoint_rows(app("gin", tmp_path)) == [
        ("GET /api/v1/products", handlers, 10, True, [], None, [f"{catalog}routes.go:10"]),
        ("GET /api/v1/products/{id}", handlers, 15, True, [], None, [f"{catalog}routes.go:11"]),
        (
            "POST /api/v1/products",
            handlers,
            20,
            False,
            [PLACEHOLDER],
            None,
            [f"{catalog}routes.go:12"],
        ),
        (
            "DELETE /api/v1/products/admin/{id}",
            handlers,
            24,
            False,
            [MISSING],
            None,
            [f"{catalog}routes.go:14"],
        ),
        (
            f"GET /api/v1/products/{DYNAMIC}",
            handlers,
            31,
            True,
            [],
            "partial path",
            [f"{catalog}routes.go:15"],
        ),
        ("GET /api/v1/orders/{id}", items, 14, True, [], None, [f"{orders}routes.go:7"]),
        ("PATCH /api/v1/orders/{id}", items, 20, True, [], None, [f"{orders}routes.go:8"]),
        (
            "POST /api/v1/orders/{id}/items",
            items,
            26,
            False,
            [MISSING],
            None,
            [f"{orders}routes.go:9"],
        ),
        (
            "PUT /api/v1/orders/{id}/items",
            items,
            26,
            False,
            [MISSING],
            None,
            [f"{orders}routes.go:9"],
        ),
        ("GET /version", "main.go", 26, True, [], None, ["main.go:26"]),
        ("ANY /echo", "main.go", 38, True, [], None, ["main.go:29"]),
    ]


def test_echo(tmp_path: Path) -> None:
    # main.go: /healthz is left out; the /api group goes to api.Mount. routes.go:
    # echo's handler is the argument after the path (requireUser is a middleware);
    # Add's method is http.MethodDelete; base is a variable (a dynamic path); Match
    # gives GET and HEAD of tags (30, this file). handlers: "Create note." restates
    # CreateNote; GetNote has no comment, DeleteNote only a Deprecated: notice; Proxy
    # has an @Summary after a blank comment line.
    routes, notes = "api/routes.go", "api/handlers/notes.go"
    assert endpoint_rows(app("echo", tmp_path)) == [
        ("GET /api/notes", notes, 11, True, [], None, [f"{routes}:17"]),
        ("POST /api/notes", notes, 16, False, [PLACEHOLDER], None, [f"{routes}:18"]),
        ("GET /api/notes/{id}", notes, 20, False, [MISSING], None, [f"{routes}:19"]),
        ("DELETE /api/notes/{id}", notes, 25, False, [MISSING], None, [f"{routes}:20"]),
        (f"ANY /api/notes/{DYNAMIC}", notes, 32, True, [], "partial path", [f"{routes}:21"]),
        ("GET /api/tags", routes, 30, True, [], None, [f"{routes}:22"]),
        ("HEAD /api/tags", routes, 30, True, [], None, [f"{routes}:22"]),
    ]


def test_chi(tmp_path: Path) -> None:
    # main.go: chi.NewRouter served by http.ListenAndServe; /health left out; Route
    # /api hands its function a sub-router, which mounts posts.Routes()'s result at
    # /posts, a Group (no prefix) serving /me, and With(...).Post /login; /admin is
    # adminRouter()'s result, built in admin.go (HandleFunc: any method; flush's TODO
    # a placeholder). posts: the handlers are methods of NewHandler()'s *Handler,
    # defined in handler.go; {postID:[0-9]+} is {postID}; Method(http.MethodPut, ...);
    # "/"+section is dynamic.
    posts, handler = "internal/posts/routes.go", "internal/posts/handler.go"
    assert endpoint_rows(app("chi", tmp_path)) == [
        ("GET /admin/stats", "admin.go", 17, True, [], None, ["admin.go:11"]),
        ("ANY /admin/flush", "admin.go", 22, False, [PLACEHOLDER], None, ["admin.go:12"]),
        ("GET /api/posts", handler, 14, True, [], None, [f"{posts}:16"]),
        ("POST /api/posts", handler, 19, False, [PLACEHOLDER], None, [f"{posts}:17"]),
        ("GET /api/posts/{postID}", handler, 23, False, [MISSING], None, [f"{posts}:19"]),
        ("PUT /api/posts/{postID}", handler, 29, True, [], None, [f"{posts}:20"]),
        ("DELETE /api/posts/{postID}", handler, 34, True, [], None, [f"{posts}:21"]),
        (
            f"GET /api/posts/{DYNAMIC}",
            handler,
            38,
            False,
            [MISSING],
            "partial path",
            [f"{posts}:23"],
        ),
        ("GET /api/me", "main.go", 32, True, [], None, ["main.go:23"]),
        ("POST /api/login", "main.go", 36, False, [MISSING], None, ["main.go:25"]),
    ]


def test_fiber(tmp_path: Path) -> None:
    # main.go: /healthz left out; the /api group (with a middleware) goes to
    # routes.Setup; legacy() returns another fiber app, mounted at /legacy. routes.go:
    # Route hands /carts to a function; fiber v2's handler is the last argument (auth
    # is a middleware); All is any method; "/webhooks/"+provider() is dynamic; Add
    # takes the method first. carts.go: "Add item." restates AddItem.
    routes, carts = "routes/routes.go", "handlers/carts.go"
    assert endpoint_rows(app("fiber", tmp_path)) == [
        ("GET /api/carts/{id}", carts, 7, True, [], None, [f"{routes}:13"]),
        ("POST /api/carts/{id}/items", carts, 12, False, [PLACEHOLDER], None, [f"{routes}:14"]),
        ("DELETE /api/carts/{id}", carts, 16, False, [MISSING], None, [f"{routes}:15"]),
        (f"ANY /api/{DYNAMIC}", carts, 22, True, [], "partial path", [f"{routes}:17"]),
        ("PATCH /api/carts/{id}", carts, 26, False, [MISSING], None, [f"{routes}:18"]),
        ("GET /legacy/status", "main.go", 34, True, [], None, ["main.go:29"]),
    ]


def test_net_http(tmp_path: Path) -> None:
    # main.go: a ServeMux served through an http.Server; "GET /healthz" is left out;
    # "GET /{$}" is the root only; /books/ serves books.Routes()'s mux with /books
    # stripped. debug.go's init registers on DefaultServeMux (served by
    # ListenAndServe(..., nil)). books: a host in the pattern is not part of the path;
    # {path...} is {path}; http.HandlerFunc(Files) is Files; route is a variable.
    routes, handlers = "books/routes.go", "books/handlers.go"
    assert endpoint_rows(app("nethttp", tmp_path)) == [
        ("GET /books/{id}", handlers, 6, True, [], None, [f"{routes}:11"]),
        ("POST /books", handlers, 11, False, [PLACEHOLDER], None, [f"{routes}:12"]),
        ("DELETE /books/{id}", handlers, 15, False, [MISSING], None, [f"{routes}:13"]),
        ("ANY /books/files/{path}", handlers, 21, True, [], None, [f"{routes}:14"]),
        (f"ANY /books/{DYNAMIC}", handlers, 26, True, [], "partial path", [f"{routes}:15"]),
        ("ANY /debug/vars", "debug.go", 9, False, [MISSING], None, ["debug.go:6"]),
        ("GET /", "main.go", 26, True, [], None, ["main.go:14"]),
    ]


def test_the_same_api_in_gin() -> None:
    # audited where it is: its registration functions and handlers are in package
    # main's other files, named by the folder's own keys
    found = endpoint_rows(ROUTES / "same-api" / "gin")
    assert sorted(e[0] for e in found) == sorted(
        [
            "GET /api/articles",
            "POST /api/articles",
            "GET /api/articles/{slug}",
            "PUT /api/articles/{slug}",
            "DELETE /api/articles/{slug}",
            "GET /api/articles/{slug}/comments",
            "POST /api/users/login",
            "GET /api/user",
        ]
    )
    assert all(e[3] and e[1] == "handlers.go" for e in found)  # paths relative to the app


def test_a_file_without_a_framework_or_a_server_records_no_routes() -> None:
    # no import of a framework; an HTTP client (net/http, but no Handle, Serve or
    # ResponseWriter)
    plain = 'package a\n\nfunc f() {\n\tr.GET("/x", h)\n}\n'
    client = 'package a\n\nimport "net/http"\n\nfunc f() {\n\thttp.Get("/x")\n}\n'
    assert [facts(plain), facts(client)] == [RouteFacts(), RouteFacts()]
    assert "routes" not in dict(parse(plain.encode(), "a/a.go").facts)


SERVER = """\
package api

import (
	"net/http"

	"github.com/go-chi/chi/v5"
)

type Server struct {
	router chi.Router
}

func (s *Server) Register(r chi.Router) {
	r.Get("/a", s.a)
}

func Routes() http.Handler {
	r := chi.NewRouter()
	r.Route("/b", func(sub chi.Router) {
		sub.Post("/", b)
	})
	return r
}

func NewServer() *Server {
	s := &Server{router: chi.NewRouter()}
	s.Register(s.router)
	http.ListenAndServe(":80", s.router)
	return s
}
"""


def test_keys_of_parameters_closures_results_fields_and_servers() -> None:
    # a router parameter is keyed by its function (a method: T.M) and position, a
    # function literal's by its place (line 19, column 16); what Routes returns is
    # Routes.return; the field router of a Server literal is Server.router, handed to
    # s.Register (a mount of its parameter) and served at line 28 (column 29)
    api = "go:svc/api#"
    assert facts(SERVER) == RouteFacts(
        routers=(
            Router(f"{api}Server.Register.0", "chi", False),
            Router(f"{api}Routes@19:16.0", "chi", False),
            Router(f"{api}Routes.return", "chi", False),
            Router(f"{api}Server.router", "chi", False),
            Router(f"{api}NewServer@28:29.serve", "net/http", True),
        ),
        routes=(
            Route(f"{api}Server.Register.0", "GET", "/a", 14, handler_ref=f"{api}Server.a"),
            Route(f"{api}Routes@19:16.0", "POST", "/", 20, handler_ref=f"{api}b"),
        ),
        mounts=(
            Mount(f"{api}Routes.return", "/b", f"{api}Routes@19:16.0", 19),
            Mount(f"{api}Server.router", "", f"{api}Server.Register.0", 27),
            Mount(f"{api}NewServer@28:29.serve", "", f"{api}Server.router", 28),
        ),
        # Routes returns an http.Handler: a handler's factory may be named as one
        handlers=(Handler(f"{api}Routes", 17, MISSING),),
    )


MAIN = """\
package main

import (
	"github.com/gin-gonic/gin"

	"example.com/app/users"
	h "example.com/app/handlers"
)

func main() {
	r := gin.New()
	v1 := r.Group("/v1")
	users.Register(v1.Group("/users"), nil)
	u := h.NewUsers(nil)
	u.Routes(v1)
	var a h.Articles
	a.Routes(v1)
	v1.GET("/me", u.Me)
	v1.GET("/feed", a.Feed)
	v1.GET("/tags", h.Tags)
}
"""


def test_calls_handing_routers_to_other_packages_are_mounts() -> None:
    # users.Register's parameter 0 by import path; u's type is told by its constructor
    # (NewUsers: Users), a's by its declaration; their handlers are named alike
    main, users, handlers = (
        "go:cmd#main.",
        "go:example.com/app/users#",
        "go:example.com/app/handlers#",
    )
    found = facts(MAIN, "cmd/main.go")
    assert found.mounts == (
        Mount(f"{main}r", "/v1", f"{main}v1", 12),
        Mount(f"{main}v1", "/users", "go:cmd#main@13:17", 13),
        Mount("go:cmd#main@13:17", "", f"{users}Register.0", 13),
        Mount(f"{main}v1", "", f"{handlers}Users.Routes.0", 15),
        Mount(f"{main}v1", "", f"{handlers}Articles.Routes.0", 17),
    )
    assert [(r.path, r.handler_ref) for r in found.routes] == [
        ("/me", f"{handlers}Users.Me"),
        ("/feed", f"{handlers}Articles.Feed"),
        ("/tags", f"{handlers}Tags"),
    ]


HANDLERS = """\
package handlers

import "github.com/labstack/echo/v4"

type Users struct{}

type Admins struct{}

// Me returns the signed-in user.
func (u *Users) Me(c echo.Context) error { return nil }

// List lists the users.
func (u *Users) List(c echo.Context) error { return nil }

// List lists the admins.
func (a *Admins) List(c echo.Context) error { return nil }

func (u *Users) helper(x int) error { return nil }

// Me godoc
// @Router /me [get]
func Me(c echo.Context) error { return nil }
"""


def test_a_method_handler_is_also_named_by_its_name_alone_when_that_is_one() -> None:
    # Users.Me: also "Me"? no, the function Me takes the name; List is two types'
    # methods: neither gets it; helper is no handler. Me's comment is swaggo's only.
    keys = [
        (h.key.removeprefix("go:h#"), h.line, h.doc) for h in facts(HANDLERS, "h/a.go").handlers
    ]
    assert keys == [
        ("Users.Me", 10, OK),
        ("Users.List", 13, OK),
        ("Admins.List", 16, OK),
        ("Me", 22, MISSING),
    ]


def test_the_handler_argument_of_each_framework() -> None:
    # gin and fiber v2 take middlewares before the handler, echo and fiber v3 after it
    sources = {
        "gin": ('"github.com/gin-gonic/gin"', "gin.New()", "GET"),
        "echo": ('"github.com/labstack/echo/v4"', "echo.New()", "GET"),
        "fiber/v2": ('"github.com/gofiber/fiber/v2"', "fiber.New()", "Get"),
        "fiber/v3": ('"github.com/gofiber/fiber/v3"', "fiber.New()", "Get"),
    }
    found = {}
    for name, (imported, built, method) in sources.items():
        source = (
            f"package a\n\nimport {imported}\n\nfunc main() {{\n\tr := {built}\n"
            f'\tr.{method}("/x", first, second)\n}}\n'
        )
        found[name] = [r.handler_ref for r in facts(source, "a/main.go").routes]
    assert found == {
        "gin": ["go:a#second"],
        "echo": ["go:a#first"],
        "fiber/v2": ["go:a#second"],
        "fiber/v3": ["go:a#first"],
    }


UNCERTAIN = """\
package a

import (
	"net/http"

	"github.com/go-chi/chi/v5"
)

func routes() {
	router.Get("/x", show)
	cache.Get("/k", 1)
	c := newClient()
	c.Get("/y", c)
	resp, _ := http.Get("/z")
	router.Get(resp.Path, show)
	// List returns everything.
	router.Get("/all", func(w http.ResponseWriter, r *http.Request) {
		r.Header.Get("/inside")
	})
}
"""


def test_a_router_no_line_here_builds_is_taken_only_where_a_route_is_certain() -> None:
    # router is a package variable of another file: its calls with a "/" path and a
    # function are routes (the inline one documented by the comment above it); a
    # number, a local variable or a dynamic path is no handler for such a router; r
    # in the literal is the request
    assert facts(UNCERTAIN, "a/a.go").routes == (
        Route("go:a#router", "GET", "/x", 10, handler_ref="go:a#show"),
        Route("go:a#router", "GET", "/all", 17, 17, OK),
    )


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("GET /items/{id}", (("GET",), "/items/{id}")),
        ("POST\t/items/{$}", (("POST",), "/items/")),
        ("example.com/about", (("ANY",), "/about")),
        ("DELETE example.com", (("DELETE",), "/")),
        ("/static/", (("ANY",), "/static/")),
        (DYNAMIC, (("ANY",), DYNAMIC)),
    ],
)
def test_servemux_patterns(pattern: str, expected: tuple[tuple[str, ...], str]) -> None:
    assert servemux_pattern(pattern) == expected


LATE = """\
package main

import "github.com/gin-gonic/gin"

func main() {
	v1 := router.Group("/v1")
	v1.GET("/a", func(c *gin.Context) {})
	router.Run()
}

var router = gin.New()
"""


def test_a_package_variable_is_read_first_and_a_function_keeps_its_locals() -> None:
    # router, built at the end, is known in main above it; v1 is main's local
    assert facts(LATE, "a/main.go") == RouteFacts(
        routers=(Router("go:a#router", "gin", True), Router("go:a#main.v1", "gin", False)),
        routes=(Route("go:a#main.v1", "GET", "/a", 7, 7, MISSING),),
        mounts=(Mount("go:a#router", "/v1", "go:a#main.v1", 6),),
    )


REGISTRAR = """\
package v1

import "github.com/labstack/echo/v5"

type registrar interface {
	GET(path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) echo.RouteInfo
}

func RegisterSSE(router registrar, hub int) {
	router.GET("/api/v1/sse", func(c *echo.Context) error { return nil })
}
"""


def test_a_parameter_of_another_type_is_a_router_where_a_route_is_certain() -> None:
    # memos' RegisterSSERoutes: the interface has echo's GET; the route makes its
    # parameter a router another package may mount (by RegisterSSE.0)
    found = facts(REGISTRAR, "server/v1/sse.go")
    assert (found.routers, found.routes) == (
        (Router("go:server/v1#RegisterSSE.0", "echo", False),),
        (Route("go:server/v1#RegisterSSE.0", "GET", "/api/v1/sse", 10, 10, MISSING),),
    )
