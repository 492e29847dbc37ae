"""Documentation coverage of OpenAPI, Swagger and AsyncAPI spec files.

``discover.specsniff.is_spec`` tells a spec from its first bytes (a top-level ``openapi``,
``swagger`` or ``asyncapi`` key); ``analyse_spec`` reads it with PyYAML's safe composer
(JSON too) and
returns one ``Symbol`` per info object, operation, parameter, schema, tag and AsyncAPI
message, each judged by the description rules of Spectral, Redocly and vacuum.
YAML aliases are never expanded: nodes are converted once each, by identity, within a
node budget, so alias bombs and recursive anchors stay cheap.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

import yaml

from docaudit.analysers.configuration.files._json import TOO_MANY_DIGITS
from docaudit.analysers.configuration.files._yaml import check_yaml_depth
from docaudit.analysers.python.docstrings import classify
from docaudit.discover.specsniff import SPEC_KEYS
from docaudit.errors import YamlTooDeepError
from docaudit.model.rules import (
    SPEC_INFO_DESCRIPTION,
    SPEC_MESSAGE_DESCRIPTION,
    SPEC_OPERATION_DESCRIPTION,
    SPEC_PARAMETER_DESCRIPTION,
    SPEC_SCHEMA_DESCRIPTION,
    SPEC_TAG_DESCRIPTION,
    Rule,
    spec_problem,
)
from docaudit.model.symbols import EMPTY, MISSING, OK, PLACEHOLDER, Symbol

NODE_BUDGET = 200_000
MAX_DEPTH = 200
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MERGE_TAG = "tag:yaml.org,2002:merge"
_NULL_TAG = "tag:yaml.org,2002:null"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_VERSION = re.compile(r"^\s*(\d{1,9})(?:\.(\d{1,9}))?")
_JSON_NOTE = "line not known: the file was read as plain JSON"
_MISSING_TARGET = object()


@dataclass(frozen=True, slots=True)
class SpecResult:
    """The symbols counted in one spec file and the one-line causes of what went wrong."""

    symbols: list[Symbol]
    errors: list[str]


def analyse_spec(path: str, data: bytes) -> SpecResult:
    """Count the documentable objects of an OpenAPI, Swagger or AsyncAPI file."""
    errors: list[str] = []
    document, note = _load(path, data, errors)
    if document is None:
        return SpecResult([], _unique(errors))
    walker = _SpecWalker(path, document, note, errors)
    walker.walk()
    symbols = sorted(walker.symbols, key=lambda s: (s.line, s.kind, s.qualname))
    return SpecResult(symbols, _unique(errors))


def _unique(errors: list[str]) -> list[str]:
    """Return the errors, each on one line, without repeats, in the order they were found."""
    return list(dict.fromkeys(" ".join(error.split()) for error in errors))


# Reading: YAML nodes (or plain JSON) to mappings and sequences that know their lines.


class Mapping(dict):
    """A YAML mapping: a dict that knows its own line and each key's line (1-based)."""

    __slots__ = ("line", "key_lines")

    def __init__(self, line: int) -> None:
        """Start an empty mapping found at ``line``."""
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        """Return the line of ``key``, or of the mapping when the key is not there."""
        return self.key_lines.get(key, self.line)


class Sequence(list):
    """A YAML sequence: a list that knows its own line and each item's line (1-based)."""

    __slots__ = ("line", "item_lines")

    def __init__(self, line: int) -> None:
        """Start an empty sequence found at ``line``."""
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []


class _TooManyNodesError(Exception):
    """The document has more distinct nodes than ``NODE_BUDGET``."""


def _load(path: str, data: bytes, errors: list[str]) -> tuple[Mapping | None, str | None]:
    """Read the first spec document of a file; return it and the note for its symbols."""
    text = _decode(data, errors)
    nodes, yaml_error = _compose(text)
    if yaml_error and _is_json(path, text):
        return _load_json(text, errors), _JSON_NOTE
    if yaml_error:
        errors.append(yaml_error)
    node = _pick_spec_node(nodes, errors) if nodes or not yaml_error else None
    if node is None:
        return None, None
    reader = _NodeReader(errors)
    try:
        document = reader.read(node, 0)
    except _TooManyNodesError:
        errors.append(f"too many nodes (more than {NODE_BUDGET}): analysis stopped")
        return None, None
    return document, None


def _decode(data: bytes, errors: list[str]) -> str:
    """Decode UTF-8 (dropping a BOM); invalid bytes are replaced and reported."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as bad:
        errors.append(f"invalid UTF-8 at byte {bad.start}: bad bytes replaced")
        text = data.decode("utf-8", "replace")
    return text.removeprefix("\ufeff")


def _is_json(path: str, text: str) -> bool:
    """Tell whether a file is JSON, by its name or its first character."""
    return path.lower().endswith(".json") or text.lstrip().startswith("{")


def _compose(text: str) -> tuple[list[yaml.Node], str | None]:
    """Compose every YAML document up to the first error; return them and that error."""
    nodes: list[yaml.Node] = []
    try:
        check_yaml_depth(text, _LOADER)
        for node in yaml.compose_all(text, Loader=_LOADER):
            nodes.append(node)
    except yaml.MarkedYAMLError as bad:
        return nodes, _yaml_message(bad)
    except yaml.reader.ReaderError as bad:
        line = text.count("\n", 0, bad.position) + 1
        code = bad.character if isinstance(bad.character, int) else ord(bad.character)
        return nodes, f"line {line}: {bad.reason} (character #x{code:04x})"
    except yaml.YAMLError as bad:
        return nodes, " ".join(str(bad).split())
    except YamlTooDeepError as bad:
        return nodes, f"YAML {bad}"
    except RecursionError:
        return nodes, "YAML nested too deeply to read"
    return nodes, None


def _yaml_message(bad: yaml.MarkedYAMLError) -> str:
    """Return PyYAML's error as ``line N: problem`` on one line."""
    mark = bad.problem_mark or bad.context_mark
    problem = " ".join(str(bad.problem or bad.context or "invalid YAML").split())
    return f"line {mark.line + 1}: {problem}" if mark else problem


def _load_json(text: str, errors: list[str]) -> Mapping | None:
    """Read a JSON file PyYAML could not read with ``json.loads``: every line is 1."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as bad:
        errors.append(f"line {bad.lineno}: invalid JSON: {bad.msg}")
        return None
    except ValueError:  # the only other one: an integer past Python's digit limit
        errors.append(f"invalid JSON: {TOO_MANY_DIGITS}")
        return None
    except RecursionError:
        errors.append("JSON nested too deeply to read")
        return None
    if not isinstance(value, dict):
        errors.append(f"top level is {_describe(value)}, not a mapping")
        return None
    if not any(key in value for key in SPEC_KEYS):
        errors.append("no top-level openapi, swagger or asyncapi key")
        return None
    return _NodeReader(errors).plain(value, 0)


def _pick_spec_node(nodes: list[yaml.Node], errors: list[str]) -> yaml.MappingNode | None:
    """Return the first document that is a spec; report the other documents."""
    documents = [node for node in nodes if not _is_empty(node)]
    spec = next((node for node in documents if _has_spec_key(node)), None)
    others = [str(node.start_mark.line + 1) for node in documents if node is not spec]
    if spec is not None and others:
        errors.append(f"other YAML documents not analysed (at lines {', '.join(others)})")
    if spec is None and documents and not isinstance(documents[0], yaml.MappingNode):
        errors.append(f"top level is {_node_kind(documents[0])}, not a mapping")
    elif spec is None:
        errors.append("no top-level openapi, swagger or asyncapi key")
    return spec


def _is_empty(node: yaml.Node) -> bool:
    """Tell whether a document is empty (a lone ``---``)."""
    return isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG and not node.value


def _has_spec_key(node: yaml.Node) -> bool:
    """Tell whether a composed document is a mapping with a spec key."""
    if not isinstance(node, yaml.MappingNode):
        return False
    return any(
        isinstance(key, yaml.ScalarNode) and key.value in SPEC_KEYS for key, _ in node.value
    )


def _node_kind(node: yaml.Node) -> str:
    """Name a YAML node's kind as a reader would: a sequence, a scalar."""
    return "a sequence" if isinstance(node, yaml.SequenceNode) else "a scalar"


class _NodeReader:
    """Turn YAML nodes into ``Mapping``/``Sequence``/scalars, each node once (by identity)."""

    def __init__(self, errors: list[str]) -> None:
        """Convert nodes, reporting problems to ``errors``."""
        self.errors = errors
        self.done: dict[int, Any] = {}

    def read(self, node: yaml.Node, depth: int) -> Any:
        """Return the value of ``node``; an alias returns the value already built."""
        if id(node) in self.done:
            return self.done[id(node)]
        if len(self.done) >= NODE_BUDGET:
            raise _TooManyNodesError
        if depth > MAX_DEPTH:
            self.errors.append(f"line {node.start_mark.line + 1}: nested deeper than {MAX_DEPTH}")
            self.done[id(node)] = None
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, depth)
        if isinstance(node, yaml.SequenceNode):
            return self._sequence(node, depth)
        value = _scalar(node)
        self.done[id(node)] = value
        return value

    def _mapping(self, node: yaml.MappingNode, depth: int) -> Mapping:
        """Build a mapping: its own keys (last duplicate wins), then merged keys."""
        result = Mapping(node.start_mark.line + 1)
        self.done[id(node)] = result
        merges = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                merges.append(value_node)
            elif isinstance(key_node, yaml.ScalarNode):
                self._put(result, key_node, self.read(value_node, depth + 1))
            else:
                line = key_node.start_mark.line + 1
                self.errors.append(f"line {line}: a key that is not a scalar was ignored")
        for value_node in merges:
            self._merge(result, value_node, depth)
        return result

    def _put(self, result: Mapping, key_node: yaml.ScalarNode, value: Any) -> None:
        """Store one key, reporting a duplicate (PyYAML keeps the last one too)."""
        key, line = key_node.value, key_node.start_mark.line + 1
        if key in result.key_lines:
            self.errors.append(f"duplicate key {key} at line {line}")
        result[key] = value
        result.key_lines[key] = line

    def _merge(self, result: Mapping, value_node: yaml.Node, depth: int) -> None:
        """Add the keys of ``<<: *a`` or ``<<: [*a, *b]`` that the mapping lacks."""
        sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
        for source_node in sources:
            source = self.read(source_node, depth + 1)
            if not isinstance(source, Mapping):
                line = source_node.start_mark.line + 1
                self.errors.append(f"line {line}: merge key value is not a mapping")
                continue
            for key, value in list(source.items()) if source is not result else []:
                if key not in result:
                    result[key] = value
                    result.key_lines[key] = source.line_of(key)

    def _sequence(self, node: yaml.SequenceNode, depth: int) -> Sequence:
        """Build a sequence and remember each item's line."""
        result = Sequence(node.start_mark.line + 1)
        self.done[id(node)] = result
        for item in node.value:
            result.append(self.read(item, depth + 1))
            result.item_lines.append(item.start_mark.line + 1)
        return result

    def plain(self, value: Any, depth: int) -> Any:
        """Wrap a ``json.loads`` value the same way, every line being 1."""
        if depth > MAX_DEPTH:
            self.errors.append(f"nested deeper than {MAX_DEPTH}")
            return None
        if isinstance(value, dict):
            result = Mapping(1)
            for key, item in value.items():
                result[key] = self.plain(item, depth + 1)
                result.key_lines[key] = 1
            return result
        if isinstance(value, list):
            sequence = Sequence(1)
            sequence.extend(self.plain(item, depth + 1) for item in value)
            sequence.item_lines.extend([1] * len(value))
            return sequence
        return value if value is None or isinstance(value, bool) else str(value)


def _scalar(node: yaml.Node) -> str | bool | None:
    """Return a scalar as text, except nulls (``None``) and booleans."""
    if node.tag == _NULL_TAG:
        return None
    if node.tag == _BOOL_TAG:
        return node.value.lower() in ("yes", "true", "on", "y")
    return str(node.value)


def _describe(value: Any) -> str:
    """Name what a value is, for an error message."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a sequence"
    if value is None:
        return "null"
    return "a boolean" if isinstance(value, bool) else "a string"


# Judging: is a description there, empty, a placeholder?


def _text_state(value: Any) -> str:
    """Return ``ok``, ``placeholder`` or ``missing`` (empty counts as missing) for a text."""
    state = classify(value if isinstance(value, str) else None, "")
    return MISSING if state == EMPTY else state


def _verdict(holders: list[Mapping], fields: tuple[str, ...]) -> str:
    """Judge ``fields`` (any one suffices), each read from the first holder that has it."""
    states = []
    for name in fields:
        holder = next((obj for obj in holders if name in obj), None)
        states.append(_text_state(holder[name] if holder is not None else None))
    if OK in states:
        return OK
    return PLACEHOLDER if PLACEHOLDER in states else MISSING


@dataclass
class _RefSite:
    """A ``$ref`` to a shared parameter: where it is and whether it carries a description."""

    line: int
    described: bool


@dataclass(frozen=True, slots=True)
class _Followed:
    """Where a ``$ref`` chain from one link ends: the target (``None`` on error), the links
    crossed (empty past ``MAX_DEPTH``), how many, and the error that stopped it."""

    target: Any
    chain: tuple[Mapping, ...]
    length: int
    error: str | None


_TOO_LONG_CHAIN = f"$ref chains longer than {MAX_DEPTH} links are not followed"


def _is_reference(value: Any) -> bool:
    """Tell whether ``value`` is a reference object (a mapping with a string ``$ref``)."""
    return isinstance(value, Mapping) and isinstance(value.get("$ref"), str)


def _ref_error(link: Mapping) -> str:
    """Return why the ``$ref`` of ``link`` leads nowhere: external, or not found."""
    ref, line = link["$ref"], link.line_of("$ref")
    if not ref.startswith("#"):
        return f"line {line}: external $ref {ref} not followed"
    return f"line {line}: $ref {ref} not found"


@dataclass
class _SpecWalker:
    """Walk one spec document and collect its symbols and errors."""

    path: str
    doc: Mapping
    note: str | None
    errors: list[str]
    symbols: list[Symbol] = field(default_factory=list)
    counted: set[int] = field(default_factory=set)
    shared: set[int] = field(default_factory=set)
    ref_sites: dict[int, list[_RefSite]] = field(default_factory=dict)
    family: str = ""
    siblings_count: bool = False
    spec_family: str = "openapi-3"
    followed: dict[int, _Followed] = field(default_factory=dict)
    pointed: dict[str, Any] = field(default_factory=dict)

    def walk(self) -> None:
        """Dispatch on the spec family and version."""
        self.family = next(key for key in SPEC_KEYS if key in self.doc)
        major, minor = _version(self.doc[self.family])
        if self.family == "asyncapi":
            self.spec_family = "asyncapi-3" if major == 3 else "asyncapi-2"
            self._walk_asyncapi(major)
            return
        self.spec_family = "openapi-2" if self.family == "swagger" else "openapi-3"
        self.siblings_count = self.family == "openapi" and (major, minor) >= (3, 1)
        self._walk_openapi()

    # Shared helpers.

    def emit(self, line: int, kind: str, qualname: str, verdict: str, rule: Rule) -> Symbol:
        """Record one symbol with its verdict and, if undocumented, the problem of ``rule``
        (which names the equivalent rules of the spec's family)."""
        documented = verdict == OK
        symbol = Symbol(
            path=self.path,
            line=line,
            kind=kind,
            qualname=qualname,
            public=True,
            documented=documented,
            problems=[] if documented else [spec_problem(rule, self.spec_family, verdict)],
            note=self.note,
            level="documented" if documented else "undocumented",
        )
        self.symbols.append(symbol)
        return symbol

    def child(self, parent: Mapping, key: str, what: str, kind: type = Mapping) -> Any:
        """Return ``parent[key]`` if it is a ``kind``; report it when present but not."""
        if key not in parent:
            return None
        value = parent[key]
        if isinstance(value, kind):
            return value
        shape = "a mapping" if kind is Mapping else "a sequence"
        self.errors.append(
            f"line {parent.line_of(key)}: {what} is {_describe(value)}, not {shape}"
        )
        return None

    def entries(self, parent: Mapping, key: str, what: str) -> Iterator[tuple[str, Any, int]]:
        """Yield ``(name, value, line)`` for each entry of the mapping ``parent[key]``."""
        mapping = self.child(parent, key, what)
        for name, value in (mapping or {}).items():
            if not name.startswith("x-"):
                yield name, value, mapping.line_of(name)

    def resolve(self, value: Any, line: int, what: str) -> tuple[Mapping | None, list[Mapping]]:
        """Follow local ``$ref`` chains; return the target mapping and the references crossed.

        Each ``$ref`` is followed once per file (:meth:`_follow`), so a long chain costs
        its length once, not its length for every link.
        """
        chain: tuple[Mapping, ...] = ()
        if _is_reference(value):
            if id(value) not in self.followed:
                self._follow(value)
            followed = self.followed[id(value)]
            if followed.error is not None:
                self.errors.append(followed.error)
                return None, list(followed.chain)
            value, chain = followed.target, followed.chain
        if not isinstance(value, Mapping):
            self.errors.append(f"line {line}: {what} is {_describe(value)}, not a mapping")
            return None, list(chain)
        return value, list(chain)

    def _follow(self, start: Mapping) -> None:
        """Follow the ``$ref`` chain from ``start``; record the outcome for every link on it.

        A link's outcome is what its own walk would find: where the chain ends, the links
        crossed (at most ``MAX_DEPTH``: a longer chain is an error), or why it stops.
        """
        path: list[Mapping] = []
        on_path: dict[int, int] = {}
        value: Any = start
        while _is_reference(value) and id(value) not in self.followed:
            if id(value) in on_path:
                self._record_cycle(path, on_path[id(value)])
                return
            on_path[id(value)] = len(path)
            path.append(value)
            value = self._target(value)
        if _is_reference(value):
            outcome = self.followed[id(value)]
        else:
            missing = value is _MISSING_TARGET
            outcome = _Followed(
                None if missing else value, (), 0, _ref_error(path[-1]) if missing else None
            )
        for link in reversed(path):
            length = outcome.length + 1
            chain = (link, *outcome.chain) if length <= MAX_DEPTH else ()
            error = outcome.error or (_TOO_LONG_CHAIN if length > MAX_DEPTH else None)
            outcome = _Followed(outcome.target, chain, length, error)
            self.followed[id(link)] = outcome

    def _target(self, link: Mapping) -> Any:
        """Return what one ``$ref`` points at (``_MISSING_TARGET``: nothing local)."""
        ref = link["$ref"]
        if not ref.startswith("#"):
            return _MISSING_TARGET
        if ref not in self.pointed:
            self.pointed[ref] = self.pointer(ref)
        return self.pointed[ref]

    def _record_cycle(self, path: list[Mapping], entry: int) -> None:
        """Record the links of ``path`` as ending in the cycle that starts at ``entry``:
        a walk from a link on the cycle comes back to itself, one from before it to
        ``path[entry]``."""
        for index, link in enumerate(path):
            named = link if index >= entry else path[entry]
            error = f"line {named.line_of('$ref')}: $ref cycle through {named['$ref']}"
            self.followed[id(link)] = _Followed(None, (), 0, error)

    def pointer(self, ref: str) -> Any:
        """Return what a local JSON pointer (``#/components/...``) points at."""
        target: Any = self.doc
        fragment = unquote(ref[1:])
        if fragment and not fragment.startswith("/"):
            return _MISSING_TARGET
        for token in fragment.split("/")[1:]:
            token = token.replace("~1", "/").replace("~0", "~")
            if isinstance(target, Mapping) and token in target:
                target = target[token]
            elif isinstance(target, Sequence) and _is_index(token, len(target)):
                target = target[int(token)]
            else:
                return _MISSING_TARGET
        return target

    def holders(self, target: Mapping, chain: list[Mapping]) -> list[Mapping]:
        """Return where descriptions are read: 3.1+ reference siblings first, then the target."""
        return [*chain, target] if self.siblings_count else [target]

    def judged(self, value: Any, line: int, what: str, fields: tuple[str, ...]) -> str | None:
        """Resolve ``value`` and judge ``fields`` on it; ``None`` when it cannot be judged."""
        target, chain = self.resolve(value, line, what)
        if target is None:
            return None
        return _verdict(self.holders(target, chain), fields)

    # Objects common to every family.

    def info(self) -> None:
        """Count the info object."""
        info = self.child(self.doc, "info", "info")
        if info is not None:
            verdict = _verdict([info], ("description",))
            self.emit(
                self.doc.line_of("info"), "spec-info", "info", verdict, SPEC_INFO_DESCRIPTION
            )

    def tags(self, parent: Mapping) -> None:
        """Count each tag of ``parent.tags``."""
        tags = self.child(parent, "tags", "tags", Sequence) or Sequence(0)
        for index, (tag, line) in enumerate(zip(tags, tags.item_lines, strict=True)):
            target, _ = self.resolve(tag, line, f"tag #{index + 1}")
            if target is not None:
                name = _label(target.get("name"), f"#{index + 1}")
                verdict = _verdict([target], ("description",))
                self.emit(target.line, "spec-tag", f"tag {name}", verdict, SPEC_TAG_DESCRIPTION)

    def schemas(self, parent: Mapping | None, key: str) -> None:
        """Count each named schema of ``parent[key]``."""
        for name, value, line in self.entries(parent or Mapping(0), key, key):
            verdict = self.judged(value, line, f"schema {name}", ("description",))
            if verdict is not None:
                self.emit(line, "spec-schema", f"schema {name}", verdict, SPEC_SCHEMA_DESCRIPTION)

    # OpenAPI 3 and Swagger 2.

    def _walk_openapi(self) -> None:
        """Count info, tags, operations, parameters and schemas of OpenAPI or Swagger."""
        self.info()
        self.tags(self.doc)
        if self.family == "swagger":
            shared_parent, shared_key, prefix = self.doc, "parameters", "parameters"
            schema_parent, schema_key = self.doc, "definitions"
        else:
            components = self.child(self.doc, "components", "components") or Mapping(0)
            shared_parent, shared_key = components, "parameters"
            prefix = "components.parameters"
            schema_parent, schema_key = components, "schemas"
        shared = list(self.entries(shared_parent, shared_key, prefix))
        self.shared = {id(value) for _, value, _ in shared}
        self.counted |= self.shared
        for path, item, line in self.entries(self.doc, "paths", "paths"):
            self._path_item(path, item, line)
        for name, value, line in shared:
            self._shared_parameter(f"{prefix}.{name}", value, line)
        self.schemas(schema_parent, schema_key)

    def _path_item(self, path: str, value: Any, line: int) -> None:
        """Count the parameters and operations of one path item."""
        item, _ = self.resolve(value, line, f"path item {path}")
        if item is None:
            return
        self._parameters(item, path)
        for method in HTTP_METHODS:
            qualname = f"{method.upper()} {path}"
            operation = self.child(item, method, f"operation {qualname}")
            if operation is not None:
                verdict = _verdict([operation], ("summary", "description"))
                self.emit(
                    item.line_of(method),
                    "spec-operation",
                    qualname,
                    verdict,
                    SPEC_OPERATION_DESCRIPTION,
                )
                self._parameters(operation, qualname)

    def _parameters(self, owner: Mapping, prefix: str) -> None:
        """Count the inline parameters of an operation or path item; note shared ones."""
        parameters = self.child(owner, "parameters", f"{prefix} parameters", Sequence)
        parameters = parameters or Sequence(0)
        for index, (value, line) in enumerate(zip(parameters, parameters.item_lines, strict=True)):
            if self._is_shared_reference(value):
                continue
            target, chain = self.resolve(value, line, f"{prefix} parameter #{index + 1}")
            if target is None or id(target) in self.counted:
                continue
            self.counted.add(id(target))
            name = _label(target.get("name"), f"#{index + 1}")
            qualname = f"{prefix} parameter {name} ({_label(target.get('in'), '?')})"
            verdict = _verdict(self.holders(target, chain), ("description",))
            self.emit(target.line, "spec-parameter", qualname, verdict, SPEC_PARAMETER_DESCRIPTION)

    def _is_shared_reference(self, value: Any) -> bool:
        """Tell whether ``value`` is a ``$ref`` to a shared parameter; note the site if so."""
        if not (isinstance(value, Mapping) and isinstance(value.get("$ref"), str)):
            return False
        target = self.pointer(value["$ref"]) if value["$ref"].startswith("#") else None
        if id(target) not in self.shared:
            return False
        described = _text_state(value.get("description")) == OK
        self.ref_sites.setdefault(id(target), []).append(
            _RefSite(value.line_of("$ref"), described)
        )
        return True

    def _shared_parameter(self, qualname: str, value: Any, line: int) -> None:
        """Count a shared parameter once, where defined, with the ``$ref`` sites using it."""
        verdict = self.judged(value, line, qualname, ("description",))
        if verdict is None:
            return
        sites = self.ref_sites.get(id(value), [])
        if verdict != OK and sites and self.siblings_count and all(s.described for s in sites):
            verdict = OK
        symbol = self.emit(line, "spec-parameter", qualname, verdict, SPEC_PARAMETER_DESCRIPTION)
        symbol.sites = [f"{self.path}:{site.line}" for site in sites]
        ignored = [site.line for site in sites if site.described and not self.siblings_count]
        if ignored and not symbol.documented:
            symbol.problems.append(
                f"description beside $ref at line {ignored[0]} is ignored before OpenAPI 3.1"
            )

    # AsyncAPI 2 and 3.

    def _walk_asyncapi(self, major: int) -> None:
        """Count info, tags, operations, schemas and messages of AsyncAPI."""
        self.info()
        if major == 3:
            self.tags(self.child(self.doc, "info", "info") or Mapping(0))
            self._operations_v3()
        else:
            self.tags(self.doc)
            self._operations_v2()
        components = self.child(self.doc, "components", "components") or Mapping(0)
        self.schemas(components, "schemas")
        for name, value, line in self.entries(components, "messages", "messages"):
            verdict = self.judged(value, line, f"message {name}", ("summary", "description"))
            if verdict is not None:
                self.emit(
                    line, "spec-schema", f"message {name}", verdict, SPEC_MESSAGE_DESCRIPTION
                )

    def _operations_v2(self) -> None:
        """Count the publish and subscribe operations of each channel."""
        for name, value, line in self.entries(self.doc, "channels", "channels"):
            channel, _ = self.resolve(value, line, f"channel {name}")
            for action in ("publish", "subscribe") if channel is not None else ():
                qualname = f"{action.upper()} {name}"
                operation = self.child(channel, action, f"operation {qualname}")
                if operation is not None:
                    verdict = _verdict([operation], ("summary", "description"))
                    line_of = channel.line_of(action)
                    self.emit(
                        line_of, "spec-operation", qualname, verdict, SPEC_OPERATION_DESCRIPTION
                    )

    def _operations_v3(self) -> None:
        """Count each entry of ``operations`` as ``<action> <operationId>``."""
        for operation_id, value, line in self.entries(self.doc, "operations", "operations"):
            operation, _ = self.resolve(value, line, f"operation {operation_id}")
            if operation is not None:
                qualname = f"{_label(operation.get('action'), '?')} {operation_id}"
                verdict = _verdict([operation], ("summary", "description"))
                self.emit(line, "spec-operation", qualname, verdict, SPEC_OPERATION_DESCRIPTION)


def _version(value: Any) -> tuple[int, int]:
    """Return ``(major, minor)`` of a spec version such as ``3.0.3``; ``(0, 0)`` if unreadable."""
    match = _VERSION.match(value) if isinstance(value, str) else None
    if match is None:
        return 0, 0
    return int(match.group(1)), int(match.group(2) or 0)


def _label(value: Any, fallback: str) -> str:
    """Return a name for a qualname: a non-empty string value, else ``fallback``.

    Only strings are used: formatting a mapping or list could expand shared aliases.
    """
    return value if isinstance(value, str) and value else fallback


def _is_index(token: str, length: int) -> bool:
    """Tell whether a JSON pointer token is an index within a sequence of ``length``."""
    return token.isascii() and token.isdigit() and len(token) <= 18 and int(token) < length
