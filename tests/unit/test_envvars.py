"""Environment variable reads found statically (docaudit.analysers.configuration.envvars)."""

from __future__ import annotations

import ast
import json
from dataclasses import astuple

from docaudit.analysers.configuration.envvars import (
    MAX_WRAPPER_DEPTH,
    WELL_KNOWN,
    EnvRead,
    collect,
    env_reads,
    is_well_known,
)
from docaudit.analysers.configuration.envvars.facts import EnvFacts
from docaudit.analysers.python.names import ImportTable
from docaudit.model.codec import decode, encode
from docaudit.model.symbols import ModuleFacts
from tests.helpers import FIXTURES, project_facts

ENVVARS = FIXTURES / "envvars"


def facts_of(root: str) -> list[ModuleFacts]:
    """Run the envvars collector over every Python file of a fixture project."""
    return project_facts(ENVVARS / root, "envvars")


def reads_of(root: str) -> list[tuple]:
    return [astuple(read) for read in env_reads(facts_of(root))]


# Columns: name, path, line, source, default, required, description, case_insensitive, dynamic.
#
# Hand count, file by file:
# settings.py (10): SVC_DEBUG through envbool (constant DEBUG_ENV, envbool's default '0'),
#   SECRET_KEY (environ[], required), DATABASE_URL (.get with default), REDIS_URL (getenv from
#   `from os import getenv`), LOG_LEVEL (.setdefault), SVC_TIMEOUT (envint -> envstr adds
#   "SVC_", default from the call), HOME, SENTRY_DSN twice (`in`, then .pop without default
#   inside `if "SENTRY_DSN" in os.environ`: optional), BUCKET_* (f-string of a run-time
#   value). Not counted: the wrappers' own reads (their names come from call sites),
#   `os.environ[...] = ` and `del os.environ[...]`.
# app.py (3): FEATURE_SEARCH (envbool, default '1' from the call), SVC_WORKERS (envint, its
#   signature default 0), VAULT_DB_PASSWORD (a method through a module-level instance,
#   environ[] so required). Decoys: headers.get("X_TOKEN"), cache.get("KEY"),
#   request.environ.get("HTTP_HOST"), "DATABASE_URL" in log messages.
# config.py (13): BaseServiceSettings.debug -> DEBUG; ServiceSettings (prefix svc_, nested
#   "__") -> SVC_DEBUG (inherited), SVC_NAME, ORDERS_API_KEY + API_KEY (AliasChoices, no
#   prefix), WEB_CONCURRENCY (alias), SVC_DB__HOST/PORT/PASSWORD (nested model fields, at
#   their lines), SVC_TAGS (default_factory: not required); `_cache` and the ClassVar are
#   not fields. WorkerSettings (case_sensitive) -> WORKER_debug, WORKER_queue.
#   LegacySettings (v1 `class Config`) -> LEGACY_SMTP_HOST. All but WORKER_* case-insensitive.
# django_settings.py (6): DEBUG and ALLOWED_HOSTS take their defaults from the Env() scheme,
#   DJANGO_SECRET_KEY (required), DATABASE_URL (env.db() reads it by default), CACHE_URL,
#   EMAIL_PORT.
# billing.py (3): BILLING_API_URL (required), BILLING_RETRIES, BILLING_ADMINS.
# worker.py (4): QUEUE_URL, CONCURRENCY, WORKER_HEARTBEAT and WORKER_RETRY_LIMIT (nested
#   `with env.prefixed(...)` blocks).
# cli.py (5): SVC_PORT (help and default), SVC_HOST + HOST (a list), SVC_CONFIG (argument),
#   SVC_DRY_RUN (typer: first positional is the default).
# tasks.py (4): RETRY_DELAY (`ENV = os.environ` via `import os as ...`), TASK_QUEUE
#   (`from os import environ as ...`), SMTP_DEBUG (an Env instance imported from
#   django_settings.py), SMTP_HOST (getenv imported inside the function).
# Total 48.
SERVICE_READS = [
    (
        "ALLOWED_HOSTS",
        "svc/django_settings.py",
        12,
        "django-environ",
        "[]",
        False,
        None,
        False,
        False,
    ),
    ("API_KEY", "svc/config.py", 31, "pydantic", None, True, None, True, False),
    ("BILLING_ADMINS", "svc/billing.py", 7, "decouple", "''", False, None, False, False),
    ("BILLING_API_URL", "svc/billing.py", 5, "decouple", None, True, None, False, False),
    ("BILLING_RETRIES", "svc/billing.py", 6, "decouple", "3", False, None, False, False),
    ("BUCKET_*", "svc/settings.py", 45, "os.environ", None, False, None, False, True),
    (
        "CACHE_URL",
        "svc/django_settings.py",
        15,
        "django-environ",
        "'locmem://'",
        False,
        None,
        False,
        False,
    ),
    ("CONCURRENCY", "svc/worker.py", 9, "environs", "4", False, None, False, False),
    (
        "DATABASE_URL",
        "svc/django_settings.py",
        14,
        "django-environ",
        None,
        True,
        None,
        False,
        False,
    ),
    (
        "DATABASE_URL",
        "svc/settings.py",
        36,
        "os.environ",
        "'sqlite:///orders.sqlite3'",
        False,
        None,
        False,
        False,
    ),
    (
        "DEBUG",
        "svc/config.py",
        21,
        "pydantic",
        "False",
        False,
        "Turn on debug pages.",
        True,
        False,
    ),
    ("DEBUG", "svc/django_settings.py", 11, "django-environ", "False", False, None, False, False),
    (
        "DJANGO_SECRET_KEY",
        "svc/django_settings.py",
        13,
        "django-environ",
        None,
        True,
        None,
        False,
        False,
    ),
    (
        "EMAIL_PORT",
        "svc/django_settings.py",
        16,
        "django-environ",
        "25",
        False,
        None,
        False,
        False,
    ),
    (
        "FEATURE_SEARCH",
        "svc/app.py",
        9,
        "wrapper:svc.settings.envbool",
        "'1'",
        False,
        None,
        False,
        False,
    ),
    ("HOME", "svc/settings.py", 40, "os.getenv", None, False, None, False, False),
    ("HOST", "svc/cli.py", 11, "click", None, None, None, False, False),
    ("LEGACY_SMTP_HOST", "svc/config.py", 50, "pydantic", "'localhost'", False, None, True, False),
    ("LOG_LEVEL", "svc/settings.py", 38, "os.environ", "'INFO'", False, None, False, False),
    ("ORDERS_API_KEY", "svc/config.py", 31, "pydantic", None, True, None, True, False),
    ("QUEUE_URL", "svc/worker.py", 8, "environs", None, True, None, False, False),
    ("REDIS_URL", "svc/settings.py", 37, "os.getenv", None, False, None, False, False),
    ("RETRY_DELAY", "svc/tasks.py", 9, "os.environ", "'5'", False, None, False, False),
    ("SECRET_KEY", "svc/settings.py", 35, "os.environ", None, True, None, False, False),
    ("SENTRY_DSN", "svc/settings.py", 41, "os.environ", None, False, None, False, False),
    ("SENTRY_DSN", "svc/settings.py", 42, "os.environ", None, False, None, False, False),
    ("SMTP_DEBUG", "svc/tasks.py", 11, "django-environ", "False", False, None, False, False),
    ("SMTP_HOST", "svc/tasks.py", 18, "os.getenv", "'localhost'", False, None, False, False),
    ("SVC_CONFIG", "svc/cli.py", 12, "click", None, None, None, False, False),
    (
        "SVC_DB__HOST",
        "svc/config.py",
        12,
        "pydantic",
        "'localhost'",
        False,
        "Database host name.",
        True,
        False,
    ),
    ("SVC_DB__PASSWORD", "svc/config.py", 15, "pydantic", None, True, None, True, False),
    ("SVC_DB__PORT", "svc/config.py", 14, "pydantic", "5432", False, None, True, False),
    (
        "SVC_DEBUG",
        "svc/config.py",
        21,
        "pydantic",
        "False",
        False,
        "Turn on debug pages.",
        True,
        False,
    ),
    (
        "SVC_DEBUG",
        "svc/settings.py",
        34,
        "wrapper:svc.settings.envbool",
        "'0'",
        False,
        None,
        False,
        False,
    ),
    (
        "SVC_DRY_RUN",
        "svc/cli.py",
        19,
        "click",
        "False",
        False,
        "Only print the plan.",
        False,
        False,
    ),
    ("SVC_HOST", "svc/cli.py", 11, "click", None, None, None, False, False),
    (
        "SVC_NAME",
        "svc/config.py",
        30,
        "pydantic",
        "'orders'",
        False,
        "Service name shown in logs.",
        True,
        False,
    ),
    ("SVC_PORT", "svc/cli.py", 10, "click", "8000", False, "Port to listen on.", False, False),
    ("SVC_TAGS", "svc/config.py", 34, "pydantic", None, False, None, True, False),
    (
        "SVC_TIMEOUT",
        "svc/settings.py",
        39,
        "wrapper:svc.settings.envint",
        "30",
        False,
        None,
        False,
        False,
    ),
    (
        "SVC_WORKERS",
        "svc/app.py",
        10,
        "wrapper:svc.settings.envint",
        "0",
        False,
        None,
        False,
        False,
    ),
    ("TASK_QUEUE", "svc/tasks.py", 10, "os.environ", None, True, None, False, False),
    (
        "VAULT_DB_PASSWORD",
        "svc/app.py",
        11,
        "wrapper:svc.settings.Vault.secret",
        None,
        True,
        None,
        False,
        False,
    ),
    ("WEB_CONCURRENCY", "svc/config.py", 32, "pydantic", "4", False, None, True, False),
    ("WORKER_HEARTBEAT", "svc/worker.py", 12, "environs", "30", False, None, False, False),
    ("WORKER_RETRY_LIMIT", "svc/worker.py", 14, "environs", "'5'", False, None, False, False),
    (
        "WORKER_debug",
        "svc/config.py",
        21,
        "pydantic",
        "False",
        False,
        "Turn on debug pages.",
        False,
        False,
    ),
    ("WORKER_queue", "svc/config.py", 44, "pydantic", "'default'", False, None, False, False),
]


def test_service_reads_are_exactly_the_hand_count():
    assert len(SERVICE_READS) == 48
    assert reads_of("service") == SERVICE_READS


def test_decoys_are_not_reads():
    reads = env_reads(facts_of("service"))
    names = {read.name for read in reads}
    assert not names & {"X_TOKEN", "KEY", "HTTP_HOST", "PYTHONHASHSEED"}
    assert [(r.path, r.line) for r in reads if r.name == "DATABASE_URL"] == [
        ("svc/django_settings.py", 14),
        ("svc/settings.py", 36),
    ]


def test_a_file_without_reads_is_walked_only_where_a_literal_is_passed():
    # app.py mentions `request.environ` only, so only statements with a call whose first
    # argument is an env-shaped literal are walked: `log.warning("...", "DATABASE_URL")`
    # passes it second and is skipped; the three wrapper calls and three decoys are kept
    # (the decoys resolve to nothing later).
    by_path = {module.path: module.facts for module in facts_of("service")}
    assert "svc/__init__.py" not in by_path
    app = by_path["svc/app.py"]
    assert list(app.reads) == [] and list(app.templates) == []
    assert [[call.callee, call.line] for call in app.calls] == [
        ["svc.settings.envbool", 9],
        ["svc.settings.envint", 10],
        ["svc.settings.vault.secret", 11],
        ["headers.get", 16],
        ["cache.get", 17],
        ["request.environ.get", 18],
    ]


def test_facts_survive_a_json_round_trip():
    modules = facts_of("service")
    reloaded = [
        ModuleFacts(
            m.path, m.module, m.aliases, decode(EnvFacts, json.loads(json.dumps(encode(m.facts))))
        )
        for m in modules
    ]
    assert [astuple(read) for read in env_reads(reloaded)] == SERVICE_READS


def test_well_known_names_are_left_to_the_caller():
    reads = env_reads(facts_of("service"))
    assert [read.name for read in reads if is_well_known(read.name)] == ["HOME"]
    assert is_well_known("LC_ALL") and is_well_known("PYTHONPATH")
    assert is_well_known("GITHUB_SHA") and is_well_known("RUNNER_TEMP")
    assert not is_well_known("SECRET_KEY") and not is_well_known("home")
    assert is_well_known("SECRET_KEY", ["SECRET_*"]) and not is_well_known("HOME", [])


def test_the_well_known_list_names_providers_variables_exactly():
    # An application's own GITHUB_CLIENT_ID, PYTHON_ENV, XDG_APP_DIR or CONDA_TOKEN is
    # its configuration: only the providers' documented names are left out. The proxy
    # and certificate variables are set on purpose by an operator.
    for own in ("GITHUB_CLIENT_ID", "GITHUB_TOKEN", "PYTHON_ENV", "XDG_APP_DIR", "CONDA_TOKEN"):
        assert not is_well_known(own), own
    for name in ("HTTPS_PROXY", "no_proxy", "SSL_CERT_FILE"):
        assert not is_well_known(name), name
    assert [pattern for pattern in WELL_KNOWN if "*" in pattern] == [
        "LC_*",
        "CARGO_CFG_*",
        "CARGO_FEATURE_*",
    ]
    # a Cargo build script's HOST and DEBUG are no application's to lose
    assert not is_well_known("HOST") and not is_well_known("DEBUG")
    assert is_well_known("CARGO_PKG_VERSION") and is_well_known("CARGO_CFG_TARGET_OS")


# Hand count for the odd project:
# calls.py (7): os.getenv() and os.getenv(42) name nothing; os.getenv(*args) and
#   os.environ.get(**keywords) are dynamic "*" once for the file (line 8);
#   KEYWORD_NAME (key= keyword); plugin_setting is never called with a literal, so its own
#   read stays as a dynamic PLUGIN_* (environ[]: required); service_url("BILLING") ->
#   BILLING_URL (suffix "_URL", default from the wrapper); ping("PONG") -> PING_PONG through
#   ping -> pong -> ping recursion; grow("SEED") recurses with a longer prefix each time and
#   stops after MAX_WRAPPER_DEPTH levels: SEED, X_SEED, X_X_SEED.
# dynamic.py (4): BILLING_HOST (f-string of a module constant); BUCKET_* once for lines 9 and
#   10; REGION_* ("%s" formatting); "*" once for lines 14 and 15.
# settings_cycle.py (8): TREE_NODE__LABEL / __CHILD__LABEL / __CHILD__CHILD__LABEL and
#   __CHILD__CHILD__CHILD (a model nesting itself, cut at depth 3); LEFT and RIGHT (a cycle of
#   bases); SETTINGS_PREFIX (read for env_prefix) and "*" for FromEnvironment.value (its
#   prefix is not a literal).
ODD_READS = [
    ("*", "odd/calls.py", 8, "os.getenv", None, False, None, False, True),
    ("*", "odd/dynamic.py", 14, "os.environ", None, True, None, False, True),
    ("*", "odd/settings_cycle.py", 41, "pydantic", "1", False, None, True, True),
    ("BILLING_HOST", "odd/dynamic.py", 6, "os.getenv", None, False, None, False, False),
    (
        "BILLING_URL",
        "odd/calls.py",
        46,
        "wrapper:odd.calls.service_url",
        "'http://localhost'",
        False,
        None,
        False,
        False,
    ),
    ("BUCKET_*", "odd/dynamic.py", 9, "os.environ", None, False, None, False, True),
    ("KEYWORD_NAME", "odd/calls.py", 11, "os.environ", None, False, None, False, False),
    ("LEFT", "odd/settings_cycle.py", 27, "pydantic", "'l'", False, None, True, False),
    ("PING_PONG", "odd/calls.py", 44, "wrapper:odd.calls.ping", None, False, None, False, False),
    ("PLUGIN_*", "odd/calls.py", 16, "os.environ", None, True, None, False, True),
    ("REGION_*", "odd/dynamic.py", 11, "os.getenv", None, False, None, False, True),
    ("RIGHT", "odd/settings_cycle.py", 33, "pydantic", "'r'", False, None, True, False),
    ("SEED", "odd/calls.py", 45, "wrapper:odd.calls.grow", None, False, None, False, False),
    ("SETTINGS_PREFIX", "odd/settings_cycle.py", 39, "os.environ", None, True, None, False, False),
    (
        "TREE_NODE__CHILD__CHILD__CHILD",
        "odd/settings_cycle.py",
        13,
        "pydantic",
        "None",
        False,
        None,
        True,
        False,
    ),
    (
        "TREE_NODE__CHILD__CHILD__LABEL",
        "odd/settings_cycle.py",
        12,
        "pydantic",
        "'root'",
        False,
        None,
        True,
        False,
    ),
    (
        "TREE_NODE__CHILD__LABEL",
        "odd/settings_cycle.py",
        12,
        "pydantic",
        "'root'",
        False,
        None,
        True,
        False,
    ),
    (
        "TREE_NODE__LABEL",
        "odd/settings_cycle.py",
        12,
        "pydantic",
        "'root'",
        False,
        None,
        True,
        False,
    ),
    ("X_SEED", "odd/calls.py", 45, "wrapper:odd.calls.grow", None, False, None, False, False),
    ("X_X_SEED", "odd/calls.py", 45, "wrapper:odd.calls.grow", None, False, None, False, False),
]


def test_odd_input_gives_exactly_the_hand_count():
    assert reads_of("odd") == ODD_READS


def test_recursive_wrappers_stop_at_the_depth_limit():
    assert MAX_WRAPPER_DEPTH == 3
    grown = [read[0] for read in reads_of("odd") if read[3] == "wrapper:odd.calls.grow"]
    assert grown == ["SEED", "X_SEED", "X_X_SEED"]


def test_nothing_to_link_gives_nothing():
    assert env_reads([]) == []
    assert env_reads([ModuleFacts("a.py", "a", {}, None), ModuleFacts("b.py", "b", {}, [])]) == []


def test_a_file_too_deep_to_walk_is_skipped_not_raised():
    text = "import os\nTOTAL = " + " + ".join(["os.getenv('A')"] * 1500) + "\n"
    tree = ast.parse(text)
    assert collect(tree, ImportTable("deep", ""), text) is None
    shallow = "import os\nTOTAL = " + " + ".join(["os.getenv('A')"] * 3) + "\n"
    facts = collect(ast.parse(shallow), ImportTable("deep", ""), shallow)
    assert [[read.name, read.line, read.source] for read in facts.reads] == [
        ["A", 2, "os.getenv"]
    ] * 3


def test_env_read_is_a_frozen_record():
    read = EnvRead("X", "a.py", 1, "os.getenv", None, False, None, False, False)
    assert astuple(read) == ("X", "a.py", 1, "os.getenv", None, False, None, False, False)
    assert hash(read) == hash(
        EnvRead("X", "a.py", 1, "os.getenv", None, False, None, False, False)
    )


def test_comments_are_those_the_tokenizer_finds() -> None:
    from docaudit.analysers.configuration.envvars.collector import (
        _comments,
        _tokenized_comments,
    )

    sources = [
        "x = 1  # one\n# two\n\t# three\n",
        "s = '# not'  # yes\nt = \"#\" '#' # after strings\n",
        "d = '''\n# inside\n'''  # outside\n",
        'd = """a \\""" # still inside\n"""  # out\n',
        "s = 'a\\\n# continued string' # end\n",
        "s = b'\\'#' + rb\"\\\"#\"; t = f'{1}#'  # real\n",
        "x = (1,  # in brackets\n     2)\n",
        "x = 1  # crlf\r\n# next\r\n",
        "x = 1  # lone\r# carriage return\n",
        "\f# form feed\nx = 1 \\\n    # after a continuation\n",
    ]
    for source in sources:
        ast.parse(source)
        assert _comments(source) == _tokenized_comments(source), source
