"""Escaping for every output: one function per target syntax, which every renderer imports.

Every name in a report (file names, symbols, authors and emails from git history, config
keys, endpoint paths, messages that quote them) comes from the audited repository, which
may be a stranger's pull request. A normal name comes out byte-identical; only the
characters that would let a name become syntax are changed:

- ``printable``: one line of a terminal or a CI log. Control characters (C0, DEL, C1, the
  Unicode line and paragraph separators, bidirectional overrides) become ``\\n``, ``\\r``,
  ``\\t``, ``\\xNN`` or ``\\uNNNN``; undecodable file-name bytes ``\\xNN``. A GitHub Actions
  runner reads ``::command::`` at the start of a line (after white space) and the legacy
  ``##[command]`` anywhere in one, so a name's leading ``:`` becomes ``\\x3a`` and the
  ``[`` of ``##[`` becomes ``\\x5b``.
- ``escape_data`` and ``escape_property``: a GitHub workflow command's message and
  property values, percent-encoded as the runner decodes them.
- ``json_text``: a JSON document that may be printed to a CI log; ``##[`` in a string is
  written ``##\\u005b``, which decodes to the same data.
- ``markdown_text`` and ``markdown_code``: CommonMark and GitHub Flavored Markdown, as text
  or as a code span, inside a table cell or not.
- ``uri_reference``: a path as an RFC 3986 relative reference (SARIF).
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# A backslash before ASCII punctuation or at the end (the next piece may be punctuation);
# what can open markup; the `:` of `scheme://` and the `.` of `www.` (GFM autolinks).
_MARKDOWN = re.compile(
    r"\\(?=[!-/:-@\[-`{-~]|\Z)|[`*_\[\]<&|~$#@]|:(?=//)|(?<=www)\.", re.IGNORECASE
)
# At a block's start: a quote; a list marker, thematic break or setext underline (a marker
# then white space, or only more of it); an ordered-list number; a space.
_BLOCK_START = re.compile(r"^(?:(>|([-+=])(?=\s|$|\2+\s*$))|(\d+)([.)])(?=\s|$)| )")
_PATH_SAFE = "/!$&'()*+,;=@"


def printable(text: str) -> str:
    """Return ``text`` safe on one line of a terminal or a CI log (see the module's doc)."""
    text = _decoded(text)
    text = _CONTROL.sub(_control_escape, text)
    if "##[" in text:
        text = text.replace("##[", "##\\x5b")
    stripped = text.lstrip()
    if stripped.startswith(":"):
        text = text[: len(text) - len(stripped)] + "\\x3a" + stripped[1:]
    return text


def _decoded(text: str) -> str:
    """Return text with undecodable file-name bytes (surrogate escapes) as ``\\xNN``."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # a lone surrogate from text, not from a file name
            return text.encode("utf-8", "backslashreplace").decode("utf-8")
        return raw.decode("utf-8", "backslashreplace")
    return text


def _control_escape(match: re.Match[str]) -> str:
    """Return the visible escape of one control character."""
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_data(text: str) -> str:
    """Escape a GitHub workflow command's message (``%``, carriage return, newline)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value (the message's escapes, ``:`` and ``,``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def json_text(document: Any) -> str:
    """Return a document as indented JSON with a trailing newline, safe in a CI log."""
    # '#' only occurs inside JSON strings, where \u005b decodes to the same '['.
    return json.dumps(document, indent=2, allow_nan=False).replace("##[", "##\\u005b") + "\n"


def markdown_text(text: str, starts_block: bool = True) -> str:
    """Return a name as Markdown that shows exactly its ``printable`` text, inline, in a
    table cell or (unless not ``starts_block``) at the start of a block: no link, image,
    HTML, emphasis, code, heading, list, quote or autolink can come from it."""
    text = _MARKDOWN.sub(_markdown_escape, printable(text))
    return _BLOCK_START.sub(_block_escape, text, count=1) if starts_block else text


def _markdown_escape(match: re.Match[str]) -> str:
    """Backslash-escape one character, except an ``_`` between letters (never emphasis)."""
    char, text, at = match.group(), match.string, match.start()
    inside = 0 < at < len(text) - 1 and text[at - 1].isalnum() and text[at + 1].isalnum()
    return char if char == "_" and inside else "\\" + char


def _block_escape(match: re.Match[str]) -> str:
    """Escape what would start a list, quote, setext underline or indented code block at a
    block's start (a leading space as a character reference, which indents nothing)."""
    marker, _, number, closer = match.groups()
    if marker:
        return "\\" + marker
    return f"{number}\\{closer}" if number else "&#32;"


def markdown_code(text: str, table: bool = False) -> str:
    """Return a name as a Markdown code span showing exactly its ``printable`` text; in a
    ``table`` cell its pipes are escaped (GFM unescapes ``\\|`` even in code)."""
    text = printable(text)
    if not text:
        return ""
    fence = "`" * (max(map(len, re.findall("`+", text)), default=0) + 1)
    if text.startswith("`") or text.endswith("`") or (text[:1] == text[-1:] == " " != text):
        text = f" {text} "
    if table:
        text = text.replace("|", "\\|")
    return f"{fence}{text}{fence}"


def uri_reference(path: str) -> str:
    """Return a relative path as an RFC 3986 relative reference: percent-encoded UTF-8
    (undecodable bytes kept as they were), ``:`` always encoded so that no first segment
    reads as a scheme; ``urllib.parse.unquote(uri, errors="surrogateescape")`` gives the
    path back."""
    return quote(path.encode("utf-8", "surrogateescape"), safe=_PATH_SAFE)
