"""JavaScript's and TypeScript's command-line interfaces (``analysers.javascript.commands``):
commander and yargs read file by file from the fixture CLIs of
``fixtures/languages/commands/`` and joined by ``command_symbols``, and single cases on
sources written here. Every expected value is worked out by hand from the fixture texts.

Each fixture file is read under its path inside its CLI's folder, as an audit of that
folder would: a command another file holds is named by its key (``js:<module>#<name>``),
its module resolved from the relative import.
"""

from __future__ import annotations

from docaudit.analysers import treesitter
from docaudit.analysers.commands import Attach, Command, CommandFacts, command_symbols
from docaudit.analysers.javascript import grammar
from docaudit.analysers.javascript.commands import command_reader
from docaudit.model.symbols import MISSING, OK, ModuleFacts
from tests.helpers import FIXTURES

COMMANDS = FIXTURES / "languages" / "commands"


def read(source: str, path: str = "src/cli.ts") -> CommandFacts:
    """Return what the reader finds in one source, parsed by the grammar of its suffix."""
    data = source.encode()
    language, _ = grammar(path)
    return command_reader(language, treesitter.parse(language, data).root_node, data, path)


def rows(library: str) -> list[tuple]:
    """Return each CLI symbol of a fixture CLI: kind, name, file, line, publicness and
    problems."""
    folder = COMMANDS / library
    modules = []
    for file in sorted(folder.rglob("*")):
        if file.suffix in (".js", ".ts"):
            path = file.relative_to(folder).as_posix()
            modules.append(ModuleFacts(path, path, {}, read(file.read_text(), path)))
    return [
        (s.kind, s.qualname, s.path, s.line, s.public, s.problems)
        for s in command_symbols(modules)
    ]


def names(facts: CommandFacts) -> list[tuple[str, ...]]:
    """Return one file's facts, shortly: each command's key, name and help verdict, and
    each option's command key, name and verdict."""
    return [(c.key, c.name, c.help) for c in facts.commands] + [
        (o.command, o.name, o.help) for o in facts.options
    ]


def test_commander() -> None:
    # bin/tool.ts: program named by .name(), described; .version() is a --version
    # commander describes; --quiet has no description; --trace a hidden Option. init:
    # its <dir> described by .description()'s second argument; --force "TODO". debug
    # hidden; deploy an executable subcommand (its description as second argument),
    # <target> undescribed. serve.ts: the exported serveCommand, its JSDoc no help;
    # --open ""; --cert added by addTls(command) on its parameter, called before it is
    # defined. build.ts: makeBuild (the default export) returns build, whose "Build"
    # restates its name (a command's placeholder is documented); addWatch, defined
    # first, read again once build is passed to it. legacy/cli.js: require("commander")
    # is the program (named by the file: cli), first used on line 4; the --${platform}
    # template is no name; install hidden by noHelp, --global a required Option.
    assert rows("commander") == [
        ("cli-command", "tool", "bin/tool.ts", 6, True, []),
        ("cli-option", "tool --version", "bin/tool.ts", 11, True, []),
        ("cli-option", "tool --config", "bin/tool.ts", 12, True, []),
        ("cli-option", "tool --quiet", "bin/tool.ts", 13, True,
         ["missing help (cli-option-help)"]),
        ("cli-option", "tool --trace", "bin/tool.ts", 14, False, []),
        ("cli-command", "tool init", "bin/tool.ts", 17, True, []),
        ("cli-option", "tool init <dir>", "bin/tool.ts", 17, True, []),
        ("cli-option", "tool init --force", "bin/tool.ts", 19, True,
         ["placeholder help (cli-option-help)"]),
        ("cli-command", "tool debug", "bin/tool.ts", 22, False, []),
        ("cli-command", "tool deploy", "bin/tool.ts", 24, True, []),
        ("cli-option", "tool deploy <target>", "bin/tool.ts", 24, True,
         ["missing help (cli-option-help)"]),
        ("cli-command", "cli", "legacy/cli.js", 4, True, ["missing help (cli-command-help)"]),
        ("cli-option", "cli --version", "legacy/cli.js", 5, True, []),
        ("cli-option", "cli --list", "legacy/cli.js", 7, True, []),
        ("cli-command", "cli install", "legacy/cli.js", 13, False,
         ["missing help (cli-command-help)"]),
        ("cli-option", "cli install <name>", "legacy/cli.js", 13, False,
         ["missing help (cli-option-help)"]),
        ("cli-option", "cli install --global", "legacy/cli.js", 14, False, []),
        ("cli-option", "tool build --watch", "src/commands/build.ts", 4, True, []),
        ("cli-command", "tool build", "src/commands/build.ts", 8, True, []),
        ("cli-command", "tool serve", "src/commands/serve.ts", 4, True,
         ["missing help (cli-command-help)"]),
        ("cli-option", "tool serve <root>", "src/commands/serve.ts", 5, True, []),
        ("cli-option", "tool serve --port", "src/commands/serve.ts", 6, True, []),
        ("cli-option", "tool serve --open", "src/commands/serve.ts", 7, True,
         ["empty help (cli-option-help)"]),
        ("cli-option", "tool serve --cert", "src/commands/serve.ts", 13, True, []),
    ]  # fmt: skip


def test_commander_keys_across_files() -> None:
    source = (COMMANDS / "commander" / "bin" / "tool.ts").read_text()
    assert read(source, "bin/tool.ts").attachments == (
        Attach("js:bin/tool#program", "js:bin/tool#program init", 17),
        Attach("js:bin/tool#program", "js:bin/tool#program debug", 22),
        Attach("js:bin/tool#program", "js:bin/tool#program deploy", 24),
        Attach("js:bin/tool#program", "js:src/commands/serve#serveCommand", 26),
        Attach("js:bin/tool#program", "js:src/commands/build#default", 27),
    )


def test_yargs() -> None:
    # bin/cli.js: yargs(hideBin(...)) named by scriptName; its help the usage text
    # without its $0 line; the $0 command's --out is the root's. init: <dir> described
    # by positional(), -t long by its alias. clean: description false (hidden). serve:
    # a command module file (cmds/serve.js) by require. deploy: a module object, "TODO"
    # (documented for a command), --dry undescribed (its alias n is short). --verbose's
    # description a call (written); --color declared by boolean(), described, hidden.
    # cmds/serve.js: exports.command...; <port> described ""; --open by desc.
    # cmds/publish.ts: an exported CommandModule nothing attaches here (a root named by
    # its command), no describe; its alias pub no name; --tag hidden.
    assert rows("yargs") == [
        ("cli-command", "site", "bin/cli.js", 7, True, []),
        ("cli-option", "site --out", "bin/cli.js", 10, True, []),
        ("cli-command", "site init", "bin/cli.js", 11, True, []),
        ("cli-option", "site init <dir>", "bin/cli.js", 11, True, []),
        ("cli-option", "site init --template", "bin/cli.js", 14, True, []),
        ("cli-command", "site clean", "bin/cli.js", 16, False,
         ["missing help (cli-command-help)"]),
        ("cli-command", "site deploy", "bin/cli.js", 19, True, []),
        ("cli-option", "site deploy <target>", "bin/cli.js", 19, True,
         ["missing help (cli-option-help)"]),
        ("cli-option", "site deploy --dry", "bin/cli.js", 21, True,
         ["missing help (cli-option-help)"]),
        ("cli-option", "site --verbose", "bin/cli.js", 24, True, []),
        ("cli-option", "site --color", "bin/cli.js", 25, False, []),
        ("cli-command", "publish", "cmds/publish.ts", 4, True,
         ["missing help (cli-command-help)"]),
        ("cli-option", "publish <channel>", "cmds/publish.ts", 4, True,
         ["missing help (cli-option-help)"]),
        ("cli-option", "publish --tag", "cmds/publish.ts", 5, False, []),
        ("cli-command", "site serve", "cmds/serve.js", 1, True, []),
        ("cli-option", "site serve <port>", "cmds/serve.js", 1, True,
         ["empty help (cli-option-help)"]),
        ("cli-option", "site serve --open", "cmds/serve.js", 4, True, []),
    ]  # fmt: skip


def test_a_file_without_either_library_is_not_read() -> None:
    # read, the object would be a command module (a command and a describe); without
    # commander, yargs, or a handler or builder anywhere, the file is not queried
    assert read('const m = { command: "serve", describe: "Serve it." };\n') == CommandFacts()
    assert read('const m = { command: "serve", describe: "Serve it.", handler };\n') == (
        CommandFacts(commands=(Command("js:src/cli#m", "serve", 1, OK),))
    )


def test_yargs_usage_alone_is_no_help_and_usage_with_a_description_is() -> None:
    bare = read(
        'import yargs from "yargs";\nyargs(process.argv).usage("Usage: $0 <x>").parse();\n'
    )
    described = read(
        'import yargs from "yargs";\n'
        'yargs(process.argv).usage("$0 [file]", "Lint a file.", (y) =>\n'
        '  y.positional("file", { describe: "The file to lint." })).parse();\n'
    )
    assert names(bare) == [("js:src/cli#yargs", "cli", MISSING)]
    assert names(described) == [
        ("js:src/cli#yargs", "cli", OK),
        ("js:src/cli#yargs", "<file>", OK),
    ]


def test_a_helper_given_two_commands_adds_its_options_to_both() -> None:
    # release-please's shape: builders pass their yargs through shared helpers; the
    # parameter named yargs hides the module's yargs
    facts = read(
        'import * as yargs from "yargs";\n'
        "function common(yargs) {\n"
        '  return yargs.option("token", { describe: "A token." });\n'
        "}\n"
        "function more(y) {\n"
        '  return y.option("draft", { describe: "A draft." });\n'
        "}\n"
        "export const parser = yargs\n"
        '  .command({ command: "a", describe: "Add it.",\n'
        "    builder(y) { return more(common(y)); } })\n"
        '  .command({ command: "b", describe: "Build it.", builder: (y) => common(y) })\n'
        '  .scriptName("tool");\n'
    )
    assert sorted(o[:2] for o in names(facts)[3:]) == [
        ("js:src/cli#yargs a", "--draft"),
        ("js:src/cli#yargs a", "--token"),
        ("js:src/cli#yargs b", "--token"),
    ]
    assert names(facts)[:3] == [
        ("js:src/cli#yargs", "tool", MISSING),
        ("js:src/cli#yargs a", "a", OK),
        ("js:src/cli#yargs b", "b", OK),
    ]


def test_commander_namespace_create_command_and_exports() -> None:
    facts = read(
        'import * as commander from "commander";\n'
        'export default new commander.Command("serve").description("Serve it.");\n'
        'const make = commander.createCommand("make");\n'
        "exports.make = make;\n",
        "src/commands/index.js",
    )
    # src/commands/index.js is the module src/commands
    assert facts == CommandFacts(
        commands=(
            Command("js:src/commands#default", "serve", 2, OK),
            Command("js:src/commands#make", "make", 3, MISSING),
        )
    )


def test_commands_nested_in_deep_arguments_do_not_exhaust_the_stack() -> None:
    depth = 400
    nested = "program.addCommand(" * depth + 'new Command("x")' + ")" * depth
    facts = read(f'import {{ program, Command }} from "commander";\n{nested};\n')
    # evaluations nest 64 deep at most, and the main loop reads every call by itself:
    # x is created and attached once; each addCommand returns program (never its own
    # subcommand)
    assert facts == CommandFacts(
        commands=(
            Command("js:src/cli#program", "cli", 2, MISSING),
            Command("js:src/cli#x", "x", 2, MISSING),
        ),
        attachments=(Attach("js:src/cli#program", "js:src/cli#x", 2),),
    )


def test_a_library_instance_only_read_is_no_command() -> None:
    # another file builds the program; this one reads its options
    assert read('import { program } from "commander";\nconst o = program.opts();\n') == (
        CommandFacts()
    )
    assert read('const argv = require("yargs").argv;\n', "bin/x.js") == CommandFacts()
