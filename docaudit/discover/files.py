"""Choose the files to audit.

In a git work tree: the files git tracks plus the untracked files it does not
ignore, with git's blob ids for the ones that are unmodified. Elsewhere: a walk
that honours ``.gitignore`` files. Both drop virtualenvs, build output and
``exclude`` patterns, also for files named on the command line.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from docaudit.discover.languages import (
    COUNTED_TOGETHER,
    SOURCE_GLOBS,
    SOURCE_SUFFIXES,
    source_language,
)
from docaudit.errors import DiscoveryError, GitError
from docaudit.git import commands
from docaudit.git.objects import tree_entries, why_no_work_tree
from docaudit.model.discovery import Discovery
from docaudit.model.symbols import FileError, SourceFile
from docaudit.patterns import pattern_problem
from docaudit.safeio import is_inside, read_file

ALWAYS_SKIPPED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".tox",
        ".nox",
        ".venv",
        ".eggs",
        "__pycache__",
        "node_modules",
        "site-packages",
        ".docaudit",
    }
)
OUTPUT_DIRS = frozenset({"build", "dist"})
_DOC_SUFFIXES = frozenset({".md", ".markdown", ".rst", ".adoc", ".txt"})
_DATA_SUFFIXES = frozenset(
    {".yaml", ".yml", ".json", ".toml", ".ini", ".cfg", ".env", ".properties", ".py"}
)
_DATA_NAMES = frozenset({"go.mod", "go.work"})
"""Data files by their whole name: what Go's import links read (from git objects too)."""
OTHER_SOURCE_SUFFIXES = (
    *(".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx", ".vue", ".svelte"),
    *(".go", ".java", ".kt", ".rs", ".rb", ".php"),
)
"""Source files of other languages, read (until their analysers come) for the
environment variables they read."""

_SCRIPT_SUFFIXES = frozenset(
    {".sh", ".bash", ".zsh", ".tpl", *(suffix for suffix in OTHER_SOURCE_SUFFIXES)}
)
"""Shell scripts, Helm template helpers and other languages' sources: read for the
environment variables they read."""
_KIND_BY_SUFFIX = {
    **dict.fromkeys(_DOC_SUFFIXES, "doc"),
    **dict.fromkeys((_DATA_SUFFIXES - {".py"}) | _SCRIPT_SUFFIXES, "data"),
}
"""The resource kind of each suffix that settles it alone (disjoint sets: one lookup)."""
_IGNORE_FILE_BYTES = 1_000_000
_OUTSIDE = "cannot read: a symbolic link to a file outside the repository"


@dataclass
class _Problems:
    """What a listing met on the way: unreadable folders, and notices."""

    errors: list[FileError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def discover(
    paths: Iterable[str | Path], exclude: Iterable[str] = (), with_resources: bool = False
) -> Discovery:
    """Return the Python files under ``paths`` (files or directories), minus excludes.

    ``with_resources`` also lists the doc and data files (see ``resource_kind``) in
    ``resources``: in a git repository, those of the whole repository.
    """
    targets = [Path(p) for p in paths] or [Path(".")]
    for target in targets:
        if not target.exists() and not target.is_symlink():
            raise DiscoveryError(f"{target}: no such file or directory")
    targets = [t.resolve() if t.is_dir() else t for t in targets]
    git_root, bare = _work_tree(targets[0])
    if bare:
        # a walk would find git's own files, pass every gate and mean nothing
        raise DiscoveryError(
            f"{targets[0]}: a bare repository (no work tree): docaudit audit reads its files"
            " from git objects; the other commands need a checkout"
        )
    root = git_root or _common_root(targets)
    skip = _Excluder(tuple(exclude), root)
    problems = _Problems()
    scope = tuple(relative_path(t, root) for t in targets)
    for target, relative in zip(targets, scope, strict=True):
        if git_root is not None and (relative == ".." or relative.startswith("../")):
            raise DiscoveryError(f"{target}: outside the git repository at {root}")
    whole = with_resources and git_root is not None and "" not in scope
    everything: list[tuple[str, str | None, bool]] = []
    resources: list[SourceFile] = []
    if whole and all(t.is_dir() for t in targets):
        everything = _everything(root, skip, resources)
        listing: Iterable[tuple[str, str | None, bool]] = _in_scope(
            everything, root, targets, scope, skip, problems
        )
    elif git_root:
        globs = ("*",) if with_resources and not whole else SOURCE_GLOBS
        listing = _git_listing(root, targets, skip, globs, problems)
        if whole:
            everything = _everything(root, skip, resources)
    else:
        listing = _walk_listing(root, targets, skip, problems)
    files: list[SourceFile] = []
    errors = problems.errors
    named = {relative_path(t, root) for t in targets if not t.is_dir()}
    seen: set[str] = set()
    for relpath, blob_id, is_link in listing:
        if relpath in seen:  # overlapping targets (a folder and one inside it)
            continue
        seen.add(relpath)
        if with_resources and not whole:
            _add_resource(resources, root, relpath, blob_id, skip, is_link)
        found = source_language(relpath)
        if found is None or (found[1] == "stub" and relpath not in named):
            continue
        if skip.excludes(relpath):
            continue
        abspath = os.path.join(root, relpath)
        if is_link:
            problem = _link_problem(abspath, root)
            if problem is not None:
                errors.append(FileError(relpath, problem))
            if problem is not None or not os.path.isfile(abspath):
                continue
        files.append(SourceFile(relpath, abspath, blob_id, *found))
    files.sort(key=lambda f: f.path)
    python_paths = frozenset(p for p, _, _ in everything if p.endswith(".py"))
    python_paths |= frozenset(f.path for f in files)
    found = Discovery(
        root, git_root is not None, files, errors, scope=scope, python_paths=python_paths
    )
    found.notices = problems.notices
    languages = _together(files) if "" not in scope else frozenset()
    if languages:
        if git_root is None:
            listed: Iterable[tuple[str, str | None, bool]] = _walk_listing(
                root, [root], skip, _Problems()
            )
        else:
            listed = everything or _git_files(root, root, _globs(languages))
        found.companions = _companions(root, listed, languages, files, skip)
    if with_resources:
        found.resources = sorted(resources, key=lambda f: f.path)
    return found


def _everything(
    root: Path, skip: _Excluder, resources: list[SourceFile]
) -> list[tuple[str, str | None, bool]]:
    """Return every file of the repository as git lists it (``_git_files``), adding the
    doc and data files among them to ``resources`` as they come: the tracked ones while
    git still looks for untracked files (django's git copy: discover 34.8-36.1 -> 30.2-32.6 ms)."""
    everything = []
    for relpath, blob_id, is_link in _git_files(root, root, ("*",)):
        everything.append((relpath, blob_id, is_link))
        _add_resource(resources, root, relpath, blob_id, skip, is_link)
    return everything


def _together(files: Iterable[SourceFile]) -> frozenset[str]:
    """Return the languages counted together (Go, Rust) that some of ``files`` are in."""
    return frozenset(f.language for f in files if f.language in COUNTED_TOGETHER)


def _globs(languages: frozenset[str]) -> tuple[str, ...]:
    """Return the git pathspec globs of the source files of ``languages``."""
    return tuple(
        f"*{suffix}" for suffix, (name, _) in SOURCE_SUFFIXES.items() if name in languages
    )


def _companions(
    root: Path,
    listing: Iterable[tuple[str, str | None, bool]],
    languages: frozenset[str],
    chosen: list[SourceFile],
    skip: _Excluder,
) -> list[SourceFile]:
    """Return the files of the ``chosen`` files' units (``_Units``) in the repository's
    ``listing`` that are not chosen themselves, as the normal listing would take them
    (``source_language``, excludes; a symbolic link only to a file inside the root),
    sorted by path."""
    taken = {f.path for f in chosen}
    units = _Units(chosen, lambda path: os.path.isfile(os.path.join(root, path)))
    companions = []
    for relpath, blob_id, is_link in listing:
        found = source_language(relpath)
        if found is None or found[0] not in languages or relpath in taken:
            continue
        if skip.excludes(relpath) or not units.holds(relpath, found[0]):
            continue
        abspath = os.path.join(root, relpath)
        if is_link and (_link_problem(abspath, root) is not None or not os.path.isfile(abspath)):
            continue
        taken.add(relpath)
        companions.append(SourceFile(relpath, abspath, blob_id, *found))
    return sorted(companions, key=lambda f: f.path)


class _Units:
    """The units the chosen Go and Rust files are counted in: a Go file's package (its
    folder), a Rust file's package (the nearest folder above it with a ``Cargo.toml``,
    every crate of which its rules may reach; the whole repository when there is none)."""

    def __init__(self, chosen: Iterable[SourceFile], exists: Callable[[str], bool]) -> None:
        """Find the units of ``chosen``; ``exists`` tells whether a repository path is a file."""
        self.go_folders = {f.path.rpartition("/")[0] for f in chosen if f.language == "go"}
        self.rust_packages = {_package_of(f.path, exists) for f in chosen if f.language == "rust"}

    def holds(self, path: str, language: str) -> bool:
        """Tell whether the file at ``path``, of ``language``, is in one of the units."""
        if language == "go":
            return path.rpartition("/")[0] in self.go_folders
        return any(not p or path.startswith(p + "/") for p in self.rust_packages)


def _package_of(path: str, exists: Callable[[str], bool]) -> str:
    """Return the folder of the nearest ``Cargo.toml`` above ``path`` (``""``: the root's,
    or none at all)."""
    folder = path.rpartition("/")[0]
    while folder:
        if exists(f"{folder}/Cargo.toml"):
            return folder
        folder = folder.rpartition("/")[0]
    return ""


def _link_problem(abspath: str, root: Path) -> str | None:
    """Say why a symbolic link in the listing is not read: it is broken, or leads out."""
    if not os.path.exists(abspath):
        return f"broken symbolic link to {os.readlink(abspath)}"
    return None if is_inside(abspath, root) else _OUTSIDE


def _in_scope(
    everything: list[tuple[str, str | None, bool]],
    root: Path,
    targets: list[Path],
    scope: tuple[str, ...],
    skip: _Excluder,
    problems: _Problems,
) -> Iterator[tuple[str, str | None, bool]]:
    """Yield the repository's files under the target folders; a target git knows nothing
    of (an ignored vendored tree, say) is walked, as ``_git_listing`` does."""
    found: set[str] = set()
    folders = tuple(f"{prefix}/" for prefix in scope)
    for relpath, blob_id, is_link in everything:
        if relpath.startswith(folders):  # one test a path, not one a target
            if len(found) < len(folders):
                found.update(
                    p for p, f in zip(scope, folders, strict=True) if relpath.startswith(f)
                )
            yield relpath, blob_id, is_link
    for target, prefix in zip(targets, scope, strict=True):
        if prefix not in found:
            yield from _walk_listing(root, [target], skip, problems, outer_ignores=False)


def _add_resource(
    resources: list[SourceFile],
    root: Path,
    relpath: str,
    blob_id: str | None,
    skip: _Excluder,
    is_link: bool,
) -> None:
    """Add a doc or data file to ``resources``, unless it is neither or is excluded.

    A symbolic link inside the root is left out (what it names is listed itself);
    one that leads out is listed, for the reader to refuse and report.
    """
    kind = resource_kind(relpath)
    if kind is None or skip.excludes(relpath):
        return
    abspath = os.path.join(root, relpath)
    if is_link and is_inside(abspath, root):
        return
    language = os.path.splitext(relpath)[1].lstrip(".") or "text"
    resources.append(SourceFile(relpath, abspath, blob_id, language, kind))


def resource_kind(path: str) -> str | None:
    """Return ``doc``, ``data`` or ``None`` (not a resource) for a file, from its name alone
    (and, for a Python file, its folder's)."""
    slash = path.rfind("/")
    kind = _kind_of_name(path[slash + 1 :])
    if kind != _BY_FOLDER:
        return kind
    folder = path[:slash].rpartition("/")[2] if slash >= 0 else ""
    return "data" if folder in ("settings", "config", "conf") else None


_BY_FOLDER = "by folder"
"""What ``_kind_of_name`` says of a Python file whose folder decides."""


@lru_cache(maxsize=4096)
def _kind_of_name(name: str) -> str | None:
    """Return a file name's resource kind, or ``_BY_FOLDER`` for a Python file that is one
    in a ``settings``, ``config`` or ``conf`` folder; remembered, since a repository
    repeats names (django's 6,890 files: resource_kind 4.0 -> 1.9 ms)."""
    lowered = name.lower()
    if lowered.startswith("readme"):
        return "doc"
    dot = lowered.rfind(".")
    suffix = lowered[dot:] if dot > 0 else ""
    kind = _KIND_BY_SUFFIX.get(suffix)
    if kind is not None:
        return kind
    if lowered in _DATA_NAMES:
        return "data"
    if suffix == ".py":
        settings = lowered.startswith("settings") or lowered in ("config.py", "gunicorn.conf.py")
        return "data" if settings else _BY_FOLDER
    if lowered.startswith((".env", "dockerfile", "procfile")):
        return "data"
    if lowered.endswith((".dockerfile", ".example", ".sample", ".template", ".dist")):
        return "data"
    return None


def discover_at(
    commit: str,
    paths: Iterable[str | Path],
    exclude: Iterable[str] = (),
    bare: Path | None = None,
) -> Discovery:
    """Return the Python files under ``paths`` as they are in ``commit``, from git objects.

    Nothing is checked out: each file carries its blob id, and its folders' package
    status comes from the same tree; so do the doc and data files (``resources``).
    ``bare`` names a bare repository to read instead of the work tree around ``paths``.
    """

    targets = [Path(p) for p in paths] or [Path(".")]
    root = bare or repository_root(targets[0])
    if root is None:
        raise _no_work_tree(targets[0])
    try:
        entries = tree_entries(str(root), commit)
    except GitError as error:
        raise DiscoveryError(str(error)) from None
    present = {entry.path for entry in entries}
    skip = _Excluder(tuple(exclude), root, present.__contains__)
    prefixes = [""] if bare else [relative_path(t, root) for t in targets]
    files = []
    resources = []
    outside = []
    for entry in entries:
        suffix = os.path.splitext(entry.path)[1]
        if entry.mode in ("120000", "160000") or skip.excludes(entry.path):
            continue
        resource = resource_kind(entry.path)
        if resource is not None:
            language = suffix.lstrip(".") or "text"
            resources.append(SourceFile(entry.path, "", entry.blob_id, language, resource))
        found = source_language(entry.path) if suffix != ".pyi" else None
        if found is None:
            continue
        source = SourceFile(entry.path, "", entry.blob_id, *found)
        if any(not p or entry.path == p or entry.path.startswith(p + "/") for p in prefixes):
            files.append(source)
        elif found[0] in COUNTED_TOGETHER:
            outside.append(source)
    packages = frozenset(p.rpartition("/")[0] for p in present if p.endswith("__init__.py"))
    python_paths = frozenset(p for p in present if p.endswith(".py"))
    found_at = Discovery(root, True, files, [], packages, resources, tuple(prefixes), python_paths)
    units = _Units(files, present.__contains__)
    found_at.companions = [f for f in outside if units.holds(f.path, f.language)]
    return found_at


def discover_staged(paths: Iterable[str | Path], exclude: Iterable[str] = ()) -> Discovery:
    """Return the Python files among ``paths`` as they are staged in git's index.

    Each file carries its staged blob id; package folders come from the index too,
    so what is audited is exactly what the commit will hold.
    """
    targets = [Path(p) for p in paths] or [Path(".")]
    root = repository_root(targets[0])
    if root is None:
        raise _no_work_tree(targets[0])
    specs = []
    whole = False
    for target in targets:
        relative = relative_path(target, root)
        whole = whole or (relative == "" and target.is_dir())
        specs += _pathspecs(relative, target.is_dir(), SOURCE_GLOBS)
    staged, packages = _git_together(
        root,
        ["ls-files", "-z", "-s", "--", *specs],
        ["ls-files", "-z", "--", ":(glob)**/__init__.py"],
    )
    skip = _Excluder(tuple(exclude), root)
    files = list(_staged_files(staged, skip))
    package_dirs = frozenset(p.rpartition("/")[0] for p in _split(packages))
    found = Discovery(root, True, files, [], package_dirs)
    languages = _together(files)
    if languages and not whole:
        specs = [f":(glob)**/{glob}" for glob in _globs(languages)]
        (listed,) = _git_together(root, ["ls-files", "-z", "-s", "--", *specs])
        taken = {f.path for f in files}
        units = _Units(files, lambda path: os.path.isfile(os.path.join(root, path)))
        for companion in _staged_files(listed, skip):
            if companion.path not in taken and units.holds(companion.path, companion.language):
                taken.add(companion.path)  # once, though a conflict stages it thrice
                found.companions.append(companion)
    return found


def _staged_files(listed: bytes, skip: _Excluder) -> Iterator[SourceFile]:
    """Yield the source files of a ``git ls-files -s`` listing of the index, with their
    staged blob ids (symbolic links, submodules and excluded files left out)."""
    for entry in _split(listed):
        meta, _, path = entry.partition("\t")
        mode, blob_id, _stage = meta.split(" ")
        found = source_language(path)
        if mode in ("120000", "160000") or found is None or skip.excludes(path):
            continue
        yield SourceFile(path, "", blob_id, *found)


def _git_together(root: Path, *listings: list[str]) -> list[bytes]:
    """Run git commands in ``root`` side by side and return their outputs."""
    try:
        return commands.outputs_together(root, *listings)
    except GitError as error:
        raise DiscoveryError(str(error)) from None


def _no_work_tree(target: Path) -> DiscoveryError:
    """Return the error for a target in no git work tree, naming the real cause."""
    cause = why_no_work_tree(str(target if target.is_dir() else target.parent))
    return DiscoveryError(f"{target}: {cause}")


def repository_root(target: Path) -> Path | None:
    """Return the top of the git work tree holding ``target``, or ``None``."""
    return _work_tree(target)[0]


def _work_tree(target: Path) -> tuple[Path | None, bool]:
    """Return the top of the git work tree holding ``target`` (``None`` outside any), and
    whether ``target`` is in a bare repository instead; a top, once found, is remembered."""
    start = os.path.abspath(target if target.is_dir() else target.parent)
    known = _TOPLEVELS.get(start)
    if known is not None:
        return known, False
    top, bare = _toplevel(start)
    if top is not None:
        _TOPLEVELS[start] = top
    return top, bare


_TOPLEVELS: dict[str, Path] = {}


def _toplevel(start: str) -> tuple[Path | None, bool]:
    """Ask git for the top of the work tree holding the folder ``start``, and whether the
    folder is in a bare repository: one ``rev-parse`` answers both (in a bare repository
    it says ``true``, then fails at ``--show-toplevel``), where a walk of a folder outside
    git used to cost two failing ones."""
    try:
        done = commands.run(start or ".", "rev-parse", "--is-bare-repository", "--show-toplevel")
    except GitError:
        return None, False
    bare, _, top = os.fsdecode(done.stdout).partition("\n")
    if bare == "true":
        return None, True
    top = top.rstrip("\n")
    if done.returncode != 0 or bare != "false" or not top:
        return None, False
    return Path(top), False


def _common_root(targets: list[Path]) -> Path:
    """Return the root for a walk: the working directory if it holds every target."""
    cwd = Path.cwd()
    resolved = [t.resolve() for t in targets]
    if all(r == cwd or cwd in r.parents for r in resolved):
        return cwd
    common = Path(os.path.commonpath([str(r) for r in resolved]))
    return common if common.is_dir() else common.parent


def relative_path(target: Path, root: Path) -> str:
    """Return ``target`` relative to ``root`` with forward slashes.

    The folders on the way are resolved, the last name is not: a symbolic link named
    on the command line keeps its own path.
    """
    absolute = Path(os.path.abspath(target))
    real = absolute.parent.resolve() / absolute.name if absolute.name else absolute.resolve()
    relative = os.path.relpath(real, root.resolve())
    return "" if relative == "." else relative.replace(os.sep, "/")


def _git_listing(
    root: Path,
    targets: list[Path],
    skip: _Excluder,
    globs: tuple[str, ...],
    problems: _Problems,
) -> Iterator[tuple[str, str | None, bool]]:
    """Yield each target's files as git knows them; a target git knows nothing of is walked.

    A directory named on the command line that git ignores entirely (a vendored tree,
    an installed package) is still audited, as a walk; so is an ignored file named there.
    """
    for target in targets:
        listed = list(_git_files(root, target, globs))
        if listed:
            yield from listed
        elif target.is_dir():
            yield from _walk_listing(root, [target], skip, problems, outer_ignores=False)
        else:
            yield relative_path(target, root), None, target.is_symlink()


def _git_files(
    root: Path, target: Path, globs: tuple[str, ...]
) -> Iterator[tuple[str, str | None, bool]]:
    """Yield tracked and untracked-unignored files with blob ids of the unmodified ones.

    Each item is ``(path, blob id or None, is a symbolic link)``; files deleted from the
    work tree and submodules are left out. A file git cannot see for want of permission
    (in a folder it may not read) is no deleted file: it is kept, for the reader to report.
    """
    specs = ["--", *_pathspecs(relative_path(target, root), target.is_dir(), globs)]
    # two listings side by side: the index with what changed in the work tree (one
    # read of the index: a line per entry, then a C line for a modified one and an R
    # line for a deleted one), read while git looks for untracked files. Three
    # processes (the index and its changes apart) cost django's git copy 24.8 ms of
    # wall and 33.6 ms of git's CPU on two cores; two, 18.0 and 27.8 ms
    outputs = commands.outputs_in_turn(
        root,
        ["ls-files", "-z", "-s", "-v", "-c", "-m", "-d", *specs],
        ["ls-files", "-z", "-o", "--exclude-standard", *specs],
    )
    try:
        staged = []
        changed: set[str] = set()
        deleted: set[str] = set()
        for entry in _split(next(outputs)):
            meta, _, path = entry.partition("\t")
            tag, mode, blob_id, _stage = meta.split(" ")
            if tag in _CHANGE_TAGS:  # lower case: an assume-unchanged entry (-v)
                if tag in "Rr" and not _unreadable(os.path.join(root, path)):
                    deleted.add(path)
                else:
                    changed.add(path)
                continue
            if tag.islower() or tag == "S":
                changed.add(path)  # assume-unchanged or skip-worktree: the index may be stale
            staged.append((path, mode, blob_id))
        seen: set[str] = set()
        for path, mode, blob_id in staged:  # while git still looks for untracked files
            if path in seen or path in deleted or mode == "160000":
                continue
            seen.add(path)
            is_link = mode == "120000"
            yield path, None if path in changed or is_link else blob_id, is_link
        for path in _split(next(outputs)):
            yield path, None, os.path.islink(os.path.join(root, path))
    except GitError as error:
        raise DiscoveryError(str(error)) from None
    finally:
        outputs.close()


_CHANGE_TAGS = frozenset("CcRr")
"""The tags of ``git ls-files -v -m -d``'s lines for a modified (C) or deleted (R) entry."""


def _unreadable(abspath: str) -> bool:
    """Tell whether a file git calls deleted is one it could not look at."""
    try:
        os.lstat(abspath)
    except PermissionError:
        return True
    except OSError:
        pass
    return False


def _pathspecs(relative: str, is_dir: bool, globs: tuple[str, ...]) -> list[str]:
    """Return git pathspecs for the files matching ``globs`` in a directory, or for one file."""
    if not is_dir:
        return [f":(literal){relative}"]
    if globs == ("*",):  # every file: a plain prefix is much faster for git than a glob
        return [f":(literal){relative}"] if relative else []
    prefix = "".join("\\" + char if char in "*?[\\" else char for char in relative)
    prefix = f"{prefix}/" if prefix else ""
    return [f":(glob){prefix}**/{glob}" for glob in globs]


def _split(output: bytes) -> list[str]:
    """Split NUL-separated git output into paths decoded as the file system does (all of
    it at once, not path by path: a NUL is one byte in every encoding git writes paths in)."""
    return [item for item in os.fsdecode(output).split("\0") if item]


def _walk_listing(
    root: Path,
    targets: list[Path],
    skip: _Excluder,
    problems: _Problems,
    outer_ignores: bool = True,
) -> Iterator[tuple[str, None, bool]]:
    """Yield the files under ``targets`` that no ``.gitignore`` on the way ignores.

    Excluded directories (virtualenvs, ``node_modules`` and the like) are not entered;
    one that cannot be read is an error in ``problems``. ``outer_ignores`` also applies
    the ``.gitignore`` files between the root and a target.
    """
    for target in targets:
        relative = relative_path(target, root)
        if not target.is_dir():
            yield relative, None, target.is_symlink()
            continue
        ignores = _GitIgnores(root, problems.notices)
        parts = relative.split("/") if relative and outer_ignores else []
        for depth in range(len(parts)):
            ignores.load("/".join(parts[:depth]))
        yield from _walk_directory(os.fspath(target), relative, skip, ignores, problems)


def _walk_directory(
    directory: str, base: str, skip: _Excluder, ignores: _GitIgnores, problems: _Problems
) -> list[tuple[str, None, bool]]:
    """Return the files below one directory, depth first (the caller sorts them).

    A loop over a stack of folders, not a recursive generator: each file of django's
    3,660 was handed up through its folders' frames (22,000 resumptions): discover()
    34 -> 28 ms of CPU.
    """
    found: list[tuple[str, None, bool]] = []
    top = _scan(directory, base, ignores, problems)
    if top is None:
        return found
    pending = [(iter(top), base)]
    while pending:
        entries, folder = pending[-1]
        for entry in entries:
            name = entry.name
            path = f"{folder}/{name}" if folder else name
            if entry.is_dir(follow_symlinks=False):
                if skip.prunes(path, name) or ignores.ignored(path, is_dir=True):
                    continue
                inner = _scan(entry.path, path, ignores, problems)
                if inner is not None:
                    pending.append((iter(inner), path))
                    break
            elif not ignores.ignored(path, is_dir=False):
                found.append((path, None, entry.is_symlink()))
        else:
            pending.pop()
    return found


def _scan(
    directory: str, base: str, ignores: _GitIgnores, problems: _Problems
) -> list[os.DirEntry[str]] | None:
    """Return a directory's entries, its ``.gitignore`` loaded; ``None`` when it is gone
    or cannot be read (then an error in ``problems``)."""
    try:
        with os.scandir(directory) as listing:
            entries = list(listing)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        problems.errors.append(FileError(base or ".", f"cannot read: {error.strerror}"))
        return None
    if any(entry.name == ".gitignore" for entry in entries):
        ignores.load(base)
    return entries


def _join(base: str, name: str) -> str:
    """Join a relative directory and a name with a forward slash."""
    return f"{base}/{name}" if base and name else base or name


class _GitIgnores:
    """The ``.gitignore`` files met on a walk, each applying below its own directory."""

    def __init__(self, root: Path, notices: list[str]) -> None:
        """Start with no ``.gitignore`` read under ``root``; say what is skipped in ``notices``."""
        self.root = root
        self.notices = notices
        self.specs: dict[str, Any] = {}
        self.deepest_first: list[str] = []

    def load(self, directory: str) -> None:
        """Read ``directory``'s ``.gitignore``, if it has one and it is not read yet.

        One that cannot be read (a FIFO, a link out of the root) is skipped with a
        notice, and so is each line that is no valid pattern, as git skips it.
        """
        if directory in self.specs:
            return
        name = _join(directory, ".gitignore")
        try:
            data = read_file(os.path.join(self.root, name), _IGNORE_FILE_BYTES, self.root)
        except FileNotFoundError:
            return
        except OSError as error:
            self.notices.append(f"{_printable(name)}: not read: {error.strerror}")
            data = b""
        lines = data.decode("utf-8", "replace").splitlines()
        self.specs[directory] = _ignore_spec(name, lines, self.notices)
        self.deepest_first = sorted(self.specs, key=len, reverse=True)

    def ignored(self, path: str, is_dir: bool) -> bool:
        """Tell whether the ``.gitignore`` files above ``path`` ignore it.

        As in git, the deepest file with a matching pattern decides, so a folder's
        ``!keep.py`` re-includes what a file above it excludes.
        """
        for directory in self.deepest_first:
            if directory and not path.startswith(directory + "/"):
                continue
            inner = path[len(directory) + 1 :] if directory else path
            spec = self.specs[directory]
            verdict = spec.check_file(inner + "/" if is_dir else inner)
            if verdict.include is not None:
                return bool(verdict.include)
        return False


def _ignore_spec(name: str, lines: list[str], notices: list[str]) -> Any:
    """Compile a ``.gitignore``'s lines; an invalid or too costly one is left out with a
    notice (see ``docaudit.gitignore``)."""
    import pathspec

    kept = []
    for number, line in enumerate(lines, 1):
        problem = pattern_problem(line)
        if problem is None:
            kept.append(line)
            continue
        notices.append(
            f"{_printable(name)}:{number}: skipped the pattern '{_printable(line)}'"
            f" ({problem}), as git skips invalid ones"
        )
    return pathspec.GitIgnoreSpec.from_lines(kept)


def _printable(text: str) -> str:
    """Return ``text`` with control characters escaped, for a one-line message."""
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


class _Excluder:
    """Default excludes (virtualenvs, build output, tool caches) and ``exclude`` patterns."""

    def __init__(
        self,
        patterns: tuple[str, ...],
        root: Path,
        exists: Callable[[str], bool] | None = None,
    ) -> None:
        """Compile the ``exclude`` patterns (gitignore syntax, relative to ``root``).

        ``exists`` tells whether a file (relative path) exists; by default, on disk.
        """
        self.root = root
        self.exists = exists or (lambda relpath: os.path.isfile(os.path.join(root, relpath)))
        self.spec = None
        if patterns:
            self.spec = _exclude_spec(patterns)
        self._verdicts: dict[str, bool] = {}

    def excludes(self, path: str) -> bool:
        """Tell whether ``path`` is excluded by default or by a pattern."""
        directory = path.rpartition("/")[0]
        if directory and self.directory_excluded(directory):
            return True
        return self.spec is not None and self.spec.match_file(path)

    def directory_excluded(self, directory: str) -> bool:
        """Tell whether ``directory`` or one above it is excluded; remembered per directory."""
        verdict = self._verdicts.get(directory)
        if verdict is None:
            parent, _, name = directory.rpartition("/")
            verdict = (parent != "" and self.directory_excluded(parent)) or self._skipped_dir(
                directory, name
            )
            self._verdicts[directory] = verdict
        return verdict

    def prunes(self, directory: str, name: str) -> bool:
        """Tell, from its name and path alone, that a walk need not enter ``directory``."""
        if name in ALWAYS_SKIPPED_DIRS or name.endswith(".egg-info"):
            return True
        return self.spec is not None and self.spec.match_file(directory + "/")

    def _skipped_dir(self, directory: str, name: str) -> bool:
        """Tell whether one directory is a virtualenv, tool cache, build output or excluded."""
        if self.prunes(directory, name):
            return True
        if self.exists(f"{directory}/pyvenv.cfg"):
            return True
        return name in OUTPUT_DIRS and not self.exists(f"{directory}/__init__.py")


def _exclude_spec(patterns: tuple[str, ...]) -> Any:
    """Compile the ``exclude`` patterns; one ``docaudit.gitignore`` refuses is a
    ``DiscoveryError`` (the settings refuse them first; this guards other callers)."""
    import pathspec

    for pattern in patterns:
        problem = pattern_problem(pattern)
        if problem is not None:
            raise DiscoveryError(f"exclude: '{_printable(pattern)}': {problem}")
    return pathspec.GitIgnoreSpec.from_lines(patterns)
