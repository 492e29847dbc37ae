"""Config-file keys and env declarations (docaudit.analysers.configuration.files).

Every expected list below was counted by hand from the fixture files under
fixtures/configfiles/service/; the comments give the count.
"""

from __future__ import annotations

import json
import time

import pytest

from docaudit.analysers.configuration.files import (
    ConfigFile,
    EnvInterpolation,
    analyse_config,
    config_kind,
    is_k8s_manifest,
    mentioned_envs,
    schema_descriptions,
)
from docaudit.analysers.configuration.files import _yaml as configfiles_yaml
from tests.helpers import FIXTURES

SERVICE = FIXTURES / "configfiles" / "service"

# Every file of the fixture service and the kind config_kind gives it (17 files, 9 audited).
EXPECTED_KINDS = {
    ".env.example": "env-file",
    "docker-compose.yml": "compose",
    "deploy/chart/values.yaml": "helm-values",
    "deploy/k8s/configmap.yaml": "yaml",
    "config/app.toml": "toml",
    "config/logging.ini": "ini",
    "config/defaults.json": "json",
    "app/settings.py": "python-settings",
    "Dockerfile": "dockerfile",
    # not runtime config: chart metadata, Helm templates, plain code, CI, locks, tooling, docs
    "deploy/chart/Chart.yaml": None,
    "deploy/chart/templates/deployment.yaml": None,
    "app/views.py": None,
    ".github/workflows/ci.yml": None,
    "poetry.lock": None,
    "tests/fixtures/x.yaml": None,
    ".pre-commit-config.yaml": None,
    "mkdocs.yml": None,
}


def analyse(relative: str) -> ConfigFile:
    kind = config_kind(relative)
    assert kind is not None
    return analyse_config(relative, (SERVICE / relative).read_bytes(), kind)


def keys(result: ConfigFile) -> list[tuple[int, str, str | None, str | None]]:
    return [(key.line, key.dotted, key.comment, key.value) for key in result.keys]


def envs(result: ConfigFile) -> list[tuple[int, str, str | None, str | None, str]]:
    return [(env.line, env.name, env.comment, env.value, env.source) for env in result.env]


def test_config_kind_of_every_fixture_file() -> None:
    found = {
        path.relative_to(SERVICE).as_posix(): config_kind(path.relative_to(SERVICE).as_posix())
        for path in SERVICE.rglob("*")
        if path.is_file()
    }
    assert found == EXPECTED_KINDS


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        (".env", "env-file"),  # a tracked .env declares like an example (values hidden)
        ("services/api/.env.example", "env-file"),
        ("prod.env.example", "env-file"),
        ("config/prod.env", "env-file"),
        ("src/orders/config/limits.json", "json"),
        ("etc/orders.ini", "ini"),
        ("settings.toml", "toml"),
        ("sub/settings.toml", None),  # settings.* only at the root
        ("config.py", "python-settings"),
        ("sub/config.py", None),
        ("mysite/settings/base.py", "python-settings"),
        ("gunicorn.conf.py", "python-settings"),
        ("app.production.yaml", "yaml"),
        ("compose.override.yaml", "compose"),
        ("charts/orders/values-prod.yaml", "helm-values"),
        ("charts/orders/templates/configmap.yaml", None),
        ("k8s/base/kustomization.yaml", None),
        ("docker/api.Dockerfile", "dockerfile"),
        ("Dockerfile.dev", "dockerfile"),
        ("docs/conf.py", None),
        ("config/openapi.yaml", None),  # specs go to the spec audit
        ("config/app.schema.json", None),
        ("node_modules/lib/config/a.json", None),
        ("pyproject.toml", None),
        ("tox.ini", None),
        ("config/locale/en.json", None),
        ("./config/app.toml", "toml"),
        ("config\\app.toml", "toml"),
        # Spring Boot's, at any depth; a test's are no runtime config
        ("src/main/resources/application.properties", "properties"),
        ("src/main/resources/application-mysql.yml", "yaml"),
        ("bootstrap.yaml", "yaml"),
        ("src/test/resources/application.properties", None),
        ("src/main/resources/messages.properties", None),
        # a frontend's modes
        ("frontend/.env.production", "env-file"),
        ("web/.env.development", "env-file"),
    ],
)
def test_config_kind_by_path(path: str, kind: str | None) -> None:
    assert config_kind(path) == kind


def test_config_kind_with_custom_globs() -> None:
    assert config_kind("ops/app.conf.yaml") is None
    assert config_kind("ops/app.conf.yaml", include=["ops/**"]) == "yaml"
    assert config_kind("config/app.toml", exclude=["config/"]) is None
    assert config_kind("config/app.toml", exclude=["config/*", "!config/app.toml"]) == "toml"
    assert config_kind("ops/notes.txt", include=["ops/**"]) is None  # no parser for .txt


def test_env_example() -> None:
    result = analyse(".env.example")
    # 6 assignments; 3 documented: line 5 (block above), 7 (inline), 13 (block above);
    # the commented-out SENTRY_DSN assignment above line 10 describes nothing.
    expected = [
        (
            5,
            "DATABASE_URL",
            "Postgres connection string used by the ORM",
            "postgres://orders:orders@localhost:5432/orders",
        ),
        (6, "REDIS_URL", None, "redis://localhost:6379/0"),
        (7, "SECRET_KEY", "at least 32 random characters", "change-me"),
        (10, "LOG_LEVEL", None, "info"),
        (11, "WORKERS", None, "4"),
        (13, "ALLOWED_HOSTS", "Comma-separated list of hosts", "api.example.com,localhost"),
    ]
    assert keys(result) == expected
    # the same 6 are env declarations; "# SENTRY_DSN=..." is not one
    assert envs(result) == [(*item, "env-file") for item in expected]
    assert result.errors == []


def test_compose_environment() -> None:
    result = analyse("docker-compose.yml")
    # environment entries only: web 3 (mapping), worker 3 (list), db 1; image/ports/... ignored
    expected = [
        (
            8,
            "DATABASE_URL",
            "Postgres connection string",
            "postgres://orders:orders@db:5432/orders",
        ),
        (9, "REDIS_URL", None, "redis://cache:6379/0"),
        (10, "LOG_LEVEL", "passed through from the host", "${LOG_LEVEL:-info}"),
        (17, "DATABASE_URL", None, "postgres://orders:orders@db:5432/orders"),
        (19, "WORKERS", "number of worker processes", "${WORKERS}"),
        (20, "SENTRY_DSN", None, None),
        (24, "POSTGRES_PASSWORD", None, "orders"),
    ]
    services = ["web"] * 3 + ["worker"] * 3 + ["db"]
    assert keys(result) == [
        (line, f"services.{service}.environment.{name}", comment, value)
        for service, (line, name, comment, value) in zip(services, expected, strict=True)
    ]
    assert envs(result) == [(*item, "compose") for item in expected]
    assert result.errors == []


def test_compose_interpolations() -> None:
    data = (SERVICE / "docker-compose.yml").read_bytes()
    assert mentioned_envs(data) == [
        EnvInterpolation("LOG_LEVEL", 10, "info"),
        EnvInterpolation("WORKERS", 19, None),
    ]
    text = b"# ${IN_COMMENT}\nx: $$ESCAPED ${A:?required} $B ${C-fallback}  # ${TRAILING}\n"
    assert mentioned_envs(text) == [
        EnvInterpolation("A", 2, None),
        EnvInterpolation("B", 2, None),
        EnvInterpolation("C", 2, "fallback"),
    ]


def test_compose_anchors_and_merge_keys() -> None:
    data = (
        b"x-env: &env\n"  # 1
        b"  # shared log level\n"  # 2
        b"  LOG_LEVEL: info\n"  # 3
        b"services:\n"  # 4
        b"  api:\n"  # 5
        b"    environment:\n"  # 6
        b"      <<: *env\n"  # 7
        b"      PORT: 8000\n"  # 8
        b"  worker:\n"  # 9
        b"    environment: *env\n"  # 10: the same mapping again, no new declarations
    )
    result = analyse_config("docker-compose.yml", data, "compose")
    assert keys(result) == [
        (3, "services.api.environment.LOG_LEVEL", "shared log level", "info"),
        (8, "services.api.environment.PORT", None, "8000"),
    ]
    assert [(env.line, env.name) for env in result.env] == [(3, "LOG_LEVEL"), (8, "PORT")]


def test_helm_values() -> None:
    result = analyse("deploy/chart/values.yaml")
    # 12 leaves, 4 documented (helm-docs "# --" above or inline); the "# Service settings"
    # and "# -- Extra environment..." comments sit on sections and document nothing;
    # list items merge into env[].* and ingress.hosts[].* (first item wins).
    assert keys(result) == [
        (5, "replicaCount", "Number of pods", "2"),
        (9, "image.repository", "Container image repository", "ghcr.io/example/orders"),
        (10, "image.tag", "Overrides the chart appVersion", ""),
        (11, "image.pullPolicy", None, "IfNotPresent"),
        (15, "service.type", None, "ClusterIP"),
        (16, "service.port", None, "8000"),
        (20, "env[].name", None, "LOG_LEVEL"),
        (21, "env[].value", None, "info"),
        (27, "podAnnotations", "Annotations added to every pod", None),
        (30, "ingress.enabled", None, "false"),
        (32, "ingress.hosts[].host", None, "orders.example.com"),
        (33, "ingress.hosts[].paths", None, None),
    ]
    # the env list's two "- name:" items
    assert envs(result) == [
        (20, "LOG_LEVEL", None, "info", "helm"),
        (23, "WORKERS", "Celery concurrency", "4", "helm"),
    ]
    assert result.errors == []


def test_k8s_manifests() -> None:
    result = analyse("deploy/k8s/configmap.yaml")
    # document 1, ConfigMap: 4 data keys, 2 documented; line 12 is inside the block
    # scalar, so it does not document FEATURE_FLAGS
    assert keys(result) == [
        (
            8,
            "ConfigMap/orders-config.data.LOG_LEVEL",
            "Log verbosity: debug, info, warning",
            "info",
        ),
        (9, "ConfigMap/orders-config.data.WORKERS", "Celery concurrency", "4"),
        (
            10,
            "ConfigMap/orders-config.data.app.properties",
            None,
            "feature.x=true\n# trailing line of the block, not a comment\n",
        ),
        (13, "ConfigMap/orders-config.data.FEATURE_FLAGS", None, "search,export"),
    ]
    # document 2, Deployment: 3 env entries in containers, 1 in initContainers
    assert envs(result) == [
        (28, "DATABASE_URL", "Postgres connection string", None, "k8s"),
        (31, "LOG_LEVEL", None, None, "k8s"),
        (34, "PORT", None, "8000", "k8s"),
        (40, "MIGRATE_ONLY", "run migrations and exit", "true", "k8s"),
    ]
    assert result.errors == []


def test_is_k8s_manifest() -> None:
    assert is_k8s_manifest((SERVICE / "deploy/k8s/configmap.yaml").read_bytes())
    assert not is_k8s_manifest((SERVICE / "deploy/chart/values.yaml").read_bytes())
    assert not is_k8s_manifest(b"apiVersion: v1\nkind: Service\n")


def test_toml() -> None:
    result = analyse("config/app.toml")
    # 15 leaves, 4 documented; the multi-line string (lines 16-19) holds no keys or tables,
    # the multi-line array's comment (line 21) documents nothing, [[database.shards]] gives
    # "[]" and its second table adds only read_only; the inline table gives 2 leaves.
    assert keys(result) == [
        (3, "title", None, "orders"),
        (7, "server.host", "Interface to bind", "0.0.0.0"),
        (8, "server.port", "TCP port", "8000"),
        (9, "server.workers", None, "4"),
        (12, "database.url", None, "postgres://orders@localhost/orders"),
        (13, "database.pool.size", None, "10"),
        (14, "database.pool.timeout", None, "30.5"),
        (
            16,
            "database.init_sql",
            "Statements run on connect",
            "search_path = orders\n[not_a_table]\n",
        ),
        (20, "database.replicas", None, None),
        (26, "database.shards[].name", None, "eu"),
        (27, "database.shards[].weight", None, "1"),
        (32, "database.shards[].read_only", "only on the US shard", "true"),
        (35, "features.flags.export", None, "false"),
        (35, "features.flags.search", None, "true"),
        (36, "features.dotted.key", None, "quoted"),
    ]
    assert result.env == []
    assert result.errors == []


def test_ini() -> None:
    result = analyse("config/logging.ini")
    # 14 options, 3 documented (';' above, ';' inline, '#' above); line 30 continues
    # the format value and is not a key
    assert keys(result) == [
        (3, "loggers.keys", None, "root,orders"),
        (6, "handlers.keys", None, "console"),
        (9, "formatters.keys", None, "plain"),
        (13, "logger_root.level", "Level for third-party libraries", "WARNING"),
        (14, "logger_root.handlers", None, "console"),
        (17, "logger_orders.level", "our own code", "INFO"),
        (18, "logger_orders.handlers", None, "console"),
        (19, "logger_orders.qualname", None, "orders"),
        (20, "logger_orders.propagate", None, "0"),
        (23, "handler_console.class", None, "StreamHandler"),
        (24, "handler_console.args", None, "(sys.stderr,)"),
        (25, "handler_console.formatter", None, "plain"),
        (
            29,
            "formatter_plain.format",
            "Python %-style format string",
            "%(asctime)s %(levelname)s %(name)s:",
        ),
        (31, "formatter_plain.datefmt", None, "%H:%M:%S"),
    ]
    assert result.errors == []


def test_json() -> None:
    result = analyse("config/defaults.json")
    # 8 leaves (queues[] items merge), no comments in JSON
    assert keys(result) == [
        (3, "server.host", None, "0.0.0.0"),
        (4, "server.port", None, "8000"),
        (6, "features", None, None),
        (7, "retry.attempts", None, "3"),
        (7, "retry.backoff", None, "null"),
        (9, "queues[].name", None, "default"),
        (9, "queues[].priority", None, "1"),
        (12, "debug", None, "false"),
    ]
    assert result.errors == []


def test_python_settings() -> None:
    result = analyse("app/settings.py")
    # 9 module-level UPPERCASE names (also inside try/except), 3 documented: comment above,
    # inline comment, string literal after the assignment; _PRIVATE, default_timeout and
    # INSIDE (in a function) are not settings
    assert keys(result) == [
        (6, "SECRET_KEY", "Security: never commit the real key.", None),
        (8, "DEBUG", "turned on by settings_local.py", "False"),
        (10, "ALLOWED_HOSTS", None, None),
        (12, "TIME_ZONE", "Time zone for stored datetimes.", "UTC"),
        (15, "DATABASES", None, None),
        (22, "MAX_UPLOAD_MB", None, "-1"),
        (23, "LANGUAGE_CODE", None, None),
        (23, "USE_I18N", None, None),
        (31, "CACHE_TTL", None, "300"),
    ]
    assert result.env == []
    assert result.errors == []


def test_dockerfile() -> None:
    result = analyse("Dockerfile")
    # 2 ARG + 3 ENV on continued lines (one comment inside the continuation) + 1 legacy
    # "ENV NAME value"; the ENV inside the RUN heredoc is not an instruction
    assert result.keys == []
    assert envs(result) == [
        (5, "PYTHON_VERSION", "Python version baked into the image", "3.12", "dockerfile"),
        (6, "BUILD_SHA", None, None, "dockerfile"),
        (8, "PYTHONUNBUFFERED", None, "1", "dockerfile"),
        (10, "APP_HOME", "where the app lives", "/srv/orders", "dockerfile"),
        (11, "PORT", None, "8000", "dockerfile"),
        (
            14,
            "GREETING",
            "legacy form: one variable, the rest is its value",
            "hello world",
            "dockerfile",
        ),
    ]
    assert result.errors == []


def test_yaml_anchors_merge_keys_and_sections() -> None:
    data = (
        b"# Defaults for every environment\n"  # 1: a section comment
        b"defaults: &defaults\n"  # 2
        b"  timeout: 30  # seconds\n"  # 3
        b"  retries: [1, 2]\n"  # 4
        b"production:\n"  # 5
        b"  <<: *defaults\n"  # 6: merged keys are not new keys
        b"  # -- only in production\n"  # 7
        b"  replicas: 3\n"  # 8
        b"staging: *defaults\n"  # 9: an alias, no new keys
        b"servers:\n"  # 10
        b"  - &first {host: a, port: 1}\n"  # 11
        b"  - *first\n"  # 12
        b"empty: {}\n"  # 13: an empty mapping is a leaf
        b"script: |\n"  # 14
        b"  # shell comment inside the block\n"  # 15
        b"next: 1\n"  # 16: the line above is inside the block scalar
    )
    result = analyse_config("config/app.yaml", data, "yaml")
    assert keys(result) == [
        (3, "defaults.timeout", "seconds", "30"),
        (4, "defaults.retries", None, None),
        (8, "production.replicas", "only in production", "3"),
        (11, "servers[].host", None, "a"),
        (11, "servers[].port", None, "1"),
        (13, "empty", None, None),
        (14, "script", None, "# shell comment inside the block\n"),
        (16, "next", None, "1"),
    ]
    assert result.errors == []


def test_crlf_line_endings() -> None:
    env = analyse_config(".env.example", b"# the port\r\nPORT=80\r\n\r\nHOST=x\r\n", "env-file")
    assert keys(env) == [(2, "PORT", "the port", "80"), (4, "HOST", None, "x")]
    yaml_result = analyse_config("config/a.yaml", b"# the port\r\nport: 80\r\nhost: x\r\n", "yaml")
    assert keys(yaml_result) == [(2, "port", "the port", "80"), (3, "host", None, "x")]


def test_schema_descriptions() -> None:
    schema = {
        "type": "object",
        "properties": {
            "server": {
                "type": "object",
                "properties": {
                    "port": {"type": "integer", "description": "TCP port"},
                    "host": {"type": "string"},
                },
            },
            "queues": {
                "type": "array",
                "items": {"properties": {"name": {"description": "Queue name"}}},
            },
        },
    }
    assert schema_descriptions(json.dumps(schema).encode()) == {
        "queues[].name": "Queue name",
        "server.port": "TCP port",
    }
    assert schema_descriptions(b"not json") == {}
    assert schema_descriptions(b"\x00\x01") == {}


# --- bad input ----------------------------------------------------------------------------


def test_malformed_yaml_reports_the_parser_line() -> None:
    result = analyse_config("config/a.yaml", b"server:\n  port: 80\n   host: x\n", "yaml")
    assert result.keys == []
    # libyaml says "... in this context", PyYAML's pure-Python parser "... here"
    assert len(result.errors) == 1
    assert result.errors[0].startswith("line 3: invalid YAML: mapping values are not allowed")


def test_malformed_yaml_keeps_the_documents_before_the_error() -> None:
    data = b"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {A: '1'}\n---\nb: [1, 2\n"
    result = analyse_config("k8s/a.yaml", data, "yaml")
    assert keys(result) == [(4, "ConfigMap/a.data.A", None, "1")]
    assert len(result.errors) == 1  # the unclosed "[" runs to the end of line 6
    assert result.errors[0].startswith("line 7: invalid YAML: ")


def test_yaml_control_character() -> None:
    result = analyse_config("config/a.yaml", b"a: 1\nb: 2\x07\n", "yaml")
    assert result.keys == []
    assert len(result.errors) == 1
    assert result.errors[0].startswith("line 2: invalid YAML: ")
    assert result.errors[0].endswith("(character 7)")


def test_malformed_toml() -> None:
    result = analyse_config("config/a.toml", b"[server]\nport = 80\nhost = \n", "toml")
    assert result.keys == []
    assert result.errors == ["line 3: invalid TOML: Invalid value"]


def test_malformed_json() -> None:
    result = analyse_config("config/a.json", b'{"a": 1,\n "b": }\n', "json")
    assert result.keys == []
    assert result.errors == ["line 2: invalid JSON: Expecting value"]


def test_malformed_ini_key_before_any_section() -> None:
    result = analyse_config("config/a.ini", b"x = 1\n[s]\na = 1\n", "ini")
    assert result.keys == []
    assert result.errors == ["line 1: invalid INI: a key before any [section]"]


def test_malformed_ini_line_keeps_the_rest() -> None:
    result = analyse_config("config/a.ini", b"[s]\na = 1\nnot an option\nb = 2\n", "ini")
    assert keys(result) == [(2, "s.a", None, "1"), (4, "s.b", None, "2")]
    assert result.errors == ["line 3: invalid INI: cannot parse 'not an option'"]


def test_invalid_python_settings() -> None:
    result = analyse_config("settings.py", b"DEBUG = True\ndef (:\n", "python-settings")
    assert result.keys == []
    assert result.errors == ["line 2: invalid Python: invalid syntax"]


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"port: caf\xe9\n"],
    ids=["nul-bytes", "latin-1"],
)
@pytest.mark.parametrize("kind", ["yaml", "toml", "env-file", "json", "python-settings"])
def test_binary_file_with_a_config_name(data: bytes, kind: str) -> None:
    result = analyse_config("config/app.yaml", data, kind)
    assert result == ConfigFile([], [], ["binary or not UTF-8"])


def test_unknown_kind() -> None:
    assert analyse_config("a.x", b"a", "xml").errors == ["unknown config kind 'xml'"]


def _billion_laughs() -> bytes:
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    previous = "a"
    for name in "bcdefghij":
        text += f"{name}: &{name} [" + ", ".join(f"*{previous}" for _ in range(9)) + "]\n"
        previous = name
    text += "k: &k {<<: [*a], x: 1}\nl:\n  <<: [*k, *k, *k, *k]\n  y: 2\n"
    return text.encode()


def test_yaml_bomb_stays_cheap() -> None:
    started = time.perf_counter()
    result = analyse_config("config/bomb.yaml", _billion_laughs(), "yaml")
    assert time.perf_counter() - started < 1.0  # expanded, it would be 9**10 strings
    # a..j are lists of scalars or aliases (leaves); k.x and l.y are the only mapping keys
    assert [key.dotted for key in result.keys] == [*"abcdefghij", "k.x", "l.y"]
    assert result.errors == []


def test_yaml_node_budget_stops_with_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(configfiles_yaml, "_NODE_BUDGET", 10)
    data = b"a: 1\n---\n" + b"".join(b"k%d: %d\n" % (n, n) for n in range(20))
    result = analyse_config("config/big.yaml", data, "yaml")
    # document 1 (3 nodes) fits, document 2 (41 nodes) does not
    assert keys(result) == [(1, "a", None, "1")]
    assert result.errors == ["YAML too large: stopped after 10 nodes"]


@pytest.mark.parametrize(("kind", "opening"), [("yaml", b"["), ("json", b"[")])
def test_deeply_nested_input(kind: str, opening: bytes) -> None:
    result = analyse_config("config/deep", opening * 50_000 + b"]" * 50_000, kind)
    assert result.keys == []
    assert len(result.errors) == 1
    assert "nested too deeply" in result.errors[0] or "nesting depth" in result.errors[0]


def test_huge_json_is_linear() -> None:
    document = {f"section{i}": {f"key{j}": j for j in range(20)} for i in range(2500)}
    data = json.dumps(document, indent=2).encode()
    assert len(data) > 800_000
    started = time.perf_counter()
    result = analyse_config("config/huge.json", data, "json")
    assert time.perf_counter() - started < 5.0  # about 0.3 s; a quadratic scan takes minutes
    assert len(result.keys) == 50_000
    # "{", then per section: its line, 20 keys, "},"; section 7's key3 is on line 2+7*22+1+3
    assert result.keys[7 * 20 + 3].dotted == "section7.key3"
    assert result.keys[7 * 20 + 3].line == 160


def test_env_file_with_odd_lines() -> None:
    data = (
        b"GOOD=1\n"  # 1
        b"FOO\n"  # 2: no '='
        b"1BAD=x\n"  # 3: a name cannot start with a digit
        b"FOO BAR=baz\n"  # 4: a space in the name
        b"=value\n"  # 5: no name
        b"  INDENTED=ok\n"  # 6: accepted
        b"KEY = spaced\n"  # 7: accepted
        b"EMPTY=\n"  # 8: empty value
        b'QUOTED="a # not a comment" # a comment\n'  # 9
        b'MULTI="first\n'  # 10: a quoted value over two lines
        b'second"\n'  # 11
        b"COLOUR=#fff\n"  # 12: '#' without a space before it is part of the value
        b"OPEN='never closed\n"  # 13
        b"LAST=1\n"  # 14
    )
    result = analyse_config(".env.example", data, "env-file")
    assert keys(result) == [
        (1, "GOOD", None, "1"),
        (6, "INDENTED", None, "ok"),
        (7, "KEY", None, "spaced"),
        (8, "EMPTY", None, ""),
        (9, "QUOTED", "a comment", "a # not a comment"),
        (10, "MULTI", None, "first\nsecond"),
        (12, "COLOUR", None, "#fff"),
        (13, "OPEN", None, "'never closed"),
        (14, "LAST", None, "1"),
    ]
    assert result.errors == [
        "line 2: not a KEY=value line: 'FOO'",
        "line 3: not a KEY=value line: '1BAD=x'",
        "line 4: not a KEY=value line: 'FOO BAR=baz'",
        "line 5: not a KEY=value line: '=value'",
        "line 13: unterminated quoted value",
    ]


@pytest.mark.parametrize(
    ("kind", "data", "kept", "errors"),
    [
        (
            "yaml",
            b"a: 1\na: 2\nb:\n  c: 1\n  c: 2\n",
            [(1, "a", None, "1"), (4, "b.c", None, "1")],
            [
                "line 2: duplicate key 'a' (first on line 1)",
                "line 5: duplicate key 'b.c' (first on line 4)",
            ],
        ),
        (
            "json",
            b'{"a": 1,\n "a": 2}\n',
            [(1, "a", None, "2")],  # json.loads keeps the last value
            ["line 2: duplicate key 'a' (first on line 1)"],
        ),
        (
            "env-file",
            b"A=1\n# again\nA=2\n",
            [(1, "A", None, None)],  # not an example file: its values are not kept
            ["line 3: duplicate key A (first on line 1)"],
        ),
        (
            "ini",
            b"[s]\na = 1\n[s]\na = 2\n",
            [(2, "s.a", None, "1")],
            ["line 4: duplicate key 's.a' (first on line 2)"],
        ),
        ("toml", b"a = 1\na = 2\n", [], ["line 2: invalid TOML: Cannot overwrite a value"]),
    ],
)
def test_duplicate_keys(
    kind: str, data: bytes, kept: list[tuple[int, str, None, str]], errors: list[str]
) -> None:
    result = analyse_config("config/dup", data, kind)
    assert keys(result) == kept
    assert result.errors == errors
