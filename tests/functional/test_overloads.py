"""``@overload`` stubs are documented by their implementation; ``count-overloads`` counts
each one on its own docstring, as interrogate does. Every count is worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from docaudit.config.settings import Config
from tests.helpers import FIXTURES, audit, file_tallies, make_repo, rows

FIXTURE = FIXTURES / "overloads"
HERE = "fixtures/overloads"


def tallies(**settings: object) -> dict[str, tuple[int, int]]:
    """Return ``{file name: (total, missing)}`` for the fixture under ``settings``."""
    return {
        path.removeprefix(f"{HERE}/"): tally
        for path, tally in file_tallies(audit(FIXTURE, **settings)).items()
    }


# (total, missing) per file; a file's module docstring is always there and documented.
DEFAULT = {
    # module + parse; the 2 stubs go with their documented parse: 2 symbols, 0 missing.
    "documented.py": (2, 0),
    # module + 2 stubs + parse, parse undocumented so its stubs count: 4, 3 missing.
    "undocumented.py": (4, 3),
    # module + Box + get (its 2 stubs go with it) + put's 1 stub + put, undocumented: 5, 2.
    "methods.py": (5, 2),
    # module, twice@10 (its stub@7 goes), stub@16 + twice@19 (undocumented), orphan@24
    # (no implementation), Orphan + Orphan.shared, shared@35 (no implementation in its
    # scope), outer, outer.inner@45 (its stub@43 goes): 10, 4 missing (16, 19, 24, 35).
    "scopes.py": (10, 4),
    # module, pending@10 (a placeholder is documented: its stub@7 goes), Base + Base.fetch,
    # Child + its stub@27 + fetch@29 (undocumented), Made + __init__ stub@37 + @39: 10, 4.
    "judged.py": (10, 4),
}
# interrogate's numbers: every stub counted, undocumented (stubs have no docstring), so
# each file gains the stubs the default leaves out: documented.py 2, methods.py 2 (get),
# scopes.py 2 (@7, @43), judged.py 1 (@7): 7 more symbols, all missing.
COUNT_OVERLOADS = {
    "documented.py": (4, 2),
    "undocumented.py": (4, 3),
    "methods.py": (7, 4),
    "scopes.py": (12, 6),
    "judged.py": (11, 5),
}
# -O drops every stub, documented implementation or not: 2 + 2 + 1 + 3 + 2 = 10 stubs.
IGNORE_OVERLOADED = {
    "documented.py": (2, 0),
    "undocumented.py": (2, 1),
    "methods.py": (4, 1),
    "scopes.py": (7, 1),
    "judged.py": (8, 2),
}


def test_default_leaves_out_the_stubs_of_documented_implementations_only() -> None:
    assert tallies() == DEFAULT
    report = audit(FIXTURE)
    # 2 + 4 + 5 + 10 + 10 = 31 symbols; 0 + 3 + 2 + 4 + 4 = 13 missing.
    assert (report.summary.total, report.summary.missing) == (31, 13)


def test_count_overloads_counts_every_stub_on_its_own_docstring() -> None:
    assert tallies(count_overloads=True) == COUNT_OVERLOADS
    report = audit(FIXTURE, count_overloads=True)
    # 31 + 7 stubs = 38 symbols; 13 + 7 = 20 missing.
    assert (report.summary.total, report.summary.missing) == (38, 20)


@pytest.mark.parametrize("count_overloads", [False, True])
def test_ignore_overloaded_functions_still_drops_every_stub(count_overloads: bool) -> None:
    assert (
        tallies(ignore_overloaded_functions=True, count_overloads=count_overloads)
        == IGNORE_OVERLOADED
    )


def test_stubs_of_a_documented_and_an_undocumented_function() -> None:
    assert rows(audit(FIXTURE), f"{HERE}/documented.py") == [
        (1, "module", "documented", True),
        (14, "function", "parse", True),
    ]
    assert rows(audit(FIXTURE, count_overloads=True), f"{HERE}/documented.py") == [
        (1, "module", "documented", True),
        (7, "function", "parse", False),
        (11, "function", "parse", False),
        (14, "function", "parse", True),
    ]
    assert rows(audit(FIXTURE), f"{HERE}/undocumented.py") == [
        (1, "module", "undocumented", True),
        (7, "function", "parse", False),
        (11, "function", "parse", False),
        (14, "function", "parse", False),
    ]


def test_methods_with_overload_from_typing_extensions_under_any_name() -> None:
    assert rows(audit(FIXTURE), f"{HERE}/methods.py") == [
        (1, "module", "methods", True),
        (7, "class", "Box", True),
        (16, "method", "Box.get", True),
        (21, "method", "Box.put", False),
        (23, "method", "Box.put", False),
    ]


def test_a_stub_belongs_to_the_next_implementation_of_its_name_in_its_scope() -> None:
    assert rows(audit(FIXTURE), f"{HERE}/scopes.py") == [
        (1, "module", "scopes", True),
        (10, "function", "twice", True),
        (16, "function", "twice", False),
        (19, "function", "twice", False),
        (24, "function", "orphan", False),
        (27, "class", "Orphan", True),
        (30, "method", "Orphan.shared", True),
        (35, "function", "shared", False),
        (38, "function", "outer", True),
        (45, "function", "outer.inner", True),
    ]


@pytest.mark.parametrize(
    ("option", "expected"),
    [
        # pending's "TODO" is undocumented now, so its stub@7 counts: 10 + 1 = 11, 4 + 2.
        ("placeholders_undocumented", (11, 6)),
        # Child.fetch inherits Base.fetch's docstring, so its stub@27 goes: 9, 2 missing.
        ("inherit_docstrings", (9, 2)),
        # Made's docstring documents __init__, so the __init__ stub@37 goes: 9, 2 missing.
        ("class_or_init", (9, 2)),
    ],
)
def test_an_implementation_is_documented_as_the_options_judge_it(
    option: str, expected: tuple[int, int]
) -> None:
    assert tallies(**{option: True}) == {**DEFAULT, "judged.py": expected}


DOCUMENTED = '"""Core."""\n\n\ndef parse(value):\n    """Return the value."""\n    return value\n'
WITH_STUBS = (
    '"""Core."""\n\nfrom typing import overload\n\n\n'
    "@overload\ndef parse(value: int) -> int: ...\n\n\n"
    "@overload\ndef parse(value: str) -> str: ...\n\n\n"
    'def parse(value):\n    """Return the value."""\n    return value\n'
)


def test_stubs_count_when_their_implementation_is_not_counted(tmp_path: Path) -> None:
    make_repo(
        tmp_path,
        {
            "core.py": WITH_STUBS.replace(
                "def parse(value):", "def parse(value):  # docaudit: ignore"
            )
        },
    )
    # the pragma excuses parse, so nothing documents its 2 stubs: module + 2 stubs, 2 missing.
    assert rows(audit(tmp_path), "core.py") == [
        (1, "module", "core", True),
        (7, "function", "parse", False),
        (11, "function", "parse", False),
    ]


def test_count_overloads_is_part_of_the_counting_digest() -> None:
    assert Config().counting.digest() != Config.of(count_overloads=True).counting.digest()


@pytest.mark.parametrize("command", ["coverage", "audit", "check", "baseline"])
def test_every_counting_command_takes_count_overloads(command: str, run_cli) -> None:
    assert "--count-overloads" in run_cli(command, "--help").out


def test_cli_flag_and_setting_with_the_cache_on(tmp_path: Path, run_cli) -> None:
    make_repo(tmp_path, {"core.py": WITH_STUBS})
    # module + parse: 2 symbols, both documented; then + 2 undocumented stubs: 4, 2 missing.
    assert run_cli("coverage", "-q", cwd=tmp_path).out == "TOTAL 2 0 100.0%\n"
    assert run_cli("coverage", "-q", "--count-overloads", cwd=tmp_path).out == (
        "TOTAL 4 2 50.0%\n"
    )
    (tmp_path / "docaudit.toml").write_text("count-overloads = true\n", encoding="utf-8")
    assert run_cli("coverage", "-q", cwd=tmp_path).out == "TOTAL 4 2 50.0%\n"


def test_compare_ref_passes_a_pull_request_that_only_adds_stubs(tmp_path: Path, run_cli) -> None:
    repo = make_repo(
        tmp_path, {"pkg/__init__.py": '"""The package."""\n', "pkg/core.py": DOCUMENTED}
    )
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("pkg/core.py", WITH_STUBS)
    repo.commit("overloads")
    # base and head: pkg, pkg.core, parse, all documented: 3 symbols, 100%.
    passing = run_cli("check", "--compare-ref", "main", "--no-cache", cwd=tmp_path)
    assert (passing.code, passing.out) == (
        0,
        "PASS base-drop: coverage 100.0% against 100.0% in the base (+0.0 points;"
        " a drop of up to 0 allowed)\n"
        "PASS base-regressions: 0 public symbol(s) documented in the base are undocumented now\n"
        "PASS base-new-undocumented: 0 new public symbol(s) without documentation\n"
        "TOTAL 3 0 100.0%\n",
    )
    # interrogate's counting: the head has 2 more symbols, both undocumented: 3 of 5
    # documented is 60%, 40 points under the base's 3 of 3. Symbols are matched by name,
    # repeats numbered in source order, so the first stub is the base's `parse` (now
    # undocumented: a regression) and the second is new.
    failing = run_cli(
        "check", "--compare-ref", "main", "--no-cache", "--count-overloads", cwd=tmp_path
    )
    assert (failing.code, failing.out) == (
        1,
        "FAIL base-drop: coverage 60.0% against 100.0% in the base (-40.0 points;"
        " a drop of up to 0 allowed)\n"
        "FAIL base-regressions: 1 public symbol(s) documented in the base are undocumented now\n"
        "  pkg/core.py:7: function parse (missing)\n"
        "FAIL base-new-undocumented: 1 new public symbol(s) without documentation\n"
        "  pkg/core.py:11: function parse (missing)\n"
        "TOTAL 5 2 60.0%\n",
    )


def test_baseline_and_fail_under_gates_follow_the_same_counting(tmp_path: Path, run_cli) -> None:
    repo = make_repo(
        tmp_path, {"pkg/__init__.py": '"""The package."""\n', "pkg/core.py": DOCUMENTED}
    )
    assert run_cli("baseline", "--no-cache", cwd=tmp_path).code == 0
    repo.write("pkg/core.py", WITH_STUBS)
    # The same 3 documented symbols as the baseline's, so every gate passes.
    passing = run_cli("check", "--no-cache", "--fail-under", "100", cwd=tmp_path)
    assert (passing.code, passing.out) == (
        0,
        "PASS fail-under: coverage 100.0% is at least 100%\n"
        "PASS baseline-drop: coverage 100.0% against 100.0% in the baseline (+0.0 points;"
        " a drop of up to 0 allowed)\n"
        "PASS baseline-regressions: 0 public symbol(s) documented in the baseline are"
        " undocumented now\n"
        "PASS baseline-new-undocumented: 0 new public symbol(s) without documentation\n"
        "TOTAL 3 0 100.0%\n",
    )
    # With the 2 stubs counted: 3 of 5, as against the base ref above.
    failing = run_cli(
        "check", "--no-cache", "--fail-under", "100", "--count-overloads", cwd=tmp_path
    )
    assert (failing.code, failing.out) == (
        1,
        "FAIL fail-under: coverage 60.0% is under --fail-under 100%\n"
        "FAIL baseline-drop: coverage 60.0% against 100.0% in the baseline (-40.0 points;"
        " a drop of up to 0 allowed)\n"
        "FAIL baseline-regressions: 1 public symbol(s) documented in the baseline are"
        " undocumented now\n"
        "  pkg/core.py:7: function parse (missing)\n"
        "FAIL baseline-new-undocumented: 1 new public symbol(s) without documentation\n"
        "  pkg/core.py:11: function parse (missing)\n"
        "TOTAL 5 2 60.0%\n",
    )
