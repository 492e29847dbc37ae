"""Go's command-line interfaces (``analysers.go.commands``): cobra and urfave/cli read
file by file from the fixture CLIs of ``fixtures/languages/commands/`` and joined by
``command_symbols``, and single cases on sources written here. Every expected value is
worked out by hand from the fixture texts.

Each fixture file is read under its path inside its CLI's folder, as an audit of that
folder would: another package is named by its import path (``example.com/tool/cmd/
serve``), which the join matches to the folder ``cmd/serve`` by a path suffix.
"""

from __future__ import annotations

from docaudit.analysers import treesitter
from docaudit.analysers.commands import Attach, Command, CommandFacts, Option, command_symbols
from docaudit.analysers.go.commands import command_reader
from docaudit.analysers.go.parse import GRAMMAR
from docaudit.model.symbols import EMPTY, MISSING, OK, PLACEHOLDER, ModuleFacts
from tests.helpers import FIXTURES

COMMANDS = FIXTURES / "languages" / "commands"


def read(source: str, path: str = "cmd/root.go") -> CommandFacts:
    """Return what the reader finds in one Go source."""
    data = source.encode()
    return command_reader(GRAMMAR, treesitter.parse(GRAMMAR, data).root_node, data, path)


def rows(library: str) -> list[tuple]:
    """Return each CLI symbol of a fixture CLI: kind, name, file, line, publicness and
    problems."""
    folder = COMMANDS / library
    modules = []
    for file in sorted(folder.rglob("*.go")):
        path = file.relative_to(folder).as_posix()
        modules.append(ModuleFacts(path, path, {}, read(file.read_text(), path)))
    return [
        (s.kind, s.qualname, s.path, s.line, s.public, s.problems)
        for s in command_symbols(modules)
    ]


def test_cobra() -> None:
    # root.go: Short "" but Long a constant of the file (documented); --verbose's usage
    # "" is empty; versionCmd (version.go) and serve.NewCommand() (by import path)
    # attached in init, newUserCmd() too. version.go: versionCmd has no Short or Long;
    # debug is Hidden, legacy Deprecated (cobra hides both), so they and their flags are
    # not public; version.go attaches them to rootCmd of root.go. user.go: the command
    # newUserCmd returns (its local cmd), its PersistentFlags held in a variable and a
    # usage fmt.Sprintf(...) (written); add built in place, "TODO" a placeholder (a
    # command's placeholder is documented); remove a local, --force's TODO is not,
    # --keep MarkHidden. serve.go: a local returned; "Timeout." restates --timeout;
    # Var and Func definitions; addTLSFlags(cmd) defines --cert on its parameter.
    assert rows("cobra") == [
        ("cli-command", "tool", "cmd/root.go", 14, True, []),
        ("cli-option", "tool --config", "cmd/root.go", 26, True, []),
        ("cli-option", "tool --verbose", "cmd/root.go", 27, True,
         ["empty help (cli-option-help)"]),
        ("cli-command", "tool serve", "cmd/serve/serve.go", 14, True, []),
        ("cli-option", "tool serve --port", "cmd/serve/serve.go", 19, True, []),
        ("cli-option", "tool serve --timeout", "cmd/serve/serve.go", 20, True,
         ["placeholder help (cli-option-help)"]),
        ("cli-option", "tool serve --log-level", "cmd/serve/serve.go", 21, True, []),
        ("cli-option", "tool serve --header", "cmd/serve/serve.go", 22, True, []),
        ("cli-option", "tool serve --cert", "cmd/serve/serve.go", 28, True, []),
        ("cli-command", "tool user", "cmd/user.go", 10, True, []),
        ("cli-option", "tool user --org", "cmd/user.go", 15, True, []),
        ("cli-command", "tool user add", "cmd/user.go", 16, True, []),
        ("cli-command", "tool user remove", "cmd/user.go", 20, True, []),
        ("cli-option", "tool user remove --force", "cmd/user.go", 21, True,
         ["placeholder help (cli-option-help)"]),
        ("cli-option", "tool user remove --keep", "cmd/user.go", 22, False, []),
        ("cli-command", "tool version", "cmd/version.go", 5, True,
         ["missing help (cli-command-help)"]),
        ("cli-command", "tool debug", "cmd/version.go", 10, False, []),
        ("cli-command", "tool legacy", "cmd/version.go", 16, False, []),
        ("cli-option", "tool version --short", "cmd/version.go", 23, True, []),
        ("cli-option", "tool debug --dump", "cmd/version.go", 25, False, []),
    ]  # fmt: skip


def test_urfave_cli() -> None:
    # main.go (v2): the App's flags: langFlag a variable of the file (its own line), a
    # one-letter name -q, --trace Hidden; its Commands written without a type: hello
    # (a TODO, documented as a command's placeholder) with Subcommands world
    # (Description documents it), goodbyeCommand of goodbye.go (no Usage), internal
    # Hidden. v3tool (v3): a root Command with no Name takes its folder's name, as go
    # build names the program; its Arguments are positional, documented by UsageText.
    assert rows("urfave") == [
        ("cli-command", "greet goodbye", "goodbye.go", 5, True,
         ["missing help (cli-command-help)"]),
        ("cli-option", "greet goodbye --after", "goodbye.go", 8, True, []),
        ("cli-option", "greet --lang", "main.go", 9, True, []),
        ("cli-command", "greet", "main.go", 16, True, []),
        ("cli-option", "greet -q", "main.go", 21, True, ["empty help (cli-option-help)"]),
        ("cli-option", "greet --trace", "main.go", 22, False, []),
        ("cli-command", "greet hello", "main.go", 25, True, []),
        ("cli-command", "greet hello world", "main.go", 29, True, []),
        ("cli-command", "greet internal", "main.go", 33, False, []),
        ("cli-command", "v3tool", "v3tool/main.go", 11, True, []),
        ("cli-option", "v3tool <src>", "v3tool/main.go", 14, True, []),
        ("cli-option", "v3tool <dst>", "v3tool/main.go", 15, True,
         ["missing help (cli-option-help)"]),
        ("cli-command", "v3tool check", "v3tool/main.go", 18, True, []),
    ]  # fmt: skip


def test_a_file_without_a_cli_is_not_read() -> None:
    assert read('package cmd\n\nfunc f() { x.Run("serve") }\n') == CommandFacts()


def test_flag_definitions_and_their_help() -> None:
    facts = read(
        """package cmd

import c "github.com/spf13/cobra"

const portHelp = "port to " + "listen on"

var root = &c.Command{Use: "tool", Short: "Greets people"}

func init() {
	root.Flags().StringVarP(&s, "name", "n", "x", "who to greet")
	root.Flags().CountP("verbose", "v", "more output")
	root.Flags().IntVar(&port, "port", 80, portHelp)
	root.Flags().BoolFunc("dry", "", func(string) error { return nil })
	root.Flags().Lookup("name")
	root.Flags().StringVarP(&s, flagName, "f", "", "a name from elsewhere")
	other.Flags().Bool("x", false, "on a command no file declares")
}
"""
    )
    assert facts == CommandFacts(
        commands=(Command("go:cmd#root", "tool", 7, OK),),
        options=(
            Option("go:cmd#root", "--name", 10, OK),
            Option("go:cmd#root", "--verbose", 11, OK),
            Option("go:cmd#root", "--port", 12, OK),  # a constant's text
            Option("go:cmd#root", "--dry", 13, EMPTY),  # Func: the usage before fn
            Option("go:cmd#other", "--x", 16, OK),  # the join drops it
        ),
    )


def test_commands_of_methods_closures_and_assignments() -> None:
    facts = read(
        """package app

import "github.com/spf13/cobra"

var rootCmd *cobra.Command

func init() {
	rootCmd = &cobra.Command{Use: "app"}
}

func (o *options) command() *cobra.Command {
	c := &cobra.Command{Use: "run", Short: "Run", RunE: func(*cobra.Command, []string) error {
		return nil
	}}
	return c
}

func main() {
	local := &cobra.Command{Use: "local"}
	rootCmd.AddCommand(local, o.command(), other.New(), ext.Cmd)
}
""",
        "internal/app/root.go",
    )
    assert facts == CommandFacts(
        commands=(
            Command("go:internal/app#rootCmd", "app", 8, MISSING),  # a package variable
            Command("go:internal/app#options.command", "run", 12, PLACEHOLDER),
            Command("go:internal/app#main.local", "local", 19, MISSING),
        ),
        attachments=(
            Attach("go:internal/app#rootCmd", "go:internal/app#main.local", 20),
            # a method's call, an unknown package's: not followed
        ),
    )


def test_a_urfave_root_at_the_repository_root_is_named_by_its_variable() -> None:
    facts = read(
        'package main\n\nimport "github.com/urfave/cli"\n\nvar app = cli.App{}\n', "main.go"
    )
    assert facts.commands == (Command("go:.#app", "app", 5, MISSING),)
