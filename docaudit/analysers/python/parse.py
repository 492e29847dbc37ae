"""The Python census: a file's bytes in, its definitions out, never running the code.

``ast`` parses almost every file; a file that the running interpreter's ``ast``
rejects is parsed again with libcst, which knows newer syntax. A file that neither
parses, or that cannot be decoded, raises ``AnalysisError`` with a one-line cause.

libcst's native parser recurses on the C stack and kills the process (a segmentation
fault) on deep nesting, so it never sees a file that ``ast`` found too deep, nor one
whose shape (measured by :func:`fallback_refusal`) is past the limits below.
"""

from __future__ import annotations

import ast
import io
import keyword
import tokenize
from collections.abc import Iterable
from typing import Any

from docaudit.analysers.collectors import collect_facts, facts_of
from docaudit.analysers.python.ast_reader import parse_with_ast
from docaudit.analysers.python.docstrings import classify
from docaudit.analysers.python.names import ImportTable, module_name_for
from docaudit.analysers.python.pragmas import Comment, comments_by_line, module_pragma
from docaudit.errors import AnalysisError
from docaudit.model.symbols import Definition, ModuleBody, ModuleFacts, ParsedModule

MAX_BRACKET_DEPTH = 200
"""Brackets open at once that the libcst fallback accepts (CPython's own limit)."""
MAX_INDENT_DEPTH = 100
"""Indentation levels that the libcst fallback accepts (CPython's own limit)."""
MAX_STATEMENT_WEIGHT = 2_000
"""Operators and keywords in one logical line (an f-string counts its length) that the
libcst fallback accepts: libcst overflows its stack near 1,500 nested parentheses, and
takes quadratic time on long operator chains (5,000 ``+``: 11 s)."""
_TOO_DEEP = (
    "too many nested parentheses",
    "too many levels of indentation",
    "expressions nested too deeply",
    "too complex",
)
_FLAT_TOKENS = frozenset({",", ":"})


def decode_source(data: bytes) -> str:
    """Decode Python source as the interpreter would: BOM, PEP 263 cookie, else UTF-8."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as error:
        _decode_or_explain(data, "utf-8")
        raise AnalysisError(f"cannot decode: {error}") from None
    if encoding == "utf-8-sig":
        data = data.removeprefix(b"\xef\xbb\xbf")
        encoding = "utf-8"
    return _decode_or_explain(data, encoding)


def _decode_or_explain(data: bytes, encoding: str) -> str:
    """Decode ``data``, or raise ``AnalysisError`` naming the first bad byte and its offset."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise AnalysisError(
            f"cannot decode as {encoding}: byte 0x{data[error.start]:02x} at offset {error.start}"
        ) from None
    except (LookupError, UnicodeError) as error:  # a cookie naming rot13, punycode, uu...
        raise AnalysisError(f"cannot decode as {encoding}: {error}") from None


def analyse_python(data: bytes, module_name: str, package: str) -> ParsedModule:
    """Return the definitions in one Python file's bytes, or raise ``AnalysisError``."""
    text = decode_source(data)
    if "\x00" in text:
        raise AnalysisError("source contains a NUL byte")
    comments = comments_by_line(text)
    imports = ImportTable(module_name, package)
    facts: tuple[tuple[str, object], ...] = ()
    try:
        tree = ast.parse(text)
        body, parser = parse_with_ast(tree, imports, comments), "ast"
        facts = collect_facts(tree, imports, text)
    except SyntaxError as error:
        body, parser = _parse_newer_syntax(text, imports, comments, error), "libcst"
    except (RecursionError, MemoryError) as error:
        raise AnalysisError(
            f"cannot parse: nesting deeper than Python's parser allows ({type(error).__name__})"
        ) from None
    except ValueError as error:
        raise AnalysisError(f"cannot parse: {error or type(error).__name__}") from None
    module = Definition(
        kind="module",
        name=module_name,
        line=1,
        is_async=False,
        decorators=(),
        bases=(),
        doc=classify(body.docstring, ""),
        pragma=module_pragma(comments),
        children=body.children,
        span=(1, text.count("\n") + (0 if text.endswith("\n") else 1)),
    )
    dependencies = tuple(sorted(imports.dependencies.items()))
    return ParsedModule(module, body.exports, imports.items(), parser, dependencies, facts)


def module_facts(
    sources: Iterable[tuple[str, str]], name: str, package_dirs: Iterable[str] = ()
) -> list[ModuleFacts[Any]]:
    """Parse ``(path, source)`` pairs; return what collector ``name`` found (tests, tools)."""
    packages = frozenset(package_dirs)
    parses = {}
    for path, source in sources:
        module, package = module_name_for(path, packages)
        parses[path] = analyse_python(source.encode(), module, package)
    return facts_of(parses, name)


def _parse_newer_syntax(
    text: str, imports: ImportTable, comments: dict[int, Comment], error: SyntaxError
) -> ModuleBody:
    """Parse with libcst a file ``ast`` rejected; raise ``AnalysisError`` with ``ast``'s cause.

    A file ``ast`` found too deep, or whose shape is past the fallback's limits, is not
    handed to libcst at all.
    """
    if any(phrase in str(error.msg) for phrase in _TOO_DEEP):
        raise AnalysisError(f"nesting deeper than Python allows: {_describe_syntax_error(error)}")
    refusal = fallback_refusal(text)
    if refusal is not None:
        message = _describe_syntax_error(error)
        raise AnalysisError(
            f"{message} (not parsed as newer Python: {refusal})" if refusal else message
        )
    from docaudit.analysers.python.cst_reader import parse_with_cst

    try:
        return parse_with_cst(text, imports, comments)
    except Exception:  # noqa: BLE001 - any libcst failure means the file does not parse
        raise AnalysisError(_describe_syntax_error(error)) from None


def fallback_refusal(text: str) -> str | None:
    """Return why ``text`` is too deep for the libcst fallback, or ``None`` when it is not
    (an empty reason: this interpreter's tokenizer rejects it, so it cannot be measured).

    One pass of the standard tokenizer (linear, iterative) counts brackets open at once,
    indentation levels, and the weight of each logical line: its operators and keywords,
    and, when it holds an f-string, the length of all its strings (newer Python parses
    code inside f-strings, where this interpreter's tokenizer sees only strings).
    """
    line = _LineWeight()
    brackets = indents = 0
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            kind = token.type
            if kind == tokenize.OP:
                brackets += (token.string in "([{") - (token.string in ")]}")
            indents += (kind == tokenize.INDENT) - (kind == tokenize.DEDENT)
            line.add(kind, token.string)
            refusal = _past_limits(brackets, indents, line.weight(), token.start[0])
            if refusal is not None:
                return refusal
    except (tokenize.TokenError, SyntaxError):
        return ""
    return None


class _LineWeight:
    """The weight of the logical line being tokenized (see :func:`fallback_refusal`)."""

    def __init__(self) -> None:
        """Start at the first logical line."""
        self.operators = 0
        self.string_chars = 0
        self.has_fstring = False

    def add(self, kind: int, string: str) -> None:
        """Count one token; a ``NEWLINE`` starts the next logical line."""
        if kind == tokenize.NEWLINE:
            self.operators = self.string_chars = 0
            self.has_fstring = False
        elif kind == tokenize.OP:
            self.operators += string not in _FLAT_TOKENS
        elif kind == tokenize.NAME:
            self.operators += keyword.iskeyword(string)
        elif kind == tokenize.STRING:
            self.string_chars += len(string)
            self.has_fstring = self.has_fstring or "f" in _string_prefix(string)

    def weight(self) -> int:
        """Return the line's weight so far."""
        return self.operators + (self.string_chars if self.has_fstring else 0)


def _past_limits(brackets: int, indents: int, weight: int, line: int) -> str | None:
    """Return which fallback limit the counts so far exceed, naming the line, or ``None``."""
    if brackets > MAX_BRACKET_DEPTH:
        return f"nesting deeper than {MAX_BRACKET_DEPTH} brackets at line {line}"
    if indents > MAX_INDENT_DEPTH:
        return f"nesting deeper than {MAX_INDENT_DEPTH} indentation levels at line {line}"
    if weight > MAX_STATEMENT_WEIGHT:
        return f"a statement of over {MAX_STATEMENT_WEIGHT:,} operators at line {line}"
    return None


def _string_prefix(token: str) -> str:
    """Return the lower-cased prefix letters of a string token (``rb``, ``f``, …)."""
    return token[: len(token) - len(token.lstrip("rRbBuUfF"))].lower()


def _describe_syntax_error(error: SyntaxError) -> str:
    """Return ``syntax error at line N: message`` for a ``SyntaxError``."""
    where = f" at line {error.lineno}" if error.lineno else ""
    return f"syntax error{where}: {error.msg}"
