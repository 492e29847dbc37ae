"""Keys of runtime configuration files, with their lines and documenting comments.

Given one file's repo-relative path and bytes, this finds the leaf keys of a config file
(YAML, TOML, INI, ``.env``, JSON, Python settings) and the environment variables it
declares (example env files, compose ``environment:``, Dockerfile ``ENV``/``ARG``,
Kubernetes container ``env``, Helm ``env`` lists). A key is documented by a comment block
ending on the line directly above it or by an inline comment; a section's comment does not
document its children. Nothing is executed: Python is read with ``ast`` and ``tokenize``,
YAML only with a safe loader, and YAML aliases are never expanded.
"""

from __future__ import annotations

import ast
import configparser
import io
import json
import re
import tokenize
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec
    from yaml.nodes import Node

_CONFIG_DIRS = ("config", "conf", "etc", "settings")
_CONFIG_DIR_SUFFIXES = ("yaml", "yml", "toml", "ini", "cfg", "json", "env")
_ROOT_CONFIG_SUFFIXES = ("yaml", "yml", "toml", "ini", "cfg", "json")
_K8S_DIRS = ("k8s", "kubernetes", "kube", "manifests", "deploy", "deployment", "deployments")

DEFAULT_CONFIG_FILES: tuple[str, ...] = (
    # example env files (env-var declarations)
    ".env.example",
    ".env.sample",
    ".env.template",
    ".env.dist",
    "example.env",
    "env.example",
    "*.env.example",
    # config directories, at any depth
    *(f"**/{d}/**/*.{suffix}" for d in _CONFIG_DIRS for suffix in _CONFIG_DIR_SUFFIXES),
    # root config.*, settings.*, app.*.yaml
    *(f"/{stem}.{suffix}" for stem in ("config", "settings") for suffix in _ROOT_CONFIG_SUFFIXES),
    "/config.py",
    "/app.*.yaml",
    "/app.*.yml",
    # compose files and Helm values
    "docker-compose*.yml",
    "docker-compose*.yaml",
    "compose*.yml",
    "compose*.yaml",
    "values*.yaml",
    "values*.yml",
    # Kubernetes manifests (their `kind:` is sniffed by analyse_config)
    *(f"**/{d}/**/*.{suffix}" for d in _K8S_DIRS for suffix in ("yaml", "yml")),
    # Python settings modules
    "settings*.py",
    "**/settings/*.py",
    "gunicorn.conf.py",
    # Dockerfiles (ENV / ARG declarations)
    "Dockerfile",
    "Dockerfile.*",
    "*.Dockerfile",
    "*.dockerfile",
)

DEFAULT_CONFIG_EXCLUDES: tuple[str, ...] = (
    # a committed .env is a secret-hygiene finding, not documentation
    ".env",
    # CI
    ".github/",
    ".gitlab/",
    ".gitlab-ci.yml",
    ".circleci/",
    "azure-pipelines.yml",
    ".azure-pipelines/",
    ".travis.yml",
    "Jenkinsfile",
    "bitbucket-pipelines.yml",
    ".buildkite/",
    "codecov.yml",
    ".codecov.yml",
    "dependabot.yml",
    "renovate.json",
    ".renovaterc*",
    "appveyor.yml",
    ".drone.yml",
    # lock files
    "*.lock",
    "package-lock.json",
    "pnpm-lock.yaml",
    "go.sum",
    # linters, IDEs, packaging
    "pyproject.toml",
    "setup.cfg",
    "setup.py",
    "tox.ini",
    "pytest.ini",
    "mypy.ini",
    ".flake8",
    ".pylintrc",
    "pylintrc",
    ".coveragerc",
    ".pre-commit-config.yaml",
    ".pre-commit-hooks.yaml",
    ".editorconfig",
    ".prettierrc*",
    ".eslintrc*",
    ".stylelintrc*",
    ".yamllint*",
    "tsconfig*.json",
    "jsconfig*.json",
    "babel.config.*",
    "ruff.toml",
    ".ruff.toml",
    "package.json",
    "composer.json",
    "environment.yml",
    "environment.yaml",
    "alembic.ini",
    "Chart.yaml",
    "kustomization.yaml",
    "kustomization.yml",
    ".vscode/",
    ".idea/",
    ".devcontainer/",
    # documentation builders
    "mkdocs.yml",
    "mkdocs.yaml",
    "**/docs/conf.py",
    ".readthedocs.yml",
    ".readthedocs.yaml",
    # API specs and schemas (audited as specs, not as config)
    "*.schema.json",
    "openapi*.yaml",
    "openapi*.yml",
    "openapi*.json",
    "swagger*.yaml",
    "swagger*.yml",
    "swagger*.json",
    "asyncapi*.yaml",
    "asyncapi*.yml",
    "asyncapi*.json",
    # test data, fixtures, translations, data files
    "tests/",
    "test/",
    "testdata/",
    "fixtures/",
    "locale/",
    "locales/",
    "translations/",
    "i18n/",
    "*.po",
    "**/data/**/*.json",
    # vendored and generated trees
    "node_modules/",
    ".venv/",
    "venv/",
    "dist/",
    "build/",
    "site-packages/",
    "vendor/",
    "third_party/",
    "*.min.*",
    ".tox/",
    ".git/",
    "__pycache__/",
    ".docaudit/",
    # Helm chart templates are Go templates, not YAML
    "templates/",
)

_NODE_BUDGET = 500_000  # YAML nodes visited per file before giving up (aliases count too)

_ENV_FILE_NAMES = frozenset({"example.env", "env.example"})
_ENV_FILE_SUFFIXES = (".env", ".env.example", ".env.sample", ".env.template", ".env.dist")
_SUFFIX_KINDS = {"toml": "toml", "ini": "ini", "cfg": "ini", "json": "json"}
_K8S_WORKLOADS = frozenset(
    {"Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod", "ReplicaSet"}
)
_CONTAINER_LISTS = frozenset({"containers", "initContainers", "ephemeralContainers"})
_HELM_ENV_KEY = re.compile(r"(?i)^(?:extra)?env(?:s|vars)?$")
_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_UPPER_ENV_NAME = re.compile(r"^[A-Z_][A-Z0-9_]*$")
_SETTING_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")
_COMMENTED_OUT = re.compile(
    r"""(?:export\s+)?[A-Za-z_][\w.\-]*=\S*$"""
    r"""|[A-Za-z_][\w.\-]*:\s*(?:-?\d[\d.]*|true|false|null|"[^"]*"|'[^']*')?\s*$"""
)
_HAS_WORD = re.compile(r"[^\W_]")
_COMMENT_LEADER = re.compile(r"^[#;]+\s*(?:--|:)?\s*")
_YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_YAML_VALUE_TAIL = re.compile(r"\s*#(.*)")
_YAML_KEY_TAIL = re.compile(r"\s*:(?:\s+[&!*]\S*)*(?:\s+[|>][-+0-9]*)?\s+#(.*)")
_ENV_ASSIGNMENT = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$")
_INTERPOLATION = re.compile(
    r"(?<!\$)\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))"
)
_TOML_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_TOML_KEY = rf"{_TOML_KEY_PART}(?:\s*\.\s*{_TOML_KEY_PART})*"
_TOML_ARRAY_TABLE = re.compile(rf"^\s*\[\[\s*({_TOML_KEY})\s*\]\]")
_TOML_TABLE = re.compile(rf"^\s*\[\s*({_TOML_KEY})\s*\]")
_TOML_ASSIGNMENT = re.compile(rf"^\s*({_TOML_KEY})\s*=")
_TOML_ERROR_AT = re.compile(r"\s*\(at line (\d+), column \d+\)$")
_INI_SECTION = re.compile(r"^\[(.+)\]")
_INI_OPTION = re.compile(r"^(.*?)\s*[=:]\s*(.*)$")
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:]')
_INLINE_COMMENT = re.compile(r"\s[#;]")
_DOCKER_TOKEN = re.compile(r"""(?:"(?:[^"\\]|\\.)*"|'[^']*'|\\.|[^\s"'\\])+""")
_DOCKER_HEREDOC = re.compile(r"<<-?\s*[\"']?([A-Za-z_][A-Za-z0-9_]*)")
_DOCKER_ESCAPE = re.compile(r"^#\s*escape\s*=\s*(\S)\s*$", re.IGNORECASE)
_K8S_API_VERSION = re.compile(r"^apiVersion:\s*\S", re.MULTILINE)
_K8S_KIND = re.compile(
    r"^kind:\s*[\"']?(?:ConfigMap|Deployment|StatefulSet|DaemonSet|Job|CronJob|Pod)\b",
    re.MULTILINE,
)


@dataclass(frozen=True, slots=True)
class ConfigKey:
    """A leaf key of a config file: its dotted path, line, documenting comment and value.

    ``dotted`` joins mapping keys with dots, TOML/INI sections included; items of a list of
    mappings appear as ``name[]`` (``servers[].host``). ``comment`` is the comment block
    directly above (no blank line between) and/or the inline comment, markers stripped;
    ``value`` is the scalar as written, ``None`` for lists and empty mappings.
    """

    path: str
    line: int
    dotted: str
    comment: str | None
    value: str | None


@dataclass(frozen=True, slots=True)
class EnvDeclaration:
    """An environment variable a config file declares or wires in.

    ``source`` is ``env-file``, ``compose``, ``dockerfile``, ``k8s`` or ``helm``.
    """

    name: str
    path: str
    line: int
    comment: str | None
    value: str | None
    source: str


@dataclass(frozen=True, slots=True)
class ConfigFile:
    """What one config file holds: its keys, its env declarations and its problems.

    ``errors`` are one line each, without the path (``line 3: invalid YAML: ...``).
    """

    keys: list[ConfigKey]
    env: list[EnvDeclaration]
    errors: list[str]


@dataclass(frozen=True, slots=True)
class EnvInterpolation:
    """A ``${NAME}``, ``${NAME:-default}`` or ``$NAME`` reference in a compose file."""

    name: str
    line: int
    default: str | None


class _Collector:
    """Gathers one file's keys, declarations and errors; the first key of a path wins."""

    def __init__(self, path: str) -> None:
        """Start collecting the keys and declarations of the file at ``path``."""
        self.path = path
        self.keys: dict[str, ConfigKey] = {}
        self.env: dict[tuple[str, int], EnvDeclaration] = {}
        self.errors: list[str] = []

    def key(self, dotted: str, line: int, comment: str | None, value: str | None) -> bool:
        """Record a key; return False (and keep the first) when the path is already known."""
        if dotted in self.keys:
            return False
        self.keys[dotted] = ConfigKey(self.path, line, dotted, comment, value)
        return True

    def env_var(
        self, name: str, line: int, comment: str | None, value: str | None, source: str
    ) -> None:
        """Record an environment variable declaration."""
        self.env.setdefault(
            (name, line), EnvDeclaration(name, self.path, line, comment, value, source)
        )

    def error(self, line: int | None, message: str) -> None:
        """Record a problem, on one line."""
        message = " ".join(message.split())
        self.errors.append(f"line {line}: {message}" if line else message)

    def result(self) -> ConfigFile:
        """Return the findings, sorted by line."""
        keys = sorted(self.keys.values(), key=lambda key: (key.line, key.dotted))
        env = sorted(self.env.values(), key=lambda decl: (decl.line, decl.name))
        return ConfigFile(keys, env, self.errors)


# --- which files ------------------------------------------------------------------------


def config_kind(
    path: str,
    include: Sequence[str] = DEFAULT_CONFIG_FILES,
    exclude: Sequence[str] = DEFAULT_CONFIG_EXCLUDES,
) -> str | None:
    """Return the kind of runtime config file ``path`` is, or None when it is not one.

    ``include`` and ``exclude`` are gitignore-style globs; an excluded path is never a
    config file. Kinds: ``env-file``, ``compose``, ``helm-values``, ``yaml``, ``toml``,
    ``ini``, ``json``, ``python-settings``, ``dockerfile``. Kubernetes manifests are
    ``yaml``: :func:`analyse_config` recognises them by their ``apiVersion``/``kind``.
    """
    relative = path.replace("\\", "/").removeprefix("./")
    if _spec(tuple(exclude)).match_file(relative):
        return None
    if not _spec(tuple(include)).match_file(relative):
        return None
    return _kind_from_name(relative.rsplit("/", 1)[-1])


@lru_cache(maxsize=16)
def _spec(patterns: tuple[str, ...]) -> GitIgnoreSpec:
    """Compile gitignore-style globs once per distinct tuple."""
    import pathspec  # 50 ms to import: only when config files are audited

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _kind_from_name(name: str) -> str | None:
    """Return the config kind a file name implies."""
    lower = name.lower()
    if lower == "dockerfile" or lower.startswith("dockerfile.") or lower.endswith(".dockerfile"):
        return "dockerfile"
    if lower in _ENV_FILE_NAMES or lower.startswith(".env.") or lower.endswith(_ENV_FILE_SUFFIXES):
        return "env-file"
    suffix = lower.rsplit(".", 1)[-1] if "." in lower else ""
    if suffix == "py":
        return "python-settings"
    if suffix in ("yaml", "yml"):
        if lower.startswith(("docker-compose", "compose")):
            return "compose"
        return "helm-values" if lower.startswith("values") else "yaml"
    return _SUFFIX_KINDS.get(suffix)


def is_k8s_manifest(data: bytes) -> bool:
    """Return True when YAML text looks like a Kubernetes ConfigMap or workload manifest.

    For opting in YAML files that :func:`config_kind` does not list by path (then analyse
    them as ``yaml``).
    """
    text = data.decode("utf-8", errors="replace")
    return bool(_K8S_API_VERSION.search(text) and _K8S_KIND.search(text))


# --- entry point ------------------------------------------------------------------------


def analyse_config(path: str, data: bytes, kind: str) -> ConfigFile:
    """Return the keys, env declarations and problems of one config file.

    ``kind`` comes from :func:`config_kind`. Bad input never raises: a file that cannot
    be decoded or parsed gives an error entry (and the keys of any part that parsed).
    """
    out = _Collector(path)
    text = _decode(data)
    analyser = _ANALYSERS.get(kind)
    if text is None:
        out.error(None, "binary or not UTF-8")
    elif analyser is None:
        out.error(None, f"unknown config kind {kind!r}")
    else:
        analyser(text, out)
    return out.result()


def _decode(data: bytes) -> str | None:
    """Return the text of a UTF-8 file without its BOM, or None for binary data."""
    if b"\x00" in data:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text.removeprefix("\ufeff")


def _plain_lines(text: str) -> list[str]:
    """Split text into lines the way line-oriented parsers count them."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


# --- comments ---------------------------------------------------------------------------


def _clean_comment(raw: str) -> str:
    """Strip comment markers (``#``, ``;``, helm-docs ``# --``, Sphinx ``#:``) from a line.

    A commented-out setting (``# OLD_FLAG=1``, ``# port: 80``) describes nothing: empty.
    """
    text = _COMMENT_LEADER.sub("", raw.strip()).strip()
    if _COMMENTED_OUT.match(text):
        return ""
    return text if _HAS_WORD.search(text) else ""


def _comment_above(
    lines: list[str],
    index: int,
    covered: set[int] | frozenset[int] = frozenset(),
    markers: tuple[str, ...] = ("#",),
) -> str | None:
    """Return the comment block ending directly above 0-based line ``index``, if any.

    Lines in ``covered`` (inside multi-line strings or values) are never comments.
    """
    texts: list[str] = []
    above = index - 1
    while above >= 0 and above not in covered:
        stripped = lines[above].strip()
        if not stripped.startswith(markers):
            break
        texts.append(_clean_comment(stripped))
        above -= 1
    return " ".join(text for text in reversed(texts) if text) or None


def _join_comments(*parts: str | None) -> str | None:
    """Join the comments that document one key (above, then inline)."""
    return " ".join(part for part in parts if part) or None


def _inline(raw: str | None) -> str | None:
    """Clean the text after an inline comment marker."""
    if raw is None:
        return None
    return _clean_comment("#" + raw) or None


# --- .env files -------------------------------------------------------------------------


def _analyse_env_file(text: str, out: _Collector) -> None:
    """Read ``KEY=value`` lines: each is a config key and an env declaration."""
    lines = _plain_lines(text)
    covered: set[int] = set()
    index = 0
    while index < len(lines):
        stripped = lines[index].strip()
        match = _ENV_ASSIGNMENT.match(lines[index])
        if not stripped or stripped.startswith("#"):
            index += 1
            continue
        if match is None:
            out.error(index + 1, f"not a KEY=value line: {stripped[:60]!r}")
            index += 1
            continue
        name = match.group(1)
        value, inline, last = _env_value(lines, index, match.group(2), out)
        covered.update(range(index + 1, last + 1))
        comment = _join_comments(_comment_above(lines, index, covered), inline)
        if out.key(name, index + 1, comment, value):
            out.env_var(name, index + 1, comment, value, "env-file")
        else:
            out.error(index + 1, f"duplicate key {name} (first on line {out.keys[name].line})")
        index = last + 1


def _env_value(
    lines: list[str], index: int, rest: str, out: _Collector
) -> tuple[str, str | None, int]:
    """Return a .env value, its inline comment and the last line it spans."""
    body = rest.lstrip()
    if not body.startswith(('"', "'")):
        cut = re.search(r"\s#", rest)
        if cut is None:
            return rest.strip(), None, index
        return rest[: cut.start()].strip(), _inline(rest[cut.end() :]), index
    quote, text, last, start = body[0], body[1:], index, 0
    while True:
        close = _closing_quote(text, quote, start)
        if close is not None:
            tail = re.match(r"\s*#(.*)", text[close + 1 :])
            return text[:close], _inline(tail.group(1) if tail else None), last
        if last + 1 >= len(lines):
            out.error(index + 1, "unterminated quoted value")
            return lines[index].partition("=")[2].strip(), None, index
        last, start = last + 1, len(text)
        text += "\n" + lines[last]


def _closing_quote(text: str, quote: str, start: int) -> int | None:
    """Return the index of the unescaped closing quote in ``text[start:]``, if any."""
    position = start
    while position < len(text):
        char = text[position]
        if char == "\\" and quote == '"':
            position += 2
            continue
        if char == quote:
            return position
        position += 1
    return None


# --- YAML -------------------------------------------------------------------------------


class _BudgetExceeded(Exception):
    """Too many YAML nodes in one file."""


_MERGE_TAG = "tag:yaml.org,2002:merge"


@lru_cache(maxsize=1)
def _compose_loader() -> type:
    """Return the safe loader (C when available) that resolves only the tags read here.

    Only nodes are composed, never constructed into objects; resolving every plain scalar's
    type is most of PyYAML's time and this module needs just the merge key ``<<``.
    """
    import yaml
    from yaml.nodes import MappingNode, ScalarNode

    class ComposeLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        """A safe loader that only tells merge keys from other scalars."""

        def resolve(self, kind: type, value: str | None, implicit: Any) -> str:
            """Return the tag of a node: ``<<`` as a merge key, every other scalar a string."""
            if kind is ScalarNode:
                plain = implicit[0] if implicit else False
                return _MERGE_TAG if plain and value == "<<" else "tag:yaml.org,2002:str"
            return "tag:yaml.org,2002:map" if kind is MappingNode else "tag:yaml.org,2002:seq"

    return ComposeLoader


class _YamlFile:
    """One YAML text: its documents, raw lines and the lines inside multi-line scalars."""

    def __init__(self, text: str, out: _Collector) -> None:
        """Read YAML ``text`` into ``out``."""
        self.lines = _YAML_LINE_BREAK.split(text)
        self.out = out
        self.covered: set[int] = set()
        self.budget = _NODE_BUDGET
        self.above: dict[int, str | None] = {}  # comment block above a line, by line
        self.documents = self._compose(text)

    def _compose(self, text: str) -> list[Node]:
        """Compose every document that parses, recording the first error."""
        import yaml

        documents: list[Node] = []
        try:
            for document in yaml.compose_all(text, Loader=_compose_loader()):
                if document is None:
                    continue
                self._mark_spans(document)
                documents.append(document)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            problem = exc.problem or exc.context or "cannot parse"
            self.out.error(mark.line + 1 if mark else None, f"invalid YAML: {problem}")
        except yaml.reader.ReaderError as exc:
            line = text.count("\n", 0, exc.position) + 1
            self.out.error(line, f"invalid YAML: {exc.reason} (character {exc.character!r})")
        except yaml.YAMLError as exc:
            self.out.error(None, f"invalid YAML: {exc}")
        except RecursionError:
            self.out.error(None, "invalid YAML: nested too deeply")
        except _BudgetExceeded:
            self.out.error(None, f"YAML too large: stopped after {_NODE_BUDGET} nodes")
        return documents

    def _mark_spans(self, root: Node) -> None:
        """Mark lines inside multi-line scalars; count nodes against the budget."""
        from yaml.nodes import MappingNode, ScalarNode, SequenceNode

        seen: set[int] = set()
        stack = [root]
        while stack:
            node = stack.pop()
            self.budget -= 1
            if self.budget < 0:
                raise _BudgetExceeded
            if id(node) in seen:
                continue
            seen.add(id(node))
            if isinstance(node, ScalarNode):
                self._mark_scalar(node)
            elif isinstance(node, SequenceNode):
                stack.extend(node.value)
            elif isinstance(node, MappingNode):
                for key, value in node.value:
                    stack.extend((key, value))

    def _mark_scalar(self, node: Node) -> None:
        """Mark the lines after the first of a multi-line scalar."""
        start, end = node.start_mark, node.end_mark
        last = end.line - 1 if end.column == 0 else end.line
        self.covered.update(range(start.line + 1, last + 1))

    def comment(self, key: Node, value: Node | None) -> str | None:
        """Return the comment documenting ``key``: the block above and/or inline."""
        line = key.start_mark.line
        if line not in self.above:  # flow mappings put many keys on one line
            self.above[line] = _comment_above(self.lines, line, self.covered)
        return _join_comments(self.above[line], self.inline_comment(key, value))

    def inline_comment(self, key: Node, value: Node | None) -> str | None:
        """Return the comment after a key's value (or after the key) on the key's line."""
        from yaml.nodes import ScalarNode

        line = key.start_mark.line
        text = self.lines[key.end_mark.line]
        if (
            isinstance(value, ScalarNode)
            and value.start_mark.line == line
            and value.end_mark.line == line
        ):
            match = _YAML_VALUE_TAIL.match(text[value.end_mark.column :])
        else:
            match = _YAML_KEY_TAIL.match(text[key.end_mark.column :])
        return _inline(match.group(1)) if match else None


def _get_item(node: Node | None, name: str) -> tuple[Node, Node] | None:
    """Return the ``(key, value)`` nodes of key ``name`` in a YAML mapping node, if any."""
    from yaml.nodes import MappingNode

    if not isinstance(node, MappingNode):
        return None
    for key, value in node.value:
        if key.value == name:
            return key, value
    return None


def _get(node: Node | None, name: str) -> Node | None:
    """Return the value of key ``name`` in a YAML mapping node, if any."""
    item = _get_item(node, name)
    return item[1] if item else None


def _scalar(node: Node | None) -> str | None:
    """Return a scalar node's text, else None."""
    from yaml.nodes import ScalarNode

    return node.value if isinstance(node, ScalarNode) else None


def _is_merge(key: Node) -> bool:
    """Return True for a YAML merge key ``<<``."""
    return key.tag == _MERGE_TAG


def _is_section(node: Node) -> bool:
    """Return True when a value holds keys: a non-empty mapping, or a list of mappings."""
    from yaml.nodes import MappingNode, SequenceNode

    if isinstance(node, MappingNode):
        return bool(node.value)
    return isinstance(node, SequenceNode) and any(
        isinstance(item, MappingNode) for item in node.value
    )


def _leaves(yaml_file: _YamlFile, root: Node, prefix: str) -> Iterator[tuple[str, Node, Node]]:
    """Yield ``(dotted, key node, value node)`` for every leaf key under ``root``.

    Collections are walked once each, by identity: keys reached again through an alias or
    a merge key ``<<`` are not new keys. Duplicate keys in one mapping are errors.
    """
    from yaml.nodes import MappingNode, SequenceNode

    seen: set[int] = set()
    stack: list[tuple[Node, str]] = [(root, prefix)]
    while stack:
        node, prefix = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        children: list[tuple[Node, str]] = []
        if isinstance(node, SequenceNode):
            children = [(item, f"{prefix}[]") for item in node.value if _is_section(item)]
        elif isinstance(node, MappingNode):
            yield from _mapping_leaves(yaml_file, node, prefix, children)
        stack.extend(reversed(children))


def _mapping_leaves(
    yaml_file: _YamlFile, node: Node, prefix: str, children: list[tuple[Node, str]]
) -> Iterator[tuple[str, Node, Node]]:
    """Yield a mapping's leaf keys; append its sections and merges to ``children``."""
    from yaml.nodes import SequenceNode

    first_lines: dict[str, int] = {}
    for key, value in node.value:
        name = _scalar(key)
        if name is None:
            continue
        if _is_merge(key):
            merged = value.value if isinstance(value, SequenceNode) else [value]
            children.extend((mapping, prefix) for mapping in merged)
            continue
        dotted = f"{prefix}.{name}" if prefix else name
        line = key.start_mark.line + 1
        if name in first_lines:
            yaml_file.out.error(
                line, f"duplicate key {dotted!r} (first on line {first_lines[name]})"
            )
            continue
        first_lines[name] = line
        if _is_section(value):
            children.append((value, dotted))
        else:
            yield dotted, key, value


def _add_leaves(yaml_file: _YamlFile, root: Node, prefix: str) -> None:
    """Record every leaf key under ``root`` with its comment."""
    for dotted, key, value in _leaves(yaml_file, root, prefix):
        comment = yaml_file.comment(key, value)
        yaml_file.out.key(dotted, key.start_mark.line + 1, comment, _scalar(value))


def _analyse_yaml(text: str, out: _Collector) -> None:
    """Generic YAML: every leaf key; Kubernetes documents by their ``kind``."""
    yaml_file = _YamlFile(text, out)
    for document in yaml_file.documents:
        kind = _scalar(_get(document, "kind"))
        if _scalar(_get(document, "apiVersion")) is None or kind is None:
            _add_leaves(yaml_file, document, "")
        elif kind == "ConfigMap":
            _add_config_map(yaml_file, document)
        elif kind in _K8S_WORKLOADS:
            _add_container_env(yaml_file, document)


def _add_config_map(yaml_file: _YamlFile, document: Node) -> None:
    """Record a ConfigMap's ``data`` keys as ``ConfigMap/<name>.data.<key>``."""
    name = _scalar(_get(_get(document, "metadata"), "name")) or "<unnamed>"
    data = _get(document, "data")
    if data is not None:
        _add_leaves(yaml_file, data, f"ConfigMap/{name}.data")


def _add_container_env(yaml_file: _YamlFile, document: Node) -> None:
    """Record the ``env: - name: X`` entries of every container in a workload."""
    from yaml.nodes import MappingNode, SequenceNode

    for containers in _values_of(document, _CONTAINER_LISTS):
        if not isinstance(containers, SequenceNode):
            continue
        for container in containers.value:
            env = _get(container, "env")
            if isinstance(env, SequenceNode):
                for item in env.value:
                    if isinstance(item, MappingNode):
                        _add_named_env(yaml_file, item, "k8s")


def _add_named_env(yaml_file: _YamlFile, item: Node, source: str) -> None:
    """Record one ``{name: X, value: v}`` entry as an env declaration."""
    found = _get_item(item, "name")
    name = _scalar(found[1]) if found else None
    if not found or not name:
        return
    key, value = found
    comment = yaml_file.comment(key, value)
    yaml_file.out.env_var(
        name, key.start_mark.line + 1, comment, _scalar(_get(item, "value")), source
    )


def _values_of(root: Node, names: frozenset[str]) -> Iterator[Node]:
    """Yield the values of every key named in ``names`` anywhere under ``root``."""
    from yaml.nodes import MappingNode, SequenceNode

    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                if _scalar(key) in names:
                    yield value
            stack.extend(reversed([value for _, value in node.value]))


def _analyse_helm_values(text: str, out: _Collector) -> None:
    """Helm values: every leaf is a key; ``env``-like lists and maps declare env vars."""
    from yaml.nodes import MappingNode

    yaml_file = _YamlFile(text, out)
    for document in yaml_file.documents:
        _add_leaves(yaml_file, document, "")
        for env in _helm_env_values(document):
            if isinstance(env, MappingNode):
                _add_env_mapping(yaml_file, env, "helm", prefix=None)
            else:
                for item in env.value:
                    if isinstance(item, MappingNode):
                        _add_named_env(yaml_file, item, "helm")


def _helm_env_values(root: Node) -> Iterator[Node]:
    """Yield the values of keys like ``env``/``extraEnv`` that hold a list or a map."""
    from yaml.nodes import MappingNode, SequenceNode

    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen or not isinstance(node, (MappingNode, SequenceNode)):
            continue
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            stack.extend(reversed(node.value))
            continue
        for key, value in node.value:
            name = _scalar(key)
            if (
                name
                and _HELM_ENV_KEY.match(name)
                and isinstance(value, (MappingNode, SequenceNode))
            ):
                yield value
        stack.extend(reversed([value for _, value in node.value]))


def _add_env_mapping(
    yaml_file: _YamlFile, env: Node, source: str, prefix: str | None, seen: set[int] | None = None
) -> None:
    """Record ``NAME: value`` entries (following merge keys once) as env declarations.

    With a ``prefix`` (compose), each entry is also a config key ``<prefix>.<NAME>``;
    without one (Helm), only upper-case names count, the keys being recorded already.
    """
    from yaml.nodes import MappingNode, SequenceNode

    seen = set() if seen is None else seen
    if id(env) in seen:
        return
    seen.add(id(env))
    for key, value in env.value:
        name = _scalar(key)
        if name is None:
            continue
        if _is_merge(key):
            merged = value.value if isinstance(value, SequenceNode) else [value]
            for mapping in merged:
                if isinstance(mapping, MappingNode):
                    _add_env_mapping(yaml_file, mapping, source, prefix, seen)
            continue
        if prefix is None and not _UPPER_ENV_NAME.match(name):
            continue
        line = key.start_mark.line + 1
        comment = yaml_file.comment(key, value)
        if prefix is not None:
            yaml_file.out.key(f"{prefix}.{name}", line, comment, _scalar(value))
        yaml_file.out.env_var(name, line, comment, _scalar(value), source)


# --- compose ----------------------------------------------------------------------------


def _analyse_compose(text: str, out: _Collector) -> None:
    """Compose: each service's ``environment:`` entries; other keys are infrastructure."""
    from yaml.nodes import MappingNode, SequenceNode

    yaml_file = _YamlFile(text, out)
    seen: set[int] = set()
    for document in yaml_file.documents:
        services = _get(document, "services")
        if not isinstance(services, MappingNode):
            continue
        for service_key, service in services.value:
            environment = _get(service, "environment")
            prefix = f"services.{service_key.value}.environment"
            if isinstance(environment, MappingNode):
                _add_env_mapping(yaml_file, environment, "compose", prefix, seen)
            elif isinstance(environment, SequenceNode) and id(environment) not in seen:
                seen.add(id(environment))
                _add_env_list(yaml_file, environment, prefix)


def _add_env_list(yaml_file: _YamlFile, environment: Node, prefix: str) -> None:
    """Record compose ``environment:`` list items ``NAME=value`` or ``NAME``."""
    for item in environment.value:
        entry = _scalar(item)
        if not entry:
            continue
        name, equals, value = entry.partition("=")
        name = name.strip()
        if not name:
            continue
        line = item.start_mark.line
        tail = None
        if item.end_mark.line == line:
            match = _YAML_VALUE_TAIL.match(yaml_file.lines[line][item.end_mark.column :])
            tail = _inline(match.group(1)) if match else None
        comment = _join_comments(_comment_above(yaml_file.lines, line, yaml_file.covered), tail)
        literal = value if equals else None
        yaml_file.out.key(f"{prefix}.{name}", line + 1, comment, literal)
        yaml_file.out.env_var(name, line + 1, comment, literal, "compose")


def mentioned_envs(data: bytes) -> list[EnvInterpolation]:
    """Return the ``${NAME}``, ``${NAME:-default}`` and ``$NAME`` references in a compose file.

    ``$$`` escapes are skipped, and so are comment lines and trailing `` #`` comments.
    ``default`` is set for the ``-`` and ``:-`` forms.
    """
    text = _decode(data)
    if text is None:
        return []
    found: set[EnvInterpolation] = set()
    for number, line in enumerate(_plain_lines(text), start=1):
        code = re.split(r"(?:^|\s)#", line, maxsplit=1)[0]
        for match in _INTERPOLATION.finditer(code):
            braced, operator, default, bare = match.groups()
            has_default = operator in ("-", ":-")
            found.add(EnvInterpolation(braced or bare, number, default if has_default else None))
    return sorted(found, key=lambda item: (item.line, item.name, item.default or ""))


# --- JSON -------------------------------------------------------------------------------


def _analyse_json(text: str, out: _Collector) -> None:
    """JSON: every leaf key (no comments possible), lines from a token scan."""
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as exc:
        out.error(exc.lineno, f"invalid JSON: {exc.msg}")
        return
    except RecursionError:
        out.error(None, "invalid JSON: nested too deeply")
        return
    lines = _json_key_lines(text, out)
    for dotted, value in _python_leaves(parsed, ""):
        out.key(dotted, lines.get(dotted, 1), None, value)


def _json_key_lines(text: str, out: _Collector) -> dict[str, int]:
    """Return the first line of every key path in valid JSON; repeated keys are errors.

    A linear scan of strings, brackets and colons: a string followed by ``:`` is a key.
    Each open container is ``(prefix of its keys or items, keys seen)``, arrays adding
    ``[]``; an array's key set is None.
    """
    first: dict[str, int] = {}
    stack: list[tuple[str, dict[str, int] | None]] = []
    line, position = 1, 0
    string, string_line, key_path = "", 1, ""
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        line += text.count("\n", position, match.start())
        position = match.start()
        if token.startswith('"'):
            string, string_line = token, line
        elif token == ":":
            prefix, seen = stack[-1]
            name = json.loads(string) if "\\" in string else string[1:-1]
            key_path = f"{prefix}.{name}" if prefix else name
            if seen is not None and name in seen:
                out.error(string_line, f"duplicate key {key_path!r} (first on line {seen[name]})")
            elif seen is not None:
                seen[name] = string_line
            first.setdefault(key_path, string_line)
        elif token in "{[":
            if not stack:
                prefix = ""
            elif stack[-1][1] is None:
                prefix = stack[-1][0]  # an array item
            else:
                prefix = key_path  # the value of the key just read
            stack.append((prefix, {}) if token == "{" else (f"{prefix}[]", None))
        else:
            stack.pop()
    return first


def _python_leaves(root: Any, prefix: str) -> Iterator[tuple[str, str | None]]:
    """Yield ``(dotted, value)`` for the leaf keys of parsed JSON/TOML data."""
    stack: list[tuple[Any, str]] = [(root, prefix)]
    while stack:
        node, prefix = stack.pop()
        if isinstance(node, list):
            stack.extend((item, f"{prefix}[]") for item in reversed(node) if _py_section(item))
            continue
        if not isinstance(node, dict):
            continue
        sections = []
        for name, value in node.items():
            dotted = f"{prefix}.{name}" if prefix else str(name)
            if _py_section(value):
                sections.append((value, dotted))
            else:
                yield dotted, _py_scalar(value)
        stack.extend(reversed(sections))


def _py_section(value: Any) -> bool:
    """Return True for parsed data that holds keys (see :func:`_is_section`)."""
    if isinstance(value, dict):
        return bool(value)
    return isinstance(value, list) and any(isinstance(item, dict) for item in value)


def _py_scalar(value: Any) -> str | None:
    """Return parsed scalar data as text, None for lists and mappings."""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, dict)):
        return None
    return json.dumps(value) if value is None or isinstance(value, bool) else str(value)


def schema_descriptions(data: bytes) -> dict[str, str]:
    """Return ``dotted path -> description`` for the properties of a JSON Schema.

    Nested ``properties`` are joined with dots, array ``items`` add ``[]``; ``$ref`` is
    not followed. Returns an empty dict for anything that is not a JSON object.
    """
    text = _decode(data)
    try:
        schema = json.loads(text) if text is not None else None
    except (ValueError, RecursionError):
        return {}
    descriptions: dict[str, str] = {}
    stack: list[tuple[Any, str]] = [(schema, "")]
    while stack:
        node, prefix = stack.pop()
        if not isinstance(node, dict):
            continue
        items = node.get("items")
        if isinstance(items, dict):
            stack.append((items, f"{prefix}[]"))
        properties = node.get("properties")
        if not isinstance(properties, dict):
            continue
        for name, sub in properties.items():
            dotted = f"{prefix}.{name}" if prefix else name
            if isinstance(sub, dict) and isinstance(sub.get("description"), str):
                descriptions[dotted] = sub["description"]
            stack.append((sub, dotted))
    return dict(sorted(descriptions.items()))


# --- TOML -------------------------------------------------------------------------------


def _analyse_toml(text: str, out: _Collector) -> None:
    """TOML: validate with tomllib, then scan lines for keys, tables and comments."""
    text = "\n".join(_plain_lines(text))
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        at = _TOML_ERROR_AT.search(message)
        line = int(at.group(1)) if at else len(_plain_lines(text))
        out.error(line, f"invalid TOML: {_TOML_ERROR_AT.sub('', message)}")
        return
    _TomlScanner(text, out).scan()


class _TomlScanner:
    """Line scanner for valid TOML: tables, array tables, keys and multi-line values."""

    def __init__(self, text: str, out: _Collector) -> None:
        """Scan TOML ``text`` into ``out``."""
        self.lines = text.split("\n")
        self.out = out
        self.covered: set[int] = set()
        self.table = ""
        self.array_tables: set[tuple[str, ...]] = set()

    def scan(self) -> None:
        """Record every leaf key of the file."""
        index = 0
        while index < len(self.lines):
            index = self._line(index) + 1

    def _line(self, index: int) -> int:
        """Handle the line at ``index``; return the last line it used."""
        line = self.lines[index]
        array_table = _TOML_ARRAY_TABLE.match(line)
        if array_table:
            parts = _toml_key_parts(array_table.group(1))
            self.array_tables.add(tuple(parts))
            self.table = self._table_path(parts) + "[]"
            return index
        table = _TOML_TABLE.match(line)
        if table:
            self.table = self._table_path(_toml_key_parts(table.group(1)))
            return index
        assignment = _TOML_ASSIGNMENT.match(line)
        if assignment is None:
            return index
        return self._assignment(index, assignment)

    def _table_path(self, parts: list[str]) -> str:
        """Return a table's dotted path, with ``[]`` after each enclosing array table."""
        segments = []
        for depth, part in enumerate(parts, start=1):
            segments.append(part)
            if depth < len(parts) and tuple(parts[:depth]) in self.array_tables:
                segments[-1] += "[]"
        return ".".join(segments)

    def _assignment(self, index: int, assignment: re.Match[str]) -> int:
        """Record the key assigned on line ``index``; return the value's last line."""
        parts = _toml_key_parts(assignment.group(1))
        dotted = ".".join([self.table, *parts] if self.table else parts)
        last, end, inline = _toml_value_extent(self.lines, index, assignment.end())
        self.covered.update(range(index + 1, last + 1))
        if last == index:
            raw = self.lines[index][assignment.end() : end]
        else:
            middle = self.lines[index + 1 : last]
            raw = "\n".join(
                [self.lines[index][assignment.end() :], *middle, self.lines[last][:end]]
            )
        raw = raw.strip()
        if raw.startswith(("{", "[")):
            parsed = _toml_fragment(raw)
            if _py_section(parsed):
                for leaf, value in _python_leaves(parsed, dotted):
                    self.out.key(leaf, index + 1, None, value)
                return last
        comment = _join_comments(_comment_above(self.lines, index, self.covered), inline)
        self.out.key(dotted, index + 1, comment, _toml_scalar(raw))
        return last


def _toml_key_parts(key: str) -> list[str]:
    """Split a TOML key (``a."b.c".d``) into its unquoted parts."""
    parts = []
    for part in re.findall(_TOML_KEY_PART, key):
        if part.startswith('"'):
            part = _toml_fragment(part)
        elif part.startswith("'"):
            part = part[1:-1]
        parts.append(str(part))
    return parts


def _toml_fragment(raw: str) -> Any:
    """Parse one TOML value written as text; None when it does not parse alone."""
    try:
        return tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        return None


def _toml_scalar(raw: str) -> str | None:
    """Return a TOML value as written (strings unquoted), None for arrays and tables."""
    if raw.startswith(("[", "{")):
        return None
    if raw.startswith(('"', "'")):
        value = _toml_fragment(raw)
        return value if isinstance(value, str) else raw
    return raw


def _toml_value_extent(lines: list[str], index: int, column: int) -> tuple[int, int, str | None]:
    """Find where a TOML value starting at ``lines[index][column]`` ends.

    Returns the last line, the column where its text ends there (before any comment), and
    the comment on the first line, if any. Tracks strings (also multi-line) and brackets.
    """
    depth, quote, inline = 0, "", None
    row, position = index, column
    while row < len(lines):
        line, end = lines[row], len(lines[row])
        while position < len(line):
            if quote:
                position, quote = _toml_in_string(line, position, quote)
                continue
            char = line[position]
            if char == "#":
                end = position
                if row == index:
                    inline = _inline(line[position + 1 :])
                break
            quote = (
                line[position : position + 3] if line.startswith(('"""', "'''"), position) else ""
            )
            if not quote and char in "\"'":
                quote = char
            depth += (char in "[{") - (char in "]}")
            position += len(quote) or 1
        if not quote and depth <= 0:
            return row, end, inline
        row, position = row + 1, 0
    return len(lines) - 1, len(lines[-1]), inline


def _toml_in_string(line: str, position: int, quote: str) -> tuple[int, str]:
    """Advance one step inside a TOML string; return the new position and open quote."""
    if quote.startswith('"') and line[position] == "\\":
        return position + 2, quote
    if line.startswith(quote, position):
        position += len(quote)
        while len(quote) == 3 and position < len(line) and line[position] == quote[0]:
            position += 1  # up to two quotes may end a multi-line string: """a""""
        return position, ""
    return position + 1, quote


# --- INI --------------------------------------------------------------------------------


def _analyse_ini(text: str, out: _Collector) -> None:
    """INI/cfg: configparser for validity, a line scanner for keys and comments."""
    text = "\n".join(_plain_lines(text))
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(text)
    except configparser.MissingSectionHeaderError as exc:
        out.error(exc.lineno, "invalid INI: a key before any [section]")
        return
    except configparser.ParsingError as exc:
        lines = text.split("\n")
        for line, _ in exc.errors:
            out.error(line, f"invalid INI: cannot parse {lines[line - 1].strip()[:60]!r}")
    except configparser.Error as exc:
        out.error(getattr(exc, "lineno", None), f"invalid INI: {exc.message}")
        return
    _scan_ini(text.split("\n"), out)


def _scan_ini(lines: list[str], out: _Collector) -> None:
    """Record ``section.key`` for every option line; continuation lines are skipped."""
    section: str | None = None
    option_indent: int | None = None
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", ";")):
            continue
        indent = len(line) - len(line.lstrip())
        if option_indent is not None and indent > option_indent:
            continue
        option_indent = None
        header = _INI_SECTION.match(stripped)
        option = _INI_OPTION.match(stripped)
        if header:
            section = header.group(1).strip()
        elif option and section is not None and option.group(1):
            option_indent = indent
            _add_ini_option(lines, index, f"{section}.{option.group(1)}", option.group(2), out)


def _add_ini_option(lines: list[str], index: int, dotted: str, raw: str, out: _Collector) -> None:
    """Record one INI option with its comment; a repeated option is an error."""
    cut = _INLINE_COMMENT.search(raw)
    value, inline = (raw, None) if cut is None else (raw[: cut.start()], _inline(raw[cut.end() :]))
    comment = _join_comments(_comment_above(lines, index, markers=("#", ";")), inline)
    if not out.key(dotted, index + 1, comment, value.strip()):
        out.error(index + 1, f"duplicate key {dotted!r} (first on line {out.keys[dotted].line})")


# --- Python settings --------------------------------------------------------------------


def _analyse_python_settings(text: str, out: _Collector) -> None:
    """Python settings: module-level UPPERCASE assignments, never executed."""
    text = "\n".join(_plain_lines(text))
    try:
        tree = ast.parse(text)
    except SyntaxError as exc:
        out.error(exc.lineno, f"invalid Python: {exc.msg}")
        return
    lines = text.split("\n")
    covered, inline = _python_comments(text)
    for statement, following in _module_assignments(tree.body):
        for name in _assigned_names(statement):
            above = _comment_above(lines, statement.lineno - 1, covered)
            comment = _join_comments(
                above, inline.get(statement.lineno), _attribute_docstring(following)
            )
            out.key(name, statement.lineno, comment, _python_literal(statement, lines))


def _python_comments(text: str) -> tuple[set[int], dict[int, str]]:
    """Return the 0-based lines inside multi-line tokens and the inline comments by line."""
    covered: set[int] = set()
    inline: dict[int, str] = {}
    code_row = 0
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            (start_row, _), (end_row, _) = token.start, token.end
            if end_row > start_row:
                covered.update(range(start_row, end_row))
            if token.type == tokenize.COMMENT and start_row == code_row:
                comment = _clean_comment(token.string)
                if comment:
                    inline[start_row] = comment
            elif token.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT):
                code_row = end_row
    except (tokenize.TokenError, SyntaxError):
        pass  # ast accepted the file; comments are then best effort
    return covered, inline


def _module_assignments(body: list[ast.stmt]) -> Iterator[tuple[ast.stmt, ast.stmt | None]]:
    """Yield module-level assignments (also inside if/try/with) with the next statement."""
    for position, statement in enumerate(body):
        following = body[position + 1] if position + 1 < len(body) else None
        if isinstance(statement, (ast.Assign, ast.AnnAssign)):
            yield statement, following
        elif isinstance(statement, (ast.If, ast.With)):
            yield from _module_assignments(statement.body)
            yield from _module_assignments(getattr(statement, "orelse", []))
        elif isinstance(statement, (ast.Try, ast.TryStar)):
            for block in (statement.body, statement.orelse, statement.finalbody):
                yield from _module_assignments(block)
            for handler in statement.handlers:
                yield from _module_assignments(handler.body)


def _assigned_names(statement: ast.stmt) -> list[str]:
    """Return the UPPERCASE names an assignment binds."""
    if isinstance(statement, ast.AnnAssign):
        targets = [statement.target] if statement.value is not None else []
    else:
        targets = list(statement.targets)  # type: ignore[attr-defined]
    names = []
    while targets:
        target = targets.pop(0)
        if isinstance(target, (ast.Tuple, ast.List)):
            targets[:0] = target.elts
        elif isinstance(target, ast.Name) and _SETTING_NAME.match(target.id):
            names.append(target.id)
    return names


def _attribute_docstring(statement: ast.stmt | None) -> str | None:
    """Return the string literal statement that follows an assignment, if any."""
    if (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Constant)
        and isinstance(statement.value.value, str)
    ):
        return " ".join(statement.value.value.split()) or None
    return None


def _python_literal(statement: ast.stmt, lines: list[str]) -> str | None:
    """Return a scalar literal's value as written (strings unquoted), else None."""
    value = statement.value  # type: ignore[attr-defined]
    if isinstance(value, ast.UnaryOp) and isinstance(value.op, ast.USub):
        literal = value.operand
    else:
        literal = value
    if (
        not isinstance(literal, ast.Constant)
        or isinstance(statement, ast.Assign)
        and any(isinstance(target, (ast.Tuple, ast.List)) for target in statement.targets)
    ):
        return None
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return value.value
    if value.end_lineno != value.lineno:
        return None
    line = lines[value.lineno - 1].encode()  # ast offsets count UTF-8 bytes
    return line[value.col_offset : value.end_col_offset].decode()


# --- Dockerfile -------------------------------------------------------------------------


def _analyse_dockerfile(text: str, out: _Collector) -> None:
    """Dockerfile: ``ENV`` and ``ARG`` instructions declare env vars (they are not keys)."""
    lines = _plain_lines(text)
    escape = _docker_escape(lines)
    index = 0
    while index < len(lines):
        stripped = lines[index].strip()
        if not stripped or stripped.startswith("#"):
            index += 1
            continue
        segments = _docker_instruction(lines, index, escape)
        keyword, _, first = segments[0][1].partition(" ")
        segments[0] = (segments[0][0], first)
        if keyword.upper() in ("ENV", "ARG"):
            _add_docker_vars(lines, segments, keyword.upper(), out)
        last = segments[-1][0]
        heredoc = _DOCKER_HEREDOC.search(" ".join(text for _, text in segments))
        if heredoc:
            last = _heredoc_end(lines, last, heredoc.group(1))
        index = last + 1


def _docker_escape(lines: list[str]) -> str:
    """Return the line-continuation character (the ``# escape=`` parser directive)."""
    for line in lines:
        match = _DOCKER_ESCAPE.match(line.strip())
        if match:
            return match.group(1)
        if not line.strip().startswith("#"):
            break
    return "\\"


def _docker_instruction(lines: list[str], index: int, escape: str) -> list[tuple[int, str]]:
    """Return an instruction's physical lines ``(index, text)``, continuations joined."""
    segments = []
    row = index
    while row < len(lines):
        text = lines[row].strip()
        if row > index and (not text or text.startswith("#")):
            row += 1  # comment and empty lines inside a continuation are dropped
            continue
        continued = text.endswith(escape)
        segments.append((row, text[:-1] if continued else text))
        if not continued:
            break
        row += 1
    return segments


def _heredoc_end(lines: list[str], index: int, delimiter: str) -> int:
    """Return the line of a heredoc's closing delimiter (or the last line)."""
    for row in range(index + 1, len(lines)):
        if lines[row].strip() == delimiter:
            return row
    return len(lines) - 1


def _add_docker_vars(
    lines: list[str], segments: list[tuple[int, str]], keyword: str, out: _Collector
) -> None:
    """Record the variables of one ``ENV`` or ``ARG`` instruction."""
    tokens = [(row, token) for row, text in segments for token in _DOCKER_TOKEN.findall(text)]
    if not tokens:
        return
    if keyword == "ENV" and "=" not in tokens[0][1]:
        row, name = tokens[0]
        value = " ".join(text for _, text in segments).strip()[len(name) :].strip()
        pairs = [(row, name, _unquote(value))]
    else:
        pairs = []
        for row, token in tokens:
            name, equals, value = token.partition("=")
            pairs.append((row, name, _unquote(value) if equals else None))
    for row, name, value in pairs:
        if _ENV_NAME.match(name):
            out.env_var(name, row + 1, _comment_above(lines, row), value, "dockerfile")


def _unquote(value: str) -> str:
    """Strip one pair of matching surrounding quotes, or undo backslash escapes."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return re.sub(r"\\(.)", r"\1", value)


_ANALYSERS = {
    "env-file": _analyse_env_file,
    "compose": _analyse_compose,
    "helm-values": _analyse_helm_values,
    "yaml": _analyse_yaml,
    "toml": _analyse_toml,
    "ini": _analyse_ini,
    "json": _analyse_json,
    "python-settings": _analyse_python_settings,
    "dockerfile": _analyse_dockerfile,
}
