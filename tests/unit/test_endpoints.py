"""Web endpoint detection: one fixture project per framework, and bad input."""

from __future__ import annotations

import ast
import json

from docaudit.analysers.apis.endpoints import collect, endpoint_symbols
from docaudit.analysers.apis.endpoints.facts import EndpointFacts
from docaudit.analysers.python.names import ImportTable
from docaudit.analysers.python.parse import module_facts
from docaudit.model.codec import decode, encode
from docaudit.model.symbols import ModuleFacts
from tests.helpers import FIXTURES, project_facts

APIS = FIXTURES / "apis"


def fixture_modules(name: str) -> list[ModuleFacts]:
    return project_facts(APIS / name, "endpoints")


def rows(modules: list[ModuleFacts], **options) -> list[tuple[str, bool, str, int]]:
    return [
        (symbol.qualname, symbol.documented, symbol.path, symbol.line)
        for symbol in endpoint_symbols(modules, **options)
    ]


def source_modules(files: dict[str, str], packages: tuple[str, ...] = ()) -> list[ModuleFacts]:
    return module_facts(list(files.items()), "endpoints", package_dirs=packages)


def noted(files: dict[str, str], packages: tuple[str, ...] = ()) -> list[tuple]:
    return [
        (symbol.qualname, symbol.documented, symbol.path, symbol.line, symbol.note)
        for symbol in endpoint_symbols(source_modules(files, packages))
    ]


# ------------------------------------------------------------------------- fixtures


def test_flask_app_factory_with_two_blueprints():
    # Hand count, 10 endpoints:
    # - factory: /health is operational (left out); GET /version documented.
    # - main blueprint (no prefix): GET / documented, GET /about no docstring, the
    #   ContactView MethodView via add_url_rule: GET (no method docstring, class
    #   docstring counts) and POST (own docstring).
    # - api blueprint: url_prefix="/api" replaced by register_blueprint(url_prefix="/api/v1"):
    #   /users GET+POST documented, GET /users/<int:user_id> only YAML after "---",
    #   DELETE with a "TODO" placeholder, /users/export via add_url_rule documented.
    # - @cache.get("/users/cached") is a Cache object's decorator: not an endpoint.
    assert rows(fixture_modules("flask_app")) == [
        ("GET /version", True, "shop/__init__.py", 26),
        ("GET /api/v1/users", True, "shop/api/users.py", 12),
        ("POST /api/v1/users", True, "shop/api/users.py", 12),
        ("GET /api/v1/users/{user_id}", False, "shop/api/users.py", 20),
        ("DELETE /api/v1/users/{user_id}", False, "shop/api/users.py", 31),
        ("GET /api/v1/users/export", True, "shop/api/users.py", 43),
        ("GET /", True, "shop/main/views.py", 10),
        ("GET /about", False, "shop/main/views.py", 16),
        ("GET /contact", True, "shop/main/views.py", 23),
        ("POST /contact", True, "shop/main/views.py", 26),
    ]


def test_fastapi_app_with_routers_across_files():
    # Hand count, 10 endpoints:
    # - main: GET / documented, /healthz operational, WEBSOCKET /ws documented; the admin
    #   router is included with include_in_schema=False (hidden, nothing reported).
    # - users router (prefix /users): GET / docstring before \f, GET /{user_id} summary=,
    #   POST / docstring empty before \f, PUT /{user_id} description=, /me/debug hidden.
    # - items router (prefix /items, included with prefix /v1): GET /{item_id} documented,
    #   api_route PATCH+DELETE undocumented, add_api_route /search documented; @memo.get
    #   is a plain object's decorator.
    assert rows(fixture_modules("fastapi_app")) == [
        ("GET /", True, "app/main.py", 16),
        ("WEBSOCKET /ws", True, "app/main.py", 27),
        ("GET /v1/items/{item_id}", True, "app/routers/items.py", 21),
        ("DELETE /v1/items/{item_id}", False, "app/routers/items.py", 27),
        ("PATCH /v1/items/{item_id}", False, "app/routers/items.py", 27),
        ("GET /v1/items/search", True, "app/routers/items.py", 37),
        ("GET /users/", True, "app/routers/users.py", 9),
        ("GET /users/{user_id}", True, "app/routers/users.py", 18),
        ("POST /users/", False, "app/routers/users.py", 23),
        ("PUT /users/{user_id}", True, "app/routers/users.py", 31),
    ]


def test_django_project_with_includes_and_drf_router():
    # Hand count, 26 endpoints. mysite/urls.py includes "polls.urls" (which includes
    # "polls.archive_urls": a chain over three files), accounts.urls as a module, the DRF
    # router's urls, an inline include([...]); admin.site.urls, static(), the health view,
    # django.contrib.auth's LoginView and the missing "legacy.urls" give nothing.
    # - polls: index GET doc; DetailView (generic, GET) no docstring at class line; ResultsView
    #   doc; vote (@require_POST) undoc; feedback (require_http_methods GET+POST) doc;
    #   QuestionCreate (CreateView: GET+POST) undoc; year_archive doc.
    # - accounts: profile doc.
    # - api/stats/ (@api_view GET+POST) doc; ChoiceList (ListCreateAPIView) sections:
    #   "get:" has text, "post:" is empty; Ping: get has a docstring, delete none.
    # - router: QuestionViewSet (ModelViewSet) sections document list and retrieve, destroy
    #   has its own docstring, create/update/partial_update fall back to the empty intro;
    #   @action close (detail, POST) doc, @action recent (list, GET) undoc. ChoiceViewSet
    #   (list + retrieve mixins, lookup_field "slug") documented by its class docstring.
    assert rows(fixture_modules("django_project")) == [
        ("GET /accounts/profile/", True, "accounts/views.py", 8),
        ("GET /polls/", True, "polls/views.py", 14),
        ("GET /polls/archive/{year}/", True, "polls/views.py", 23),
        ("GET /polls/{pk}/", False, "polls/views.py", 28),
        ("GET /polls/{pk}/results/", True, "polls/views.py", 32),
        ("POST /polls/{question_id}/vote/", False, "polls/views.py", 39),
        ("GET /polls/feedback/", True, "polls/views.py", 44),
        ("POST /polls/feedback/", True, "polls/views.py", 44),
        ("GET /polls/create/", False, "polls/views.py", 49),
        ("POST /polls/create/", False, "polls/views.py", 49),
        ("GET /api/stats/", True, "polls/views.py", 55),
        ("POST /api/stats/", True, "polls/views.py", 55),
        ("GET /api/choices-list/", True, "polls/views.py", 60),
        ("POST /api/choices-list/", False, "polls/views.py", 60),
        ("GET /api/ping/", True, "polls/views.py", 70),
        ("DELETE /api/ping/", False, "polls/views.py", 74),
        ("GET /api/questions/", True, "polls/views.py", 78),
        ("GET /api/questions/{pk}/", True, "polls/views.py", 78),
        ("PATCH /api/questions/{pk}/", False, "polls/views.py", 78),
        ("POST /api/questions/", False, "polls/views.py", 78),
        ("PUT /api/questions/{pk}/", False, "polls/views.py", 78),
        ("DELETE /api/questions/{pk}/", True, "polls/views.py", 86),
        ("POST /api/questions/{pk}/close/", True, "polls/views.py", 91),
        ("GET /api/questions/recent/", False, "polls/views.py", 96),
        ("GET /api/choices/", True, "polls/views.py", 100),
        ("GET /api/choices/{slug}/", True, "polls/views.py", 100),
    ]


def test_aiohttp_service():
    # Hand count, 10 endpoints:
    # - RouteTableDef (added with app.add_routes(handlers.routes)): GET / doc, POST /echo
    #   undoc, route("*") -> ANY /any doc, @routes.view NotesView: get (class docstring),
    #   post (own docstring).
    # - app.router.add_get /items documented by aiohttp-apispec @docs(summary=),
    #   add_delete undoc, add_view ItemView: get doc, put undoc; add_routes([...]):
    #   /health operational, /status doc, web.static ignored.
    assert rows(fixture_modules("aiohttp_app")) == [
        ("GET /items", True, "service/app.py", 11),
        ("DELETE /items/{id}", False, "service/app.py", 15),
        ("GET /", True, "service/handlers.py", 9),
        ("POST /echo", False, "service/handlers.py", 15),
        ("ANY /any", True, "service/handlers.py", 20),
        ("GET /notes", True, "service/handlers.py", 29),
        ("POST /notes", True, "service/handlers.py", 32),
        ("GET /status", True, "service/handlers.py", 41),
        ("GET /items/{id}", True, "service/views.py", 7),
        ("PUT /items/{id}", False, "service/views.py", 11),
    ]


def test_starlette_site():
    # Hand count, 7 endpoints:
    # - app routes: GET / doc, /health operational, WEBSOCKET /ws doc, /docs hidden
    #   (include_in_schema=False), Mount("/static", StaticFiles) nothing.
    # - Mount("/api", app=api) where api = Router([Mount("/users", routes=user_routes)]):
    #   Users HTTPEndpoint get doc / post undoc, /me undoc, /{username} GET+DELETE only
    #   YAML after "---".
    assert rows(fixture_modules("starlette_app")) == [
        ("GET /", True, "example/endpoints.py", 7),
        ("GET /api/users/me", False, "example/endpoints.py", 12),
        ("DELETE /api/users/{username}", False, "example/endpoints.py", 16),
        ("GET /api/users/{username}", False, "example/endpoints.py", 16),
        ("GET /api/users/", True, "example/endpoints.py", 27),
        ("POST /api/users/", False, "example/endpoints.py", 31),
        ("WEBSOCKET /ws", True, "example/endpoints.py", 35),
    ]


def test_symbol_fields_and_registration_sites():
    symbols = {
        symbol.qualname: symbol for symbol in endpoint_symbols(fixture_modules("flask_app"))
    }
    about, contact = symbols["GET /about"], symbols["POST /contact"]
    assert (about.kind, about.public, about.problems, about.level) == (
        "endpoint",
        True,
        ["missing"],
        "undocumented",
    )
    assert (contact.problems, contact.level, contact.note) == ([], "documented", None)
    # a decorator sits on the handler: no site; add_url_rule is elsewhere: its line
    assert about.sites == []
    assert contact.sites == ["shop/main/views.py:31"]
    django = {s.qualname: s for s in endpoint_symbols(fixture_modules("django_project"))}
    assert django["GET /polls/archive/{year}/"].sites == ["polls/archive_urls.py:8"]
    assert django["POST /api/questions/{pk}/close/"].sites == ["mysite/api.py:8"]


def test_facts_survive_a_json_round_trip():
    modules = fixture_modules("django_project")
    reloaded = [
        ModuleFacts(
            module.path,
            module.module,
            module.aliases,
            decode(EndpointFacts, json.loads(json.dumps(encode(module.facts)))),
        )
        for module in modules
    ]
    assert endpoint_symbols(reloaded) == endpoint_symbols(modules)


def test_collect_returns_nothing_for_unrelated_files():
    text = "import os\n\n\ndef main():\n    return os.getcwd()\n"
    assert collect(ast.parse(text), ImportTable("tool", ""), text) is None
    # mentions a framework but defines nothing that can serve a route
    text = "import django\n\nVERSION = django.VERSION\n"
    assert collect(ast.parse(text), ImportTable("tool", ""), text) is None


def test_operational_paths_are_configurable():
    modules = fixture_modules("aiohttp_app")
    paths = [qualname for qualname, *_ in rows(modules, operational=("/status",))]
    assert "GET /health" in paths
    assert "GET /status" not in paths


def test_documentation_decorators():
    # create_thing: extend_schema(summary=); read_thing: swagger_auto_schema
    # (operation_description=); ThingViewSet: extend_schema_view documents list only;
    # the viewset is mapped with as_view({...}) by hand.
    files = {
        "things/views.py": (
            "from drf_spectacular.utils import extend_schema, extend_schema_view\n"
            "from drf_yasg.utils import swagger_auto_schema\n"
            "from rest_framework import viewsets\n"
            "from rest_framework.decorators import api_view\n"
            "\n"
            "\n"
            '@extend_schema(summary="Create a thing")\n'
            '@api_view(["POST"])\n'
            "def create_thing(request):\n"
            "    pass\n"
            "\n"
            "\n"
            '@swagger_auto_schema(method="get", operation_description="Read the thing.")\n'
            '@api_view(["GET"])\n'
            "def read_thing(request):\n"
            "    pass\n"
            "\n"
            "\n"
            '@extend_schema_view(list=extend_schema(description="All things, by name."))\n'
            "class ThingViewSet(viewsets.ReadOnlyModelViewSet):\n"
            "    pass\n"
        ),
        "things/urls.py": (
            "from django.urls import path\n"
            "\n"
            "from . import views\n"
            "\n"
            "urlpatterns = [\n"
            '    path("create/", views.create_thing),\n'
            '    path("read/", views.read_thing),\n'
            '    path("all/", views.ThingViewSet.as_view({"get": "list"})),\n'
            '    path("one/<pk>/", views.ThingViewSet.as_view({"get": "retrieve"})),\n'
            "]\n"
        ),
    }
    assert noted(files, ("things",)) == [
        ("POST /create/", True, "things/views.py", 9, None),
        ("GET /read/", True, "things/views.py", 15, None),
        ("GET /all/", True, "things/views.py", 20, None),
        ("GET /one/{pk}/", False, "things/views.py", 20, None),
    ]


def test_nested_blueprints_and_a_blueprint_registered_twice():
    # Flask joins a parent's prefix to the child's; a second registration with its own
    # url_prefix serves the same handler under another path.
    files = {
        "site.py": (
            "from flask import Blueprint, Flask\n"
            "\n"
            "app = Flask(__name__)\n"
            'parent = Blueprint("parent", __name__, url_prefix="/parent")\n'
            'child = Blueprint("child", __name__, url_prefix="/child")\n'
            "\n"
            "\n"
            '@child.route("/leaf")\n'
            "def leaf():\n"
            '    """Serve the leaf page."""\n'
            "\n"
            "\n"
            "parent.register_blueprint(child)\n"
            "app.register_blueprint(parent)\n"
            'app.register_blueprint(parent, url_prefix="/again", name="again")\n'
        )
    }
    assert noted(files) == [
        ("GET /again/child/leaf", True, "site.py", 9, None),
        ("GET /parent/child/leaf", True, "site.py", 9, None),
    ]


# ------------------------------------------------------------------------ bad input


def test_computed_paths_keep_what_is_known():
    # PREFIX is a module constant (resolved); name, base and API_ROOT are not known.
    files = {
        "svc.py": (
            "from fastapi import APIRouter, FastAPI\n"
            "from settings import API_ROOT\n"
            "\n"
            'PREFIX = "/api"\n'
            "app = FastAPI()\n"
            "router = APIRouter(prefix=API_ROOT)\n"
            "\n"
            "\n"
            '@app.get(PREFIX + "/items")\n'
            "def items():\n"
            '    """List the items in stock."""\n'
            "\n"
            "\n"
            '@app.get(f"{PREFIX}/users/{{user_id}}")\n'
            "def user(user_id):\n"
            "    pass\n"
            "\n"
            "\n"
            '@app.get(f"/files/{name}")\n'
            "def files():\n"
            "    pass\n"
            "\n"
            "\n"
            '@app.get(base + "/x")\n'
            "def concatenated():\n"
            "    pass\n"
            "\n"
            "\n"
            '@router.get("/orders")\n'
            "def orders():\n"
            "    pass\n"
        )
    }
    assert noted(files) == [
        ("GET /api/items", True, "svc.py", 10, None),
        ("GET /api/users/{user_id}", False, "svc.py", 15, None),
        ("GET /files/<dynamic>", False, "svc.py", 20, "partial path"),
        ("GET <dynamic>/x", False, "svc.py", 25, "partial path"),
        ("GET <dynamic>/orders", False, "svc.py", 30, "partial path"),
    ]


def test_unusual_decorator_arguments():
    files = {
        "web.py": (
            "from flask import Flask\n"
            "\n"
            "app = Flask(__name__)\n"
            'args = ("/a",)\n'
            'opts = {"methods": ["GET"]}\n'
            "\n"
            "\n"
            "@app.route(*args)\n"
            "def starred():\n"
            '    """Serve the starred page."""\n'
            "\n"
            "\n"
            '@app.route("/b", **opts)\n'
            "def keywords():\n"
            "    pass\n"
            "\n"
            "\n"
            '@app.route("/c", methods=allowed())\n'
            "def computed():\n"
            "    pass\n"
            "\n"
            "\n"
            '@app.route("/d", methods=["GET", verb])\n'
            "def mixed():\n"
            "    pass\n"
        )
    }
    assert noted(files) == [
        ("GET <dynamic>", True, "web.py", 9, "partial path"),
        ("ANY /b", False, "web.py", 14, "unknown methods"),
        ("ANY /c", False, "web.py", 19, "unknown methods"),
        ("ANY /d", False, "web.py", 24, "unknown methods"),
    ]


def test_rebound_receiver_stops_counting():
    files = {
        "web.py": (
            "from flask import Flask\n"
            "from middleware import wrap\n"
            "\n"
            "app = Flask(__name__)\n"
            "\n"
            "\n"
            '@app.route("/before")\n'
            "def before():\n"
            "    pass\n"
            "\n"
            "\n"
            "app = wrap(app)\n"
            "\n"
            "\n"
            '@app.route("/after")\n'
            "def after():\n"
            "    pass\n"
        )
    }
    assert noted(files) == [("GET /before", False, "web.py", 8, None)]


def include_cycle(with_root: bool) -> dict[str, str]:
    files = {
        "a/urls.py": (
            "from django.urls import include, path\n"
            "\n"
            "from . import views\n"
            "\n"
            "urlpatterns = [\n"
            '    path("a/", views.page),\n'
            '    path("to-b/", include("b.urls")),\n'
            "]\n"
        ),
        "a/views.py": 'def page(request):\n    """Show the first page."""\n',
        "b/urls.py": (
            "from django.urls import include, path\n"
            "\n"
            "from . import views\n"
            "\n"
            "urlpatterns = [\n"
            '    path("b/", views.page),\n'
            '    path("to-a/", include("a.urls")),\n'
            "]\n"
        ),
        "b/views.py": 'def page(request):\n    """Show the second page."""\n',
    }
    if with_root:
        files["root/urls.py"] = (
            "from django.urls import include, path\n"
            "\n"
            'urlpatterns = [path("r/", include("a.urls"))]\n'
        )
    return files


def test_include_cycle_without_a_root():
    # a includes b includes a: no root, so each is reported under an unknown prefix.
    assert noted(include_cycle(with_root=False), ("a", "b", "root")) == [
        ("GET /<dynamic>/a/", True, "a/views.py", 1, "partial path"),
        ("GET /<dynamic>/b/", True, "b/views.py", 1, "partial path"),
    ]


def test_include_cycle_below_a_root():
    # root includes a; the cycle back to a adds nothing.
    assert noted(include_cycle(with_root=True), ("a", "b", "root")) == [
        ("GET /r/a/", True, "a/views.py", 1, None),
        ("GET /r/to-b/b/", True, "b/views.py", 1, None),
    ]


def test_missing_include_and_missing_handlers():
    # "gone.urls" does not exist; views.vanished points into the project but is not
    # defined (reported at its registration); django.contrib.auth's view is third-party.
    files = {
        "proj/urls.py": (
            "from django.contrib.auth import views as auth_views\n"
            "from django.urls import include, path\n"
            "\n"
            "from proj import views\n"
            "\n"
            "urlpatterns = [\n"
            '    path("old/", include("gone.urls")),\n'
            '    path("vanished/", views.vanished),\n'
            '    path("login/", auth_views.LoginView.as_view()),\n'
            '    path("here/", views.here),\n'
            "]\n"
        ),
        "proj/views.py": 'def here(request):\n    """Say where we are."""\n',
    }
    assert noted(files, ("proj",)) == [
        ("GET /vanished/", False, "proj/urls.py", 8, "handler not found"),
        ("GET /here/", True, "proj/views.py", 1, None),
    ]


def test_malformed_registrations_do_not_crash():
    # Only the argument-less @app.get() survives, with an unknown path.
    files = {
        "mess.py": (
            "from aiohttp import web\n"
            "from django.urls import include, path\n"
            "from fastapi import FastAPI\n"
            "from rest_framework.routers import DefaultRouter\n"
            "from starlette.applications import Starlette\n"
            "from starlette.routing import Mount, Route\n"
            "\n"
            "app = FastAPI()\n"
            "router = DefaultRouter()\n"
            "web_app = web.Application()\n"
            "\n"
            "\n"
            "@app.get()\n"
            "def nothing():\n"
            "    pass\n"
            "\n"
            "\n"
            "app.include_router()\n"
            "app.include_router(42)\n"
            "app.mount()\n"
            "router.register()\n"
            'router.register("x", 42)\n'
            "web_app.add_routes()\n"
            "web_app.router.add_route()\n"
            "web_app.add_subapp()\n"
            'site = Starlette(routes=[Route(), Mount(), Mount("/m"), 5, *more])\n'
            "urlpatterns = [\n"
            "    path(),\n"
            '    path("x/"),\n'
            "    include(),\n"
            '    path("y/", include()),\n'
            '    path("z/", include(5)),\n'
            "    7,\n"
            "    *unknown,\n"
            "]\n"
            "urlpatterns += more_patterns\n"
        )
    }
    assert noted(files) == [("GET <dynamic>", False, "mess.py", 14, "partial path")]


def test_unreadable_facts_are_ignored():
    good = source_modules(
        {
            "app.py": (
                "from fastapi import FastAPI\n"
                "\n"
                "app = FastAPI()\n"
                "\n"
                "\n"
                '@app.get("/a")\n'
                "def a():\n"
                "    pass\n"
            )
        }
    )
    broken = ModuleFacts("broken.py", "broken", {}, ["not", "a", "dict"])
    assert rows([broken, *good]) == [("GET /a", False, "app.py", 7)]


def test_urlpatterns_passed_through_a_wrapper_keep_their_routes():
    # As in HackSoftware's Django styleguide: a debug toolbar helper returns the list it is
    # given plus its own routes; the project's "api/" prefix must survive it.
    files = {
        "project/urls.py": (
            "from django.conf.urls.static import static\n"
            "from django.urls import include, path\n"
            "from project.toolbar import Toolbar\n"
            'urlpatterns = [path("api/", include(("app.urls", "app")))] + static("/m/")\n'
            "urlpatterns = Toolbar.do_urls(urlpatterns)\n"
        ),
        "app/urls.py": (
            "from django.urls import path\n"
            "from app import views\n"
            'urlpatterns = [path("users/", views.users)]\n'
        ),
        "app/views.py": 'def users(request):\n    """List users."""\n',
    }
    modules = source_modules(files, ("project", "app"))
    assert rows(modules) == [("GET /api/users/", True, "app/views.py", 1)]
