"""Find the comments that excuse a definition from documentation.

Three spellings are honoured so that a codebase migrating keeps its suppressions:
``# docaudit: ignore``, ruff/pydocstyle's ``# noqa: D10x`` (a bare ``# noqa`` is
usually about an import, so it does not count),
and docstr-coverage's ``# docstr-coverage:excused`` / ``:inherited``.
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass

_CANDIDATE = re.compile(
    r"#\s*(?:docaudit\s*:\s*ignore|noqa\s*:[^\n]*\bD1|docstr-coverage\s*:)", re.IGNORECASE
)
_INLINE = re.compile(
    r"#\s*(?:(?P<docaudit>docaudit\s*:\s*ignore)\b"
    r"|(?P<noqa>noqa)(?:\s*:\s*(?P<codes>[A-Z0-9, ]+))?)",
    re.IGNORECASE,
)
_EXCUSED = re.compile(r"#\s*docstr-coverage\s*:\s*(excused|inherited)\b", re.IGNORECASE)
_DOC_CODE = re.compile(r"^D1(0[0-7])?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Comment:
    """A comment's text and whether it stands alone on its line."""

    text: str
    alone: bool


def comments_by_line(text: str) -> dict[int, Comment]:
    """Return the source's comments by line number, or nothing when none can be a pragma."""
    if _CANDIDATE.search(text) is None:
        return {}
    found: dict[int, Comment] = {}
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT:
                alone = not token.line[: token.start[1]].strip()
                found[token.start[0]] = Comment(token.string, alone)
    except (tokenize.TokenError, SyntaxError, ValueError):
        return _comments_by_regex(text)
    return found


def _comments_by_regex(text: str) -> dict[int, Comment]:
    """Find comment-like text line by line, for source the tokenizer rejects."""
    found: dict[int, Comment] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        index = line.find("#")
        if index >= 0:
            found[number] = Comment(line[index:], not line[:index].strip())
    return found


def pragma_for(
    comments: dict[int, Comment], first_line: int, def_line: int, last_line: int
) -> str | None:
    """Return the pragma that excuses a definition, or ``None``.

    ``first_line`` is its first decorator (or ``def``/``class``) line and
    ``def_line`` to ``last_line`` its signature. An inline pragma may stand on
    any signature line; docstr-coverage's stands alone on the line above.
    """
    if not comments:
        return None
    for line in range(def_line, last_line + 1):
        comment = comments.get(line)
        if comment is not None:
            inline = _inline_pragma(comment.text)
            if inline:
                return inline
    above = comments.get(first_line - 1)
    if above is not None and above.alone and _EXCUSED.search(above.text):
        return "docstr-coverage"
    return None


def module_pragma(comments: dict[int, Comment]) -> str | None:
    """Return the pragma that excuses a module: one on its first line."""
    comment = comments.get(1)
    if comment is None:
        return None
    return _inline_pragma(comment.text)


def _inline_pragma(text: str) -> str | None:
    """Return which inline pragma a comment holds, if any."""
    match = _INLINE.search(text)
    if match is None:
        return None
    if match.group("docaudit"):
        return "docaudit"
    codes = match.group("codes") or ""
    if any(_DOC_CODE.match(code) for code in re.split(r"[,\s]+", codes) if code):
        return "noqa"
    return None
