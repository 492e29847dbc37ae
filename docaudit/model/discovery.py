"""What discovery yields: the files to audit, their root, and what could not be read."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from docaudit.model.symbols import FileError, SourceFile


@dataclass
class Discovery:
    """The files chosen, the root their paths are relative to, and what could not be read.

    ``package_dirs`` lists the folders with an ``__init__.py`` when the files come from
    git objects; for the work tree it is ``None`` (the file system says). ``resources``
    are the doc and data files, when they were asked for: in a git repository all of
    them, since documentation anywhere in it documents what the audited paths hold;
    ``scope`` names those paths (relative to the root; ``""`` is all of it);
    ``python_paths`` every Python file the listing saw, inside the paths or not;
    ``notices`` what was skipped that git skips too (an invalid ``.gitignore`` line).

    ``companions`` are the other files of the languages counted together
    (``discover.languages.COUNTED_TOGETHER``: Go, Rust) that the chosen files need to be
    counted right, when the choice is not the whole repository: every file of each such
    language among the chosen ones, outside the choice. They are parsed and counted with
    the chosen files and never reported.
    """

    root: Path
    in_git: bool
    files: list[SourceFile]
    errors: list[FileError] = field(default_factory=list)
    package_dirs: frozenset[str] | None = None
    resources: list[SourceFile] | None = None
    scope: tuple[str, ...] = ("",)
    python_paths: frozenset[str] = frozenset()
    notices: list[str] = field(default_factory=list)
    companions: list[SourceFile] = field(default_factory=list)
