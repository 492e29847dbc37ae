"""Parity with interrogate 1.7.0: the same symbols, except where interrogate is wrong.

Each difference docaudit makes on purpose is listed here and in docs/coverage.md.
docaudit is compared under ``--kinds code --count-overloads``, the flags that give
interrogate's numbers; by default it also leaves out the ``@overload`` stubs of
documented implementations, which interrogate counts.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import COUNTING, FIXTURES
from tests.oracle import SHARED_OPTIONS, docaudit_answer, interrogate_answer
from tests.sdists import sdist

# Pragmas excuse a definition; interrogate reads none of them.
PRAGMAS = {
    ("pkg/pragmas.py", 4, False),
    ("pkg/pragmas.py", 8, False),
    ("pkg/pragmas.py", 21, False),
    ("pkg/pragmas.py", 25, False),
}
# What interrogate still counts, per option, where it misses the construct.
INTERROGATE_MISSES = {
    # -n checks FunctionDef only: nested async defs and defs inside async defs stay.
    "ignore_nested_functions": {("pkg/nested.py", 10, False), ("pkg/nested.py", 23, False)},
    # -C drops a nested class's direct children only, not a function inside its method.
    "ignore_nested_classes": {("pkg/nested.py", 34, False)},
    # -P knows @property and @x.setter/@x.deleter, not cached_property.
    "ignore_property_decorators": {
        ("pkg/properties.py", 23, False),
        ("pkg/properties.py", 27, False),
    },
    # -O knows @overload and @typing.overload, not @t.overload nor an aliased import.
    "ignore_overloaded_functions": {
        ("pkg/overloads.py", 32, False),
        ("pkg/overloads.py", 41, False),
    },
}


@pytest.mark.parametrize("option", [None, *SHARED_OPTIONS])
@pytest.mark.slow
def test_fixture_parity_with_interrogate(option: str | None) -> None:
    theirs = interrogate_answer(COUNTING, option)
    ours = docaudit_answer(COUNTING, option)
    assert ours - theirs == set()
    assert theirs - ours == PRAGMAS | INTERROGATE_MISSES.get(option, set())


OVERLOADS = FIXTURES / "overloads"
# The stubs whose implementation is documented: interrogate counts them (undocumented),
# docaudit's default does not.
ABSORBED_STUBS = {
    ("documented.py", 7, False),
    ("documented.py", 11, False),
    ("methods.py", 11, False),
    ("methods.py", 14, False),
    ("scopes.py", 7, False),
    ("scopes.py", 43, False),
    ("judged.py", 7, False),
}


def test_default_differs_from_interrogate_by_the_absorbed_stubs_only() -> None:
    theirs = interrogate_answer(OVERLOADS)
    assert docaudit_answer(OVERLOADS) == theirs
    default = docaudit_answer(OVERLOADS, count_overloads=False)
    assert default - theirs == set()
    assert theirs - default == ABSORBED_STUBS


def test_the_documented_flags_give_interrogates_numbers(tmp_path: Path, run_cli) -> None:
    empty = tmp_path / "empty.toml"
    empty.write_text("", encoding="utf-8")
    args = ("coverage", str(OVERLOADS), "-c", str(empty), "--no-cache", "--format", "json")
    result = run_cli(*args, "--kinds", "code", "--count-overloads")
    assert result.code == 0, result.err
    prefix = "fixtures/overloads/"
    ours = {
        (symbol["path"].removeprefix(prefix), symbol["line"], symbol["documented"])
        for symbol in json.loads(result.out)["symbols"]
    }
    assert ours == interrogate_answer(OVERLOADS)


REAL_PACKAGES = {
    "requests": ("2.32.3", "src/requests"),
    "attrs": ("24.2.0", "src"),
    "packaging": ("24.1", "src/packaging"),
    "flask": ("3.0.3", "src/flask"),
    "click": ("8.1.7", "src/click"),
}
# On real code the only differences are the decorator spellings interrogate misses:
# (package, option) -> how many symbols interrogate counts that docaudit rightly drops.
REAL_DIFFERENCES = {
    ("flask", "ignore_property_decorators"): ("cached_property", 4),
    ("flask", "ignore_overloaded_functions"): ("@t.overload", 4),
    ("click", "ignore_overloaded_functions"): ("@t.overload", 24),
}


@pytest.fixture(scope="module", params=sorted(REAL_PACKAGES))
def real_package(request: pytest.FixtureRequest) -> tuple[str, Path]:
    name = request.param
    version, inner = REAL_PACKAGES[name]
    return name, sdist(name, version) / inner


@pytest.mark.parametrize("option", [None, *SHARED_OPTIONS])
@pytest.mark.slow
def test_real_package_parity_with_interrogate(
    real_package: tuple[str, Path], option: str | None
) -> None:
    name, root = real_package
    theirs = interrogate_answer(root, option)
    ours = docaudit_answer(root, option)
    assert len(theirs) > 100
    assert ours - theirs == set()
    spelling, count = REAL_DIFFERENCES.get((name, option), ("", 0))
    only_theirs = theirs - ours
    assert len(only_theirs) == count
    for path, line, _ in only_theirs:
        lines = (root / path).read_text(encoding="utf-8").splitlines()
        decorators = "\n".join(lines[max(0, line - 4) : line - 1])
        assert spelling in decorators, f"{path}:{line} differs for another reason"


# By default docaudit also leaves out the stubs of documented implementations: click's 22
# (of its 24 @t.overload stubs; 2 belong to undocumented implementations, as do flask's 4).
REAL_ABSORBED_STUBS = {"click": 22}


@pytest.mark.slow
def test_real_package_default_differs_by_absorbed_stubs_only(
    real_package: tuple[str, Path],
) -> None:
    name, root = real_package
    theirs = interrogate_answer(root)
    default = docaudit_answer(root, count_overloads=False)
    assert default - theirs == set()
    only_theirs = theirs - default
    assert len(only_theirs) == REAL_ABSORBED_STUBS.get(name, 0)
    for path, line, documented in only_theirs:
        lines = (root / path).read_text(encoding="utf-8").splitlines()
        assert not documented
        assert lines[line - 2].strip() == "@t.overload", f"{path}:{line} is no stub"
