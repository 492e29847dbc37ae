"""Hostile values on their way to git, and messages that name why git cannot help.

Every value that reaches git from a file or a flag (the baseline's commit, ``--rev``,
``--compare-ref``, ``--since``, ``--until``) is verified first, so ``--output=FILE``
never reaches git as an option: each test proves the file it names never appears and a
file already there keeps its bytes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO, GitRepo, make_repo

DOCUMENTED = '"""A module."""\n\n\ndef f():\n    """Do it."""\n'


def _repo(tmp_path: Path) -> GitRepo:
    """A one-commit repository at ``tmp_path/repo``, with a precious file beside it."""
    (tmp_path / "precious.txt").write_text("keep\n", encoding="utf-8")
    return make_repo(tmp_path / "repo", {"m.py": DOCUMENTED})


def _untouched(tmp_path: Path) -> None:
    """Assert that git wrote nothing next to the repository."""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["precious.txt", "repo"]
    assert (tmp_path / "precious.txt").read_text(encoding="utf-8") == "keep\n"


@pytest.mark.parametrize(
    ("commit", "shown"),
    [
        ("--output=../precious.txt", "--output=../precious.txt"),
        ("--output=../new.txt", "--output=../new.txt"),
        ("HEAD\n--output=../precious.txt", "'HEAD\\n--output=../precious.txt'"),
    ],
)
def test_baseline_commit_never_reaches_git_as_an_option(
    tmp_path: Path, run_cli, commit: str, shown: str
) -> None:
    repo = _repo(tmp_path)
    assert run_cli("baseline", cwd=repo.path).code == 0
    baseline = repo.path / ".docaudit-baseline.json"
    document = json.loads(baseline.read_text(encoding="utf-8"))
    document["commit"] = commit
    baseline.write_text(json.dumps(document), encoding="utf-8")
    result = run_cli("check", cwd=repo.path)
    assert result.code == 0
    assert result.err == (
        f"docaudit: {baseline}: commit {shown}: no such commit in {repo.path}:"
        " files renamed since the baseline are not followed\n"
    )
    _untouched(tmp_path)


def test_compare_ref_is_verified_as_a_commit(tmp_path: Path, run_cli) -> None:
    repo = _repo(tmp_path)
    result = run_cli(
        "check", "--compare-ref=--output=../precious.txt", "--fail-under", "0", cwd=repo.path
    )
    assert result.code == 2
    assert result.err == (
        f"docaudit: error: --compare-ref --output=../precious.txt: no such commit in {repo.path}\n"
    )
    _untouched(tmp_path)


@pytest.mark.parametrize("command", ["silos", "audit"])
def test_rev_is_verified_as_a_commit(tmp_path: Path, run_cli, command: str) -> None:
    repo = _repo(tmp_path)
    result = run_cli(command, "--rev=--output=../precious.txt", cwd=repo.path)
    message = f"--rev --output=../precious.txt: no such commit in {repo.path}"
    assert result.code == 2
    assert result.err == f"docaudit: error: {message}\n"
    _untouched(tmp_path)


def test_rev_from_the_repository_config_is_verified(tmp_path: Path, run_cli) -> None:
    repo = _repo(tmp_path)
    repo.write("pyproject.toml", '[tool.docaudit]\nrev = "--output=../precious.txt"\n')
    result = run_cli("silos", cwd=repo.path)
    assert result.code == 2
    assert result.err == (
        f"docaudit: error: --rev --output=../precious.txt: no such commit in {repo.path}\n"
    )
    _untouched(tmp_path)


@pytest.mark.parametrize("option", ["--since", "--until"])
@pytest.mark.parametrize(
    ("value", "shown"),
    [("--output=../precious.txt", "'--output=../precious.txt'"), ("garbage", "garbage")],
)
def test_dates_are_parsed_carefully(
    tmp_path: Path, run_cli, option: str, value: str, shown: str
) -> None:
    repo = _repo(tmp_path)
    result = run_cli("silos", f"{option}={value}", cwd=repo.path)
    assert result.code == 2
    assert result.err == f"docaudit: error: {option} {shown}: not a date git understands\n"
    _untouched(tmp_path)


def test_a_real_date_still_bounds_the_history(tmp_path: Path, run_cli) -> None:
    repo = _repo(tmp_path)
    result = run_cli("silos", "--since=2024-01-01", "--format", "json", cwd=repo.path)
    assert result.code == 0
    assert json.loads(result.out)["repo"]["commits"] == 1
    later = run_cli("silos", "--since=2024-06-01", "--format", "json", cwd=repo.path)
    assert json.loads(later.out)["repo"]["commits"] == 0


def test_git_missing_from_path_is_named(
    tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _repo(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    silos = run_cli("silos", cwd=repo.path)
    assert silos.code == 2
    assert silos.err == "docaudit: error: git is not installed or not on PATH\n"
    audit = run_cli("audit", cwd=repo.path)
    assert audit.code == 0
    assert audit.err == (
        "docaudit: .: git is not installed or not on PATH: ownership needs git history\n"
    )


def test_git_that_cannot_start_is_named(
    tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _repo(tmp_path)
    broken = tmp_path / "gitconfig"
    broken.write_text("[broken\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(broken))
    silos = run_cli("silos", cwd=repo.path)
    assert silos.code == 2
    assert silos.err == (
        "docaudit: error: docaudit silos needs a git repository: .: git cannot run here:"
        f" fatal: bad config line 1 in file {broken}\n"
    )


def test_a_bare_repository_is_audited_from_its_objects(tmp_path: Path, run_cli) -> None:
    repo = _repo(tmp_path)
    bare = tmp_path / "bare.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(repo.path), str(bare)], check=True)
    silos = run_cli("silos", "--format", "json", cwd=bare)
    assert silos.code == 0
    assert json.loads(silos.out)["repo"]["commits"] == 1
    audit = run_cli("audit", "--format", "json", cwd=bare)
    assert (audit.code, audit.err) == (0, "")
    summary = json.loads(audit.out)["coverage"]["summary"]
    assert (summary["total"], summary["missing"]) == (2, 0)  # m.py read from git objects
    for command in ("coverage", "check", "config", "baseline"):
        result = run_cli(command, cwd=bare)
        assert result.code == 2
        assert result.err == (
            f"docaudit: error: {bare}: a bare repository (no work tree): docaudit audit reads"
            " its files from git objects; the other commands need a checkout\n"
        )


@pytest.mark.slow
def test_python_m_never_runs_the_scanned_folders_docaudit(tmp_path: Path) -> None:
    """``python -m docaudit`` in a folder with a ``docaudit/`` of its own runs the installed one.

    docaudit is installed (not editable, as ``pip install .`` does) into a virtualenv
    that sees this environment's packages, and run where a planted package would write
    a file if it were ever imported.
    """
    source = tmp_path / "source"
    for name in ("pyproject.toml", "setup.py", "docaudit-safe-main.pth", "README.md"):
        shutil.copy(REPO / name, source / name if source.exists() else _mkdir(source) / name)
    shutil.copytree(REPO / "docaudit", source / "docaudit", ignore=_not_built)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--no-deps", str(source)],
        check=True,
        capture_output=True,
    )
    scanned = tmp_path / "scanned"
    planted = scanned / "docaudit"
    planted.mkdir(parents=True)
    (planted / "__init__.py").write_text(f"open({str(tmp_path / 'RAN')!r}, 'w')\n")
    (planted / "__main__.py").write_text(f"open({str(tmp_path / 'RAN')!r}, 'w')\n")
    (scanned / "m.py").write_text(DOCUMENTED, encoding="utf-8")
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    for flags in (["-m"], ["-u", "-m"], ["-Bm"], ["-X", "utf8", "-m"]):
        done = subprocess.run(
            [python, *flags, "docaudit", "coverage", ".", "-q"],
            cwd=scanned,
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert (done.returncode, done.stdout, done.stderr) == (0, "TOTAL 4 2 50.0%\n", "")
        assert not (tmp_path / "RAN").exists(), flags


def _mkdir(path: Path) -> Path:
    """Create a folder and return it."""
    path.mkdir(parents=True)
    return path


def _not_built(_folder: str, names: list[str]) -> list[str]:
    """Leave compiled files out of a copied package."""
    return [name for name in names if name == "__pycache__"]
