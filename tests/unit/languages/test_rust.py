"""Rust: rustc's ``missing_docs`` as docaudit reads it, each answer worked out by hand on
small sources and on the crates under ``fixtures/languages/rust`` (the anchor crates'
undocumented symbols are also compared with rustc's in test_anchor_rustc.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from docaudit.analysers.languages import Reader
from docaudit.analysers.rust import LANGUAGES, count_all, resolve
from docaudit.config.languages import RustOptions
from docaudit.config.settings import Counting
from docaudit.errors import AnalysisError
from docaudit.model.symbols import EMPTY, MISSING, OK, PLACEHOLDER, Definition, ParsedModule
from tests.helpers import FIXTURES

RUST = LANGUAGES["rust"]
ANCHOR = FIXTURES / "languages" / "rust" / "anchor"
WORKSPACE = FIXTURES / "languages" / "rust" / "workspace"
PUBLIC = Counting()
PRIVATE = Counting(rust=RustOptions(private_items=True))
Row = tuple[str, int, str, str, bool, bool]


def parse(source: str, path: str = "src/lib.rs") -> ParsedModule:
    """Parse a Rust source given as text."""
    return RUST.parse(source.encode(), path)


def rows(source: str, counting: Counting = PUBLIC, path: str = "src/lib.rs") -> list[tuple]:
    """Return ``(line, kind, qualname, public, documented)`` of one file counted alone."""
    return [
        (s.line, s.kind, s.qualname, s.public, s.documented)
        for s in RUST.count(path, parse(source, path), counting)
    ]


def read_folder(root: Path) -> tuple[dict[str, ParsedModule], Reader]:
    """Return the parses of a folder's Rust files and a reader of its files."""
    parses = {
        f.relative_to(root).as_posix(): RUST.parse(f.read_bytes(), f.relative_to(root).as_posix())
        for f in sorted(root.rglob("*.rs"))
    }

    def read(path: str) -> bytes | None:
        target = root / path
        return target.read_bytes() if target.is_file() else None

    return parses, read


def _no_files(path: str) -> bytes | None:
    """Read no file: every package then has Cargo's default layout."""
    return None


def crate_rows(root: Path, counting: Counting = PUBLIC, *, with_read: bool = True) -> list[Row]:
    """Return ``(path, line, kind, qualname, public, documented)`` of a folder's crates."""
    parses, read = read_folder(root)
    counted = count_all(parses, counting, read if with_read else _no_files)
    return [
        (s.path, s.line, s.kind, s.qualname, s.public, s.documented)
        for path in sorted(counted)
        for s in counted[path]
    ]


def shape(definition: Definition) -> list[tuple[str, str, int, str]]:
    """Return ``(kind, name, line, doc)`` of a definition's children, depth first."""
    found: list[tuple[str, str, int, str]] = []
    stack = list(reversed(definition.children))
    while stack:
        child = stack.pop()
        found.append((child.kind, child.name, child.line, child.doc))
        stack.extend(reversed(child.children))
    return found


ITEMS = """\
//! The crate.
/// Documented.
#[inline]
pub fn f() {}
pub(crate) struct S { pub a: u8, b: u8 }
enum E { A, B { x: u8 }, C(u8) }
impl S { pub fn m(&self) {} }
impl Clone for S { fn clone(&self) -> S { S { a: 0, b: 0 } } }
pub trait T { fn t(&self); type X; const C: u8; }
mod inner;
#[path = "p.rs"]
pub mod moved;
pub use a::{b, c as d, e::*, self};
extern crate alloc as a2;
const _: () = ();
macro_rules! m { () => {}; }
pub union U { pub i: u32 }
pub static ST: u8 = 0;
pub type Alias = u8;
extern "C" { pub fn c(); }
fn body() { pub struct Local; }
"""


def test_parse_reads_every_item_rustc_asks_docs_of() -> None:
    module = parse(ITEMS).module
    assert module.doc == OK
    assert shape(module) == [
        ("function", "f", 4, OK),
        ("class", "S", 5, MISSING),
        ("field", "a", 5, MISSING),
        ("field", "b", 5, MISSING),
        ("class", "E", 6, MISSING),
        ("field", "A", 6, MISSING),
        ("field", "B", 6, MISSING),
        ("field", "x", 6, MISSING),
        ("field", "C", 6, MISSING),
        ("impl", "S", 7, MISSING),
        ("method", "m", 7, MISSING),
        ("impl", "S", 8, MISSING),
        ("method", "clone", 8, MISSING),
        ("class", "T", 9, MISSING),
        ("method", "t", 9, MISSING),
        ("class", "X", 9, MISSING),
        ("constant", "C", 9, MISSING),
        ("module", "inner", 10, MISSING),
        ("module", "moved", 12, MISSING),
        ("use", "a::b", 13, MISSING),
        ("use", "a::c", 13, MISSING),
        ("use", "a::e::*", 13, MISSING),
        ("use", "a", 13, MISSING),
        ("use", "alloc", 14, MISSING),
        ("function", "m", 16, MISSING),
        ("class", "U", 17, MISSING),
        ("field", "i", 17, MISSING),
        ("constant", "ST", 18, MISSING),
        ("class", "Alias", 19, MISSING),
        ("function", "c", 20, MISSING),
        ("function", "body", 21, MISSING),
    ]


def test_parse_traits_say_visibility_and_what_each_item_is() -> None:
    children = {(c.kind, c.name, c.line): c.traits for c in parse(ITEMS).module.children}
    assert children[("function", "f", 4)] == ("item=fn", "pub")
    assert children[("class", "S", 5)] == ("item=struct", "vis=pub(crate)")
    assert children[("impl", "S", 8)] == ("item=impl", "trait=Clone")
    assert children[("module", "inner", 10)] == ("item=mod", "file")
    assert children[("module", "moved", 12)] == ("item=mod", "pub", "file", "path=p.rs")
    assert children[("use", "a::c", 13)] == ("pub", "as=d")
    assert children[("use", "a::e::*", 13)] == ("pub", "glob")
    assert children[("use", "alloc", 14)] == ("as=a2", "extern-crate")
    assert children[("function", "c", 20)] == ("item=fn", "pub", "foreign")
    trait = next(c for c in parse(ITEMS).module.children if c.name == "T")
    assert [c.traits for c in trait.children] == [
        ("item=fn", "pub"),
        ("item=type", "pub"),
        ("item=const", "pub"),
    ]


def test_parse_imports_are_mod_files_and_use_paths() -> None:
    source = """\
mod a;
mod outer { mod b; }
#[path = "w.rs"]
mod c;
use crate::x::{y, z::*};
extern crate alloc;
"""
    assert parse(source).imports == (
        ("a", "mod"),
        ("w.rs", "mod"),
        ("crate::x::y", "use"),
        ("crate::x::z::*", "use"),
        ("alloc", "use"),
        ("outer::b", "mod"),
    )


DOCS = """\
/// Reads one line.
pub fn line() {}
/** Reads one block. */
pub fn block() {}
#[doc = "Set by an attribute."]
pub fn attribute() {}
#[doc = include_str!("x.md")]
pub fn included() {}
/// Far above.

// plain
#[inline]
pub fn far() {}
// Plain.
pub fn plain() {}
//// Four.
pub fn four() {}
/*** Three. */
pub fn three() {}
///
pub fn empty() {}
#[doc = ""]
pub fn empty_attribute() {}
/// TODO: later.
pub fn todo() {}
#[doc(alias = "x")]
pub fn alias_only() {}
#[doc(hidden)]
pub fn hidden() {}
pub mod inner_doc {
    //! Inside.
}
pub mod inner_attribute {
    #![doc = "Inside."]
}
/// Outside.
pub mod outer_only {}
"""


def test_doc_verdicts_follow_rustc_attachment() -> None:
    docs = {c.name: c.doc for c in parse(DOCS).module.children}
    assert docs == {
        "line": OK,
        "block": OK,
        "attribute": OK,
        "included": OK,
        "far": OK,
        "plain": MISSING,
        "four": MISSING,
        "three": MISSING,
        "empty": EMPTY,
        "empty_attribute": EMPTY,
        "todo": PLACEHOLDER,
        "alias_only": MISSING,
        "hidden": MISSING,
        "inner_doc": OK,
        "inner_attribute": OK,
        "outer_only": OK,
    }
    hidden = next(c for c in parse(DOCS).module.children if c.name == "hidden")
    assert "hidden" in hidden.traits


def test_attributes_cfg_test_lints_and_macro_export() -> None:
    source = """\
#[cfg(test)]
fn a() {}
#[cfg(all(test, unix))]
fn b() {}
#[cfg(not(test))]
fn c() {}
#[cfg(any(test, unix))]
fn d() {}
#[allow(dead_code, missing_docs)]
#[warn(clippy::missing_docs_in_private_items)]
fn e() {}
#[macro_export]
macro_rules! f { () => {}; }
mod g {
    #![expect(missing_docs, reason = "generated")]
}
"""
    traits = {c.name: c.traits for c in parse(source).module.children}
    assert "cfg-test" in traits["a"] and "cfg-test" in traits["b"]
    assert "cfg-test" not in traits["c"] and "cfg-test" not in traits["d"]
    assert traits["e"] == (
        "item=fn",
        "lint=missing_docs:allow",
        "lint=clippy::missing_docs_in_private_items:warn",
    )
    assert traits["f"] == ("item=macro", "macro-export")
    assert traits["g"] == ("item=mod", "inline", "lint=missing_docs:expect")


def test_a_crate_root_is_at_its_first_token_and_errors_are_reported() -> None:
    assert "start=4" in parse("// Licence.\n\n/* More. */\n#![no_std]\n").module.traits
    assert "start=2" in parse("// Licence.\n/// Doc of f.\npub fn f() {}\n").module.traits
    broken = parse("pub fn f( {}\npub fn g() {}\n")
    assert broken.error is not None and broken.error.startswith("cannot parse line 1")
    assert [c.name for c in broken.module.children][-1] == "g"
    with pytest.raises(AnalysisError, match="NUL"):
        RUST.parse(b"fn f() {}\x00", "src/lib.rs")


def test_a_file_alone_pub_in_a_private_inline_module_is_not_public() -> None:
    source = """\
pub fn top() {}
mod private {
    pub fn inside() {}
    pub fn again() {}
    pub struct Kept { pub field: u8 }
    impl Kept { pub fn method(&self) {} }
}
pub use private::again;
pub use self::private::Kept as Renamed;
pub mod public {
    pub fn visible() {}
    pub(crate) fn crate_only() {}
}
"""
    assert rows(source) == [
        (1, "module", "crate", True, False),
        (1, "function", "crate::top", True, False),
        (4, "function", "crate::private::again", True, False),
        (5, "class", "crate::private::Kept", True, False),
        (5, "field", "crate::private::Kept::field", True, False),
        (6, "method", "crate::private::Kept::method", True, False),
        (10, "module", "crate::public", True, False),
        (11, "function", "crate::public::visible", True, False),
    ]
    assert rows(source, path="lib/src/a/b.rs")[:2] == [
        (1, "function", "lib::a::b::top", True, False),
        (4, "function", "lib::a::b::private::again", True, False),
    ]


def test_private_items_adds_clippys_not_main_nor_foreign_nor_trait_impls() -> None:
    source = """\
//! Crate.
fn main() {}
mod m {
    fn main() {}
    extern "C" { fn hidden_c(); }
    struct S;
    impl Clone for S { fn clone(&self) -> S { S } }
    impl S { fn own(&self) {} }
}
"""
    assert rows(source) == [(1, "module", "crate", True, True)]
    assert rows(source, PRIVATE) == [
        (1, "module", "crate", True, True),
        (3, "module", "crate::m", False, False),
        (4, "function", "crate::m::main", False, False),
        (6, "class", "crate::m::S", False, False),
        (8, "method", "crate::m::S::own", False, False),
    ]


def test_placeholders_and_the_pragma() -> None:
    source = "//! Crate.\n/// TODO\npub fn later() {}\npub fn skipped() {} // docaudit: ignore\n"
    assert rows(source) == [
        (1, "module", "crate", True, True),
        (3, "function", "crate::later", True, True),
    ]
    strict = Counting(placeholders_undocumented=True)
    assert rows(source, strict)[1] == (3, "function", "crate::later", True, False)
    symbol = RUST.count("src/lib.rs", parse(source), PUBLIC)[1]
    assert symbol.problems == [PLACEHOLDER] and symbol.language == "rust"


HIDDEN_PUBLIC = [
    ("src/lib.rs", 1, "module", "crate", True, True),
    ("src/lib.rs", 40, "function", "crate::visible_source::reexported_by_hidden_use", True, False),
    ("src/lib.rs", 45, "class", "crate::Partly", True, False),
    ("src/lib.rs", 46, "field", "crate::Partly::shown", True, False),
    ("src/lib.rs", 61, "function", "crate::allowed_module::warned_again", True, False),
    ("src/lib.rs", 97, "function", "crate::counted", True, False),
]


def test_hidden_items_silenced_lints_and_test_code_are_not_counted() -> None:
    assert crate_rows(ANCHOR / "hidden") == HIDDEN_PUBLIC


def test_hidden_crate_private_items_adds_what_clippy_lints() -> None:
    added = [
        ("src/allowed_file.rs", 2, "function", "crate::allowed_file::private_in_allowed_file"),
        (
            "src/allowed_file/grandchild.rs",
            2,
            "function",
            "crate::allowed_file::grandchild::private_two_files_down",
        ),
        ("src/lib.rs", 26, "method", "crate::HiddenStruct::private_on_hidden_type"),
        ("src/lib.rs", 39, "module", "crate::visible_source"),
        ("src/lib.rs", 67, "function", "crate::inner_allow::private_inside_inner_allow"),
        ("src/lib.rs", 79, "function", "crate::private_allowed_for_rustc_only"),
    ]
    expected = sorted(HIDDEN_PUBLIC + [(*a, False, False) for a in added])
    assert sorted(crate_rows(ANCHOR / "hidden", PRIVATE)) == expected


def test_parse_records_lint_groups_and_cfg_attr_levels() -> None:
    source = """\
#[allow(warnings, unused)]
#[deny(clippy::restriction, clippy::all)]
fn a() {}
#[cfg_attr(not(test), allow(missing_docs), warn(warnings))]
fn b() {}
#[cfg_attr(test, allow(missing_docs))]
fn c() {}
#[cfg_attr(feature = "x", allow(missing_docs), warn(missing_docs), deny(warnings))]
fn d() {}
#[cfg_attr(unix, cfg_attr(not(test), expect(warnings), forbid(missing_docs)))]
fn e() {}
#[cfg_attr(all(unix, test), warn(missing_docs))]
fn f() {}
#[cfg_attr(any(unix, not(test)), allow(clippy::missing_docs_in_private_items))]
fn g() {}
#[cfg_attr(not(any(test, unix)), allow(missing_docs))]
fn h() {}
#[cfg(any(test))]
fn i() {}
#[cfg(not(not(test)))]
fn j() {}
#[cfg(all(not(test), feature = "a,b"))]
fn k() {}
"""
    traits = {c.name: c.traits for c in parse(source).module.children}
    assert traits == {
        "a": ("item=fn", "lint=warnings:allow", "lint=clippy::restriction:deny"),
        "b": ("item=fn", "lint=missing_docs:allow", "lint=warnings:warn"),
        "c": ("item=fn",),
        "d": ("item=fn", "lint=missing_docs:warn", "lint=warnings:deny"),
        "e": ("item=fn", "lint=missing_docs:forbid"),
        "f": ("item=fn",),
        "g": ("item=fn", "lint=clippy::missing_docs_in_private_items:allow"),
        "h": ("item=fn",),
        "i": ("item=fn", "cfg-test"),
        "j": ("item=fn", "cfg-test"),
        "k": ("item=fn",),
    }


def test_allow_warnings_silences_a_lint_at_warn_not_one_at_deny() -> None:
    source = """\
#![allow(warnings)]
#![warn(missing_docs)]
pub fn quiet() {}
#[deny(missing_docs)]
pub fn loud() {}
pub mod m {
    #![warn(warnings)]
    pub fn back() {}
    #[expect(warnings)]
    pub fn expected() {}
    #[allow(missing_docs)]
    #[deny(warnings)]
    pub fn allowed() {}
}
#[warn(warnings)]
#[allow(warnings)]
pub fn last_wins() {}
"""
    assert rows(source) == [
        (5, "function", "crate::loud", True, False),
        (6, "module", "crate::m", True, False),
        (8, "function", "crate::m::back", True, False),
    ]


def test_clippy_restriction_sets_the_private_items_lint() -> None:
    source = """\
//! Crate.
#![allow(clippy::restriction)]
fn quiet() {}
#[warn(clippy::missing_docs_in_private_items)]
fn loud() {}
pub fn public() {}
#[allow(warnings)]
mod quiet_mod {
    fn inner() {}
    #[deny(clippy::restriction)]
    fn denied() {}
}
#[allow(clippy::all, clippy::pedantic)]
mod counted {}
"""
    assert rows(source, PRIVATE) == [
        (1, "module", "crate", True, True),
        (5, "function", "crate::loud", False, False),
        (6, "function", "crate::public", True, False),
        (11, "function", "crate::quiet_mod::denied", False, False),
    ]
    assert rows(source.replace("#![allow(clippy::restriction)]", ""), PRIVATE)[1:3] == [
        (3, "function", "crate::quiet", False, False),
        (5, "function", "crate::loud", False, False),
    ]
    assert rows(source.replace("#![allow(clippy::restriction)]", ""), PRIVATE)[-1] == (
        14,
        "module",
        "crate::counted",
        False,
        False,
    )


def test_cfg_attr_under_an_unknown_predicate_only_turns_lints_on() -> None:
    source = """\
//! Crate.
#![allow(missing_docs)]
#[cfg_attr(feature = "strict", warn(missing_docs))]
pub fn strict() {}
pub fn quiet() {}
#[cfg_attr(feature = "quiet", allow(missing_docs))]
pub mod m {
    #![cfg_attr(feature = "strict", warn(missing_docs))]
    pub fn f() {}
    #[cfg_attr(not(test), allow(missing_docs))]
    pub fn g() {}
    #[cfg_attr(docsrs, allow(missing_docs))]
    pub fn h() {}
}
"""
    assert rows(source) == [
        (4, "function", "crate::strict", True, False),
        (7, "module", "crate::m", True, False),
        (9, "function", "crate::m::f", True, False),
        (13, "function", "crate::m::h", True, False),
    ]


WARNINGS_ROOT = [
    ("src/denied_file.rs", 3, "function", "crate::denied_file::in_denied_file", True, False),
    ("src/lib.rs", 10, "function", "crate::denied", True, False),
    ("src/lib.rs", 13, "class", "crate::Forbidden", True, False),
    ("src/lib.rs", 14, "field", "crate::Forbidden::field", True, False),
    ("src/lib.rs", 20, "module", "crate::warnings_back", True, False),
    ("src/lib.rs", 22, "function", "crate::warnings_back::reported_again", True, False),
    ("src/lib.rs", 27, "module", "crate::denied_file", True, False),
]
GROUPS = [
    ("src/allowed_file.rs", 5, "module", "crate::allowed_file::deeper", True, False),
    (
        "src/allowed_file.rs",
        7,
        "function",
        "crate::allowed_file::deeper::denied_deeper",
        True,
        False,
    ),
    ("src/lib.rs", 1, "module", "crate", True, True),
    ("src/lib.rs", 9, "function", "crate::allowed_module::denied", True, False),
    ("src/lib.rs", 11, "function", "crate::allowed_module::warnings_back", True, False),
    ("src/lib.rs", 34, "field", "crate::AllowedEnum::Denied", True, False),
    ("src/lib.rs", 37, "class", "crate::Plain", True, False),
    ("src/lib.rs", 47, "method", "crate::Plain::reported_method", True, False),
    ("src/lib.rs", 61, "function", "crate::allow_then_warn_warnings", True, False),
    ("src/lib.rs", 64, "function", "crate::denied_by_group", True, False),
    ("src/lib.rs", 67, "module", "crate::deny_group", True, False),
    ("src/lib.rs", 82, "function", "crate::restriction_is_not_missing_docs", True, False),
    ("src/lib.rs", 99, "function", "crate::cfg_attr_test", True, False),
    ("src/lib.rs", 102, "function", "crate::cfg_attr_feature", True, False),
]


def test_allow_warnings_on_the_crate_root_leaves_what_is_denied_or_warned_again() -> None:
    assert crate_rows(ANCHOR / "warnings") == WARNINGS_ROOT
    private = ("src/lib.rs", 37, "function", "crate::private_denied", False, False)
    assert crate_rows(ANCHOR / "warnings", PRIVATE) == [*WARNINGS_ROOT, private]


def test_lint_groups_on_modules_files_and_items() -> None:
    assert crate_rows(ANCHOR / "groups") == GROUPS
    added = [
        ("src/lib.rs", 85, "function", "crate::clippy_all_is_not_restriction", False, False),
        ("src/lib.rs", 89, "function", "crate::restriction_then_lint", False, False),
    ]
    assert crate_rows(ANCHOR / "groups", PRIVATE) == GROUPS[:12] + added + GROUPS[12:]


def test_impls_count_inherent_items_of_exported_types_wherever_they_are() -> None:
    assert crate_rows(ANCHOR / "impls") == [
        ("src/lib.rs", 1, "module", "crate", True, True),
        ("src/lib.rs", 5, "module", "crate::traits", True, False),
        ("src/lib.rs", 12, "method", "crate::types::Exported::documented", True, True),
        ("src/lib.rs", 13, "method", "crate::types::Exported::in_root", True, False),
        ("src/lib.rs", 21, "method", "crate::types::Generic::new", True, False),
        ("src/methods.rs", 4, "method", "crate::types::Exported::from_methods_file", True, False),
        ("src/methods.rs", 5, "constant", "crate::types::Exported::FROM_METHODS", True, False),
        ("src/methods.rs", 9, "method", "crate::types::Wrapper::inner", True, False),
        ("src/traits.rs", 2, "class", "crate::traits::Speak", True, True),
        ("src/traits.rs", 3, "method", "crate::traits::Speak::speak", True, False),
        ("src/traits.rs", 5, "method", "crate::traits::Speak::shout", True, True),
        ("src/traits.rs", 8, "class", "crate::traits::Listen", True, False),
        ("src/traits.rs", 9, "class", "crate::traits::Listen::Ear", True, False),
        ("src/types.rs", 1, "class", "crate::types::Exported", True, False),
        ("src/types.rs", 3, "class", "crate::types::Generic", True, False),
        ("src/types.rs", 4, "field", "crate::types::Generic::value", True, False),
        ("src/types.rs", 7, "class", "crate::types::Wrapper", True, False),
    ]


@pytest.mark.parametrize(
    ("crate", "public", "private"),
    [
        ("docs", (28, 11), (28, 11)),
        ("groups", (14, 13), (16, 15)),
        ("hidden", (6, 5), (12, 11)),
        ("impls", (17, 13), (22, 18)),
        ("items", (40, 23), (46, 29)),
        ("modules", (30, 23), (41, 33)),
        ("reexports", (29, 29), (39, 39)),
        ("warnings", (7, 7), (8, 8)),
    ],
)
def test_anchor_crate_totals(
    crate: str, public: tuple[int, int], private: tuple[int, int]
) -> None:
    for counting, expected in ((PUBLIC, public), (PRIVATE, private)):
        found = crate_rows(ANCHOR / crate, counting)
        assert (len(found), sum(not r[5] for r in found)) == expected


WORKSPACE_PUBLIC = [
    ("crates/app/build.rs", 1, "module", "crates/app/build", True, False),
    ("crates/app/cli/tool.rs", 1, "module", "crates/app/cli/tool", True, False),
    ("crates/app/src/bin/extra.rs", 1, "module", "crates/app/src/bin/extra", True, True),
    ("crates/app/src/main.rs", 1, "module", "crates/app/src/main", True, False),
    ("crates/app/src/main.rs", 9, "function", "crates/app/src/main::run", True, False),
    ("crates/core/lib/core.rs", 1, "module", "crates/core", True, True),
    ("crates/core/lib/core.rs", 2, "module", "crates/core::util", True, False),
    ("crates/core/lib/core.rs", 3, "function", "crates/core::core_fn", True, False),
    ("crates/core/lib/util.rs", 1, "function", "crates/core::util::helper", True, False),
]


def test_workspace_crates_from_their_manifests() -> None:
    """The library at its ``[lib] path``, a ``[[bin]]`` path, src/main.rs, src/bin/,
    build.rs; the test crate (a harness) and the file no ``mod`` loads count nothing."""
    assert crate_rows(WORKSPACE) == WORKSPACE_PUBLIC
    private = crate_rows(WORKSPACE, PRIVATE)
    assert sorted(set(private) - set(WORKSPACE_PUBLIC)) == [
        (
            "crates/app/src/commands.rs",
            1,
            "function",
            "crates/app/src/main::commands::cmd",
            False,
            False,
        ),
        ("crates/app/src/main.rs", 2, "module", "crates/app/src/main::commands", False, False),
    ]


def test_resolve_marks_unreached_files_and_gives_crate_context() -> None:
    parses, read = read_folder(WORKSPACE)
    resolved = resolve(parses, read)
    assert "unreached" in resolved["crates/core/src/old.rs"].module.traits
    util = resolved["crates/core/lib/util.rs"].module
    assert {"crate=crates/core", "modpath=util"} <= set(util.traits)
    assert "outer-cfg-test" in resolved["crates/app/tests/smoke.rs"].module.traits
    assert sorted(resolved) == sorted(parses)


def test_without_manifests_packages_have_cargos_default_layout() -> None:
    found = crate_rows(ANCHOR / "modules", with_read=False)
    assert found == crate_rows(ANCHOR / "modules")
    assert len(found) == 30


def test_link_resolves_mod_files_and_use_paths_across_workspace_crates() -> None:
    parses, read = read_folder(WORKSPACE)
    links = RUST.link(parses, read)
    assert links["crates/app/src/main.rs"] == [
        ("crates/app/src/commands.rs", "mod"),
        ("crates/core/lib/util.rs", "use"),
    ]
    assert links["crates/core/lib/core.rs"] == [("crates/core/lib/util.rs", "mod")]
    assert "crates/core/src/old.rs" not in links


def test_link_in_a_crate_with_path_attributes_globs_and_reexports() -> None:
    parses, read = read_folder(ANCHOR / "modules")
    links = RUST.link(parses, read)
    assert links["src/lib.rs"] == [
        ("src/nested/mod.rs", "mod"),
        ("src/flat.rs", "mod"),
        ("src/private_file.rs", "mod"),
        ("src/crate_file.rs", "mod"),
        ("src/elsewhere/renamed.rs", "mod"),
        ("src/private_file.rs", "use"),
        ("src/crate_file.rs", "use"),
        ("src/inline/file_in_inline.rs", "mod"),
    ]
    assert links["src/elsewhere/renamed.rs"] == [("src/elsewhere/beside.rs", "mod")]
    assert links["src/nested/mod.rs"] == [
        ("src/nested/deeper.rs", "mod"),
        ("src/nested/sibling.rs", "mod"),
        ("src/nested/sibling.rs", "use"),
    ]
