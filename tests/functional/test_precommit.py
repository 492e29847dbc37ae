"""The pre-commit hook: judged on the staged diff, per file, without touching the tree."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import AUTHOR, REPO, make_repo

LEGACY = '"""Legacy."""\n\n\ndef old(a):\n    return a\n'


def staged_repo(path: Path):
    repo = make_repo(path, {"app/__init__.py": '"""App."""\n', "app/legacy.py": LEGACY})
    return repo


def test_new_undocumented_function_fails_and_legacy_does_not(tmp_path: Path, run_cli) -> None:
    repo = staged_repo(tmp_path)
    repo.write("app/legacy.py", LEGACY + "\n\ndef new(b):\n    return b\n")
    repo.git("add", "app/legacy.py")
    result = run_cli("hook", "app/legacy.py", cwd=tmp_path)
    assert result.code == 1
    assert result.out == (
        "app/legacy.py:8: function new (missing)\n"
        "docaudit: 1 undocumented public symbol(s) added or changed by the staged change;"
        " document them or add # docaudit: ignore\n"
    )
    strict = run_cli("hook", "--strict", "app/legacy.py", cwd=tmp_path)
    assert "app/legacy.py:4: function old (missing)" in strict.out


def test_only_the_staged_content_counts(tmp_path: Path, run_cli) -> None:
    repo = staged_repo(tmp_path)
    repo.write("app/legacy.py", LEGACY + '\n\ndef new(b):\n    """Documented."""\n')
    repo.git("add", "app/legacy.py")
    repo.write("app/legacy.py", LEGACY + "\n\ndef new(b):\n    pass\n")
    assert run_cli("hook", "app/legacy.py", cwd=tmp_path).code == 0


def test_editing_a_legacy_function_asks_for_its_docstring(tmp_path: Path, run_cli) -> None:
    repo = staged_repo(tmp_path)
    repo.write("app/legacy.py", LEGACY.replace("return a", "return a + 1"))
    repo.git("add", "app/legacy.py")
    result = run_cli("hook", "app/legacy.py", cwd=tmp_path)
    assert result.code == 1
    assert result.out.startswith("app/legacy.py:4: function old (missing)\n")


def test_batches_give_the_same_verdicts(tmp_path: Path, run_cli) -> None:
    repo = staged_repo(tmp_path)
    repo.write("app/a.py", '"""A."""\n\n\ndef a():\n    pass\n')
    repo.write("app/b.py", '"""B."""\n\n\ndef b():\n    """Fine."""\n')
    repo.git("add", "-A")
    together = run_cli("hook", "app/a.py", "app/b.py", cwd=tmp_path)
    first = run_cli("hook", "app/a.py", cwd=tmp_path)
    second = run_cli("hook", "app/b.py", cwd=tmp_path)
    assert (together.code, first.code, second.code) == (1, 1, 0)
    assert (
        together.out.splitlines()[0]
        == first.out.splitlines()[0]
        == ("app/a.py:4: function a (missing)")
    )


def test_excludes_apply_to_passed_files_and_nothing_is_modified(tmp_path: Path, run_cli) -> None:
    repo = make_repo(tmp_path, {"pyproject.toml": '[tool.docaudit]\nexclude = ["migrations/"]\n'})
    repo.write("migrations/0001.py", "def up():\n    pass\n")
    repo.git("add", "-A")
    before = repo.git("status", "--porcelain")
    assert run_cli("hook", "migrations/0001.py", cwd=tmp_path).code == 0
    assert repo.git("status", "--porcelain") == before


def _pre_commit(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **AUTHOR, "PRE_COMMIT_HOME": str(cwd.parent / "pre-commit-home")}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow
def test_real_pre_commit_try_repo(tmp_path: Path) -> None:
    project = tmp_path / "project"
    repo = make_repo(project, {"README.md": "project\n"})
    repo.write("calc.py", '"""Calculator."""\n\n\ndef add(a, b):\n    return a + b\n')
    repo.git("add", "calc.py")
    failing = _pre_commit(project, "try-repo", str(REPO), "docaudit", "--verbose")
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "calc.py:4: function add (missing)" in failing.stdout
    repo.write(
        "calc.py",
        '"""Calculator."""\n\n\ndef add(a, b):\n    """Add a and b."""\n    return a + b\n',
    )
    repo.git("add", "calc.py")
    passing = _pre_commit(project, "try-repo", str(REPO), "docaudit", "--verbose")
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "Passed" in passing.stdout


def test_other_languages_are_judged_on_the_staged_diff(tmp_path: Path, run_cli) -> None:
    legacy = "export function old() {\n  return 1;\n}\n"
    repo = make_repo(tmp_path, {"web/api.ts": legacy, "svc/run.go": "package svc\n"})
    repo.write("web/api.ts", legacy + "\nexport const fresh = () => 2;\n")
    repo.write("svc/run.go", "package svc\n\n// Run runs.\nfunc Run() {}\n\nfunc Stop() {}\n")
    repo.git("add", "-A")
    result = run_cli("hook", "web/api.ts", "svc/run.go", cwd=tmp_path)
    assert result.code == 1
    # the legacy function and the package comment (line 1, unchanged) are not asked for
    assert result.out == (
        "svc/run.go:6: function svc.Stop (missing)\n"
        "web/api.ts:5: function web/api.fresh (missing)\n"
        "docaudit: 2 undocumented public symbol(s) added or changed by the staged change;"
        " document them or add // docaudit: ignore\n"
    )
