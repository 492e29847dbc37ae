"""Effective and historical bus factors: only people still active count in the headline."""

from __future__ import annotations

import json
from pathlib import Path

from docaudit import api
from docaudit.config.settings import Config
from tests.helpers import GitRepo, make_repo

ANN = ("Ann", "ann@example.com")
OLA = ("Ola", "ola@example.com")
IMP = ("Imp", "imp@example.com")


def silos(path: Path, **settings: object):
    return api.silos(path, Config.of(cache=False).with_overrides(dict(settings)))


def build_team(path: Path) -> GitRepo:
    """core/: Ola wrote b.py in 2020, Ann wrote a.py in 2024 (one active, one inactive);
    legacy/: only Ola, in 2020. The newest commit is Ann's, 2024-06-01."""
    repo = make_repo(path)
    repo.commit_as(OLA, "2020-01-01", {"core/b.py": "b = 1\n"})
    repo.commit_as(OLA, "2020-01-02", {"legacy/x.py": "x = 1\n"})
    repo.commit_as(ANN, "2024-05-01", {"notes.txt": "n\n"})
    repo.commit_as(ANN, "2024-05-02", {"notes.txt": "n\nn\n"})
    repo.commit_as(ANN, "2024-06-01", {"core/a.py": "a = 1\n"})
    return repo


def rows(report) -> dict[str, tuple]:
    return {
        m.module: (
            m.bus_factor, m.key_people, m.historical_bus_factor, m.historical_key_people,
            m.silo, m.orphan,
        )
        for m in report.modules
    }  # fmt: skip


def test_inactive_knowers_do_not_count(tmp_path: Path) -> None:
    report = silos(build_team(tmp_path).path)
    # Ola's last commit (2020-01-02) is more than 180 days before 2024-06-01: inactive.
    # core/: Ann knows a.py, Ola b.py. Historically, removing Ann (3 commits) leaves
    # b.py known (half, not fewer), removing Ola leaves nothing: 2. Effectively only
    # Ann counts; removing her leaves nothing: 1, a silo.
    # legacy/: Ola alone, historically 1; effectively nobody: 0, an orphan.
    assert rows(report) == {
        "legacy": (0, [], 1, ["ola@example.com"], False, True),
        "(root)": (1, ["ann@example.com"], 1, ["ann@example.com"], True, False),
        "core": (1, ["ann@example.com"], 2, ["ann@example.com", "ola@example.com"], True, False),
    }
    assert [m.module for m in report.modules] == ["legacy", "core", "(root)"]
    # Repository: Ann knows 2 of 4 files, Ola 2. Historically 2 (Ann, then Ola); only
    # Ann is active and her leaving leaves nothing: effectively 1.
    repo = report.repo
    assert (repo.bus_factor, repo.key_people) == (1, ["ann@example.com"])
    assert (repo.historical_bus_factor, repo.historical_key_people) == (
        2, ["ann@example.com", "ola@example.com"],
    )  # fmt: skip
    # The departure view is effective: Ola's files have nobody still here already.
    assert report.sole_files == {"ann@example.com": ["core/a.py", "notes.txt"]}
    # Owners and files known stay historical, with the last commit to tell who is here.
    core = {m.module: m for m in report.modules}["core"]
    assert [(o.email, o.files_known, o.last_commit) for o in core.owners] == [
        ("ann@example.com", 1, "2024-06-01"),
        ("ola@example.com", 1, "2020-01-02"),
    ]
    assert [(a.name, a.files_known) for a in report.authors] == [("Ann", 2), ("Ola", 2)]


def test_inactive_after_zero_counts_everyone(tmp_path: Path) -> None:
    report = silos(build_team(tmp_path).path, inactive_after=0)
    assert rows(report) == {
        "legacy": (1, ["ola@example.com"], 1, ["ola@example.com"], True, False),
        "(root)": (1, ["ann@example.com"], 1, ["ann@example.com"], True, False),
        "core": (
            2, ["ann@example.com", "ola@example.com"], 2, ["ann@example.com", "ola@example.com"],
            False, False,
        ),
    }  # fmt: skip
    repo = report.repo
    assert (repo.bus_factor, repo.historical_bus_factor) == (2, 2)
    assert repo.key_people == repo.historical_key_people == ["ann@example.com", "ola@example.com"]
    assert report.sole_files == {
        "ann@example.com": ["core/a.py", "notes.txt"],
        "ola@example.com": ["core/b.py", "legacy/x.py"],
    }


def test_a_long_window_makes_the_old_author_active(tmp_path: Path) -> None:
    # 2020-01-02 is 1,612 days before 2024-06-01: a window of 1,612 days keeps Ola, 1,611
    # does not.
    kept = rows(silos(build_team(tmp_path).path, inactive_after=1612))
    assert kept["legacy"] == (1, ["ola@example.com"], 1, ["ola@example.com"], True, False)
    dropped = rows(silos(build_team(tmp_path / "again").path, inactive_after=1611))
    assert dropped["legacy"] == (0, [], 1, ["ola@example.com"], False, True)


def test_json_and_table_show_both(tmp_path: Path, run_cli) -> None:
    build_team(tmp_path)
    result = run_cli("silos", str(tmp_path), "--no-cache", "--format", "json")
    assert result.code == 0
    document = json.loads(result.out)
    assert {k: document["repo"][k] for k in list(document["repo"])[:4]} == {
        "bus_factor": 1,
        "key_people": ["ann@example.com"],
        "historical_bus_factor": 2,
        "historical_key_people": ["ann@example.com", "ola@example.com"],
    }
    legacy = document["modules"][0]
    assert (legacy["module"], legacy["bus_factor"], legacy["orphan"]) == ("legacy", 0, True)
    assert (legacy["historical_bus_factor"], legacy["historical_key_people"]) == (
        1, ["ola@example.com"],
    )  # fmt: skip
    table = run_cli("silos", str(tmp_path), "--no-cache")
    assert table.out == (
        "module      files    bus factor    historical  top owner      share  last active"
        "    flags\n"
        "--------  -------  ------------  ------------  -----------  -------  -------------"
        "  -------\n"
        "legacy          1             0             1  Ola             100%  2020-01-02"
        "     orphan\n"
        "core            2             1             2  Ann              50%  2024-06-01"
        "     silo\n"
        "(root)          1             1             1  Ann             100%  2024-06-01"
        "     silo\n"
        "Repository bus factor: 1 (key people: ann@example.com);"
        " historical: 2 (ann@example.com, ola@example.com)\n"
        "4 files, 5 commits by 2 authors (0 bulk or ignored commits skipped)\n"
    )


def test_a_bulk_commit_that_adds_files_keeps_its_author_active(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    repo.commit_as(ANN, "2024-01-01", {"app/a.py": "a\n", "app/b.py": "b\n"})
    # Imp's only commit changes two existing files (more than --bulk-limit 1, so it earns
    # no credit) and adds imp/new.py, which still records Imp as its creator on 2024-06-01.
    repo.commit_as(
        IMP, "2024-06-01", {"app/a.py": "a2\n", "app/b.py": "b2\n", "imp/new.py": "n\n"}
    )
    report = silos(tmp_path, bulk_limit=1)
    assert report.repo.skipped_commits == 1
    imp = {m.module: m for m in report.modules}["imp"]
    assert (imp.bus_factor, imp.key_people, imp.orphan) == (1, ["imp@example.com"], False)
    assert [(a.name, a.commits, a.files_known, a.last_commit) for a in report.authors] == [
        ("Ann", 1, 2, "2024-01-01"),
        ("Imp", 0, 1, "2024-06-01"),
    ]


def test_the_maintainer_who_took_over_knows_what_a_departed_author_created(
    tmp_path: Path,
) -> None:
    """Ola created lib/a.py and changed it 10 times in 2020; Ann changed it 5 times in 2024.

    DOA(Ola) = 3.293 + 1.098 + 0.164·10 − 0.321·ln(1 + 5) = 5.456;
    DOA(Ann) = 3.293 + 0.164·5 − 0.321·ln(1 + 10) = 3.343.
    Historically only Ola knows it (3.343 / 5.456 = 0.61, under 0.75). Among the people
    still here Ann is the best, and 3.343 reaches the absolute 3.293: she knows it, so
    the effective bus factor is 1 (Ann), not 0.
    """
    repo = make_repo(tmp_path)
    repo.commit_as(OLA, "2020-01-01", {"lib/a.py": "a = 0\n"})
    for change in range(1, 11):
        repo.commit_as(OLA, f"2020-02-{change:02d}", {"lib/a.py": f"a = {change}\n"})
    for change in range(1, 6):
        repo.commit_as(ANN, f"2024-03-{change:02d}", {"lib/a.py": f"a = {100 + change}\n"})
    (module,) = silos(tmp_path).modules
    assert (module.historical_bus_factor, module.historical_key_people) == (
        1,
        ["ola@example.com"],
    )
    assert (module.bus_factor, module.key_people, module.orphan) == (
        1,
        ["ann@example.com"],
        False,
    )
