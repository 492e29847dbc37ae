"""Access to a git repository through gitpython: checks, the tree at a revision, streams.

Git is always called with argument lists, never a shell, and with ``--`` before paths.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")

import git  # noqa: E402 - the environment above must be set before gitpython loads
from git.exc import (  # noqa: E402
    GitCommandError,
    GitCommandNotFound,  # noqa: E402
)

_CHUNK = 1 << 20


class HistoryError(Exception):
    """The history cannot be read; the message says why and what to do, in one line."""


@dataclass(frozen=True, slots=True)
class TreeFile:
    """A file in the tree of the audited revision."""

    path: str
    blob_id: str


class Repository:
    """One git repository (work tree or bare) opened for reading its history."""

    def __init__(self, path: Path) -> None:
        """Open the repository holding ``path`` (a work tree or a bare repository).

        Raises ``HistoryError`` when ``path`` is in no repository or git is missing.
        """
        directory = path if path.is_dir() else path.parent
        if not directory.exists():
            raise HistoryError(f"{path}: no such file or directory")
        self.git = git.Git(str(directory))
        try:
            found = self.git.execute(
                ["git", "rev-parse", "--absolute-git-dir", "--is-bare-repository"]
            ).splitlines()
        except GitCommandNotFound:
            raise HistoryError("git is not installed or not on PATH") from None
        except GitCommandError:
            raise HistoryError(
                f"docaudit silos needs a git repository: {path} is not one"
            ) from None
        self.git_dir = found[0]
        self.bare = found[1] == "true" or found[0] == str(directory.resolve())
        if self.bare:
            self.root = Path(self.git_dir)
        else:
            top = self.git.execute(["git", "rev-parse", "--show-toplevel"])
            self.root = Path(top)

    def _command(self, *args: str) -> list[str]:
        """Return a git command line that reads this repository, wherever it runs."""
        return ["git", f"--git-dir={self.git_dir}", *args]

    def _run(self, *args: str) -> str:
        """Run a git command and return its output, or raise ``HistoryError``."""
        try:
            return self.git.execute(self._command(*args), strip_newline_in_stdout=False)
        except GitCommandNotFound:
            raise HistoryError("git is not installed or not on PATH") from None
        except GitCommandError as error:
            raise HistoryError(f"git {args[0]} failed: {_last_line(error.stderr)}") from None

    def is_shallow(self) -> bool:
        """Tell whether the repository is a shallow clone (history cut short)."""
        return self._run("rev-parse", "--is-shallow-repository").strip() == "true"

    def resolve(self, rev: str) -> str | None:
        """Return the commit id ``rev`` names, ``None`` when the repository has no commits."""
        try:
            output = self.git.execute(
                self._command(
                    "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"
                )
            )
        except GitCommandNotFound:
            raise HistoryError("git is not installed or not on PATH") from None
        except GitCommandError:
            if rev == "HEAD" and not self._has_commits():
                return None
            raise HistoryError(f"--rev {rev}: no such revision in {self.root}") from None
        return output.strip()

    def _has_commits(self) -> bool:
        """Tell whether any branch or tag points at a commit."""
        return bool(self._run("for-each-ref", "--count=1", "--format=%(refname)").strip())

    def is_ancestor(self, older: str, newer: str) -> bool:
        """Tell whether commit ``older`` is an ancestor of ``newer`` (false if it is unknown)."""
        try:
            self.git.execute(self._command("merge-base", "--is-ancestor", older, newer))
        except GitCommandError:
            return False
        return True

    def read_blob(self, blob_id: str) -> str:
        """Return a blob's text (undecodable bytes replaced)."""
        data = self.git.execute(self._command("cat-file", "blob", blob_id), stdout_as_string=False)
        return data.decode("utf-8", "replace")

    def tree(self, commit: str) -> tuple[list[TreeFile], list[str]]:
        """Return the files at ``commit`` and, apart, the paths of its submodules."""
        output = self._run("ls-tree", "-r", "-z", "--full-tree", commit)
        files, submodules = [], []
        for entry in output.split("\0"):
            if not entry:
                continue
            meta, _, path = entry.partition("\t")
            mode, kind, blob_id = meta.split(" ")
            if kind == "commit":
                submodules.append(path)
            elif kind == "blob" and mode != "120000":
                files.append(TreeFile(path, blob_id))
        return files, submodules

    def line_counts(self, blob_ids: list[str]) -> dict[str, int]:
        """Return the number of lines of each blob, read in one ``git cat-file`` stream."""
        if not blob_ids:
            return {}
        import threading

        process = self.git.execute(
            self._command("cat-file", "--batch"), as_process=True, istream=subprocess.PIPE
        )
        stdin, stdout = process.proc.stdin, process.proc.stdout

        def feed() -> None:
            """Write every blob id, then close git's input."""
            stdin.write("".join(f"{blob_id}\n" for blob_id in blob_ids).encode())
            stdin.close()

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        counts: dict[str, int] = {}
        for blob_id in blob_ids:
            header = stdout.readline().split()
            if len(header) != 3:
                counts[blob_id] = 0
                continue
            content = stdout.read(int(header[2]))
            stdout.read(1)
            tail = 1 if content and not content.endswith(b"\n") else 0
            counts[blob_id] = content.count(b"\n") + tail
        writer.join()
        process.wait()
        return counts

    def stream(self, *args: str) -> Iterator[bytes]:
        """Yield a git command's output in chunks; raise ``HistoryError`` if it fails."""
        try:
            process = self.git.execute(self._command(*args), as_process=True)
        except GitCommandNotFound:
            raise HistoryError("git is not installed or not on PATH") from None
        stdout, stderr = process.proc.stdout, process.proc.stderr
        while chunk := stdout.read(_CHUNK):
            yield chunk
        errors = stderr.read()
        if process.proc.wait() != 0:
            command = next(arg for arg in args if not arg.startswith("-") and "=" not in arg)
            raise HistoryError(
                f"git {command} stopped part-way: {_last_line(errors)} "
                "(is the repository missing objects, as a partial clone or a damaged copy?)"
            )


def _last_line(stderr: str | bytes | None) -> str:
    """Return the last non-empty line of git's error output."""
    if isinstance(stderr, bytes):
        stderr = stderr.decode("utf-8", "replace")
    lines = [line.strip() for line in (stderr or "").splitlines() if line.strip()]
    line = lines[-1] if lines else "no message"
    return line.removeprefix("stderr: ").strip("'")
