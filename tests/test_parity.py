"""Parity with interrogate 1.7.0: the same symbols, except where interrogate is wrong.

Each difference docaudit makes on purpose is listed here and in docs/coverage.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import COUNTING
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
def test_fixture_parity_with_interrogate(option: str | None) -> None:
    theirs = interrogate_answer(COUNTING, option)
    ours = docaudit_answer(COUNTING, option)
    assert ours - theirs == set()
    assert theirs - ours == PRAGMAS | INTERROGATE_MISSES.get(option, set())


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
