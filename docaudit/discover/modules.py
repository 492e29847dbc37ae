"""Modules: the unit of ownership and of risk, and which module a file belongs to."""

from __future__ import annotations

import fnmatch
from collections.abc import Collection

from docaudit.discover.languages import source_language

ROOT_MODULE = "(root)"


def module_of(
    path: str,
    package_dirs: Collection[str],
    depth: int = 1,
    patterns: tuple[str, ...] = (),
) -> str:
    """Return the module a file belongs to.

    The deepest directory matching a ``modules`` pattern (``*`` stays within one
    folder) wins; else the innermost Python package (a folder with ``__init__.py``);
    else, for a source file of another language, its own folder (a Go or Java package,
    a Rust module folder, a folder of JavaScript or TypeScript files); else the folder
    ``depth`` levels down (``(root)`` for files above it).
    """
    parts = path.split("/")[:-1]
    ancestors = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    for directory in reversed(ancestors):
        if any(_matches(directory, pattern) for pattern in patterns):
            return directory
    for directory in reversed(ancestors):
        if directory in package_dirs:
            return directory
    if not parts:
        return ROOT_MODULE
    found = source_language(path)
    if found is not None and found[0] != "python":
        return "/".join(parts)
    return "/".join(parts[:depth])


def _matches(directory: str, pattern: str) -> bool:
    """Tell whether a directory matches a glob, part by part (``*`` never crosses ``/``)."""
    names, globs = directory.split("/"), pattern.strip("/").split("/")
    return len(names) == len(globs) and all(
        fnmatch.fnmatchcase(name, glob) for name, glob in zip(names, globs, strict=True)
    )


TEST_FOLDERS = frozenset({"test", "tests"})


def is_test_module(module: str) -> bool:
    """Tell whether a module holds tests: a ``test`` or ``tests`` folder on its path."""
    return any(part in TEST_FOLDERS for part in module.split("/"))
