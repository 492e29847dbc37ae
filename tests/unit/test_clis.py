"""CLI commands and options (docaudit.analysers.apis.clis) on fixture projects counted by hand."""

from __future__ import annotations

import ast
import json
import tomllib

from docaudit.analysers.apis.clis import cli_symbols, collect
from docaudit.analysers.apis.clis.facts import CliFacts
from docaudit.analysers.python.names import ImportTable
from docaudit.model.codec import decode, encode
from docaudit.model.symbols import ModuleFacts, Symbol
from tests.helpers import FIXTURES, project_facts

CLIS = FIXTURES / "clis"


def load(name: str) -> tuple[list[ModuleFacts], dict[str, str]]:
    """Return a fixture project's facts (after a JSON round trip) and its scripts table."""
    root = CLIS / name
    modules = project_facts(root, "clis")
    cached = [
        ModuleFacts(
            m.path, m.module, m.aliases, decode(CliFacts, json.loads(json.dumps(encode(m.facts))))
        )
        for m in modules
    ]
    scripts: dict[str, str] = {}
    pyproject = root / "pyproject.toml"
    if pyproject.exists():
        scripts = tomllib.loads(pyproject.read_text())["project"].get("scripts", {})
    return cached, scripts


def rows(symbols: list[Symbol]) -> list[tuple[str, str, bool, bool]]:
    return [(s.kind, s.qualname, s.documented, s.public) for s in symbols]


def by_name(symbols: list[Symbol]) -> dict[str, Symbol]:
    return {s.qualname: s for s in symbols}


CMD, OPT = "cli-command", "cli-option"


# clickproj, counted by hand from the sources (script shipit = "shipit.cli:cli"):
# cli.py: group cli (docstring) + --verbose (help) + --config (no help); version_option and
#   pass_context are no symbols. sync-db (docstring before \f mentions TARGET): TARGET
#   documented by mention, --dry-run has help, --force hidden. status: short_help only, so
#   command and SERVICE undocumented. debug-dump hidden with its --token. init: help=,
#   PATH has help= (click 8.5), --template help="" is empty. cleanup: nothing before \f.
# db.py (attached with @cli.group across files): db, migrate, --to, --sql documented;
#   reset (name=) documented, confirmation_option no symbol, -y has no help.
# deploy.py (cli.add_command): deploy documented, ENVIRONMENT not in its help, --tag help.
# tools.py (rich_click, not a script): rebuild-index has no docstring, --all has help;
#   click.Command object purge: help=, params --older-than (help) and PATTERN (no help).
# 26 symbols, 17 documented; 21 reachable from the script.
CLICK_ROWS = [
    (OPT, "shipit --verbose", True, True),
    (OPT, "shipit --config", False, True),
    (CMD, "shipit", True, True),
    (OPT, "shipit sync-db TARGET", True, True),
    (OPT, "shipit sync-db --dry-run", True, True),
    (CMD, "shipit sync-db", True, True),
    (OPT, "shipit status SERVICE", False, True),
    (CMD, "shipit status", False, True),
    (OPT, "shipit init PATH", True, True),
    (OPT, "shipit init --template", False, True),
    (CMD, "shipit init", True, True),
    (CMD, "shipit cleanup", False, True),
    (CMD, "shipit db", True, True),
    (OPT, "shipit db migrate --to", True, True),
    (OPT, "shipit db migrate --sql", True, True),
    (CMD, "shipit db migrate", True, True),
    (OPT, "shipit db reset -y", False, True),
    (CMD, "shipit db reset", True, True),
    (OPT, "shipit deploy ENVIRONMENT", False, True),
    (OPT, "shipit deploy --tag", True, True),
    (CMD, "shipit deploy", True, True),
    (OPT, "rebuild-index --all", True, False),
    (CMD, "rebuild-index", False, False),
    (CMD, "purge", True, False),
    (OPT, "purge --older-than", True, False),
    (OPT, "purge PATTERN", False, False),
]


def test_click_project_commands_options_and_arguments():
    modules, scripts = load("clickproj")
    symbols = cli_symbols(modules, scripts)
    assert rows(symbols) == CLICK_ROWS
    assert sum(s.documented for s in symbols) == 17
    assert sum(s.public for s in symbols) == 21


def test_click_problems_name_the_rule_and_explain_the_judgement():
    modules, scripts = load("clickproj")
    found = by_name(cli_symbols(modules, scripts))
    assert found["shipit --config"].problems == ["missing help (cli-option-help)"]
    assert found["shipit status"].problems == ["missing help (cli-command-help)"]
    assert found["shipit status"].note == "short_help alone does not document a command"
    assert found["shipit status SERVICE"].problems == ["missing help (cli-argument-help)"]
    assert found["shipit init --template"].problems == ["empty help (cli-option-help)"]
    assert found["shipit cleanup"].problems == ["empty help (cli-command-help)"]
    assert found["shipit sync-db TARGET"].note == "named in the command's help"
    assert found["shipit db migrate"].level == "documented"
    assert found["shipit db reset -y"].level == "undocumented"


def test_click_locations_are_the_function_and_the_option_decorator():
    modules, scripts = load("clickproj")
    found = by_name(cli_symbols(modules, scripts))
    assert (found["shipit"].path, found["shipit"].line) == ("src/shipit/cli.py", 13)
    assert (found["shipit --verbose"].path, found["shipit --verbose"].line) == (
        "src/shipit/cli.py",
        9,
    )
    assert (found["shipit db migrate"].path, found["shipit db migrate"].line) == (
        "src/shipit/db.py",
        16,
    )
    assert found["purge PATTERN"].line == 16  # params=[...] of the click.Command(...) call


def test_click_without_scripts_names_the_program_after_the_group_and_nothing_is_public():
    modules, _ = load("clickproj")
    symbols = cli_symbols(modules)
    expected = [
        (kind, name.replace("shipit", "cli", 1), documented, False)
        for kind, name, documented, _public in CLICK_ROWS
    ]
    assert rows(symbols) == expected


def test_click_script_through_the_group_main_method():
    modules, _ = load("clickproj")
    symbols = cli_symbols(modules, {"ship": "shipit.cli:cli.main"})
    assert by_name(symbols)["ship db migrate --to"].public is True
    assert sum(s.public for s in symbols) == 21


# typerproj, counted by hand (script notes = "notes.main:app"):
# main.py: Typer(help=) documents `notes`; callback params: ctx (typer.Context, injected),
#   --folder (Annotated Option with help), quiet (plain with default: option, no help).
#   add-note: docstring, TEXT (Argument help), --pin (Option help). ls (name "ls"):
#   docstring, --limit no help, --all hidden. reindex hidden. export: no docstring, PATH a
#   plain parameter (argument without help).
# tags.py (add_typer name="tags", help=): tags documented by add_typer's help; rename
#   documented, OLD has help, NEW not; prune no docstring, --dry-run has help.
# tools/hello.py: a one-command Typer(name="hello") runs that command as the program:
#   hello (docstring), NAME (plain: undocumented), --shout (help). Not a script.
# 19 symbols, 12 documented, 16 public.
TYPER_ROWS = [
    (CMD, "notes", True, True),
    (OPT, "notes --folder", True, True),
    (OPT, "notes --quiet", False, True),
    (CMD, "notes add-note", True, True),
    (OPT, "notes add-note TEXT", True, True),
    (OPT, "notes add-note --pin", True, True),
    (CMD, "notes ls", True, True),
    (OPT, "notes ls --limit", False, True),
    (CMD, "notes export", False, True),
    (OPT, "notes export PATH", False, True),
    (CMD, "notes tags", True, True),
    (CMD, "notes tags rename", True, True),
    (OPT, "notes tags rename OLD", True, True),
    (OPT, "notes tags rename NEW", False, True),
    (CMD, "notes tags prune", False, True),
    (OPT, "notes tags prune --dry-run", True, True),
    (CMD, "hello", True, False),
    (OPT, "hello --shout", True, False),
    (OPT, "hello NAME", False, False),
]


def test_typer_project():
    modules, scripts = load("typerproj")
    symbols = cli_symbols(modules, scripts)
    assert rows(symbols) == TYPER_ROWS
    found = by_name(symbols)
    assert found["notes export PATH"].problems == ["missing help (cli-argument-help)"]
    assert found["notes --quiet"].problems == ["missing help (cli-option-help)"]
    assert (found["notes tags"].path, found["notes tags"].line) == ("src/notes/tags.py", 5)


# argproj, counted by hand (script imgtool = "imgtool.__main__:main", so the parser built in
# imgtool/__main__.py is named imgtool and public):
# imgtool (description=), --version (action="version": argparse writes its help), --quiet,
#   --debug suppressed. common is a parents= template: its --output shows under resize.
# resize (help=): --output, IMAGES (no help), --width (in a mutually exclusive group),
#   --scale (no help). convert (description=): SOURCE, --to (help="" in an argument group).
# info, registered by add_info_command(subparsers): no help; --json has help; selftest is
#   help=SUPPRESS so neither it nor its --fast counts.
# scripts/bench.py (prog="imgtool-bench", not a script): no description; RUNS has help;
#   --warmup (help=a constant) and --seed (**options) are not literals, counted as written;
#   --profile no help.
# 18 symbols, 12 documented, 13 public.
ARGPARSE_ROWS = [
    (CMD, "imgtool-bench", False, False),
    (OPT, "imgtool-bench RUNS", True, False),
    (OPT, "imgtool-bench --warmup", True, False),
    (OPT, "imgtool-bench --seed", True, False),
    (OPT, "imgtool-bench --profile", False, False),
    (CMD, "imgtool", True, True),
    (OPT, "imgtool --version", True, True),
    (OPT, "imgtool --quiet", True, True),
    (OPT, "imgtool resize --output", True, True),
    (CMD, "imgtool resize", True, True),
    (OPT, "imgtool resize IMAGES", False, True),
    (OPT, "imgtool resize --width", True, True),
    (OPT, "imgtool resize --scale", False, True),
    (CMD, "imgtool convert", True, True),
    (OPT, "imgtool convert SOURCE", True, True),
    (OPT, "imgtool convert --to", False, True),
    (CMD, "imgtool info", False, True),
    (OPT, "imgtool info --json", True, True),
]


def test_argparse_project():
    modules, scripts = load("argproj")
    symbols = cli_symbols(modules, scripts)
    assert rows(symbols) == ARGPARSE_ROWS
    found = by_name(symbols)
    assert found["imgtool-bench"].problems == ["missing description (cli-command-help)"]
    assert found["imgtool convert --to"].problems == ["empty help (cli-option-help)"]
    assert found["imgtool resize IMAGES"].problems == ["missing help (cli-argument-help)"]
    assert found["imgtool-bench --seed"].note == "help is not a literal; counted as written"


def test_argparse_program_is_the_file_stem_without_a_script():
    modules, _ = load("argproj")
    names = [s.qualname for s in cli_symbols(modules) if s.kind == CMD]
    # __main__.py is named after its package.
    assert names == [
        "imgtool-bench",
        "imgtool",
        "imgtool resize",
        "imgtool convert",
        "imgtool info",
    ]
    modules = [m for m in modules if m.path == "src/imgtool/__main__.py"]
    renamed = [ModuleFacts("src/imgtool/build.py", "imgtool.build", {}, modules[0].facts)]
    assert [s.qualname for s in cli_symbols(renamed) if s.kind == CMD][0] == "build"


# djproj, counted by hand: management/commands/ holds import_products (help, CSV_PATH with
# help, --dry-run without, --update and --skip in a mutually exclusive group with help),
# reindex (Command(ShopCommand), help = _("...")) and clear_cache (no help). _base.py defines
# no Command and starts with "_". Django commands are not [project.scripts]: none public.
# 7 symbols, 5 documented.
DJANGO_ROWS = [
    (CMD, "manage.py clear_cache", False, False),
    (CMD, "manage.py import_products", True, False),
    (OPT, "manage.py import_products CSV_PATH", True, False),
    (OPT, "manage.py import_products --dry-run", False, False),
    (OPT, "manage.py import_products --update", True, False),
    (OPT, "manage.py import_products --skip", True, False),
    (CMD, "manage.py reindex", True, False),
]


def test_django_management_commands():
    modules, _ = load("djproj")
    assert rows(cli_symbols(modules)) == DJANGO_ROWS


def test_django_command_outside_management_commands_is_not_counted():
    modules, _ = load("djproj")
    moved = [
        ModuleFacts(m.path.replace("management/commands", "tasks"), m.module, m.aliases, m.facts)
        for m in modules
    ]
    assert cli_symbols(moved) == []


# badinput/odd/weird.py, counted by hand: a group used before its definition (early under
# later; name=NAMES[0] is not literal, so the function name), a command on a group from an
# unknown import (kept, prefixed with the group's name), *args/**kwargs everywhere (counted
# as written when help may come from them), @click.argument() without a name, a command
# whose help and name are not literals, an option on a plain function (nothing), a group
# added to itself and add_command() of nothing, a typer command with *args/**kwargs and an
# injected Context (only --count), and sub-parsers made in a loop by a recursive helper.
BAD_ROWS = [
    (CMD, "later early", True, False),
    (CMD, "later", True, False),
    (OPT, "plugin-group vendor-hook --level", True, False),
    (CMD, "plugin-group vendor-hook", False, False),
    (OPT, "starry --limit", True, False),
    (OPT, "starry ?", True, False),
    (OPT, "starry ?", False, False),
    (CMD, "starry", True, False),
    (CMD, "dynamic-help", True, False),
    (CMD, "loop", False, False),
    (CMD, "app", True, False),
    (OPT, "app --count", True, False),
    (CMD, "weird ?", False, False),
    (OPT, "weird ? ?", False, False),
    (CMD, "weird", True, False),
]


def test_bad_input_never_crashes_and_the_rest_is_read():
    modules, _ = load("badinput")
    symbols = cli_symbols(modules)
    assert rows(symbols) == BAD_ROWS
    found = by_name(symbols)
    assert found["plugin-group vendor-hook"].note == (
        "group vendor_plugins.base.plugin_group not found"
    )


def test_broken_facts_are_skipped():
    good, _ = load("djproj")
    broken = [
        ModuleFacts("a.py", "a", {}, None),
        ModuleFacts("b.py", "b", {}, ["not", "a", "dict"]),
        ModuleFacts("c.py", "c", {}, {"functions": [None, {"name": "f", "line": 1}]}),
    ]
    assert rows(cli_symbols(broken + good)) == DJANGO_ROWS


def _collect(source: str, module: str = "pkg.mod") -> object:
    imports = ImportTable(module, "pkg")
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                imports.add_import(alias.name, alias.asname)
    return collect(tree, imports, source)


def test_collect_returns_none_for_files_without_cli_code():
    assert _collect("import re\n\n\ndef group(m):\n    return m.group(1)\n") is None
    assert _collect("import click\n\nCOLOR = click.style('x', fg='red')\n") is None


def test_collect_returns_json_ready_facts():
    facts = _collect("import click\n\n\n@click.command()\ndef hello():\n    '''Hi.'''\n")
    assert decode(CliFacts, json.loads(json.dumps(encode(facts)))) == facts
    assert [f.name for f in facts.functions] == ["hello"]


def test_output_is_sorted_by_path_line_and_qualname():
    modules, scripts = load("clickproj")
    symbols = cli_symbols(list(reversed(modules)), scripts)
    assert symbols == sorted(symbols, key=lambda s: (s.path, s.line, s.qualname))
    assert rows(symbols) == CLICK_ROWS
