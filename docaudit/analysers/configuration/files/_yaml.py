"""YAML without executing or expanding it: composing nodes under a budget, comments, leaves.

Shared by the generic YAML, Kubernetes, Helm values and compose readers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from docaudit.analysers.configuration.files._common import (
    _Collector,
    _comment_above,
    _inline,
    _join_comments,
)
from docaudit.errors import YamlTooDeepError

if TYPE_CHECKING:
    from yaml.nodes import Node

_NODE_BUDGET = 500_000  # YAML nodes visited per file before giving up (aliases count too)
MAX_YAML_DEPTH = 1_000  # libyaml (PyYAML 6.0.4 on) stops at the same depth by itself
"""Collections open at once that a YAML file may nest before it is refused: PyYAML's C
composer recurses on the C stack and crashes the process past about 20,000 levels (the
pure-Python one raises ``RecursionError`` sooner, which is reported too)."""

_YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_YAML_VALUE_TAIL = re.compile(r"\s*#(.*)")
_YAML_KEY_TAIL = re.compile(r"\s*:(?:\s+[&!*]\S*)*(?:\s+[|>][-+0-9]*)?\s+#(.*)")


class _BudgetExceeded(Exception):
    """Too many YAML nodes in one file."""


def check_yaml_depth(text: str, loader: type) -> None:
    """Raise ``YamlTooDeepError`` when ``text`` nests deeper than ``MAX_YAML_DEPTH``.

    Counted on the parser's events, which come from a loop with its own stack (never a
    recursion), and stopped at the first collection too deep, so a deep file costs only
    its first levels. Flow brackets, block indentation and compact ``- - -`` count alike.
    Text that does not parse is checked up to its error, which the composer then reports
    after the documents before it.
    """
    import yaml

    depth = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    raise YamlTooDeepError(
                        f"nested too deeply: over {MAX_YAML_DEPTH} levels"
                        f" at line {event.start_mark.line + 1}"
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as error:
        if "maximum nesting depth" in str(error.problem):  # libyaml's own limit, the same
            line = error.problem_mark.line + 1 if error.problem_mark else 1
            raise YamlTooDeepError(
                f"nested too deeply: over {MAX_YAML_DEPTH} levels at line {line}"
            ) from None
    except yaml.YAMLError:
        return


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
            check_yaml_depth(text, _compose_loader())
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
        except YamlTooDeepError as exc:
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
