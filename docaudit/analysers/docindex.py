"""The repository's documentation, read once, for finding the names that it documents.

The doc files are every ``README*``, every Markdown, reStructuredText and AsciiDoc
file, and the text files under a ``docs`` folder; changelogs, release notes (also a
``releases``, ``changes`` or ``whatsnew`` folder) and licences are left out: a name
mentioned only in release notes is not documented. A name is found as a whole
token: ``DATABASE_URL`` is not found in ``OLD_DATABASE_URL``; a dotted key such as
``server.port`` is found as written.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

_MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+([^\n]*)$", re.MULTILINE)
_ASCIIDOC_HEADING = re.compile(r"^={1,6}[ \t]+(?=[^\n]*\w)([^\n]*)$", re.MULTILINE)
_UNDERLINE = re.compile(r"(?:={3,}|-{3,}|~{3,}|\^{3,}|\*{3,}|\+{3,}|#{3,})[ \t]*$", re.MULTILINE)
"""The line under a Markdown setext or reStructuredText title (at the start of a line)."""
_NEXT_UNDERLINE = re.compile(r"\n(" + _UNDERLINE.pattern + ")", re.MULTILINE)
"""An underline after a line break: a pattern that starts with a character is looked for
by the regular expression engine at that character only, where one that starts with
``^`` is tried at every offset (django's docs: 26 -> 12 ms)."""
_MARKDOWN_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})", re.MULTILINE)
_ASCIIDOC_DELIMITER = re.compile(
    r"^(-{4,}|\.{4,}|={4,}|\*{4,}|\+{4,}|_{4,}|/{4,})[ \t]*$", re.MULTILINE
)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_PROBES = 64
"""Up to this many names, a file is first tested for each as a plain substring."""
_ENV_HEADING = re.compile(
    r"(?<![A-Za-z0-9_])(?:environment|env|env[ _-]?vars?|variables?)(?![A-Za-z0-9_])",
    re.IGNORECASE,
)
_ENV_NAME = re.compile(r"(?<![A-Za-z0-9_$])([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)(?![A-Za-z0-9_])")
_ASSIGNMENT = re.compile(
    r"(?:^|(?<=[\s`'\"(;$]))(?:export\s+|set\s+-x\s+|setenv\s+|\$env:)?"
    r"([A-Z][A-Z0-9_]+)(?:=(?![=\s])|(?<=[a-z\s])\s+(?=\S))",
)
_ASSIGNMENT = re.compile(
    r"(?:^|(?<=[\s`'\"(;]))(export\s+)?([A-Z][A-Z0-9_]{2,})=(?![=\s]|(?:True|False|None)\b)"
    r"|(?:^|(?<=[\s`'\"(;]))(?:set\s+-x|setenv)\s+([A-Z][A-Z0-9_]{2,})\s"
    r"|\$env:([A-Z][A-Z0-9_]{2,})\s*=",
    re.MULTILINE,
)
"""Shell and ``.env`` syntax: ``X=1``, ``export X=1``, fish ``set -x X 1``, csh
``setenv X 1``, PowerShell ``$env:X = 1`` (names of three characters or more: ``CN=``
of an LDAP name is none; a Python ``X=True`` is none)."""
_EXPANSION = re.compile(r"\$\{?([A-Z][A-Z0-9_]*)(?![A-Za-z0-9_])")
"""A shell expansion of a variable: ``$X``, ``${X}``."""
_CALLED_ENV = re.compile(r"env(?:ironment)?[ _-]?var", re.IGNORECASE)
_NAMED_ENV = re.compile(
    r"(?<![A-Za-z0-9_$])(?P<name>[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)[`'\"*)\]]*[ \t]+"
    r"(?i:env(?:ironment)?[ _-]?var)"
    r"|(?i:env(?:ironment)?[ _-]?var)[a-z]*[ \t]+(?:(?:named|called|like|such as)[ \t]+)?"
    r"[`'\"*(\[]*(?P<name2>[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)(?![A-Za-z0-9_])"
)
"""A name called an environment variable next to it: "the ``FLASK_DEBUG`` environment
variable", "the environment variable ``X``", "environment variables like ``X``"."""
_EQUALS_AFTER_NAME = re.compile(r"=(?<=[A-Z0-9_]=)")
"""An ``=`` after a capital, digit or underscore (looked for at each ``=`` only)."""
_NAME_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_CALLED_ENV_AT = re.compile(r"env(?:ironment)?[ _-]?var", re.IGNORECASE)
"""Where a name can be called an environment variable (``_NAMED_ENV``)."""
_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_$")
_TABLE_HEADER = re.compile(r"^\s*\|[^\n]*\b(?:variables?|env|environment)\b[^\n]*\|", re.I | re.M)
_STATED = re.compile(r"default|required|optional|mandatory", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Mention:
    """Where a name appears in the docs, and whether its default or need is stated there.

    ``stated`` is true when the mention's line (or the next, unless that starts another
    list item or table row) says "default", "required", "optional" or "mandatory".
    """

    path: str
    line: int
    stated: bool

    @property
    def site(self) -> str:
        """Return ``path:line``."""
        return f"{self.path}:{self.line}"


class DocIndex:
    """The text of every doc file, searched for many names at a time."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        """Index ``texts``: each doc file's path and decoded text.

        HTML comments (``<!-- ... -->``) are blanked out: what they hold is not shown.
        Windows line endings are read as plain line breaks.
        """
        self.texts = {
            path: _without_comments(texts[path]).replace("\r\n", "\n") for path in sorted(texts)
        }
        self._lines: dict[str, list[str]] = {}
        self._starts: dict[str, list[int]] = {}
        self._env_vars: dict[str, Mention] | None = None

    def find(self, names: Iterable[str], ignore_case: bool = False) -> dict[str, list[Mention]]:
        """Return where each of ``names`` is mentioned as a whole token, in path and line order.

        With ``ignore_case`` the names are matched in any case and keyed upper-cased.
        Files that hold none of the names (a plain substring test) are not searched.
        """
        wanted = sorted({n for n in names if n}, key=lambda n: (-len(n), n))
        found: dict[str, list[Mention]] = {}
        if not wanted or not self.texts:
            return found
        alternation = "|".join(re.escape(name) for name in wanted)
        pattern = re.compile(
            rf"(?<![A-Za-z0-9_])(?:{alternation})(?![A-Za-z0-9_])",
            re.IGNORECASE if ignore_case else 0,
        )
        probes = [n.lower() for n in wanted] if ignore_case else wanted
        for path, text in self.texts.items():
            haystack = text.lower() if ignore_case else text
            if len(probes) <= _PROBES and not any(probe in haystack for probe in probes):
                continue
            for match in pattern.finditer(text):
                line = self._line_of(path, match.start())
                key = match.group(0).upper() if ignore_case else match.group(0)
                found.setdefault(key, []).append(Mention(path, line, self._stated(path, line)))
        return found

    def env_var_names(self) -> dict[str, Mention]:
        """Return the names the docs present as environment variables, each at its first
        mention.

        A name is presented as one in shell or ``.env`` syntax (``export X=1``,
        ``X=1 run``, ``set -x X 1``, ``$env:X = 1``), called an environment variable
        next to it ("the ``X`` environment variable"), in a section whose heading says
        environment, env vars or variables (or whose first paragraph calls what follows
        environment variables), or in a Markdown table whose header names a variable or
        env column.
        A "Configuration" or "Settings" section alone presents settings: a framework's
        ``SECRET_KEY`` listed there is a config key, not a variable. A ``#`` line inside a
        fenced code block is not a heading.
        """
        if self._env_vars is not None:
            return self._env_vars
        names: dict[str, Mention] = {}
        for path, text in self.texts.items():
            for offset, name in sorted(set(_presented(path, text))):
                if name not in names:
                    line = self._line_of(path, offset)
                    names[name] = Mention(path, line, self._stated(path, line))
        self._env_vars = names
        return names

    def _line_of(self, path: str, offset: int) -> int:
        """Return the 1-based line of a character offset in a doc file."""
        starts = self._starts.get(path)
        if starts is None:
            text = self.texts[path]
            starts = [0] + [m.end() for m in re.finditer("\n", text)]
            self._starts[path] = starts
        return bisect_right(starts, offset)

    def _stated(self, path: str, line: int) -> bool:
        """Tell whether the line (or the next, in the same item) states a default or a need."""
        lines = self._lines.get(path)
        if lines is None:
            lines = self._lines[path] = self.texts[path].split("\n")
        here = lines[line - 1 : line + 1]
        if len(here) == 2 and here[1].lstrip().startswith(("-", "*", "|", "+")):
            here = here[:1]
        return any(_STATED.search(text) for text in here)


def _presented(path: str, text: str) -> Iterator[tuple[int, str]]:
    """Yield (offset, name) for each name ``text`` presents as an environment variable."""
    expanded = set(_EXPANSION.findall(text)) if "$" in text else set()
    for match in _matches_from(_ASSIGNMENT, text, _assignment_starts(text)):
        plain = match.group(2)
        local = plain in expanded and _shell_local(text, match)
        if plain and (local or _keyword_argument(text, match.end())):
            continue
        name = plain or match.group(3) or match.group(4)
        yield match.start(match.lastindex or 1), name
    for match in _matches_from(_NAMED_ENV, text, _named_env_starts(text)):
        group = "name" if match.group("name") else "name2"
        yield match.start(group), match.group(group)
    for start, end, heading in _sections(path, text):
        if _ENV_HEADING.search(heading) or _CALLED_ENV.search(_first_paragraph(text, start, end)):
            for match in _ENV_NAME.finditer(text, start, end):
                if text[max(match.start() - 2, 0) : match.start()] not in ('["', "['"):
                    yield match.start(1), match.group(1)
    for header in _TABLE_HEADER.finditer(text) if "|" in text else ():
        end = header.end()
        while True:
            next_end = text.find("\n", end + 1)
            row = text[end + 1 : len(text) if next_end < 0 else next_end]
            if not row.lstrip().startswith("|"):
                break
            for match in _ENV_NAME.finditer(row):
                yield end + 1 + match.start(1), match.group(1)
            if next_end < 0:
                break
            end = next_end


def _matches_from(
    pattern: re.Pattern[str], text: str, starts: Iterable[int]
) -> Iterator[re.Match[str]]:
    """Yield what ``pattern.finditer(text)`` yields, trying the pattern only at ``starts``:
    every offset it can match at, among others (``match`` at an offset sees the text
    before it, as the scan does).

    A pattern that opens with a look-behind is tried by ``finditer`` at every offset of
    a doc file; the docs of a large project (django's: 4.6 MB) took 0.9 s so.
    """
    end = 0
    for start in sorted(set(starts)):
        if start < end:
            continue
        match = pattern.match(text, start)
        if match is not None:
            end = match.end()
            yield match


def _assignment_starts(text: str) -> Iterator[int]:
    """Yield every offset ``_ASSIGNMENT`` can match at: a name of three or more capitals,
    digits and underscores before ``=`` (or the ``export`` before it), ``set``, ``$env:``.
    """
    for start in _names_before_equals(text):
        spaced = start
        yield start
        while spaced > 0 and text[spaced - 1].isspace():
            spaced -= 1
        if spaced < start and text.endswith("export", 0, spaced):
            yield spaced - len("export")
    yield from _offsets(text, "set")
    yield from _offsets(text, "$env:")


def _names_before_equals(text: str) -> Iterator[int]:
    """Yield where ``[A-Z][A-Z0-9_]{2,}=`` matches in ``text`` (the starts ``finditer``
    gives): before each ``=``, the first capital of the run of capitals, digits and
    underscores that ends there, if two of the run follow it. The pattern itself, which
    opens with a class, is tried at every offset (django's docs: 28 ms; this, 4 ms)."""
    for found in _EQUALS_AFTER_NAME.finditer(text):
        end = start = found.start()
        while start > 0 and text[start - 1] in _NAME_CHARACTERS:
            start -= 1
        for offset in range(start, end - 2):
            if "A" <= text[offset] <= "Z":
                yield offset
                break


def _named_env_starts(text: str) -> Iterator[int]:
    """Yield every offset ``_NAMED_ENV`` can match at: each mention of an environment
    variable, and the start of the word before it (past spaces and closing marks)."""
    lowered = text.lower()
    if len(lowered) == len(text):  # no letter lowers to two: offsets are the same
        mentions: Iterable[int] = (
            at for at in _offsets(lowered, "env") if _CALLED_ENV_AT.match(text, at)
        )
    else:
        mentions = (found.start() for found in _CALLED_ENV_AT.finditer(text))
    for start in mentions:
        yield start
        before = start
        while before > 0 and text[before - 1] in " \t":
            before -= 1
        while before > 0 and text[before - 1] in "`'\"*)]":
            before -= 1
        while before > 0 and (text[before - 1] in _WORD_CHARS):
            before -= 1
        yield before


def _offsets(text: str, needle: str) -> Iterator[int]:
    """Yield each offset of ``needle`` in ``text``."""
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1)


def _keyword_argument(text: str, value_start: int) -> bool:
    """Tell whether ``X=`` ending at ``value_start`` is a Python keyword argument, not shell:
    its line ends with a comma, the next line closes a call, or the value calls something
    (``X=dict(``; a shell ``$(...)`` is no call)."""
    end = text.find("\n", value_start)
    rest = text[value_start : len(text) if end < 0 else end].rstrip()
    following = "" if end < 0 else _line_at(text, end + 1, end + 1)
    calls = re.search(r"(?<![$\s])\(", rest.split(" ", 1)[0]) is not None
    return rest.endswith(",") or following.lstrip().startswith(")") or calls


def _shell_local(text: str, match: re.Match[str]) -> bool:
    """Tell whether ``X=value`` of a name the text expands (``$X``), alone on its line and
    not exported, is a variable of the instructions' own shell (``NEWVER=4.5.0`` then
    ``wget .../v$NEWVER.tar.gz``)."""
    line = _line_at(text, match.start(), match.end()).strip()
    return not match.group(1) and " " not in line.removeprefix("$ ")


def _line_at(text: str, start: int, end: int) -> str:
    """Return the text of the line(s) holding ``text[start:end]``."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    return text[first : len(text) if last < 0 else last]


def _first_paragraph(text: str, start: int, end: int) -> str:
    """Return the first paragraph of a section body (up to its first blank line)."""
    body = text[start:end].lstrip("\n")
    return body.split("\n\n", 1)[0]


def _without_comments(text: str) -> str:
    """Return ``text`` with each HTML comment's characters but its line breaks as spaces."""
    if "<!--" not in text:
        return text
    return _HTML_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def _sections(path: str, text: str) -> list[tuple[int, int, str]]:
    """Split a doc file into sections: (start, end) offsets of each body and its heading.

    Headings are read as the file's markup writes them: Markdown ``#`` lines and
    setext titles, outside fenced code; AsciiDoc ``=`` titles, outside delimited
    blocks; reStructuredText (and text) underlined titles. The text before the first
    heading is a section with an empty heading.
    """
    lowered = path.lower()
    if lowered.endswith(".adoc"):
        found = _matches(_ASCIIDOC_HEADING, text)
        blocks = _blocks(text, _ASCIIDOC_DELIMITER)
    elif lowered.endswith(".rst") or lowered.endswith(".txt"):
        found, blocks = _underlined(text), []
    else:
        found = _matches(_MARKDOWN_HEADING, text) + _underlined(text)
        blocks = _blocks(text, _MARKDOWN_FENCE)
    headings = sorted(h for h in found if not any(a <= h[0] < b for a, b in blocks))
    sections = []
    body_start, title = 0, ""
    for start, end, heading in headings:
        sections.append((body_start, start, title))
        body_start, title = end, heading
    sections.append((body_start, len(text), title))
    return sections


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, str]]:
    """Return each one-line heading a pattern finds: its offsets and title."""
    return [(m.start(), m.end(), m.group(1)) for m in pattern.finditer(text)]


def _underlined(text: str) -> list[tuple[int, int, str]]:
    """Return each title underlined by a line of ``=``, ``-``, ``~``... at least as long."""
    found = []
    for start, end, line in _underlines(text):
        title_end = start - 1
        title_start = text.rfind("\n", 0, max(title_end, 0)) + 1
        title = text[title_start:title_end].rstrip()
        underline = line.rstrip()
        if (
            title.strip()
            and title.lstrip()[0] not in "=~^*+#-["
            and len(underline) >= min(len(title), 3)
        ):
            found.append((title_start, end, title))
    return found


def _underlines(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield the offsets and text of each line ``_UNDERLINE`` matches, as a multiline
    ``^`` before it would find them: the first line, then each after a line break."""
    first = _UNDERLINE.match(text)
    if first is not None:
        yield first.start(), first.end(), first.group(0)
    for match in _NEXT_UNDERLINE.finditer(text):
        yield match.start(1), match.end(1), match.group(1)


def _blocks(text: str, delimiter: re.Pattern[str]) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of the fenced or delimited blocks: a block ends at
    the next delimiter of the same character, at least as long."""
    blocks = []
    opened: tuple[int, str] | None = None
    for match in delimiter.finditer(text):
        mark = match.group(1)
        if opened is None:
            opened = (match.start(), mark)
        elif mark[0] == opened[1][0] and len(mark) >= len(opened[1]):
            blocks.append((opened[0], match.end()))
            opened = None
    if opened is not None:
        blocks.append((opened[0], len(text)))
    return blocks
