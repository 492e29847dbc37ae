"""Rust's web API endpoints (``analysers.rust.routes``, ``route_names``): axum routers
and actix-web apps, read by the parse and joined by the real pipeline on the fixture
apps of ``fixtures/languages/routes/``, and single cases on sources written here. Every
expected value is worked out by hand from the fixture texts."""

from __future__ import annotations

import pytest

from docaudit.analysers.routes import DYNAMIC, Handler, Mount, Route, RouteFacts, Router
from docaudit.analysers.rust.parse import parse
from docaudit.analysers.rust.route_names import Scope, crate_root, module_path
from docaudit.model.symbols import MISSING, OK, PLACEHOLDER
from tests.helpers import FIXTURES, endpoint_rows

ROUTES = FIXTURES / "languages" / "routes"
HANDLER_NOT_FOUND = "handler not found"


def facts(source: str, path: str = "src/main.rs") -> RouteFacts:
    """Return the routes facts the Rust parse records for ``source``."""
    found = dict(parse(source.encode(), path).facts)
    routes = found.get("routes", RouteFacts())
    assert isinstance(routes, RouteFacts)
    return routes


def test_axum_app() -> None:
    # main.rs: root documented (24); the closure at 14 is not; VERSION_PATH is the file's
    # constant and version a handler of handlers.rs that returns impl IntoResponse;
    # format!() is a dynamic path; /healthz is operational; the test module is not read.
    # api/mod.rs, nested at /api: users::routes() at /users, handlers of handlers.rs,
    # handlers::missing that no file defines, admin() merged, stats a TODO; orphan()
    # is mounted nowhere. users.rs: get_user imported from handlers.rs ("Get user."
    # restates its name), file documented by utoipa's summary, *rest written {rest}.
    main, api, users, handlers = (
        "src/main.rs",
        "src/api/mod.rs",
        "src/api/users.rs",
        ("src/handlers.rs"),
    )
    assert endpoint_rows(ROUTES / "axum") == [
        (
            "GET /api/items/{id}/stock",
            api,
            14,
            False,
            [MISSING],
            HANDLER_NOT_FOUND,
            [f"{api}:14"],
        ),
        ("GET /api/admin/stats", api, 23, False, [PLACEHOLDER], None, [f"{api}:19"]),
        (f"GET {DYNAMIC}/lost", api, 23, False, [PLACEHOLDER], "partial path", [f"{api}:29"]),
        ("GET /api/users/files/{rest}", users, 15, True, [], None, [f"{users}:11"]),
        ("GET /api/items", handlers, 6, True, [], None, [f"{api}:13"]),
        ("POST /api/items", handlers, 10, False, [MISSING], None, [f"{api}:13"]),
        ("GET /api/users/{id}", handlers, 15, False, [PLACEHOLDER], None, [f"{users}:10"]),
        ("GET /version", handlers, 20, True, [], None, [f"{main}:15"]),
        ("GET /ping", main, 14, False, [MISSING], None, [f"{main}:14"]),
        ("GET /", main, 24, True, [], None, [f"{main}:13"]),
        (f"GET /{DYNAMIC}", main, 24, True, [], "partial path", [f"{main}:16"]),
    ]


def test_actix_app() -> None:
    # main.rs: hello, health (operational) and hours are #[get]/#[route] functions made
    # services of the App; orphan is a service of nothing; /hey a route to a local
    # handler; a resource's two routes name handlers.rs. api.rs, configured into the
    # /api scope: the v1 variable is a /v1 scope (list_users by #[get], create_user a
    # TODO), a resource's .to() is ANY, a resource's .get() shortcut names handlers.rs.
    main, api, handlers = "src/main.rs", "src/api.rs", "src/handlers.rs"
    assert endpoint_rows(ROUTES / "actix") == [
        ("GET /api/v1/users", api, 19, True, [], None, [f"{api}:18"]),
        ("POST /api/v1/users", api, 24, False, [PLACEHOLDER], None, [f"{api}:11"]),
        ("ANY /api/status", api, 29, True, [], None, [f"{api}:13"]),
        ("GET /items/{id}", handlers, 6, True, [], None, [f"{main}:46"]),
        ("DELETE /items/{id}", handlers, 10, False, [MISSING], None, [f"{main}:47"]),
        ("GET /api/shortcut", handlers, 15, False, [PLACEHOLDER], None, [f"{api}:14"]),
        ("GET /", main, 10, True, [], None, [f"{main}:9"]),
        ("GET /hours", main, 21, True, [], None, [f"{main}:20"]),
        ("HEAD /hours", main, 21, True, [], None, [f"{main}:20"]),
        (f"POST {DYNAMIC}/orphan", main, 27, True, [], "partial path", [f"{main}:26"]),
        ("GET /hey", main, 31, False, [MISSING], None, [f"{main}:43"]),
    ]


def test_the_same_api_in_axum() -> None:
    assert sorted(e[0] for e in endpoint_rows(ROUTES / "same-api" / "axum")) == sorted(
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


@pytest.mark.parametrize(
    ("path", "module", "root"),
    [
        ("src/main.rs", "src", "src"),
        ("src/lib.rs", "src", "src"),
        ("src/http/mod.rs", "src/http", "src"),
        ("src/http/users.rs", "src/http/users", "src"),
        ("crates/my-api/src/routes.rs", "crates/my_api/src/routes", "crates/my_api/src"),
        ("src/bin/admin.rs", "src/bin/admin", "src/bin/admin"),
        ("src/bin/admin/pages.rs", "src/bin/admin/pages", "src/bin/admin"),
        ("examples/hello.rs", "examples/hello", "examples/hello"),
        ("examples/hello/main.rs", "examples/hello", "examples/hello"),
        ("main.rs", "", ""),
    ],
)
def test_module_paths_and_crate_roots(path: str, module: str, root: str) -> None:
    assert (module_path(path), crate_root(path)) == (module, root)


RESOLVED = """\
use crate::http::users;
use super::handlers::{self, list as all};
use my_api::routes;
use crate::prelude::*;
mod local;
fn here() {}
mod inner {
    use super::*;
    fn inside() {}
}
"""


@pytest.mark.parametrize(
    ("written", "module", "item"),
    [
        ("users::router", "src/http/api", ("src/http/users", "router")),
        ("handlers::show", "src/http/api", ("src/http/handlers", "show")),
        ("all", "src/http/api", ("src/http/handlers", "list")),
        ("routes::router", "src/http/api", ("my_api/src/routes", "router")),
        ("local::f", "src/http/api", ("src/http/api/local", "f")),
        ("self::here", "src/http/api", ("src/http/api", "here")),
        ("here", "src/http/api", ("src/http/api", "here")),
        ("elsewhere", "src/http/api", ("src/prelude", "elsewhere")),
        ("super::super::x", "src/http/api", ("src", "x")),
        ("crate::a::b::c", "src/http/api", ("src/a/b", "c")),
        ("inside", "src/http/api/inner", ("src/http/api/inner", "inside")),
        ("here", "src/http/api/inner", ("src/http/api", "here")),
        ("tokio::spawn", "src/http/api", ("tokio/src", "spawn")),
        ("::tokio::spawn", "src/http/api", ("tokio/src", "spawn")),
    ],
)
def test_paths_resolve_to_the_declaring_module(
    written: str, module: str, item: tuple[str, str]
) -> None:
    # In src/http/api.rs: uses, a glob of crate::prelude, a module declared by mod and
    # an inline module whose glob of super::* finds the file's own function.
    parsed = parse(RESOLVED.encode(), "src/http/api.rs")
    assert Scope("src/http/api.rs", parsed.module).resolve(written, module) == item


def test_a_file_without_a_marker_records_no_routes() -> None:
    source = 'fn main() { Router::new().route("/", get(h)); }\nasync fn h() {}\n'
    assert "routes" not in dict(parse(source.encode(), "src/main.rs").facts)


def test_method_routers_and_actix_routes() -> None:
    source = """\
use axum::routing::{any, get, get_service, on, MethodFilter};
use actix_web::web;
fn app() -> Router {
    Router::new()
        .route("/a", on(MethodFilter::PUT, h::<u8>).merge(x))
        .route("/b", any(h))
        .route("/c", get_service(ServeDir::new(".")))
        .route("/d", web::method(Method::PATCH).to(h))
        .route("/e", web::route().guard(guard::Get()).to(h))
        .route("/f", web::get().to(other::h))  // other: a crate
        .route("/g", method_router)
}
/// Handles everything.
async fn h() {}
"""
    anonymous = "rust:src#app@4:4"
    assert facts(source) == RouteFacts(
        routers=(Router(anonymous, "axum", False), Router("rust:src#app", "axum", False)),
        routes=(
            Route(anonymous, "PUT", "/a", 5, 14, OK),
            Route(anonymous, "ANY", "/b", 6, 14, OK),
            Route(anonymous, "GET", "/c", 7),
            Route(anonymous, "PATCH", "/d", 8, 14, OK),
            Route(anonymous, "ANY", "/e", 9, 14, OK),
            Route(anonymous, "GET", "/f", 10, handler_ref="rust:other/src#h"),
        ),
        mounts=(Mount("rust:src#app", "", anonymous, 4),),
        handlers=(Handler("rust:src#h", 14, OK),),
    )


def test_what_is_served_is_an_application() -> None:
    source = """\
use axum::serve;
async fn main() {
    serve(listener, crate::app::build()).await;
    let router = Router::new().route("/", get(|| async {}));
    hyper::Server::bind(&addr).serve(router.into_make_service()).await;
    run(api(), 1).await;
}
async fn run(app: Router, port: u16) {
    axum::serve(listener, app).await;
}
fn api() -> Router { Router::new().route("/x", get(|| async {})) }
"""
    # crate::app::build() is served through the key made at line 3; router (bound to the chain
    # at line 4) is made a service; run serves its parameter 0, so api() passed to it at
    # line 6 is mounted on it. What functions return is bound before what variables are.
    chain, api = "rust:src#main@4:17", "rust:src#api@11:21"
    found = facts(source)
    assert found.routers == (
        Router("rust:src#main.serve@3", "axum", True),
        Router(chain, "axum", False),
        Router("rust:src#main.router", "axum", True),
        Router("rust:src#run.0", "axum", True),
        Router(api, "axum", False),
        Router("rust:src#api", "axum", False),
    )
    assert found.mounts == (
        Mount("rust:src#main.serve@3", "", "rust:src/app#build", 3),
        Mount("rust:src#run.0", "", "rust:src#api", 6),
        Mount("rust:src#api", "", api, 11),
        Mount("rust:src#main.router", "", chain, 4),
    )
    assert [(r.router, r.path, r.handler_line) for r in found.routes] == [
        (chain, "/", 4),
        (api, "/x", 11),
    ]
    # main is async but no handler.
    assert found.handlers == (Handler("rust:src#run", 8, MISSING),)


def test_routes_added_to_a_function_s_router_and_shuttle() -> None:
    source = """\
use axum::Router;
#[shuttle_runtime::main]
async fn main() -> shuttle_axum::ShuttleAxum {
    let router = api::router().route("/extra", get(h));
    Ok(router.into())
}
"""
    # Routes on what api::router() returns go to its key; the router Ok(...) gives is
    # main's, which shuttle serves.
    assert facts(source) == RouteFacts(
        routers=(
            Router("rust:api/src#router", "axum", False),
            Router("rust:src#main", "axum", True),
            Router("rust:src#main.router", "axum", False),
        ),
        routes=(Route("rust:api/src#router", "GET", "/extra", 4, handler_ref="rust:src#h"),),
        mounts=(
            Mount("rust:src#main", "", "rust:src#main.router", 5),
            Mount("rust:src#main.router", "", "rust:api/src#router", 4),
        ),
    )


def test_an_actix_app_is_served_wherever_it_is_built() -> None:
    source = """\
use actix_web::{web::{get, resource}, App};
fn create_app() -> App<T> {
    App::new().service(resource("/r").route(get().to(h)))
}
async fn h() {}
"""
    # resource and get are imported from actix_web::web; the App a function returns is
    # no router of that function (HttpServer::new(create_app) serves it).
    app, resource = "rust:src#create_app@3:4", "rust:src#create_app@3:23"
    assert facts(source) == RouteFacts(
        routers=(Router(app, "actix-web", True), Router(resource, "actix-web", False)),
        routes=(Route(resource, "GET", "/r", 3, 5, MISSING),),
        mounts=(Mount(app, "", resource, 3),),
        handlers=(Handler("rust:src#h", 5, MISSING),),
    )


def test_tests_and_methods_are_not_read() -> None:
    source = """\
use axum::Router;
impl State {
    pub async fn method(&self) {}
}
#[cfg(test)]
mod tests {
    pub async fn helper() {}
    fn app() -> Router { Router::new().route("/t", get(helper)) }
}
#[tokio::test]
async fn works() {
    let app = Router::new().route("/u", get(helper));
    axum::serve(listener, app).await;
}
pub fn not_a_handler() -> u8 { 1 }
"""
    assert facts(source) == RouteFacts()


def test_a_handler_inside_the_function_that_routes_it() -> None:
    source = """\
use axum::Router;
fn app() -> Router {
    /// Lists the keys, sorted.
    async fn keys() {}
    /** TODO */
    async fn values() {}
    async fn none() {}
    Router::new().route("/k", get(keys)).route("/v", get(values)).route("/n", get(none))
}
"""
    # Nested functions are no handlers of other files, and their docs are read here.
    found = facts(source)
    assert [(r.path, r.handler_line, r.doc) for r in found.routes] == [
        ("/k", 4, OK),
        ("/v", 6, PLACEHOLDER),
        ("/n", 7, MISSING),
    ]
    assert found.handlers == ()


def test_utoipa_documents_with_human_text_only() -> None:
    source = """\
use axum::Router;
#[utoipa::path(get, path = "/a", summary = "TODO")]
pub async fn a() {}
#[utoipa::path(get, path = "/b", description = "Lists the shelves")]
pub async fn b() {}
/// Counts what is left on each shelf.
#[utoipa::path(get, path = "/c")]
pub async fn c() {}
#[path(get, summary = "Not utoipa's")]
pub async fn d() {}
"""
    assert facts(source).handlers == (
        Handler("rust:src#a", 3, MISSING),
        Handler("rust:src#b", 5, OK),
        Handler("rust:src#c", 8, OK),
        Handler("rust:src#d", 10, MISSING),
    )
