"""The environment variables a Go file reads: ``os.Getenv("X")``, ``os.LookupEnv("X")``
(``syscall`` too; the name a literal, or a constant the file declares as one), the
``env:"X"`` struct tags of caarlos0/env (with ``envDefault``; ``required`` among the tag's
options makes it required), and viper's: ``BindEnv("key", "X")``, ``BindEnv("key")``
(``PREFIX_KEY``), and ``AutomaticEnv()``, which reads every ``PREFIX_*`` of its
``SetEnvPrefix("prefix")`` (a dynamic read)."""

from __future__ import annotations

import re
from collections.abc import Callable

from tree_sitter import Node

from docaudit.analysers import treesitter
from docaudit.analysers.configuration.envvars.facts import Read
from docaudit.analysers.envreads import read, string_value
from docaudit.analysers.treesitter import line, text

MARKERS = (b"Getenv", b"LookupEnv", b"env:", b"viper.")
"""A literal part of every reader: a file holding none is not queried."""

_QUERY = """
(call_expression
  function: (selector_expression
    operand: (identifier) @package
    field: (field_identifier) @function)
  arguments: (argument_list . [(interpreted_string_literal) (identifier)] @name)
  (#any-of? @package "os" "syscall")
  (#any-of? @function "Getenv" "LookupEnv")) @call
(field_declaration tag: (raw_string_literal) @tag)
(const_spec
  name: (identifier) @constant
  value: (expression_list . (interpreted_string_literal) @constant_value .))
(call_expression
  function: (selector_expression
    operand: (identifier) @viper
    field: (field_identifier) @viper_function)
  arguments: (argument_list) @arguments
  (#eq? @viper "viper")
  (#any-of? @viper_function "SetEnvPrefix" "AutomaticEnv" "BindEnv")) @viper_call
"""
_TAG = re.compile(r'(?:^|\s)(env|envDefault):"([^"]*)"')


def env_reads(grammar: Callable[[], object], root: Node, data: bytes) -> list[Read]:
    """Return the file's reads of environment variables, in source order."""
    if not any(marker in data for marker in MARKERS):
        return []
    reads = []
    viper = []
    matched = treesitter.matches(grammar, _QUERY, root)
    constants = {
        text(match["constant"]): string_value(match["constant_value"])
        for match in matched
        if "constant" in match
    }
    for match in matched:
        if "constant" in match:
            continue
        if "tag" in match:
            reads += _tag_reads(match["tag"])
            continue
        if "viper_call" in match:
            viper.append(match)
            continue
        argument = match["name"]
        name = constants.get(text(argument)) if argument.type == "identifier" else None
        name = name or string_value(argument)
        if name:
            source = f"os.{text(match['function'])}"
            required = False if source == "os.LookupEnv" else None
            reads.append(read(name, match["name"], source, None, required))
    return reads + _viper_reads(viper)


def _tag_reads(tag: Node) -> list[Read]:
    """Return the variable a struct field's ``env:"X"`` tag names, if any."""
    fields = dict(match.groups() for match in _TAG.finditer(text(tag).strip("`")))
    name, _, options = fields.get("env", "").partition(",")
    if not name or name == "-":
        return []
    default = fields.get("envDefault")
    required = True if "required" in options.split(",") else (False if default else None)
    return [read(name, tag, "env struct tag", f'"{default}"' if default else None, required)]


def _viper_reads(calls: list[dict[str, Node]]) -> list[Read]:
    """Return what viper's calls in one file read (its prefix is the file's
    ``SetEnvPrefix``, upper-cased, as viper joins it: ``PREFIX_KEY``)."""
    prefix = ""
    for call in calls:
        if text(call["viper_function"]) == "SetEnvPrefix":
            prefix = (_strings(call["arguments"])[:1] or [""])[0].upper()
    reads = []
    for call in calls:
        function = text(call["viper_function"])
        source = f"viper.{function}"
        if function == "AutomaticEnv" and prefix:
            name = f"{prefix}_*"
            reads.append(
                Read(name, line(call["viper_call"]), source, None, None, None, False, True)
            )
        elif function == "BindEnv":
            key, *names = _strings(call["arguments"]) or [""]
            if not names and key:
                names = [f"{prefix}_{key.upper()}" if prefix else key.upper()]
            reads += [read(name, call["viper_call"], source, None, None) for name in names]
    return reads


def _strings(arguments: Node) -> list[str]:
    """Return the plain string literals among a call's arguments, in order."""
    values = (string_value(node) for node in arguments.named_children)
    return [value for value in values if value]
