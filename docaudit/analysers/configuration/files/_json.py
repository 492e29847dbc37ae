"""Readers of JSON: config keys with their lines, leaves of parsed data, JSON Schema text."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from typing import Any

from docaudit.analysers.configuration.files._common import _Collector, _decode

_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:]')
TOO_MANY_DIGITS = f"a number of over {sys.get_int_max_str_digits():,} digits"
"""Why a file with an integer past Python's digit limit (4,300 by default) is not read."""


def _analyse_json(text: str, out: _Collector) -> None:
    """JSON: every leaf key (no comments possible), lines from a token scan."""
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as exc:
        out.error(exc.lineno, f"invalid JSON: {exc.msg}")
        return
    except ValueError:  # the only other one: an integer past Python's digit limit
        out.error(None, f"invalid JSON: {TOO_MANY_DIGITS}")
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
