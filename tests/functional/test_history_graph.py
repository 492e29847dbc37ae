"""History is a graph: branches and merges, built as real repositories with fixed dates.

Every degree of authorship below is worked out by hand from
DOA = 3.293 + 1.098·FA + 0.164·DL − 0.321·ln(1 + AC); a person knows a file when
their DOA is at least 3.293 and above 0.75 of the file's best.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from docaudit import api
from docaudit.config.settings import Config
from docaudit.git.repository import Repository
from docaudit.history.identities import People
from docaudit.history.log import History, MiningOptions, extend, mine
from docaudit.history.ownership import file_authorship, knowers
from tests.helpers import ALICE, BOB, CAROL, DAVE, GitRepo, make_repo, merge_as

DAY = 86_400
JAN_1 = 1_704_110_400  # 2024-01-01T12:00:00Z, the hour commit_as uses


def day(n: int) -> int:
    """Return the time of 2024-01-n at noon, as commit_as dates it."""
    return JAN_1 + (n - 1) * DAY


def mined(path: Path, **options: object) -> History:
    """Mine the whole history of HEAD for the files at HEAD."""
    git = Repository(path)
    head = git.resolve("HEAD")
    files = {f.path for f in git.tree(head)[0]}
    return mine(git, head, files, MiningOptions(**options))


def degrees(history: History, path: str) -> dict[str, float]:
    """Return each person's degree of authorship of one file, by email."""
    people = People(history.commits_by)
    doa = file_authorship(history.files[path], people, history.newest)
    return {person.email: value for person, value in doa.items()}


def knowing(history: History, path: str) -> set[str]:
    """Return the emails of those who know one file."""
    people = People(history.commits_by)
    return {p.email for p in knowers(file_authorship(history.files[path], people, history.newest))}


def record(history: History, path: str) -> tuple:
    """Return a file's creators, creation time, sorted change times and changes by name."""
    found = history.files[path]
    own = {identity[0]: sorted(times) for identity, times in found.own.items()}
    return [i[0] for i in found.creators], found.created_at, sorted(found.commit_times), own


def silos(path: Path, **settings: object):
    """Run the silos report with no cache."""
    return api.silos(path, Config.of(cache=False).with_overrides(dict(settings)))


def build_side_deletion(path: Path) -> GitRepo:
    """Alice creates pkg/x.py and pkg/y.py and changes x.py; a branch forks; on it Bob
    deletes x.py and changes y.py; on main Carol changes x.py; the merge keeps x.py."""
    repo = make_repo(path)
    repo.commit_as(ALICE, "2024-01-01", {"pkg/x.py": "x = 1\n", "pkg/y.py": "y = 1\n"})
    repo.commit_as(ALICE, "2024-01-02", {"pkg/x.py": "x = 2\n"})
    repo.git("checkout", "-q", "-b", "side")
    repo.commit_as(BOB, "2024-01-03", {"pkg/y.py": "y = 2\n"}, remove=("pkg/x.py",))
    repo.git("checkout", "-q", "main")
    repo.commit_as(CAROL, "2024-01-04", {"pkg/x.py": "x = 3\n"})
    merge_as(repo, ALICE, "2024-01-05", "side", {"pkg/x.py": "x = 3\n"})
    return repo


def test_a_side_branch_deletion_keeps_the_main_line_history(tmp_path: Path) -> None:
    """Bob's deletion is on the side branch only: the main line that leads to HEAD kept
    x.py, so Alice's creation and her change before the fork still count.

    x.py: Alice FA 1, DL 1, AC 1 (Carol's change):
    3.293 + 1.098 + 0.164 − 0.321·ln 2 = 4.332500; Carol FA 0, DL 1, AC 1:
    3.457 − 0.321·ln 2 = 3.234500 < 3.293, so only Alice knows x.py (were the deletion
    followed, x.py would have no creator and Carol, 3.457, would be its only knower).
    y.py: Alice FA 1, AC 1: 4.391 − 0.321·ln 2 = 4.168500; Bob, whose change on the
    side branch counts, DL 1: 3.457 (0.83 of Alice's): both know it.
    Module pkg: Alice knows 2 files, Bob 1; without Alice half the files (x.py) are
    unknown, not more than half; without Bob too, both: bus factor 2.
    """
    history = mined(build_side_deletion(tmp_path).path)
    assert record(history, "pkg/x.py") == (
        ["Alice"],
        day(1),
        [day(2), day(4)],
        {"Alice": [day(2)], "Carol": [day(4)]},
    )
    assert degrees(history, "pkg/x.py") == pytest.approx(
        {"alice@example.com": 4.391 + 0.164 - 0.321 * math.log(2), "carol@example.com": 3.234500},
        abs=1e-6,
    )
    assert knowing(history, "pkg/x.py") == {"alice@example.com"}
    assert record(history, "pkg/y.py") == (["Alice"], day(1), [day(3)], {"Bob": [day(3)]})
    assert knowing(history, "pkg/y.py") == {"alice@example.com", "bob@example.com"}
    module = silos(tmp_path).modules[0]
    assert (module.module, module.bus_factor, module.key_people) == (
        "pkg",
        2,
        ["alice@example.com", "bob@example.com"],
    )
    assert [(o.email, o.files_known) for o in module.owners] == [
        ("alice@example.com", 2),
        ("bob@example.com", 1),
    ]


def test_a_file_added_on_two_branches_is_created_by_the_earliest_addition(
    tmp_path: Path,
) -> None:
    """Bob adds pkg/x.py on a branch (Jan 2), Carol adds it on main (Jan 3), the merge
    joins both, Carol changes it (Jan 5). The earliest addition creates the file;
    Carol's addition counts as her change.

    Bob FA 1, DL 0, AC 2: 3.293 + 1.098 − 0.321·ln 3 = 4.038345; Carol FA 0, DL 2,
    AC 0: 3.293 + 0.328 = 3.621 (0.90 of Bob's): both know it, bus factor 2, Carol
    first (two commits to Bob's one).
    """
    repo = make_repo(tmp_path)
    repo.commit_as(ALICE, "2024-01-01", {"README.md": "hi\n"})
    repo.git("checkout", "-q", "-b", "side")
    repo.commit_as(BOB, "2024-01-02", {"pkg/x.py": "b = 1\n"})
    repo.git("checkout", "-q", "main")
    repo.commit_as(CAROL, "2024-01-03", {"pkg/x.py": "c = 1\n"})
    merge_as(repo, ALICE, "2024-01-04", "side", {"pkg/x.py": "b = 1\nc = 1\n"})
    repo.commit_as(CAROL, "2024-01-05", {"pkg/x.py": "b = 1\nc = 2\n"})
    history = mined(tmp_path)
    assert record(history, "pkg/x.py") == (
        ["Bob"],
        day(2),
        [day(3), day(5)],
        {"Carol": [day(3), day(5)]},
    )
    assert degrees(history, "pkg/x.py") == pytest.approx(
        {"bob@example.com": 4.391 - 0.321 * math.log(3), "carol@example.com": 3.621}, abs=1e-6
    )
    pkg = next(m for m in silos(tmp_path).modules if m.module == "pkg")
    assert (pkg.bus_factor, pkg.key_people) == (2, ["carol@example.com", "bob@example.com"])


def test_a_file_created_anew_on_the_main_line_starts_its_history_again(
    tmp_path: Path,
) -> None:
    """Alice creates pkg/x.py; a branch forks and only adds pkg/w.py; on main Bob deletes
    x.py and Carol creates a new x.py; the merge takes Carol's. The branch left x.py
    alone, so it does not bring Alice's file back: Carol created x.py (FA 1, 4.391) and
    is the only one who knows it; Alice, Bob and Dave know nothing of it.
    """
    repo = make_repo(tmp_path)
    repo.commit_as(ALICE, "2024-01-01", {"pkg/x.py": "old = 1\n"})
    repo.git("checkout", "-q", "-b", "side")
    repo.commit_as(DAVE, "2024-01-04", {"pkg/w.py": "w = 1\n"})
    repo.git("checkout", "-q", "main")
    repo.commit_as(BOB, "2024-01-02", remove=("pkg/x.py",))
    repo.commit_as(CAROL, "2024-01-03", {"pkg/x.py": "new = 1\n"})
    merge_as(repo, ALICE, "2024-01-05", "side")
    history = mined(tmp_path)
    assert record(history, "pkg/x.py") == (["Carol"], day(3), [], {})
    assert degrees(history, "pkg/x.py") == pytest.approx({"carol@example.com": 4.391})
    assert record(history, "pkg/w.py") == (["Dave"], day(4), [], {})


def test_an_edit_merged_between_a_rename_and_its_undoing_follows_the_file(
    tmp_path: Path,
) -> None:
    """Alice creates pkg/p.py; a branch forks; on main Bob renames it to q.py (Jan 2);
    Dave edits p.py on the branch (Jan 3); the merge carries his edit into q.py (Jan 4);
    Carol renames q.py back to p.py (Jan 5). At the merge there was no p.py, so Dave's
    p.py went where Bob's rename took it, and on to today's p.py.

    Alice FA 1, AC 3: 4.391 − 0.321·ln 4 = 3.946000; Bob, Dave and Carol DL 1, AC 2:
    3.457 − 0.321·ln 3 = 3.104345 < 3.293: Alice alone knows p.py.
    """
    lines = "".join(f"line {n}\n" for n in range(1, 9))
    repo = make_repo(tmp_path)
    repo.commit_as(ALICE, "2024-01-01", {"pkg/p.py": lines})
    repo.git("checkout", "-q", "-b", "side")
    repo.commit_as(DAVE, "2024-01-03", {"pkg/p.py": lines.replace("line 1\n", "first\n")})
    repo.git("checkout", "-q", "main")
    repo.commit_as(BOB, "2024-01-02", moves=(("pkg/p.py", "pkg/q.py"),))
    merge_as(repo, ALICE, "2024-01-04", "side")
    assert (tmp_path / "pkg/q.py").read_text().startswith("first\n")
    repo.commit_as(CAROL, "2024-01-05", moves=(("pkg/q.py", "pkg/p.py"),))
    history = mined(tmp_path)
    assert record(history, "pkg/p.py") == (
        ["Alice"],
        day(1),
        [day(2), day(3), day(5)],
        {"Bob": [day(2)], "Dave": [day(3)], "Carol": [day(5)]},
    )
    assert degrees(history, "pkg/p.py") == pytest.approx(
        {
            "alice@example.com": 4.391 - 0.321 * math.log(4),
            "bob@example.com": 3.104345,
            "dave@example.com": 3.104345,
            "carol@example.com": 3.104345,
        },
        abs=1e-6,
    )


def test_coauthors_of_a_bulk_addition_get_no_credit(tmp_path: Path) -> None:
    """With bulk-limit 3, a commit adding or changing more than 3 files is bulk for its
    co-authors: Dave co-authors Alice's import of a–d.py (4 added) and Carol's commit
    changing c.py and d.py and adding e.py and f.py (4 touched, only 2 changed, so not
    bulk for Carol); he keeps the credit of Bob's one-file commit on b.py.

    a.py: Alice FA 1, AC 1: 4.391 − 0.321·ln 2 = 4.168500; Bob DL 1: 3.457: both know.
    b.py: Alice 4.168500; Bob and Dave DL 1: 3.457 each: all three know.
    c.py, d.py: Alice 4.168500; Carol DL 1: 3.457; Dave nothing (would be FA 1, DL 1,
    AC 0: 4.555, the best, if co-author credit counted).
    e.py, f.py: Carol FA 1: 4.391, alone.
    So Dave knows b.py only, with three commits; no commit is skipped.
    """
    repo = make_repo(tmp_path)
    trailer = "\n\nCo-authored-by: Dave <dave@example.com>\n"
    repo.commit_as(
        ALICE,
        "2024-01-01",
        {f"pkg/{n}.py": f"{n} = 1\n" for n in "abcd"},
        message="import" + trailer,
    )
    repo.commit_as(BOB, "2024-01-02", {"pkg/a.py": "a = 2\n"})
    repo.commit_as(BOB, "2024-01-03", {"pkg/b.py": "b = 2\n"}, message="pair" + trailer)
    more = {"pkg/c.py": "c = 2\n", "pkg/d.py": "d = 2\n", "pkg/e.py": "e\n", "pkg/f.py": "f\n"}
    repo.commit_as(CAROL, "2024-01-04", more, message="more" + trailer)
    history = mined(tmp_path, bulk_limit=3)
    assert record(history, "pkg/a.py") == (["Alice"], day(1), [day(2)], {"Bob": [day(2)]})
    assert record(history, "pkg/b.py") == (
        ["Alice"],
        day(1),
        [day(3)],
        {"Bob": [day(3)], "Dave": [day(3)]},
    )
    assert record(history, "pkg/c.py") == (["Alice"], day(1), [day(4)], {"Carol": [day(4)]})
    assert record(history, "pkg/e.py") == (["Carol"], day(4), [], {})
    assert degrees(history, "pkg/c.py") == pytest.approx(
        {"alice@example.com": 4.391 - 0.321 * math.log(2), "carol@example.com": 3.457}
    )
    assert knowing(history, "pkg/b.py") == {
        "alice@example.com",
        "bob@example.com",
        "dave@example.com",
    }
    report = silos(tmp_path, bulk_limit=3)
    assert [(a.name, a.commits, a.files_known) for a in report.authors] == [
        ("Alice", 1, 4),
        ("Carol", 1, 4),
        ("Bob", 2, 2),
        ("Dave", 3, 1),
    ]
    assert report.repo.skipped_commits == 0
    assert (report.repo.bus_factor, report.repo.key_people) == (
        2,
        ["alice@example.com", "carol@example.com"],
    )


def test_a_bulk_change_still_names_its_author_alone_as_creator(tmp_path: Path) -> None:
    """A commit changing more than bulk-limit files earns no credit, as before; the
    file it adds is still created by its author, not its co-author: g.py has Carol as
    creator (4.391) and Dave knows nothing."""
    repo = make_repo(tmp_path)
    repo.commit_as(ALICE, "2024-01-01", {f"pkg/{n}.py": f"{n} = 1\n" for n in "abcd"})
    changes = {f"pkg/{n}.py": f"{n} = 2\n" for n in "abcd"} | {"pkg/g.py": "g\n"}
    repo.commit_as(
        CAROL,
        "2024-01-02",
        changes,
        message="reformat\n\nCo-authored-by: Dave <dave@example.com>\n",
    )
    history = mined(tmp_path, bulk_limit=3)
    assert record(history, "pkg/g.py") == (["Carol"], day(2), [], {})
    assert record(history, "pkg/a.py") == (["Alice"], day(1), [], {})
    assert (history.skipped_bulk, history.commits) == (1, 1)


def normalized(history: History) -> tuple:
    """Return what a history says, lists sorted (an extended history lists the newer
    changes first, a fresh one in the order of the graph)."""
    files = {
        path: (
            record.creators,
            record.created_at,
            sorted(record.commit_times),
            {identity: sorted(times) for identity, times in record.own.items()},
        )
        for path, record in history.files.items()
    }
    counts = (history.newest, history.commits, history.skipped_bulk, history.skipped_ignored)
    return files, history.commits_by, history.last_commit, counts, history.renames


def build_branch_across_the_cache(path: Path) -> tuple[GitRepo, str]:
    """A branch forks from Alice's first commit; Bob deletes pkg/y.py and adds pkg/n.py
    on it (Jan 2); on main Carol changes y.py and adds her own n.py (Jan 3): the cached
    commit. Then Carol changes x.py (Jan 4) and the branch is merged, y.py kept (Jan 5)."""
    repo = make_repo(path)
    repo.commit_as(ALICE, "2024-01-01", {"pkg/x.py": "x = 1\n", "pkg/y.py": "y = 1\n"})
    repo.git("checkout", "-q", "-b", "side")
    repo.commit_as(BOB, "2024-01-02", {"pkg/n.py": "b = 1\n"}, remove=("pkg/y.py",))
    repo.git("checkout", "-q", "main")
    cached = repo.commit_as(CAROL, "2024-01-03", {"pkg/y.py": "y = 2\n", "pkg/n.py": "c = 1\n"})
    repo.commit_as(CAROL, "2024-01-04", {"pkg/x.py": "x = 2\n"})
    merge_as(repo, ALICE, "2024-01-05", "side", {"pkg/y.py": "y = 2\n", "pkg/n.py": "b\nc\n"})
    return repo, cached


def test_extending_the_cache_across_a_merged_branch_equals_a_fresh_mine(
    tmp_path: Path, run_cli
) -> None:
    """The history mined up to Carol's Jan 3 commit, extended by the commits since, is
    the fresh history: y.py keeps Alice as creator and Carol's change although Bob
    deleted it on the branch; n.py, added on both lines, is created by Bob (Jan 2, the
    earlier) and Carol's addition, cached as a creation, becomes her change.

    n.py: Bob FA 1, AC 1: 4.168500; Carol DL 1: 3.457 (0.83 of Bob's): both know it.
    """
    repo, cached = build_branch_across_the_cache(tmp_path)
    git = Repository(tmp_path)
    head = git.resolve("HEAD")
    live = {f.path for f in git.tree(head)[0]}
    older = mine(git, cached, {f.path for f in git.tree(cached)[0]}, MiningOptions())
    assert record(older, "pkg/n.py") == (["Carol"], day(3), [], {})
    newer = mine(git, head, live, MiningOptions(), after=cached, known_renames=older.renames)
    assert newer.extends == cached
    extended = extend(newer, older)
    fresh = mine(git, head, live, MiningOptions())
    assert normalized(extended) == normalized(fresh)
    assert record(fresh, "pkg/y.py") == (["Alice"], day(1), [day(3)], {"Carol": [day(3)]})
    assert record(fresh, "pkg/n.py") == (["Bob"], day(2), [day(3)], {"Carol": [day(3)]})
    assert degrees(fresh, "pkg/n.py") == pytest.approx(
        {"bob@example.com": 4.391 - 0.321 * math.log(2), "carol@example.com": 3.457}
    )
    repo.git("checkout", "-q", cached)
    assert run_cli("silos", str(tmp_path), "--format", "json").code == 0
    repo.git("checkout", "-q", "main")
    warm = run_cli("silos", str(tmp_path), "--format", "json").out
    assert warm == run_cli("silos", str(tmp_path), "--format", "json", "--no-cache").out


def test_a_branch_that_recreates_a_cached_file_is_mined_again(tmp_path: Path) -> None:
    """Alice creates pkg/x.py; Carol changes it on main (Jan 2): the cached commit. A
    branch forked before deletes x.py and Bob creates it anew (Jan 3, 4); the merge
    takes his. The older history cannot be carried through the cached commit alone
    (on the branch's line Alice's x.py ends), so the whole history is mined again,
    and matches a fresh mine: Bob created x.py and Alice's creation no longer counts;
    Carol's change, on the main line that reached the merge with x.py unchanged in
    name, still does (a merge shows no changes to say whose content it kept).
    """
    repo = make_repo(tmp_path)
    repo.commit_as(ALICE, "2024-01-01", {"pkg/x.py": "x = 1\n"})
    repo.git("checkout", "-q", "-b", "side")
    repo.git("checkout", "-q", "main")
    cached = repo.commit_as(CAROL, "2024-01-02", {"pkg/x.py": "x = 2\n"})
    repo.git("checkout", "-q", "side")
    repo.commit_as(BOB, "2024-01-03", remove=("pkg/x.py",))
    repo.commit_as(BOB, "2024-01-04", {"pkg/x.py": "new = 1\n"})
    repo.git("checkout", "-q", "main")
    merge_as(repo, ALICE, "2024-01-05", "side", {"pkg/x.py": "new = 1\n"})
    git = Repository(tmp_path)
    head = git.resolve("HEAD")
    older = mine(git, cached, {"pkg/x.py"}, MiningOptions())
    newer = mine(git, head, {"pkg/x.py"}, MiningOptions(), after=cached)
    assert newer.extends == ""
    fresh = mine(git, head, {"pkg/x.py"}, MiningOptions())
    assert normalized(extend(newer, older)) == normalized(fresh)
    assert record(fresh, "pkg/x.py") == (["Bob"], day(4), [day(2)], {"Carol": [day(2)]})
