"""Which repository files are documentation, from their paths."""

from __future__ import annotations

_NOT_DOCS = (
    "changelog",
    "changes",
    "history",
    "news",
    "release-notes",
    "release_notes",
    "releasenotes",
    "license",
    "licence",
    "copying",
)


_NOT_DOC_FOLDERS = frozenset({"changelog", "changes", "releases", "release-notes", "whatsnew"})


_DOC_SUFFIXES = (".md", ".markdown", ".rst", ".adoc")


def is_doc_file(path: str) -> bool:
    """Tell whether a repository file is documentation, from its path."""
    directory, _, name = path.rpartition("/")
    lowered = name.lower()
    folders = directory.lower().split("/")
    if lowered.startswith(_NOT_DOCS) or _NOT_DOC_FOLDERS.intersection(folders):
        return False
    if lowered.startswith("readme") or lowered.endswith(_DOC_SUFFIXES):
        return True
    in_docs = any(part in ("doc", "docs") for part in folders)
    return in_docs and lowered.endswith(".txt")
