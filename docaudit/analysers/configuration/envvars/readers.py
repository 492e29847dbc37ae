"""What counts as an environment read: the functions each library reads it with, and how
they take their arguments; the ``EnvRead`` record, well-known names and wrapper depth.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase

from docaudit.analysers.configuration.envvars.wellknown import WELL_KNOWN

MAX_WRAPPER_DEPTH = 3
"""How many levels of wrapper functions ``env_reads`` follows (a wrapper of a wrapper is 2)."""

_ENVIRON = frozenset({"os.environ", "os.environb"})
_GETENV = frozenset({"os.getenv", "os.getenvb"})
_CLICK_MODULES = frozenset({"click", "typer", "rich_click", "cloup", "asyncclick"})
_CLICK_PARAMS = frozenset({"option", "argument", "Option", "Argument"})
_READER_CLASSES = {
    "environ.Env": "django-environ",
    "environ.environ.Env": "django-environ",
    "environs.Env": "environs",
    "decouple.AutoConfig": "decouple",
    "decouple.Config": "decouple",
}
_READER_INSTANCES = {"environs.env": "environs", "decouple.config": "decouple"}


@dataclass(frozen=True, slots=True)
class EnvRead:
    """One place where the code reads an environment variable."""

    name: str
    path: str
    line: int
    source: str
    default: str | None
    required: bool | None
    description: str | None
    case_insensitive: bool
    dynamic: bool


def is_well_known(name: str, patterns: Sequence[str] = WELL_KNOWN) -> bool:
    """Return whether ``name`` matches one of the glob ``patterns`` (case-sensitive)."""
    return any(fnmatchcase(name, pattern) for pattern in patterns)


# ---------------------------------------------------------------- how each reader is called


@dataclass(frozen=True, slots=True)
class _Spec:
    """How a reading function takes its arguments."""

    source: str
    strict: bool  # whether a missing variable without a default fails
    default_index: int
    name_keyword: str
    fixed_name: str | None = None  # the variable read when no name is passed


_GETENV_SPEC = _Spec("os.getenv", False, 1, "key")
_ENVIRON_SPECS = {
    "get": _Spec("os.environ", False, 1, "key"),
    "setdefault": _Spec("os.environ", False, 1, "key"),
    "pop": _Spec("os.environ", True, 1, "key"),
}
_DECOUPLE_SPEC = _Spec("decouple", True, 1, "option")
_ENVIRONS_SPEC = _Spec("environs", True, 1, "name")
_ENVIRONS_METHODS = frozenset(
    {
        *("str", "bool", "int", "float", "decimal", "list", "dict", "json", "enum", "uuid"),
        *("datetime", "date", "time", "timedelta", "path", "log_level", "url"),
        *("dj_db_url", "dj_email_url", "dj_cache_url"),
    }
)


def _django(default_index: int, fixed_name: str | None = None) -> _Spec:
    """Return the spec of a django-environ ``Env`` method."""
    return _Spec("django-environ", True, default_index, "var", fixed_name)


_DJANGO_SPECS = {
    "__call__": _django(2),
    "get_value": _django(2),
    "list": _django(2),
    "tuple": _django(2),
    "dict": _django(2),
    **{name: _django(1) for name in ("str", "bool", "int", "float", "json", "url", "path")},
    "bytes": _django(1),
    **{name: _django(1, "DATABASE_URL") for name in ("db_url", "db")},
    **{name: _django(1, "CACHE_URL") for name in ("cache_url", "cache")},
    **{name: _django(1, "EMAIL_URL") for name in ("email_url", "email")},
    "search_url": _django(1, "SEARCH_URL"),
    **{name: _django(1, "CHANNELS_URL") for name in ("channels_url", "channels")},
}


def _reader_kind(receiver: str) -> str | None:
    """Return the library of a reader object: ``environ.Env()``, ``environs.env``, ..."""
    if receiver.endswith("()"):
        return _READER_CLASSES.get(receiver[:-2])
    return _READER_INSTANCES.get(receiver)


def _spec_for(callee: str) -> _Spec | None:
    """Return how the resolved function ``callee`` reads a variable, or None if it does not."""
    if callee in _GETENV:
        return _GETENV_SPEC
    kind = _reader_kind(callee)
    if kind is not None:
        return _method_spec(kind, "__call__")
    receiver, _, method = callee.rpartition(".")
    if receiver in _ENVIRON:
        return _ENVIRON_SPECS.get(method)
    kind = _reader_kind(receiver)
    return None if kind is None else _method_spec(kind, method)


def _method_spec(kind: str, method: str) -> _Spec | None:
    """Return the spec of ``method`` of a reader object of library ``kind``."""
    if kind == "django-environ":
        return _DJANGO_SPECS.get(method)
    if kind == "environs":
        return _ENVIRONS_SPEC if method == "__call__" or method in _ENVIRONS_METHODS else None
    return _DECOUPLE_SPEC if method in ("__call__", "get") else None


def _is_click_param(callee: str) -> bool:
    """Return whether ``callee`` declares a click/typer option or argument."""
    head, _, last = callee.partition(".")
    return head in _CLICK_MODULES and last.rpartition(".")[2] in _CLICK_PARAMS
