"""Go: revive's exported rule and package comments, counted on fixtures/languages/go by
hand, and checked against a go/ast oracle (tests/anchors/go/checker.go)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from docaudit.analysers.go import LANGUAGES
from docaudit.analysers.go.count import package_symbols
from docaudit.config.settings import Config
from docaudit.discover.languages import source_language
from docaudit.errors import AnalysisError
from docaudit.model.symbols import ParsedModule, Symbol
from tests.helpers import FIXTURES

GAP = "(a syntax error or a gap in the grammar; the rest is counted)"
"""How a file read in part says so, after its first line not parsed."""

GO = LANGUAGES["go"]
CORPUS = FIXTURES / "languages" / "go"
CHECKER = Path(__file__).resolve().parents[2] / "anchors" / "go" / "checker.go"
COUNTING = Config.of().counting

Row = tuple[int, str, str, bool]


def parse_file(root: Path, rel: str) -> ParsedModule:
    """Parse one fixture file, named by its path under ``root``."""
    return GO.parse((root / rel).read_bytes(), rel)


def symbols(root: Path, rel: str, **settings: object) -> list[Symbol]:
    """Return the symbols counted in one fixture file under the given settings."""
    return GO.count(rel, parse_file(root, rel), Config.of(**settings).counting)


def rows(root: Path, rel: str, **settings: object) -> list[Row]:
    """Return ``(line, kind, qualname, documented)`` of each symbol of one fixture file."""
    return [(s.line, s.kind, s.qualname, s.documented) for s in symbols(root, rel, **settings)]


def parse_tree(root: Path) -> dict[str, ParsedModule]:
    """Parse every Go file docaudit reads under ``root``."""
    return {rel: parse_file(root, rel) for rel in go_files(root)}


def go_files(root: Path) -> list[str]:
    """Return the Go files docaudit reads under ``root`` (no _test.go, vendor, testdata)."""
    found = (p.relative_to(root).as_posix() for p in root.rglob("*.go"))
    return sorted(rel for rel in found if source_language(rel) is not None)


RULES: dict[str, list[Row]] = {
    "doc.go": [(2, "module", "rules", True)],
    "functions.go": [
        (4, "function", "rules.Exported", True),
        (6, "function", "rules.Undocumented", False),
        (14, "function", "rules.Generic", True),
        (16, "function", "rules.Assembly", False),
    ],
    "comments.go": [
        (5, "function", "rules.AfterBlankLine", False),
        (9, "function", "rules.AfterLineComment", False),
        (13, "function", "rules.NextLine", True),
        (16, "function", "rules.Block", True),
        (21, "function", "rules.Multiline", True),
        (26, "function", "rules.Mixed", True),
        (28, "function", "rules.SameLine", False),
        (31, "function", "rules.DirectiveOnly", False),
        (36, "function", "rules.WithDirective", True),
        (40, "function", "rules.Directives", False),
        (43, "function", "rules.DeprecatedOnly", False),
        (48, "function", "rules.DeprecatedLater", True),
        (51, "function", "rules.EmptyLine", False),
        (54, "function", "rules.EmptyBlock", False),
        (57, "function", "rules.Todo", True),
        (60, "function", "rules.Restated", True),
        (63, "function", "rules.Fixme", True),
        (68, "function", "rules.BlankAfterGroup", False),
        (71, "function", "rules.RightAfterLineComment", False),
        (75, "function", "rules.Continued", True),
    ],
    "methods.go": [
        (4, "class", "rules.Client", True),
        (9, "method", "rules.Client.Get", True),
        (11, "method", "rules.Client.Put", False),
        (13, "method", "rules.Client.Value", False),
        (35, "class", "rules.List", True),
        (37, "method", "rules.List.Push", False),
        (40, "class", "rules.Pair", True),
        (42, "method", "rules.Pair.Key", False),
    ],
    "sortable.go": [
        (4, "class", "rules.Names", True),
        (12, "method", "rules.Names.Sort", False),
        (15, "class", "rules.Sizes", True),
        (17, "method", "rules.Sizes.Len", False),
        (19, "method", "rules.Sizes.Less", False),
        (22, "class", "rules.Odd", True),
        (24, "method", "rules.Odd.Len", False),
        (26, "method", "rules.Odd.Less", False),
        (28, "method", "rules.Odd.Swap", False),
    ],
    "types.go": [
        (4, "class", "rules.Single", True),
        (8, "class", "rules.Bare", False),
        (14, "class", "rules.InGroup", True),
        (17, "class", "rules.Own", True),
        (19, "class", "rules.Alias", True),
        (25, "class", "rules.NoGroupDoc", False),
        (28, "class", "rules.Documented", True),
        (31, "class", "rules.Interface", False),
        (36, "class", "rules.GenericType", True),
        (38, "class", "rules.Function", False),
    ],
    "values.go": [
        (4, "constant", "rules.One", True),
        (6, "constant", "rules.Two", False),
        (11, "constant", "rules.First", True),
        (11, "constant", "rules.Second", True),
        (13, "constant", "rules.Third", False),
        (15, "constant", "rules.Sixth", False),
        (21, "constant", "rules.Red", True),
        (22, "constant", "rules.Green", True),
        (28, "constant", "rules.Up", True),
        (29, "constant", "rules.Down", False),
        (30, "constant", "rules.Left", False),
        (30, "constant", "rules.Right", False),
        (34, "constant", "rules.Version", True),
        (36, "constant", "rules.Debug", False),
        (40, "constant", "rules.Timeout", True),
        (41, "constant", "rules.Retries", False),
        (45, "constant", "rules.X", False),
        (45, "constant", "rules.Y", False),
    ],
    "pragma.go": [
        (8, "function", "rules.NotIgnored", False),
        (16, "constant", "rules.Counted", False),
    ],
    "generated.go": [],
    "generatedbuild.go": [],
    "notgenerated.go": [(5, "function", "rules.AfterPackageClause", False)],
    "notmarker.go": [(5, "function", "rules.MarkerCase", False)],
}
"""Each rules/ file's symbols, worked out by hand from revive's rule."""


@pytest.mark.parametrize("name", sorted(RULES))
def test_rules_fixture_counts_by_hand(name: str) -> None:
    """Each case file counts exactly the symbols worked out by hand, in source order."""
    assert rows(CORPUS, f"rules/{name}") == RULES[name]


def test_every_rules_fixture_has_hand_counts() -> None:
    """No file of the rules corpus goes unchecked."""
    assert go_files(CORPUS / "rules") == sorted(RULES)


def test_totals_of_the_rules_corpus() -> None:
    """The corpus in figures: 74 symbols, 34 documented (placeholders count as documented
    by default), 31 when placeholders are undocumented."""
    counted = [row for name in RULES for row in rows(CORPUS, f"rules/{name}")]
    strict = [
        row
        for name in RULES
        for row in rows(CORPUS, f"rules/{name}", placeholders_undocumented=True)
    ]
    assert (len(counted), sum(r[3] for r in counted), sum(r[3] for r in strict)) == (74, 34, 31)


def test_verdicts_name_the_problem() -> None:
    """A missing, empty or placeholder doc is the symbol's one problem; a real doc none."""
    found = {s.qualname: s.problems for s in symbols(CORPUS, "rules/comments.go")}
    assert found["rules.Block"] == []
    assert found["rules.AfterBlankLine"] == ["missing"]
    assert found["rules.DirectiveOnly"] == ["missing"]
    assert found["rules.DeprecatedOnly"] == ["missing"]
    assert found["rules.EmptyLine"] == ["empty"]
    assert found["rules.EmptyBlock"] == ["empty"]
    assert found["rules.Todo"] == ["placeholder"]
    assert found["rules.Restated"] == ["placeholder"]
    assert found["rules.Fixme"] == ["placeholder"]


def test_placeholders_undocumented() -> None:
    """With --placeholders-undocumented, TODO, FIXME and restating docs do not count."""
    strict = {
        row[2]: row[3] for row in rows(CORPUS, "rules/comments.go", placeholders_undocumented=True)
    }
    assert [name for name in ("rules.Todo", "rules.Restated", "rules.Fixme") if strict[name]] == []
    assert strict["rules.Block"] is True


def test_symbols_are_public_go_with_spans() -> None:
    """Every counted symbol is public, in Go, and spans its declaration's lines."""
    found = symbols(CORPUS, "rules/types.go") + symbols(CORPUS, "rules/doc.go")
    assert {(s.public, s.language) for s in found} == {(True, "go")}
    single = next(s for s in found if s.qualname == "rules.Single")
    assert single.span == (4, 6)
    assert next(s for s in found if s.kind == "module").span == (1, 2)


def test_parse_records_every_declaration_with_traits() -> None:
    """parse keeps unexported declarations too (count leaves them out), with their traits."""
    module = parse_file(CORPUS, "rules/methods.go").module
    traits = {d.name: d.traits for d in module.children}
    assert traits["client"] == ()
    assert traits["private"] == ("receiver=Client",)
    assert traits["Hidden"] == ("exported", "receiver=client")
    assert traits["Push"] == ("exported", "receiver=List")
    assert traits["Parenthesised"] == ("exported", "receiver=invalid-type")
    assert module.traits == ("package=rules",)
    assert parse_file(CORPUS, "rules/sortable.go").module.traits == (
        "package=rules",
        "sortable=Names",
    )
    assert parse_file(CORPUS, "rules/generated.go").module.traits == (
        "package=rules",
        "generated",
    )


PACKAGES: dict[str, list[Row]] = {
    "packages/documented/a.go": [
        (2, "module", "packages/documented", True),
        (5, "function", "packages/documented.A", True),
    ],
    "packages/documented/b.go": [(3, "function", "packages/documented.B", False)],
    "packages/docgo/doc.go": [(3, "module", "packages/docgo", False)],
    "packages/docgo/a.go": [(4, "constant", "packages/docgo.C", True)],
    "packages/twodocs/a.go": [(2, "module", "packages/twodocs", True)],
    "packages/twodocs/b.go": [(2, "module", "packages/twodocs", True)],
    "packages/nodoc/a.go": [(3, "function", "packages/nodoc.D", False)],
    "packages/nodoc/nodoc.go": [],
    "packages/detached/doc.go": [(3, "module", "packages/detached", False)],
    "packages/main/main.go": [
        (2, "module", "packages/main", True),
        (7, "function", "packages/main.Exported", True),
    ],
    "packages/directive/doc.go": [(2, "module", "packages/directive", False)],
}
"""The package comment rule, file by file: a file with a package comment counts the
package (documented); a doc.go without one counts it undocumented; nothing else does."""


@pytest.mark.parametrize("rel", sorted(PACKAGES))
def test_package_comment_is_the_module_symbol(rel: str) -> None:
    """Each package file counts the module symbol only by the rule above."""
    assert rows(CORPUS, rel) == PACKAGES[rel]


def test_every_packages_fixture_has_hand_counts() -> None:
    """No file of the packages corpus goes unchecked."""
    assert ["packages/" + rel for rel in go_files(CORPUS / "packages")] == sorted(PACKAGES)


def test_package_symbols_place_one_per_package() -> None:
    """Seeing all files, each package has one module symbol: on its first file with a
    package comment, else undocumented on doc.go, on <package>.go, or its first file."""
    root = CORPUS / "packages"
    found = package_symbols(parse_tree(root), COUNTING)
    assert [(s.path, s.line, s.qualname, s.documented) for s in found] == [
        ("detached/doc.go", 3, "detached", False),
        ("directive/doc.go", 2, "directive", False),
        ("docgo/doc.go", 3, "docgo", False),
        ("documented/a.go", 2, "documented", True),
        ("main/main.go", 2, "main", True),
        ("nodoc/nodoc.go", 1, "nodoc", False),
        ("twodocs/a.go", 2, "twodocs", True),
    ]


def test_package_symbols_first_file_generated_and_pragma() -> None:
    """With no doc.go nor <package>.go the first file by name holds the package; a
    generated file takes no part; a pragma on the chosen clause leaves the package out."""
    sources = {
        "q/b.go": b"package q\n",
        "q/a.go": b"// Code generated by x. DO NOT EDIT.\n\npackage q\n",
        "q/c.go": b"package q\n",
        "r/r.go": b"// docaudit: ignore\npackage r\n",
        "r/a.go": b"package r\n",
    }
    parses = {path: GO.parse(data, path) for path, data in sources.items()}
    found = package_symbols(parses, COUNTING)
    assert [(s.path, s.qualname, s.problems) for s in found] == [("q/b.go", "q", ["missing"])]


def test_root_package_qualnames() -> None:
    """A package at the repository's root is ``.``; its names have no prefix."""
    parsed = GO.parse(b"// Package top is at the root.\npackage top\n\nfunc F() {}\n", "top.go")
    found = [(s.kind, s.qualname) for s in GO.count("top.go", parsed, COUNTING)]
    assert found == [("module", "."), ("function", "F")]


def test_syntax_error_is_reported_and_the_rest_counted() -> None:
    """A file with a syntax error names its first error and still counts what parses."""
    parsed = parse_file(CORPUS, "broken/broken.go")
    assert parsed.error == f"cannot parse line 7: missing ) {GAP}"
    assert rows(CORPUS, "broken/broken.go") == [
        (2, "module", "broken", True),
        (5, "function", "broken.Before", True),
        (7, "function", "broken.Broken", False),
        (11, "function", "broken.After", True),
    ]


def test_crlf_line_endings_and_byte_order_mark() -> None:
    """Windows line endings and a UTF-8 byte order mark change nothing: the generated
    marker still matches, doc comments still attach."""
    marked = (
        b"\xef\xbb\xbf// Code generated by x. DO NOT EDIT.\r\n\r\npackage p\r\n\r\nfunc F() {}\r\n"
    )
    assert GO.count("p/a.go", GO.parse(marked, "p/a.go"), COUNTING) == []
    source = b"\xef\xbb\xbf// Package p is p.\r\npackage p\r\n\r\n// F is f.\r\nfunc F() {}\r\n"
    parsed = GO.parse(source, "p/a.go")
    found = [(s.line, s.qualname, s.problems) for s in GO.count("p/a.go", parsed, COUNTING)]
    assert found == [(2, "p", []), (5, "p.F", [])]
    assert parsed.module.span == (1, 5)


def test_unreadable_source_is_an_analysis_error() -> None:
    """A NUL byte is refused with a one-line message."""
    with pytest.raises(AnalysisError, match="NUL"):
        GO.parse(b"package p\x00\n", "p/a.go")


MODULES = CORPUS / "modules"


def read_under(root: Path):
    """Return a reader of files under ``root`` (``None`` for a missing file)."""

    def read(rel: str) -> bytes | None:
        path = root / rel
        return path.read_bytes() if path.is_file() else None

    return read


def test_imports_are_raw_import_paths() -> None:
    """Single and grouped imports, named, blank, dot and raw-string ones, in order."""
    assert parse_file(MODULES, "main.go").imports == (
        ("example.com/m/util", "import"),
        ("fmt", "import"),
        ("example.com/m/util", "import"),
        ("example.com/m/tools/internal/x", "import"),
        ("github.com/other/y", "import"),
        ("example.com/m/tools/cmd", "import"),
    )


def test_link_resolves_through_go_mod_files() -> None:
    """Imports resolve through the nearest go.mod first, then the repository's others,
    to every file of the package directory; the standard library, other modules and
    missing packages are dropped; vendor/ is not read."""
    links = GO.link(parse_tree(MODULES), read_under(MODULES))
    assert links == {
        "main.go": [
            ("util/a.go", "import"),
            ("util/b.go", "import"),
            ("tools/internal/x/x.go", "import"),
            ("tools/cmd/cmd.go", "import"),
        ],
        "tools/cmd/cmd.go": [
            ("tools/internal/x/x.go", "import"),
            ("util/a.go", "import"),
            ("util/b.go", "import"),
        ],
        "examples/one/main.go": [("examples/one/lib/lib.go", "import")],
        "examples/two/main.go": [("examples/two/lib/lib.go", "import")],
    }


def test_link_without_go_mod_resolves_nothing() -> None:
    """With no go.mod, no import path can be matched to a directory."""
    assert GO.link(parse_tree(MODULES), lambda rel: None) == {}


def checker_answer(root: Path) -> set[tuple[str, int, str, str, bool]]:
    """Run the go/ast oracle on ``root`` and return its symbols."""
    go = shutil.which("go")
    assert go is not None, "the Go toolchain is needed for the oracle (apt-get install golang-go)"
    done = subprocess.run(
        [go, "run", CHECKER.name, str(root)],
        cwd=CHECKER.parent,
        capture_output=True,
        text=True,
        check=True,
    )
    answer = set()
    for line in done.stdout.splitlines():
        path, number, kind, qualname, documented = line.split("\t")
        answer.add((path, int(number), kind, qualname, documented == "true"))
    return answer


@pytest.mark.slow
def test_oracle_agrees_on_the_corpus() -> None:
    """go/parser's doc comments and revive's rule, run by tests/anchors/go/checker.go, give
    the same symbols on the whole corpus but for the cases docaudit decides otherwise:
    the pragma (docaudit's own), the file with a syntax error (the checker skips it), and
    the package comment where one file cannot know its package's others (a package with
    two package comments counts both; one with none and no doc.go counts none), where
    ``package_symbols``, seeing all files, agrees."""
    ours = set()
    for rel in go_files(CORPUS):
        ours.update(
            (s.path, s.line, s.kind, s.qualname, s.documented) for s in symbols(CORPUS, rel)
        )
    theirs = checker_answer(CORPUS)
    assert sorted(theirs - ours) == [
        ("packages/nodoc/nodoc.go", 1, "module", "packages/nodoc", False),
        ("rules/pragma.go", 4, "function", "rules.IgnoredAbove", True),
        ("rules/pragma.go", 6, "function", "rules.IgnoredOnLine", False),
        ("rules/pragma.go", 11, "class", "rules.IgnoredType", True),
        ("rules/pragma.go", 15, "constant", "rules.IgnoredConst", True),
    ]
    assert sorted(ours - theirs) == [
        ("broken/broken.go", 2, "module", "broken", True),
        ("broken/broken.go", 5, "function", "broken.Before", True),
        ("broken/broken.go", 7, "function", "broken.Broken", False),
        ("broken/broken.go", 11, "function", "broken.After", True),
        ("packages/twodocs/b.go", 2, "module", "packages/twodocs", True),
    ]
    exact = {
        (s.path, s.line, s.kind, s.qualname, s.documented)
        for s in package_symbols(parse_tree(CORPUS), COUNTING)
        if not s.path.startswith("broken/")
    }
    assert exact == {row for row in theirs if row[2] == "module"}
