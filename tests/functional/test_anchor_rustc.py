"""Rust parity: docaudit's undocumented Rust symbols are the ones rustc's ``missing_docs``
lint reports, path:line for path:line, on the anchor crates under
``fixtures/languages/rust/anchor`` (every rule: items, modules across files, docs,
hidden items and silenced lints, impls, re-exports, lint groups: ``warnings`` on the
crate root, modules, files and items with levels set again inside, ``clippy::restriction``
and ``cfg_attr``); with ``private-items``, the ones
rustc and clippy's ``missing_docs_in_private_items`` report together.

rustc compiles each crate's ``src/lib.rs`` to metadata only (no cargo, no registry),
with ``--cap-lints warn`` so that a ``#[deny(missing_docs)]`` reports a warning rather
than failing the build (rustc caps a level after ``warnings`` has replaced it, so the
cap changes nothing else); its "missing documentation for" warnings are counted. The
one difference is by design: an empty doc (``///`` alone, ``#[doc = ""]``) is
documentation to rustc and an ``empty`` doc to docaudit, listed here by hand.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from docaudit.analysers.rust import LANGUAGES, resolve
from docaudit.config.languages import RustOptions
from docaudit.config.settings import Counting
from docaudit.model.symbols import EMPTY, ParsedModule, Symbol
from tests.helpers import FIXTURES

ANCHOR = FIXTURES / "languages" / "rust" / "anchor"
CRATES = sorted(p.name for p in ANCHOR.iterdir() if (p / "Cargo.toml").is_file())
EMPTY_DOCS = {"docs": Counter({("src/lib.rs", 44): 1, ("src/lib.rs", 47): 1})}
"""The empty docs (``///``, ``#[doc = ""]``) rustc takes as documentation."""
_WARNING = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):\d+: warning: missing documentation for ")

pytestmark = pytest.mark.slow


def _tool(name: str) -> str | None:
    """Return the path of a Rust tool on PATH or in ``~/.cargo/bin``, if installed."""
    found = shutil.which(name)
    if found is not None:
        return found
    cargo = Path(os.path.expanduser("~/.cargo/bin")) / name
    return str(cargo) if cargo.is_file() else None


def _anchor(tool: str, crate: str, out: Path, *lints: str) -> Counter[tuple[str, int]]:
    """Return the path:line of each missing-docs warning ``tool`` (rustc or
    clippy-driver) gives on an anchor crate, failing the test if the crate does not
    compile."""
    command = [tool, "--crate-type", "lib", "--edition", "2021", "--crate-name", crate]
    for lint in lints:
        command += ["-W", lint]
    command += ["--cap-lints", "warn"]
    command += ["--emit=metadata", "-o", str(out / f"{crate}.rmeta"), "src/lib.rs"]
    done = subprocess.run(
        [*command, "--error-format", "short"],
        cwd=ANCHOR / crate,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"{tool} failed on {crate}:\n{done.stderr}"
    found = (_WARNING.match(line) for line in done.stderr.splitlines())
    return Counter((m["path"], int(m["line"])) for m in found if m is not None)


def _docaudit(crate: str, private_items: bool) -> list[Symbol]:
    """Return docaudit's symbols of an anchor crate, resolved with its crate."""
    root = ANCHOR / crate
    rust = LANGUAGES["rust"]
    parses: dict[str, ParsedModule] = {}
    for file in sorted(root.rglob("*.rs")):
        path = file.relative_to(root).as_posix()
        parses[path] = rust.parse(file.read_bytes(), path)

    def read(path: str) -> bytes | None:
        target = root / path
        return target.read_bytes() if target.is_file() else None

    resolved = {**parses, **resolve(parses, read)}
    counting = Counting(rust=RustOptions(private_items=private_items))
    return [s for path in sorted(resolved) for s in rust.count(path, resolved[path], counting)]


def _undocumented(symbols: list[Symbol], *, empty: bool) -> Counter[tuple[str, int]]:
    """Return the path:line of the undocumented symbols with (or without) an empty doc."""
    return Counter(
        (s.path, s.line) for s in symbols if not s.documented and (EMPTY in s.problems) == empty
    )


@pytest.fixture(scope="module")
def rustc() -> str:
    """Return rustc's path; fail (not skip) when it is not installed."""
    found = _tool("rustc")
    if found is None:
        pytest.fail(
            "rustc is not installed (on PATH or in ~/.cargo/bin): the Rust anchor needs rustc"
            " 1.81 or later (checked with 1.95; Debian's 1.63 cannot compile #[expect])"
        )
    return found


def test_the_anchor_crates_are_all_there() -> None:
    assert CRATES == [
        "docs",
        "groups",
        "hidden",
        "impls",
        "items",
        "modules",
        "reexports",
        "warnings",
    ]


@pytest.mark.parametrize("crate", CRATES)
def test_undocumented_symbols_are_rustc_missing_docs(
    crate: str, rustc: str, tmp_path: Path
) -> None:
    expected = _anchor(rustc, crate, tmp_path, "missing-docs")
    symbols = _docaudit(crate, private_items=False)
    assert expected, "the anchor reported nothing: the fixture tests nothing"
    assert _undocumented(symbols, empty=False) == expected
    assert _undocumented(symbols, empty=True) == EMPTY_DOCS.get(crate, Counter())


@pytest.mark.parametrize("crate", CRATES)
def test_private_items_are_rustc_and_clippy_together(crate: str, tmp_path: Path) -> None:
    clippy = _tool("clippy-driver")
    if clippy is None:
        pytest.skip("clippy-driver is not installed: the hand counts in test_rust.py stand")
    lints = ("missing-docs", "clippy::missing_docs_in_private_items")
    expected = _anchor(clippy, crate, tmp_path, *lints)
    symbols = _docaudit(crate, private_items=True)
    assert _undocumented(symbols, empty=False) == expected
    assert _undocumented(symbols, empty=True) == EMPTY_DOCS.get(crate, Counter())
