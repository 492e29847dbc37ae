"""The settings, in one frozen group per stage that reads them, each declared once.

A setting is a field of its group; its metadata (``setting()``) holds the kind of
value it takes and the check that goes with it, and its command-line flags and help.
The keys ``[tool.docaudit]`` accepts (``loading``), the click options (``options``) and
the names ``Config.of`` takes are all read from these fields. A group's ``digest()``
keys the cache of the stage that reads it, so changing a gate never rebuilds a report.
"""

from __future__ import annotations

import hashlib
from dataclasses import MISSING, dataclass, field, fields, replace
from typing import Any

from docaudit.config.languages import (
    CHOICES,
    LANGUAGE_NAMES,
    GoOptions,
    JavaOptions,
    JavaScriptOptions,
    RustOptions,
)
from docaudit.config.values import (
    COMMAND_LINE,
    Aliases,
    Days,
    Globs,
    KindNames,
    Names,
    People,
    Percent,
    Regexes,
    Strings,
    Switch,
    Table,
    Text,
    Value,
    Weights,
    Whole,
)
from docaudit.errors import ConfigError

KIND_GROUPS = {
    "code": ("module", "class", "function", "method", "field", "constant"),
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
RISK_FACTORS = ("knowledge", "documentation", "dependents", "size", "orphan")
"""The ``risk-weights`` a settings file may give."""

DEFAULT_BASELINE = ".docaudit-baseline.json"
"""Where ``docaudit baseline`` writes and ``docaudit check`` reads, from the repository root."""


class Setting:
    """One setting's declaration beyond its type and default: the kind of value it takes,
    its command-line flags and help, and the set of options (``options.py``) that offers
    them (``None``: a command adds the one option itself, or there is no flag).

    A plain class, as the kinds of value are (``values.Value``): made at every start.
    """

    __slots__ = ("value", "flags", "help", "options")

    def __init__(
        self, value: Value, flags: tuple[str, ...], help: str, options: str | None
    ) -> None:
        """Declare the setting's value kind, flags, help and option set."""
        self.value = value
        self.flags = flags
        self.help = help
        self.options = options


def setting(
    default: Any, value: Value, *flags: str, help: str = "", options: str | None = None
) -> Any:
    """Declare a setting: a dataclass field with ``default`` and its ``Setting``."""
    return field(default=default, metadata={"setting": Setting(value, flags, help, options)})


class _Group:
    """What every group of settings has: a digest of its values."""

    def digest(self) -> str:
        """Return a short digest of every setting in the group, for cache keys."""
        values = sorted((f.name, getattr(self, f.name)) for f in fields(self))
        return hashlib.sha1(repr(values).encode(), usedforsecurity=False).hexdigest()[:16]


@dataclass(frozen=True)
class Sources(_Group):
    """Which files are read, how much of each, and whether through the cache: read by
    discovery, the parse step and the history scope."""

    exclude: tuple[str, ...] = setting(
        (),
        Globs(),
        "-e",
        "--exclude",
        help="Leave out paths matching this gitignore-style pattern.",
        options="source",
    )
    cache: bool = setting(
        True, Switch(), "--no-cache", help="Neither read nor write the cache.", options="source"
    )
    max_source_bytes: int = setting(500_000, Whole(1, 4_000_000))
    """Capped: the settings are the repository's, and a pull request must not lift
    docaudit's memory bounds (a 4 MB Python file can take 3.6 GB to parse)."""
    languages: tuple[str, ...] = setting(
        LANGUAGE_NAMES,
        Names(LANGUAGE_NAMES, "language"),
        "--languages",
        help="The languages whose files are counted: python, javascript, typescript, go,"
        " rust, java (default: all).",
        options="counting",
    )
    max_line_length: int = setting(1_000, Whole(80, 1_000_000))
    """A JavaScript, TypeScript, Go, Rust or Java file with a longer line is minified or
    bundled: it is skipped, with a notice."""


def _counting_flag(*flags: str, help: str) -> Any:
    """Declare one of the counting switches, each named as in interrogate."""
    return setting(False, Switch(), *flags, help=help, options="counting")


@dataclass(frozen=True)
class Counting(_Group):
    """What the Python census counts: read by ``analysers.python.counting``; its digest
    keys each file's counted symbols in the cache. The defaults count what interrogate
    1.7 counts, but for the ``@overload`` stubs of documented implementations."""

    ignore_init_method: bool = _counting_flag(
        "-i", "--ignore-init-method", help="Do not count __init__ methods."
    )
    ignore_init_module: bool = _counting_flag(
        "-I", "--ignore-init-module", help="Do not count __init__.py files."
    )
    ignore_magic: bool = _counting_flag(
        "-m", "--ignore-magic", help="Do not count magic methods (__repr__ and the like)."
    )
    ignore_module: bool = _counting_flag(
        "-M", "--ignore-module", help="Do not count module docstrings."
    )
    ignore_nested_functions: bool = _counting_flag(
        "-n", "--ignore-nested-functions", help="Do not count functions defined inside functions."
    )
    ignore_nested_classes: bool = _counting_flag(
        "-C",
        "--ignore-nested-classes",
        help="Do not count classes defined inside classes or functions.",
    )
    ignore_private: bool = _counting_flag(
        "-p", "--ignore-private", help="Do not count __private names, nor what is inside them."
    )
    ignore_semiprivate: bool = _counting_flag(
        "-s",
        "--ignore-semiprivate",
        help="Do not count _semiprivate names, nor what is inside them.",
    )
    ignore_property_decorators: bool = _counting_flag(
        "-P", "--ignore-property-decorators", help="Do not count properties, setters and deleters."
    )
    ignore_setters: bool = _counting_flag(
        "-S", "--ignore-setters", help="Do not count @x.setter methods."
    )
    ignore_overloaded_functions: bool = _counting_flag(
        "-O", "--ignore-overloaded-functions", help="Do not count @typing.overload stubs."
    )
    ignore_overrides: bool = _counting_flag(
        "--ignore-overrides", help="Do not count methods decorated @override."
    )
    count_overloads: bool = _counting_flag(
        "--count-overloads", help="Count each @overload stub on its own docstring, as interrogate."
    )
    inherit_docstrings: bool = _counting_flag(
        "--inherit-docstrings", help="Count a method documented when the base it overrides is."
    )
    class_or_init: bool = _counting_flag(
        "--class-or-init", help="Count a class and its __init__ documented if either one is."
    )
    public: bool = _counting_flag(
        "--public", help="Count the public API only, as pydocstyle and ruff's D1 rules do."
    )
    placeholders_undocumented: bool = _counting_flag(
        "--placeholders-undocumented", help="Count TODO and stub docstrings as undocumented."
    )
    ignore_regex: tuple[str, ...] = setting(
        (),
        Regexes(),
        "-r",
        "--ignore-regex",
        help="Do not count names this regex matches.",
        options="counting",
    )
    ignore_decorators: tuple[str, ...] = setting(
        (),
        Regexes(),
        "--ignore-decorators",
        help="Do not count definitions with a decorator this regex fully matches.",
        options="counting",
    )

    javascript: JavaScriptOptions = setting(JavaScriptOptions(), Table(JavaScriptOptions, CHOICES))
    """JavaScript and TypeScript: eslint-plugin-jsdoc ``require-jsdoc``'s options."""
    go: GoOptions = setting(GoOptions(), Table(GoOptions, CHOICES))
    """Go: revive ``exported`` (no options yet)."""
    rust: RustOptions = setting(RustOptions(), Table(RustOptions, CHOICES))
    """Rust: rustc ``missing_docs`` (``private-items``: clippy's private-items lint)."""
    java: JavaOptions = setting(JavaOptions(), Table(JavaOptions, CHOICES))
    """Java: Checkstyle ``MissingJavadocType`` and ``MissingJavadocMethod``'s options."""

    def with_presets(self) -> Counting:
        """Return the settings after presets (``public`` drops setters, overloads, overrides)."""
        if not self.public:
            return self
        return replace(
            self, ignore_setters=True, ignore_overloaded_functions=True, ignore_overrides=True
        )


@dataclass(frozen=True)
class Surface(_Group):
    """The public surface and configuration: which config files are read (by discovery)
    and how endpoints and variables are judged (by the survey); with the counting digest,
    its digest keys the cached survey."""

    operational_routes: tuple[str, ...] = setting(DEFAULT_OPERATIONAL_ROUTES, Strings())
    well_known_env: tuple[str, ...] | None = setting(None, Strings())
    config_files: tuple[str, ...] = setting((), Globs())
    config_exclude: tuple[str, ...] = setting((), Globs())
    max_config_bytes: int = setting(1_000_000, Whole(1, 10_000_000))
    """Capped, as ``max_source_bytes`` is."""


@dataclass(frozen=True)
class HistorySettings(_Group):
    """Whose history is mined and how ownership is judged: read by the silos pipeline and
    ``history.silos``; its digest (with the excludes) keys the cached silos report.
    (``History`` is the mined history itself, in ``history.log``.)"""

    rev: str = setting(
        "HEAD",
        Text(),
        "--rev",
        help="Audit the history up to this revision (default HEAD).",
        options="history",
    )
    since: str | None = setting(
        None, Text(), "--since", help="Only mine commits newer than this date.", options="history"
    )
    until: str | None = setting(
        None, Text(), "--until", help="Only mine commits older than this date.", options="history"
    )
    departed: tuple[str, ...] = setting(
        (),
        Strings(),
        "--departed",
        help="A person (email or name) who leaves: silos recomputes without them, audit shows"
        " what only they know; repeatable.",
        options="history",
    )
    bulk_limit: int = setting(
        100,
        Whole(0),
        "--bulk-limit",
        help="Skip commits changing more files (0: never).",
        options="history",
    )
    inactive_after: int = setting(
        180,
        Whole(0),
        "--inactive-after",
        help="Days without a commit before a person is inactive.",
        options="history",
    )
    knowledge_half_life: float | None = setting(
        None,
        Days(),
        "--knowledge-half-life",
        help="Days after which a change counts half.",
        options="history",
    )
    module_depth: int = setting(
        1,
        Whole(1),
        "--module-depth",
        help="Folder depth of modules outside Python packages.",
        options="history",
    )
    modules: tuple[str, ...] = setting(
        (), Strings(), "--module", help="Glob of module folders; repeatable.", options="history"
    )
    bots: tuple[str, ...] = setting(
        (), Strings(), "--bot", help="Name or email glob of a bot; repeatable.", options="history"
    )
    vendored: tuple[str, ...] = setting(
        (),
        Globs(),
        "--vendored",
        help="Pattern of vendored files to leave out.",
        options="history",
    )
    aliases: tuple[tuple[str, tuple[str, ...]], ...] = setting(
        (),
        Aliases(),
        "--alias",
        help="PERSON=OTHER[,OTHER]: emails or names of one person; repeatable.",
        options="history",
    )
    include_bots: bool = setting(
        False, Switch(), "--include-bots", help="Keep bots as authors.", options="history"
    )
    allow_shallow: bool = setting(
        False, Switch(), "--allow-shallow", help="Mine a shallow clone anyway.", options="history"
    )
    coauthors: bool = setting(
        True,
        Switch(),
        "--coauthors/--no-coauthors",
        help="Credit Co-authored-by trailers (default on).",
        options="history",
    )
    ignore_revs: bool = setting(
        True,
        Switch(),
        "--ignore-revs/--no-ignore-revs",
        help="Skip commits listed in .git-blame-ignore-revs (default on).",
        options="history",
    )
    default_excludes: bool = setting(
        True,
        Switch(),
        "--default-excludes/--no-default-excludes",
        help="Leave out vendored, generated, lock and binary files (default on).",
        options="history",
    )


@dataclass(frozen=True)
class Gates(_Group):
    """The thresholds, baseline and base ref that pass or fail a run: read by the gates,
    after every report is built (so no cache depends on them)."""

    fail_under: float | None = setting(
        None,
        Percent(),
        "-f",
        "--fail-under",
        help="Exit 1 when coverage is under this percentage.",
        options="gates",
    )
    baseline: str | None = setting(
        None,
        Text(in_repository=True),
        "--baseline",
        help=f"Baseline file to compare with (default: {DEFAULT_BASELINE}).",
        options="gates",
    )
    max_drop: float = setting(
        0.0,
        Percent(),
        "--max-drop",
        help="Points of coverage a change may lose (default 0).",
        options="gates",
    )
    fail_on_regression: bool = setting(
        True,
        Switch(),
        "--fail-on-regression/--no-fail-on-regression",
        help="Fail when a documented public symbol loses its documentation.",
        options="gates",
    )
    fail_on_new_undocumented: bool = setting(
        True,
        Switch(),
        "--fail-on-new-undocumented/--no-fail-on-new-undocumented",
        help="Fail when a new public symbol has no documentation.",
        options="gates",
    )
    fail_on_errors: bool = setting(
        True,
        Switch(),
        "--fail-on-errors/--no-fail-on-errors",
        help="Fail when a file cannot be analysed (default on).",
        options="gates",
    )
    compare_ref: str | None = setting(
        None,
        Text(),
        "--compare-ref",
        help="Compare with the merge base of this ref and HEAD.",
        options="gates",
    )
    new_code_fail_under: float | None = setting(
        None,
        Percent(),
        "--new-code-fail-under",
        help="Fail when changed symbols are less documented.",
        options="gates",
    )
    max_silos: int | None = setting(
        None,
        Whole(0),
        "--max-silos",
        help="Fail with more single-owner modules than this.",
        options="gates",
    )
    min_bus_factor: int | None = setting(
        None,
        Whole(0),
        "--min-bus-factor",
        help="Fail when the repository's is lower.",
        options="gates",
    )
    no_new_silos: bool = setting(
        False,
        Switch(),
        "--no-new-silos",
        help="Fail when a module becomes a silo.",
        options="gates",
    )


@dataclass(frozen=True)
class Output(_Group):
    """What the reports total, rank and show: read once the analysis is done (the coverage
    total, the gates' kinds, the audit's ranking, the table)."""

    omit_covered_files: bool = setting(
        False,
        Switch(),
        "--omit-covered-files",
        help="Leave fully documented files out of the table.",
        options="counting",
    )
    kinds: tuple[str, ...] = setting(
        DEFAULT_KINDS,
        KindNames(KIND_GROUPS),
        "--kinds",
        help="The kinds that count toward the total and the gates: code, endpoint, cli,"
        " export, spec, env, config, or single kinds (default: code,endpoint,cli).",
        options="counting",
    )
    rank_tests: bool = setting(
        False, Switch(), "--rank-tests", help="Rank test modules too (left out by default)."
    )
    risk_weights: tuple[tuple[str, float], ...] = setting((), Weights(RISK_FACTORS))
    people: tuple[tuple[str, str], ...] = setting((), People())

    def counted_kinds(self) -> frozenset[str]:
        """Return the symbol kinds that count toward the total and the gates."""
        return frozenset(kind for name in self.kinds for kind in KIND_GROUPS.get(name, (name,)))


@dataclass(frozen=True)
class Config:
    """Every setting docaudit reads, in its group, and where the settings came from."""

    sources: Sources = field(default_factory=Sources)
    counting: Counting = field(default_factory=Counting)
    surface: Surface = field(default_factory=Surface)
    history: HistorySettings = field(default_factory=HistorySettings)
    gates: Gates = field(default_factory=Gates)
    output: Output = field(default_factory=Output)
    source: str | None = None
    notices: tuple[str, ...] = field(default=(), compare=False)

    @classmethod
    def of(cls, source: str | None = None, notices: tuple[str, ...] = (), **values: Any) -> Config:
        """Return the settings given by their own names (``Config.of(cache=False)``), the
        others at their defaults."""
        return cls(source=source, notices=notices).replaced(**values)

    def replaced(self, **values: Any) -> Config:
        """Return a copy with the settings named in ``values`` changed, unchecked."""
        unknown = values.keys() - SETTINGS.keys()
        if unknown:
            raise TypeError(f"unknown settings: {', '.join(sorted(unknown))}")
        groups = {}
        for group, names in GROUPS.items():
            changed = {name: values[name] for name in names if name in values}
            if changed:
                groups[group] = replace(getattr(self, group), **changed)
        return replace(self, **groups)

    def with_overrides(self, overrides: dict[str, Any]) -> Config:
        """Return a copy with the given settings (``None`` values left out) checked, as
        flags are, and applied."""
        given = {key: value for key, value in overrides.items() if value is not None}
        return self.replaced(
            **{key: check(key, value, COMMAND_LINE) for key, value in given.items()}
        )


def check(key: str, value: Any, where: str, raw_key: str | None = None) -> Any:
    """Return ``value`` in the type setting ``key`` takes, or raise ``ConfigError`` naming
    it as written (``raw_key``, else kebab-case) and ``where`` it was set."""
    name = raw_key or key.replace("_", "-")
    declared = SETTINGS.get(key)
    if declared is None:
        raise ConfigError(f"{where}: unknown key '{name}'")
    return declared.value.check(value, name, where)


GROUPS: dict[str, tuple[str, ...]] = {
    group.name: tuple(f.name for f in fields(group.default_factory))
    for group in fields(Config)
    if group.default_factory is not MISSING
}
"""Each group's attribute on ``Config`` and the names of its settings, in order."""
SETTINGS: dict[str, Setting] = {
    f.name: f.metadata["setting"]
    for group in fields(Config)
    if group.default_factory is not MISSING
    for f in fields(group.default_factory)
}
"""Every setting by its name (as ``[tool.docaudit]`` writes it in snake case), in order."""
