"""Comments as @es-joy/jsdoccomment sees them: the token before a node, the JSDoc block
``findJSDocComment`` attaches to it, and the verdict on a block's text.

ESLint asks "which token comes before this node?"; here the answer is read from the
source bytes: skip whitespace backwards from the node's first byte and look at what
ends there (a comment, a ``(``, or another token).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tree_sitter import Node

from docaudit.analysers.python.docstrings import classify
from docaudit.model.symbols import EMPTY, MISSING, PLACEHOLDER

_SPACE = frozenset(b" \t\r\n\x0b\x0c")
_JSDOC = re.compile(r"\*\s")
_LEADING_STAR = re.compile(r"^[ \t]*\*?", re.MULTILINE)
_TAG = re.compile(r"^@(\w+)\s*(.*)", re.DOTALL)
_NAMED_TAGS = frozenset(
    {"param", "arg", "argument", "prop", "property", "template", "typedef", "callback"}
)
"""Tags whose first word after the type is a name, not text."""
_PARAM_NAME = re.compile(r"^(\[[^\]]*\]|\S+)\s*-?\s*")


@dataclass(frozen=True, slots=True)
class Token:
    """The token before a position: ``kind`` is ``block``, ``line``, ``(`` or ``other``;
    ``comment`` is the comment node for the first two; ``start``/``end`` its bytes and
    ``end_line`` its last line (0-based) for a comment or a ``(``."""

    kind: str
    comment: Node | None
    start: int
    end_line: int


class Comments:
    """A file's comments, indexed by where their text ends, with its source bytes."""

    def __init__(self, data: bytes, comments: list[Node]) -> None:
        """Index ``comments`` (all of a file's comment nodes) over ``data``."""
        self.data = data
        self.by_end: dict[int, Node] = {}
        for comment in comments:
            text = comment.text or b""
            self.by_end[comment.start_byte + len(text.rstrip())] = comment

    def line_of(self, offset: int) -> int:
        """Return the 0-based line of a byte offset."""
        return self.data.count(b"\n", 0, offset)

    def before(self, offset: int) -> Token:
        """Return the token that ends last before ``offset``, whitespace skipped."""
        data = self.data
        end = offset
        while end > 0 and data[end - 1] in _SPACE:
            end -= 1
        comment = self.by_end.get(end)
        if comment is not None:
            kind = "line" if (comment.text or b"").startswith(b"//") else "block"
            return Token(kind, comment, comment.start_byte, comment.end_point.row)
        if end > 0 and data[end - 1] == 0x28:
            return Token("(", None, end - 1, self.line_of(end - 1))
        return Token("other", None, end, -1)

    def comment_directly_before(self, offset: int) -> bool:
        """Tell whether a comment is the last thing before ``offset`` (ESLint's
        ``getCommentsBefore`` is not empty)."""
        return self.before(offset).kind in ("block", "line")

    def block_before(self, offset: int) -> bool:
        """Tell whether the token before ``offset``, skipping ``(``, is a block comment."""
        token = self.before(offset)
        while token.kind == "(":
            token = self.before(token.start)
        return token.kind == "block"

    def jsdoc(self, offset: int, line: int) -> Node | None:
        """Return the JSDoc block ``findJSDocComment`` finds for a node (or decorator)
        that starts at ``offset`` on 0-based ``line``: line comments in between are
        stepped over, one ``(`` may stand between, and the block must end on the node's
        line or the line above (jsdoc's default ``minLines`` 0, ``maxLines`` 1)."""
        paren_line: int | None = None
        while True:
            token = self.before(offset)
            if token.kind == "(":
                paren_line = token.end_line
                token = self.before(token.start)
            if token.kind == "line" and token.comment is not None:
                offset = token.start
                line = token.comment.start_point.row
                continue
            break
        if token.kind != "block" or token.comment is None:
            return None
        value = (token.comment.text or b"")[2:-2].decode("utf-8", "replace")
        if not _JSDOC.match(value):
            return None
        distance = line - (token.end_line if paren_line is None else paren_line)
        return token.comment if 0 <= distance <= 1 else None


def verdict(comment: Node | None, name: str) -> str:
    """Judge a JSDoc block as a docstring is judged: missing, empty, placeholder or ok.

    The block's markers and leading ``*`` are removed; a tag's name, type and (for
    ``@param`` and the like) parameter name are not text, so a block of only
    ``@param x`` lines is a placeholder.
    """
    if comment is None:
        return MISSING
    body = (comment.text or b"")[3:-2].decode("utf-8", "replace")
    lines = _LEADING_STAR.sub("", body).strip().splitlines()
    description: list[str] = []
    tags: list[list[str]] = []
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("@"):
            tags.append([stripped])
        elif tags:
            tags[-1].append(stripped)
        else:
            description.append(stripped)
    texts = ["\n".join(description).strip()] + [_tag_text("\n".join(tag)) for tag in tags]
    said = "\n".join(text for text in texts if text)
    if not said:
        return PLACEHOLDER if tags else EMPTY
    return classify(said, name)


def _tag_text(tag: str) -> str:
    """Return what a block tag says beyond its name, type and parameter name."""
    match = _TAG.match(tag)
    if match is None:
        return tag
    name, rest = match.groups()
    if rest.startswith("{"):
        depth = 0
        for index, char in enumerate(rest):
            depth += (char == "{") - (char == "}")
            if depth == 0:
                rest = rest[index + 1 :].lstrip()
                break
        else:
            rest = ""
    if name in _NAMED_TAGS:
        rest = _PARAM_NAME.sub("", rest, count=1)
    return rest.strip()
