"""Bad input never stops an audit: each file is analysed correctly or listed with its cause."""

from __future__ import annotations

import json
import os
import sysconfig
from pathlib import Path

import pytest

from docaudit import api
from docaudit.config.settings import Config
from tests.helpers import FIXTURES, audit, file_tallies, make_repo, rows

BAD = "fixtures/badinput"


def test_each_bad_file_is_analysed_or_listed_with_its_cause() -> None:
    report = audit(FIXTURES / "badinput")
    assert file_tallies(report) == {
        f"{BAD}/bom.py": (2, 0),
        f"{BAD}/crlf.py": (3, 1),
        f"{BAD}/latin1_cookie.py": (2, 1),
        f"{BAD}/with space.py": (2, 1),
        f"{BAD}/ünicøde.py": (2, 0),
    }
    assert [(e.path, e.message) for e in report.errors] == [
        (f"{BAD}/bad_cookie.py", "cannot decode: unknown encoding: uft-8"),
        (f"{BAD}/nul_byte.py", "source contains a NUL byte"),
        (f"{BAD}/syntax_error.py", "syntax error at line 4: invalid syntax"),
        (f"{BAD}/undecodable.py", "cannot decode as utf-8: byte 0xff at offset 14"),
    ]


def test_crlf_and_coding_cookie_give_right_lines() -> None:
    report = audit(FIXTURES / "badinput")
    assert rows(report, f"{BAD}/crlf.py") == [
        (1, "module", "crlf", True),
        (4, "function", "h", False),
        (8, "class", "K", True),
    ]
    assert rows(report, f"{BAD}/latin1_cookie.py") == [
        (1, "module", "latin1_cookie", True),
        (5, "function", "f", False),
    ]


def test_cli_reports_errors_on_stderr_and_still_exits_0(run_cli) -> None:
    result = run_cli("coverage", str(FIXTURES / "badinput"), "--no-cache", "--format", "json")
    assert result.code == 0
    assert f"docaudit: {BAD}/syntax_error.py: syntax error at line 4: invalid syntax" in result.err
    document = json.loads(result.out)
    assert document["summary"] == {"total": 11, "documented": 8, "missing": 3, "coverage": 72.73}
    assert len(document["errors"]) == 4


def test_new_syntax_is_parsed_with_libcst_on_older_pythons() -> None:
    report = audit(FIXTURES / "newsyntax")
    assert report.errors == []
    assert file_tallies(report) == {
        "fixtures/newsyntax/pep695.py": (4, 2),
        "fixtures/newsyntax/pep701.py": (3, 1),
        "fixtures/newsyntax/pep758.py": (2, 1),
        "fixtures/newsyntax/tstrings.py": (4, 2),
    }
    assert rows(report, "fixtures/newsyntax/pep695.py") == [
        (1, "module", "pep695", True),
        (6, "function", "first", True),
        (11, "class", "Box", False),
        (12, "method", "Box.get", False),
    ]


@pytest.mark.slow
def test_five_megabyte_generated_file(tmp_path: Path) -> None:
    chunk = 'def f{0}(x):\n    """Return x plus {0}."""\n    return x + {0}\n\n\n'
    count = 80_000
    text = '"""Generated."""\n\n\n' + "".join(chunk.format(i) for i in range(count))
    (tmp_path / "generated.py").write_text(text, encoding="utf-8")
    assert len(text) > 5_000_000
    # over the cap a settings file may set: the API caller's own settings may go past it
    report = api.coverage([tmp_path], Config.of(cache=False, max_source_bytes=6_000_000))
    assert (report.summary.total, report.summary.missing) == (count + 1, 0)


def test_broken_symlink_is_listed_and_the_rest_audited(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"ok.py": '"""Fine."""\n'})
    os.symlink("missing_target.py", repo.path / "dangling.py")
    report = audit(repo.path)
    assert file_tallies(report) == {"ok.py": (1, 0)}
    assert [(e.path, e.message) for e in report.errors] == [
        ("dangling.py", "broken symbolic link to missing_target.py")
    ]


def test_undecodable_file_name_outside_git(tmp_path: Path, run_cli) -> None:
    name = os.fsencode(tmp_path) + b"/caf\xe9.py"
    with open(name, "wb") as handle:
        handle.write(b'"""Odd name."""\n\n\ndef g():\n    pass\n')
    result = run_cli("coverage", str(tmp_path), "--no-cache", "-v")
    assert result.code == 0
    assert "caf\\xe9.py:4: function g (missing)" in result.out
    assert "TOTAL 2 1 50.0%" in result.out
    as_json = run_cli("coverage", str(tmp_path), "--no-cache", "--format", "json")
    assert json.loads(as_json.out)["files"][0]["path"] == "caf\udce9.py"


def test_odd_file_names_in_git(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "repo",
        {
            "with space.py": '"""Space."""\n',
            "quote'd.py": '"""Quote."""\n',
            "new\nline.py": '"""Newline."""\n',
            "ünï.py": '"""Accents."""\n',
        },
    )
    report = audit(repo.path)
    assert sorted(file_tallies(report)) == [
        "new\nline.py",
        "quote'd.py",
        "with space.py",
        "ünï.py",
    ]
    assert report.errors == []


@pytest.mark.slow
def test_cpython_standard_library_completes() -> None:
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    report = audit(stdlib)
    assert report.summary.total > 50_000
    assert len(report.files) > 1_000
    expected = ("syntax error at line", "cannot decode", "skipped:")  # skipped: topics.py
    for error in report.errors:
        assert error.message.startswith(expected), error
    messages = {e.path.rpartition("/")[2]: e.message for e in report.errors}
    assert messages["bad_coding.py"] == "cannot decode: unknown encoding: uft-8"
    analysed = {f.path.rpartition("/")[2] for f in report.files}
    assert "module_iso_8859_1.py" in analysed
