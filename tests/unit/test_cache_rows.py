"""The cache's lookups: many keys read in one pass or chunk by chunk, the same rows either
way; a stored value that is not exactly one JSON value is a miss; a survey comes back whole."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from docaudit.cache import store
from docaudit.cache.store import Cache
from docaudit.model.coverage import Survey
from docaudit.model.symbols import FileError, Symbol


def _stamps(root: Path, paths: list[str]) -> Cache:
    """Return a cache under ``root`` that holds a stamp of each of ``paths``, reopened."""
    cache = Cache(root)
    for number, path in enumerate(paths):
        cache.put_stamp(path, number, number * 10, f"id{number}")
    cache.save()
    return Cache(root)


def _queries(cache: Cache) -> list[str]:
    """Record the statements the cache's reader runs from now on."""
    seen: list[str] = []
    assert cache._reader is not None
    cache._reader.set_trace_callback(seen.append)
    return seen


@pytest.mark.parametrize(
    ("stored", "wanted", "one_pass"),
    [
        (1200, 1200, True),  # the files of the last run: one pass over the table
        (1200, 700, True),
        (3000, 700, False),  # a few of many: looked up chunk by chunk
        (1200, 400, False),  # one chunk's worth
    ],
)
def test_many_keys_read_in_one_pass_or_chunks_find_the_same_rows(
    tmp_path: Path, stored: int, wanted: int, one_pass: bool
) -> None:
    paths = [f"pkg/m{number}.py" for number in range(stored)]
    cache = _stamps(tmp_path, paths)
    queries = _queries(cache)
    asked = paths[::-1][:wanted] + ["pkg/missing.py"]
    found = cache.stamps(asked)
    expected = {path: (n, n * 10, f"id{n}") for n, path in enumerate(paths) if path in asked}
    assert found == expected
    scans = [q for q in queries if q == "SELECT key, data FROM stamps"]
    assert len(scans) == one_pass
    lookups = [q for q in queries if "IN (" in q]
    assert len(lookups) == (0 if one_pass else -(-(wanted + 1) // store._CHUNK))


def test_a_stored_value_that_is_not_one_json_value_is_a_miss(tmp_path: Path) -> None:
    paths = [f"m{number}.py" for number in range(store._CHUNK + 10)]
    cache = _stamps(tmp_path, paths)
    assert cache._reader is not None
    cache._reader.close()
    with closing(sqlite3.connect(tmp_path / ".docaudit" / "cache.sqlite")) as db, db:
        db.executemany(
            "UPDATE stamps SET data = ? WHERE key = ?",
            [
                ('[0,0,"id0"] ', "m0.py"),  # text after the value
                (' [1,10,"id1"]', "m1.py"),  # before it
                ('[2,20,"id2"][3]', "m2.py"),
                ("", "m3.py"),
                (None, "m4.py"),
                (b'[5,50,"id5"]', "m5.py"),  # a blob, not text
                ('[6, 60, "id6"]', "m6.py"),  # spaces inside are JSON's own
            ],
        )
    found = Cache(tmp_path).stamps(paths)
    assert set(paths) - set(found) == {f"m{number}.py" for number in range(6)}
    assert found["m6.py"] == (6, 60, "id6")


def test_a_survey_comes_back_as_it_was_stored(tmp_path: Path) -> None:
    symbols = [
        Symbol("app/api.py", 3, "endpoint", "GET /items", True, False, ["missing"], None, (3, 9)),
        Symbol("app/cfg.py", 5, "env-var", "APP_TOKEN", True, True, [], "documented at x.md:2",
               (5, 5), level="complete", sites=["app/a.py:1", "app/b.py:7"], default="x"),
        Symbol("lib/m.go", 1, "module", "m", True, True, language="go"),
    ]  # fmt: skip
    stale = [Symbol("README.md", 12, "env-var", "OLD", True, True, level="documented")]
    errors = [FileError("openapi.yaml", "not valid YAML", "spec")]
    cache = Cache(tmp_path)
    cache.put_survey("k", Survey(symbols, stale, errors))
    cache.save()
    assert Cache(tmp_path).survey("k") == Survey(symbols, stale, errors)
    assert Cache(tmp_path).survey("other") is None
    with closing(sqlite3.connect(tmp_path / ".docaudit" / "cache.sqlite")) as db, db:
        db.execute(
            """UPDATE surveys SET data = '{"symbols":[["a.py",1]],"stale":[],"errors":[]}'"""
        )
    assert Cache(tmp_path).survey("k") is None  # too few fields: a miss, not a symbol
