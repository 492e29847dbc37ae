"""Sort files into classes the way GitHub Linguist does: product code and everything else.

A file is ``product`` unless a rule says otherwise: its path (vendored, documentation,
examples, tests, tooling, generated), then, for a file its path leaves as product, the
first ``HEAD_BYTES`` of its content (the header a code generator writes). The
``.gitattributes`` attributes ``linguist-generated``, ``linguist-vendored`` and
``linguist-documentation`` override both, as in Linguist. The rules are data below,
each with its source; docs/file-classes.md lists them.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from docaudit.git import commands

FILE_CLASSES = (
    "product",
    "tests",
    "generated",
    "vendored",
    "documentation",
    "examples",
    "tooling",
)
"""Every class a file can have; ``module_class`` breaks ties in this order."""

HEAD_BYTES = 1024
"""How much of a file the content markers look at."""

# Which linguist-* attribute speaks for a class: setting it to false turns off the
# class's rules (examples are documentation in Linguist's documentation.yml, tooling
# is vendored in its vendor.yml); tests is docaudit's own class, with no attribute.
_FAMILY = {
    "generated": "generated",
    "vendored": "vendored",
    "tooling": "vendored",
    "documentation": "documentation",
    "examples": "documentation",
}

_DJANGO_MIGRATION = r"(^|/)migrations/\d{4}_[^/]*\.py$"
_LINGUIST = "https://github.com/github-linguist/linguist/blob/main/lib/linguist/"
VENDOR_YML = _LINGUIST + "vendor.yml"
DOCUMENTATION_YML = _LINGUIST + "documentation.yml"
GENERATED_RB = _LINGUIST + "generated.rb"
DOCAUDIT = "docaudit"


@dataclass(frozen=True, slots=True)
class PathRule:
    """A path pattern (a regular expression searched in the path) and the class it gives."""

    file_class: str
    pattern: str
    source: str


def _rules(file_class: str, source: str, *patterns: str) -> list[PathRule]:
    """Return one rule per pattern, all of one class and source."""
    return [PathRule(file_class, pattern, source) for pattern in patterns]


# Ported from Linguist (commit b45dbe9, 2026-08-20) as written there; the subset that
# can name source files of the languages docaudit reads or will read (Python,
# JavaScript, TypeScript, Go, Rust, Java) or tooling around them. Left out on purpose:
# vendor.yml's (^|/)cache/ and (^|/)env/ (django.core.cache is product code; a
# virtualenv is skipped by discovery), (^|/)dist/ (build output, skipped too), and
# the Objective-C, .NET, R and editor-specific entries.
PATH_RULES: tuple[PathRule, ...] = (
    *_rules(
        "vendored",
        VENDOR_YML,
        r"(^|/)node_modules/",
        r"(^|/)bower_components/",
        r"(3rd|[Tt]hird)[-_]?[Pp]arty/",
        r"(^|/)vendors?/",
        r"(^|/)[Ee]xtern(als?)?/",
        r"(^|/)[Vv]+endor/",
        r"^[Dd]ependencies/",
        r"^deps/",
        r"^debian/",
        r"(^|/)Godeps/_workspace/",
        r"(^|/)\.yarn/(releases|plugins|sdks|versions|unplugged)/",
        r"(^|/)flow-typed/.*\.js$",
        r"(^|/)docs?/_?(build|themes?|templates?|static)/",
        r"(^|/)cpplint\.py",
        r"(^|/)gradle/wrapper/",
        r"(^|/)\.mvn/wrapper/",
        r"(\.|-)min\.(js|css)$",
        r"\.d\.ts$",  # written (.*?)\.d\.ts$ there: the same files
        r"(^|/)jquery([^.]*)\.js$",
        r"(^|/)bootstrap([^/.]*)(\..*)?\.(js|css|less|scss|styl)$",
        r"(^|/)angular([^.]*)\.js$",
        r"(^|/)react(-[^.]*)?\.js$",
        r"(^|\/)d3(\.v\d+)?([^.]*)\.js$",
    ),
    *_rules(
        "generated",
        GENERATED_RB,
        r"(^|/)__generated__/",
        r"(^|/)htmlcov/",
        r"(^|/)\.pnp\..*$",
        r"(^|/)(poetry|pdm|uv|pixi|deno|composer|Cargo|Gopkg|glide|flake)\.lock$",
        r"(^|/)Pipfile\.lock$",
        r"(^|/)(package-lock|npm-shrinkwrap)\.json$",
        r"(^|/)pnpm-lock\.yaml$",
        r"(^|/)bun\.lockb?$",
        r"(^|/)MODULE\.bazel\.lock$",
        r"(^|/)\.terraform\.lock\.hcl$",
        r"(^|/)Cargo\.toml\.orig$",
        r"(^|/)gradlew(\.bat)?$",
        r"(^|/)mvnw(\.cmd)?$",
        r"(^|/)\.secrets\.baseline$",
        r"(\.css|\.js)\.map$",
    ),
    *_rules(
        "generated",
        DOCAUDIT,
        r"(^|/)yarn\.lock$",  # Yarn's lock file (not in generated.rb)
        _DJANGO_MIGRATION,  # makemigrations numbers them: 0001_initial.py
        r"(^|/)[^/]+_pb2(_grpc)?\.pyi?$",  # protoc's Python output
        r"(^|/)[^/]+\.gen\.[^/.]+$",  # the .gen. infix (openapi-ts, TanStack Router)
    ),
    *_rules(
        "documentation",
        DOCUMENTATION_YML,
        r"^[Dd]ocs?/",
        r"(^|/)[Dd]ocumentation/",
        r"(^|/)[Gg]roovydoc/",
        r"(^|/)[Jj]avadoc/",
        r"^[Mm]an/",
        r"(^|/)CITATION(\.cff|(S)?(\.(bib|md))?)$",
        r"(^|/)CHANGE(S|LOG)?(\.|$)",
        r"(^|/)CONTRIBUTING(\.|$)",
        r"(^|/)COPYING(\.|$)",
        r"(^|/)INSTALL(\.|$)",
        r"(^|/)LICEN[CS]E(\.|$)",
        r"(^|/)[Ll]icen[cs]e(\.|$)",
        r"(^|/)README(\.|$)",
        r"(^|/)[Rr]eadme(\.|$)",
    ),
    # documentation.yml's ^[Ee]xamples/, ^[Dd]emos?/ and ^[Ss]amples?/, as a class of
    # their own and at any depth (a monorepo's frontend/examples/), plus tutorials.
    *_rules(
        "examples",
        DOCUMENTATION_YML,
        r"(^|/)[Ee]xamples?/",
        r"(^|/)[Dd]emos?/",
        r"(^|/)[Ss]amples?/",
    ),
    *_rules(
        "examples",
        DOCAUDIT,
        r"(^|/)[Tt]utorials?/",
        r"^docs_src/",  # FastAPI's layout: the code of the documentation's tutorials
    ),
    # Linguist has no tests class; its vendor.yml calls test fixtures vendored.
    *_rules(
        "tests",
        VENDOR_YML,
        r"(^|/)[Tt]ests?/fixtures/",
        r"(^|/)[Ss]pecs?/fixtures/",
        r"(^|/)testdata/",
    ),
    # A nested test/ folder is left alone: django/test/ is Django's public testing API.
    *_rules(
        "tests",
        DOCAUDIT,
        r"(^|/)tests/",
        r"^test/",
        r"(^|/)__tests__/",
        r"^spec/",
        r"(^|/)src/test/",  # Maven and Gradle
        r"(^|/)test_[^/]*\.py$",  # pytest's default python_files
        r"(^|/)[^/]*_test\.py$",
        r"(^|/)conftest\.py$",
        r"(^|/)tests\.py$",  # a Django app's tests module
        r"_test\.go$",
        r"\.(test|spec)\.[cm]?[jt]sx?$",
        r"(^|/)[^/]*Tests?\.java$",
    ),
    # vendor.yml's editor, CI and git settings: not vendored code, but not product either.
    *_rules(
        "tooling",
        VENDOR_YML,
        r"(^|/)\.vscode/",
        r"(^|/)\.github/",
        r"(^|/)\.teamcity/",
        r"(^|/)\.gitattributes$",
        r"(^|/)\.gitignore$",
        r"(^|/)\.gitmodules$",
        r"(^|/)fabfile\.py$",
        r"(^|/)Vagrantfile$",
        r"(^|/)Jenkinsfile$",
    ),
    *_rules(
        "tooling",
        GENERATED_RB,
        r"(?:^|/)\.idea/",  # intellij_file? (generated there)
    ),
    *_rules(
        "tooling",
        DOCAUDIT,
        r"(^|/)hooks/(pre|post)_gen_project\.[^/]+$",  # cookiecutter's template hooks
        r"(^|/)(setup|noxfile)\.py$",
        r"(^|/)\.[^/]+/",  # any other dot-folder (.devcontainer, .circleci, .husky)
    ),
)
"""The path rules. The one matching furthest left wins (the outermost folder decides:
``tests/examples/x.py`` is tests, ``examples/tests/x.py`` examples); at the same place,
the earlier rule."""


@dataclass(frozen=True, slots=True)
class ContentRule:
    """A marker a code generator writes in a file's first ``HEAD_BYTES`` (one line)."""

    pattern: str
    source: str
    ignore_case: bool = False


# A marker must begin its line, after comment signs or a docstring's quotes, so prose
# that mentions one mid-sentence does not count.
_LEAD = r"^[ \t]*(?:#+|//+|/\*+|\*+|<!--|--|;+|\"\"\"|''')?[ \t!*]*(?:NOTE:[ \t]*)?"

CONTENT_RULES: tuple[ContentRule, ...] = (
    # generated_go?, and Go's convention (https://go.dev/s/generatedcode)
    ContentRule(_LEAD + r"Code generated .* DO NOT EDIT", GENERATED_RB),
    # generated_protocol_buffer?, generated_grpc_cpp? (gRPC's Python plugin too)
    ContentRule(_LEAD + r"Generated by the (protocol buffer compiler|gRPC)", GENERATED_RB),
    ContentRule(_LEAD + r"Autogenerated by Thrift Compiler", GENERATED_RB),
    ContentRule(_LEAD + r"Generated by (Cython|Haxe)", GENERATED_RB),
    # generated_racc? and the like; SWIG, TanStack Router and @hey-api/openapi-ts too
    # ("This file is @generated by prost-build.")
    ContentRule(
        _LEAD + r"(this|the following) (file|class|code|module|script) (is|was|has been) "
        r"(@|automatically |auto-?|auto |machine-)generated",
        GENERATED_RB,
        ignore_case=True,
    ),
    # generated_dart? and the banners that open with "generated" and say "do not edit"
    # ("GENERATED CODE -- DO NOT EDIT!", "AUTO-GENERATED FILE, DO NOT MODIFY"), or the
    # other way round ("DO NOT EDIT: generated by ..."); not a comment that only speaks
    # of generated code ("a wrapper of the generated client; do not edit the client")
    ContentRule(
        _LEAD + r"(this (file|code) (is|was|has been) )?(auto(matically)?[- ]?)?generated\b"
        r"[^\n]*(do not|don't) (edit|modify)",
        GENERATED_RB,
        ignore_case=True,
    ),
    ContentRule(
        _LEAD + r"(do not|don't) (edit|modify)\b[^\n]*generated", GENERATED_RB, ignore_case=True
    ),
    # Django's MigrationWriter: "Generated by Django 5.2 on 2025-04-01 12:00"
    ContentRule(_LEAD + r"Generated by Django \d", DOCAUDIT),
    # Alembic's script.py.mako: the revision docstring of a migration
    ContentRule(r"^Revision ID: \S+\s*\nRevises:", DOCAUDIT),
    ContentRule(_LEAD + r"(auto )?generated by OpenAPI Generator", DOCAUDIT, ignore_case=True),
    ContentRule(_LEAD + r"generated by datamodel-codegen", DOCAUDIT, ignore_case=True),
    # Meta's convention (Buck, Relay, Hack): "@generated" alone in the header, or before
    # "SignedSource<<...>>" or "by <tool>" (protoc-gen-es); not "@generated files are ..."
    ContentRule(_LEAD + r"@generated(?=[ \t]*(\*/|\r?$|SignedSource|by\b))", DOCAUDIT),
)
"""The content markers: any one of them makes a file generated."""

_MIGRATION = re.compile(_DJANGO_MIGRATION)


@dataclass(frozen=True, slots=True)
class LinguistAttributes:
    """A file's ``linguist-generated``, ``linguist-vendored`` and ``linguist-documentation``.

    Each is ``True`` (set, or any value but ``false``), ``False`` (unset with ``-``, or
    ``false``) or ``None`` (unspecified: the rules decide), as Linguist reads them.
    """

    generated: bool | None = None
    vendored: bool | None = None
    documentation: bool | None = None


NO_ATTRIBUTES = LinguistAttributes()
ATTRIBUTE_NAMES = ("linguist-generated", "linguist-vendored", "linguist-documentation")


def _turned_off(attributes: LinguistAttributes) -> frozenset[str]:
    """Return the families whose attribute is false, so their rules do not apply."""
    return frozenset(
        family
        for family, value in (
            ("generated", attributes.generated),
            ("vendored", attributes.vendored),
            ("documentation", attributes.documentation),
        )
        if value is False
    )


_SEGMENT_STARTS = ("(^|/)", "(^|\\/)", "(?:^|/)")


def _anchored(pattern: str) -> tuple[bool, str]:
    """Split a rule's pattern into where it may start and what must follow there.

    ``(True, body)``: only at the start of the path (the pattern begins with ``^``);
    ``(False, body)``: at the start of any folder or file name. A pattern anchored to
    neither may begin inside a name: its body then starts with ``[^/]*``.
    """
    for start in _SEGMENT_STARTS:
        if pattern.startswith(start):
            return False, pattern[len(start) :]
    if pattern.startswith("^"):
        return True, pattern[1:]
    return False, "[^/]*" + pattern


def _first_chars(body: str) -> str | None:
    """Return the characters a rule's body can begin with, or ``None`` for any.

    Only the plain cases are read (a literal, an escaped one, a class of letters like
    ``[Dd]``) not followed by a quantifier that could skip them; the rest may begin
    with anything.
    """
    if body[:1] == "[" and "]" in body:
        end = body.index("]")
        chars, rest = body[1:end], body[end + 1 :]
        plain = chars.isalnum()
    elif body[:1] == "\\":
        chars, rest = body[1:2], body[2:]
        plain = chars in "._-"
    else:
        chars, rest = body[:1], body[1:]
        plain = chars.isalnum() or chars in "_-"
    return chars if plain and rest[:1] not in ("*", "?", "{") else None


def _reach(body: str) -> tuple[bool, bool]:
    """Tell whether a body needs a ``/`` outside any group (so it cannot match inside the
    last name) and whether it can cross one at all (a ``/``, a ``.``, or a class like
    ``[^.]`` that does not leave ``/`` out)."""
    needs = crosses = False
    depth = at = 0
    while at < len(body):
        char = body[at]
        if char == "\\":
            at += 2
            continue
        if char == "[":
            end = body.index("]", at + 2)
            crosses = crosses or (body[at + 1] == "^" and "/" not in body[at:end])
            at = end + 1
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        needs = needs or (char == "/" and depth == 0)
        crosses = crosses or char in "/."
        at += 1
    return needs, crosses


@cache
def _path_matcher(off: frozenset[str], top: bool, last: bool, first: str) -> re.Pattern[str]:
    """Compile the path rules that may match at the start of one name of a path.

    ``top`` says the name begins the path (rules anchored with ``^`` apply there
    only), ``last`` that it is the file's own name, ``first`` is its first character;
    families in ``off`` are left out. Each rule is the named group ``r<index>``, so
    re's leftmost-first choice takes the first rule listed. Leaving out the rules
    that cannot match there keeps a name to a few attempts, not a hundred.
    """
    wanted = []
    for index, rule in enumerate(PATH_RULES):
        only_top, body = _anchored(rule.pattern)
        chars = _first_chars(body)
        needs_slash, crosses = _reach(body)
        if _FAMILY.get(rule.file_class) in off or (only_top and not top):
            continue
        if (last and needs_slash) or (not last and body.endswith("$") and not crosses):
            continue
        if chars is None or first in chars:
            wanted.append(f"(?P<r{index}>{body})")
    return re.compile("|".join(wanted) or "(?!)")


@cache
def _content_matcher() -> re.Pattern[str]:
    """Compile the content markers into one multi-line search."""
    parts = [
        f"(?i:{rule.pattern})" if rule.ignore_case else f"(?:{rule.pattern})"
        for rule in CONTENT_RULES
    ]
    return re.compile("|".join(parts), re.MULTILINE)


def path_rule(path: str, attributes: LinguistAttributes = NO_ATTRIBUTES) -> PathRule | None:
    """Return the path rule that classifies ``path`` (forward slashes), or ``None``.

    Rules are tried where each name of the path begins, from the left: the first name
    where one matches decides.
    """
    off = _turned_off(attributes)
    start = 0
    while start < len(path):
        end = path.find("/", start)
        matcher = _path_matcher(off, start == 0, end == -1, path[start])
        found = matcher.match(path, start)
        if found is not None and found.lastgroup is not None:
            return PATH_RULES[int(found.lastgroup[1:])]
        if end == -1:
            break
        start = end + 1
    return None


def generated_head(head: bytes) -> bool:
    """Tell whether a file's first bytes carry a code generator's marker."""
    text = head[:HEAD_BYTES].decode("utf-8", "replace")
    return _content_matcher().search(text) is not None


def _attribute_class(attributes: LinguistAttributes) -> str | None:
    """Return the class ``.gitattributes`` sets outright, or ``None`` when it sets none."""
    if attributes.generated:
        return "generated"
    if attributes.vendored:
        return "vendored"
    if attributes.documentation:
        return "documentation"
    return None


def path_class(path: str, attributes: LinguistAttributes = NO_ATTRIBUTES) -> str:
    """Return the class of one file from its attributes and its path alone."""
    decided = _attribute_class(attributes)
    if decided is not None:
        return decided
    rule = path_rule(path, attributes)
    return "product" if rule is None else rule.file_class


def classify(
    paths: Iterable[str],
    attributes: Mapping[str, LinguistAttributes],
    read_head: Callable[[list[str]], Mapping[str, bytes]] | None = None,
) -> dict[str, str]:
    """Return the class of each path.

    ``attributes`` holds each path's linguist attributes (a missing path has none).
    ``read_head`` is given the paths that content could still make generated (product by
    path, no ``linguist-generated`` either way) and returns the first bytes of those it
    could read; without it, content is not looked at. A Django ``migrations/__init__.py``
    beside numbered migrations is generated with them.
    """
    paths = list(paths)
    classes: dict[str, str] = {}
    open_paths = []
    for path in paths:
        found = attributes.get(path, NO_ATTRIBUTES)
        classes[path] = path_class(path, found)
        if classes[path] == "product" and found.generated is None:
            open_paths.append(path)
    if read_head is not None and open_paths:
        for path, head in read_head(open_paths).items():
            if generated_head(head):
                classes[path] = "generated"
    migrations = {path.rpartition("/")[0] for path in paths if _MIGRATION.search(path)}
    for path in open_paths:
        folder, _, name = path.rpartition("/")
        if name == "__init__.py" and folder in migrations and classes[path] == "product":
            classes[path] = "generated"
    return classes


def module_class(classes: Iterable[str]) -> str:
    """Return a module's class from its files': product if any is, else the most common.

    Ties go to the class listed first in ``FILE_CLASSES``; no files at all is product.
    """
    counts = Counter(classes)
    if not counts or counts["product"]:
        return "product"
    return max(FILE_CLASSES, key=lambda name: (counts[name], -FILE_CLASSES.index(name)))


def _attribute_value(value: str) -> bool | None:
    """Read one of git's attribute states as Linguist does (``boolean_attribute``)."""
    if value == "unspecified":
        return None
    return value not in ("unset", "false")


def git_attributes(
    root: str | os.PathLike[str], paths: Iterable[str], cached: bool = False
) -> dict[str, LinguistAttributes]:
    """Return the linguist attributes git gives each path, from one ``git check-attr``.

    Paths go in on standard input (``--stdin -z``), never as arguments. ``cached`` reads
    the ``.gitattributes`` files of the index instead of the work tree. Only the paths
    with some attribute specified are in the result.
    """
    wanted = list(paths)
    if not wanted:
        return {}
    options = ["--stdin", "-z", "--cached"] if cached else ["--stdin", "-z"]
    # with --stdin, git 2.39 takes no "--" before the attribute names
    feed = b"".join(os.fsencode(path) + b"\0" for path in wanted)
    listing = commands.output(root, "check-attr", *options, *ATTRIBUTE_NAMES, input=feed)
    fields = listing.split(b"\0")
    states: dict[str, dict[str, bool | None]] = {}
    for at in range(0, len(fields) - 2, 3):
        path, name, value = (os.fsdecode(field) for field in fields[at : at + 3])
        state = _attribute_value(value)
        if state is not None:
            states.setdefault(path, {})[name.removeprefix("linguist-")] = state
    return {path: LinguistAttributes(**found) for path, found in states.items()}


@dataclass(frozen=True, slots=True)
class _AttributeLine:
    """One line of a ``.gitattributes``: a compiled pattern and the states it gives."""

    pattern: re.Pattern[str]
    basename: bool
    states: tuple[tuple[str, bool | None], ...]


def parse_gitattributes(text: str) -> list[_AttributeLine]:
    """Read the lines of a ``.gitattributes`` that say something about linguist attributes.

    As git does: ``attr`` sets, ``-attr`` unsets, ``!attr`` makes unspecified and
    ``attr=value`` gives a value; negative patterns, macro definitions and (here)
    quoted patterns are skipped, and so is a pattern ending in ``/``, which matches
    no file in an attributes file.
    """
    lines = []
    for raw in text.splitlines():
        parts = raw.split()
        if not parts or parts[0].startswith(("#", "!", '"', "[attr]")) or parts[0].endswith("/"):
            continue
        states = []
        for token in parts[1:]:
            if token.startswith("-"):
                name, state = token[1:], False
            elif token.startswith("!"):
                name, state = token[1:], None
            else:
                name, _, value = token.partition("=")
                state = _attribute_value(value) if value else True
            if name in ATTRIBUTE_NAMES:
                states.append((name.removeprefix("linguist-"), state))
        if states:
            pattern = parts[0]
            anchored = "/" in pattern
            regex = wildmatch_regex(pattern.removeprefix("/") if anchored else pattern)
            lines.append(_AttributeLine(re.compile(regex), not anchored, tuple(states)))
    return lines


def wildmatch_regex(pattern: str) -> str:
    """Translate a gitattributes pattern (git's wildmatch, ``WM_PATHNAME``) to a regex.

    ``*`` and ``?`` stay within a folder, ``**/`` and ``/**/`` span any folders, a
    trailing ``/**`` everything inside; ``[...]`` classes and ``\\`` escapes as git.
    """
    out = []
    at = 0
    while at < len(pattern):
        char = pattern[at]
        if pattern.startswith("**", at) and (at == 0 or pattern[at - 1] == "/"):
            end = at + 2
            if end == len(pattern):
                out.append(".*")
                at = end
                continue
            if pattern[end] == "/":
                out.append("(?:.*/)?")
                at = end + 1
                continue
        if char == "*":
            while at < len(pattern) and pattern[at] == "*":
                at += 1
            out.append("[^/]*")
            continue
        if char == "?":
            out.append("[^/]")
        elif char == "[":
            end, klass = _char_class(pattern, at)
            if klass is not None:
                out.append(klass)
                at = end
                continue
            out.append(re.escape(char))
        elif char == "\\" and at + 1 < len(pattern):
            at += 1
            out.append(re.escape(pattern[at]))
        else:
            out.append(re.escape(char))
        at += 1
    return "".join(out)


def _char_class(pattern: str, start: int) -> tuple[int, str | None]:
    """Translate the ``[...]`` at ``start``; return where it ends and the regex, or
    ``None`` when it does not close (git then reads ``[`` as itself)."""
    at = start + 1
    negate = at < len(pattern) and pattern[at] in "!^"
    if negate:
        at += 1
    members = []
    first = True
    while at < len(pattern) and (pattern[at] != "]" or first):
        char = pattern[at]
        if char == "\\" and at + 1 < len(pattern):
            at += 1
            char = pattern[at]
        members.append(char if char == "-" else re.escape(char))
        first = False
        at += 1
    if at >= len(pattern):
        return start, None
    body = "".join(members)
    return at + 1, f"(?!/)[{'^' if negate else ''}{body}]"


def attributes_from_files(
    files: Mapping[str, str], paths: Iterable[str]
) -> dict[str, LinguistAttributes]:
    """Return each path's linguist attributes from ``.gitattributes`` texts, without git.

    ``files`` maps a folder (relative, ``""`` for the top) to its ``.gitattributes``
    text. As in git, a deeper file overrides a shallower one and a later line an
    earlier one. Only the paths with some attribute specified are in the result.
    """
    parsed = {folder: parse_gitattributes(text) for folder, text in files.items()}
    order = sorted((folder for folder in parsed if parsed[folder]), key=len, reverse=True)
    result = {}
    for path in paths:
        states: dict[str, bool | None] = {}
        for folder in order:
            if folder and not path.startswith(folder + "/"):
                continue
            inner = path[len(folder) + 1 :] if folder else path
            name = inner.rpartition("/")[2]
            for line in reversed(parsed[folder]):
                if line.pattern.fullmatch(name if line.basename else inner) is None:
                    continue
                for attribute, state in line.states:
                    states.setdefault(attribute, state)
        found = {attribute: state for attribute, state in states.items() if state is not None}
        if found:
            result[path] = LinguistAttributes(**found)
    return result
