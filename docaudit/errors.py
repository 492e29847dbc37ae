"""Every error docaudit raises, in one place.

``DocauditError`` and its subclasses stop a run: the CLI prints the one-line message and
exits 2. The others never reach the CLI: a file that cannot be analysed or read becomes a
reported ``FileError`` and the rest of the audit goes on.
"""

from __future__ import annotations

import errno
import os


class DocauditError(Exception):
    """A run that cannot go on; the message names the file or value and the cause."""


class ConfigError(DocauditError):
    """Settings that cannot be used: an unknown key, a bad value, an unreadable file."""


class DiscoveryError(DocauditError):
    """The paths cannot be audited at all (they do not exist, or git failed)."""


class HistoryError(DocauditError):
    """The history cannot be read; the message says why and what to do, in one line."""


class BaselineError(DocauditError):
    """A baseline file that cannot be used; the message names the file and the cause."""


class CheckError(DocauditError):
    """A gate cannot be evaluated; the message says why and what to do."""


class GitError(DocauditError):
    """Git failed or refused: not installed, an unknown revision, an unreadable object."""


class AnalysisError(Exception):
    """A file that cannot be analysed; the message says why in one line."""


class YamlTooDeepError(Exception):
    """A YAML text nests collections deeper than ``MAX_YAML_DEPTH``; the message says where."""


class UnknownRule(LookupError):
    """A symbol or problem that the rule table does not list: a bug, never bad input."""


class UnsafeFileError(OSError):
    """A file docaudit refuses to read or write; ``strerror`` says why."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        """Refuse ``path`` for ``reason``."""
        super().__init__(errno.EPERM, reason, os.fspath(path))


class FileTooLargeError(OSError):
    """A file over its size limit; ``size`` (at least) and ``limit`` are in bytes."""

    def __init__(self, path: str | os.PathLike[str], size: int, limit: int) -> None:
        """Refuse ``path`` of ``size`` bytes over ``limit``."""
        super().__init__(
            errno.EFBIG, f"{size:,} bytes is over the {limit:,}-byte limit", os.fspath(path)
        )
        self.size = size
        self.limit = limit
