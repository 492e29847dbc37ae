"""Configuration coverage: the environment variables code reads and the keys of config files.

An environment variable is one symbol however many places read it, at one of four
levels: ``undocumented`` (only code reads it), ``declared`` (listed in an example env
file, a compose ``environment:``, a Dockerfile ``ENV``/``ARG`` or a k8s ``env:``,
without a description), ``documented`` (named in a doc file, commented in an example
env file, or described in code), ``complete`` (documented, and its default or whether
it is required stated). A config-file key is documented by a comment above it or on
its line, or by its dotted path (or a distinctive leaf name) in a doc file. Names in
an example env file or a configuration section of the docs that no code reads are
``documented-unused``: stale documentation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from docaudit.analysers.configuration.envvars import WELL_KNOWN, EnvRead, is_well_known
from docaudit.analysers.configuration.files import (
    ConfigFile,
    ConfigKey,
    EnvDeclaration,
    analyse_config,
    mentioned_envs,
    schema_descriptions,
)
from docaudit.analysers.docindex import DocIndex, Mention
from docaudit.config.settings import Config
from docaudit.model.coverage import Survey
from docaudit.model.rules import (
    DYNAMIC_ENV_VAR,
    UNDESCRIBED_ENV_VAR,
    UNDOCUMENTED_CONFIG_KEY,
    UNDOCUMENTED_ENV_VAR,
)
from docaudit.model.symbols import FileError, Symbol

INTERPOLATED = "compose-interpolation"
"""The source of a variable a compose file's ``${NAME}`` reads from the host: a
declaration that is also a read."""
_STATES = re.compile(r"default|required|optional|mandatory", re.IGNORECASE)
_DISTINCTIVE_LENGTH = 8


def analyse_files(configs: Mapping[str, tuple[str, bytes]]) -> dict[str, ConfigFile]:
    """Read each runtime config file (path to its kind and bytes): keys and declarations.

    A compose file also declares the variables its ``${NAME}`` interpolations read
    from the host's environment (source ``INTERPOLATED``: they count as read).
    """
    analysed = {}
    for path, (kind, content) in configs.items():
        result = analyse_config(path, content, kind)
        if kind == "compose":
            read = [
                EnvDeclaration(i.name, path, i.line, None, i.default, INTERPOLATED)
                for i in mentioned_envs(content)
            ]
            result = ConfigFile(result.keys, result.env + read, result.errors)
        analysed[path] = result
    return analysed


@dataclass(frozen=True, slots=True)
class ReadElsewhere:
    """Variables read by something other than the project's own Python code: compose
    files, Dockerfiles, scripts, uWSGI, Helm templates, libraries, click's
    ``auto_envvar_prefix``, tests (name to the site or reader); and the literal prefixes
    of names read there at run time. A name read elsewhere is never stale."""

    names: Mapping[str, str] = field(default_factory=dict)
    prefixes: tuple[str, ...] = ()


def configuration(
    code_reads: list[EnvRead],
    analysed: Mapping[str, ConfigFile],
    schemas: Mapping[str, bytes],
    docs: DocIndex,
    config: Config,
    in_scope: Callable[[str], bool],
    elsewhere: ReadElsewhere = ReadElsewhere(),
) -> Survey:
    """Judge every environment variable the code reads (``code_reads``, linked across
    files) and every runtime config key.

    Every config file declares variables; only those ``in_scope`` report their keys.
    Stale names (documented, read by nothing) are looked for only when the whole
    repository is in scope: code outside a sub-folder may read them; ``elsewhere``
    holds what reads them besides the code. ``schemas`` are the repository's JSON
    Schemas, whose descriptions document keys. A key that is a variable's declaration,
    or a settings name assigned from a read, has the variable's verdict.
    """
    found = Survey()
    keys: list[ConfigKey] = []
    declarations: list[EnvDeclaration] = []
    for path, result in sorted(analysed.items()):
        declarations += result.env
        if in_scope(path):
            keys += result.keys
            found.errors += [FileError(path, message, "config-key") for message in result.errors]
    well_known = (
        config.surface.well_known_env if config.surface.well_known_env is not None else WELL_KNOWN
    )
    reads = [r for r in code_reads if r.name != "*" and not is_well_known(r.name, well_known)]
    variables = _variables(reads, declarations, docs)
    found.symbols += variables
    if in_scope(""):  # a part of the repository cannot tell what nothing reads
        found.stale += _stale(reads, declarations, docs, well_known, elsewhere)
    verdicts = _Verdicts(variables, reads, declarations, docs)
    found.symbols += _keys(keys, docs, _schema_descriptions(schemas), verdicts)
    return found


def _schema_descriptions(schemas: Mapping[str, bytes]) -> dict[str, str]:
    """Return the described properties of the repository's JSON Schemas (``*.schema.json``):
    dotted path to the schema file that describes it."""
    described: dict[str, str] = {}
    for path, content in sorted(schemas.items()):
        for dotted, text in schema_descriptions(content).items():
            if text.strip():
                described.setdefault(dotted, path)
    return described


def _variables(
    reads: list[EnvRead], declarations: list[EnvDeclaration], docs: DocIndex
) -> list[Symbol]:
    """Return one symbol per variable read, with its level."""
    by_name: dict[str, list[EnvRead]] = {}
    for read in reads:
        by_name.setdefault(read.name, []).append(read)
    declared: dict[str, list[EnvDeclaration]] = {}
    for declaration in declarations:
        declared.setdefault(declaration.name, []).append(declaration)
    exact = docs.find(n for n, rs in by_name.items() if not _dynamic(rs) and not _any_case(rs))
    any_case = docs.find((n for n, rs in by_name.items() if _any_case(rs)), ignore_case=True)
    symbols = []
    for name, sites in sorted(by_name.items()):
        if _dynamic(sites):
            symbols.append(_dynamic_symbol(name, sites, docs))
            continue
        mentions = any_case.get(name.upper(), []) if _any_case(sites) else exact.get(name, [])
        entries = declared.get(name, [])
        if _any_case(sites):
            entries = [d for n, ds in declared.items() if n.upper() == name.upper() for d in ds]
        symbols.append(_variable(name, sites, entries, mentions))
    return symbols


def _dynamic(reads: list[EnvRead]) -> bool:
    """Tell whether these reads are of a name built at run time."""
    return any(read.dynamic for read in reads)


def _any_case(reads: list[EnvRead]) -> bool:
    """Tell whether the variable is matched in any case (pydantic-settings' default)."""
    return all(read.case_insensitive for read in reads)


PUBLIC_PREFIXES = (
    *("VITE_", "NEXT_PUBLIC_", "REACT_APP_", "NUXT_PUBLIC_", "EXPO_PUBLIC_", "GATSBY_"),
    "PUBLIC_",
)
"""The prefixes frontend build tools give the variables they build into the bundle a
browser downloads (Vite, Next.js, Create React App, Nuxt, Expo, Gatsby; SvelteKit's and
Astro's ``PUBLIC_``): anyone can read their values."""


def _variable(
    name: str, reads: list[EnvRead], declared: list[EnvDeclaration], mentions: list[Mention]
) -> Symbol:
    """Return the symbol of one variable with its level and where it is documented."""
    first = reads[0]
    default = next((r.default for r in reads if r.default is not None), None)
    described = [r.description for r in reads if r.description]
    commented = [d for d in declared if d.comment]
    examples = [d for d in declared if d.source == "env-file"]
    level = "undocumented"
    where: list[str] = []
    if declared:
        level = "declared"
    if mentions or commented or described:
        level = "documented"
        where = [m.site for m in mentions] + [f"{d.path}:{d.line}" for d in commented]
        where = list(dict.fromkeys(where))
        if described:
            where.append(f"{first.path}:{first.line}")
        stated = (
            any(m.stated for m in mentions)
            or any(
                _STATES.search(text)
                for text in [*described, *(d.comment or "" for d in commented)]
            )
            or (default is not None and any(d.value for d in examples))
        )
        if stated:
            level = "complete"
    problems: list[str] = []
    if level == "undocumented":
        problems = [UNDOCUMENTED_ENV_VAR.problem("missing")]
    elif level == "declared":
        problems = [UNDESCRIBED_ENV_VAR.problem("no description")]
    required = any(r.required for r in reads)
    notes = [f"documented at {', '.join(where)}"] if where else []
    public = next((prefix for prefix in PUBLIC_PREFIXES if name.startswith(prefix)), None)
    if public is not None:
        notes.append(f"public: built into the frontend bundle ({public}), never a secret")
    note = "; ".join(notes) or None
    shown = default if default is not None else ("(required)" if required else None)
    return _env_symbol(name, reads, level, problems, note, shown)


def _env_symbol(
    name: str,
    reads: list[EnvRead],
    level: str,
    problems: list[str],
    note: str | None,
    default: str | None = None,
) -> Symbol:
    """Return a variable's symbol, at its first read, with every read in ``sites``."""
    first = reads[0]
    documented = level in ("documented", "complete")
    return Symbol(
        first.path,
        first.line,
        "env-var",
        name,
        True,
        documented,
        problems,
        note,
        level=level,
        sites=list(dict.fromkeys(f"{r.path}:{r.line}" for r in reads)),
        default=default,
    )


def _dynamic_symbol(name: str, reads: list[EnvRead], docs: DocIndex) -> Symbol:
    """Return the symbol of a variable whose name is built at run time (``PREFIX*``).

    It is documented when the docs name the prefix pattern or any variable with the prefix.
    """
    prefix = name.rstrip("*")
    mentioned = bool(prefix) and any(token.startswith(prefix) for token in docs.env_var_names())
    mentioned = mentioned or bool(docs.find([name]))
    level = "documented" if mentioned else "dynamic"
    problems = [] if mentioned else [DYNAMIC_ENV_VAR.problem("name built at run time")]
    return _env_symbol(name, reads, level, problems, "dynamic name")


def _stale(
    reads: list[EnvRead],
    declarations: list[EnvDeclaration],
    docs: DocIndex,
    well_known: Sequence[str],
    elsewhere: ReadElsewhere,
) -> list[Symbol]:
    """Return the names an env file lists or the docs present as environment variables
    that nothing reads (names read in any case count as read in every case)."""
    read = {r.name for r in reads if not r.dynamic} | set(elsewhere.names)
    read |= {d.name for d in declarations if d.source == INTERPOLATED}
    read_upper = {r.name.upper() for r in reads if not r.dynamic and r.case_insensitive}
    prefixes = tuple(r.name.rstrip("*") for r in reads if r.dynamic and r.name.rstrip("*"))
    prefixes += tuple(prefix for prefix in elsewhere.prefixes if prefix)
    listed: dict[str, str] = {}
    for declaration in declarations:
        if declaration.source == "env-file":
            listed.setdefault(declaration.name, f"{declaration.path}:{declaration.line}")
    for name, mention in docs.env_var_names().items():
        listed.setdefault(name, mention.site)
    stale = []
    for name, site in sorted(listed.items()):
        unused = name not in read and name.upper() not in read_upper
        if (
            unused
            and not name.startswith(prefixes or ("\0",))
            and not is_well_known(name, well_known)
        ):
            path, _, line = site.rpartition(":")
            stale.append(
                Symbol(
                    path,
                    int(line),
                    "env-var",
                    name,
                    True,
                    True,
                    ["documented but no code reads it"],
                    level="documented-unused",
                )
            )
    return stale


class _Verdicts:
    """The verdict of the variable behind a config key: the key declares it (an env file
    line, a compose ``environment:`` entry) or is assigned from a read of it (a settings
    module's ``DEBUG = os.environ.get("DEBUG")``)."""

    def __init__(
        self,
        variables: list[Symbol],
        reads: list[EnvRead],
        declarations: list[EnvDeclaration],
        docs: DocIndex,
    ) -> None:
        """Index the variables' symbols, and the reads and declarations by site."""
        self.symbols = {symbol.qualname: symbol for symbol in variables}
        self.at: dict[tuple[str, int], str] = {}
        for read in reads:
            if not read.dynamic:
                self.at.setdefault((read.path, read.line), read.name)
        for declaration in declarations:
            self.at[(declaration.path, declaration.line)] = declaration.name
        for read in reads:  # a name built at run time only where nothing else stands
            if read.dynamic:
                self.at.setdefault((read.path, read.line), read.name)
        unjudged = {name for name in self.at.values() if name not in self.symbols}
        self.mentions = docs.find(unjudged)  # one search for every variable without a symbol

    def of(self, key: ConfigKey) -> tuple[bool, str | None] | None:
        """Return (documented, note) of the variable behind ``key``, or None if none is."""
        site = (key.path, key.line)
        name = self.at.get(site)
        if name is None:
            return None
        symbol = self.symbols.get(name)
        if symbol is not None:
            return symbol.documented, symbol.note
        if key.comment:
            return True, None
        mentions = self.mentions.get(name)
        return (True, f"documented at {mentions[0].site}") if mentions else (False, None)


def _keys(
    keys: list[ConfigKey], docs: DocIndex, schemas: Mapping[str, str], verdicts: _Verdicts
) -> list[Symbol]:
    """Return one symbol per config key: documented by a comment, in the docs or a schema;
    a key behind which a variable stands has the variable's verdict (``verdicts``).

    The docs may name a nested key by its dotted path, and any key by its leaf name
    alone when that is distinctive: two words or more, or eight letters and used by no
    other key (a top-level ``timeout`` is not documented by the word in a sentence).
    ``schemas`` maps the dotted paths a JSON Schema describes to that schema's file.
    """
    leaves: dict[str, int] = {}
    for key in keys:
        leaf = _leaf(key.dotted)
        leaves[leaf] = leaves.get(leaf, 0) + 1
    distinctive = {
        leaf
        for leaf, count in leaves.items()
        if _words(leaf) >= 2 or (count == 1 and len(leaf) >= _DISTINCTIVE_LENGTH)
    }
    nested = [key.dotted for key in keys if "." in key.dotted]
    mentions = docs.find(nested + sorted(distinctive))
    symbols = []
    for key in keys:
        leaf = _leaf(key.dotted)
        found = (mentions.get(key.dotted) if "." in key.dotted else None) or (
            mentions.get(leaf) if leaf in distinctive else None
        )
        schema = schemas.get(key.dotted)
        documented = bool(key.comment) or bool(found) or schema is not None
        note = None
        if found:
            note = f"documented at {found[0].site}"
        elif schema is not None and not key.comment:
            note = f"documented at {schema}"
        inherited = verdicts.of(key)
        if inherited is not None and inherited[0] and not documented:
            documented, note = inherited
        symbols.append(
            Symbol(
                key.path,
                key.line,
                "config-key",
                key.dotted,
                True,
                documented,
                [] if documented else [UNDOCUMENTED_CONFIG_KEY.problem("missing")],
                note,
                level="documented" if documented else "undocumented",
                default=key.value,
            )
        )
    return symbols


def _leaf(dotted: str) -> str:
    """Return the last part of a dotted key (``server.port`` gives ``port``)."""
    return dotted.rpartition(".")[2].removesuffix("[]")


def _words(leaf: str) -> int:
    """Return how many words a key name has (``max_connections``, ``maxConnections``: 2)."""
    return len([w for w in re.split(r"[_\-]|(?<=[a-z])(?=[A-Z])", leaf) if w])
