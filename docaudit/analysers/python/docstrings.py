"""Judge a docstring: missing, empty, a placeholder, or real documentation."""

from __future__ import annotations

import re

from docaudit.model.symbols import EMPTY, MISSING, OK, PLACEHOLDER

_PLACEHOLDER_START = re.compile(r"^\W*(todo|fixme|tbd|xxx)\b", re.IGNORECASE)
_EDITOR_STUB = re.compile(
    r"^\W*(_summary_|_description_|_type_|_explanation_|\[summary\]|\[description\]"
    r"|summary|description|docstring)\W*$",
    re.IGNORECASE,
)
_ONLY_PUNCTUATION = re.compile(r"^[\W_]*$")
_WORD = re.compile(r"[a-z0-9]+")
_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_FILLER_WORDS = frozenset({"a", "an", "the", "this", "of", "for", "to"})


def classify(docstring: str | None, name: str) -> str:
    """Return ``missing``, ``empty``, ``placeholder`` or ``ok`` for a definition's docstring.

    A placeholder is a TODO/FIXME/TBD/XXX note, a lone ``...`` or other punctuation,
    an editor stub such as ``_summary_``, or a one-line docstring whose words only
    restate the name (``def get_user(): "Get user."``).
    """
    if docstring is None:
        return MISSING
    text = docstring.strip()
    if not text:
        return EMPTY
    if _ONLY_PUNCTUATION.match(text) or _PLACEHOLDER_START.match(text):
        return PLACEHOLDER
    if _EDITOR_STUB.match(text) or _restates(text, name):
        return PLACEHOLDER
    return OK


def _restates(text: str, name: str) -> bool:
    """Tell whether a one-line docstring says nothing but the words of ``name``."""
    if "\n" in text:
        return False
    said = set(_WORD.findall(text.lower())) - _FILLER_WORDS
    named = set(_WORD.findall(_CAMEL_BOUNDARY.sub(" ", name).replace("_", " ").lower()))
    return bool(said) and said <= named
