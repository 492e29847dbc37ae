"""Endpoint and CLI option findings: why an endpoint or option is undocumented (a
placeholder, not missing text), and router prefixes read from settings defaults and
string constants of other files. Every expected value is worked out by hand from the
fixture texts."""

from __future__ import annotations

from pathlib import Path

from docaudit.analysers.apis.clis import cli_symbols
from docaudit.analysers.apis.endpoints import endpoint_symbols
from docaudit.analysers.apis.endpoints.facts import EndpointFacts, Instance, SettingsClass, Text
from docaudit.analysers.python.parse import module_facts
from docaudit.model import rules
from docaudit.model.symbols import ModuleFacts, Symbol
from tests.helpers import FIXTURES, make_repo, project_facts

APIS = FIXTURES / "apis"


def fixture_modules(name: str) -> list[ModuleFacts]:
    """Return the endpoint facts of every Python file of a fixture project."""
    return project_facts(APIS / name, "endpoints")


def findings(symbols: list[Symbol]) -> list[tuple[str, str, int, bool, list[str], str | None]]:
    """Return (qualname, path, line, documented, problems, note) of each symbol."""
    return [(s.qualname, s.path, s.line, s.documented, s.problems, s.note) for s in symbols]


# ------------------------------------------------------------- placeholder endpoints

FASTAPI_HANDLERS = '''"""Item routes."""
from fastapi import FastAPI

app = FastAPI()


@app.put("/items/{id}")
def update_item(id: int):
    """
    Update an item.
    """


@app.get("/items/{id}")
def read_item(id: int):
    """Return the item, with its price in the caller's currency."""


@app.delete("/items/{id}")
def delete_item(id: int):
    """TODO"""


@app.post("/items")
def create_item():
    pass


@app.patch("/items/{id}", summary="Rename an item or change its price")
def patch_item(id: int):
    """Patch item."""
'''


def test_a_handler_docstring_that_restates_its_name_is_a_placeholder():
    # update_item (def line 8) "Update an item." says only its name's words (filler "an"
    # aside); delete_item (20) is a TODO; create_item (25) has no docstring;
    # read_item (15) is real text; patch_item (30) restates its name but summary=
    # documents the route.
    symbols = endpoint_symbols(module_facts([("app.py", FASTAPI_HANDLERS)], "endpoints"))
    assert findings(symbols) == [
        ("PUT /items/{id}", "app.py", 8, False, ["placeholder"], None),
        ("GET /items/{id}", "app.py", 15, True, [], None),
        ("DELETE /items/{id}", "app.py", 20, False, ["placeholder"], None),
        ("POST /items", "app.py", 25, False, ["missing"], None),
        ("PATCH /items/{id}", "app.py", 30, True, [], None),
    ]
    assert [s.level for s in symbols] == [
        "undocumented",
        "documented",
        "undocumented",
        "undocumented",
        "documented",
    ]
    assert [rules.rule_of(s).id for s in symbols if s.problems] == ["undocumented-endpoint"] * 3


FLASK_VIEW = '''"""Item views."""
from flask import Flask
from flask.views import MethodView

app = Flask(__name__)


class ItemAPI(MethodView):
    """Item API."""

    def get(self, id):
        return {}

    def post(self, id):
        """Copy the item under a new id; 409 when the id is taken."""
        return {}

    def delete(self, id):
        """Delete."""
        return {}


app.add_url_rule("/items/<int:id>", view_func=ItemAPI.as_view("item"))
'''


def test_a_class_view_method_is_a_placeholder_through_its_own_or_the_class_docstring():
    # The class docstring (line 8) "Item API." restates ItemAPI; get (11) has none, so
    # the class's placeholder is its text; delete (18) restates "delete"; post (14) is real.
    symbols = endpoint_symbols(module_facts([("views.py", FLASK_VIEW)], "endpoints"))
    assert findings(symbols) == [
        ("GET /items/{id}", "views.py", 11, False, ["placeholder"], None),
        ("POST /items/{id}", "views.py", 14, True, [], None),
        ("DELETE /items/{id}", "views.py", 18, False, ["placeholder"], None),
    ]


def test_the_placeholder_is_printed_and_named_by_its_rule(tmp_path: Path, run_cli):
    make_repo(tmp_path, {"app.py": FASTAPI_HANDLERS})
    result = run_cli("coverage", "--no-cache", "--kinds", "endpoint", "-v", cwd=tmp_path)
    assert result.code == 0, result.err
    # the code symbols are not counted under --kinds endpoint; only create_item is
    # listed (the code placeholders count as documented by default)
    assert result.out.splitlines()[:4] == [
        "app.py:8: endpoint PUT /items/{id} (placeholder)",
        "app.py:20: endpoint DELETE /items/{id} (placeholder)",
        "app.py:25: endpoint POST /items (missing)",
        "app.py:25: function create_item (missing) [not counted]",
    ]
    assert result.out.splitlines()[-1] == "TOTAL 5 3 40.0%"
    endpoint = Symbol("app.py", 8, "endpoint", "PUT /items/{id}", True, False, ["placeholder"])
    assert rules.rule_of(endpoint) is rules.UNDOCUMENTED_ENDPOINT
    assert rules.UNDOCUMENTED_ENDPOINT.problems == ("missing", "placeholder")


# ------------------------------------------------------------- placeholder CLI options

CLICK_TOOL = '''"""The sync tool."""
import click


@click.command()
@click.option("--dry-run", is_flag=True, help="Dry run.")
@click.option("-v", "--verbose", is_flag=True, help="TODO")
@click.option("--limit", type=int, help="Stop after this many rows.")
@click.option("--name", help="")
@click.argument("target")
def sync(dry_run, verbose, limit, name, target):
    """Copy the rows of TARGET to the warehouse."""
'''

ARGPARSE_TOOL = '''"""The export tool."""
import argparse

parser = argparse.ArgumentParser(description="Export the warehouse to files.")
parser.add_argument("--output-dir", help="Output dir")
parser.add_argument("--format", help="csv or parquet; csv when not given.")
'''


PLACEHOLDER_HELP = "placeholder help (cli-option-help)"


def test_an_option_help_that_restates_its_name_is_a_placeholder():
    # click: --dry-run (line 6) "Dry run." and --verbose (7) "TODO" are placeholders,
    # --limit (8) is real text, --name (9) is empty; TARGET (10) has no help but the
    # command's docstring names it. argparse: --output-dir (5) "Output dir" restates it.
    modules = module_facts([("sync.py", CLICK_TOOL), ("export.py", ARGPARSE_TOOL)], "clis")
    symbols = cli_symbols(modules)
    assert findings(symbols) == [
        ("export", "export.py", 4, True, [], None),
        ("export --output-dir", "export.py", 5, False, [PLACEHOLDER_HELP], None),
        ("export --format", "export.py", 6, True, [], None),
        ("sync --dry-run", "sync.py", 6, False, [PLACEHOLDER_HELP], None),
        ("sync --verbose", "sync.py", 7, False, [PLACEHOLDER_HELP], None),
        ("sync --limit", "sync.py", 8, True, [], None),
        ("sync --name", "sync.py", 9, False, ["empty help (cli-option-help)"], None),
        ("sync TARGET", "sync.py", 10, True, [], "named in the command's help"),
        ("sync", "sync.py", 11, True, [], None),
    ]
    assert {rules.rule_of(s).id for s in symbols if s.problems} == {"cli-option-help"}


# ------------------------------------------------------------- prefixes from other files


def test_a_prefix_from_a_settings_default_in_another_file():
    # main.py includes api_router under settings.API_V1_STR, whose literal default in
    # app/core/config.py is "/api/v1"; items' router adds "/items" and its reports
    # router settings.REPORTS_PREFIX, a Field(default="/reports"). ADMIN_PREFIX has no
    # default (the environment must give it): the admin route stays <dynamic>.
    symbols = endpoint_symbols(fixture_modules("settings_prefix"))
    assert findings(symbols) == [
        ("POST <dynamic>/purge", "app/api/routes/admin.py", 9, True, [], "partial path"),
        ("GET /api/v1/items/{id}", "app/api/routes/items.py", 12, True, [], None),
        ("PUT /api/v1/items/{id}", "app/api/routes/items.py", 18, False, ["placeholder"], None),
        ("DELETE /api/v1/items/{id}", "app/api/routes/items.py", 26, False, ["missing"], None),
        ("GET /api/v1/items/reports/summary", "app/api/routes/items.py", 31, True, [], None),
    ]


def test_the_settings_facts_of_a_file_without_routes():
    # config.py names no web framework: only its settings class (three literal
    # defaults; ADMIN_PREFIX has none) and the settings object are read.
    modules = {module.path: module for module in fixture_modules("settings_prefix")}
    assert modules["app/core/config.py"].facts == EndpointFacts(
        exports={"settings": Instance("app.core.config.Settings")},
        settings={
            "app.core.config.Settings": SettingsClass(
                bases=("pydantic_settings.BaseSettings",),
                fields={
                    "API_V1_STR": Text("/api/v1"),
                    "REPORTS_PREFIX": Text("/reports"),
                    "PROJECT_NAME": Text("Items service"),
                },
            )
        },
    )


def test_a_prefix_from_string_constants_imported_from_another_file():
    # app/constants.py: API_PREFIX "/api", VERSION "/v2", USERS = VERSION + "/users".
    # main.py mounts both routers under API_PREFIX; users' router prefix is USERS,
    # teams' the f-string f"{constants.VERSION}/teams". get_user "Get user." restates
    # its name; create_user is documented by summary=.
    symbols = endpoint_symbols(fixture_modules("constant_prefix"))
    assert findings(symbols) == [
        ("GET /api/v2/teams/", "app/routers/teams.py", 11, True, [], None),
        ("GET /api/v2/users/{user_id}", "app/routers/users.py", 11, False, ["placeholder"], None),
        ("POST /api/v2/users/", "app/routers/users.py", 17, True, [], None),
    ]
    modules = {module.path: module for module in fixture_modules("constant_prefix")}
    # the greeting has white space: no path is made of it, so it is not kept
    assert modules["app/constants.py"].facts == EndpointFacts(
        exports={
            "API_PREFIX": Text("/api"),
            "VERSION": Text("/v2"),
            "USERS": Text("/v2/users"),
        }
    )


def test_a_name_no_file_defines_stays_dynamic_and_keeps_the_known_text():
    # PREFIX comes from a module the project does not have, ROOT from one that binds it
    # to a call: both are <dynamic>; the literal rest of the f-string is kept.
    files = [
        ("app.py", 'from fastapi import FastAPI\nfrom vendor.conf import PREFIX\n'
         'from base import ROOT\n\napp = FastAPI()\n\n\n@app.get(f"{PREFIX}/ping")\n'
         'def ping():\n    """Answer pong, to show the service is up."""\n\n\n'
         '@app.get(ROOT + "/pong")\ndef pong():\n    """Answer ping."""\n'),
        ("base.py", 'import os\n\nROOT = os.getenv("ROOT", "/")\n'),
    ]  # fmt: skip
    symbols = endpoint_symbols(module_facts(files, "endpoints"))
    assert findings(symbols) == [
        ("GET <dynamic>/ping", "app.py", 9, True, [], "partial path"),
        ("GET <dynamic>/pong", "app.py", 14, True, [], "partial path"),
    ]
