"""Java's command-line interfaces (``analysers.java.commands``): picocli read file by file
from the fixture CLI of ``fixtures/languages/commands/picocli`` and joined by
``command_symbols``, and single cases on sources written here. Every expected value is
worked out by hand from the fixture texts.

Each fixture file is read under its path inside the CLI's folder, as an audit of that
folder would: a class of another file is named by its package path
(``java:com/example/tool/Serve#Serve``), which the join matches to the file
``src/main/java/com/example/tool/Serve.java`` by a path suffix.
"""

from __future__ import annotations

from docaudit.analysers import treesitter
from docaudit.analysers.commands import Attach, Command, CommandFacts, Option, command_symbols
from docaudit.analysers.java.commands import command_reader
from docaudit.analysers.java.parse import GRAMMAR
from docaudit.model.symbols import EMPTY, MISSING, OK, ModuleFacts
from tests.helpers import FIXTURES

PICOCLI = FIXTURES / "languages" / "commands" / "picocli"
SOURCES = "src/main/java/com/example/tool/"


def read(source: str, path: str = "src/App.java") -> CommandFacts:
    """Return what the reader finds in one Java source."""
    data = source.encode()
    return command_reader(GRAMMAR, treesitter.parse(GRAMMAR, data).root_node, data, path)


def test_picocli() -> None:
    # Tool.java: described by two lines (its Javadoc is no help); mixinStandardHelpOptions
    # adds --help and --version on the annotation's line; -q has no description; Debug
    # (a nested class, Tool.Debug.class) hidden, its --trace "TODO"; the @Command method
    # version: description "" (empty), --short on its parameter, format a positional
    # parameter without annotation (undescribed); picocli's help subcommand. Serve.java
    # (the same package, no import): its header is its help; <ROOT> by paramLabel, <host>
    # by the field, described by two lines; "Port." restates --port; --secret hidden;
    # the options of its @Mixin Tls, its @ArgGroup Output and its superclass Base (a
    # field and a setter method), all of the file, are its own. db/Db.java (imported):
    # Db.Migrate.class a nested class; --dry-run's description "".
    modules = []
    for file in sorted(PICOCLI.rglob("*.java")):
        path = file.relative_to(PICOCLI).as_posix()
        modules.append(ModuleFacts(path, path, {}, read(file.read_text(), path)))
    rows = [
        (s.kind, s.qualname, s.path.removeprefix(SOURCES), s.line, s.public, s.problems)
        for s in command_symbols(modules)
    ]
    assert rows == [
        ("cli-command", "tool serve", "Serve.java", 9, True, []),
        ("cli-option", "tool serve <ROOT>", "Serve.java", 11, True, []),
        ("cli-option", "tool serve <host>", "Serve.java", 14, True, []),
        ("cli-option", "tool serve --port", "Serve.java", 17, True,
         ["placeholder help (cli-option-help)"]),
        ("cli-option", "tool serve --secret", "Serve.java", 26, False, []),
        ("cli-option", "tool serve --cert", "Serve.java", 32, True, []),
        ("cli-option", "tool serve --json", "Serve.java", 37, True, []),
        ("cli-option", "tool serve --quiet", "Serve.java", 40, True,
         ["missing help (cli-option-help)"]),
        ("cli-option", "tool serve --verbose", "Serve.java", 46, True, []),
        ("cli-option", "tool serve --level", "Serve.java", 49, True, []),
        ("cli-command", "tool", "Tool.java", 9, True, []),
        ("cli-option", "tool --help", "Tool.java", 9, True, []),
        ("cli-option", "tool --version", "Tool.java", 9, True, []),
        ("cli-command", "tool help", "Tool.java", 11, True, []),
        ("cli-option", "tool --config", "Tool.java", 13, True, []),
        ("cli-option", "tool -q", "Tool.java", 16, True, ["missing help (cli-option-help)"]),
        ("cli-command", "tool debug", "Tool.java", 19, False, []),
        ("cli-option", "tool debug --trace", "Tool.java", 21, False,
         ["placeholder help (cli-option-help)"]),
        ("cli-command", "tool version", "Tool.java", 27, True,
         ["empty help (cli-command-help)"]),
        ("cli-option", "tool version --short", "Tool.java", 28, True, []),
        ("cli-option", "tool version <format>", "Tool.java", 29, True,
         ["missing help (cli-option-help)"]),
        ("cli-command", "tool db", "db/Db.java", 6, True, []),
        ("cli-command", "tool db migrate", "db/Db.java", 8, True, []),
        ("cli-option", "tool db migrate --dry-run", "db/Db.java", 10, True,
         ["empty help (cli-option-help)"]),
    ]  # fmt: skip


def test_keys_of_subcommands_in_other_files() -> None:
    facts = read(
        "package com.x.cli;\n"
        "import com.y.Outer;\n"
        "import com.z.Top.Nested;\n"
        "import picocli.AutoComplete;\n"
        "import picocli.CommandLine.Command;\n"
        '@Command(name = "app", subcommands = {Outer.Inner.class, Nested.class,\n'
        "    com.w.Far.class, Near.class, AutoComplete.GenerateCompletion.class})\n"
        "class App {}\n",
        "cli/src/App.java",
    )
    assert facts.attachments == (
        Attach("java:cli/src/App#App", "java:com/y/Outer#Outer.Inner", 6),
        Attach("java:cli/src/App#App", "java:com/z/Top#Top.Nested", 6),
        Attach("java:cli/src/App#App", "java:com/w/Far#Far", 7),
        Attach("java:cli/src/App#App", "java:com/x/cli/Near#Near", 7),
        Attach("java:cli/src/App#App", "java:picocli/AutoComplete#GenerateCompletion", 7),
    )
    # picocli's generate-completion is its own, hidden; the root has no description
    assert facts.commands == (
        Command("java:cli/src/App#App", "app", 6, MISSING),
        Command(
            "java:picocli/AutoComplete#GenerateCompletion", "generate-completion", 7, OK, True
        ),
    )


def test_a_wildcard_import_leaves_a_class_to_its_name() -> None:
    facts = read(
        "package com.x;\n"
        "import com.y.*;\n"
        "import picocli.CommandLine.*;\n"
        '@Command(name = "app", description = "Run.", subcommands = Serve.class)\n'
        "class App {}\n"
    )
    assert facts.attachments == (Attach("java:src/App#App", "java:Serve#Serve", 4),)


def test_descriptions_headers_constants_and_bundles() -> None:
    facts = read(
        "import static picocli.CommandLine.*;\n"
        "class App {\n"
        '    static final String LONG = "--long-name";\n'
        '    @Command(name = "a", description = {"", ""}, header = "Say a.")\n'
        "    static class A {\n"
        "        @Option(names = LONG, description = HELP) int x;\n"
        '        @Parameters(paramLabel = "<file>") String f;\n'
        "    }\n"
        '    @Command(name = "b", description = {"", ""})\n'
        "    static class B {}\n"
        '    @Command(name = "c", resourceBundle = "messages")\n'
        "    static class C {\n"
        '        @Option(names = {"-v", "-verbose"}) boolean v;\n'
        '        @Option(names = NOT_HERE, description = "Nameless.") boolean n;\n'
        "    }\n"
        "}\n"
    )
    # a: the header after an empty description; a constant of the file names --long-name,
    # one of another's (HELP) is written; a paramLabel's brackets are not doubled. b: its
    # two lines are empty. c: a resource bundle may hold what is missing; -verbose, the
    # longest name; a name not known is no option
    assert facts == CommandFacts(
        commands=(
            Command("java:src/App#App.A", "a", 4, OK),
            Command("java:src/App#App.B", "b", 9, EMPTY),
            Command("java:src/App#App.C", "c", 11, OK),
        ),
        options=(
            Option("java:src/App#App.A", "--long-name", 6, OK),
            Option("java:src/App#App.A", "<file>", 7, MISSING),
            Option("java:src/App#App.C", "-verbose", 13, OK),
        ),
    )


def test_a_file_that_does_not_name_picocli_is_not_read() -> None:
    # JCommander's @Parameters, say, in a file with no picocli import
    source = '@Command(name = "x", description = "Run it.")\nclass X {}\n'
    assert read(source) == CommandFacts()
    assert read("// picocli\n" + source).commands == (Command("java:src/App#X", "x", 2, OK),)
