"""Reading and writing files of a repository that nobody trusts.

Everything in an audited repository may be hostile: a committed symbolic link can point
at ``/etc/shadow`` or at a file the CI user owns, a ``pyproject.toml`` can be a link to
``/dev/zero``, a ``*.py`` outside git can be a FIFO that blocks every reader. So every
file docaudit reads goes through :func:`read_file` (inside the root, a regular file,
under a size limit, never blocking) and every file it writes through :func:`write_file`
(never through a link, never into a folder that links out of the repository).

The errors are ``OSError`` subclasses with a ``strerror`` that reads as the cause, so
callers that already report ``cannot read: {error.strerror}`` need no new case.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from docaudit.errors import FileTooLargeError, UnsafeFileError


def is_inside(path: str | os.PathLike[str], root: str | os.PathLike[str]) -> bool:
    """Tell whether ``path``, every link resolved, lies within ``root`` (links resolved too)."""
    real = os.path.realpath(path)
    real_root = os.path.realpath(root)
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def read_file(
    path: str | os.PathLike[str],
    limit: int,
    root: str | os.PathLike[str] | None = None,
    head: bool = False,
) -> bytes:
    """Return the bytes of the regular file at ``path``, at most ``limit`` of them.

    Refused with :class:`UnsafeFileError`: a path that resolves outside ``root`` (when
    given), and anything but a regular file (a FIFO, a device, a folder). Over the
    limit, :class:`FileTooLargeError`; a file that grows while it is read is caught too;
    with ``head``, its first ``limit`` bytes instead. The file is opened without
    blocking, so a FIFO never hangs the run.
    """
    if root is not None and not is_inside(path, root):
        raise UnsafeFileError(path, _outside(path, root))
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise UnsafeFileError(path, "not a regular file")
        if status.st_size > limit and not head:
            raise FileTooLargeError(path, status.st_size, limit)
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            data = handle.read(limit if head else limit + 1)
    finally:
        os.close(descriptor)
    if len(data) > limit:
        raise FileTooLargeError(path, len(data), limit)
    return data


def _outside(path: str | os.PathLike[str], root: str | os.PathLike[str]) -> str:
    """Say why ``path``, which resolves outside ``root``, is refused."""
    if _lexically_inside(path, root):
        return "a symbolic link to a file outside the repository"
    return "outside the repository"


def check_write_target(
    path: str | os.PathLike[str], root: str | os.PathLike[str] | None = None
) -> None:
    """Raise :class:`UnsafeFileError` when writing ``path`` could land somewhere else.

    Under ``root`` (as written; everywhere when no root is given), ``path`` must not
    be a symbolic link, and its folder must resolve under ``root``, so that a committed
    link to a file or a folder cannot carry the write out of the repository. A link
    outside ``root`` (``/dev/stdout``, say) is the user's own and is written through.
    """
    if root is not None and not _lexically_inside(path, root):
        return
    if os.path.islink(path):
        raise UnsafeFileError(path, "is a symbolic link; docaudit never writes through one")
    # the folder as the system will resolve it: ``link/..`` is the link's parent, not
    # the folder that holds the link, so it is never folded on paper first
    if root is not None and not is_inside(_folder(path), root):
        raise UnsafeFileError(path, "its folder is a symbolic link out of the repository")


def _lexically_inside(path: str | os.PathLike[str], root: str | os.PathLike[str]) -> bool:
    """Tell whether ``path`` lies under ``root`` as written, no link resolved."""
    absolute = os.path.abspath(path)
    lexical_root = os.path.abspath(root)
    return absolute == lexical_root or absolute.startswith(lexical_root.rstrip(os.sep) + os.sep)


def write_file(
    path: str | os.PathLike[str], data: bytes, root: str | os.PathLike[str] | None = None
) -> None:
    """Write ``data`` to ``path`` atomically (a temporary file renamed over it).

    The checks of :func:`check_write_target` come first. An existing character device
    or FIFO (``/dev/null``, a terminal, a pipe), and whatever a link outside ``root``
    leads to, is written in place; any other existing file that is not a regular file
    is refused. The new file gets the usual mode (0666 less the umask), not the
    temporary file's 0600.
    """
    check_write_target(path, root)
    try:
        status = os.stat(path)
    except FileNotFoundError:
        status = None
    if status is not None and (
        stat.S_ISCHR(status.st_mode) or stat.S_ISFIFO(status.st_mode) or os.path.islink(path)
    ):
        _write_in_place(path, data, truncate=stat.S_ISREG(status.st_mode))
        return
    if status is not None and not stat.S_ISREG(status.st_mode):
        raise UnsafeFileError(path, "not a regular file")
    import tempfile  # 4 ms to import: only when something is written

    directory = os.path.realpath(_folder(path))
    name = os.path.basename(path)
    path = os.path.join(directory, name)
    handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _write_in_place(path: str | os.PathLike[str], data: bytes, truncate: bool) -> None:
    """Write ``data`` into an existing file; a FIFO nobody reads fails, never blocks."""
    flags = os.O_WRONLY | os.O_NONBLOCK | os.O_CLOEXEC | (os.O_TRUNC if truncate else 0)
    descriptor = os.open(path, flags)
    os.set_blocking(descriptor, True)
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(data)


def _folder(path: str | os.PathLike[str]) -> str:
    """Return the folder part of ``path`` as written (``.`` for a bare name)."""
    return os.path.dirname(os.fspath(path)) or "."


def _umask() -> int:
    """Return the process's umask (reading it means setting it, so it is set back)."""
    mask = os.umask(0o22)
    os.umask(mask)
    return mask
