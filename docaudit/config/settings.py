"""Settings: ``[tool.docaudit]`` in pyproject.toml or a ``docaudit.toml``, then CLI flags.

Keys may be written kebab-case or snake_case. Where a project has no
``[tool.docaudit]`` but has ``[tool.interrogate]``, its settings are used (with
a notice) so a project that switches keeps its counting.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path, PurePosixPath
from typing import Any

from docaudit.discover.ignore import pattern_problem
from docaudit.errors import ConfigError

BOOLEAN_KEYS = (
    "ignore_init_method",
    "ignore_init_module",
    "ignore_magic",
    "ignore_module",
    "ignore_nested_functions",
    "ignore_nested_classes",
    "ignore_private",
    "ignore_semiprivate",
    "ignore_property_decorators",
    "ignore_setters",
    "ignore_overloaded_functions",
    "ignore_overrides",
    "count_overloads",
    "inherit_docstrings",
    "class_or_init",
    "omit_covered_files",
    "public",
    "placeholders_undocumented",
    "cache",
    "include_bots",
    "coauthors",
    "ignore_revs",
    "default_excludes",
    "allow_shallow",
    "fail_on_regression",
    "fail_on_new_undocumented",
    "fail_on_errors",
    "no_new_silos",
    "rank_tests",
)
LIST_KEYS = (
    "exclude",
    "ignore_regex",
    "ignore_decorators",
    "bots",
    "vendored",
    "modules",
    "departed",
    "kinds",
    "operational_routes",
    "well_known_env",
    "config_files",
    "config_exclude",
)
GITIGNORE_KEYS = ("exclude", "vendored", "config_files", "config_exclude")
INTEGER_KEYS = {
    "bulk_limit": 0,
    "inactive_after": 0,
    "module_depth": 1,
    "max_silos": 0,
    "min_bus_factor": 0,
    "max_config_bytes": 1,
    "max_source_bytes": 1,
}
MAX_INTEGER = 2**31 - 1
"""The largest whole number any setting takes (days, counts)."""
INTEGER_CAPS = {"max_source_bytes": 4_000_000, "max_config_bytes": 10_000_000}
"""Hard caps on the byte limits: the settings are the repository's, and a pull request
must not lift docaudit's memory bounds (a 4 MB Python file can take 3.6 GB to parse)."""
MAX_WEIGHT = 1_000_000.0
"""The largest ``risk-weights`` value: the sum of the weights must stay finite."""
MAX_HALF_LIFE_DAYS = 1_000_000.0
"""The longest ``knowledge-half-life`` (about 2,700 years; longer is no decay at all)."""
MAX_SETTINGS_BYTES = 4_000_000
"""The largest pyproject.toml or docaudit.toml read; a larger one (or anything but a
regular file: a FIFO, ``/dev/zero``) is refused with one line."""
COMMAND_LINE = "the command line"
"""Where flags come from, in messages; a setting from there is the user's own."""
TEXT_KEYS = ("rev", "since", "until", "baseline", "compare_ref")
PERCENT_KEYS = ("fail_under", "new_code_fail_under", "max_drop")
_INTERROGATE_UNSUPPORTED = frozenset(
    {
        "verbose",
        "quiet",
        "color",
        "generate_badge",
        "badge_format",
        "badge_style",
        "whitelist_regex",
        "include_regex",
        "ext",
    }
)


KIND_GROUPS = {
    "code": ("module", "class", "function", "method"),
    "endpoint": ("endpoint",),
    "cli": ("cli-command", "cli-option"),
    "export": ("export",),
    "spec": ("spec-info", "spec-operation", "spec-parameter", "spec-schema", "spec-tag"),
    "env": ("env-var",),
    "config": ("config-key",),
}
"""The kinds of symbols, grouped as ``--kinds`` names them (a single kind works too)."""
DEFAULT_KINDS = ("code", "endpoint", "cli")
DEFAULT_OPERATIONAL_ROUTES = ("/health", "/healthz", "/ready", "/readyz", "/livez", "/metrics")


@dataclass(frozen=True)
class Config:
    """Every setting docaudit reads; the defaults count what interrogate 1.7 counts, but
    for the ``@overload`` stubs of documented implementations (``count_overloads``)."""

    exclude: tuple[str, ...] = ()
    ignore_init_method: bool = False
    ignore_init_module: bool = False
    ignore_magic: bool = False
    ignore_module: bool = False
    ignore_nested_functions: bool = False
    ignore_nested_classes: bool = False
    ignore_private: bool = False
    ignore_semiprivate: bool = False
    ignore_property_decorators: bool = False
    ignore_setters: bool = False
    ignore_overloaded_functions: bool = False
    ignore_overrides: bool = False
    count_overloads: bool = False
    ignore_regex: tuple[str, ...] = ()
    ignore_decorators: tuple[str, ...] = ()
    inherit_docstrings: bool = False
    class_or_init: bool = False
    omit_covered_files: bool = False
    public: bool = False
    placeholders_undocumented: bool = False
    fail_under: float | None = None
    cache: bool = True
    # history and ownership (docaudit silos)
    rev: str = "HEAD"
    since: str | None = None
    until: str | None = None
    bulk_limit: int = 100
    inactive_after: int = 180
    knowledge_half_life: float | None = None
    aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()
    bots: tuple[str, ...] = ()
    include_bots: bool = False
    coauthors: bool = True
    ignore_revs: bool = True
    default_excludes: bool = True
    vendored: tuple[str, ...] = ()
    modules: tuple[str, ...] = ()
    module_depth: int = 1
    departed: tuple[str, ...] = ()
    allow_shallow: bool = False
    # gates (docaudit check)
    baseline: str | None = None
    max_drop: float = 0.0
    fail_on_regression: bool = True
    fail_on_new_undocumented: bool = True
    fail_on_errors: bool = True
    compare_ref: str | None = None
    new_code_fail_under: float | None = None
    max_silos: int | None = None
    min_bus_factor: int | None = None
    no_new_silos: bool = False
    # the audit
    risk_weights: tuple[tuple[str, float], ...] = ()
    rank_tests: bool = False
    people: tuple[tuple[str, str], ...] = ()
    # public APIs and configuration
    kinds: tuple[str, ...] = DEFAULT_KINDS
    operational_routes: tuple[str, ...] = DEFAULT_OPERATIONAL_ROUTES
    well_known_env: tuple[str, ...] | None = None
    config_files: tuple[str, ...] = ()
    config_exclude: tuple[str, ...] = ()
    max_config_bytes: int = 1_000_000
    max_source_bytes: int = 500_000
    source: str | None = None
    notices: tuple[str, ...] = field(default=(), compare=False)

    def counted_kinds(self) -> frozenset[str]:
        """Return the symbol kinds that count toward the total and the gates."""
        return frozenset(kind for name in self.kinds for kind in KIND_GROUPS.get(name, (name,)))

    def with_overrides(self, overrides: dict[str, Any]) -> Config:
        """Return a copy with the given settings (``None`` values left out) applied."""
        given = {key: value for key, value in overrides.items() if value is not None}
        checked = {key: _check_value(key, value, COMMAND_LINE) for key, value in given.items()}
        return replace(self, **checked)

    def counting(self) -> Config:
        """Return the settings after presets (``public`` drops setters, overloads, overrides)."""
        if not self.public:
            return self
        return replace(
            self, ignore_setters=True, ignore_overloaded_functions=True, ignore_overrides=True
        )

    def counting_digest(self) -> str:
        """Return a short digest of every setting that changes what is counted."""
        import hashlib

        relevant = {
            f.name: getattr(self, f.name) for f in fields(self) if f.name not in _NOT_COUNTING
        }
        return hashlib.sha1(
            repr(sorted(relevant.items())).encode(), usedforsecurity=False
        ).hexdigest()[:16]


_HISTORY_KEYS = frozenset(
    {
        "rev",
        "since",
        "until",
        "bulk_limit",
        "inactive_after",
        "knowledge_half_life",
        "aliases",
        "bots",
        "include_bots",
        "coauthors",
        "ignore_revs",
        "default_excludes",
        "vendored",
        "modules",
        "module_depth",
        "departed",
        "allow_shallow",
    }
)
_GATE_KEYS = frozenset(
    {
        "fail_under",
        "baseline",
        "max_drop",
        "fail_on_regression",
        "fail_on_new_undocumented",
        "fail_on_errors",
        "compare_ref",
        "new_code_fail_under",
        "max_silos",
        "min_bus_factor",
        "no_new_silos",
    }
)
_NOT_COUNTING = (
    frozenset(
        {
            "exclude",
            "cache",
            "source",
            "notices",
            "omit_covered_files",
            "risk_weights",
            "people",
            "rank_tests",
            "kinds",
            "operational_routes",
            "well_known_env",
            "config_files",
            "config_exclude",
            "max_config_bytes",
            "max_source_bytes",
        }
    )
    | _HISTORY_KEYS
    | _GATE_KEYS
)
_KEYS = {f.name for f in fields(Config)} - {"source", "notices"}


def load_config(start: Path, stop: Path, explicit: Path | None = None) -> Config:
    """Find and read the settings for an audit of ``start``, climbing no higher than ``stop``."""
    if explicit is not None:
        return _read_file(explicit, explicit=True) or Config(source=str(explicit))
    directory = start if start.is_dir() else start.parent
    directory = directory.resolve()
    stop = stop.resolve()
    while True:
        for name in ("docaudit.toml", "pyproject.toml"):
            candidate = directory / name
            if os.path.lexists(candidate) and not candidate.is_dir():
                found = _read_file(candidate, explicit=False, root=stop)
                if found is not None:
                    return found
        if directory == stop or directory.parent == directory:
            return Config()
        directory = directory.parent


def _read_file(path: Path, explicit: bool, root: Path | None = None) -> Config | None:
    """Read one settings file; ``None`` when it holds no docaudit or interrogate table.

    Read through ``safeio`` (a regular file, under ``MAX_SETTINGS_BYTES``, inside
    ``root`` when given, never blocking); anything else is a ``ConfigError``.
    """
    document = _parse_toml(path, root)
    tool = document.get("tool", {})
    top_level = path.name == "docaudit.toml" or (explicit and path.name != "pyproject.toml")
    if top_level and "tool" not in document:
        return _build(document, path, path.name)
    if isinstance(tool, dict) and "docaudit" in tool:
        return _build(tool["docaudit"], path, "[tool.docaudit]")
    if isinstance(tool, dict) and "interrogate" in tool:
        return _from_interrogate(tool["interrogate"], path)
    return Config(source=str(path)) if explicit else None


def _parse_toml(path: Path, root: Path | None) -> dict[str, Any]:
    """Return the TOML document of a settings file, or raise ``ConfigError`` saying why."""
    import tomllib

    from docaudit.safeio import read_file

    try:
        return tomllib.loads(read_file(path, MAX_SETTINGS_BYTES, root).decode("utf-8"))
    except ValueError as error:  # TOMLDecodeError, UnicodeDecodeError, too many digits
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    except RecursionError:
        raise ConfigError(f"{path}: not valid TOML: nested too deeply") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror}") from None


def _build(table: Any, path: Path, where: str) -> Config:
    """Validate a settings table and return the ``Config`` it describes."""
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: {where} must be a table")
    values: dict[str, Any] = {}
    for raw_key, value in table.items():
        key = raw_key.replace("-", "_")
        if key not in _KEYS:
            raise ConfigError(f"{path}: unknown key '{raw_key}' in {where}")
        values[key] = _check_value(key, value, f"{path} {where}", raw_key)
    return Config(source=str(path), **values)


def _from_interrogate(table: Any, path: Path) -> Config:
    """Translate ``[tool.interrogate]`` into docaudit settings, noting what is left out.

    Its user expects interrogate's numbers, so ``count-overloads`` is on.
    """
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.interrogate] must be a table")
    values: dict[str, Any] = {"count_overloads": True}
    skipped = []
    for raw_key, value in table.items():
        key = raw_key.replace("-", "_")
        if key in ("style", "docstring_style"):
            values["class_or_init"] = value == "google"
        elif key in _KEYS:
            values[key] = _check_value(key, value, f"{path} [tool.interrogate]", raw_key)
        elif key in _INTERROGATE_UNSUPPORTED:
            skipped.append(raw_key)
        else:
            raise ConfigError(f"{path}: unknown key '{raw_key}' in [tool.interrogate]")
    notice = f"using [tool.interrogate] from {path} (no [tool.docaudit] found)"
    if skipped:
        notice += f"; not used: {', '.join(sorted(skipped))}"
    return Config(source=str(path), notices=(notice,), **values)


def _check_value(key: str, value: Any, where: str, raw_key: str | None = None) -> Any:
    """Return ``value`` in the type ``key`` takes, or raise ``ConfigError``."""
    name = raw_key or key.replace("_", "-")
    if key in BOOLEAN_KEYS:
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: '{name}' must be true or false, not {_shown(value)}")
        return value
    if key in LIST_KEYS:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: '{name}' must be a list of strings, not {_shown(value)}")
        if key in ("ignore_regex", "ignore_decorators"):
            _check_patterns(value, name, where)
        if key in GITIGNORE_KEYS:
            _check_gitignore_patterns(value, name, where)
        if key == "kinds":
            _check_kinds(value, name, where)
        return tuple(value)
    if key in INTEGER_KEYS:
        least, most = INTEGER_KEYS[key], INTEGER_CAPS.get(key, MAX_INTEGER)
        if not isinstance(value, int) or isinstance(value, bool) or not least <= value <= most:
            raise ConfigError(
                f"{where}: '{name}' must be a whole number from {least} to {most:,},"
                f" not {_shown(value)}"
            )
        return value
    if key in TEXT_KEYS:
        if not isinstance(value, str) or not value:
            raise ConfigError(f"{where}: '{name}' must be a string, not {_shown(value)}")
        if key == "baseline" and where != COMMAND_LINE:
            _check_repository_path(value, name, where)
        return value
    if key == "knowledge_half_life":
        if not _is_number(value, 0, MAX_HALF_LIFE_DAYS) or value == 0:
            raise ConfigError(
                f"{where}: '{name}' must be a number of days above 0 and at most"
                f" {MAX_HALF_LIFE_DAYS:,.0f}, not {_shown(value)}"
            )
        return float(value)
    if key == "aliases":
        return _check_aliases(value, name, where)
    if key == "risk_weights":
        return _check_weights(value, name, where)
    if key == "people":
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            raise ConfigError(f"{where}: '{name}' must be a table of handle = email")
        return tuple(sorted(value.items()))
    if key in PERCENT_KEYS:
        if not _is_number(value, 0, 100):
            raise ConfigError(
                f"{where}: '{name}' must be a number from 0 to 100, not {_shown(value)}"
            )
        return float(value)
    raise ConfigError(f"{where}: unknown key '{name}'")


def _check_weights(value: Any, name: str, where: str) -> tuple[tuple[str, float], ...]:
    """Return ``risk-weights`` (some of knowledge, documentation, dependents, size, orphan)."""
    allowed = ("knowledge", "documentation", "dependents", "size", "orphan")
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: '{name}' must be a table of {', '.join(allowed)}")
    weights = []
    for key, weight in value.items():
        if key not in allowed:
            raise ConfigError(f"{where}: '{name}.{key}' is not one of {', '.join(allowed)}")
        if not _is_number(weight, 0, MAX_WEIGHT):
            raise ConfigError(
                f"{where}: '{name}.{key}' must be a number from 0 to {MAX_WEIGHT:,.0f},"
                f" not {_shown(weight)}"
            )
        weights.append((key, float(weight)))
    return tuple(sorted(weights))


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


def _check_aliases(value: Any, name: str, where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Return an ``aliases`` table (person → other emails or names) in a stable form."""
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: '{name}' must be a table of email = [other emails or names]")
    aliases = []
    for person, others in value.items():
        if isinstance(others, str):
            others = [others]
        if not isinstance(others, list) or not all(isinstance(o, str) for o in others):
            raise ConfigError(f"{where}: '{name}.{person}' must be a list of emails or names")
        aliases.append((person, tuple(others)))
    return tuple(sorted(aliases))


def _check_kinds(kinds: list[str] | tuple[str, ...], name: str, where: str) -> None:
    """Raise ``ConfigError`` for a name that is neither a kind group nor a kind."""
    known = set(KIND_GROUPS) | {kind for group in KIND_GROUPS.values() for kind in group}
    if not kinds:
        raise ConfigError(f"{where}: '{name}' must name at least one kind")
    for kind in kinds:
        if kind not in known:
            raise ConfigError(
                f"{where}: '{name}' has an unknown kind {kind!r}; choose from "
                + ", ".join(KIND_GROUPS)
            )


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


def _check_gitignore_patterns(
    patterns: list[str] | tuple[str, ...], name: str, where: str
) -> None:
    """Raise ``ConfigError`` for a pattern docaudit does not compile (``docaudit.gitignore``:
    invalid, like a lone ``\\``, or with wildcards enough to match in exponential time),
    so that no stage meets it later as a traceback or a hang."""
    for pattern in patterns:
        problem = pattern_problem(pattern)
        if problem is not None:
            raise ConfigError(f"{where}: '{name}' has the pattern {_shown(pattern)}: {problem}")


def _check_patterns(patterns: list[str] | tuple[str, ...], name: str, where: str) -> None:
    """Raise ``ConfigError`` for a pattern that is not a valid regular expression.

    Patterns are compiled by the ``regex`` module, which matches them (``counting``)
    with a time limit.
    """
    import regex

    for pattern in patterns:
        try:
            regex.compile(pattern)
        except regex.error as error:
            raise ConfigError(
                f"{where}: '{name}' has a bad regular expression {pattern!r}: {error}"
            ) from None
