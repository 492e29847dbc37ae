"""Reader of Python settings modules: UPPERCASE assignments via ``ast``, never executed."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Iterator

from docaudit.analysers.configuration.files._common import (
    _clean_comment,
    _Collector,
    _comment_above,
    _join_comments,
    _plain_lines,
)

_SETTING_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")


def _analyse_python_settings(text: str, out: _Collector) -> None:
    """Python settings: module-level UPPERCASE assignments, never executed."""
    text = "\n".join(_plain_lines(text))
    try:
        tree = ast.parse(text)
    except SyntaxError as exc:
        out.error(exc.lineno, f"invalid Python: {exc.msg}")
        return
    except (RecursionError, MemoryError):
        out.error(None, "invalid Python: nested too deeply")
        return
    lines = text.split("\n")
    covered, inline = _python_comments(text)
    for statement, following in _module_assignments(tree.body):
        for name in _assigned_names(statement):
            above = _comment_above(lines, statement.lineno - 1, covered)
            comment = _join_comments(
                above, inline.get(statement.lineno), _attribute_docstring(following)
            )
            out.key(name, statement.lineno, comment, _python_literal(statement, lines))


def _python_comments(text: str) -> tuple[set[int], dict[int, str]]:
    """Return the 0-based lines inside multi-line tokens and the inline comments by line."""
    covered: set[int] = set()
    inline: dict[int, str] = {}
    code_row = 0
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            (start_row, _), (end_row, _) = token.start, token.end
            if end_row > start_row:
                covered.update(range(start_row, end_row))
            if token.type == tokenize.COMMENT and start_row == code_row:
                comment = _clean_comment(token.string)
                if comment:
                    inline[start_row] = comment
            elif token.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT):
                code_row = end_row
    except (tokenize.TokenError, SyntaxError):
        pass  # ast accepted the file; comments are then best effort
    return covered, inline


def _module_assignments(body: list[ast.stmt]) -> Iterator[tuple[ast.stmt, ast.stmt | None]]:
    """Yield module-level assignments (also inside if/try/with) with the next statement."""
    for position, statement in enumerate(body):
        following = body[position + 1] if position + 1 < len(body) else None
        if isinstance(statement, (ast.Assign, ast.AnnAssign)):
            yield statement, following
        elif isinstance(statement, (ast.If, ast.With)):
            yield from _module_assignments(statement.body)
            yield from _module_assignments(getattr(statement, "orelse", []))
        elif isinstance(statement, (ast.Try, ast.TryStar)):
            for block in (statement.body, statement.orelse, statement.finalbody):
                yield from _module_assignments(block)
            for handler in statement.handlers:
                yield from _module_assignments(handler.body)


def _assigned_names(statement: ast.stmt) -> list[str]:
    """Return the UPPERCASE names an assignment binds."""
    if isinstance(statement, ast.AnnAssign):
        targets = [statement.target] if statement.value is not None else []
    else:
        targets = list(statement.targets)  # type: ignore[attr-defined]
    names = []
    while targets:
        target = targets.pop(0)
        if isinstance(target, (ast.Tuple, ast.List)):
            targets[:0] = target.elts
        elif isinstance(target, ast.Name) and _SETTING_NAME.match(target.id):
            names.append(target.id)
    return names


def _attribute_docstring(statement: ast.stmt | None) -> str | None:
    """Return the string literal statement that follows an assignment, if any."""
    if (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Constant)
        and isinstance(statement.value.value, str)
    ):
        return " ".join(statement.value.value.split()) or None
    return None


def _python_literal(statement: ast.stmt, lines: list[str]) -> str | None:
    """Return a scalar literal's value as written (strings unquoted), else None."""
    value = statement.value  # type: ignore[attr-defined]
    if isinstance(value, ast.UnaryOp) and isinstance(value.op, ast.USub):
        literal = value.operand
    else:
        literal = value
    if (
        not isinstance(literal, ast.Constant)
        or isinstance(statement, ast.Assign)
        and any(isinstance(target, (ast.Tuple, ast.List)) for target in statement.targets)
    ):
        return None
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return value.value
    if value.end_lineno != value.lineno:
        return None
    line = lines[value.lineno - 1].encode()  # ast offsets count UTF-8 bytes
    return line[value.col_offset : value.end_col_offset].decode()
