"""Configuration findings an operator can trust (issue 13): what documents a variable,
what reads it, its default and need, and one verdict per name.

The fixture ``fixtures/envvars/operator`` holds one case per line; the verdicts
below were worked out by reading it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from docaudit import api
from docaudit.analysers.configuration.envvars.outside import outside_reads
from docaudit.config.settings import Config
from tests.helpers import FIXTURES, make_repo

OPERATOR = FIXTURES / "envvars" / "operator"


@pytest.fixture
def operator(tmp_path: Path) -> Path:
    """The operator fixture as a git repository with one commit."""
    root = tmp_path / "operator"
    shutil.copytree(OPERATOR, root)
    make_repo(root).commit("initial")
    return root


def test_each_variable_gets_its_default_need_and_documentation(operator: Path) -> None:
    report = api.configuration([operator], Config.of(cache=False))
    variables = [
        (s.qualname, s.level, s.default, s.sites, s.note)
        for s in report.symbols
        if s.kind == "env-var"
    ]
    assert variables == [
        # the comment above names it: documented there
        ("STATSD_HOST", "documented", None, ["app/env.py:10"], "documented at app/env.py:10"),
        # `or "8125"`: a literal default
        ("STATSD_PORT", "undocumented", "'8125'", ["app/env.py:11"], None),
        # `or DEFAULT_DIR`: a default named by a constant
        ("CACHE_DIR", "undocumented", "DEFAULT_DIR", ["app/env.py:12"], None),
        # `or os.path.join(...)`: computed, no known default
        ("UPLOADS", "undocumented", None, ["app/env.py:13"], None),
        # README's environment table says "required"; the inline comment names it too
        (
            "APP_TIMEOUT",
            "complete",
            "(required)",
            ["app/env.py:14"],
            "documented at README.md:7, app/env.py:14",
        ),
        # read under `if "SENTRY_DSN" in os.environ`: optional; the comment above the
        # `if` ("The error tracker.") does not name it
        ("SENTRY_DSN", "undocumented", None, ["app/env.py:16", "app/env.py:17"], None),
        # the body of `X if "LOG_LEVEL" in os.environ else "INFO"`: optional, "INFO"
        ("LOG_LEVEL", "undocumented", "'INFO'", ["app/env.py:18"], None),
        # the `else` of `if not os.environ.get("MAIL_HOST")`: optional
        ("MAIL_HOST", "undocumented", None, ["app/env.py:19", "app/env.py:22"], None),
        # a loop over os.environ filtered by startswith("FEATURE_")
        ("FEATURE_*", "dynamic", None, ["app/env.py:23"], "dynamic name"),
        # the application's own GITHUB_* is not well known (GITHUB_ACTIONS is)
        ("GITHUB_CLIENT_ID", "undocumented", "(required)", ["app/env.py:24"], None),
        # README's "### DB" heading names it
        ("DB", "documented", "'app'", ["app/env.py:26"], "documented at README.md:22"),
        # the tracked .env comments it
        ("SHARED_SECRET", "documented", "(required)", ["app/env.py:27"], "documented at .env:2"),
        # read from a parameter the callers pass os.environ to (lookup() is given a dict)
        ("APP_ROOT", "undocumented", "default_root", ["app/paths.py:8"], None),
        ("APP_CONF", "undocumented", None, ["app/paths.py:9", "app/paths.py:10"], None),
        ("APP_MODULE", "undocumented", "(required)", ["app/paths.py:16"], None),
        # startswith(prefix), the parameter's default "PLUGIN"; the docs name PLUGIN_MAIL
        ("PLUGIN*", "documented", None, ["app/plugins.py:10"], "dynamic name"),
        # the frontend's `process.env.API_BASE_URL ?? "/api"`: its literal fallback
        (
            "API_BASE_URL",
            "documented",
            '"/api"',
            ["frontend/src/api.ts:1"],
            "documented at README.md:20",
        ),
    ]


def test_a_key_behind_a_variable_has_the_variables_verdict(operator: Path) -> None:
    report = api.configuration([operator], Config.of(cache=False))
    keys = [
        (s.path, s.line, s.qualname, s.documented, s.note, s.default)
        for s in report.symbols
        if s.kind == "config-key"
    ]
    assert keys == [
        # a tracked .env: a declaration like .env.example, its values never kept
        (".env", 2, "SHARED_SECRET", True, None, None),
        # "DB" alone is no distinctive key name, but the variable DB is documented
        (".env", 3, "DB", True, "documented at README.md:22", None),
        ("compose.prod.yml", 5, "services.web.environment.DB_PASSWORD", True,
         "documented at README.md:19", "${DB_PASSWORD:?set it}"),
    ]  # fmt: skip


def test_only_a_name_nothing_reads_is_stale(operator: Path) -> None:
    # The README presents 13 names as variables (MAX_CONTENT_LENGTH, in a Configuration
    # section, is a config value). Read: APP_TIMEOUT and DB by the code, HTTPS_PROXY and
    # REQUESTS_CA_BUNDLE by requests, DEPLOY_TOKEN by deploy.sh, OPS_SERVE_PORT through
    # click's auto_envvar_prefix, PLUGIN_MAIL by the PLUGIN prefix scan, DB_PASSWORD by
    # a compose interpolation, WORKER_COUNT by uWSGI, CHART_MODE by a Helm template,
    # WEB_CONCURRENCY by gunicorn (run by the Dockerfile), TEST_ONLY_FLAG by a test,
    # API_BASE_URL by the frontend. The .env's names are read by the code.
    report = api.configuration([operator], Config.of(cache=False))
    assert [(s.qualname, s.path, s.line, s.level) for s in report.stale] == [
        ("STALE_FLAG", "README.md", 18, "documented-unused"),
    ]


@pytest.mark.parametrize("fmt", ["table", "markdown", "json"])
def test_a_tracked_env_files_values_are_never_printed(operator: Path, run_cli, fmt: str) -> None:
    result = run_cli("config", "--no-cache", "--format", fmt, cwd=operator)
    assert result.code == 0
    assert "SHARED_SECRET" in result.out
    assert "hunter2" not in result.out


def test_readers_outside_python() -> None:
    # A compose file's interpolations are read with the compose file (configs): here it
    # only could run gunicorn, and does not.
    files = {
        "deploy.sh": ("shell", b'LOCAL=/srv\necho "$LOCAL ${TOKEN:-x} $1 $HOME"\n# $NOT_READ\n'),
        "uwsgi.ini": ("uwsgi", b"[uwsgi]\nprocesses = $(WORKERS)\nenv = MODE=prod\n"),
        "compose.yml": ("compose", b"services:\n  a:\n    image: ${IMAGE:-x}\n"),
        "Dockerfile": ("dockerfile", b"ARG VERSION\nRUN echo ${VERSION}\nCMD gunicorn app\n"),
        "chart/templates/d.yaml": ("helm-template", b"env:\n  - name: CHART_X\n"),
        "web/main.ts": ("source", b"const a = import.meta.env.VITE_URL;\n"),
        "svc/main.go": ("source", b'port := os.Getenv("PORT_GO")\n'),
        "App.java": ("source", b'String k = System.getenv("JAVA_KEY");\n'),
        "notes.txt": ("doc", b"$IGNORED\n"),
    }
    assert outside_reads(files) == {
        "JAVA_KEY": "App.java:1",
        "VERSION": "Dockerfile:2",
        "GUNICORN_CMD_ARGS": "Dockerfile (gunicorn)",
        "WEB_CONCURRENCY": "Dockerfile (gunicorn)",
        "PORT": "Dockerfile (gunicorn)",
        "CHART_X": "chart/templates/d.yaml:2",
        "HOME": "deploy.sh:2",
        "TOKEN": "deploy.sh:2",
        "PORT_GO": "svc/main.go:1",
        "WORKERS": "uwsgi.ini:2",
        "MODE": "uwsgi.ini:3",
        "VITE_URL": "web/main.ts:1",
    }


SPRING = FIXTURES / "configfiles" / "spring"


@pytest.fixture
def spring(tmp_path: Path) -> Path:
    """The Spring Boot fixture as a git repository with one commit."""
    root = tmp_path / "spring"
    shutil.copytree(SPRING, root)
    make_repo(root).commit("initial")
    return root


def test_spring_placeholders_and_value_annotations_are_reads(spring: Path) -> None:
    report = api.configuration([spring], Config.of(cache=False))
    properties = "src/main/resources/application.properties"
    mysql = "src/main/resources/application-mysql.yml"
    keys = "src/main/java/shop/Keys.java"
    assert [
        (s.qualname, s.level, s.default, s.sites) for s in report.symbols if s.kind == "env-var"
    ] == [
        # @Value("${API_TOKEN}"): no default, so the start fails without it
        ("API_TOKEN", "documented", "(required)", [f"{keys}:6"]),
        ("RECEIPTS_DIR", "undocumented", "/tmp/receipts", [f"{keys}:10"]),
        ("MYSQL_URL", "documented", "jdbc:mysql://localhost/shop", [f"{mysql}:4"]),
        ("MYSQL_PASS", "documented", "(required)", [f"{mysql}:5"]),
        # ${PORT:8080}; compose gives the shop's image PORT: declared there
        ("PORT", "declared", "8080", [f"{properties}:2"]),
        ("CATALOGUE_URL", "undocumented", "(required)", [f"{properties}:5"]),
    ]  # ${database} and ${shop.name} name properties, not the environment's variables
    # the mysql image reads MYSQL_ROOT_PASSWORD and MYSQL_DATABASE: only LEGACY_FLAG is stale
    assert [(s.qualname, s.path, s.line) for s in report.stale] == [
        ("LEGACY_FLAG", "README.md", 5)
    ]


def test_spring_properties_keys(spring: Path) -> None:
    report = api.configuration([spring], Config.of(cache=False))
    properties = "src/main/resources/application.properties"
    assert [
        (s.line, s.qualname, s.level, s.default)
        for s in report.symbols
        if s.kind == "config-key" and s.path == properties
    ] == [
        (2, "server.port", "documented", "${PORT:8080}"),
        (3, "spring.application.name", "undocumented", "shop"),
        (5, "catalogue.url", "documented", "${CATALOGUE_URL}"),  # a ! comment above
        (7, "banner.text", "documented", "Welcome to the shop"),  # a \ goes on
        (9, "path with spaces", "undocumented", "1"),  # escapes read
        (10, "spring.sql.init.schema-locations", "undocumented",
         "classpath*:db/${database}/schema.sql"),
    ]  # fmt: skip


def test_a_compose_image_reads_the_names_that_begin_with_its_own() -> None:
    compose = (
        b"services:\n"
        b"  db:\n    image: docker.io/bitnami/postgresql:16\n    environment:\n"
        b"      - POSTGRESQL_PASSWORD=x\n      - APP_DB=y\n"
        b"  api:\n    image: api:dev\n    build: .\n    environment:\n      API_KEY: k\n"
        b"  cache:\n    image: redis@sha256:abc\n    environment:\n      REDIS_ARGS: --x\n"
    )
    # the built image is the project's: its code reads what it reads
    assert outside_reads({"compose.yml": ("compose", compose)}) == {
        "POSTGRESQL_PASSWORD": "compose.yml:5",
        "REDIS_ARGS": "compose.yml:15",
    }


def test_a_frontends_public_variables_say_so(tmp_path: Path) -> None:
    (tmp_path / "web" / "src").mkdir(parents=True)
    (tmp_path / "web" / "src" / "main.ts").write_text(
        "const url = import.meta.env.VITE_API_URL;\nconst key = process.env.SECRET_KEY;\n"
    )
    (tmp_path / "web" / ".env.development").write_text("VITE_API_URL=http://localhost:8000\n")
    (tmp_path / "README.md").write_text("The environment variable `VITE_API_URL` is the API.\n")
    make_repo(tmp_path).commit("initial")
    report = api.configuration([tmp_path], Config.of(cache=False))
    assert [(s.kind, s.qualname, s.level, s.note) for s in report.symbols] == [
        # a mode's .env file declares it: a key, documented by the README as the variable is
        ("config-key", "VITE_API_URL", "documented", "documented at README.md:1"),
        (
            "env-var",
            "VITE_API_URL",
            "documented",
            "documented at README.md:1; public: built into the frontend bundle (VITE_),"
            " never a secret",
        ),
        ("env-var", "SECRET_KEY", "undocumented", None),
    ]  # in order of place: web/src/main.ts, line 1 then 2
