"""Which Javadoc a Java declaration has, as Checkstyle 8.36 attaches it, and its verdict.

Checkstyle 8.36's ``FileContents.getJavadocBefore(line)`` works on lines, not on the
syntax tree: starting from the line above the declaration's first token (its first
annotation's, if any), it steps over blank lines and lines holding only a ``//``
comment, and the declaration has a Javadoc when a block comment ends on the line it
stops at and that comment's first line contains ``/**`` (but not ``/**/``). So a Javadoc
on the declaration's own line (``/** x */ void f()``) does not count, a Javadoc ending
on the line above counts even if code precedes it on that line, a ``/* */`` comment
between hides the Javadoc, and the first line of a file is never stepped over.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from docaudit.analysers import treesitter
from docaudit.analysers.python.docstrings import classify
from docaudit.model.symbols import EMPTY, MISSING, OK, PLACEHOLDER

_LINE_COMMENT = re.compile(r"[ \t\n\x0b\f\r]*//.*")
"""A line holding only a ``//`` comment: Checkstyle's ``^\\s*//.*$`` (Java's ASCII ``\\s``)."""
_NOT_JAVA_WHITESPACE = frozenset("\u00a0\u2007\u202f\x85")
"""Characters Python calls whitespace and Java's ``Character.isWhitespace`` does not."""
_LEADING_STARS = re.compile(r"^[ \t]*\*+ ?", re.MULTILINE)
_TAG = re.compile(r"^@(\w+)\s*(.*)$", re.DOTALL)
_TAGS_WITH_ARGUMENT = frozenset({"param", "throws", "exception", "serialField"})
"""Block tags whose first word is a name, not a description."""


class Javadocs:
    """The Javadocs of one file, found as Checkstyle 8.36 finds them (see the module)."""

    def __init__(self, text: str, comments: list[Node]) -> None:
        """Index the file's lines (``text``) and its block comments by their last line."""
        self.lines = [line.removesuffix("\r") for line in text.split("\n")]
        self.ends: dict[int, Node] = {}
        for comment in comments:
            first = self.lines[comment.start_point.row]
            if "/**" in first and "/**/" not in first:
                self.ends[comment.end_point.row] = comment

    def before(self, row: int) -> Node | None:
        """Return the Javadoc Checkstyle attaches to a declaration starting on ``row``
        (counted from 0), or ``None``."""
        index = row - 1
        while index > 0 and (self._blank(index) or _LINE_COMMENT.fullmatch(self.lines[index])):
            index -= 1
        return self.ends.get(index)

    def _blank(self, index: int) -> bool:
        """Tell whether a line is blank by Java's ``Character.isWhitespace``."""
        return all(c.isspace() and c not in _NOT_JAVA_WHITESPACE for c in self.lines[index])

    def verdict(self, row: int, name: str) -> str:
        """Return the doc verdict of the declaration called ``name`` starting on ``row``."""
        comment = self.before(row)
        return MISSING if comment is None else judge(treesitter.text(comment), name)


def judge(comment: str, name: str) -> str:
    """Return ``empty``, ``placeholder`` or ``ok`` for a Javadoc comment's text.

    The comment markers (``/**``, ``*/``, leading ``*``) are dropped; a comment of block
    tags alone whose tags say nothing (``@param x``, ``@return``) is a placeholder, and
    the description before the tags is judged as a Python docstring is
    (``docstrings.classify``: TODO notes, stubs, words that only restate the name).
    """
    body = comment.removeprefix("/**").removeprefix("/*").removesuffix("*/")
    body = _LEADING_STARS.sub("", body).strip()
    if not body:
        return EMPTY
    description, tags = _split_tags(body)
    if description:
        return classify(description, name)
    return OK if any(_tag_says_something(tag) for tag in tags) else PLACEHOLDER


def _split_tags(body: str) -> tuple[str, list[str]]:
    """Split a Javadoc body into its description and its block tags (each from ``@``)."""
    description: list[str] = []
    tags: list[str] = []
    for line in body.split("\n"):
        stripped = line.strip()
        if stripped.startswith("@"):
            tags.append(stripped)
        elif tags:
            tags[-1] += "\n" + stripped
        else:
            description.append(stripped)
    return "\n".join(description).strip(), tags


def _tag_says_something(tag: str) -> bool:
    """Tell whether a block tag has text beyond its name (and its argument's name)."""
    matched = _TAG.match(tag)
    if matched is None:
        return True
    words = matched.group(2).split(None, 1)
    if matched.group(1) in _TAGS_WITH_ARGUMENT:
        words = words[1:]
    return bool(words) and classify(" ".join(words), "") != PLACEHOLDER
