"""The Python census: a file's bytes in, its definitions out, never running the code.

``ast`` parses almost every file; a file that the running interpreter's ``ast``
rejects is parsed again with libcst, which knows newer syntax. A file that neither
parses, or that cannot be decoded, raises ``AnalysisError`` with a one-line cause.
"""

from __future__ import annotations

import ast
import io
import tokenize
from typing import Any

from docaudit.docs.docstrings import classify
from docaudit.docs.facts import collect_facts
from docaudit.docs.names import ImportTable
from docaudit.docs.pragmas import Comment, comments_by_line, module_pragma
from docaudit.docs.python_ast import parse_with_ast
from docaudit.model import Definition, ModuleBody, ParsedModule


class AnalysisError(Exception):
    """A file that cannot be analysed; the message says why in one line."""


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


def analyse_python(data: bytes, module_name: str, package: str) -> ParsedModule:
    """Return the definitions in one Python file's bytes, or raise ``AnalysisError``."""
    text = decode_source(data)
    if "\x00" in text:
        raise AnalysisError("source contains a NUL byte")
    comments = comments_by_line(text)
    imports = ImportTable(module_name, package)
    facts: tuple[tuple[str, Any], ...] = ()
    try:
        tree = ast.parse(text)
        body, parser = parse_with_ast(tree, imports, comments), "ast"
        facts = collect_facts(tree, imports, text)
    except SyntaxError as error:
        body, parser = _parse_newer_syntax(text, imports, comments, error), "libcst"
    except (ValueError, RecursionError, MemoryError) as error:
        raise AnalysisError(f"cannot parse: {error}") from None
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


def _parse_newer_syntax(
    text: str, imports: ImportTable, comments: dict[int, Comment], error: SyntaxError
) -> ModuleBody:
    """Parse with libcst a file ``ast`` rejected; raise ``AnalysisError`` with ``ast``'s cause."""
    from docaudit.docs.python_cst import parse_with_cst

    try:
        return parse_with_cst(text, imports, comments)
    except Exception:  # noqa: BLE001 - any libcst failure means the file does not parse
        raise AnalysisError(_describe_syntax_error(error)) from None


def _describe_syntax_error(error: SyntaxError) -> str:
    """Return ``syntax error at line N: message`` for a ``SyntaxError``."""
    where = f" at line {error.lineno}" if error.lineno else ""
    return f"syntax error{where}: {error.msg}"
