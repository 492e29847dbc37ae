"""Which files are source code of a language docaudit counts, by name.

Python files are all read; a file of another language is left out where its ecosystem
keeps code nobody writes by hand or tests (dependencies, build output, ``*.min.js``,
Go's ``_test.go``, ``testdata/`` and folders whose name starts with ``_`` or ``.``), as
its own tools leave them out by default.
"""

from __future__ import annotations

import re
from functools import lru_cache

SOURCE_SUFFIXES: dict[str, tuple[str, str]] = {
    ".py": ("python", "source"),
    ".pyi": ("python", "stub"),
    **dict.fromkeys((".js", ".mjs", ".cjs", ".jsx"), ("javascript", "source")),
    **dict.fromkeys((".ts", ".mts", ".cts", ".tsx"), ("typescript", "source")),
    ".go": ("go", "source"),
    ".rs": ("rust", "source"),
    ".java": ("java", "source"),
}
"""Each source suffix's language and kind (a ``.pyi`` stub is read only when named)."""
SOURCE_GLOBS = tuple(f"*{suffix}" for suffix in SOURCE_SUFFIXES)
COUNTED_TOGETHER = frozenset({"go", "rust"})
"""The languages whose rules look across files, so that their files are counted together
(``analysers.languages.Language.count_all``): known here, so that a run answered from the
cache never imports a language to ask."""

_LEFT_OUT = re.compile(
    r"(^|/)(node_modules|dist|build|target|vendor|testdata|bower_components)/"
    r"|[.-]min\.[cm]?js$|(^|/)[^/]*_test\.go$"
    r"|(^|/)[_.][^/]*/.*\.go$"  # the go tool ignores folders named _x or .x
)


@lru_cache(maxsize=65_536)  # the audit asks again for each file's module (memos: 11,499 calls)
def source_language(path: str) -> tuple[str, str] | None:
    """Return the language and kind of a source file, or ``None`` when it is not one
    docaudit counts (another suffix, or a non-Python file in a folder left out)."""
    dot = path.rfind(".")
    found = SOURCE_SUFFIXES.get(path[dot:]) if dot > path.rfind("/") + 1 else None
    if found is None or found[0] == "python":
        return found
    return None if _LEFT_OUT.search(path) else found
