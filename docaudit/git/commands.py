"""The only place docaudit runs git: short commands, side by side, a batch, and a stream.

Git is always called with an argument list, never a shell, as ``git -C DIRECTORY``
(``--git-dir`` after it when given), so a folder that does not exist is git's error,
never mistaken for git missing. Callers put ``--end-of-options`` or ``--`` before
revisions and paths. No command talks to a remote, so no transport (``ext::`` or any
other) ever runs. Git inherits docaudit's environment; only the long stream (the
history) runs with ``LC_ALL=C`` and ``LANGUAGE=C``, as it always has, so what it
prints is read the same everywhere. Git missing from ``PATH`` is a ``GitError``
saying so, from every function here.
"""

from __future__ import annotations

import os
import queue
import subprocess
import threading
from collections.abc import Iterator, Sequence
from typing import TypeAlias

from docaudit.errors import GitError

Done: TypeAlias = subprocess.CompletedProcess[bytes]
"""What a finished git command did: its exit status and its outputs, as bytes."""

NOT_INSTALLED = "git is not installed or not on PATH"
_CHUNK = 1 << 16
_QUEUED_CHUNKS = 256
_C_LOCALE = {"LANGUAGE": "C", "LC_ALL": "C"}


def _argv(
    directory: str | os.PathLike[str], args: Sequence[str], git_dir: str | None
) -> list[str]:
    """Return the command line of ``git ARGS`` run in ``directory`` (on ``git_dir``)."""
    where = ["-C", os.fspath(directory)]
    if git_dir:
        where.append(f"--git-dir={git_dir}")
    return ["git", *where, *args]


def run(
    directory: str | os.PathLike[str],
    *args: str,
    git_dir: str | None = None,
    input: bytes | None = None,
) -> Done:
    """Run ``git ARGS`` in ``directory`` and return what it did, whatever its exit status.

    ``input`` is written to git's standard input.
    """
    try:
        return subprocess.run(
            _argv(directory, args, git_dir), input=input, capture_output=True, check=False
        )
    except FileNotFoundError:
        raise GitError(NOT_INSTALLED) from None


def output(
    directory: str | os.PathLike[str],
    *args: str,
    git_dir: str | None = None,
    input: bytes | None = None,
    failure: str | None = None,
) -> bytes:
    """Return the output of ``git ARGS`` in ``directory``; raise ``GitError`` if it fails.

    The message is ``failure`` (by default ``git COMMAND failed``), then git's last line.
    """
    done = run(directory, *args, git_dir=git_dir, input=input)
    if done.returncode != 0:
        raise GitError(f"{failure or f'git {args[0]} failed'}: {last_line(done.stderr)}")
    return done.stdout


def outputs_together(directory: str | os.PathLike[str], *commands: Sequence[str]) -> list[bytes]:
    """Run git commands in ``directory`` side by side and return their outputs, in order.

    One that fails raises ``GitError``: ``git COMMAND failed in DIRECTORY``, then git's
    last line (the others are stopped).
    """
    return list(outputs_in_turn(directory, *commands))


def outputs_in_turn(
    directory: str | os.PathLike[str], *commands: Sequence[str]
) -> Iterator[bytes]:
    """Start git commands in ``directory`` side by side and yield their outputs in order,
    each as soon as it is done, so the caller works on one while the others still run.

    One that fails raises ``GitError`` as ``outputs_together`` does; the ones not read
    yet are stopped when the caller stops early.
    """
    try:
        running = [
            subprocess.Popen(
                _argv(directory, args, None), stdout=subprocess.PIPE, stderr=subprocess.PIPE
            )
            for args in commands
        ]
    except FileNotFoundError:
        raise GitError(NOT_INSTALLED) from None
    try:
        for args, process in zip(commands, running, strict=True):
            out, err = process.communicate()
            if process.returncode != 0:
                raise GitError(f"git {args[0]} failed in {directory}: {last_line(err)}")
            yield out
    finally:
        for process in running:
            if process.returncode is None:
                process.kill()
                process.communicate()


def batch(
    directory: str | os.PathLike[str], *args: str, git_dir: str | None = None
) -> subprocess.Popen[bytes]:
    """Start ``git ARGS`` (a ``--batch`` command) with pipes to its input and output.

    Its error output is dropped: a batch command answers each bad request on its output.
    """
    try:
        return subprocess.Popen(
            _argv(directory, args, git_dir),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise GitError(NOT_INSTALLED) from None


def stream(
    directory: str | os.PathLike[str], *args: str, git_dir: str | None = None
) -> Iterator[bytes]:
    """Yield the output of ``git ARGS`` in chunks, as git writes it; raise ``GitError`` if
    git fails, once its output has been read.

    A thread drains git's output into a bounded queue, so git keeps writing while the
    caller parses what came before (with a plain pipe, each waits for the other). A
    caller that stops early stops git too.
    """
    try:
        process = subprocess.Popen(
            _argv(directory, args, git_dir),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, **_C_LOCALE},
        )
    except FileNotFoundError:
        raise GitError(NOT_INSTALLED) from None
    stdout, stderr = process.stdout, process.stderr
    assert stdout is not None and stderr is not None
    chunks: queue.Queue[bytes] = queue.Queue(maxsize=_QUEUED_CHUNKS)

    def drain() -> None:
        """Read git's output until it ends; an empty chunk marks the end."""
        while chunk := stdout.read1(_CHUNK):
            chunks.put(chunk)
        chunks.put(b"")

    threading.Thread(target=drain, daemon=True).start()
    ended = False
    try:
        while chunk := chunks.get():
            yield chunk
        ended = True
        errors = stderr.read()
        if process.wait() != 0:
            command = next(arg for arg in args if not arg.startswith("-") and "=" not in arg)
            raise GitError(
                f"git {command} stopped part-way: {last_line(errors)} "
                "(is the repository missing objects, as a partial clone or a damaged copy?)"
            )
    finally:
        if not ended:
            process.kill()
            while chunks.get():  # let the drain thread reach the end of git's output
                pass
        process.wait()
        stdout.close()
        stderr.close()


def last_line(stderr: bytes) -> str:
    """Return the last non-empty line of git's error output (``no message`` if none)."""
    text = stderr.decode("utf-8", "replace")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "no message"
