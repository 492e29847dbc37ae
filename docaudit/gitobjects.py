"""Read git objects with plain git calls: a tree's files, and blobs in one stream.

Used to audit a commit without checking it out (no work-tree side effects) and to
count the lines of the files of a revision.
"""

from __future__ import annotations

import os
import subprocess
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass


class GitObjectError(Exception):
    """A git object cannot be read; the message says which and why."""


@dataclass(frozen=True, slots=True)
class TreeEntry:
    """A file of a commit's tree: its path, blob id and mode."""

    path: str
    blob_id: str
    mode: str


def git_args(git_dir: str | None) -> list[str]:
    """Return the arguments that point git at a repository (``--git-dir``) when given."""
    return ["git", f"--git-dir={git_dir}"] if git_dir else ["git"]


def tree_entries(root: str, commit: str, git_dir: str | None = None) -> list[TreeEntry]:
    """Return every blob and submodule of ``commit``'s tree (paths from the top)."""
    done = subprocess.run(
        [*git_args(git_dir), "ls-tree", "-r", "-z", "--full-tree", commit],
        cwd=root,
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitObjectError(f"git ls-tree {commit} failed: {message[-1] if message else ''}")
    entries = []
    for item in done.stdout.split(b"\0"):
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
    process = subprocess.Popen(
        [*git_args(git_dir), "cat-file", "--batch"],
        cwd=root,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
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


def is_shallow(root: str) -> bool:
    """Tell whether the repository at ``root`` is a shallow clone."""
    done = subprocess.run(
        ["git", "rev-parse", "--is-shallow-repository"], cwd=root, capture_output=True, check=False
    )
    return done.stdout.strip() == b"true"


def merge_base(root: str, ref: str, head: str = "HEAD") -> str:
    """Return the merge base of ``ref`` and ``head``, or raise ``GitObjectError`` saying why."""
    done = subprocess.run(
        ["git", "merge-base", "--end-of-options", ref, head],
        cwd=root,
        capture_output=True,
        check=False,
    )
    if done.returncode == 0:
        return done.stdout.decode().strip()
    message = done.stderr.decode("utf-8", "replace").strip().splitlines()
    if message:
        raise GitObjectError(f"--compare-ref {ref}: {message[-1]}")
    raise GitObjectError(f"--compare-ref {ref}: no common ancestor with {head}")
