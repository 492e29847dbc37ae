"""Go and Rust files named alone are counted as in a run over the whole repository.

Their rules look across files (revive's package comment, one per package; rustc's
``missing_docs``, which needs the crate's reachability), so discovery lists the other
files of those languages as companions, counted with the chosen ones and never reported.

The Go repository (``GO``), worked out by hand with revive's rules: package ``p`` has its
package comment in ``doc.go``; ``a.go`` holds ``Exported`` (line 3, undocumented),
``Documented`` (line 6, documented) and ``unexported`` (not counted). So ``a.go`` alone
counts 2 symbols, 1 missing, and no package symbol (it is documented, on ``doc.go``).
``a_test.go`` is left out (as ``go vet`` leaves tests out of the exported rule),
``q/q.go`` is another package (not a companion of ``a.go``: a Go file's companions are
its package's files, a Rust file's its package's, below the nearest ``Cargo.toml``),
``tool.py`` Python.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from docaudit import api
from docaudit.config.settings import Config
from docaudit.discover.files import discover, discover_at, discover_staged, resource_kind
from docaudit.pipeline import parsing
from docaudit.pipeline.check import hook
from docaudit.pipeline.coverage import measure
from tests.helpers import file_tallies, make_repo, rows

GO = {
    "go.mod": "module example.com/p\n\ngo 1.21\n",
    "p/doc.go": "// Package p does things.\npackage p\n",
    "p/a.go": (
        "package p\n\nfunc Exported() {}\n\n// Documented is documented.\n"
        "func Documented() {}\n\nfunc unexported() {}\n"
    ),
    "p/a_test.go": "package p\n\nfunc TestX() {}\n",
    "q/q.go": "// Package q is q.\npackage q\n\n// Q is q.\nfunc Q() {}\n",
    "tool.py": '"""A tool."""\n',
}
A_ROWS = [(3, "function", "p.Exported", False), (6, "function", "p.Documented", True)]
"""``a.go``'s symbols when ``doc.go`` (or another file) holds the package comment."""
A_ALONE = [(1, "module", "p", False), *A_ROWS]
"""``a.go``'s symbols when no file of ``p`` has a package comment: revive puts the
missing one on ``doc.go``, else ``p.go``, else the first file by name (``a.go``)."""

RUST = {
    "Cargo.toml": '[package]\nname = "demo"\nversion = "0.1.0"\nedition = "2021"\n',
    "src/lib.rs": "//! The demo crate.\n\nmod inner;\npub use inner::{Other, Thing};\n",
    "src/inner.rs": (
        "/// A thing.\npub struct Thing;\n\npub struct Other;\n\npub struct Hidden;\n\n"
        "/// Shown.\npub fn shown() {}\n"
    ),
}
"""A crate whose private module ``inner`` is reached only through ``pub use``: rustc's
``missing_docs`` counts ``Thing`` (line 2, documented) and ``Other`` (line 4, not),
re-exported; ``Hidden`` and ``shown`` are ``pub`` in a private module, never exported,
and ``inner`` itself is private: not counted."""


def _uncached() -> Config:
    """Return the default settings without the cache."""
    return Config.of(cache=False)


def _paths(files: list) -> list[tuple[str, str]]:
    """Return the path and language of each of a discovery's files."""
    return [(f.path, f.language) for f in files]


def test_a_go_file_named_alone_sees_the_package_comment_of_doc_go(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", GO)
    report = api.coverage([repo.path / "p/a.go"], _uncached())
    assert rows(report, "p/a.go") == A_ROWS
    assert [s.path for s in report.symbols] == ["p/a.go", "p/a.go"]  # no companion's
    assert file_tallies(report) == {"p/a.go": (2, 1)}
    assert (report.errors, report.notices) == ([], [])
    whole = api.coverage([repo.path], _uncached())
    assert rows(whole, "p/a.go") == A_ROWS
    assert rows(whole, "p/doc.go") == [(2, "module", "p", True)]


def test_companions_are_listed_only_when_a_go_or_rust_file_is_chosen_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo(tmp_path / "repo", GO)
    named = discover([repo.path / "p/a.go"])
    assert _paths(named.files) == [("p/a.go", "go")]
    # only the chosen file's package: q is another one
    assert _paths(named.companions) == [("p/doc.go", "go")]
    blob = repo.git("rev-parse", "HEAD:p/doc.go").strip()
    assert named.companions[0].blob_id == blob
    assert named.companions[0].abspath == str(repo.path / "p/doc.go")
    assert discover([repo.path / "p/a.go"], exclude=["p/doc.go"]).companions == []
    assert _paths(discover([repo.path / "q/q.go", repo.path / "p/a.go"]).companions) == [
        ("p/doc.go", "go")
    ]
    assert discover([repo.path / "p"], with_resources=True).companions == []  # all of p
    assert discover([repo.path]).companions == []  # the whole repository
    assert discover([repo.path], with_resources=True).companions == []
    assert discover([repo.path / "tool.py"]).companions == []  # no Go file chosen
    at = discover_at("HEAD", [repo.path / "p/a.go"])
    assert _paths(at.files) == [("p/a.go", "go")]
    assert [(f.path, f.blob_id, f.abspath) for f in at.companions] == [("p/doc.go", blob, "")]
    assert discover_at("HEAD", [repo.path]).companions == []
    # a folder outside git: the walk from the working directory, its .gitignore honoured
    plain = tmp_path / "plain"
    shutil.copytree(repo.path, plain, ignore=shutil.ignore_patterns(".git"))
    (plain / ".gitignore").write_text("q/\n", encoding="utf-8")
    monkeypatch.chdir(plain)
    walked = discover(["p/a.go"])
    assert (walked.in_git, _paths(walked.companions)) == (False, [("p/doc.go", "go")])
    assert walked.companions[0].blob_id is None
    assert rows(api.coverage(["p/a.go"], _uncached()), "p/a.go") == A_ROWS


def test_a_staged_only_package_comment_counts_in_the_hook(tmp_path: Path) -> None:
    """``doc.go`` is staged, then deleted from the work tree: the hook reads the index."""
    repo = make_repo(tmp_path / "repo", {k: v for k, v in GO.items() if k != "p/doc.go"})
    repo.write("p/doc.go", GO["p/doc.go"])
    repo.git("add", "p/doc.go")
    (repo.path / "p/doc.go").unlink()
    found = discover_staged([repo.path / "p/a.go"])
    staged = repo.git("rev-parse", ":p/doc.go").strip()
    assert [(f.path, f.blob_id) for f in found.companions] == [("p/doc.go", staged)]
    assert discover_staged([repo.path]).companions == []
    report = measure(found, _uncached()).report
    assert rows(report, "p/a.go") == A_ROWS
    assert file_tallies(report) == {"p/a.go": (2, 1)}
    result = hook([repo.path / "p/a.go"], _uncached(), strict=True)
    failing = [(s.path, s.qualname) for gate in result.gates for s in gate.symbols]
    assert failing == [("p/a.go", "p.Exported")]
    # the work tree has no doc.go: read from there, a.go would carry the missing comment
    assert rows(api.coverage([repo.path / "p/a.go"], _uncached()), "p/a.go") == A_ALONE


def test_companions_are_parsed_through_the_cache_and_counted_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Package ``p`` of ``a.go`` and ``b.go`` (the package comment), no ``doc.go``."""
    files = {k: v for k, v in GO.items() if k != "p/doc.go"}
    files["p/b.go"] = "// Package p does things.\npackage p\n"
    repo = make_repo(tmp_path / "repo", files)
    target = [repo.path / "p/a.go"]
    assert rows(api.coverage(target, Config()), "p/a.go") == A_ROWS

    def unparsed(*args: object) -> None:
        raise AssertionError("parsed again")

    with monkeypatch.context() as patched:
        patched.setattr(parsing, "_parse_one", unparsed)
        assert rows(api.coverage(target, Config()), "p/a.go") == A_ROWS
    repo.write("p/b.go", "package p\n")  # the companion loses the package comment
    assert rows(api.coverage(target, Config()), "p/a.go") == A_ALONE


def test_a_rust_module_named_alone_is_reached_through_its_crate_root(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", RUST)
    expected = [
        (2, "class", "crate::inner::Thing", True),
        (4, "class", "crate::inner::Other", False),
    ]
    whole = api.coverage([repo.path], _uncached())
    assert rows(whole, "src/inner.rs") == expected
    alone = api.coverage([repo.path / "src/inner.rs"], _uncached())
    assert rows(alone, "src/inner.rs") == expected
    assert file_tallies(alone) == {"src/inner.rs": (2, 1)}
    assert (alone.errors, alone.notices) == ([], [])
    staged = measure(discover_staged([repo.path / "src/inner.rs"]), _uncached()).report
    assert rows(staged, "src/inner.rs") == expected


TWO_PACKAGES = {
    "go.mod": "module example.com/mod\n\ngo 1.21\n",
    "go.work": "go 1.21\n\nuse .\n",
    "a/a.go": "// Package a is a.\npackage a\n\n// A is a.\nfunc A() {}\n",
    "b/b.go": (
        '// Package b is b.\npackage b\n\nimport "example.com/mod/a"\n\n'
        "// B calls a.\nfunc B() { a.A() }\n"
    ),
}
"""A Go module of two documented packages (2 symbols each): ``b`` imports ``a``, a link
the import graph finds through ``go.mod`` only."""


def test_a_bare_repository_links_go_imports_through_go_mod(tmp_path: Path) -> None:
    assert (resource_kind("go.mod"), resource_kind("sub/go.work")) == ("data", "data")
    repo = make_repo(tmp_path / "repo", TWO_PACKAGES)
    bare = tmp_path / "bare.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(repo.path), str(bare)], check=True)
    for where in (repo.path, bare):
        report = api.audit(where, _uncached())
        assert {m.module: (m.dependents, m.direct_dependents) for m in report.modules} == {
            "(root)": (0, 0),  # go.mod and go.work: a module of no code
            "a": (1, 1),
            "b": (0, 0),
        }
        coverage = report.coverage
        assert (coverage.summary.total, coverage.summary.missing) == (4, 0)
        assert (coverage.errors, coverage.reported) == ([], [])
        assert not [s for s in coverage.symbols if s.path.startswith("go.")]


def test_a_companion_that_cannot_be_read_is_never_reported(tmp_path: Path) -> None:
    """``q/bad.go`` has a syntax error: the whole run reports it, ``a.go`` alone does not."""
    repo = make_repo(tmp_path / "repo", {**GO, "q/bad.go": "package q\n\nfunc (\n"})
    whole = api.coverage([repo.path], _uncached())
    assert [e.path for e in whole.errors] == ["q/bad.go"]
    alone = api.coverage([repo.path / "p/a.go"], _uncached())
    assert (alone.errors, alone.notices) == ([], [])
    assert rows(alone, "p/a.go") == A_ROWS


def test_a_rust_files_companions_are_its_packages_files(tmp_path: Path) -> None:
    files = {
        "Cargo.toml": '[workspace]\nmembers = ["crates/a", "crates/b"]\n',
        **{f"crates/a/{path}": text for path, text in RUST.items()},
        "crates/b/Cargo.toml": RUST["Cargo.toml"].replace("demo", "other"),
        "crates/b/src/lib.rs": "//! Other.\n",
    }
    repo = make_repo(tmp_path / "repo", files)
    chosen = repo.path / "crates/a/src/inner.rs"
    assert _paths(discover([chosen]).companions) == [("crates/a/src/lib.rs", "rust")]
    assert _paths(discover_at("HEAD", [chosen]).companions) == [("crates/a/src/lib.rs", "rust")]
    assert _paths(discover_staged([chosen]).companions) == [("crates/a/src/lib.rs", "rust")]
    report = api.coverage([chosen], _uncached())
    assert [(s.line, s.qualname, s.documented) for s in report.symbols] == [
        (2, "crates/a::inner::Thing", True),
        (4, "crates/a::inner::Other", False),
    ]
