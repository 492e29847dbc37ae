"""Knowledge silos on real git repositories built with fixed names and dates."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from docaudit import api
from docaudit.config.settings import Config
from docaudit.git.repository import Repository
from docaudit.history.identities import People
from docaudit.history.log import MiningOptions, mine
from docaudit.history.ownership import degree_of_authorship, file_authorship, knowers
from tests.helpers import ALICE, BOB, CAROL, GitRepo, build_org, make_repo

ORG_TABLE = """\
module      files    bus factor    historical  top owner      share  last active    flags
--------  -------  ------------  ------------  -----------  -------  -------------  -------
tools           1             0             2  Carol           100%  2024-01-05     orphan
billing         3             1             1  Alice           100%  2024-09-02     silo
(root)          1             1             1  Alice           100%  2024-09-02     silo
shared          4             2             2  Alice            50%  2024-09-02
Repository bus factor: 1 (key people: alice@example.com); historical: 1 (alice@example.com)
9 files, 7 commits by 4 authors (0 bulk or ignored commits skipped)
"""


def silos(path: Path, **settings: object):
    return api.silos(path, Config.of(cache=False).with_overrides(dict(settings)))


def test_degree_of_authorship_formula() -> None:
    assert degree_of_authorship(1, 0, 0) == pytest.approx(4.391)
    assert degree_of_authorship(1, 2, 1) == pytest.approx(
        3.293 + 1.098 + 0.328 - 0.321 * math.log(2)
    )
    assert degree_of_authorship(0, 1, 2) == pytest.approx(3.457 - 0.321 * math.log(3))


def test_exact_doa_and_authorship(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    repo.commit_as(ALICE, "2024-01-01", {"f.py": "1\n"})
    repo.commit_as(ALICE, "2024-01-02", {"f.py": "2\n"})
    repo.commit_as(ALICE, "2024-01-03", {"f.py": "3\n"})
    repo.commit_as(BOB, "2024-01-04", {"f.py": "4\n"})
    git = Repository(tmp_path)
    head = git.resolve("HEAD")
    history = mine(git, head, {"f.py"}, MiningOptions())
    people = People(history.commits_by)
    doa = {
        p.email: v
        for p, v in file_authorship(history.files["f.py"], people, history.newest).items()
    }
    assert doa["alice@example.com"] == pytest.approx(4.496500, abs=1e-6)
    assert doa["bob@example.com"] == pytest.approx(3.104345, abs=1e-6)
    authors = knowers(file_authorship(history.files["f.py"], people, history.newest))
    assert {p.email for p in authors} == {"alice@example.com"}


def test_worked_example_modules(tmp_path: Path) -> None:
    report = silos(build_org(tmp_path).path)
    # The newest commit is 2024-09-02, so whoever last committed before 2024-03-06 (180
    # days) is inactive: Carol (2024-01-03) and Dave (2024-01-05), the only people who
    # know tools/, which has no one left (effective 0, an orphan; historically 2).
    rows = [
        (m.module, m.files, m.lines, m.bus_factor, m.silo, m.orphan, m.key_people)
        for m in report.modules
    ]
    assert rows == [
        ("tools", 1, 1, 0, False, True, []),
        ("billing", 3, 5, 1, True, False, ["alice@example.com"]),
        ("(root)", 1, 1, 1, True, False, ["alice@example.com"]),
        ("shared", 4, 5, 2, False, False, ["alice@example.com", "bob@example.com"]),
    ]
    historical = [
        (m.module, m.historical_bus_factor, m.historical_key_people) for m in report.modules
    ]
    assert historical == [
        ("tools", 2, ["carol@example.com", "dave@example.com"]),
        ("billing", 1, ["alice@example.com"]),
        ("(root)", 1, ["alice@example.com"]),
        ("shared", 2, ["alice@example.com", "bob@example.com"]),
    ]
    repo = report.repo
    assert (repo.bus_factor, repo.key_people) == (1, ["alice@example.com"])
    assert (repo.historical_bus_factor, repo.historical_key_people) == (1, ["alice@example.com"])
    assert (repo.commits, repo.authors, repo.files, repo.skipped_commits) == (7, 4, 9, 0)
    # Files only one active person knows: tools/new.py has no one active, so it is nobody's.
    assert report.sole_files == {
        "alice@example.com": [
            "README.md", "billing/__init__.py", "billing/invoice.py", "billing/tax.py",
            "shared/__init__.py", "shared/a.py",
        ],
        "bob@example.com": ["shared/b.py", "shared/c.py"],
    }  # fmt: skip
    tools = report.modules[0]
    assert [(o.email, o.files_known, o.share, o.last_commit) for o in tools.owners] == [
        ("carol@example.com", 1, 1.0, "2024-01-03"),
        ("dave@example.com", 1, 1.0, "2024-01-05"),
    ]
    assert [(a.name, a.commits, a.files_known, a.last_commit) for a in report.authors] == [
        ("Alice", 3, 6, "2024-09-02"),
        ("Bob", 2, 2, "2024-09-01"),
        ("Carol", 1, 1, "2024-01-03"),
        ("Dave", 1, 1, "2024-01-05"),
    ]


def test_departed_author_recomputes_everything(tmp_path: Path) -> None:
    report = silos(build_org(tmp_path).path, departed=("alice@example.com",))
    rows = {
        m.module: (m.bus_factor, m.orphan, m.key_people, m.historical_bus_factor)
        for m in report.modules
    }
    # Alice's files are known by nobody at all now: billing/ is an orphan either way.
    assert rows["billing"] == (0, True, [], 0)
    # Bob alone still knows exactly half of shared/, which is not fewer than half.
    assert rows["shared"] == (1, False, ["bob@example.com"], 1)
    assert rows["tools"] == (0, True, [], 2)
    assert (report.repo.bus_factor, report.repo.historical_bus_factor) == (0, 0)


def test_inactive_after_window(tmp_path: Path) -> None:
    report = silos(build_org(tmp_path).path, inactive_after=365)
    # Within 365 days of 2024-09-02 Carol and Dave are still active.
    tools = {m.module: m for m in report.modules}["tools"]
    assert (tools.bus_factor, tools.orphan, tools.key_people) == (
        2, False, ["carol@example.com", "dave@example.com"],
    )  # fmt: skip


def test_json_is_deterministic_and_complete(tmp_path: Path, run_cli) -> None:
    build_org(tmp_path)
    first = run_cli("silos", str(tmp_path), "--format", "json", "--no-cache").out
    second = run_cli("silos", str(tmp_path), "--format", "json", "--no-cache").out
    assert first == second
    document = json.loads(first)
    assert document["schema"] == "docaudit/1"
    assert document["repo"] == {
        "bus_factor": 1,
        "key_people": ["alice@example.com"],
        "historical_bus_factor": 1,
        "historical_key_people": ["alice@example.com"],
        "commits": 7,
        "authors": 4,
        "files": 9,
        "skipped_commits": 0,
    }
    assert document["modules"][0] == {
        "module": "tools",
        "files": 1,
        "lines": 1,
        "bus_factor": 0,
        "silo": False,
        "orphan": True,
        "key_people": [],
        "historical_bus_factor": 2,
        "historical_key_people": ["carol@example.com", "dave@example.com"],
        "owners": [
            {
                "name": "Carol",
                "email": "carol@example.com",
                "files_known": 1,
                "share": 1.0,
                "last_commit": "2024-01-03",
            },
            {
                "name": "Dave",
                "email": "dave@example.com",
                "files_known": 1,
                "share": 1.0,
                "last_commit": "2024-01-05",
            },
        ],
    }
    assert document["modules"][1] == {
        "module": "billing",
        "files": 3,
        "lines": 5,
        "bus_factor": 1,
        "silo": True,
        "orphan": False,
        "key_people": ["alice@example.com"],
        "historical_bus_factor": 1,
        "historical_key_people": ["alice@example.com"],
        "owners": [
            {
                "name": "Alice",
                "email": "alice@example.com",
                "files_known": 3,
                "share": 1.0,
                "last_commit": "2024-09-02",
            }
        ],
    }
    assert document["authors"][1] == {
        "name": "Bob",
        "emails": ["bob@example.com"],
        "commits": 2,
        "files_known": 2,
        "last_commit": "2024-09-01",
    }
    assert document["likely_aliases"] == []


def test_table_output(tmp_path: Path, run_cli) -> None:
    build_org(tmp_path)
    result = run_cli("silos", str(tmp_path), "--no-cache")
    assert result.code == 0
    assert result.out == ORG_TABLE


def _merge(repo: GitRepo, branch: str, date: str) -> None:
    """Merge ``branch`` into the current branch with a fixed date."""
    import os
    import subprocess

    when = f"{date}T12:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(
        ["git", "merge", "-q", "--no-edit", branch], cwd=repo.path, env=env, check=True,
        capture_output=True,
    )  # fmt: skip


def build_merged_rename(path: Path, cache_between: callable | None = None) -> GitRepo:
    """Alice creates x.py; Carol renames it to y.py on main; Bob edits x.py four times on a
    branch forked before the rename; the branch is merged."""
    repo = make_repo(path)
    repo.commit_as(ALICE, "2024-01-01", {"x.py": "line 1\nline 2\nline 3\nline 4\nline 5\n"})
    repo.git("branch", "side")
    repo.commit_as(CAROL, "2024-01-02", moves=(("x.py", "y.py"),))
    if cache_between is not None:
        cache_between(repo)
    repo.git("checkout", "-q", "side")
    for day in range(3, 7):
        repo.commit_as(
            BOB, f"2024-01-0{day}", {"x.py": f"line {day}\nline 2\nline 3\nline 4\nline 5\n"}
        )
    repo.git("checkout", "-q", "main")
    _merge(repo, "side", "2024-01-07")
    return repo


def test_edits_on_a_merged_branch_follow_the_rename(tmp_path: Path) -> None:
    report = silos(build_merged_rename(tmp_path).path)
    # y.py: Alice created it; Bob made 4 of its 5 changes, Carol 1 (the rename).
    # Alice 3.293 + 1.098 - 0.321 ln 6 = 3.816; Bob 3.293 + 0.656 - 0.321 ln 2 = 3.727
    # (0.98 of Alice's); Carol 3.457 - 0.321 ln 5 = 2.940: not an author.
    module = report.modules[0]
    assert [o.email for o in module.owners] == ["bob@example.com", "alice@example.com"]
    assert module.bus_factor == 2


def test_merged_branch_after_a_cached_run_matches_a_cold_run(tmp_path: Path, run_cli) -> None:
    def warm(repo: GitRepo) -> None:
        assert run_cli("silos", str(repo.path), "--format", "json").code == 0

    repo = build_merged_rename(tmp_path, cache_between=warm)
    cached = run_cli("silos", str(repo.path), "--format", "json").out
    assert cached == run_cli("silos", str(repo.path), "--format", "json", "--no-cache").out
    assert '"bob@example.com"' in cached


def test_a_coauthor_trailer_for_the_author_counts_once(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    repo.commit_as(BOB, "2024-01-01", {"f.py": "1\n"})
    repo.commit_as(
        ("Alice", "alice@x.org"),
        "2024-01-02",
        {"f.py": "2\n"},
        message="squash\n\nCo-authored-by: Alice <alice@users.noreply.github.com>\n",
    )
    repo.commit_as(CAROL, "2024-01-03", {"f.py": "3\n"})
    repo.commit_as(CAROL, "2024-01-04", {"f.py": "4\n"})
    report = silos(tmp_path)
    # Alice: DL = 1, AC = 2: 3.293 + 0.164 - 0.321 ln 3 = 3.104 < 3.293, so she does not
    # know f.py; Bob (FA, AC 3: 3.946) and Carol (DL 2, AC 1: 3.398) do.
    assert [(a.name, a.commits) for a in report.authors if a.name == "Alice"] == [("Alice", 1)]
    assert report.modules[0].bus_factor == 2
    assert {o.email for o in report.modules[0].owners} == {"bob@example.com", "carol@example.com"}
