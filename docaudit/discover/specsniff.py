"""Tell an OpenAPI, Swagger or AsyncAPI file from its first bytes, without a YAML parser.

Kept apart from ``analysers.apis.openapi`` so that sorting a repository's YAML and JSON files
never costs the import of PyYAML when none of them is a spec.
"""

from __future__ import annotations

import re

SNIFF_BYTES = 4096
SPEC_KEYS = ("openapi", "swagger", "asyncapi")

_YAML_SPEC_KEY = re.compile(r"^[\"']?(?:openapi|swagger|asyncapi)[\"']?[ \t]*:(?:\s|$)", re.M)
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:]')


def is_spec(data: bytes) -> bool:
    """Tell whether a YAML or JSON file's first bytes show a top-level spec key."""
    text = data[:SNIFF_BYTES].decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    if text.startswith("{"):
        return _json_has_spec_key(text)
    return _YAML_SPEC_KEY.search(text) is not None


def _json_has_spec_key(text: str) -> bool:
    """Tell whether a JSON object's own keys (depth 1) include a spec key."""
    depth = 0
    tokens = [match.group() for match in _JSON_TOKEN.finditer(text)]
    for token, following in zip(tokens, [*tokens[1:], ""], strict=True):
        if token in "{[":
            depth += 1
        elif token in "}]":
            depth -= 1
        elif depth == 1 and following == ":" and token.strip('"') in SPEC_KEYS:
            return True
    return False
