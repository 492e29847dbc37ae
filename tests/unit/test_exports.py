"""Exported names: ``__all__`` entries as public API symbols, and stale exports."""

from __future__ import annotations

from docaudit.analysers.apis.exports import export_symbols
from docaudit.analysers.python.parse import module_facts

PACKAGE = '''"""The package."""

from pkg.core import Engine, helper
from pkg import missing_mod as _unused

__all__ = ["Engine", "helper", "VERSION", "build", "ghost", "Engine"]
__all__ += ["Plain"]
__all__.append("late")

VERSION = "1.0"
"""The release."""

Plain = 3


def build():
    """Build it."""


def late():
    pass
'''
CORE = '''"""Core."""


class Engine:
    """Runs."""


def helper():
    pass
'''


def exports_of(*sources: tuple[str, str]):
    modules = module_facts(sources, "exports", package_dirs=["pkg"])
    documented = {"pkg.core.Engine": True, "pkg.core.helper": False}
    return export_symbols(modules, documented, {"pkg", "pkg.core"})


def test_each_listed_name_is_judged_by_what_it_names() -> None:
    symbols, errors = exports_of(("pkg/__init__.py", PACKAGE), ("pkg/core.py", CORE))
    # Engine: re-export of a documented class; helper: of an undocumented function;
    # VERSION: attribute docstring; build: docstring; Plain: none; late: none; ghost: stale;
    # the second "Engine" is the same export.
    assert [(s.qualname, s.line, s.documented) for s in symbols] == [
        ("pkg.Engine", 6, True),
        ("pkg.helper", 6, False),
        ("pkg.VERSION", 6, True),
        ("pkg.build", 6, True),
        ("pkg.Plain", 7, False),
        ("pkg.late", 8, False),
    ]
    assert {s.kind for s in symbols} == {"export"}
    assert [(e.path, e.message) for e in errors] == [
        ("pkg/__init__.py", "line 6: stale export: 'ghost' is in __all__ but not defined")
    ]


def test_star_imports_and_module_getattr_make_no_export_stale() -> None:
    star = '__all__ = ["anything"]\nfrom pkg.core import *\n'
    lazy = '__all__ = ["later"]\n\ndef __getattr__(name):\n    return name\n'
    symbols, errors = exports_of(("pkg/star.py", star), ("pkg/lazy.py", lazy))
    assert symbols == []
    assert errors == []


def test_a_computed_all_is_not_read() -> None:
    source = '__all__ = [name for name in dir()]\n__all__ += ["x"]\n'
    assert module_facts([("pkg/m.py", source)], "exports", package_dirs=["pkg"]) == []


def test_a_module_without_all_has_no_exports() -> None:
    assert module_facts([("pkg/m.py", "def f():\n    pass\n")], "exports") == []


def test_names_bound_at_run_time_are_not_stale() -> None:
    # A function's ``global``, an ``@enum.global_enum`` class (as in ``re``), a write to
    # ``globals()`` (as in ``plistlib``), and a package listing its submodule.
    declared = '__all__ = ["table"]\n\ndef _load():\n    global table\n    table = {}\n'
    enum_members = (
        'import enum\n__all__ = ["RED", "R"]\n\n@enum.global_enum\nclass Colour(enum.IntFlag):\n'
        "    RED = R = 1\n"
    )
    namespace = '__all__ = ["FMT_XML"]\nglobals().update({"FMT_XML": 1})\n'
    package = '__all__ = ["core"]\n'
    symbols, errors = exports_of(
        ("pkg/declared.py", declared),
        ("pkg/colours.py", enum_members),
        ("pkg/plist.py", namespace),
        ("pkg/__init__.py", package),
        ("pkg/core.py", CORE),
    )
    assert errors == []
    assert [(s.qualname, s.documented) for s in symbols] == [
        ("pkg.core", False),
        ("pkg.colours.RED", False),
        ("pkg.colours.R", False),
        ("pkg.declared.table", False),
    ]


def test_an_assigned_module_getattr_and_implicit_names_make_no_export_stale() -> None:
    # The attrs pattern: __version__ comes from a module __getattr__ made by a factory.
    source = (
        '__all__ = ["__version__", "__doc__", "thing"]\n'
        "from pkg.core import make_getattr\n"
        "__getattr__ = make_getattr(__name__)\n"
        "thing = 1\n"
    )
    symbols, errors = exports_of(("pkg/lazy.py", source), ("pkg/core.py", CORE))
    assert errors == []
    assert [s.qualname for s in symbols] == ["pkg.lazy.__doc__", "pkg.lazy.thing"]
