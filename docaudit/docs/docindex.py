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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

_NOT_DOCS = (
    "changelog",
    "changes",
    "history",
    "news",
    "release-notes",
    "release_notes",
    "releasenotes",
    "license",
    "licence",
    "copying",
)
_NOT_DOC_FOLDERS = frozenset({"changelog", "changes", "releases", "release-notes", "whatsnew"})
_DOC_SUFFIXES = (".md", ".markdown", ".rst", ".adoc")
_HEADING = re.compile(r"^(?:#{1,6}\s+(.*)|=+\s+(.*))$")
_UNDERLINE = re.compile(r"^(?:=+|-+|~+|\^+|\*+|\++|#+)\s*$")
_CONFIG_HEADING = re.compile(r"config|environment|settings|variables|options", re.IGNORECASE)
_ENV_NAME = re.compile(r"(?<![A-Za-z0-9_$])([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)(?![A-Za-z0-9_])")
_SPEAKS_OF_ENV = re.compile(r"env|variable", re.IGNORECASE)
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


def is_doc_file(path: str) -> bool:
    """Tell whether a repository file is documentation, from its path."""
    directory, _, name = path.rpartition("/")
    lowered = name.lower()
    folders = directory.lower().split("/")
    if lowered.startswith(_NOT_DOCS) or _NOT_DOC_FOLDERS.intersection(folders):
        return False
    if lowered.startswith("readme") or lowered.endswith(_DOC_SUFFIXES):
        return True
    in_docs = any(part in ("doc", "docs") for part in folders)
    return in_docs and lowered.endswith(".txt")


class DocIndex:
    """The text of every doc file, searched for many names in one pass per file."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        """Index ``texts``: each doc file's path and decoded text."""
        self.texts = dict(sorted(texts.items()))
        self._lines = {path: text.splitlines() for path, text in self.texts.items()}
        self._starts: dict[str, list[int]] = {}

    @property
    def paths(self) -> list[str]:
        """Return the doc files, sorted."""
        return list(self.texts)

    def find(self, names: Iterable[str], ignore_case: bool = False) -> dict[str, list[Mention]]:
        """Return where each of ``names`` is mentioned as a whole token, in path and line order.

        With ``ignore_case`` the names are matched in any case and keyed upper-cased.
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
        for path, text in self.texts.items():
            lines = self._lines[path]
            for match in pattern.finditer(text):
                line = self._line_of(path, match.start())
                key = match.group(0).upper() if ignore_case else match.group(0)
                found.setdefault(key, []).append(Mention(path, line, self._stated(lines, line)))
        return found

    def configuration_names(self) -> dict[str, Mention]:
        """Return the environment-variable-shaped names listed in configuration sections.

        A section is about configuration when its heading says configuration,
        environment, settings, variables or options, and it speaks of environment
        variables (its heading or text says "env" or "variable"): a Django app's
        "Settings" section lists settings, not variables. A ``#`` line inside a fenced
        code block is not a heading. Each name keeps its first mention.
        """
        names: dict[str, Mention] = {}
        for path, lines in self._lines.items():
            for heading, body in _sections(lines):
                if not _CONFIG_HEADING.search(heading):
                    continue
                text = heading + "\n" + "\n".join(lines[i - 1] for i in body)
                if not _SPEAKS_OF_ENV.search(text):
                    continue
                for number in body:
                    for match in _ENV_NAME.finditer(lines[number - 1]):
                        names.setdefault(
                            match.group(1), Mention(path, number, self._stated(lines, number))
                        )
        return names

    def _line_of(self, path: str, offset: int) -> int:
        """Return the 1-based line of a character offset in a doc file."""
        starts = self._starts.get(path)
        if starts is None:
            text = self.texts[path]
            starts = [0] + [m.end() for m in re.finditer("\n", text)]
            self._starts[path] = starts
        return bisect_right(starts, offset)

    @staticmethod
    def _stated(lines: list[str], line: int) -> bool:
        """Tell whether the line (or the next, in the same item) states a default or a need."""
        here = lines[line - 1 : line + 1]
        if len(here) == 2 and here[1].lstrip().startswith(("-", "*", "|", "+")):
            here = here[:1]
        return any(_STATED.search(text) for text in here)


def _sections(lines: list[str]) -> list[tuple[str, list[int]]]:
    """Split a doc file into (heading, line numbers of its body) sections; the text
    before the first heading is a section with an empty heading."""
    sections: list[tuple[str, list[int]]] = [("", [])]
    fenced = False
    for index, text in enumerate(lines):
        if text.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        heading = None if fenced else _heading(lines, index)
        if heading is not None:
            sections.append((heading, []))
        else:
            sections[-1][1].append(index + 1)
    return sections


def _heading(lines: list[str], index: int) -> str | None:
    """Return the heading text if line ``index`` is a Markdown, AsciiDoc or RST heading."""
    text = lines[index]
    match = _HEADING.match(text)
    if match:
        return match.group(1) or match.group(2)
    following = lines[index + 1] if index + 1 < len(lines) else ""
    if text.strip() and _UNDERLINE.match(following) and len(following.strip()) >= 3:
        return text
    return None
