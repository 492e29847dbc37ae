"""The parse cache: keyed by content, rebuilt silently when corrupt or stale."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from docaudit import api
from docaudit.cache.store import CACHE_DIR, CACHE_FILE, Cache
from docaudit.config.settings import Config
from docaudit.discover.files import discover
from docaudit.pipeline import parsing
from docaudit.pipeline.coverage import start
from tests.helpers import make_repo

SOURCE = '"""Doc."""\n\n\ndef f():\n    pass\n'


def _parsed_paths(monkeypatch) -> list[str]:
    """Record which files the next audit parses."""
    seen: list[str] = []
    original = parsing._parse_one

    def spy(job, *args):
        seen.append(job.path)
        return original(job, *args)

    monkeypatch.setattr(parsing, "_parse_one", spy)
    return seen


def test_warm_run_parses_nothing_and_edits_reparse_one_file(tmp_path: Path, monkeypatch) -> None:
    repo = make_repo(tmp_path, {"a.py": SOURCE, "b.py": SOURCE})
    seen = _parsed_paths(monkeypatch)
    first = api.coverage([tmp_path], Config())
    assert sorted(seen) == ["a.py", "b.py"]
    seen.clear()
    second = api.coverage([tmp_path], Config())
    assert seen == []
    assert second.summary == first.summary
    repo.write("b.py", SOURCE + "\n\ndef g():\n    pass\n")
    third = api.coverage([tmp_path], Config())
    assert seen == ["b.py"]
    assert (third.summary.total, third.summary.missing) == (5, 3)


def test_other_counting_options_reuse_the_parse(tmp_path: Path, monkeypatch) -> None:
    make_repo(tmp_path, {"a.py": SOURCE})
    api.coverage([tmp_path], Config())
    seen = _parsed_paths(monkeypatch)
    report = api.coverage([tmp_path], Config.of(ignore_module=True))
    assert seen == []
    assert report.summary.total == 1


def test_corrupt_cache_is_rebuilt_silently(tmp_path: Path, run_cli) -> None:
    make_repo(tmp_path, {"a.py": SOURCE})
    cache = tmp_path / CACHE_DIR / CACHE_FILE
    cache.parent.mkdir()
    cache.write_bytes(b"this is not a database" * 100)
    result = run_cli("coverage", "-q", cwd=tmp_path)
    assert (result.code, result.out, result.err) == (0, "TOTAL 2 1 50.0%\n", "")
    with sqlite3.connect(cache) as connection:
        assert connection.execute("SELECT count(*) FROM parses").fetchone() == (1,)


def test_garbage_rows_and_stale_versions_are_ignored(tmp_path: Path, run_cli) -> None:
    make_repo(tmp_path, {"a.py": SOURCE})
    assert run_cli("coverage", "-q", cwd=tmp_path).out == "TOTAL 2 1 50.0%\n"
    cache = tmp_path / CACHE_DIR / CACHE_FILE
    with sqlite3.connect(cache) as connection:
        connection.execute("UPDATE parses SET data = '[\"garbage'")
        connection.execute("UPDATE counts SET data = '{}'")
    assert run_cli("coverage", "-q", cwd=tmp_path).out == "TOTAL 2 1 50.0%\n"
    with sqlite3.connect(cache) as connection:
        connection.execute("UPDATE meta SET value = 'docaudit 0.0.0'")
    assert run_cli("coverage", "-q", cwd=tmp_path).out == "TOTAL 2 1 50.0%\n"


def test_no_cache_writes_nothing(tmp_path: Path, run_cli) -> None:
    make_repo(tmp_path, {"a.py": SOURCE})
    run_cli("coverage", "-q", "--no-cache", cwd=tmp_path)
    assert not (tmp_path / CACHE_DIR).exists()


def test_read_only_folder_still_audits(tmp_path: Path) -> None:
    make_repo(tmp_path, {"a.py": SOURCE})
    (tmp_path / CACHE_DIR).write_text("a file where the folder should be", encoding="utf-8")
    report = api.coverage([tmp_path], Config())
    assert (report.summary.total, report.summary.missing) == (2, 1)
    assert Cache(tmp_path).parses(["x"]) == {}


def test_cache_folder_ignores_itself(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {"a.py": SOURCE})
    api.coverage([tmp_path], Config())
    assert repo.git("status", "--porcelain") == ""


def test_same_content_in_two_files_keeps_paths_and_rules_apart(tmp_path: Path, run_cli) -> None:
    make_repo(tmp_path, {"_internal/util.py": SOURCE, "api/util.py": SOURCE})
    runs = [run_cli("coverage", "--public", "-q", cwd=tmp_path).out for _ in range(3)]
    assert runs == ["TOTAL 2 1 50.0%\n"] * 3
    listed = [run_cli("coverage", "-v", cwd=tmp_path).out for _ in range(2)]
    assert listed[0] == listed[1]
    assert "_internal/util.py:4: function f (missing)" in listed[1]
    assert "api/util.py:4: function f (missing)" in listed[1]


def test_undecodable_file_name_with_the_cache_on(tmp_path: Path, run_cli) -> None:
    repo = make_repo(tmp_path, {"a.py": SOURCE})
    with open(os.fsencode(tmp_path) + b"/bad\xff.py", "wb") as handle:
        handle.write(SOURCE.encode())
    repo.git("add", "-A")
    first = run_cli("coverage", "-q", cwd=tmp_path)
    second = run_cli("coverage", "-q", cwd=tmp_path)
    assert (first.code, first.out) == (second.code, second.out) == (0, "TOTAL 4 2 50.0%\n")


def test_unchanged_untracked_files_are_not_read_again(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "m.py"
    target.write_text('"""A."""\n\n\ndef f():\n    pass\n', encoding="utf-8")
    os.utime(target, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    first = api.coverage([tmp_path], Config())
    reads: list[str] = []
    original = parsing.read_file

    def spy(path: str, *args: object) -> bytes:
        if str(path).endswith(".py"):  # the survey key reads pyproject.toml too
            reads.append(path)
        return original(path, *args)

    monkeypatch.setattr(parsing, "read_file", spy)  # hashing and parsing
    assert api.coverage([tmp_path], Config()).summary == first.summary
    assert reads == []
    # Same size, another (settled) modification time: read and hashed again.
    target.write_text('"""A."""\n\n\ndef f():\n    "BB"\n', encoding="utf-8")
    assert target.stat().st_size == len('"""A."""\n\n\ndef f():\n    pass\n')
    os.utime(target, ns=(1_600_000_100_000_000_000, 1_600_000_100_000_000_000))
    changed = api.coverage([tmp_path], Config())
    assert reads == [str(target)]  # hashed where it is parsed, from the one read
    assert (changed.summary.total, changed.summary.missing) == (2, 0)


def test_files_hashed_by_the_workers_are_keyed_and_unreadable_ones_are_errors(
    tmp_path: Path,
) -> None:
    outside = tmp_path / "outside.py"
    outside.write_text(SOURCE, encoding="utf-8")
    root = tmp_path / "plain"
    root.mkdir()
    settled = 1_600_000_000_000_000_000
    for index in range(parsing._POOL_THRESHOLD + 6):  # enough for the pool
        module = root / f"m{index}.py"
        module.write_text(SOURCE, encoding="utf-8")
        os.utime(module, ns=(settled, settled))
    os.mkfifo(root / "fifo.py")
    (root / "out.py").symlink_to(outside)
    cold = api.coverage([root], Config())
    expected = [
        ("fifo.py", "cannot read: not a regular file"),
        ("out.py", "cannot read: a symbolic link to a file outside the repository"),
    ]
    assert [(e.path, e.message) for e in cold.errors] == expected
    assert (cold.summary.total, cold.summary.missing) == (60, 30)
    # each file's hash came back from its worker with its stamp, and keys its parse
    stamps = Cache(root).stamps(f"m{index}.py" for index in range(30))
    assert len(stamps) == 30
    assert {stamp[:2] for stamp in stamps.values()} == {(len(SOURCE), settled)}
    warm = api.coverage([root], Config())
    assert (warm.summary, [(e.path, e.message) for e in warm.errors]) == (cold.summary, expected)


def test_the_parse_keeps_the_first_bytes_of_the_files_it_reads(tmp_path: Path) -> None:
    """``start(..., heads=N)``: each file read from the work tree now, by the pool's
    workers too, gives its first N bytes (all of a shorter one); a file parsed from the
    cache was not read, and has none."""
    for index in range(parsing._POOL_THRESHOLD + 6):  # enough for the pool
        (tmp_path / f"m{index}.py").write_text(SOURCE * (index % 2 + 1), encoding="utf-8")
    (tmp_path / "short.py").write_text('"""S."""\n', encoding="utf-8")
    settled = 1_600_000_000_000_000_000  # not modified lately: the warm run trusts the stamps
    for module in tmp_path.glob("*.py"):
        os.utime(module, ns=(settled, settled))
    found = discover([tmp_path])
    with start(found, Config(), keep_parses=True, heads=len(SOURCE) + 4) as measuring:
        cold = measuring.finish()
    expected = {f"m{index}.py": (SOURCE * 2)[: len(SOURCE) + 4] for index in range(1, 30, 2)}
    expected |= {f"m{index}.py": SOURCE for index in range(0, 30, 2)}
    expected["short.py"] = '"""S."""\n'
    assert cold.heads == {path: text.encode() for path, text in expected.items()}
    with start(found, Config(), keep_parses=True, heads=len(SOURCE) + 4) as measuring:
        warm = measuring.finish()
    assert (warm.heads, warm.report.summary) == ({}, cold.report.summary)
    with start(found, Config(), keep_parses=True) as measuring:  # no heads asked for
        assert measuring.finish().heads == {}
