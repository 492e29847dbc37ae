"""docaudit check on pull-request-shaped repositories: a base branch and a feature branch."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from docaudit import api
from docaudit.config.settings import Config
from docaudit.gates.baseline import write
from tests.helpers import (
    ALICE,
    CORE,
    UNDOCUMENTED,
    base_repo,
    build_org,
    feature,
    make_repo,
)

DOCUMENTED = (
    '\n\ndef mul(a, b):\n    """Multiply two numbers."""\n    return a * b\n\n\n'
    'def _helper():\n    """Help."""\n'
)


def test_pull_request_adding_undocumented_code_fails_then_passes(tmp_path: Path, run_cli) -> None:
    repo = base_repo(tmp_path)
    feature(repo, UNDOCUMENTED)
    failing = run_cli("check", "--compare-ref", "main", "--no-cache", cwd=tmp_path)
    assert failing.code == 1
    assert failing.out == (
        "FAIL base-drop: coverage 50.0% against 75.0% in the base (-25.0 points;"
        " a drop of up to 0 allowed)\n"
        "PASS base-regressions: 0 public symbol(s) documented in the base are undocumented now\n"
        "FAIL base-new-undocumented: 1 new public symbol(s) without documentation\n"
        "  pkg/core.py:13: function mul (missing)\n"
        "TOTAL 6 3 50.0%\n"
    )
    feature(repo, DOCUMENTED, "document")
    passing = run_cli("check", "--compare-ref", "main", "--no-cache", cwd=tmp_path)
    assert passing.code == 0, passing.out
    assert "FAIL" not in passing.out
    assert passing.out.endswith("TOTAL 6 1 83.3%\n")


def test_baseline_ignores_unrelated_line_shifts(tmp_path: Path, run_cli) -> None:
    repo = base_repo(tmp_path)
    written = run_cli("baseline", "--no-cache", cwd=tmp_path)
    assert written.code == 0
    baseline = tmp_path / ".docaudit-baseline.json"
    first = baseline.read_text(encoding="utf-8")
    assert '"line"' not in first
    repo.write("pkg/core.py", "# a comment\n# and another\n" + CORE)
    result = run_cli("check", "--no-cache", cwd=tmp_path)
    assert result.code == 0, result.out
    assert run_cli("baseline", "--no-cache", cwd=tmp_path).code == 0
    assert baseline.read_text(encoding="utf-8") == first


def test_documented_then_undocumented_fails_the_baseline(tmp_path: Path, run_cli) -> None:
    repo = base_repo(tmp_path)
    run_cli("baseline", "--no-cache", cwd=tmp_path)
    repo.write("pkg/core.py", CORE.replace('    """Add two numbers."""\n', ""))
    result = run_cli("check", "--no-cache", cwd=tmp_path)
    assert result.code == 1
    assert "FAIL baseline-regressions: 1 public symbol(s) documented in the baseline" in result.out
    assert "  pkg/core.py:4: function add (missing)\n" in result.out
    assert "FAIL baseline-drop: coverage 50.0% against 75.0%" in result.out
    tolerant = run_cli(
        "check", "--no-cache", "--max-drop", "30", "--no-fail-on-regression", cwd=tmp_path
    )
    assert tolerant.code == 0, tolerant.out


@pytest.mark.parametrize(
    ("content", "cause"),
    [
        ('{"schema": "docaudit/1", "summary": {"total": 4', "corrupt or truncated baseline"),
        ('{"schema": "docaudit/2", "summary": {}, "symbols": []}', "baseline schema 'docaudit/2'"),
        (
            '{"schema": "docaudit/1", "summary": {"total": 4}}',
            "malformed baseline: missing 'missing'",
        ),
        (
            '{"schema": "docaudit/1", "summary": {"total": NaN, "missing": 0}, "symbols": []}',
            "malformed baseline: a bad value: cannot convert float NaN to integer",
        ),
        ("[1, 2]", "not a docaudit baseline"),
    ],
)
def test_bad_baseline_exits_2_naming_the_file(
    tmp_path: Path, run_cli, content: str, cause: str
) -> None:
    base_repo(tmp_path)
    (tmp_path / ".docaudit-baseline.json").write_text(content, encoding="utf-8")
    result = run_cli("check", "--no-cache", cwd=tmp_path)
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith(f"docaudit: error: {tmp_path / '.docaudit-baseline.json'}: ")
    assert cause in result.err


def test_missing_named_baseline_exits_2(tmp_path: Path, run_cli) -> None:
    base_repo(tmp_path)
    result = run_cli("check", "--no-cache", "--baseline", "nowhere.json", cwd=tmp_path)
    assert (result.code, result.err) == (
        2,
        f"docaudit: error: {tmp_path / 'nowhere.json'}: no such baseline file\n",
    )


CRASH = """
import os, signal, sys
from pathlib import Path
from docaudit.gates.baseline import write
os.replace = lambda *args: os.kill(os.getpid(), signal.SIGKILL)
write(Path(sys.argv[1]), {"schema": "docaudit/1", "new": True})
"""


def test_atomic_write_survives_a_crash_before_the_rename(tmp_path: Path) -> None:
    target = tmp_path / ".docaudit-baseline.json"
    target.write_text('{"old": true}\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", CRASH, str(target)], check=False)
    assert done.returncode == -signal.SIGKILL
    assert target.read_text(encoding="utf-8") == '{"old": true}\n'
    write(target, {"schema": "docaudit/1"})
    assert json.loads(target.read_text(encoding="utf-8")) == {"schema": "docaudit/1"}


def test_new_code_coverage_counts_only_changed_symbols(tmp_path: Path, run_cli) -> None:
    repo = base_repo(tmp_path)
    repo.git("checkout", "-q", "-b", "feature")
    changed = CORE.replace("    return a - b\n", "    result = a - b\n    return result\n")
    changed += '\n\ndef mul(a, b):\n    """Multiply."""\n    return a * b\n\n\ndef div(a, b):\n'
    changed += "    return a / b\n"
    repo.write("pkg/core.py", changed)
    repo.write(
        "pkg/extra.py", '"""Extra."""\n\n\ndef one():\n    """Return one."""\n    return 1\n'
    )
    repo.commit("feature")
    config = Config.of(cache=False, compare_ref="main", new_code_fail_under=60.0)
    result = api.check([tmp_path], config)
    changed_names = sorted(s.qualname for s in result.changed)
    # sub's body changed; mul, div and the new file's module and function are new.
    assert changed_names == ["div", "mul", "one", "pkg.extra", "sub"]
    gate = next(g for g in result.gates if g.gate == "new-code-fail-under")
    assert gate.message == "3 of 5 changed symbol(s) documented (60.0%; at least 60% required)"
    assert gate.passed
    strict = run_cli(
        "check", "--no-cache", "--compare-ref", "main", "--new-code-fail-under", "61",
        "--no-fail-on-new-undocumented", "--max-drop", "100", cwd=tmp_path,
    )  # fmt: skip
    assert strict.code == 1
    assert "FAIL new-code-fail-under: 3 of 5 changed symbol(s) documented" in strict.out
    assert "  pkg/core.py:9: function sub (missing)\n" in strict.out
    assert "  pkg/core.py:19: function div (missing)\n" in strict.out


def test_compare_ref_in_a_shallow_clone_exits_2(tmp_path: Path, run_cli) -> None:
    repo = base_repo(tmp_path / "origin")
    feature(repo, UNDOCUMENTED)
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", "--no-single-branch",
         f"file://{repo.path}", str(clone)],
        check=True,
    )  # fmt: skip
    result = run_cli("check", "--compare-ref", "origin/main", "--no-cache", cwd=clone)
    assert result.code == 2
    assert "is a shallow clone" in result.err
    assert "fetch-depth: 0" in result.err


def test_unknown_compare_ref_exits_2(tmp_path: Path, run_cli) -> None:
    base_repo(tmp_path)
    result = run_cli("check", "--compare-ref", "no-such-branch", "--no-cache", cwd=tmp_path)
    assert result.code == 2
    assert "--compare-ref no-such-branch" in result.err


def test_no_gate_configured_passes_and_says_so(tmp_path: Path, run_cli) -> None:
    base_repo(tmp_path)
    result = run_cli("check", "--no-cache", cwd=tmp_path)
    assert result.code == 0
    assert "no gate is configured" in result.err


def test_knowledge_gates(tmp_path: Path, run_cli) -> None:
    repo = build_org(tmp_path)
    result = run_cli(
        "check", "--no-cache", "--max-silos", "1", "--min-bus-factor", "2", cwd=tmp_path
    )
    assert result.code == 1
    assert "FAIL max-silos: 2 silo module(s); at most 1 allowed\n" in result.out
    assert "FAIL min-bus-factor: repository bus factor 1; at least 2 required\n" in result.out
    assert run_cli("baseline", "--no-cache", "--no-new-silos", cwd=tmp_path).code == 0
    repo.commit_as(ALICE, "2024-09-03", {"ledger/__init__.py": "l\n", "ledger/book.py": "b\n"})
    grown = run_cli("check", "--no-cache", "--no-new-silos", cwd=tmp_path)
    assert grown.code == 1
    assert "FAIL no-new-silos: 1 new silo module(s): ledger\n" in grown.out


def test_run_from_a_subfolder_with_relative_paths(tmp_path: Path, run_cli) -> None:
    repo = base_repo(tmp_path)
    feature(repo, UNDOCUMENTED)
    result = run_cli("check", ".", "--compare-ref", "main", "--no-cache", cwd=tmp_path / "pkg")
    assert result.code == 1
    assert "  pkg/core.py:13: function mul (missing)\n" in result.out


def test_environment_untouched(tmp_path: Path) -> None:
    repo = base_repo(tmp_path)
    feature(repo, UNDOCUMENTED)
    before = repo.git("status", "--porcelain", "--ignored")
    api.check([tmp_path], Config.of(compare_ref="main"))
    after = repo.git("status", "--porcelain", "--ignored")
    assert after.replace("!! .docaudit/\n", "") == before
    assert (
        os.listdir(tmp_path / ".git" / "worktrees")
        if (tmp_path / ".git" / "worktrees").exists()
        else True
    )


def test_file_name_with_a_space_is_seen_as_changed(tmp_path: Path, run_cli) -> None:
    repo = make_repo(tmp_path, {"my mod.py": '"""M."""\n', "plain.py": '"""P."""\n'})
    for name in ("my mod.py", "plain.py"):
        repo.write(name, (tmp_path / name).read_text() + "\n\ndef b():\n    pass\n")
    repo.git("add", "-A")
    assert run_cli("hook", "my mod.py", cwd=tmp_path).code == 1
    repo.git("config", "diff.noprefix", "true")
    assert run_cli("hook", "my mod.py", cwd=tmp_path).code == 1


def test_moving_legacy_code_does_not_block(tmp_path: Path, run_cli) -> None:
    repo = make_repo(tmp_path, {"old.py": '"""Old."""\n\n\ndef legacy():\n    pass\n'})
    repo.git("mv", "old.py", "new.py")
    assert run_cli("hook", "new.py", cwd=tmp_path).code == 0
    repo.commit("move")
    repo.git("checkout", "-q", "-b", "feature")
    result = run_cli("check", "--compare-ref", "main", "--no-cache", cwd=tmp_path)
    assert result.code == 0, result.out


def test_deleting_a_function_does_not_flag_its_neighbour(tmp_path: Path, run_cli) -> None:
    source = '"""M."""\n\n\ndef legacy():\n    pass\n\n\ndef gone():\n    """Gone."""\n'
    repo = make_repo(tmp_path, {"m.py": source})
    repo.write("m.py", source.split("\n\n\ndef gone")[0] + "\n")
    repo.git("add", "-A")
    assert run_cli("hook", "m.py", cwd=tmp_path).code == 0
    body = source.replace("    pass\n", "    x = 1\n    pass\n")
    repo.write("m.py", body)
    repo.commit("grow")
    repo.write("m.py", source)
    repo.git("add", "-A")
    assert run_cli("hook", "m.py", cwd=tmp_path).code == 1  # a line removed inside legacy()


def test_a_file_that_no_longer_parses_fails_the_check(tmp_path: Path, run_cli) -> None:
    repo = base_repo(tmp_path)
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("pkg/core.py", "def g(:\n")
    repo.commit("break")
    result = run_cli("check", "--compare-ref", "main", "--no-cache", cwd=tmp_path)
    assert result.code == 1
    assert "FAIL errors: 1 error(s) in files: pkg/core.py (syntax error" in result.out
    assert run_cli("check", "--no-fail-on-errors", "--no-cache", cwd=tmp_path).code == 0


def test_configured_baseline_path_scope_and_subfolders(tmp_path: Path, run_cli) -> None:
    repo = base_repo(tmp_path)
    repo.write("pyproject.toml", '[tool.docaudit]\nbaseline = "ci/base.json"\n')
    (tmp_path / "ci").mkdir()
    assert run_cli("baseline", "--no-cache", cwd=tmp_path).code == 0
    assert (tmp_path / "ci" / "base.json").is_file()
    assert not (tmp_path / ".docaudit-baseline.json").exists()
    assert run_cli("check", "--no-cache", cwd=tmp_path / "pkg").code == 2  # other scope
    root = run_cli("check", ".", "--no-cache", cwd=tmp_path)
    assert root.code == 0, root.out + root.err
    narrow = run_cli("baseline", "pkg", "--no-cache", cwd=tmp_path)
    assert narrow.code == 0
    mismatch = run_cli("check", "--no-cache", cwd=tmp_path)
    assert mismatch.code == 2
    assert "the baseline covers pkg but this check audits ." in mismatch.err


def test_no_new_silos_without_silos_to_compare_is_an_error(tmp_path: Path, run_cli) -> None:
    base_repo(tmp_path)
    assert run_cli("baseline", "--no-cache", cwd=tmp_path).code == 0
    result = run_cli("check", "--no-new-silos", "--no-cache", cwd=tmp_path)
    assert result.code == 2
    assert "no-new-silos needs silos to compare with" in result.err


def test_error_paths_exit_2_without_a_traceback(tmp_path: Path, run_cli, monkeypatch) -> None:
    base_repo(tmp_path / "repo")
    repo = tmp_path / "repo"
    result = run_cli("baseline", "-o", "nodir/b.json", "--no-cache", cwd=repo)
    assert result.code == 2
    assert "cannot write the baseline" in result.err
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "m.py").write_text("def f():\n    pass\n", encoding="utf-8")
    outside = run_cli("check", "--new-code-fail-under", "50", "--no-cache", cwd=plain)
    assert outside.code == 2
    assert "changed code needs git" in outside.err
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "missing" / "summary.md"))
    github = run_cli("check", "-f", "10", "--format", "github", "--no-cache", cwd=repo)
    assert github.code == 0
    assert "cannot write the step summary" in github.err


def test_new_code_in_a_repository_without_commits(tmp_path: Path, run_cli) -> None:
    repo = make_repo(tmp_path)
    repo.write("m.py", '"""M."""\n\n\ndef f():\n    pass\n')
    repo.git("add", "-A")
    result = run_cli("check", "--new-code-fail-under", "100", "--no-cache", cwd=tmp_path)
    assert result.code == 1
    assert "1 of 2 changed symbol(s) documented" in result.out
