"""The public-surface pipeline: endpoints, CLIs, exports, API specs and configuration.

The Python facts come from the parse (``analysers.collectors``), already cached per file; the
resources (doc files, spec and config files) are read by ``resources``. What each
analyser finds becomes ``Symbol`` records of its own kinds, with the reasons files
could not be analysed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from docaudit.analysers.apis import symbols as apis
from docaudit.analysers.apis.exports import ExportFacts
from docaudit.analysers.configuration import reference as configs
from docaudit.analysers.configuration.envvars import auto_envvar_prefixes, env_reads, library_reads
from docaudit.analysers.configuration.envvars.outside import outside_reads
from docaudit.analysers.configuration.envvars.spring import is_spring_file, placeholder_facts
from docaudit.analysers.configuration.reference import ReadElsewhere
from docaudit.analysers.docindex import DocIndex
from docaudit.config.loading import MAX_SETTINGS_BYTES
from docaudit.config.settings import Config
from docaudit.discover.modules import is_test_module
from docaudit.discover.resources import read_resources
from docaudit.model.coverage import Survey
from docaudit.model.symbols import FileError, FileFacts, ModuleFacts, SourceFile, Symbol
from docaudit.safeio import read_file

if TYPE_CHECKING:
    from docaudit.analysers.configuration.envvars import EnvRead
    from docaudit.analysers.configuration.files import ConfigFile
    from docaudit.analysers.configuration.reference import ReadElsewhere
    from docaudit.analysers.docindex import DocIndex
    from docaudit.discover.resources import Resources


@dataclass(slots=True)
class Prepared:
    """What the survey reads and works out before any Python fact is known: the doc,
    config and spec files, the doc index's environment variables, the config files'
    keys and declarations, the specs' symbols, and the variables read outside Python
    (name to where)."""

    read: Resources
    docs: DocIndex
    analysed: dict[str, ConfigFile]
    specs: tuple[list[Symbol], list[FileError]]
    outside: dict[str, str]


def prepare(
    root: Path, resources: list[SourceFile], config: Config, scope: tuple[str, ...] = ("",)
) -> Prepared:
    """Read and work through the resources: all that needs no Python fact.

    Specs are analysed for the files under ``scope`` only.
    """

    read = read_resources(root, resources, config)
    docs = DocIndex(read.docs)
    docs.env_var_names()
    in_scope = _scope_test(scope)
    specs = apis.spec_symbols({p: c for p, c in read.specs.items() if in_scope(p)})
    wired = {p: kc for p, kc in read.configs.items() if kc[0] in ("compose", "dockerfile")}
    outside = outside_reads({**wired, **read.scripts})
    return Prepared(read, docs, configs.analyse_files(read.configs), specs, outside)


def survey(
    root: Path,
    modules: Mapping[str, str],
    facts: Mapping[str, tuple[str, FileFacts]],
    code: Iterable[Symbol],
    prepared: Prepared | None,
    config: Config,
    scope: tuple[str, ...] = ("",),
    python_paths: frozenset[str] = frozenset(),
) -> Survey:
    """Return the surface symbols of a repository.

    ``modules`` maps each Python file's path to its module name, ``facts`` the files
    with facts to their module name and facts; ``code`` is the census's symbols
    (exports are judged by them); ``prepared`` holds the doc and data files (``None``:
    none were discovered, so specs and configuration are left out). Endpoints, CLIs
    and environment reads in test files (a ``test``/``tests`` folder, ``test_*.py``,
    ``*_test.py``, ``conftest.py``) are not the project's surface and are left out.
    Specs and config keys are reported for the files under ``scope`` (folders or files
    relative to the root; ``""`` is everything); docs, example env files and
    ``pyproject.toml`` files anywhere in the resources document and name what is.
    ``python_paths`` are the repository's Python files beyond the audited ones, as far
    as the listing knows them (a package's ``__all__`` may name any of its modules).
    """

    found = Survey()
    everywhere = _by_collector(facts)
    by_collector = {
        name: kept
        for name, found_by in everywhere.items()
        if (kept := [m for m in found_by if not is_test_file(m.path)])
    }
    documented = {_dotted(symbol, modules): symbol.documented for symbol in code}
    scripts = _entry_points(root, prepared.read.projects if prepared else {})
    symbols, errors = apis.api_symbols(
        by_collector,
        documented,
        scripts,
        config.surface.operational_routes,
        _KnownModules(modules, python_paths),
        spring_context_path(prepared.analysed) if prepared else {},
    )
    found.symbols += symbols
    found.errors += errors
    if prepared is not None:
        in_scope = _scope_test(scope)
        found.errors += [e for e in prepared.read.errors if in_scope(e.path)]
        found.symbols += prepared.specs[0]
        found.errors += prepared.specs[1]
        if prepared.analysed or "envvars" in by_collector:
            envvar_facts = everywhere.get("envvars", []) + _spring_reads(prepared.read.configs)
            every_read = env_reads(envvar_facts)  # linked once, tests' calls included
            elsewhere = _read_elsewhere(prepared.outside, facts, envvar_facts, every_read, symbols)
            result = configs.configuration(
                [r for r in every_read if not is_test_file(r.path)],
                prepared.analysed,
                prepared.read.schemas,
                prepared.docs,
                config,
                in_scope,
                elsewhere,
            )
            found.symbols += result.symbols
            found.stale += result.stale
            found.errors += result.errors
    found.symbols.sort(key=lambda s: (s.path, s.line, s.kind, s.qualname))
    found.stale.sort(key=lambda s: (s.qualname, s.path, s.line))
    found.errors.sort(key=lambda e: (e.path, e.message))
    return found


_SPRING_APPLICATION = frozenset({"application.properties", "application.yml", "application.yaml"})
_SPRING_PREFIXES = ("server.servlet.context-path", "spring.mvc.servlet.path")


def spring_context_path(analysed: Mapping[str, ConfigFile]) -> dict[str, str]:
    """Return the prefix Spring Boot serves its controllers under, from the default
    profile's ``server.servlet.context-path`` and ``spring.mvc.servlet.path`` (literal
    values; a placeholder's default), as ``route_symbols`` takes it."""
    prefix = ""
    for path in sorted(analysed):
        if path.rpartition("/")[2] not in _SPRING_APPLICATION:
            continue
        values = {key.dotted: key.value for key in analysed[path].keys}
        for dotted in _SPRING_PREFIXES:
            value = _spring_literal(values.get(dotted))
            if value:
                prefix = prefix.rstrip("/") + "/" + value.strip("/")
        if prefix:
            return {"spring": prefix}
    return {}


def _spring_literal(value: str | None) -> str | None:
    """Return a property's value, or a lone placeholder's default (``${X:/api}``)."""
    if value is None or "${" not in value:
        return value
    inner = value.removeprefix("${").removesuffix("}")
    _, colon, default = inner.partition(":")
    return default if colon and value.startswith("${") and value.endswith("}") else None


def _spring_reads(configs: Mapping[str, tuple[str, bytes]]) -> list[ModuleFacts]:
    """Return the environment reads of the Spring Boot config files' placeholders."""
    found = []
    for path, (_, content) in sorted(configs.items()):
        facts = placeholder_facts(path, content) if is_spring_file(path) else None
        if facts is not None:
            found.append(facts)
    return found


def reexport_targets(facts: Mapping[str, tuple[str, FileFacts]]) -> set[str]:
    """Return the modules whose code symbols the survey needs beyond the counted ones:
    those that ``__all__`` lists re-export names from (an export of an imported name is
    as documented as what it names), given the files' module names and facts."""
    targets: set[str] = set()
    for module, file_facts in facts.values():
        aliases = dict(file_facts.aliases)
        for _, found in file_facts.facts:
            if isinstance(found, ExportFacts):
                names = [listed.name for listed in found.listed]
                targets.update(
                    aliases[name].rpartition(".")[0]
                    for name in names
                    if found.bound.get(name) == "imported" and name in aliases
                )
                targets.update(f"{module}.{name}" for name in names)
    return targets


def _read_elsewhere(
    outside: Mapping[str, str],
    facts: Mapping[str, tuple[str, FileFacts]],
    envvar_facts: list[ModuleFacts],
    reads: list[EnvRead],
    symbols: list[Symbol],
) -> ReadElsewhere:
    """Return what reads variables besides the project's own code: files outside Python,
    the libraries the code imports, click's ``auto_envvar_prefix`` through the CLI's
    options, and the tests (``reads`` are every file's, linked)."""

    names = dict(outside)
    imported = (target for _, file_facts in facts.values() for _, target in file_facts.aliases)
    for name, module in library_reads(imported).items():
        names.setdefault(name, f"{module} (library)")
    for prefix in auto_envvar_prefixes(envvar_facts):
        for symbol in symbols:
            if symbol.kind == "cli-option":
                for name in _auto_envvars(prefix, symbol.qualname):
                    names.setdefault(name, f"{symbol.path}:{symbol.line}")
    for read in reads:
        if not read.dynamic:
            names.setdefault(read.name, f"{read.path}:{read.line}")
    prefixes = tuple(sorted({r.name.rstrip("*") for r in reads if r.dynamic}))
    return ReadElsewhere(names, prefixes)


def _auto_envvars(prefix: str, option: str) -> list[str]:
    """Return the variables click's ``auto_envvar_prefix`` reads for an option: ``FLASK``
    and ``run --port`` give ``FLASK_RUN_PORT`` (the option's longest name, as click
    names its parameter). The first word of ``cli serve --port`` may be the root
    command, whose name the prefix replaces: both readings are returned."""
    *commands, flag = option.split(" ")
    name = max(flag.split("/")[0].split(","), key=len).lstrip("-")
    readings = [commands, commands[1:]] if commands else [commands]
    return ["_".join(p.upper().replace("-", "_") for p in [prefix, *c, name]) for c in readings]


class _KnownModules:
    """Tells whether a module exists: one of the audited files, or a Python file of the
    repository beside a package that is (a package's ``__all__`` may list submodules
    the audit did not read)."""

    def __init__(self, modules: Mapping[str, str], python_paths: frozenset[str]) -> None:
        """Know the audited files' modules (path to dotted name) and the other files."""
        self.names = frozenset(modules.values())
        self.python_paths = python_paths | frozenset(modules)
        self.packages = {
            name: path.rpartition("/")[0]
            for path, name in modules.items()
            if path.endswith("/__init__.py")
        }

    def __contains__(self, dotted: object) -> bool:
        """Tell whether ``dotted`` names a module of the audited files or of the repository."""
        if not isinstance(dotted, str):
            return False
        if dotted in self.names:
            return True
        package, _, name = dotted.rpartition(".")
        folder = self.packages.get(package)
        if folder is None:
            return False
        base = f"{folder}/{name}"
        return f"{base}.py" in self.python_paths or f"{base}/__init__.py" in self.python_paths


def _scope_test(scope: tuple[str, ...]) -> Callable[[str], bool]:
    """Return a test of whether a path is under one of the ``scope`` prefixes."""
    if "" in scope:
        return lambda path: True
    return lambda path: bool(path) and any(path == p or path.startswith(p + "/") for p in scope)


def _by_collector(facts: Mapping[str, tuple[str, FileFacts]]) -> dict[str, list[ModuleFacts]]:
    """Group each file's facts by the collector that found them, files in path order."""
    grouped: dict[str, list[ModuleFacts]] = {}
    for path in sorted(facts):
        module, file_facts = facts[path]
        aliases = dict(file_facts.aliases)
        for collector, found in file_facts.facts:
            grouped.setdefault(collector, []).append(ModuleFacts(path, module, aliases, found))
    return grouped


def _dotted(symbol: Symbol, modules: Mapping[str, str]) -> str:
    """Return a code symbol's full dotted name (``package.module.Class.method``)."""
    if symbol.kind == "module":
        return symbol.qualname
    module = modules.get(symbol.path, "")
    return f"{module}.{symbol.qualname}" if module else symbol.qualname


_TEST_NAME = re.compile(
    r"test_[^/]*\.py|[^/]*_test\.(py|go)|conftest\.py"
    r"|[^/]*\.(test|spec)\.[cm]?[jt]sx?|[^/]*(Test|Tests|IT)\.java"
)
"""The names of files that hold tests: pytest's, Go's, Jest's and Vitest's, Maven's."""


def is_test_file(path: str) -> bool:
    """Tell whether a file holds tests, from its path: a ``test``/``tests`` folder (Maven's
    ``src/test`` too), ``__tests__`` (Jest), or a test file's name (``_TEST_NAME``)."""
    directory, _, name = path.rpartition("/")
    if is_test_module(directory) or "__tests__" in directory.split("/"):
        return True
    return _TEST_NAME.fullmatch(name) is not None


def _entry_points(root: Path, projects: Mapping[str, bytes]) -> list[tuple[str, str]]:
    """Return the ``[project.scripts]`` entries (script name, target) of every
    ``pyproject.toml`` found, and of the root's when none was; two projects may give
    one name two targets. A file too deep or with too many digits for tomllib is
    skipped like one that does not parse."""
    import tomllib

    found = dict(projects)
    if "pyproject.toml" not in found:
        with suppress(OSError):
            found["pyproject.toml"] = read_file(root / "pyproject.toml", MAX_SETTINGS_BYTES, root)
    scripts: set[tuple[str, str]] = set()
    for path in sorted(found):
        try:
            table = tomllib.loads(found[path].decode("utf-8")).get("project", {}).get("scripts")
        except (ValueError, RecursionError, AttributeError):  # ValueError: TOMLDecodeError too
            continue
        if isinstance(table, dict):
            scripts.update((str(k), str(v)) for k, v in table.items() if isinstance(v, str))
    return sorted(scripts)
