"""The coverage command: its outputs, exit codes and determinism."""

from __future__ import annotations

import gc
import importlib
import json
import subprocess
import sys
import tomllib
import types
from pathlib import Path

import pytest

from docaudit import api, console
from docaudit.gates.thresholds import under_threshold
from tests.helpers import REPO, make_repo

FILES = {
    "pkg/__init__.py": '"""The package."""\n',
    "pkg/core.py": (
        '"""Core."""\n\n\ndef add(a, b):\n    """Add two numbers."""\n    return a + b\n\n\n'
        "def sub(a, b):\n    return a - b\n\n\nclass Thing:\n    def run(self):\n        pass\n"
    ),
    "pkg/util.py": '"""Utilities."""\n\n\ndef _hidden():\n    """TODO"""\n',
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    make_repo(tmp_path, FILES)
    return tmp_path


def test_table_golden(project: Path, run_cli, gold) -> None:
    result = run_cli("coverage", "--no-cache", cwd=project)
    assert result.code == 0
    assert result.err == ""
    gold("coverage-table.txt", result.out)


def test_verbose_lists_problems_and_omit_covered_files(project: Path, run_cli) -> None:
    result = run_cli("coverage", "--no-cache", "-v", "--omit-covered-files", cwd=project)
    assert result.out == (
        "pkg/core.py:9: function sub (missing)\n"
        "pkg/core.py:13: class Thing (missing)\n"
        "pkg/core.py:14: method Thing.run (missing)\n"
        "pkg/util.py:4: function _hidden (placeholder)\n"
        "\n"
        "file           total    missing  cover\n"
        "-----------  -------  ---------  -------\n"
        "pkg/core.py        5          3  40.0%\n"
        "TOTAL 8 3 62.5%\n"
    )


def test_quiet_prints_only_the_total(project: Path, run_cli) -> None:
    assert run_cli("coverage", "--no-cache", "-q", cwd=project).out == "TOTAL 8 3 62.5%\n"


def test_json_document(project: Path, run_cli) -> None:
    result = run_cli("coverage", "--no-cache", "--format", "json", "pkg/util.py", cwd=project)
    assert json.loads(result.out) == {
        "schema": "docaudit/1",
        "summary": {"total": 2, "documented": 2, "missing": 0, "coverage": 100.0},
        "files": [{"path": "pkg/util.py", "total": 2, "missing": 0, "coverage": 100.0}],
        "kinds": [
            {
                "kind": "code",
                "counted": True,
                "total": 2,
                "documented": 2,
                "missing": 0,
                "coverage": 100.0,
            }
        ],
        "languages": [
            {"language": "python", "total": 2, "documented": 2, "missing": 0, "coverage": 100.0}
        ],
        "symbols": [
            {
                "path": "pkg/util.py",
                "line": 1,
                "kind": "module",
                "qualname": "pkg.util",
                "public": True,
                "documented": True,
                "problems": [],
                "language": "python",
            },
            {
                "path": "pkg/util.py",
                "line": 4,
                "kind": "function",
                "qualname": "_hidden",
                "public": False,
                "documented": True,
                "problems": ["placeholder"],
                "language": "python",
            },
        ],
        "stale": [],
        "errors": [],
    }


def test_json_is_byte_identical_cold_warm_and_uncached(project: Path, run_cli) -> None:
    uncached = run_cli("coverage", "--no-cache", "--format", "json", cwd=project).out
    cold = run_cli("coverage", "--format", "json", cwd=project).out
    warm = run_cli("coverage", "--format", "json", cwd=project).out
    assert uncached == cold == warm
    assert (project / ".docaudit" / "cache.sqlite").is_file()


def test_output_file(project: Path, run_cli) -> None:
    result = run_cli("coverage", "--no-cache", "-q", "-o", "report.txt", cwd=project)
    assert (result.code, result.out) == (0, "")
    assert (project / "report.txt").read_text(encoding="utf-8") == "TOTAL 8 3 62.5%\n"
    unwritable = run_cli("coverage", "--no-cache", "-o", "missing/dir/r.txt", cwd=project)
    assert unwritable.code == 2
    assert "cannot write the report" in unwritable.err


@pytest.mark.parametrize(
    ("threshold", "code"), [("62.5", 0), ("62", 0), ("62.6", 1), ("100", 1), ("0", 0)]
)
def test_fail_under_exit_codes(project: Path, run_cli, threshold: str, code: int) -> None:
    assert run_cli("coverage", "--no-cache", "-q", "-f", threshold, cwd=project).code == code


def test_fail_under_compares_at_displayed_precision() -> None:
    assert under_threshold(99.98, 100) is True
    assert under_threshold(100.0, 100) is False
    assert under_threshold(79.96, 80) is False
    assert under_threshold(79.94, 80) is True
    assert under_threshold(66.66666, 66.7) is False


def test_usage_and_input_errors_exit_2(project: Path, run_cli) -> None:
    assert run_cli("coverage", "--bogus", cwd=project).code == 2
    missing = run_cli("coverage", "nowhere", cwd=project)
    assert (missing.code, missing.err) == (
        2,
        "docaudit: error: nowhere: no such file or directory\n",
    )
    assert run_cli("coverage", "-f", "lots", cwd=project).code == 2


def test_internal_error_exits_2_not_1(project: Path, run_cli, monkeypatch) -> None:
    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(api, "coverage", explode)
    result = run_cli("coverage", cwd=project)
    assert result.code == 2
    assert "internal error" in result.err
    assert "RuntimeError: boom" in result.err


def test_python_dash_m_and_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "docaudit", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, "docaudit, version 0.1.0\n")


def test_console_script_imports_the_cli_with_the_garbage_collector_off() -> None:
    # the collector's state when the CLI and click are first imported, seen by a spy
    spy = (
        "import gc, sys\n"
        "class Spy:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name in ('docaudit.cli', 'click'):\n"
        "            print(name, gc.isenabled(), flush=True)\n"
        "sys.meta_path.insert(0, Spy())\n"
        "sys.argv = ['docaudit', '--version']\n"
        "from docaudit.console import run\n"
        "run()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", spy], capture_output=True, text=True, check=False, cwd=REPO
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines() == [
        "docaudit.cli False",
        "click False",
        "docaudit, version 0.1.0",
    ]
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts == {"docaudit": "docaudit.console:run"}


def test_console_script_runs_the_cli_collecting_less_often(monkeypatch) -> None:
    seen = []
    fake = types.ModuleType("docaudit.cli")
    fake.run = lambda: seen.append((gc.isenabled(), gc.get_threshold(), gc.get_freeze_count()))
    monkeypatch.setitem(sys.modules, "docaudit.cli", fake)
    thresholds, enabled = gc.get_threshold(), gc.isenabled()
    try:
        console.run()
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
        (gc.enable if enabled else gc.disable)()
    [(on, during, frozen)] = seen
    assert (on, during) == (True, console.GC_THRESHOLDS)
    assert frozen > 0


_LOADED = (
    "import sys\n"
    "from docaudit.cli import main\n"
    "try:\n"
    "    main(sys.argv[1:])\n"
    "except SystemExit:\n"
    "    pass\n"
    "loaded = [m for m in sys.modules if m.startswith('docaudit') or m == 'tomllib']\n"
    "sys.__stderr__.write(' '.join(sorted(loaded)))\n"
)


def test_a_warm_coverage_table_loads_only_what_it_needs(project: Path) -> None:
    def loaded(*args: str) -> set[str]:
        done = subprocess.run(
            [sys.executable, "-c", _LOADED, "coverage", *args],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
        )
        return set(done.stderr.split())

    parsing = {"docaudit.pipeline.parsing", "docaudit.pipeline.surface"}  # a cache miss only
    later = parsing | {
        "docaudit.gates.thresholds",  # the gates: only with fail-under
        "docaudit.model.checks",
        "docaudit.model.rules",
        "docaudit.model.audit",  # the audit and silos types
        "docaudit.model.ownership",
        "docaudit.analysers.collectors",  # to read stored facts
        "tomllib",  # to read a settings file (the project has none)
    }
    assert parsing <= loaded()  # cold
    warm = loaded()
    assert "docaudit.report.table" in warm
    assert warm & later == set()
    assert {"docaudit.gates.thresholds", "docaudit.model.checks"} <= loaded("--fail-under", "50")
    (project / "pyproject.toml").write_text("[tool.docaudit]\nfail-under = 10\n")
    assert {"tomllib", "docaudit.gates.thresholds"} <= loaded()
    assert api.CheckResult is importlib.import_module("docaudit.model.checks").CheckResult


def test_self_audit_is_fully_documented() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "docaudit", "coverage", "docaudit", "--fail-under", "100", "-q"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.endswith(" 0 100.0%\n")


@pytest.mark.slow
def test_python_dash_m_never_imports_the_audited_code(tmp_path: Path) -> None:
    marker = tmp_path / "imported"
    trap = f"open({str(marker)!r}, 'w').write('scanned code ran')\n"
    make_repo(
        tmp_path / "repo",
        {
            "tomllib.py": trap,
            "tabulate.py": trap,
            "numpy/__init__.py": trap,
            "pyproject.toml": "[tool.docaudit]\nfail-under = 0\n",
        },
    )
    for command in (["coverage"], ["audit", "--no-cache"]):
        done = subprocess.run(
            [sys.executable, "-m", "docaudit", *command],
            cwd=tmp_path / "repo",
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
    assert not marker.exists()
