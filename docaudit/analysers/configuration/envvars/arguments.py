"""Call arguments and string expressions described as ``Arg`` records (``Known``,
``FromParam``, ``Built``, ``NotText``), and the name, default and requiredness a reader
call gets from them.
"""

from __future__ import annotations

import ast
from typing import NamedTuple

from docaudit.analysers.configuration.envvars.facts import Arg, Built, FromParam, Known, NotText
from docaudit.analysers.configuration.envvars.readers import _Spec


class _Args(NamedTuple):
    """A call's arguments, described."""

    positional: list[Arg]
    keywords: dict[str, Arg]
    star: bool  # ``*args`` or ``**kwargs``: more arguments than described


def _join_parts(parts: list[str | ast.expr]) -> list[str | ast.expr]:
    """Merge adjacent strings of a part list."""
    merged: list[str | ast.expr] = []
    for part in parts:
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        elif part != "":
            merged.append(part)
    return merged


class _Describer:
    """Describe expressions of one file, knowing its module-level string constants."""

    def __init__(self, constants: dict[str, str]) -> None:
        """Use ``constants`` (name to value) for names that hold a literal string."""
        self.constants = constants

    def describe(self, node: ast.expr, params: frozenset[str]) -> Arg:
        """Describe ``node``; ``params`` are the enclosing function's parameters."""
        if isinstance(node, ast.Constant):
            return self._constant(node.value)
        parts = _join_parts(self._parts(node, params))
        text = ast.unparse(node)
        if all(isinstance(part, str) for part in parts):
            return Known("".join(part for part in parts if isinstance(part, str)), text)
        prefix, suffix = "", ""
        if isinstance(parts[0], str):
            prefix, parts = parts[0], parts[1:]
        if len(parts) == 2 and isinstance(parts[1], str):
            suffix, parts = parts[1], parts[:1]
        variable = parts[0]
        if len(parts) == 1 and isinstance(variable, ast.Name) and variable.id in params:
            return FromParam(variable.id, prefix, suffix, text)
        return Built(prefix, text)

    @staticmethod
    def _constant(value: object) -> Arg:
        """Describe a constant: strings (and bytes, for ``os.environb``) can be names."""
        if isinstance(value, str):
            return Known(value, repr(value))
        if isinstance(value, bytes):
            return Known(value.decode("latin-1"), repr(value))
        return NotText("..." if value is Ellipsis else repr(value))

    def _parts(self, node: ast.expr, params: frozenset[str]) -> list[str | ast.expr]:
        """Split a string expression into literal text and run-time parts, in order."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [node.value]
        if isinstance(node, ast.Name):
            if node.id not in params and node.id in self.constants:
                return [self.constants[node.id]]
            return [node]
        if isinstance(node, ast.JoinedStr):
            return [part for value in node.values for part in self._formatted(value, params)]
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return self._parts(node.left, params) + self._parts(node.right, params)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            return self._printf(node, params)
        if isinstance(node, ast.Call):
            return self._format_call(node, params)
        return [node]

    def _formatted(self, value: ast.expr, params: frozenset[str]) -> list[str | ast.expr]:
        """Return the parts of one piece of an f-string."""
        if isinstance(value, ast.FormattedValue):
            return [value] if value.format_spec else self._parts(value.value, params)
        return self._parts(value, params)

    def _printf(self, node: ast.BinOp, params: frozenset[str]) -> list[str | ast.expr]:
        """Return the parts of ``"A_%s" % x`` (one ``%s``), else the text before ``%``."""
        template = node.left
        if not (isinstance(template, ast.Constant) and isinstance(template.value, str)):
            return [node]
        text = template.value
        if text.count("%") == 1 and "%s" in text and not isinstance(node.right, ast.Tuple):
            before, _, after = text.partition("%s")
            return [before, *self._parts(node.right, params), after]
        return [text.partition("%")[0], node]

    def _format_call(self, node: ast.Call, params: frozenset[str]) -> list[str | ast.expr]:
        """Return the parts of ``"A_{}".format(x)`` (one ``{}``); else the text before ``{``."""
        func = node.func
        if not (
            isinstance(func, ast.Attribute)
            and func.attr == "format"
            and isinstance(func.value, ast.Constant)
            and isinstance(func.value.value, str)
        ):
            return [node]
        text = func.value.value
        simple = text.count("{") == 1 and "{}" in text and len(node.args) == 1
        if simple and not node.keywords and not isinstance(node.args[0], ast.Starred):
            before, _, after = text.partition("{}")
            return [before, *self._parts(node.args[0], params), after]
        return [text.partition("{")[0], node]

    def arguments(self, call: ast.Call, params: frozenset[str]) -> _Args:
        """Describe a call's arguments (positional ones up to the first ``*args``)."""
        positional = []
        star = False
        for argument in call.args:
            if isinstance(argument, ast.Starred):
                star = True
                break
            positional.append(self.describe(argument, params))
        keywords = {}
        for keyword in call.keywords:
            if keyword.arg is None:
                star = True
            else:
                keywords[keyword.arg] = self.describe(keyword.value, params)
        return _Args(positional, keywords, star)


def _name_and_default(spec: _Spec, args: _Args) -> tuple[Arg | None, Arg | None]:
    """Return the described name and default a reader call passes (None when absent)."""
    name: Arg | None
    if args.positional:
        name = args.positional[0]
    elif spec.name_keyword in args.keywords:
        name = args.keywords[spec.name_keyword]
    elif args.star:
        name = Built("", "*")
    elif spec.fixed_name is not None:
        name = Known(spec.fixed_name, repr(spec.fixed_name))
    else:
        name = None
    if len(args.positional) > spec.default_index:
        default = args.positional[spec.default_index]
    else:
        default = args.keywords.get("default")
    return name, default


def _default_spec(default: Arg | None) -> tuple[str, str | None]:
    """Return a wrapper's default: ``("param", name)`` when it passes a parameter through,
    else ``("fixed", text or None)``."""
    if isinstance(default, FromParam) and not (default.prefix or default.suffix):
        return ("param", default.param)
    return ("fixed", None if default is None else default.text)


def _required(default: str | None, strict: bool | None) -> bool | None:
    """A read with a default never fails; without one it fails when the reader is strict."""
    return False if default is not None else strict


def _literal_string(node: ast.expr | None) -> str | None:
    """Return the value of a literal string expression, else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None
