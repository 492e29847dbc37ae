"""The environment variables a Go file reads: ``os.Getenv("X")``, ``os.LookupEnv("X")``
(``syscall`` too; the name a literal, or a constant the file declares as one), the
``env:"X"`` struct tags of caarlos0/env (with ``envDefault``; ``required`` among the tag's
options makes it required), and viper's: ``BindEnv("key", "X")``, ``BindEnv("key")``
(``PREFIX_KEY``), and ``AutomaticEnv()``, which reads every ``PREFIX_*`` of its
``SetEnvPrefix("prefix")`` (a dynamic read). kelseyhightower/envconfig's
``envconfig.Process("app", &spec)`` reads ``APP_FIELD`` for each field of the spec's struct
when the file declares it (``envconfig:"X"`` names ``APP_X``, ``split_words:"true"``
splits ``MaxWorkers`` into ``MAX_WORKERS``, ``default:"d"``, ``required:"true"``,
``ignored:"true"``), else every ``APP_*`` (a dynamic read)."""

from __future__ import annotations

import re
from collections.abc import Callable

from tree_sitter import Node

from docaudit.analysers import treesitter
from docaudit.analysers.configuration.envvars.facts import Read
from docaudit.analysers.envreads import read, string_value
from docaudit.analysers.treesitter import line, text

MARKERS = (b"Getenv", b"LookupEnv", b"env:", b"viper.", b"envconfig.")
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
(call_expression
  function: (selector_expression
    operand: (identifier) @envconfig
    field: (field_identifier) @envconfig_function)
  arguments: (argument_list
    . (interpreted_string_literal) @prefix
    . (unary_expression
        operand: [(identifier) @spec (composite_literal type: (type_identifier) @spec_type)]))
  (#eq? @envconfig "envconfig")
  (#any-of? @envconfig_function "Process" "MustProcess")) @envconfig_call
(var_spec name: (identifier) @variable type: (type_identifier) @variable_type)
(type_spec name: (type_identifier) @struct_name type: (struct_type) @struct)
"""
_SPLIT = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
"""Where envconfig's ``split_words`` puts an ``_``: ``MaxWorkers``, ``APIKey`` ->
``MAX_WORKERS``, ``API_KEY``."""
_TAG = re.compile(r'(?:^|\s)(env|envDefault):"([^"]*)"')


def env_reads(grammar: Callable[[], object], root: Node, data: bytes) -> list[Read]:
    """Return the file's reads of environment variables, in source order."""
    if not any(marker in data for marker in MARKERS):
        return []
    reads = []
    viper = []
    processed = []
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
        if "envconfig_call" in match:
            processed.append(match)
            continue
        if "variable" in match or "struct" in match:
            continue
        argument = match["name"]
        name = constants.get(text(argument)) if argument.type == "identifier" else None
        name = name or string_value(argument)
        if name:
            source = f"os.{text(match['function'])}"
            required = False if source == "os.LookupEnv" else None
            reads.append(read(name, match["name"], source, None, required))
    return reads + _viper_reads(viper) + _envconfig_reads(processed, matched)


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


def _envconfig_reads(calls: list[dict[str, Node]], matched: list[dict[str, Node]]) -> list[Read]:
    """Return what the file's ``envconfig.Process`` calls read (see the module's
    docstring): each field of the spec's struct, or the prefix's every name."""
    types = {text(m["variable"]): text(m["variable_type"]) for m in matched if "variable" in m}
    structs = {text(m["struct_name"]): m["struct"] for m in matched if "struct" in m}
    reads = []
    for call in calls:
        prefix = (string_value(call["prefix"]) or "").upper()
        spec = call.get("spec_type") or call["spec"]
        struct = structs.get(types.get(text(spec), text(spec)))
        source = f"envconfig.{text(call['envconfig_function'])}"
        if struct is None:
            name = f"{prefix}_*" if prefix else "*"
            reads.append(
                Read(name, line(call["envconfig_call"]), source, None, None, None, False, True)
            )
            continue
        reads += _spec_reads(struct, prefix, source, structs)
    return reads


def _spec_reads(struct: Node, prefix: str, source: str, structs: dict[str, Node]) -> list[Read]:
    """Return the reads of one envconfig spec's fields (a field of a struct type the file
    declares is left out: envconfig reads its fields under a longer prefix)."""
    reads = []
    fields = struct.named_children[0].named_children if struct.named_children else []
    for field in fields:
        name_node = field.child_by_field_name("name")
        kind = field.child_by_field_name("type")
        if field.type != "field_declaration" or name_node is None or text(kind) in structs:
            continue
        tag = field.child_by_field_name("tag")
        tags = dict(_TAGS.findall(text(tag))) if tag is not None else {}
        if tags.get("ignored") == "true":
            continue
        field_name = text(name_node)
        own = tags.get("envconfig") or (
            _SPLIT.sub("_", field_name) if tags.get("split_words") == "true" else field_name
        )
        name = f"{prefix}_{own.upper()}" if prefix else own.upper()
        default = tags.get("default")
        required = True if tags.get("required") == "true" else (False if default else None)
        reads.append(read(name, name_node, source, f'"{default}"' if default else None, required))
    return reads


_TAGS = re.compile(r'(\w+):"([^"]*)"')
"""A struct tag's ``key:"value"`` pairs."""
