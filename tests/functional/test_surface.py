"""Public APIs and configuration end to end, on a small service shaped like a real one.

``fixtures/service`` is a Flask API with a blueprint, a click CLI, ``__all__`` exports,
an OpenAPI file, os.environ reads with a thin wrapper, a pydantic-settings class, an
``.env.example``, a compose file, a Dockerfile, a TOML config, a Helm chart and a README
with a configuration section. Every expected value below was counted by hand from it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from docaudit import api
from docaudit.config.settings import Config
from tests.helpers import FIXTURES, make_repo


@pytest.fixture
def service(tmp_path: Path) -> Path:
    """The service fixture as a git repository with one commit."""
    root = tmp_path / "service"
    shutil.copytree(FIXTURES / "service", root)
    make_repo(root).commit("initial")
    return root


def surface(document: dict) -> list[tuple]:
    """Return (kind, qualname, path, line, documented, level, counted) of the non-code symbols."""
    return [
        (s["kind"], s["qualname"], s["path"], s["line"], s["documented"], s["level"], s["counted"])
        for s in document["symbols"]
        if s["kind"] not in ("module", "class", "function", "method")
    ]


def test_every_endpoint_command_option_and_export_is_judged(service: Path, run_cli) -> None:
    result = run_cli("coverage", "--no-cache", "--format", "json", cwd=service)
    document = json.loads(result.out)
    found = surface(document)
    # Flask: GET / (documented), the items blueprint under /items: GET and POST on one
    # documented handler, DELETE undocumented; /health is operational and cache.get a decoy.
    assert [row for row in found if row[0] == "endpoint"] == [
        ("endpoint", "GET /", "shop/api/app.py", 25, True, "documented", True),
        ("endpoint", "GET /items/", "shop/api/items.py", 9, True, "documented", True),
        ("endpoint", "POST /items/", "shop/api/items.py", 9, True, "documented", True),
        (
            "endpoint",
            "DELETE /items/{item_id}",
            "shop/api/items.py",
            15,
            False,
            "undocumented",
            True,
        ),
    ]
    # click: the group and serve have docstrings, load-items none; --port has help, --reload
    # none; PATH is neither helped nor named in load-items' (missing) help.
    assert [row for row in found if row[0].startswith("cli-")] == [
        ("cli-command", "shop", "shop/cli/main.py", 7, True, "documented", True),
        ("cli-option", "shop serve --port", "shop/cli/main.py", 12, True, "documented", True),
        ("cli-option", "shop serve --reload", "shop/cli/main.py", 13, False, "undocumented", True),
        ("cli-command", "shop serve", "shop/cli/main.py", 14, True, "documented", True),
        (
            "cli-option",
            "shop load-items PATH",
            "shop/cli/main.py",
            19,
            False,
            "undocumented",
            True,
        ),
        ("cli-command", "shop load-items", "shop/cli/main.py", 20, False, "undocumented", True),
    ]
    # __all__: create_app is re-exported from a documented function; VERSION has no
    # docstring; "ghost" is defined nowhere: a stale export, reported as an error.
    assert [row for row in found if row[0] == "export"] == [
        ("export", "shop.VERSION", "shop/__init__.py", 5, False, "undocumented", False),
        ("export", "shop.create_app", "shop/__init__.py", 5, True, "documented", False),
    ]
    assert document["errors"] == [
        {
            "path": "shop/__init__.py",
            "message": "line 5: stale export: 'ghost' is in __all__ but not defined",
            "kind": "export",
        }
    ]
    # The command line is public: [project.scripts] names shop.cli.main:cli.
    public = {
        s["qualname"]: s["public"] for s in document["symbols"] if s["kind"] == "cli-command"
    }
    assert public == {"shop": True, "shop serve": True, "shop load-items": True}


def test_the_spec_file_is_found_by_content_and_judged(service: Path) -> None:
    report = api.coverage([service], Config.of(cache=False))
    spec = [
        (s.kind, s.qualname, s.line, s.documented, s.problems)
        for s in report.reported
        if s.kind.startswith("spec-")
    ]
    assert spec == [
        ("spec-info", "info", 2, True, []),
        ("spec-tag", "tag items", 7, False, ["missing description (tag-description)"]),
        ("spec-operation", "GET /items", 10, True, []),
        (
            "spec-parameter",
            "GET /items parameter limit (query)",
            13,
            False,
            ["missing description (oas3-parameter-description, parameter-description)"],
        ),
        (
            "spec-operation",
            "POST /items",
            17,
            False,
            ["missing description (operation-description, operation-summary)"],
        ),
        ("spec-schema", "schema Item", 28, True, []),
    ]


def test_per_kind_table_and_default_kinds(service: Path, run_cli, gold) -> None:
    result = run_cli("coverage", "--no-cache", cwd=service)
    assert result.code == 0
    gold("service-coverage.txt", result.out)
    # 22 code symbols (4 undocumented) + 6 CLI (3) + 4 endpoints (1): 32, 8 missing.
    assert result.out.endswith("TOTAL 32 8 75.0%\n")


@pytest.mark.parametrize(
    ("kinds", "total"),
    [
        ("code", "TOTAL 22 4 81.8%"),
        ("endpoint", "TOTAL 4 1 75.0%"),
        ("code,spec", "TOTAL 28 7 75.0%"),
        ("env,config", "TOTAL 28 8 71.4%"),
        ("spec-operation", "TOTAL 2 1 50.0%"),
    ],
)
def test_kinds_choose_what_counts(service: Path, run_cli, kinds: str, total: str) -> None:
    result = run_cli("coverage", "--no-cache", "-q", "--kinds", kinds, cwd=service)
    assert result.out == total + "\n"


def test_kinds_can_be_set_in_pyproject_and_fail_the_gate(service: Path, run_cli) -> None:
    pyproject = service / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text() + '\n[tool.docaudit]\nkinds = ["endpoint"]\nfail-under = 80\n'
    )
    result = run_cli("coverage", "--no-cache", "-q", cwd=service)
    assert (result.code, result.out) == (1, "TOTAL 4 1 75.0%\n")


def test_an_unknown_kind_is_a_usage_error(service: Path, run_cli) -> None:
    result = run_cli("coverage", "--kinds", "code,widgets", cwd=service)
    assert result.code == 2
    assert "unknown kind 'widgets'" in result.err


def test_environment_variables_levels(service: Path) -> None:
    report = api.configuration([service], Config.of(cache=False))
    variables = sorted(
        (s.qualname, s.level, s.default, s.sites) for s in report.symbols if s.kind == "env-var"
    )
    # HOME is well known; "set DATABASE_URL first" is a string, not a read.
    assert variables == [
        # .env.example comment says "default 3600"
        ("CART_TTL", "complete", "'3600'", ["shop/settings.py:14"]),
        # README and .env.example; README says "Required."
        ("DATABASE_URL", "complete", "(required)", ["shop/settings.py:11"]),
        # alias: no prefix, and nothing documents it
        ("SENTRY_DSN", "undocumented", "None", ["shop/options.py:14"]),
        # Field(description=...) documents it in code
        ("SHOP_API_KEY", "documented", "(required)", ["shop/options.py:13"]),
        # read through the env_flag wrapper (its default 'false'); README mentions it, and
        # .env.example shows a value for the code's default
        ("SHOP_DEBUG", "complete", "'false'", ["shop/settings.py:13"]),
        # built at run time: SHOP_PLUGIN_ + name; README names SHOP_PLUGIN_*
        ("SHOP_PLUGIN_*", "documented", None, ["shop/settings.py:18"]),
        # pydantic-settings: env_prefix SHOP_; Dockerfile ENV declares it, without a word
        ("SHOP_REGION", "declared", "'eu'", ["shop/options.py:12"]),
        # compose comment: documented, but not an example file and no default stated
        ("SHOP_WORKERS", "documented", "'2'", ["shop/settings.py:15"]),
    ]
    # LEGACY_MODE is in the README's configuration table, UNUSED_TOKEN in .env.example;
    # no code reads either.
    assert [(s.qualname, s.path, s.line, s.level) for s in report.stale] == [
        ("LEGACY_MODE", "README.md", 11, "documented-unused"),
        ("UNUSED_TOKEN", ".env.example", 7, "documented-unused"),
    ]


def test_config_keys_documented_by_comments_or_docs(service: Path) -> None:
    report = api.configuration([service], Config.of(cache=False))
    keys = [
        (s.path, s.line, s.qualname, s.documented)
        for s in report.symbols
        if s.kind == "config-key"
    ]
    assert keys == [
        (".env.example", 2, "DATABASE_URL", True),  # comment above
        (".env.example", 3, "SHOP_DEBUG", True),  # the README names it
        (".env.example", 5, "CART_TTL", True),  # comment above
        (".env.example", 7, "UNUSED_TOKEN", False),  # above it only a commented-out key
        ("config/app.toml", 3, "server.host", True),  # comment above
        ("config/app.toml", 4, "server.port", True),  # the README names server.port
        ("config/app.toml", 7, "cache.ttl_seconds", True),  # inline comment
        ("config/app.toml", 8, "cache.backend", False),
        ("deploy/chart/values.yaml", 2, "replicaCount", True),  # helm-docs "# --"
        ("deploy/chart/values.yaml", 4, "image.repository", False),
        ("deploy/chart/values.yaml", 5, "image.tag", False),
        ("docker-compose.yml", 5, "services.web.environment.DATABASE_URL", True),  # README
        ("docker-compose.yml", 7, "services.web.environment.SHOP_WORKERS", True),  # comment
        ("shop/settings.py", 11, "DATABASE_URL", True),  # README
        ("shop/settings.py", 13, "DEBUG", True),  # comment above
        # assigned from a read: the variable's verdict (CART_TTL is complete, SHOP_WORKERS
        # documented by its compose comment, SHOP_PLUGIN_* by the README)
        ("shop/settings.py", 14, "CART_TTL", True),
        ("shop/settings.py", 15, "WORKERS", True),
        ("shop/settings.py", 16, "HOME", False),  # HOME is well known: no verdict to inherit
        ("shop/settings.py", 17, "LOG_MESSAGE", False),
        ("shop/settings.py", 18, "PLUGINS", True),
    ]


@pytest.mark.parametrize(
    ("fmt", "golden"), [("table", "service-config.txt"), ("markdown", "service-config.md")]
)
def test_config_command_prints_the_reference(
    service: Path, run_cli, gold, fmt: str, golden: str
) -> None:
    result = run_cli("config", "--no-cache", "--format", fmt, cwd=service)
    assert result.code == 0
    gold(golden, result.out)


def test_config_command_json(service: Path, run_cli) -> None:
    result = run_cli("config", "--no-cache", "--format", "json", cwd=service)
    document = json.loads(result.out)
    assert sorted(document) == ["errors", "keys", "schema", "stale", "variables"]
    assert [v["qualname"] for v in document["variables"]][:2] == ["CART_TTL", "DATABASE_URL"]
    assert len(document["keys"]) == 20
    assert document["variables"][0]["level"] == "complete"


def test_cached_run_and_commit_run_give_the_same_document(service: Path, run_cli) -> None:
    cold = run_cli("coverage", "--format", "json", cwd=service).out
    warm = run_cli("coverage", "--format", "json", cwd=service).out
    assert warm == cold
    head = api.coverage_at("HEAD", [service], Config.of(cache=False))
    now = api.coverage([service], Config.of(cache=False))
    assert [s.fingerprint for s in head.symbols + head.reported] == [
        s.fingerprint for s in now.symbols + now.reported
    ]
    assert head.stale == now.stale


def test_a_json_schema_description_documents_a_key(tmp_path: Path) -> None:
    schema = (
        '{"type": "object", "properties": {"server": {"type": "object", "properties": '
        '{"port": {"type": "integer", "description": "TCP port."}, "host": {"type": "string"}}}}}'
    )
    repo = make_repo(
        tmp_path / "repo",
        {
            "config/app.json": '{"server": {"port": 8000, "host": "0.0.0.0"}}\n',
            "config/app.schema.json": schema,
        },
    )
    report = api.configuration([repo.path], Config.of(cache=False))
    # The schema is not config itself; it describes server.port, not server.host.
    assert [(s.path, s.qualname, s.documented, s.note) for s in report.symbols] == [
        ("config/app.json", "server.host", False, None),
        ("config/app.json", "server.port", True, "documented at config/app.schema.json"),
    ]
