"""The join of other languages' routes across files (``analysers.routes``), on facts
written by hand: prefixes through mounts, parameters, what has no known prefix."""

from docaudit.analysers.configuration.files import ConfigFile, analyse_config
from docaudit.analysers.crosskeys import Keys
from docaudit.analysers.routes import (
    Handler,
    Mount,
    Route,
    RouteFacts,
    Router,
    join,
    normalise,
    route_symbols,
)
from docaudit.model.symbols import MISSING, OK, PLACEHOLDER, ModuleFacts
from docaudit.pipeline.surface import spring_context_path


def module(path: str, **facts: tuple) -> ModuleFacts[RouteFacts]:
    """Return one file's route facts."""
    return ModuleFacts(path, path, {}, RouteFacts(**facts))


def route(router: str, method: str, path: str, line: int, doc: str = MISSING) -> Route:
    """Return a route whose handler is at its registration."""
    return Route(router, method, path, line, doc=doc)


def rows(modules: list[ModuleFacts[RouteFacts]]) -> list[tuple]:
    """Return each endpoint's name, place, verdict, note and registration site."""
    return [
        (s.qualname, s.path, s.line, s.documented, s.problems, s.note, s.sites)
        for s in route_symbols(modules)
    ]


def test_parameters_are_written_in_braces_whatever_the_framework() -> None:
    assert [
        normalise(p)
        for p in (
            "/u/:id",
            "/u/:id?",
            "/u/<int:id>",
            "/<any(xhr, jquery, fetch):js>",  # flask's examples/javascript
            "/u/{id:[0-9]{3}}",
            "/f/{rest...}",
        )
    ] == ["/u/{id}", "/u/{id}", "/u/{id}", "/{js}", "/u/{id}", "/f/{rest}"]


def test_join_puts_one_slash_between() -> None:
    assert [join("/api/", "/x"), join("/api", ""), join("", "x"), join("", "/")] == [
        "/api/x",
        "/api",
        "/x",
        "/",
    ]


def test_prefixes_are_followed_across_files_and_chains() -> None:
    app = module(
        "src/app.ts",
        routers=(Router("js:src/app#app", "express", True),),
        routes=(
            route("js:src/app#app", "GET", "/", 3, OK),
            route("js:src/app#app", "GET", "/healthz/", 6),  # operational: left out
        ),
        mounts=(Mount("js:src/app#app", "/api", "js:src/api#router", 4),),
    )
    api = module(
        "src/api.ts",
        routers=(Router("js:src/api#router", "express", False),),
        mounts=(Mount("js:src/api#router", "/users/", "js:src/users#default", 2),),
    )
    users = module(
        "src/users.ts",
        routers=(Router("js:src/users#default", "express", False),),
        routes=(
            route("js:src/users#default", "GET", "/:id", 5, PLACEHOLDER),
            route("js:src/users#default", "POST", "/", 9),
            route("js:src/users#default", "GET", "/healthz", 12),  # not at the root: kept
        ),
    )
    assert rows([app, api, users]) == [
        ("GET /", "src/app.ts", 3, True, [], None, ["src/app.ts:3"]),
        (
            "GET /api/users/{id}",
            "src/users.ts",
            5,
            False,
            ["placeholder"],
            None,
            ["src/users.ts:5"],
        ),
        (
            "POST /api/users",
            "src/users.ts",
            9,
            False,
            ["missing"],
            None,
            ["src/users.ts:9"],
        ),
        (
            "GET /api/users/healthz",
            "src/users.ts",
            12,
            False,
            ["missing"],
            None,
            ["src/users.ts:12"],
        ),
    ]


def test_a_router_nothing_mounts_has_an_unknown_prefix() -> None:
    lone = module(
        "r.js",
        routers=(Router("js:r#router", "express", False),),
        routes=(route("js:r#router", "GET", "/x", 2), route("js:nowhere#x", "PUT", "/y", 3)),
    )
    assert [(s.qualname, s.note) for s in route_symbols([lone])] == [
        ("GET <dynamic>/x", "partial path"),
        ("PUT <dynamic>/y", "partial path"),
    ]


def test_a_router_mounted_twice_serves_both_and_a_cycle_ends() -> None:
    facts = module(
        "main.go",
        routers=(Router("go:a", "gin", True), Router("go:g", "gin", False)),
        routes=(route("go:g", "GET", "/items", 7),),
        mounts=(
            Mount("go:a", "/v1", "go:g", 3),
            Mount("go:a", "/v2", "go:g", 4),
            Mount("go:g", "/loop", "go:g", 5),
        ),
    )
    assert [s.qualname for s in route_symbols([facts])] == [
        "GET /v1/items",
        "GET /v2/items",
        "GET <dynamic>/loop/items",
    ]


def test_a_handler_another_file_defines_is_judged_there() -> None:
    routes = module(
        "main.go",
        routers=(Router("go:.#r", "gin", True),),
        routes=(
            Route("go:.#r", "GET", "/users/:id", 9, handler_ref="go:internal/h#GetUser"),
            Route("go:.#r", "DELETE", "/users/:id", 10, handler_ref="go:internal/h#Gone"),
        ),
    )
    handlers = module("internal/h/users.go", handlers=(Handler("go:internal/h#GetUser", 14, OK),))
    # in order of place: the handler's file, then the registration's
    assert rows([routes, handlers]) == [
        ("GET /users/{id}", "internal/h/users.go", 14, True, [], None, ["main.go:9"]),
        (
            "DELETE /users/{id}",
            "main.go",
            10,
            False,
            ["missing"],
            "handler not found",
            ["main.go:10"],
        ),
    ]


def test_a_key_written_in_part_resolves_to_the_one_declared() -> None:
    main = module(
        "main.go",
        routers=(Router("go:.#r", "gin", True),),
        mounts=(
            # the import path of the folder that declares the group
            Mount("go:.#r", "/api", "go:github.com/me/app/internal/api#Register.0", 3),
        ),
    )
    api = module(
        "internal/api/routes.go",
        routers=(Router("go:internal/api#Register.0", "gin", False),),
        routes=(Route("go:internal/api#Register.0", "GET", "/ping", 5),),
    )
    ts = module(
        "web/src/server.ts",
        routers=(Router("js:web/src/server#app", "express", True),),
        mounts=(
            Mount("js:web/src/server#app", "/u", "js:@/routes/users#default", 4),
            Mount("js:web/src/server#app", "/x", "js:other#default", 5),  # two would do
        ),
    )
    users = module(
        "web/src/routes/users.ts",
        routers=(Router("js:web/src/routes/users#default", "express", False),),
        routes=(Route("js:web/src/routes/users#default", "GET", "/", 2),),
    )
    others = [
        module(f"{d}/other.ts", routers=(Router(f"js:{d}/other#default", "express", False),))
        for d in ("a", "b")
    ]
    assert [s.qualname for s in route_symbols([main, api, ts, users, *others])] == [
        "GET /api/ping",
        "GET /u",
    ]


def test_a_frameworks_applications_are_served_under_a_prefix_set_outside_the_code() -> None:
    controller = module(
        "src/main/java/shop/Owners.java",
        routers=(Router("java:shop/Owners#Owners", "spring", True),),
        routes=(Route("java:shop/Owners#Owners", "GET", "/owners/{id}", 12),),
    )
    other = module(
        "web/app.js",
        routers=(Router("js:web/app#app", "express", True),),
        routes=(Route("js:web/app#app", "GET", "/x", 3),),
    )
    found = route_symbols([controller, other], served_under={"spring": "/petclinic"})
    assert [s.qualname for s in found] == ["GET /petclinic/owners/{id}", "GET /x"]


def test_springs_context_path_comes_from_the_default_profile() -> None:
    def analysed(path: str, text: str) -> ConfigFile:
        kind = "properties" if path.endswith(".properties") else "yaml"
        return analyse_config(path, text.encode(), kind)

    files = {
        "src/main/resources/application-prod.properties": analysed(
            "src/main/resources/application-prod.properties", "server.servlet.context-path=/p\n"
        ),
        "src/main/resources/application.yml": analysed(
            "src/main/resources/application.yml",
            "server:\n  servlet:\n    context-path: ${CONTEXT:/shop/}\nspring:\n  mvc:\n"
            "    servlet:\n      path: /api\n",
        ),
    }
    assert spring_context_path(files) == {"spring": "/shop/api"}
    assert spring_context_path({}) == {}


def test_a_go_module_below_the_root_shares_two_folders_with_its_import_paths() -> None:
    keys = Keys(
        [
            "go:backend/internal/api#Register.0",
            "go:backend/internal/web#Register.0",
            "go:tools/handlers#List",
        ]
    )
    # go.mod in backend/: the import path and the folder share internal/api
    assert keys.resolve("go:example.com/app/internal/api#Register.0") == (
        "go:backend/internal/api#Register.0"
    )
    # one folder alone in common is not enough: a third party's handlers package
    assert keys.resolve("go:github.com/x/handlers#List") == "go:github.com/x/handlers#List"
