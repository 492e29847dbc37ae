"""Which files of the audited revision count for ownership.

Vendored, generated and binary files, and lock files, say nothing about who
knows the code; they are left out by default (``default-excludes = false``
keeps them), with the ``vendored`` and ``exclude`` patterns on top.
"""

from __future__ import annotations

from collections.abc import Iterable

DEFAULT_EXCLUDES = (
    "vendor/",
    "vendored/",
    "third_party/",
    "third-party/",
    "node_modules/",
    "*.min.js",
    "*.min.css",
    "*.js.map",
    "*.css.map",
    "*.lock",
    "package-lock.json",
    "pnpm-lock.yaml",
    "go.sum",
    "*_pb2.py",
    "*_pb2_grpc.py",
    "*.pb.go",
    "*.png",
    "*.jpg",
    "*.jpeg",
    "*.gif",
    "*.ico",
    "*.bmp",
    "*.webp",
    "*.pdf",
    "*.zip",
    "*.gz",
    "*.tgz",
    "*.bz2",
    "*.xz",
    "*.jar",
    "*.whl",
    "*.woff",
    "*.woff2",
    "*.ttf",
    "*.otf",
    "*.eot",
    "*.mo",
    "*.pyc",
    "*.so",
    "*.dll",
    "*.dylib",
    "*.exe",
    "*.bin",
)


_DEFAULT_FOLDERS = frozenset(p.rstrip("/") for p in DEFAULT_EXCLUDES if p.endswith("/"))
_DEFAULT_SUFFIXES = tuple(p[1:] for p in DEFAULT_EXCLUDES if p.startswith("*"))
_DEFAULT_NAMES = frozenset(p for p in DEFAULT_EXCLUDES if "*" not in p and not p.endswith("/"))


def files_in_scope(
    paths: Iterable[str],
    under: str = "",
    patterns: Iterable[str] = (),
    default_excludes: bool = True,
) -> list[str]:
    """Return the paths at or below ``under`` (a folder, or one file) that no exclude
    pattern (gitignore syntax) matches."""
    import pathspec

    spec = pathspec.GitIgnoreSpec.from_lines(list(patterns)) if patterns else None
    top = under.strip("/")
    return sorted(
        path
        for path in paths
        if (not top or path == top or path.startswith(top + "/"))
        and not (default_excludes and _excluded_by_default(path))
        and not (spec is not None and spec.match_file(path))
    )


def _excluded_by_default(path: str) -> bool:
    """Tell whether a default pattern excludes ``path`` (checked by name, without globbing)."""
    folders, _, name = path.rpartition("/")
    if name in _DEFAULT_NAMES or name.endswith(_DEFAULT_SUFFIXES):
        return True
    return bool(folders) and any(part in _DEFAULT_FOLDERS for part in folders.split("/"))
