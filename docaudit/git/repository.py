"""Access to a git repository: checks, the tree at a revision, and streamed output.

Quick questions (which repository, which commit, which files) are one short
``git`` call each; the long streams (the history, the blobs for line counts) are
read as git writes them. Every call goes through ``docaudit.git.commands``; what
git refuses or cannot do here is a ``HistoryError``, in one line.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from docaudit.errors import GitError, HistoryError
from docaudit.git import commands
from docaudit.git.objects import blobs, tree_entries, verify_commit, why_no_work_tree
from docaudit.safeio import read_file

_NOT_FILES = frozenset({"160000", "120000"})  # submodules and symbolic links
_MAILMAP_BYTES = 16 << 20


@dataclass(frozen=True, slots=True)
class TreeFile:
    """A file in the tree of the audited revision."""

    path: str
    blob_id: str


def _git_command(directory: str, *args: str, git_dir: str | None = None) -> commands.Done:
    """Run git in ``directory``; raise ``HistoryError`` when git is not installed."""
    try:
        return commands.run(directory, *args, git_dir=git_dir)
    except GitError as error:
        raise HistoryError(str(error)) from None


class Repository:
    """One git repository (work tree or bare) opened for reading its history."""

    def __init__(self, path: Path) -> None:
        """Open the repository holding ``path`` (a work tree or a bare repository).

        Raises ``HistoryError`` when ``path`` is in no repository or git is missing.
        """
        directory = path if path.is_dir() else path.parent
        if not directory.exists():
            raise HistoryError(f"{path}: no such file or directory")
        done = _git_command(
            str(directory), "rev-parse", "--absolute-git-dir", "--is-bare-repository"
        )
        if done.returncode != 0:
            cause = why_no_work_tree(str(directory))
            raise HistoryError(f"docaudit silos needs a git repository: {path}: {cause}")
        git_dir, bare = os.fsdecode(done.stdout).splitlines()[:2]
        self.git_dir = git_dir
        self.bare = bare == "true" or git_dir == str(directory.resolve())
        if self.bare:
            self.root = Path(git_dir)
        else:
            top = _git_command(str(directory), "rev-parse", "--show-toplevel")
            self.root = Path(os.fsdecode(top.stdout).rstrip("\n"))

    def _git(self, *args: str) -> commands.Done:
        """Run a git command on this repository; raise ``HistoryError`` if git is missing."""
        return _git_command(str(self.root), *args, git_dir=self.git_dir)

    def _run(self, *args: str) -> str:
        """Run a git command and return its output, or raise ``HistoryError``."""
        try:
            return os.fsdecode(commands.output(str(self.root), *args, git_dir=self.git_dir))
        except GitError as error:
            raise HistoryError(str(error)) from None

    def resolve(self, rev: str) -> str | None:
        """Return the commit id ``rev`` names, ``None`` when the repository has no commits."""
        try:
            return verify_commit(str(self.root), rev, "--rev", self.git_dir)
        except GitError as error:
            if rev == "HEAD" and not self._run("for-each-ref", "--count=1").strip():
                return None
            raise HistoryError(str(error)) from None

    def date_bound(self, option: str, value: str) -> int:
        """Return ``--since``/``--until`` VALUE as a Unix time, resolved by git now.

        ``rev-parse --since`` takes any text (garbage means "now"), so the value is
        first parsed by git's careful date parser, the one behind expiry-date settings,
        which rejects most of what it does not understand; a value that starts with
        ``-`` (an option, never a date) is refused before git sees it.
        """
        if value.startswith("-") or not value.isprintable():
            raise HistoryError(f"{option} {value!r}: not a date git understands")
        careful = _git_command(
            str(self.root),
            *("-c", f"docaudit.date={value}", "config", "--type=expiry-date", "docaudit.date"),
        )
        output = self._run("rev-parse", f"{option}={value}").strip()
        if careful.returncode != 0 or "=" not in output:
            raise HistoryError(f"{option} {value}: not a date git understands")
        return int(output.partition("=")[2])

    def mailmap_stamp(self) -> str:
        """Return a digest of the mailmap git applies (``.mailmap``, ``mailmap.file``/``blob``)."""
        digest = hashlib.sha1(usedforsecurity=False)
        sources = [] if self.bare else [self.root / ".mailmap"]
        configured = self._git("config", "mailmap.file")
        if configured.returncode == 0:
            sources.append(Path(os.fsdecode(configured.stdout.strip())).expanduser())
        for source in sources:
            # the repository's .mailmap may be a link out of it or a FIFO; git itself
            # does not follow a linked .mailmap, so neither does the digest
            inside = self.root if source == self.root / ".mailmap" else None
            try:
                digest.update(read_file(source, _MAILMAP_BYTES, inside))
            except OSError:
                continue
        blob = self._git("config", "mailmap.blob")
        if blob.returncode == 0:
            digest.update(self.read_blob(blob.stdout.decode().strip()).encode())
        return digest.hexdigest()

    def is_ancestor(self, older: str, newer: str) -> bool:
        """Tell whether commit ``older`` is an ancestor of ``newer`` (false if it is unknown)."""
        done = self._git("merge-base", "--is-ancestor", "--end-of-options", older, newer)
        return done.returncode == 0

    def read_blob(self, blob_id: str) -> str:
        """Return a blob's text (undecodable bytes replaced)."""
        return self._git("cat-file", "blob", blob_id).stdout.decode("utf-8", "replace")

    def tree(self, commit: str) -> tuple[list[TreeFile], list[str]]:
        """Return the files at ``commit`` and, apart, the paths of its submodules."""
        try:
            entries = tree_entries(str(self.root), commit, self.git_dir)
        except GitError as error:
            raise HistoryError(str(error)) from None
        files = [TreeFile(e.path, e.blob_id) for e in entries if e.mode not in _NOT_FILES]
        return files, sorted(e.path for e in entries if e.mode == "160000")

    def line_counts(self, blob_ids: list[str]) -> dict[str, int]:
        """Return the number of lines of each blob, read in one ``git cat-file`` stream."""
        counts: dict[str, int] = {}
        for blob_id, content in blobs(str(self.root), blob_ids, self.git_dir):
            if not content:
                counts[blob_id] = 0
                continue
            tail = 0 if content.endswith(b"\n") else 1
            counts[blob_id] = content.count(b"\n") + tail
        return counts

    def stream(self, *args: str) -> Iterator[bytes]:
        """Yield a git command's output in chunks, as git writes it; raise ``HistoryError``
        if git fails (after what it wrote has been read)."""
        try:
            yield from commands.stream(str(self.root), *args, git_dir=self.git_dir)
        except GitError as error:
            raise HistoryError(str(error)) from None
