"""The kinds of value a setting takes, each with the check that a file or a flag must pass.

A check returns the value in the type the setting holds (a list becomes a tuple, a
table a sorted tuple of pairs) or raises ``ConfigError`` naming the key and where it
was set: a settings file and its table, or ``COMMAND_LINE``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import fields
from pathlib import PurePosixPath
from typing import Any

from docaudit.errors import ConfigError
from docaudit.patterns import pattern_problem

MAX_INTEGER = 2**31 - 1
"""The largest whole number any setting takes (days, counts)."""
MAX_WEIGHT = 1_000_000.0
"""The largest ``risk-weights`` value: the sum of the weights must stay finite."""
MAX_HALF_LIFE_DAYS = 1_000_000.0
"""The longest ``knowledge-half-life`` (about 2,700 years; longer is no decay at all)."""
COMMAND_LINE = "the command line"
"""Where flags come from, in messages; a setting from there is the user's own."""


class Value:
    """The kind of value a setting takes; ``check`` returns it in the setting's type.

    Plain classes, not dataclasses: a dataclass costs half a millisecond to create, and
    these are made each time docaudit starts.
    """

    __slots__ = ()

    def check(self, value: Any, name: str, where: str) -> Any:
        """Return ``value`` as the setting holds it, or raise ``ConfigError``."""
        raise NotImplementedError


class Switch(Value):
    """``true`` or ``false``."""

    __slots__ = ()

    def check(self, value: Any, name: str, where: str) -> bool:
        """Return the boolean, or raise ``ConfigError``."""
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: '{name}' must be true or false, not {_shown(value)}")
        return value


class Strings(Value):
    """A list of strings (one string is a list of one)."""

    __slots__ = ()

    def check(self, value: Any, name: str, where: str) -> tuple[str, ...]:
        """Return the strings as a tuple, each checked by ``check_each``."""
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: '{name}' must be a list of strings, not {_shown(value)}")
        self.check_each(value, name, where)
        return tuple(value)

    def check_each(self, values: list[str] | tuple[str, ...], name: str, where: str) -> None:
        """Raise ``ConfigError`` for a string this kind of list refuses (none here)."""


class Regexes(Strings):
    """Regular expressions, compiled by the ``regex`` module that later matches them (with
    a time limit, in ``counting``)."""

    __slots__ = ()

    def check_each(self, values: list[str] | tuple[str, ...], name: str, where: str) -> None:
        """Raise ``ConfigError`` for a pattern that is not a valid regular expression."""
        import regex  # 11 ms to import: only for settings that give a pattern

        for pattern in values:
            try:
                regex.compile(pattern)
            except regex.error as error:
                raise ConfigError(
                    f"{where}: '{name}' has a bad regular expression {pattern!r}: {error}"
                ) from None


class Globs(Strings):
    """Gitignore-style patterns, as ``docaudit.discover.ignore`` compiles them."""

    __slots__ = ()

    def check_each(self, values: list[str] | tuple[str, ...], name: str, where: str) -> None:
        """Raise ``ConfigError`` for a pattern that does not compile (invalid, like a lone
        ``\\``, or with wildcards enough to match in exponential time), so that no stage
        meets it later as a traceback or a hang."""
        for pattern in values:
            problem = pattern_problem(pattern)
            if problem is not None:
                raise ConfigError(
                    f"{where}: '{name}' has the pattern {_shown(pattern)}: {problem}"
                )


class KindNames(Strings):
    """At least one name of a group of symbol kinds, or of a single kind, in ``groups``."""

    __slots__ = ("groups",)

    def __init__(self, groups: Mapping[str, tuple[str, ...]]) -> None:
        """Take the names from ``groups`` (group name → its kinds)."""
        self.groups = groups

    def check_each(self, values: list[str] | tuple[str, ...], name: str, where: str) -> None:
        """Raise ``ConfigError`` for no names, or a name that is neither a group nor a kind."""
        known = set(self.groups) | {kind for group in self.groups.values() for kind in group}
        if not values:
            raise ConfigError(f"{where}: '{name}' must name at least one kind")
        for kind in values:
            if kind not in known:
                raise ConfigError(
                    f"{where}: '{name}' has an unknown kind {kind!r}; choose from "
                    + ", ".join(self.groups)
                )


class Names(Strings):
    """At least one of a few names (``allowed``), each naming a ``what``."""

    __slots__ = ("allowed", "what")

    def __init__(self, allowed: tuple[str, ...], what: str) -> None:
        """Take the names allowed and what each one names, for messages."""
        self.allowed = allowed
        self.what = what

    def check_each(self, values: list[str] | tuple[str, ...], name: str, where: str) -> None:
        """Raise ``ConfigError`` for no names, or one that is not allowed."""
        if not values:
            raise ConfigError(f"{where}: '{name}' must name at least one {self.what}")
        for value in values:
            if value not in self.allowed:
                raise ConfigError(
                    f"{where}: '{name}' has an unknown {self.what} {value!r}; choose from "
                    + ", ".join(self.allowed)
                )


class Whole(Value):
    """A whole number from ``least`` to ``most``."""

    __slots__ = ("least", "most")

    def __init__(self, least: int, most: int = MAX_INTEGER) -> None:
        """Take numbers from ``least`` to ``most``."""
        self.least = least
        self.most = most

    def check(self, value: Any, name: str, where: str) -> int:
        """Return the number, or raise ``ConfigError`` giving the range."""
        if (
            not isinstance(value, int)
            or isinstance(value, bool)
            or not self.least <= value <= self.most
        ):
            raise ConfigError(
                f"{where}: '{name}' must be a whole number from {self.least} to {self.most:,},"
                f" not {_shown(value)}"
            )
        return value


class Percent(Value):
    """A number from 0 to 100."""

    __slots__ = ()

    def check(self, value: Any, name: str, where: str) -> float:
        """Return the percentage as a float, or raise ``ConfigError``."""
        if not _is_number(value, 0, 100):
            raise ConfigError(
                f"{where}: '{name}' must be a number from 0 to 100, not {_shown(value)}"
            )
        return float(value)


class Days(Value):
    """A number of days above 0, up to ``MAX_HALF_LIFE_DAYS``."""

    __slots__ = ()

    def check(self, value: Any, name: str, where: str) -> float:
        """Return the days as a float, or raise ``ConfigError``."""
        if not _is_number(value, 0, MAX_HALF_LIFE_DAYS) or value == 0:
            raise ConfigError(
                f"{where}: '{name}' must be a number of days above 0 and at most"
                f" {MAX_HALF_LIFE_DAYS:,.0f}, not {_shown(value)}"
            )
        return float(value)


class Text(Value):
    """A string that is not empty; with ``in_repository``, a path that a settings file
    may only give inside the repository."""

    __slots__ = ("in_repository",)

    def __init__(self, in_repository: bool = False) -> None:
        """Take any string, or with ``in_repository`` a path inside the repository."""
        self.in_repository = in_repository

    def check(self, value: Any, name: str, where: str) -> str:
        """Return the string, or raise ``ConfigError``."""
        if not isinstance(value, str) or not value:
            raise ConfigError(f"{where}: '{name}' must be a string, not {_shown(value)}")
        if self.in_repository and where != COMMAND_LINE:
            _check_repository_path(value, name, where)
        return value


class Aliases(Value):
    """A table of person = [other emails or names]."""

    __slots__ = ()

    def check(self, value: Any, name: str, where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Return the table as sorted (person, others) pairs, or raise ``ConfigError``."""
        if not isinstance(value, dict):
            raise ConfigError(
                f"{where}: '{name}' must be a table of email = [other emails or names]"
            )
        aliases = []
        for person, others in value.items():
            if isinstance(others, str):
                others = [others]
            if not isinstance(others, list) or not all(isinstance(o, str) for o in others):
                raise ConfigError(f"{where}: '{name}.{person}' must be a list of emails or names")
            aliases.append((person, tuple(others)))
        return tuple(sorted(aliases))


class Weights(Value):
    """A table of some of ``allowed`` = a number from 0 to ``MAX_WEIGHT``."""

    __slots__ = ("allowed",)

    def __init__(self, allowed: tuple[str, ...]) -> None:
        """Take the weights named in ``allowed``."""
        self.allowed = allowed

    def check(self, value: Any, name: str, where: str) -> tuple[tuple[str, float], ...]:
        """Return the weights as sorted (name, weight) pairs, or raise ``ConfigError``."""
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: '{name}' must be a table of {', '.join(self.allowed)}")
        weights = []
        for key, weight in value.items():
            if key not in self.allowed:
                raise ConfigError(
                    f"{where}: '{name}.{key}' is not one of {', '.join(self.allowed)}"
                )
            if not _is_number(weight, 0, MAX_WEIGHT):
                raise ConfigError(
                    f"{where}: '{name}.{key}' must be a number from 0 to {MAX_WEIGHT:,.0f},"
                    f" not {_shown(weight)}"
                )
            weights.append((key, float(weight)))
        return tuple(sorted(weights))


class People(Value):
    """A table of handle = email."""

    __slots__ = ()

    def check(self, value: Any, name: str, where: str) -> tuple[tuple[str, str], ...]:
        """Return the table as sorted (handle, email) pairs, or raise ``ConfigError``."""
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            raise ConfigError(f"{where}: '{name}' must be a table of handle = email")
        return tuple(sorted(value.items()))


def _is_number(value: Any, least: float, most: float) -> bool:
    """Tell whether ``value`` is a finite int or float from ``least`` to ``most``.

    ``nan``, ``inf`` and integers too large for a float are never numbers here.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    try:
        number = float(value)
    except OverflowError:
        return False
    return math.isfinite(number) and least <= number <= most


def _shown(value: Any) -> str:
    """Return ``repr(value)`` cut to 40 characters, for a message about a bad setting."""
    try:
        text = repr(value)
    except ValueError:  # an integer past Python's digit limit
        return "an integer too large to print"
    return text if len(text) <= 40 else text[:37] + "..."


def _check_repository_path(value: str, name: str, where: str) -> None:
    """Raise ``ConfigError`` unless ``value`` names a file inside the repository.

    A settings file belongs to the repository, so a pull request can edit it: a path it
    gives may not leave the repository (absolute, or through ``..``) nor point into
    ``.git``, or ``docaudit baseline`` would overwrite whatever it names. A path given
    on the command line is the user's own and may be anywhere.
    """
    parts = PurePosixPath(value.replace("\\", "/")).parts
    if PurePosixPath(value).is_absolute() or ".." in parts or (parts and parts[0] == ".git"):
        raise ConfigError(
            f"{where}: '{name}' must be a path inside the repository (not absolute, no '..',"
            f" not in .git), not {_shown(value)}; name a file elsewhere with --{name}"
        )


class Table(Value):
    """A table of options that makes one of the frozen option classes of
    ``config.languages``: each key is a field's name in kebab case, of the field's type
    (true or false, a whole number, a string, a list of strings), one of ``choices``'s
    values where it names some."""

    __slots__ = ("options", "choices")

    def __init__(self, options: type, choices: Mapping[tuple[type, str], tuple[str, ...]]) -> None:
        """Take the option class and the values its string fields allow."""
        self.options = options
        self.choices = choices

    def check(self, value: Any, name: str, where: str) -> Any:
        """Return the options the table sets (the others at their defaults), or raise
        ``ConfigError`` naming the key."""
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: '{name}' must be a table")
        known = {f.name.replace("_", "-"): f for f in fields(self.options)}
        given = {}
        for key, item in value.items():
            option = known.get(key)
            if option is None:
                if not known:
                    raise ConfigError(f"{where}: '{name}.{key}': '{name}' takes no options")
                allowed = ", ".join(known)
                raise ConfigError(f"{where}: '{name}.{key}' is not one of {allowed}")
            given[option.name] = self._checked(option.name, item, f"{name}.{key}", where)
        return self.options(**given)

    def _checked(self, field_name: str, item: Any, name: str, where: str) -> Any:
        """Return one option's value as its field holds it, or raise ``ConfigError``."""
        default = getattr(self.options(), field_name)
        allowed = self.choices.get((self.options, field_name))
        if isinstance(default, bool):
            return Switch().check(item, name, where)
        if isinstance(default, int):
            if isinstance(item, bool) or not isinstance(item, int) or abs(item) > MAX_INTEGER:
                raise ConfigError(f"{where}: '{name}' must be a whole number, not {_shown(item)}")
            return item
        values = Strings().check(item, name, where) if isinstance(default, tuple) else None
        if values is None and not isinstance(item, str):
            raise ConfigError(f"{where}: '{name}' must be a string, not {_shown(item)}")
        for each in values if values is not None else (item,):
            if allowed is not None and each not in allowed:
                raise ConfigError(
                    f"{where}: '{name}' takes {', '.join(allowed)}, not {_shown(each)}"
                )
        return values if values is not None else item
