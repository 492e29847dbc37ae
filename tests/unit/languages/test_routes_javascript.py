"""The endpoints of JavaScript and TypeScript web frameworks (``analysers.javascript.routes``):
one fixture app per framework under fixtures/languages/routes, run through the coverage
audit, each endpoint worked out by hand from the fixture's text; and small apps written
here, parsed and joined, for what the fixtures do not show."""

from __future__ import annotations

import pytest

from docaudit.analysers.javascript import routes
from docaudit.analysers.javascript.routes import _next_route
from docaudit.analysers.javascript.routescope import module_path
from docaudit.analysers.languages import parse_source
from docaudit.analysers.routes import RouteFacts, route_facts, route_symbols
from docaudit.model.symbols import ModuleFacts
from tests.helpers import FIXTURES, endpoint_rows

ROUTES = FIXTURES / "languages" / "routes"
Row = tuple[str, str, int, bool, list[str], str | None, list[str]]

EXPECTED: dict[str, list[Row]] = {
    # (qualname, handler's file, its line, documented, problems, note, registrations)
    "express": [
        # admin.js: mountAdmin(app) in server.ts serves its parameter at the root; its
        # router at /admin. The inline handler is documented by the JSDoc on line 6.
        ("GET /admin/jobs", "src/admin.js", 7, True, [], None, ["src/admin.js:7"]),
        # .all is ANY; handleJob (line 12) has no JSDoc
        ("ANY /admin/jobs/{id}", "src/admin.js", 12, False, ["missing"], None, ["src/admin.js:8"]),
        # `/api${VERSION}` (a constant) + routes/index's /users + users.ts; the handlers
        # are judged in controllers/users.ts: list documented, show "Show." a placeholder,
        # upload (after a middleware) without JSDoc
        (
            "GET /api/v1/users",
            "src/controllers/users.ts",
            4,
            True,
            [],
            None,
            ["src/routes/users.ts:7"],
        ),
        (
            "GET /api/v1/users/{id}",
            "src/controllers/users.ts",
            9,
            False,
            ["placeholder"],
            None,
            ["src/routes/users.ts:8"],
        ),
        (
            "PUT /api/v1/users/{id}/avatar",
            "src/controllers/users.ts",
            13,
            False,
            ["missing"],
            None,
            ["src/routes/users.ts:9"],
        ),
        # the default export Router().get().post(), imported as @/routes/articles
        (
            "POST /api/v1/articles",
            "src/routes/articles.ts",
            6,
            True,
            [],
            None,
            ["src/routes/articles.ts:12"],
        ),
        (
            "GET /api/v1/articles/{slug}",
            "src/routes/articles.ts",
            11,
            False,
            ["missing"],
            None,
            ["src/routes/articles.ts:11"],
        ),
        # users.removeAvatar: controllers/users.ts exports none
        (
            "DELETE /api/v1/users/{id}/avatar",
            "src/routes/users.ts",
            9,
            False,
            ["missing"],
            "handler not found",
            ["src/routes/users.ts:9"],
        ),
        # process.env.STATUS_PATH ?? '/status'; /healthz (line 13) is left out
        (
            "GET /<dynamic>",
            "src/server.ts",
            15,
            False,
            ["missing"],
            "partial path",
            ["src/server.ts:15"],
        ),
    ],
    "fastify": [
        # an inline plugin registered under /internal
        ("GET /internal/ping", "app.js", 11, False, ["missing"], None, ["app.js:11"]),
        # fastify.route({method: [GET, HEAD]}): its schema's summary documents it
        ("GET /version", "app.js", 22, True, [], None, ["app.js:18"]),
        ("HEAD /version", "app.js", 22, True, [], None, ["app.js:18"]),
        # routes/users.js's default export, registered under /users; listUsers documented
        ("GET /users", "handlers/users.js", 2, True, [], None, ["routes/users.js:4"]),
        # itemRoutes(app) under /v1/items
        ("DELETE /v1/items/{id}", "routes/items.js", 4, True, [], None, ["routes/items.js:4"]),
        (
            "GET /v1/items/<dynamic>/{id}",
            "routes/items.js",
            5,
            False,
            ["missing"],
            "partial path",
            ["routes/items.js:5"],
        ),
        # getUser's "TODO" is a placeholder, but the schema's description documents the
        # route: judged at the registration
        ("GET /users/{id}", "routes/users.js", 5, True, [], None, ["routes/users.js:5"]),
        ("POST /users", "routes/users.js", 6, False, ["missing"], None, ["routes/users.js:6"]),
        # /health is left out
    ],
    "koa": [
        # handlers.remove: handlers/books.js exports none
        (
            "DELETE /api/books/{id}",
            "src/api/books.js",
            9,
            False,
            ["missing"],
            "handler not found",
            ["src/api/books.js:9"],
        ),
        # new Router({ prefix: '/api' }), served by app.use(api.routes())
        ("GET /api", "src/api/index.js", 9, True, [], None, ["src/api/index.js:9"]),
        ("GET /api/books", "src/handlers/books.js", 2, True, [], None, ["src/api/books.js:7"]),
        # a named route: router.get('book', '/:id', ...); a JSDoc of only @param
        (
            "GET /api/books/{id}",
            "src/handlers/books.js",
            9,
            False,
            ["placeholder"],
            None,
            ["src/api/books.js:8"],
        ),
        # PATHS.stats is not known
        (
            "GET /api/books/<dynamic>",
            "src/handlers/books.js",
            14,
            True,
            [],
            "partial path",
            ["src/api/books.js:10"],
        ),
        # health.js's /healthz, at the root, is left out
    ],
    "hono": [
        # createAuthor's "Create author." restates its name
        (
            "POST /api/authors",
            "src/authors.ts",
            4,
            False,
            ["placeholder"],
            None,
            ["src/authors.ts:10"],
        ),
        (
            "GET /api/authors/{name}",
            "src/authors.ts",
            9,
            False,
            ["missing"],
            None,
            ["src/authors.ts:9"],
        ),
        # on(['PUT', 'PATCH'], ...)
        (
            "PATCH /api/books/{id}",
            "src/books.ts",
            10,
            False,
            ["missing"],
            None,
            ["src/books.ts:10"],
        ),
        ("PUT /api/books/{id}", "src/books.ts", 10, False, ["missing"], None, ["src/books.ts:10"]),
        # the constant COVER
        (
            "GET /api/books/{id}/cover",
            "src/books.ts",
            11,
            False,
            ["missing"],
            None,
            ["src/books.ts:11"],
        ),
        # `let legacy`: not a constant
        (
            "GET /api/books/<dynamic>",
            "src/books.ts",
            12,
            False,
            ["missing"],
            "partial path",
            ["src/books.ts:12"],
        ),
        ("GET /api/books", "src/handlers.ts", 4, True, [], None, ["src/books.ts:9"]),
        # basePath('/api') on the app, itself served by root.route('/', app)
        ("GET /api/status", "src/index.ts", 11, True, [], None, ["src/index.ts:11"]),
        # root's /healthz is left out
    ],
    "nestjs": [
        # setGlobalPrefix('api/v2') in main.ts; @ApiOperation's summary documents findAll
        (
            "GET /api/v2/cats",
            "src/cats/cats.controller.ts",
            9,
            True,
            [],
            None,
            ["src/cats/cats.controller.ts:8"],
        ),
        (
            "GET /api/v2/cats/{id}",
            "src/cats/cats.controller.ts",
            15,
            True,
            [],
            None,
            ["src/cats/cats.controller.ts:14"],
        ),
        # a summary of 'TODO' documents nothing (nor does @ApiResponse's description)
        (
            "POST /api/v2/cats",
            "src/cats/cats.controller.ts",
            22,
            False,
            ["missing"],
            None,
            ["src/cats/cats.controller.ts:21"],
        ),
        (
            "DELETE /api/v2/cats/{id}",
            "src/cats/cats.controller.ts",
            28,
            False,
            ["placeholder"],
            None,
            ["src/cats/cats.controller.ts:27"],
        ),
        # @Put([':id', ':id/rename']): two paths
        (
            "PUT /api/v2/cats/{id}",
            "src/cats/cats.controller.ts",
            31,
            False,
            ["missing"],
            None,
            ["src/cats/cats.controller.ts:30"],
        ),
        (
            "PUT /api/v2/cats/{id}/rename",
            "src/cats/cats.controller.ts",
            31,
            False,
            ["missing"],
            None,
            ["src/cats/cats.controller.ts:30"],
        ),
        # the global prefix serves the health check too: not at /healthz, so kept
        (
            "GET /api/v2/healthz",
            "src/health/health.controller.ts",
            7,
            True,
            [],
            None,
            ["src/health/health.controller.ts:6"],
        ),
        # @Controller({ path: BASE }), a constant
        (
            "GET /api/v2/owners",
            "src/owners/owners.controller.ts",
            10,
            True,
            [],
            None,
            ["src/owners/owners.controller.ts:9"],
        ),
        (
            "GET /api/v2/owners/<dynamic>",
            "src/owners/owners.controller.ts",
            15,
            False,
            ["missing"],
            "partial path",
            ["src/owners/owners.controller.ts:14"],
        ),
        # client.ts's @Get is no controller's
    ],
    "nextjs": [
        # (marketing) adds nothing, [...slug] is {slug}
        (
            "GET /blog/{slug}",
            "app/(marketing)/blog/[...slug]/route.js",
            1,
            False,
            ["missing"],
            None,
            ["app/(marketing)/blog/[...slug]/route.js:1"],
        ),
        # export { handler as GET, handler as DELETE }: "TODO: document" is a placeholder
        (
            "DELETE /api/posts/{id}",
            "app/api/posts/[id]/route.ts",
            2,
            False,
            ["placeholder"],
            None,
            ["app/api/posts/[id]/route.ts:6"],
        ),
        (
            "GET /api/posts/{id}",
            "app/api/posts/[id]/route.ts",
            2,
            False,
            ["placeholder"],
            None,
            ["app/api/posts/[id]/route.ts:6"],
        ),
        (
            "GET /api/posts",
            "app/api/posts/route.ts",
            2,
            True,
            [],
            None,
            ["app/api/posts/route.ts:2"],
        ),
        (
            "POST /api/posts",
            "app/api/posts/route.ts",
            6,
            False,
            ["missing"],
            None,
            ["app/api/posts/route.ts:6"],
        ),
        # export const GET = search, imported from @/lib/search
        ("GET /api/search", "lib/search.ts", 2, True, [], None, ["app/api/search/route.ts:3"]),
        # pages/api: the default export, for every method
        ("ANY /api", "pages/api/index.js", 1, False, ["missing"], None, ["pages/api/index.js:1"]),
        (
            "ANY /api/users/{id}",
            "pages/api/users/[id].ts",
            4,
            True,
            [],
            None,
            ["pages/api/users/[id].ts:4"],
        ),
        # app/healthz is left out; app/api/_lib is a private folder; page.tsx is a page
    ],
}


@pytest.mark.parametrize("framework", sorted(EXPECTED))
def test_each_framework_fixture_app(framework: str) -> None:
    assert endpoint_rows(ROUTES / framework) == EXPECTED[framework]


def test_the_same_api_in_express() -> None:
    found = endpoint_rows(ROUTES / "same-api/express")
    assert {row[0] for row in found} == {
        "GET /api/articles",
        "POST /api/articles",
        "GET /api/articles/{slug}",
        "PUT /api/articles/{slug}",
        "DELETE /api/articles/{slug}",
        "GET /api/articles/{slug}/comments",
        "POST /api/users/login",
        "GET /api/user",
    }
    assert len(found) == 8 and all(row[3] for row in found)  # each once, each documented


# ------------------------------------------------------------ small apps, parsed here


def _join(files: dict[str, str]) -> list[tuple[str, str, int, str | None]]:
    """Parse each file, join their route facts; return each endpoint's name, file, line
    and note."""
    modules = []
    for path, source in files.items():
        language = "typescript" if path.endswith((".ts", ".tsx")) else "javascript"
        parsed = parse_source(language, source.encode(), path, path, "", 1000)
        for name, facts in parsed.facts:
            if name == "routes":
                modules.append(ModuleFacts(path, path, {}, facts))
    return [(s.qualname, s.path, s.line, s.note) for s in route_symbols(modules)]


def test_routers_made_by_functions_passed_and_held_by_this() -> None:
    files = {
        "src/app.ts": (
            "import express from 'express';\n"
            "import { makeRouter } from './make';\n"
            "import register from './register';\n"
            "const app = express();\n"
            "app.use('/made', makeRouter());\n"  # a function that returns a router
            "register(app);\n"  # a function that takes one
            "class Server {\n"
            "  constructor() {\n"
            "    this.app = express();\n"
            "    this.app.get('/c', (req, res) => {});\n"
            "  }\n"
            "}\n"
        ),
        "src/make.ts": (
            "import { Router } from 'express';\n"
            "export function makeRouter() {\n"
            "  const r = Router();\n"
            "  r.get('/a', (req, res) => {});\n"
            "  return r;\n"
            "}\n"
        ),
        "src/register.ts": "export default (app) => {\n  app.post('/b', (req, res) => {});\n};\n",
    }
    assert _join(files) == [
        ("GET /c", "src/app.ts", 10, None),
        ("GET /made/a", "src/make.ts", 4, None),
        ("POST /b", "src/register.ts", 2, None),
    ]


def test_a_router_nothing_in_the_files_read_mounts_has_a_partial_path() -> None:
    files = {"users.js": "const router = require('express').Router();\nrouter.get('/u', h);\n"}
    assert _join(files) == [("GET <dynamic>/u", "users.js", 2, "partial path; handler not found")]


def test_http_clients_and_maps_are_no_routes() -> None:
    client = (
        "import api from './api';\n"
        "import axios from 'axios';\n"
        "import { useRouter } from 'next/router';\n"
        "export async function load(config, router = useRouter()) {\n"
        "  await api.get('/users', config);\n"
        "  await axios.get('/users', config);\n"
        "  router.push('/home');\n"
        "}\n"
    )
    server = (
        "import express from 'express';\n"
        "import axios from 'axios';\n"
        "import cache from './cache';\n"
        "const app = express();\n"
        "app.get('/x', async (req, res) => {\n"
        "  await axios.get('/upstream', { params: req.query });\n"  # a package's client
        "  res.json(cache.get(req.params.id, fallback));\n"  # a module's: no path
        "  app.get('env');\n"  # a setting, not a route
        "});\n"
    )
    assert _join({"src/load.ts": client, "src/server.ts": server}) == [
        ("GET /x", "src/server.ts", 5, None)
    ]


def test_a_file_without_a_marker_is_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object) -> None:
        raise AssertionError("read")

    monkeypatch.setattr(routes, "Scope", refuse)
    source = b"/** A constant. */\nexport const limit = 10;\nmap.get('/a', b);\n"
    assert parse_source("typescript", source, "a.ts", "a.ts", "", 1000).facts == ()


def test_a_file_that_builds_nothing_has_no_route_facts() -> None:
    source = b"const app = createApp(App);\napp.use(router);\napp.mount('#app');\n"
    assert parse_source("javascript", source, "main.js", "main.js", "", 1000).facts == ()
    assert route_facts(RouteFacts()) == ()


def test_module_paths_and_next_routes_from_file_paths() -> None:
    assert [module_path(p) for p in ("src/routes/index.ts", "index.js", "a.d.ts", "b/c.mjs")] == [
        "src/routes",
        "",
        "a",
        "b/c",
    ]
    assert [
        _next_route(p)
        for p in (
            "apps/web/src/app/api/[[...slug]]/route.ts",
            "app/route.js",
            "app/@modal/(shop)/cart/route.ts",
            "src/pages/api/users/index.ts",
            "pages/api/users/[id].test.ts",
            "app/api/_lib/route.ts",
            "app/api/x/handler.ts",
            "app/api/x/route.css",
        )
    ] == [
        ("apps/web/src", "/api/{slug}", "app"),
        ("", "/", "app"),
        ("", "/cart", "app"),
        ("src", "/api/users", "pages"),
        None,
        None,
        None,
        None,
    ]
