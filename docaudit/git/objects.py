"""Ask git about a repository and read its objects: commits, a tree's files, blobs.

Used to audit a commit without checking it out (no work-tree side effects), to count
the lines of the files of a revision, and to tell why a folder is in no work tree.
Every call goes through ``docaudit.git.commands``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from docaudit.errors import GitError
from docaudit.git import commands


@dataclass(frozen=True, slots=True)
class TreeEntry:
    """A file of a commit's tree: its path, blob id and mode."""

    path: str
    blob_id: str
    mode: str


def printable_revision(value: str) -> str:
    """Return a revision as it may appear in a message: quoted when it holds odd characters."""
    return value if value.isprintable() and value.strip() == value and value else repr(value)


def verify_commit(root: str, value: str, what: str, git_dir: str | None = None) -> str:
    """Return the full id of the commit ``value`` names, or raise ``GitError``.

    Every revision that reaches git from a file or a flag passes here first, so a value
    such as ``--output=../x`` is refused as a revision instead of read as an option;
    ``what`` names where it came from (``--compare-ref``, the baseline's commit).
    """
    if value and "\0" not in value:
        done = commands.run(
            root,
            *("rev-parse", "--verify", "--quiet", "--end-of-options", f"{value}^{{commit}}"),
            git_dir=git_dir,
        )
        if done.returncode == 0:
            return done.stdout.decode().strip()
    raise GitError(f"{what} {printable_revision(value)}: no such commit in {root}")


def tree_entries(root: str, commit: str, git_dir: str | None = None) -> list[TreeEntry]:
    """Return every blob and submodule of ``commit``'s tree (paths from the top)."""
    listing = commands.output(
        root,
        *("ls-tree", "-r", "-z", "--full-tree", "--end-of-options", commit),
        git_dir=git_dir,
        failure=f"git ls-tree {commit} failed",
    )
    entries = []
    for item in listing.split(b"\0"):
        if not item:
            continue
        meta, _, path = item.partition(b"\t")
        mode, _kind, blob_id = meta.decode().split(" ")
        entries.append(TreeEntry(os.fsdecode(path), blob_id, mode))
    return entries


def blobs(
    root: str, blob_ids: Iterable[str], git_dir: str | None = None
) -> Iterator[tuple[str, bytes | None]]:
    """Yield ``(blob id, content)`` for each id, in order, from one ``git cat-file --batch``.

    A missing object gives ``None``. A thread writes the ids while the contents are
    read, so neither side waits on a full pipe.
    """
    wanted = list(blob_ids)
    if not wanted:
        return
    process = commands.batch(root, "cat-file", "--batch", git_dir=git_dir)
    stdin, stdout = process.stdin, process.stdout
    assert stdin is not None and stdout is not None

    def feed() -> None:
        """Write every id, then close git's input."""
        try:
            stdin.write("".join(f"{blob_id}\n" for blob_id in wanted).encode())
            stdin.close()
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        for blob_id in wanted:
            header = stdout.readline().split()
            if len(header) != 3:
                yield blob_id, None
                continue
            content = stdout.read(int(header[2]))
            stdout.read(1)
            yield blob_id, content
    finally:
        writer.join()
        stdout.close()
        process.wait()


def is_shallow(root: str, git_dir: str | None = None) -> bool:
    """Tell whether the repository at ``root`` (or ``git_dir``) is a shallow clone."""
    done = commands.run(root, "rev-parse", "--is-shallow-repository", git_dir=git_dir)
    return done.stdout.strip() == b"true"


def merge_base(root: str, ref: str, head: str = "HEAD") -> str:
    """Return the merge base of ``ref`` and ``head``, or raise ``GitError`` saying why."""
    commit = verify_commit(root, ref, "--compare-ref")
    done = commands.run(root, "merge-base", "--end-of-options", commit, head)
    if done.returncode == 0:
        return done.stdout.decode().strip()
    shown = printable_revision(ref)
    if done.stderr.strip():
        raise GitError(f"--compare-ref {shown}: {commands.last_line(done.stderr)}")
    raise GitError(f"--compare-ref {shown}: no common ancestor with {head}")


def _git_in(directory: str, *args: str) -> commands.Done | None:
    """Run ``git ARGS`` in ``directory``; ``None`` when git is not installed."""
    try:
        return commands.run(directory, *args)
    except GitError:
        return None


def why_no_work_tree(directory: str) -> str:
    """Say, in a few words, why ``directory`` is in no git work tree.

    The cause is the real one: git missing from ``PATH``, a bare repository, git
    refusing to start (a broken ``GIT_CONFIG_GLOBAL``, say, in git's own words), or
    no repository at all.
    """
    done = _git_in(directory, "rev-parse", "--is-bare-repository")
    if done is None:
        return commands.NOT_INSTALLED
    if done.returncode == 0:
        if done.stdout.strip() == b"true":
            return "a bare repository (no work tree)"
        return "not in a git work tree"
    last = commands.last_line(done.stderr)
    if "not a git repository" in last:
        return "not in a git repository"
    return f"git cannot run here: {last}"


def tracks_anything_under(root: str, folder: str) -> bool:
    """Tell whether git tracks any file under ``folder`` (relative to the work tree ``root``).

    False outside git, or where git cannot answer.
    """
    done = _git_in(root, "ls-files", "-z", "--", folder)
    return done is not None and done.returncode == 0 and bool(done.stdout)


def bare_repository(path: Path) -> Path | None:
    """Return the git folder when ``path`` is (inside) a bare repository, else ``None``."""
    folder = path if path.is_dir() else path.parent
    done = _git_in(str(folder), "rev-parse", "--is-bare-repository", "--absolute-git-dir")
    if done is None or done.returncode != 0:
        return None
    lines = os.fsdecode(done.stdout).splitlines()
    return Path(lines[1]) if len(lines) == 2 and lines[0] == "true" else None
