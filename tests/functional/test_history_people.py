"""Identities, bots, co-authors and noise filters in real repositories."""

from __future__ import annotations

import json
from pathlib import Path

from docaudit import api
from docaudit.config.settings import Config
from tests.helpers import ALICE, GitRepo, make_repo


def silos(path: Path, **settings: object):
    return api.silos(path, Config.of(cache=False).with_overrides(dict(settings)))


def build_people(path: Path) -> GitRepo:
    repo = make_repo(path)
    repo.write(".mailmap", "Alice <alice@example.com> <alice@old.example>\n")
    repo.commit_as(("Alice Old", "alice@old.example"), "2024-01-01", {"a.py": "a\n"})
    repo.commit_as(("Bob B", "bob@example.com"), "2024-01-02", {"b.py": "b\n"})
    repo.commit_as(("Robert", "BOB@example.com"), "2024-01-03", {"b.py": "b\nb\n"})
    repo.commit_as(("Zoë Doe", "zoe@one.example"), "2024-01-04", {"z.py": "z\n"})
    repo.commit_as(("zoe  DOE", "zoe@two.example"), "2024-01-05", {"z.py": "z\nz\n"})
    repo.commit_as(("Erin", "erin@example.com"), "2024-01-06", {"e.py": "e\n"})
    repo.commit_as(("Erin Ross", "erin@personal.example"), "2024-01-07", {"e.py": "e\ne\n"})
    bot = ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com")
    repo.commit_as(bot, "2024-01-08", {"a.py": "a\na\n"})
    repo.commit_as(
        ALICE,
        "2024-01-09",
        {"c.py": "c\n"},
        message="Add c\n\nCo-authored-by: Carol <carol@example.com>\n",
    )
    return repo


def people_of(report) -> list[tuple[str, list[str], int, int]]:
    return [(a.name, a.emails, a.commits, a.files_known) for a in report.authors]


def test_mailmap_email_and_name_merges_bots_and_coauthors(tmp_path: Path) -> None:
    report = silos(build_people(tmp_path).path)
    assert people_of(report) == [
        ("Alice", ["alice@example.com"], 2, 3),  # a.py, c.py and .mailmap
        ("Bob B", ["bob@example.com"], 2, 1),
        ("Zoë Doe", ["zoe@one.example", "zoe@two.example"], 2, 1),
        ("Carol", ["carol@example.com"], 1, 1),
        ("Erin", ["erin@example.com"], 1, 1),
        ("Erin Ross", ["erin@personal.example"], 1, 1),
    ]
    assert report.repo.commits == 9


def test_aliases_join_more_identities(tmp_path: Path) -> None:
    aliases = {"erin@example.com": ["erin@personal.example"]}
    report = silos(build_people(tmp_path).path, aliases=aliases)
    erin = [a for a in report.authors if a.name == "Erin"]
    assert [(a.emails, a.commits, a.files_known) for a in erin] == [
        (["erin@example.com", "erin@personal.example"], 2, 1)
    ]


def test_alias_flag(tmp_path: Path, run_cli) -> None:
    build_people(tmp_path)
    result = run_cli(
        "silos", str(tmp_path), "--no-cache", "--format", "json",
        "--alias", "erin@example.com=erin@personal.example",
    )  # fmt: skip
    assert result.code == 0
    authors = json.loads(result.out)["authors"]
    assert [a["emails"] for a in authors if a["name"].startswith("Erin")] == [
        ["erin@example.com", "erin@personal.example"]
    ]


def test_bots_are_kept_on_request(tmp_path: Path) -> None:
    report = silos(build_people(tmp_path).path, include_bots=True)
    # Its one change to a.py, which nobody else changed, is enough to know it.
    assert ("dependabot[bot]", 1, 1) in [
        (a.name, a.commits, a.files_known) for a in report.authors
    ]
    custom = silos(build_people(tmp_path / "again").path, bots=("carol@*",))
    assert "Carol" not in [a.name for a in custom.authors]


def test_coauthors_can_be_turned_off(tmp_path: Path) -> None:
    report = silos(build_people(tmp_path).path, coauthors=False)
    assert "Carol" not in [a.name for a in report.authors]


def build_reformatted(path: Path) -> tuple[GitRepo, str]:
    repo = make_repo(path)
    repo.commit_as(ALICE, "2024-01-01", {"a.py": "a\n", "b.py": "b\n"})
    reformat = repo.commit_as(
        ("Formatter", "fmt@example.com"), "2024-01-02", {"a.py": "a \n", "b.py": "b \n"}
    )
    repo.commit_as(ALICE, "2024-01-03", {".git-blame-ignore-revs": f"# black\n{reformat}\n"})
    return repo, reformat


def test_blame_ignore_revs_skip_bulk_reformats(tmp_path: Path) -> None:
    repo, _ = build_reformatted(tmp_path)
    report = silos(repo.path)
    assert report.repo.skipped_commits == 1
    assert report.repo.commits == 2
    assert [a.name for a in report.authors] == ["Alice"]
    kept = silos(repo.path, ignore_revs=False)
    assert kept.repo.skipped_commits == 0
    assert "Formatter" in [a.name for a in kept.authors]


def test_bulk_limit(tmp_path: Path) -> None:
    repo, _ = build_reformatted(tmp_path)
    report = silos(repo.path, ignore_revs=False, bulk_limit=1)
    assert (report.repo.skipped_commits, report.repo.commits) == (1, 2)
    assert silos(repo.path, ignore_revs=False, bulk_limit=0).repo.skipped_commits == 0


def test_vendored_and_generated_files_are_left_out(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    repo.commit_as(
        ALICE,
        "2024-01-01",
        {
            "app.py": "x\n",
            "vendor/lib.py": "v\n",
            "static/app.min.js": "m\n",
            "poetry.lock": "l\n",
            "logo.png": b"\x89PNG",
            "gen/api_pb2.py": "g\n",
            "legacy/old.py": "o\n",
        },
    )
    assert silos(repo.path).repo.files == 2
    assert silos(repo.path, vendored=("legacy/",)).repo.files == 1
    assert silos(repo.path, default_excludes=False).repo.files == 7


def test_module_rules(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    repo.commit_as(
        ALICE,
        "2024-01-01",
        {
            "setup.py": "s\n",
            "src/pkg/__init__.py": "p\n",
            "src/pkg/sub/__init__.py": "p\n",
            "src/pkg/sub/mod.py": "m\n",
            "src/pkg/data/table.csv": "d\n",
            "docs/guide/intro.md": "i\n",
            "services/api/main.go": "g\n",
        },
    )
    names = sorted(m.module for m in silos(repo.path).modules)
    # a Go file's module is its package folder, whatever the depth
    assert names == ["(root)", "docs", "services/api", "src/pkg", "src/pkg/sub"]
    deeper = sorted(m.module for m in silos(repo.path, module_depth=2).modules)
    assert deeper == ["(root)", "docs/guide", "services/api", "src/pkg", "src/pkg/sub"]
    globbed = sorted(m.module for m in silos(repo.path, modules=("src/*", "services/*")).modules)
    assert globbed == ["(root)", "docs", "services/api", "src/pkg"]


def test_knowledge_half_life_fades_old_work(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    repo.commit_as(ALICE, "2020-01-01", {"f.py": "1\n"})
    bob = ("Bob", "bob@example.com")
    for day in range(1, 4):
        repo.commit_as(bob, f"2024-01-0{day}", {"f.py": f"{day}\n"})
    plain = silos(repo.path)
    faded = silos(repo.path, knowledge_half_life=30)
    # Unweighted: Alice 3.293 + 1.098 - 0.321 ln 4 = 3.946; Bob 3.293 + 0.492 = 3.785,
    # 0.96 of Alice's: both know f.py. With a 30-day half-life Alice's creation four
    # years ago weighs nothing and Bob alone knows it.
    assert {o.email for o in plain.modules[0].owners} == {"alice@example.com", "bob@example.com"}
    assert [o.email for o in faded.modules[0].owners] == ["bob@example.com"]
