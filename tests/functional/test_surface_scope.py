"""What the audited paths see of the repository: its docs, its entry points, its gates."""

from __future__ import annotations

import json
from pathlib import Path

from docaudit import api
from docaudit.config.settings import Config
from docaudit.model.symbols import Symbol
from tests.helpers import make_repo

SETTINGS = 'import os\n\nDATABASE_URL = os.environ["DATABASE_URL"]\n'


def test_a_subfolder_is_documented_by_the_whole_repository(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "repo",
        {
            "README.md": "# App\n\n## Environment\n\n- `DATABASE_URL`: required.\n",
            ".env.example": "# Where the data lives.\nDATABASE_URL=sqlite://\n",
            "app/settings.py": SETTINGS,
            "config/app.toml": "[server]\nport = 1\n",
        },
    )
    report = api.configuration([repo.path / "app"], Config.of(cache=False))
    # The README and .env.example sit above app/: they still document the variable;
    # config/app.toml is outside the audited paths, so its key is not reported.
    assert [(s.kind, s.qualname, s.level) for s in report.symbols] == [
        ("config-key", "DATABASE_URL", "documented"),
        ("env-var", "DATABASE_URL", "complete"),
    ]


def test_entry_points_of_a_sub_project_make_its_commands_public(tmp_path: Path) -> None:
    cli = (
        '"""Foo."""\nimport click\n\n\n@click.group()\ndef main():\n    """Run foo."""\n\n\n'
        '@main.command()\n@click.option("--n", help="How many.")\ndef run(n):\n    """Run."""\n'
    )
    repo = make_repo(
        tmp_path / "repo",
        {
            "packages/foo/pyproject.toml": '[project]\nname = "foo"\n\n'
            '[project.scripts]\nfoo = "foo.cli:main"\n',
            "packages/foo/foo/__init__.py": '"""Foo."""\n',
            "packages/foo/foo/cli.py": cli,
        },
    )
    report = api.coverage([repo.path / "packages/foo"], Config.of(cache=False, kinds=("cli",)))
    assert [(s.qualname, s.public) for s in report.symbols] == [
        ("foo", True),
        ("foo run --n", True),
        ("foo run", True),
    ]


def test_large_data_files_that_are_not_config_are_never_read(tmp_path: Path, run_cli) -> None:
    repo = make_repo(
        tmp_path / "repo",
        {
            "app.py": '"""App."""\n',
            "data/big.json": "[" + "1," * 1_500_000 + "1]\n",
            "package-lock.json": "{" + '"a": 1,' * 200_000 + '"b": 2}\n',
        },
    )
    result = run_cli("check", "--no-cache", "--fail-under", "10", cwd=repo.path)
    assert (result.code, result.err) == (0, "")


def test_errors_about_kinds_that_do_not_count_do_not_fail_the_gates(
    tmp_path: Path, run_cli
) -> None:
    repo = make_repo(
        tmp_path / "repo",
        {"pkg/__init__.py": '"""Pkg."""\n__all__ = ["ghost"]\n', "config/a.yaml": "a: [1\n"},
    )
    passing = run_cli("check", "--no-cache", "--fail-under", "10", cwd=repo.path)
    assert passing.code == 0
    assert "stale export" in passing.err and "config/a.yaml" in passing.err
    failing = run_cli(
        "check", "--no-cache", "--fail-under", "10", "--kinds", "code,export", cwd=repo.path
    )
    assert failing.code == 1
    assert "FAIL errors: 1 error(s) in files: pkg/__init__.py (line 2: stale export" in (
        failing.out
    )


def test_the_same_variable_read_in_a_new_file_is_not_new(tmp_path: Path, run_cli) -> None:
    repo = make_repo(tmp_path / "repo", {"app/settings.py": SETTINGS, "app/__init__.py": ""})
    assert run_cli("baseline", "--kinds", "env", cwd=repo.path).code == 0
    repo.write("app/a.py", 'import os\n\nURL = os.getenv("DATABASE_URL")\n')
    repo.commit("read it again")
    result = run_cli("check", "--kinds", "env", cwd=repo.path)
    assert result.code == 0, result.out
    assert Symbol("a.py", 1, "env-var", "X", True, False).fingerprint == "::env-var::X"


def test_export_tallies_do_not_depend_on_the_output_format(tmp_path: Path, run_cli) -> None:
    repo = make_repo(
        tmp_path / "repo",
        {
            "app/__init__.py": '"""App."""\n__all__ = ["api", "x"]\nx = 1\n',
            "app/api/__init__.py": '"""The API."""\n',
        },
    )
    table = run_cli("coverage", "-q", "--kinds", "export", cwd=repo.path).out
    document = json.loads(
        run_cli("coverage", "--format", "json", "--kinds", "export", cwd=repo.path).out
    )
    # app.api is a documented submodule; x has no docstring.
    assert table == "TOTAL 2 1 50.0%\n"
    assert document["summary"]["total"] == 2 and document["summary"]["missing"] == 1


def test_top_level_keys_are_not_documented_by_ordinary_words(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "repo",
        {
            "README.md": "Give your shop a name; requests time out after the timeout.\n"
            "Set request_timeout_seconds as you like.\n",
            "config/app.yaml": "timeout: 30\nname: shop\nrequest_timeout_seconds: 5\n",
        },
    )
    report = api.configuration([repo.path], Config.of(cache=False))
    assert [(s.qualname, s.documented) for s in report.symbols] == [
        ("timeout", False),
        ("name", False),
        ("request_timeout_seconds", True),
    ]


def test_odd_text_never_crashes_the_reference(tmp_path: Path, run_cli) -> None:
    repo = make_repo(
        tmp_path / "repo",
        {
            "config/defaults.json": '{"a": "\\ud800", "k\\ud800": 1}\n',
            "app.py": 'import os\n\nfor name in ("A", "B"):\n    os.getenv(name)\n',
        },
    )
    for fmt in ("table", "markdown", "json"):
        result = run_cli("config", "--no-cache", "--format", fmt, cwd=repo.path)
        assert result.code == 0, result.err
    table = run_cli("config", "--no-cache", cwd=repo.path).out
    # The name built from nothing literal is not a variable called "*".
    assert "\n*" not in table and "\\ud800" in table


def test_an_empty_kinds_list_is_a_settings_error(tmp_path: Path, run_cli) -> None:
    repo = make_repo(
        tmp_path / "repo", {"pyproject.toml": "[tool.docaudit]\nkinds = []\n", "a.py": ""}
    )
    result = run_cli("coverage", cwd=repo.path)
    assert result.code == 2
    assert "'kinds' must name at least one kind" in result.err


def test_settings_packages_and_a_root_config_module_are_config_files(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "repo",
        {
            "proj/__init__.py": "",
            "proj/settings/__init__.py": "",
            "proj/settings/base.py": "# Show tracebacks.\nDEBUG = False\nSECRET_KEY = 'x'\n",
            "config.py": "PORT = 8080  # where to listen\n",
        },
    )
    report = api.configuration([repo.path], Config.of(cache=False))
    assert [(s.path, s.qualname, s.documented) for s in report.symbols] == [
        ("config.py", "PORT", True),
        ("proj/settings/base.py", "DEBUG", True),
        ("proj/settings/base.py", "SECRET_KEY", False),
    ]


def test_a_sub_folder_audit_neither_calls_names_stale_nor_fails_on_files_outside(
    tmp_path: Path, run_cli
) -> None:
    repo = make_repo(
        tmp_path / "repo",
        {
            ".env.example": "LIB_MODE=1\n",
            "lib/util.py": 'import os\n\nMODE = os.getenv("LIB_MODE")\n',
            "app/a.py": '"""A."""\n',
            "config/broken.yaml": "a: [1\n",
            "pkg/__init__.py": '"""Pkg."""\n__all__ = ["sub"]\n',
            "pkg/sub.py": '"""Sub."""\n',
        },
    )
    report = api.configuration([repo.path / "app"], Config.of(cache=False))
    assert report.stale == [] and report.errors == []
    # The package lists a submodule the audit of one file did not read: not stale.
    result = run_cli(
        "check", "pkg/__init__.py", "--kinds", "code,export", "-f", "0", cwd=repo.path
    )
    assert result.code == 0, result.out


def test_a_target_outside_the_repository_is_an_input_error(tmp_path: Path, run_cli) -> None:
    inside = make_repo(tmp_path / "inside", {"a.py": '"""A."""\n'})
    other = make_repo(tmp_path / "other", {"b.py": '"""B."""\n'})
    result = run_cli("coverage", str(inside.path), str(other.path), cwd=tmp_path)
    assert result.code == 2
    assert "outside the git repository" in result.err


def test_two_packages_may_declare_the_same_script_name(tmp_path: Path) -> None:
    files = {}
    for package in ("alpha", "beta"):
        files[f"packages/{package}/pyproject.toml"] = (
            f'[project]\nname = "{package}"\n\n[project.scripts]\ntool = "{package}.cli:main"\n'
        )
        files[f"packages/{package}/{package}/__init__.py"] = '"""P."""\n'
        files[f"packages/{package}/{package}/cli.py"] = (
            '"""CLI."""\nimport click\n\n\n@click.command()\ndef main():\n    """Run."""\n'
        )
    repo = make_repo(tmp_path / "repo", files)
    report = api.coverage([repo.path], Config.of(cache=False, kinds=("cli",)))
    assert [(s.path, s.qualname, s.public) for s in report.symbols] == [
        ("packages/alpha/alpha/cli.py", "tool", True),
        ("packages/beta/beta/cli.py", "tool", True),
    ]


def test_deleting_a_listed_submodule_is_seen_by_a_cached_run(tmp_path: Path, run_cli) -> None:
    repo = make_repo(
        tmp_path / "repo",
        {
            "pkg/__init__.py": '"""Pkg."""\n__all__ = ["helpers", "tools"]\n',
            "pkg/helpers.py": '"""Helpers."""\n',
            "pkg/tools.py": '"""Tools."""\n',
        },
    )
    args = ("check", "pkg/__init__.py", "--kinds", "code,export", "-f", "0")
    assert run_cli(*args, cwd=repo.path).code == 0
    repo.git("rm", "-q", "pkg/tools.py")
    cached = run_cli(*args, cwd=repo.path)
    assert cached.code == 1
    assert "stale export: 'tools'" in cached.out


def test_a_symbolic_link_to_a_repository_audits_the_repository(tmp_path: Path, run_cli) -> None:
    repo = make_repo(tmp_path / "repo", {"app/a.py": '"""A."""\n'})
    link = tmp_path / "link"
    link.symlink_to(repo.path, target_is_directory=True)
    result = run_cli("coverage", str(link), "-q", "--no-cache", cwd=tmp_path)
    assert (result.code, result.out) == (0, "TOTAL 1 0 100.0%\n")


def test_overlapping_targets_count_each_file_once(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "repo",
        {"app/__init__.py": '"""App."""\n', "app/api/__init__.py": '"""API."""\n'},
    )
    for targets in (["app", "app/api"], ["app/api", "app"], ["app", "app/api/__init__.py"]):
        report = api.coverage([repo.path / t for t in targets], Config.of(cache=False))
        assert [s.qualname for s in report.symbols] == ["app", "app.api"], targets
        assert [(k.kind, k.tally.total) for k in report.kinds] == [("code", 2)]


def test_windows_line_endings_keep_headings(tmp_path: Path) -> None:
    readme = (
        "My App\r\n======\r\n\r\nConfiguration\r\n-------------\r\n\r\n"
        "Environment variables:\r\n\r\n- ``APP_TOKEN``: the token\r\n- ``OLD_SETTING``: gone\r\n"
    )
    repo = make_repo(
        tmp_path / "repo",
        {"README.rst": readme, "app.py": 'import os\n\nA = os.environ.get("APP_TOKEN")\n'},
    )
    report = api.configuration([repo.path], Config.of(cache=False))
    assert [(s.qualname, s.line) for s in report.stale] == [("OLD_SETTING", 10)]


def test_doc_names_that_are_not_utf8_never_break_the_output(tmp_path: Path, run_cli) -> None:
    import os

    root = tmp_path / "repo"
    repo = make_repo(root, {"app.py": 'import os\n\nA = os.environ.get("APP_TOKEN")\n'})
    doc = "# Guide\n\n## Environment variables\n\n- `APP_TOKEN`: token\n- `UNUSED_VAR`: gone\n"
    (root / os.fsdecode(b"guide\xe9.md")).write_text(doc, encoding="utf-8")
    repo.commit("a doc with an odd name")
    written = tmp_path / "reference.md"
    result = run_cli("config", "--format", "markdown", "-o", str(written), cwd=root)
    assert result.code == 0, result.err
    assert "- `UNUSED_VAR` (guide\\xe9.md:6)" in written.read_text(encoding="utf-8")
    verbose = run_cli("coverage", "--kinds", "code,env", "-v", cwd=root)
    assert verbose.code == 0
    assert "documented at guide\\xe9.md:5" in verbose.out


def test_the_hook_prints_only_what_failed(tmp_path: Path, run_cli) -> None:
    repo = make_repo(tmp_path / "repo", {"tool/__init__.py": '"""Tool."""\n'})
    repo.write("tool/bad.py", "def broken(:\n")
    repo.git("add", "tool/bad.py")
    result = run_cli("hook", "tool/bad.py", cwd=repo.path)
    assert result.code == 1
    assert result.out == (
        "docaudit: 1 error(s) in files: tool/bad.py (syntax error at line 1: invalid syntax)\n"
    )


def test_manifests_anywhere_and_compose_interpolations_declare_variables(tmp_path: Path) -> None:
    manifest = (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n"
        "    spec:\n      containers:\n        - name: web\n          env:\n"
        "            - name: QUEUE_URL\n              value: amqp://q\n"
    )
    repo = make_repo(
        tmp_path / "repo",
        {
            "ops/web.yaml": manifest,
            "docker-compose.yml": "services:\n  web:\n    image: ${WEB_IMAGE:-web}\n",
            "app.py": 'import os\n\nQ = os.environ["QUEUE_URL"]\nI = os.getenv("WEB_IMAGE")\n'
            'S = os.getenv("SECRET_SAUCE")\n',
        },
    )
    report = api.configuration([repo.path], Config.of(cache=False))
    # ops/ is no config folder, but the file is a workload manifest; compose reads
    # WEB_IMAGE from the host; nothing declares SECRET_SAUCE.
    assert [(s.qualname, s.level) for s in report.symbols if s.kind == "env-var"] == [
        ("QUEUE_URL", "declared"),
        ("WEB_IMAGE", "declared"),
        ("SECRET_SAUCE", "undocumented"),
    ]
