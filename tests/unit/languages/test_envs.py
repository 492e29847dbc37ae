"""The environment variables other languages' sources read (``analysers.<language>.envs``),
counted by hand on fixtures/languages/envs: one file per language, one reader per line."""

from __future__ import annotations

import pytest

from docaudit.analysers.configuration.envvars.facts import EnvFacts
from docaudit.analysers.languages import parse_source
from tests.helpers import FIXTURES

ENVS = FIXTURES / "languages" / "envs"

EXPECTED = {
    # (name, line, reader, default, required)
    ("typescript", "app.ts"): [
        ("PORT", 1, "process.env", "3000", False),  # `?? 3000`
        ("HOST", 2, "process.env", '"localhost"', False),  # process.env["HOST"] || ...
        ("DB_URL", 3, "process.env", None, None),  # const { DB_URL, ... } = process.env
        ("MODE", 3, "process.env", '"dev"', False),  # a destructuring default
        ("X", 3, "process.env", None, None),  # X: y
        ("VITE_API_URL", 4, "import.meta.env", None, None),  # not Vite's own DEV (line 9)
        ("DENO_X", 5, "Deno.env.get", '"x"', False),
        ("BUN_X", 6, "Bun.env", None, None),
        # process.env[name] and a whole process.env (lines 7, 8) name no variable
    ],
    ("go", "main.go"): [
        ("PORT", 6, "env struct tag", '"8080"', False),  # envDefault
        ("TOKEN", 7, "env struct tag", None, True),  # env:"TOKEN,required"
        # env:"-" is no variable
        ("GO_HOME", 12, "os.Getenv", None, None),
        ("GO_OPT", 13, "os.LookupEnv", None, False),
        # viper: AutomaticEnv under SetEnvPrefix("memos") reads every MEMOS_* (dynamic)
        ("MEMOS_*", 19, "viper.AutomaticEnv", None, None),
        ("APP_PORT", 20, "viper.BindEnv", None, None),  # BindEnv("port", "APP_PORT", "PORT")
        ("PORT", 20, "viper.BindEnv", None, None),
        ("MEMOS_MODE", 21, "viper.BindEnv", None, None),  # BindEnv("mode"): prefix_KEY
        ("GO_MODE", 27, "os.Getenv", None, None),  # the file's constant EnvMode; not unknown
    ],
    ("go", "envconfig.go"): [
        ("MYAPP_DEBUG", 6, "envconfig.MustProcess", None, None),
        ("MYAPP_PORT", 7, "envconfig.MustProcess", '"8080"', False),
        ("MYAPP_USER", 8, "envconfig.MustProcess", None, True),
        ("MYAPP_RATE_LIMIT", 9, "envconfig.MustProcess", None, None),  # the tag's name
        ("MYAPP_MAX_WORKERS", 10, "envconfig.MustProcess", None, None),  # split_words
        # Skip is ignored; DB's fields are read under MYAPP_DB_: left out
        ("PLUGIN_*", 20, "envconfig.Process", None, None),  # a struct of another file
    ],
    ("java", "A.java"): [
        ("JAVA_A", 1, "System.getenv", None, None),  # not getenv(name)
        ("JAVA_URL", 3, "spring", "jdbc:h2:mem", False),  # ${app.name} is a property
        ("JAVA_KEY", 4, "spring", None, True),
    ],
    ("rust", "main.rs"): [
        ("RUST_A", 2, "env::var", '"x"', False),  # .unwrap_or("x".into())
        ("RUST_B", 3, "env::var", None, True),  # .unwrap()
        ("RUST_C", 4, "env!", None, True),  # the build fails without it
        ("RUST_D", 5, "option_env!", None, False),
        ("RUST_E", 6, "env::var_os", None, None),
        ("RUST_F", 7, "env::var", None, False),  # a closure's fallback: not shown
        ("RUST_PORT", 13, "clap", '"8080"', None),
        ("RUST_WORKERS", 15, "clap", "4", None),  # #[arg(env)] alone: named by clap
        ("RUST_TOKEN", 22, "clap", None, None),  # Command::env(k, v) sets, not reads
    ],
}


@pytest.mark.parametrize(("language", "name"), sorted(EXPECTED))
def test_each_reader_of_each_language(language: str, name: str) -> None:
    parsed = parse_source(language, (ENVS / name).read_bytes(), name, name, "", 1000)
    # main.rs also builds a clap CLI: its commands are the other facts
    others = {"main.rs": ["commands"]}.get(name, [])
    assert [collector for collector, _ in parsed.facts] == ["envvars", *others]
    facts = dict(parsed.facts)["envvars"]
    assert isinstance(facts, EnvFacts)
    found = [(r.name, r.line, r.source, r.default, r.required) for r in facts.reads]
    assert sorted(found, key=lambda row: (row[1], row[0])) == sorted(
        EXPECTED[language, name], key=lambda row: (row[1], row[0])
    )
    dynamic = {("go", "main.go"): ["MEMOS_*"], ("go", "envconfig.go"): ["PLUGIN_*"]}
    assert [r.name for r in facts.reads if r.dynamic] == dynamic.get((language, name), [])
    assert not any(r.case_insensitive for r in facts.reads)
    described = [r.name for r in facts.reads if r.description]  # see the test after the next
    assert described == (["RUST_PORT"] if language == "rust" else [])


def test_a_file_with_no_reader_has_no_facts() -> None:
    source = b"// env: process is the word\nexport const env = {};\n"
    assert parse_source("typescript", source, "a.ts", "a.ts", "", 1000).facts == ()


def test_a_clap_options_doc_comment_describes_its_variable() -> None:
    parsed = parse_source("rust", (ENVS / "main.rs").read_bytes(), "main.rs", "main.rs", "", 1000)
    facts = dict(parsed.facts)["envvars"]
    assert [(r.name, r.description) for r in facts.reads if r.source == "clap"] == [
        ("RUST_PORT", "The port to listen on."),
        ("RUST_WORKERS", None),
        ("RUST_TOKEN", None),
    ]
