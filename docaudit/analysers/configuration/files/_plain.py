"""Readers of line-oriented config formats: ``.env`` files, INI/cfg files, Java
``.properties`` files and Dockerfiles."""

from __future__ import annotations

import configparser
import re

from docaudit.analysers.configuration.files._common import (
    _Collector,
    _comment_above,
    _inline,
    _join_comments,
    _plain_lines,
)

_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_EXAMPLE_SUFFIXES = (".example", ".sample", ".template", ".dist", ".tmpl")
_EXAMPLE_STEMS = ("example.", "sample.", "template.")
_ENV_ASSIGNMENT = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$")
_INI_SECTION = re.compile(r"^\[(.+)\]")
_INI_OPTION = re.compile(r"^(.*?)\s*[=:]\s*(.*)$")
_INLINE_COMMENT = re.compile(r"\s[#;]")
_DOCKER_TOKEN = re.compile(r"""(?:"(?:[^"\\]|\\.)*"|'[^']*'|\\.|[^\s"'\\])+""")
_DOCKER_HEREDOC = re.compile(r"<<-?\s*[\"']?([A-Za-z_][A-Za-z0-9_]*)")
_DOCKER_ESCAPE = re.compile(r"^#\s*escape\s*=\s*(\S)\s*$", re.IGNORECASE)


# --- .env files -------------------------------------------------------------------------


def _analyse_env_file(text: str, out: _Collector) -> None:
    """Read ``KEY=value`` lines: each is a config key and an env declaration.

    The values of a file that is not an example (a tracked ``.env``) are dropped here:
    they may be secrets, and no report may print them.
    """
    lines = _plain_lines(text)
    covered: set[int] = set()
    index = 0
    while index < len(lines):
        stripped = lines[index].strip()
        match = _ENV_ASSIGNMENT.match(lines[index])
        if not stripped or stripped.startswith("#"):
            index += 1
            continue
        if match is None:
            out.error(index + 1, f"not a KEY=value line: {stripped[:60]!r}")
            index += 1
            continue
        name = match.group(1)
        value, inline, last = _env_value(lines, index, match.group(2), out)
        shown = value if _is_example(out.path) else None
        covered.update(range(index + 1, last + 1))
        comment = _join_comments(_comment_above(lines, index, covered), inline)
        if out.key(name, index + 1, comment, shown):
            out.env_var(name, index + 1, comment, shown, "env-file")
        else:
            out.error(index + 1, f"duplicate key {name} (first on line {out.keys[name].line})")
        index = last + 1


def _is_example(path: str) -> bool:
    """Tell whether an env file is an example (``.env.example``, ``env.sample``...), whose
    values may be shown; a real ``.env`` may hold secrets."""
    name = path.rpartition("/")[2].lower()
    return name.endswith(_EXAMPLE_SUFFIXES) or name.startswith(_EXAMPLE_STEMS)


def _env_value(
    lines: list[str], index: int, rest: str, out: _Collector
) -> tuple[str, str | None, int]:
    """Return a .env value, its inline comment and the last line it spans."""
    body = rest.lstrip()
    if not body.startswith(('"', "'")):
        cut = re.search(r"\s#", rest)
        if cut is None:
            return rest.strip(), None, index
        return rest[: cut.start()].strip(), _inline(rest[cut.end() :]), index
    quote, text, last, start = body[0], body[1:], index, 0
    while True:
        close = _closing_quote(text, quote, start)
        if close is not None:
            tail = re.match(r"\s*#(.*)", text[close + 1 :])
            return text[:close], _inline(tail.group(1) if tail else None), last
        if last + 1 >= len(lines):
            out.error(index + 1, "unterminated quoted value")
            return lines[index].partition("=")[2].strip(), None, index
        last, start = last + 1, len(text)
        text += "\n" + lines[last]


def _closing_quote(text: str, quote: str, start: int) -> int | None:
    """Return the index of the unescaped closing quote in ``text[start:]``, if any."""
    position = start
    while position < len(text):
        char = text[position]
        if char == "\\" and quote == '"':
            position += 2
            continue
        if char == quote:
            return position
        position += 1
    return None


# --- INI --------------------------------------------------------------------------------


def _analyse_ini(text: str, out: _Collector) -> None:
    """INI/cfg: configparser for validity, a line scanner for keys and comments."""
    text = "\n".join(_plain_lines(text))
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(text)
    except configparser.MissingSectionHeaderError as exc:
        out.error(exc.lineno, "invalid INI: a key before any [section]")
        return
    except configparser.ParsingError as exc:
        lines = text.split("\n")
        for line, _ in exc.errors:
            out.error(line, f"invalid INI: cannot parse {lines[line - 1].strip()[:60]!r}")
    except configparser.Error as exc:
        out.error(getattr(exc, "lineno", None), f"invalid INI: {exc.message}")
        return
    _scan_ini(text.split("\n"), out)


def _scan_ini(lines: list[str], out: _Collector) -> None:
    """Record ``section.key`` for every option line; continuation lines are skipped."""
    section: str | None = None
    option_indent: int | None = None
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", ";")):
            continue
        indent = len(line) - len(line.lstrip())
        if option_indent is not None and indent > option_indent:
            continue
        option_indent = None
        header = _INI_SECTION.match(stripped)
        option = _INI_OPTION.match(stripped)
        if header:
            section = header.group(1).strip()
        elif option and section is not None and option.group(1):
            option_indent = indent
            _add_ini_option(lines, index, f"{section}.{option.group(1)}", option.group(2), out)


def _add_ini_option(lines: list[str], index: int, dotted: str, raw: str, out: _Collector) -> None:
    """Record one INI option with its comment; a repeated option is an error."""
    cut = _INLINE_COMMENT.search(raw)
    value, inline = (raw, None) if cut is None else (raw[: cut.start()], _inline(raw[cut.end() :]))
    comment = _join_comments(_comment_above(lines, index, markers=("#", ";")), inline)
    if not out.key(dotted, index + 1, comment, value.strip()):
        out.error(index + 1, f"duplicate key {dotted!r} (first on line {out.keys[dotted].line})")


# --- Java properties --------------------------------------------------------------------

_PROPERTY = re.compile(r"((?:[^\\=:\s]|\\.)+)\s*[=:\s]?\s*(.*)")
"""A property line: its key (up to ``=``, ``:`` or a blank, escapes kept) and value."""


def _analyse_properties(text: str, out: _Collector) -> None:
    """Java ``.properties`` (Spring's ``application.properties``): ``key=value``,
    ``key: value`` or ``key value``; ``#`` and ``!`` start comments; a line ending in an
    odd number of backslashes continues on the next. A key is documented by the comment
    block directly above it (``java.util.Properties`` has no inline comments)."""
    lines = _plain_lines(text)
    covered: set[int] = set()
    index = 0
    while index < len(lines):
        stripped = lines[index].strip()
        if not stripped or stripped.startswith(("#", "!")):
            index += 1
            continue
        last = index
        while _continues(lines[last]) and last + 1 < len(lines):
            last += 1
        covered.update(range(index + 1, last + 1))
        found = _PROPERTY.match(stripped)
        if found is not None:
            key = re.sub(r"\\(.)", r"\1", found.group(1))
            value = " ".join(
                [found.group(2).removesuffix("\\").strip()]
                + [
                    lines[row].strip().removesuffix("\\").strip()
                    for row in range(index + 1, last + 1)
                ]
            ).strip()
            comment = _comment_above(lines, index, covered, markers=("#", "!"))
            if not out.key(key, index + 1, comment, value):
                out.error(index + 1, f"duplicate key {key!r} (first on line {out.keys[key].line})")
        index = last + 1


def _continues(line: str) -> bool:
    """Tell whether a properties line ends in an odd number of backslashes."""
    stripped = line.rstrip("\r\n")
    return (len(stripped) - len(stripped.rstrip("\\"))) % 2 == 1


# --- Dockerfile -------------------------------------------------------------------------


def _analyse_dockerfile(text: str, out: _Collector) -> None:
    """Dockerfile: ``ENV`` and ``ARG`` instructions declare env vars (they are not keys)."""
    lines = _plain_lines(text)
    escape = _docker_escape(lines)
    index = 0
    while index < len(lines):
        stripped = lines[index].strip()
        if not stripped or stripped.startswith("#"):
            index += 1
            continue
        segments = _docker_instruction(lines, index, escape)
        keyword, _, first = segments[0][1].partition(" ")
        segments[0] = (segments[0][0], first)
        if keyword.upper() in ("ENV", "ARG"):
            _add_docker_vars(lines, segments, keyword.upper(), out)
        last = segments[-1][0]
        heredoc = _DOCKER_HEREDOC.search(" ".join(text for _, text in segments))
        if heredoc:
            last = _heredoc_end(lines, last, heredoc.group(1))
        index = last + 1


def _docker_escape(lines: list[str]) -> str:
    """Return the line-continuation character (the ``# escape=`` parser directive)."""
    for line in lines:
        match = _DOCKER_ESCAPE.match(line.strip())
        if match:
            return match.group(1)
        if not line.strip().startswith("#"):
            break
    return "\\"


def _docker_instruction(lines: list[str], index: int, escape: str) -> list[tuple[int, str]]:
    """Return an instruction's physical lines ``(index, text)``, continuations joined."""
    segments = []
    row = index
    while row < len(lines):
        text = lines[row].strip()
        if row > index and (not text or text.startswith("#")):
            row += 1  # comment and empty lines inside a continuation are dropped
            continue
        continued = text.endswith(escape)
        segments.append((row, text[:-1] if continued else text))
        if not continued:
            break
        row += 1
    return segments


def _heredoc_end(lines: list[str], index: int, delimiter: str) -> int:
    """Return the line of a heredoc's closing delimiter (or the last line)."""
    for row in range(index + 1, len(lines)):
        if lines[row].strip() == delimiter:
            return row
    return len(lines) - 1


def _add_docker_vars(
    lines: list[str], segments: list[tuple[int, str]], keyword: str, out: _Collector
) -> None:
    """Record the variables of one ``ENV`` or ``ARG`` instruction."""
    tokens = [(row, token) for row, text in segments for token in _DOCKER_TOKEN.findall(text)]
    if not tokens:
        return
    if keyword == "ENV" and "=" not in tokens[0][1]:
        row, name = tokens[0]
        value = " ".join(text for _, text in segments).strip()[len(name) :].strip()
        pairs = [(row, name, _unquote(value))]
    else:
        pairs = []
        for row, token in tokens:
            name, equals, value = token.partition("=")
            pairs.append((row, name, _unquote(value) if equals else None))
    for row, name, value in pairs:
        if _ENV_NAME.match(name):
            out.env_var(name, row + 1, _comment_above(lines, row), value, "dockerfile")


def _unquote(value: str) -> str:
    """Strip one pair of matching surrounding quotes, or undo backslash escapes."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return re.sub(r"\\(.)", r"\1", value)
