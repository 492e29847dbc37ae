"""The join of other languages' commands across files (``analysers.commands``), on facts
written by hand: names through attachments, hidden commands, help verdicts."""

from docaudit.analysers.commands import Attach, Command, CommandFacts, Option, command_symbols
from docaudit.model.symbols import EMPTY, MISSING, OK, PLACEHOLDER, ModuleFacts


def module(path: str, **facts: tuple) -> ModuleFacts[CommandFacts]:
    """Return one file's command facts."""
    return ModuleFacts(path, path, {}, CommandFacts(**facts))


def rows(modules: list[ModuleFacts[CommandFacts]]) -> list[tuple]:
    """Return each CLI symbol's kind, name, place, publicness and problems."""
    return [
        (s.kind, s.qualname, s.path, s.line, s.public, s.problems)
        for s in command_symbols(modules)
    ]


def test_commands_attached_across_files_are_named_from_the_root() -> None:
    root = module(
        "cmd/root.go",
        commands=(Command("go:cmd#rootCmd", "tool", 10, OK),),
        options=(Option("go:cmd#rootCmd", "--config", 20, OK),),
    )
    serve = module(
        "cmd/serve.go",
        commands=(
            Command("go:cmd#serveCmd", "serve", 8, MISSING),
            Command("go:cmd#debugCmd", "debug", 15, PLACEHOLDER, hidden=True),
        ),
        options=(
            Option("go:cmd#serveCmd", "--port", 30, EMPTY),
            Option("go:cmd#debugCmd", "--trace", 31, OK),
        ),
        attachments=(
            Attach("go:cmd#rootCmd", "go:cmd#serveCmd", 40),
            Attach("go:cmd#serveCmd", "go:cmd#debugCmd", 41),
        ),
    )
    assert rows([root, serve]) == [
        ("cli-command", "tool", "cmd/root.go", 10, True, []),
        ("cli-option", "tool --config", "cmd/root.go", 20, True, []),
        ("cli-command", "tool serve", "cmd/serve.go", 8, True,
         ["missing help (cli-command-help)"]),
        # a placeholder is documented for a command, as for code; hidden: not public
        ("cli-command", "tool serve debug", "cmd/serve.go", 15, False, []),
        ("cli-option", "tool serve --port", "cmd/serve.go", 30, True,
         ["empty help (cli-option-help)"]),
        ("cli-option", "tool serve debug --trace", "cmd/serve.go", 31, False, []),
    ]  # fmt: skip


def test_a_command_attached_twice_has_both_names_and_a_cycle_ends() -> None:
    facts = module(
        "src/cli.ts",
        commands=(
            Command("js:src/cli#a", "a", 1, OK),
            Command("js:src/cli#b", "b", 2, OK),
            Command("js:src/cli#shared", "shared", 3, OK),
        ),
        attachments=(
            Attach("js:src/cli#a", "js:src/cli#shared", 4),
            Attach("js:src/cli#b", "js:src/cli#shared", 5),
            Attach("js:src/cli#b", "js:src/cli#a", 6),
            Attach("js:src/cli#a", "js:src/cli#b", 7),  # a cycle: a and b each other's
            Attach("js:src/cli#a", "js:nowhere#x", 8),  # nothing declares it: no command
        ),
    )
    # no root: each is named from where the cycle is entered, shared under both
    assert sorted(s.qualname for s in command_symbols([facts])) == [
        "a b",
        "a b shared",
        "b a",
        "b a shared",
    ]
