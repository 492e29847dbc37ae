"""Bad API specs and config files: each is an error entry naming the file, the rest is audited."""

from __future__ import annotations

from pathlib import Path

from docaudit import api
from docaudit.config.settings import Config
from tests.helpers import make_repo


def _bomb_line(i: int) -> str:
    """Return level ``i`` of a billion-laughs bomb: four aliases of the level below."""
    below = f"*{chr(97 + i)}"
    return f"{chr(98 + i)}: &{chr(98 + i)} [{below}, {below}, {below}, {below}]\n"


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(_bomb_line(i) for i in range(20))
GOOD_TOML = "[server]\n# Port to listen on.\nport = 8000\n"


def errors_of(report) -> dict[str, str]:
    return {e.path: e.message for e in report.errors}


def keys_of(report) -> list[tuple[str, str]]:
    return [(s.path, s.qualname) for s in report.symbols if s.kind == "config-key"]


def test_broken_config_files_are_reported_and_the_rest_audited(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "repo",
        {
            "config/good.toml": GOOD_TOML,
            "config/broken.toml": "[server\nport = 1\n",
            "config/broken.yaml": "server:\n  port: [1, 2\n",
            "config/broken.json": '{"a": 1,,}\n',
            "config/broken.ini": "[db]\nhost = x\nthis line has no equals\n",
            "config/binary.yaml": b"\x00\x01\x02\xffconfig",
            "config/bomb.yaml": BOMB,
        },
    )
    report = api.configuration([repo.path], Config.of(cache=False))
    # The bomb's aliases are never expanded: its 21 top-level keys, read in milliseconds.
    bomb = [name for path, name in keys_of(report) if path == "config/bomb.yaml"]
    assert bomb == [chr(97 + i) for i in range(21)]
    assert keys_of(report)[-1] == ("config/good.toml", "server.port")
    errors = errors_of(report)
    assert sorted(errors) == [
        "config/binary.yaml",
        "config/broken.ini",
        "config/broken.json",
        "config/broken.toml",
        "config/broken.yaml",
    ]
    assert errors["config/binary.yaml"] == "binary or not UTF-8"
    assert errors["config/broken.toml"].startswith("line 1: invalid TOML")
    assert errors["config/broken.yaml"].startswith("line 3: ")
    assert all("\n" not in message for message in errors.values())


def test_files_over_the_size_limit_are_skipped_unread(tmp_path: Path) -> None:
    huge = b'{"payload": "' + b"x" * 50_000_000 + b'"}\n'
    repo = make_repo(tmp_path / "repo", {"config/good.toml": GOOD_TOML, "config/huge.json": huge})
    report = api.configuration([repo.path], Config.of(cache=False))
    assert errors_of(report) == {
        "config/huge.json": "skipped: 50,000,016 bytes is over the 1,000,000-byte limit"
        " (max-config-bytes)"
    }
    assert keys_of(report) == [("config/good.toml", "server.port")]
    small = api.configuration([repo.path], Config.of(cache=False, max_config_bytes=10))
    assert sorted(errors_of(small)) == ["config/good.toml", "config/huge.json"]


def test_a_broken_spec_is_analysed_as_far_as_it_can_be(tmp_path: Path) -> None:
    spec = (
        "openapi: 3.0.3\n"
        "info:\n  title: T\n  version: '1'\n"
        "paths:\n"
        "  /a:\n    get:\n      summary: A\n"
        "      parameters:\n        - $ref: '#/components/parameters/Nope'\n"
        "        - $ref: 'other.yaml#/components/parameters/Far'\n"
        "  /b: [not, a, mapping]\n"
    )
    repo = make_repo(tmp_path / "repo", {"api/openapi.yaml": spec, "app.py": '"""App."""\n'})
    report = api.coverage([repo.path], Config.of(cache=False, kinds=("spec",)))
    assert [(s.kind, s.qualname, s.documented) for s in report.symbols] == [
        ("spec-info", "info", False),
        ("spec-operation", "GET /a", True),
    ]
    assert [e.message for e in report.errors] == [
        "line 10: $ref #/components/parameters/Nope not found",
        "line 11: external $ref other.yaml#/components/parameters/Far not followed",
        "line 12: path item /b is a sequence, not a mapping",
    ]
    assert {e.path for e in report.errors} == {"api/openapi.yaml"}


def test_yaml_tabs_anchors_duplicates_and_documents_in_a_spec(tmp_path: Path) -> None:
    spec = (
        "openapi: 3.1.0\n"
        "info: &info\n  title: T\n  description: The API.\n  version: '1'\n"
        "info: *info\n"
        "paths: {}\n"
        "---\n"
        "second: document\n"
    )
    repo = make_repo(
        tmp_path / "repo", {"openapi.yaml": spec, "tabs.yaml": "openapi: 3.0.0\n\tinfo: {}\n"}
    )
    report = api.coverage([repo.path], Config.of(cache=False, kinds=("spec",)))
    assert [(s.path, s.qualname, s.documented) for s in report.symbols] == [
        ("openapi.yaml", "info", True)
    ]
    messages = sorted((e.path, e.message.split(":")[0]) for e in report.errors)
    assert messages[0] == ("openapi.yaml", "duplicate key info at line 6")
    assert messages[1][0] == "openapi.yaml" and "other YAML documents" in messages[1][1]
    assert messages[2][0] == "tabs.yaml"


def test_dynamic_routes_and_odd_decorators_never_crash(tmp_path: Path) -> None:
    app = (
        '"""App."""\n'
        "from flask import Flask\n"
        "app = Flask(__name__)\n"
        "PREFIX = compute()\n"
        "@app.route(PREFIX + '/items', methods=METHODS)\n"
        "def items():\n"
        '    """List the items."""\n'
        "@app.route(*ARGS, **KWARGS)\n"
        "def odd():\n"
        "    pass\n"
        "@app.get(f'/users/{version}')\n"
        "def users():\n"
        "    pass\n"
    )
    repo = make_repo(tmp_path / "repo", {"app.py": app})
    report = api.coverage([repo.path], Config.of(cache=False, kinds=("endpoint",)))
    assert report.errors == []
    assert [(s.qualname, s.documented, s.note) for s in report.symbols] == [
        ("ANY <dynamic>/items", True, "partial path; unknown methods"),
        ("ANY <dynamic>", False, "partial path; unknown methods"),
        ("GET /users/<dynamic>", False, "partial path"),
    ]
