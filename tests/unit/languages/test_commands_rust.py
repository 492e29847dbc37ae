"""Rust's command-line interfaces (``analysers.rust.commands``): clap's derive and
builder APIs read file by file from the fixture CLIs of ``fixtures/languages/commands/``
and joined by ``command_symbols``, and single cases on sources written here. Every
expected value is worked out by hand from the fixture texts.

Each fixture file is read under its path below ``fixtures/languages/commands/``
(``clap-derive/src/main.rs``): the crate's folder names the program when no
``#[command(name)]`` does, as the crate's name would (Cargo.toml is not read).
"""

from __future__ import annotations

from docaudit.analysers import treesitter
from docaudit.analysers.commands import Attach, Command, CommandFacts, Option, command_symbols
from docaudit.analysers.rust.commands import command_reader, crate_root, module_path
from docaudit.analysers.rust.parse import GRAMMAR
from docaudit.model.symbols import EMPTY, MISSING, OK, PLACEHOLDER, ModuleFacts
from tests.helpers import FIXTURES

COMMANDS = FIXTURES / "languages" / "commands"


def read(source: str, path: str = "src/main.rs") -> CommandFacts:
    """Return what the reader finds in one Rust source."""
    data = source.encode()
    return command_reader(GRAMMAR, treesitter.parse(GRAMMAR, data).root_node, data, path)


def rows(library: str) -> list[tuple]:
    """Return each CLI symbol of a fixture CLI: kind, name, file, line, publicness and
    problems."""
    modules = []
    for file in sorted((COMMANDS / library).rglob("*.rs")):
        path = file.relative_to(COMMANDS).as_posix()
        modules.append(ModuleFacts(path, path, {}, read(file.read_text(), path)))
    return [
        (s.kind, s.qualname, s.path, s.line, s.public, s.problems)
        for s in command_symbols(modules)
    ]


def test_clap_derive() -> None:
    # main.rs: Cli (no name: the crate's folder) documented by its doc comment;
    # --verbose by its doc, --config's help "TODO" a placeholder, --dry (long = "dry")
    # hidden, --json flattened from Output. Commands: serve's fields -p/--listen-port
    # and the positional <address>; init wraps cli/init.rs's InitArgs (through `use`):
    # no doc on the variant, so the struct's, in another file, counts as written, and
    # that file's arguments are init's; report wraps an undocumented ReportArgs (its
    # -y undocumented), export a documented ExportArgs; stock nests StockCommands
    # (AddItem in kebab-case, its <name> and remove undocumented); gc named and hidden;
    # Internal skipped.
    assert rows("clap-derive") == [
        ("cli-option", "clap-derive init <path>", "clap-derive/src/cli/init.rs", 7, True, []),
        ("cli-option", "clap-derive init --force", "clap-derive/src/cli/init.rs", 10, True,
         ["missing help (cli-option-help)"]),
        ("cli-command", "clap-derive", "clap-derive/src/main.rs", 9, True, []),
        ("cli-option", "clap-derive --verbose", "clap-derive/src/main.rs", 12, True, []),
        ("cli-option", "clap-derive --config", "clap-derive/src/main.rs", 15, True,
         ["placeholder help (cli-option-help)"]),
        ("cli-option", "clap-derive --dry", "clap-derive/src/main.rs", 18, False,
         ["missing help (cli-option-help)"]),
        ("cli-option", "clap-derive --json", "clap-derive/src/main.rs", 31, True, []),
        ("cli-command", "clap-derive serve", "clap-derive/src/main.rs", 37, True, []),
        ("cli-option", "clap-derive serve --listen-port", "clap-derive/src/main.rs", 40, True,
         []),
        ("cli-option", "clap-derive serve <address>", "clap-derive/src/main.rs", 42, True, []),
        ("cli-command", "clap-derive init", "clap-derive/src/main.rs", 44, True, []),
        ("cli-command", "clap-derive report", "clap-derive/src/main.rs", 45, True,
         ["missing help (cli-command-help)"]),
        ("cli-command", "clap-derive export", "clap-derive/src/main.rs", 46, True, []),
        ("cli-command", "clap-derive stock", "clap-derive/src/main.rs", 49, True, []),
        ("cli-command", "clap-derive gc", "clap-derive/src/main.rs", 51, False, []),
        ("cli-option", "clap-derive report -y", "clap-derive/src/main.rs", 59, True,
         ["missing help (cli-option-help)"]),
        ("cli-option", "clap-derive export --out", "clap-derive/src/main.rs", 67, True, []),
        ("cli-command", "clap-derive stock add-item", "clap-derive/src/main.rs", 73, True, []),
        ("cli-option", "clap-derive stock add-item <name>", "clap-derive/src/main.rs", 73, True,
         ["missing help (cli-option-help)"]),
        ("cli-command", "clap-derive stock remove", "clap-derive/src/main.rs", 74, True,
         ["missing help (cli-command-help)"]),
    ]  # fmt: skip


def test_clap_builder() -> None:
    # main.rs: cli() returns tool's chain: arg! macros (--config; test's --list with a
    # method after it), -v a short-only Arg without help; serve is commands/serve.rs's
    # command() (the path through `mod commands`); test built in place; debug hidden
    # (and undocumented) in a subcommands([...]) array beside version(), whose chain
    # starts from its variable: "Version" restates the name (a command's placeholder
    # is documented), its positional arg! [format] a TODO. serve.rs: no about; a
    # variable's Arg (--token, hidden), a short and long --port, a positional with an
    # empty help, an .args([...]) element documented by long_help.
    assert rows("clap-builder") == [
        ("cli-option", "tool serve --token", "clap-builder/src/commands/serve.rs", 4, False, []),
        ("cli-command", "tool serve", "clap-builder/src/commands/serve.rs", 5, True,
         ["missing help (cli-command-help)"]),
        ("cli-option", "tool serve --port", "clap-builder/src/commands/serve.rs", 6, True, []),
        ("cli-option", "tool serve <address>", "clap-builder/src/commands/serve.rs", 7, True,
         ["empty help (cli-option-help)"]),
        ("cli-option", "tool serve --workers", "clap-builder/src/commands/serve.rs", 9, True,
         []),
        ("cli-command", "tool", "clap-builder/src/main.rs", 6, True, []),
        ("cli-option", "tool --config", "clap-builder/src/main.rs", 8, True, []),
        ("cli-option", "tool -v", "clap-builder/src/main.rs", 9, True,
         ["missing help (cli-option-help)"]),
        ("cli-command", "tool test", "clap-builder/src/main.rs", 12, True, []),
        ("cli-option", "tool test --list", "clap-builder/src/main.rs", 14, True, []),
        ("cli-command", "tool debug", "clap-builder/src/main.rs", 16, False,
         ["missing help (cli-command-help)"]),
        ("cli-command", "tool version", "clap-builder/src/main.rs", 20, True, []),
        ("cli-option", "tool version <format>", "clap-builder/src/main.rs", 21, True,
         ["placeholder help (cli-option-help)"]),
    ]  # fmt: skip


def test_a_file_without_clap_is_not_read() -> None:
    assert read("fn main() { Parser::new().run(); }\n") == CommandFacts()


def test_module_paths() -> None:
    assert [module_path(p) for p in ("src/main.rs", "src/cli/mod.rs", "src/cli.rs")] == [
        "src",
        "src/cli",
        "src/cli",
    ]
    assert crate_root("tools/x/src/bin/x/main.rs") == "tools/x/src/bin/x"
    assert crate_root("crates/core/src/cli/mod.rs") == "crates/core/src"


def test_a_binary_is_named_by_its_file_and_clap_3_attributes_are_read() -> None:
    facts = read(
        """use clap::Parser;

/// Sync the mirror.
///
/// Fetches every remote, then prunes.
#[derive(Parser)]
#[clap(rename_all = "snake_case", about)]
struct Opts {
    #[clap(long, hide(true))]
    dry_run: bool,
    #[clap(short('n'), long_help = concat!("how ", "many"))]
    count: u32,
    #[arg(skip)]
    state: u8,
    #[doc = "Where to sync"]
    target: String,
}
""",
        "src/bin/sync-mirror.rs",
    )
    key = "rust:src/bin/sync-mirror#Opts"
    assert facts == CommandFacts(
        commands=(Command(key, "sync-mirror", 8, OK),),  # a bare about: Cargo's description
        options=(
            Option(key, "--dry_run", 10, MISSING, hidden=True),  # the struct's rename_all
            Option(key, "-n", 12, OK),  # a macro's text: written
            Option(key, "<target>", 16, OK),  # #[doc = ...]
        ),
    )


def test_a_variant_renamed_by_its_enum_and_a_flattened_enum() -> None:
    facts = read(
        """mod cli {
    #[derive(clap::Subcommand)]
    #[command(rename_all = "UPPER")]
    pub enum Top {
        /// List all
        ListAll,
        #[command(flatten)]
        More(Extra),
    }

    #[derive(clap::Subcommand)]
    pub enum Extra {
        /// Prune the cache
        Prune,
    }
}
""",
        "crates/app/src/main.rs",
    )
    top, extra = "rust:crates/app/src/cli#Top", "rust:crates/app/src/cli#Extra"
    assert facts == CommandFacts(
        commands=(
            # the doc restates the variant's name
            Command(f"{top}::ListAll", "LISTALL", 6, PLACEHOLDER),
            Command(f"{extra}::Prune", "prune", 14, OK),
        ),
        attachments=(
            Attach(top, f"{top}::ListAll", 6),
            # Extra's variants are Top's: attached to whatever holds Top, and to Extra
            Attach(extra, f"{extra}::Prune", 14),
            Attach(top, f"{extra}::Prune", 14),
        ),
    )


def test_a_builder_variable_reassigned_and_another_crates_command() -> None:
    facts = read(
        """use clap::Command;
use tool_cmds::serve;

pub fn build() {
    let mut app = Command::new(env!("CARGO_PKG_NAME")).long_about("");
    app = app.subcommand(serve::cli()).subcommand(helper::Cmd::make());
    app.get_matches();
}
""",
        "cli/src/lib.rs",
    )
    key = "rust:cli/src#build.app"
    assert facts == CommandFacts(
        # a name that is not a literal: the program's, the crate's folder
        commands=(Command(key, "cli", 5, EMPTY),),
        attachments=(
            Attach(key, "rust:tool_cmds/src/serve#cli", 6),  # through the use
            Attach(key, "rust:helper/src#Cmd::make", 6),  # a type's function
        ),
    )


def test_std_commands_are_not_clap_and_hand_written_args_are_a_group() -> None:
    facts = read(
        """use std::process::Command;

struct Exec;
impl clap::Args for Exec {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        cmd.arg(clap::Arg::new("exec").long("exec").help("Run a command"))
    }
}

fn run() {
    Command::new("ls").arg("-l").status();
}
"""
    )
    # --exec is the group Exec's, given to whatever flattens it
    assert facts == CommandFacts(options=(Option("rust:src#Exec", "--exec", 6, OK),))


def test_a_glob_import_of_clap() -> None:
    facts = read('use clap::*;\n\nfn cli() -> App<\'static> { App::new("old") }\n')
    assert facts == CommandFacts(commands=(Command("rust:src#cli", "old", 3, MISSING),))
