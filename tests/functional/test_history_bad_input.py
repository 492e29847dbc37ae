"""Bad repositories: each a one-line message and exit 2, or handled correctly."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from docaudit import api
from docaudit.config.settings import Config
from tests.helpers import ALICE, AUTHOR, make_repo


def two_commits(path: Path):
    repo = make_repo(path)
    repo.commit_as(ALICE, "2024-01-01", {"pkg/__init__.py": "", "pkg/a.py": "a\n"})
    repo.commit_as(("Bob", "bob@example.com"), "2024-01-02", {"pkg/b.py": "b\n"})
    return repo


def test_not_a_git_repository(tmp_path: Path, run_cli) -> None:
    result = run_cli("silos", str(tmp_path))
    assert result.code == 2
    assert result.err == (
        "docaudit: error: docaudit silos needs a git repository:"
        f" {tmp_path}: not in a git repository\n"
    )


def test_shallow_clone_is_refused_unless_allowed(tmp_path: Path, run_cli) -> None:
    two_commits(tmp_path / "origin")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{tmp_path / 'origin'}", str(clone)],
        check=True,
    )
    result = run_cli("silos", str(clone), "--no-cache")
    assert result.code == 2
    assert "is a shallow clone" in result.err
    assert "fetch-depth: 0" in result.err
    assert result.err.count("\n") == 1
    allowed = run_cli("silos", str(clone), "--no-cache", "--allow-shallow", "--format", "json")
    assert allowed.code == 0
    assert '"commits": 1' in allowed.out


def test_empty_repository(tmp_path: Path, run_cli) -> None:
    make_repo(tmp_path)
    result = run_cli("silos", str(tmp_path), "--no-cache")
    assert result.code == 0
    assert result.err == f"docaudit: {tmp_path} has no commits yet\n"
    assert result.out == (
        "Repository bus factor: 0 (key people: nobody); historical: 0 (nobody)\n"
        "0 files, 0 commits by 0 authors (0 bulk or ignored commits skipped)\n"
    )


def test_bare_repository_and_detached_head_and_rev(tmp_path: Path) -> None:
    repo = two_commits(tmp_path / "work")
    bare = tmp_path / "bare.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(repo.path), str(bare)], check=True)
    config = Config.of(cache=False)
    from_bare = api.silos(bare, config)
    assert (from_bare.repo.files, from_bare.repo.commits) == (3, 2)
    assert [m.module for m in from_bare.modules] == ["pkg"]
    repo.git("checkout", "-q", "--detach", "HEAD~1")
    detached = api.silos(repo.path, config)
    assert (detached.repo.files, detached.repo.commits) == (2, 1)
    older = api.silos(bare, config.with_overrides({"rev": "HEAD~1"}))
    assert (older.repo.files, older.repo.commits) == (2, 1)


def test_unknown_revision(tmp_path: Path, run_cli) -> None:
    two_commits(tmp_path)
    result = run_cli("silos", str(tmp_path), "--rev", "no-such-branch", "--no-cache")
    assert result.code == 2
    assert "--rev no-such-branch: no such commit" in result.err


def test_submodules_are_skipped_and_said(tmp_path: Path, run_cli) -> None:
    inner = two_commits(tmp_path / "inner")
    outer = make_repo(tmp_path / "outer", {"main.py": "m\n"})
    outer.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", str(inner.path), "lib")
    outer.commit("add submodule")
    result = run_cli("silos", str(outer.path), "--no-cache", "--format", "json")
    assert result.code == 0
    assert "skipped 1 submodule(s): lib" in result.err
    assert '"files": 2' in result.out  # main.py and .gitmodules


def test_git_missing_from_path(tmp_path: Path, run_cli, monkeypatch) -> None:
    two_commits(tmp_path / "repo")
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = run_cli("silos", str(tmp_path / "repo"), "--no-cache")
    assert (result.code, result.err) == (
        2,
        "docaudit: error: git is not installed or not on PATH\n",
    )


def test_missing_objects_are_reported_not_silently_truncated(tmp_path: Path, run_cli) -> None:
    repo = two_commits(tmp_path)
    first_tree = repo.git("rev-parse", "HEAD~1^{tree}").strip()
    os.remove(repo.path / ".git" / "objects" / first_tree[:2] / first_tree[2:])
    result = run_cli("silos", str(tmp_path), "--no-cache")
    assert result.code == 2
    assert "git log stopped part-way" in result.err
    assert "missing objects" in result.err


def test_odd_file_names_and_undecodable_names(tmp_path: Path, run_cli) -> None:
    repo = make_repo(tmp_path)
    repo.commit_as(
        ALICE,
        "2024-01-01",
        {"with space.py": "s\n", 'quo"te.py': "q\n", "new\nline.py": "n\n", "ünï.py": "u\n"},
    )
    with open(os.fsencode(tmp_path) + b"/caf\xe9.py", "wb") as handle:
        handle.write(b"c\n")
    repo.git("add", "-A")
    env = {
        **{k.encode(): v.encode() for k, v in os.environ.items()},
        b"GIT_AUTHOR_NAME": b"Jos\xe9",
    }
    env.update({k.encode(): v.encode() for k, v in AUTHOR.items() if k != "GIT_AUTHOR_NAME"})
    subprocess.run(["git", "commit", "-q", "-m", "latin-1"], cwd=tmp_path, env=env, check=True)
    report = api.silos(tmp_path, Config.of(cache=False))
    assert report.repo.files == 5
    # git reads the Latin-1 name as such and prints it as UTF-8.
    assert sorted(a.name for a in report.authors) == ["Alice", "José"]
    table = run_cli("silos", str(tmp_path), "--no-cache", "--module-depth", "1")
    assert table.code == 0
    assert "(root)          5" in table.out


def test_silos_path_must_exist_and_may_be_a_file(tmp_path: Path, run_cli) -> None:
    two_commits(tmp_path)
    missing = run_cli("silos", "nope", "--no-cache", cwd=tmp_path)
    assert (missing.code, missing.err) == (2, "docaudit: error: nope: no such file or directory\n")
    one = api.silos(tmp_path / "pkg" / "a.py", Config.of(cache=False))
    assert (one.repo.files, [m.module for m in one.modules]) == (1, ["pkg"])
