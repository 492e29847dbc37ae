"""Counting rules on the fixture package, each answer worked out by hand."""

from __future__ import annotations

import pytest

from tests.helpers import PKG, audit, file_tallies, rows

DEFAULT_TALLIES = {
    f"{PKG}/__init__.py": (1, 1),
    f"{PKG}/_private_mod.py": (3, 2),
    f"{PKG}/basic.py": (7, 3),
    f"{PKG}/decorated.py": (4, 3),
    f"{PKG}/docstrings.py": (11, 4),
    f"{PKG}/exports.py": (7, 6),
    f"{PKG}/inherit/__init__.py": (1, 0),
    f"{PKG}/inherit/base.py": (5, 2),
    f"{PKG}/inherit/child.py": (11, 6),
    f"{PKG}/nested.py": (12, 8),
    f"{PKG}/overloads.py": (5, 0),
    f"{PKG}/overrides.py": (7, 2),
    f"{PKG}/pragmas.py": (4, 3),
    f"{PKG}/properties.py": (7, 5),
    f"{PKG}/style.py": (7, 4),
    f"{PKG}/visibility.py": (12, 8),
}


def test_default_counts_every_module_class_function_and_method() -> None:
    report = audit()
    assert file_tallies(report) == DEFAULT_TALLIES
    assert (report.summary.total, report.summary.missing) == (104, 57)
    assert report.errors == []


def test_basic_symbols_sync_and_async_never_lambdas() -> None:
    assert rows(audit(), f"{PKG}/basic.py") == [
        (1, "module", "pkg.basic", True),
        (4, "function", "documented", True),
        (8, "function", "undocumented", False),
        (12, "function", "async_undocumented", False),
        (16, "class", "Documented", True),
        (19, "method", "Documented.method", False),
        (22, "method", "Documented.async_method", True),
    ]


def test_nested_definitions_are_counted_with_qualified_names() -> None:
    assert rows(audit(), f"{PKG}/nested.py") == [
        (1, "module", "pkg.nested", True),
        (4, "function", "outer", True),
        (7, "function", "outer.inner", False),
        (10, "function", "outer.inner_async", False),
        (13, "class", "outer.LocalClass", False),
        (14, "method", "outer.LocalClass.local_method", False),
        (20, "function", "outer_async", True),
        (23, "function", "outer_async.inner_of_async", False),
        (29, "class", "Outer", True),
        (32, "class", "Outer.Inner", False),
        (33, "method", "Outer.Inner.inner_method", False),
        (34, "function", "Outer.Inner.inner_method.deep", False),
    ]


def test_docstring_forms_follow_python() -> None:
    report = audit()
    problems = {
        s.qualname: (s.documented, s.problems)
        for s in report.symbols
        if s.path == f"{PKG}/docstrings.py"
    }
    assert problems == {
        "pkg.docstrings": (True, []),
        "empty": (False, ["empty"]),
        "blank": (False, ["empty"]),
        "concatenated": (True, []),
        "as_bytes": (False, ["missing"]),
        "formatted": (False, ["missing"]),
        "todo": (True, ["placeholder"]),
        "ellipsis": (True, ["placeholder"]),
        "stub": (True, ["placeholder"]),
        "get_value": (True, ["placeholder"]),
        "real": (True, []),
    }


def test_placeholders_can_count_as_undocumented() -> None:
    report = audit(placeholders_undocumented=True)
    assert file_tallies(report)[f"{PKG}/docstrings.py"] == (11, 8)


@pytest.mark.parametrize(
    ("option", "changed"),
    [
        ("ignore_init_method", {"visibility.py": (11, 7), "style.py": (4, 2)}),
        ("ignore_magic", {"visibility.py": (10, 6)}),
        ("ignore_private", {"visibility.py": (10, 6)}),
        ("ignore_semiprivate", {"visibility.py": (8, 5), "_private_mod.py": (3, 2)}),
        ("ignore_nested_functions", {"nested.py": (8, 4)}),
        ("ignore_nested_classes", {"nested.py": (7, 3)}),
        ("ignore_property_decorators", {"properties.py": (2, 0)}),
        ("ignore_setters", {"properties.py": (6, 4)}),
        ("count_overloads", {"overloads.py": (10, 5)}),
        ("ignore_overrides", {"overrides.py": (5, 0)}),
        ("class_or_init", {"style.py": (7, 2), "visibility.py": (12, 7)}),
    ],
)
def test_each_ignore_option_changes_only_what_it_names(
    option: str, changed: dict[str, tuple[int, int]]
) -> None:
    expected = dict(DEFAULT_TALLIES)
    expected.update({f"{PKG}/{name}": tally for name, tally in changed.items()})
    assert file_tallies(audit(**{option: True})) == expected


def test_ignore_module_drops_module_symbols_and_empty_files() -> None:
    tallies = file_tallies(audit(ignore_module=True))
    assert f"{PKG}/__init__.py" not in tallies
    assert f"{PKG}/inherit/__init__.py" not in tallies
    assert tallies[f"{PKG}/basic.py"] == (6, 3)
    assert sum(total for total, _ in tallies.values()) == 104 - 16


def test_ignore_init_module_drops_init_files() -> None:
    tallies = file_tallies(audit(ignore_init_module=True))
    assert f"{PKG}/__init__.py" not in tallies
    assert f"{PKG}/inherit/__init__.py" not in tallies
    assert len(tallies) == 14


def test_ignore_private_drops_the_whole_subtree() -> None:
    names = [q for _, _, q, _ in rows(audit(ignore_semiprivate=True), f"{PKG}/visibility.py")]
    assert names == [
        "pkg.visibility",
        "public",
        "__private",
        "Shown",
        "Shown.__init__",
        "Shown.__repr__",
        "Shown.__private_method",
        "Shown.__call__",
    ]


def test_nested_functions_option_drops_async_ones_too() -> None:
    names = [q for _, _, q, _ in rows(audit(ignore_nested_functions=True), f"{PKG}/nested.py")]
    assert names == [
        "pkg.nested",
        "outer",
        "outer.LocalClass",
        "outer.LocalClass.local_method",
        "outer_async",
        "Outer",
        "Outer.Inner",
        "Outer.Inner.inner_method",
    ]


def test_nested_classes_option_drops_their_whole_subtree() -> None:
    names = [q for _, _, q, _ in rows(audit(ignore_nested_classes=True), f"{PKG}/nested.py")]
    assert names == [
        "pkg.nested",
        "outer",
        "outer.inner",
        "outer.inner_async",
        "outer_async",
        "outer_async.inner_of_async",
        "Outer",
    ]


def test_overloads_are_recognised_under_any_alias() -> None:
    report = audit(ignore_overloaded_functions=True)
    assert rows(report, f"{PKG}/overloads.py") == [
        (1, "module", "pkg.overloads", True),
        (17, "function", "bare", True),
        (26, "function", "dotted", True),
        (35, "function", "aliased", True),
        (44, "function", "renamed", True),
    ]


def test_ignore_regex_and_ignore_decorators() -> None:
    by_regex = audit(ignore_regex=("^test_",))
    assert file_tallies(by_regex)[f"{PKG}/decorated.py"] == (3, 2)
    by_fixture = audit(ignore_decorators=(r"pytest\.fixture",))
    assert file_tallies(by_fixture)[f"{PKG}/decorated.py"] == (3, 2)
    by_call = audit(ignore_decorators=(r"functools\.lru_cache",))
    assert [q for _, _, q, _ in rows(by_call, f"{PKG}/decorated.py")] == [
        "pkg.decorated",
        "resource",
        "test_thing",
    ]


def test_pragmas_skip_only_the_definition_they_mark() -> None:
    assert rows(audit(), f"{PKG}/pragmas.py") == [
        (1, "module", "pkg.pragmas", True),
        (12, "function", "noqa_other", False),
        (16, "function", "bare_noqa", False),
        (26, "method", "Kept.method", False),
    ]


def test_public_preset_counts_the_public_api_only() -> None:
    report = audit(public=True)
    tallies = file_tallies(report)
    assert f"{PKG}/_private_mod.py" not in tallies
    assert tallies[f"{PKG}/exports.py"] == (4, 3)
    assert tallies[f"{PKG}/visibility.py"] == (6, 3)
    assert tallies[f"{PKG}/nested.py"] == (6, 2)
    assert tallies[f"{PKG}/overloads.py"] == (5, 0)
    assert [q for _, _, q, _ in rows(report, f"{PKG}/exports.py")] == [
        "pkg.exports",
        "listed",
        "Listed",
        "Listed.method",
    ]


def test_public_flag_in_json_symbols() -> None:
    report = audit()
    public = {s.qualname for s in report.symbols if s.path == f"{PKG}/visibility.py" and s.public}
    assert public == {
        "pkg.visibility",
        "public",
        "Shown",
        "Shown.__init__",
        "Shown.__repr__",
        "Shown.__call__",
    }


def test_inherit_docstrings_follows_bases_across_files() -> None:
    report = audit(inherit_docstrings=True)
    child = {
        s.qualname: (s.documented, s.note)
        for s in report.symbols
        if s.path == f"{PKG}/inherit/child.py" and s.kind == "method"
    }
    assert child == {
        "Child.run": (True, "inherits its docstring from pkg.inherit.base.Base.run"),
        "Child.stop": (False, None),
        "Child.empty": (False, None),
        "GrandChild.run": (True, "inherits its docstring from pkg.inherit.base.Base.run"),
        "Aliased.run": (True, "inherits its docstring from pkg.inherit.base.Base.run"),
        "External.keys": (False, None),
    }
    assert file_tallies(report)[f"{PKG}/overrides.py"] == (7, 0)


def test_noqa_codes_may_be_separated_by_spaces() -> None:
    from docaudit.analysers.python.pragmas import comments_by_line, pragma_for

    text = "def a():  # noqa: E501 D103\n    pass\n\n\ndef b():  # noqa: E501,W291\n    pass\n"
    comments = comments_by_line(text)
    assert pragma_for(comments, 1, 1, 1) == "noqa"
    assert pragma_for(comments, 5, 5, 5) is None
