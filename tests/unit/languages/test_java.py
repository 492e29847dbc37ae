"""Java: Checkstyle 8.36's MissingJavadocType and MissingJavadocMethod, counted by hand.

Every expected value below was worked out by reading the fixture under
``fixtures/languages/java`` against the rule as ``docaudit/analysers/java`` describes it
(and Checkstyle 8.36's sources); ``tests/functional/test_anchor_checkstyle.py`` runs
Checkstyle itself on the ``parity`` corpus.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from docaudit.analysers.languages import language
from docaudit.config.languages import JavaOptions
from docaudit.config.settings import Config, Counting
from docaudit.errors import AnalysisError
from docaudit.model.symbols import EMPTY, MISSING, PLACEHOLDER, ParsedModule, Symbol
from tests.helpers import FIXTURES

GAP = "(a syntax error or a gap in the grammar; the rest is counted)"
"""How a file read in part says so, after its first line not parsed."""

JAVA = FIXTURES / "languages" / "java"
PARITY = JAVA / "parity" / "com" / "example"
CASES = JAVA / "cases"
LINKING = JAVA / "linking"
JAVA_LANGUAGE = language("java")

Row = tuple[int, str, str, bool, bool]


def counting(**options: Any) -> Counting:
    """Return the default counting settings with these Java options."""
    return replace(Config.of().counting, java=JavaOptions(**options))


def parse(path: str) -> ParsedModule:
    """Parse one fixture file (a path under fixtures/languages/java)."""
    return JAVA_LANGUAGE.parse((JAVA / path).read_bytes(), path)


def count(path: str, **options: object) -> list[Symbol]:
    """Count one fixture file under these Java options."""
    return JAVA_LANGUAGE.count(path, parse(path), counting(**options))


def rows(path: str, **options: object) -> list[Row]:
    """Return ``(line, kind, qualname, public, documented)`` of each counted symbol."""
    return [(s.line, s.kind, s.qualname, s.public, s.documented) for s in count(path, **options)]


def missing_lines(path: str, **options: object) -> list[int]:
    """Return the lines of the undocumented symbols (Checkstyle's violations)."""
    return [s.line for s in count(path, **options) if not s.documented]


P = "com.example.scopes"
SCOPES_PRIVATE: list[Row] = [
    (4, "class", f"{P}.Scopes", True, True),
    (5, "method", f"{P}.Scopes.Scopes()", True, False),
    (9, "method", f"{P}.Scopes.Scopes(int)", True, False),
    (15, "method", f"{P}.Scopes.publicMethod()", True, False),
    (19, "method", f"{P}.Scopes.protectedMethod()", True, False),
    (23, "method", f"{P}.Scopes.packageMethod()", False, False),
    (27, "method", f"{P}.Scopes.privateMethod()", False, False),
    (32, "method", f"{P}.Scopes.documented()", True, True),
    (36, "class", f"{P}.Scopes.PublicNested", True, False),
    (37, "method", f"{P}.Scopes.PublicNested.inPublicNested()", True, False),
    (41, "class", f"{P}.Scopes.ProtectedNested", True, False),
    (42, "method", f"{P}.Scopes.ProtectedNested.inProtectedNested()", True, False),
    (45, "method", f"{P}.Scopes.ProtectedNested.protectedInProtected()", True, False),
    (49, "class", f"{P}.Scopes.PackageNested", False, False),
    (50, "method", f"{P}.Scopes.PackageNested.inPackageNested()", False, False),
    (54, "class", f"{P}.Scopes.PrivateNested", False, False),
    (55, "method", f"{P}.Scopes.PrivateNested.inPrivateNested()", False, False),
    (59, "class", f"{P}.Scopes.PrivateNested.DeepInPrivate", False, True),
    (60, "method", f"{P}.Scopes.PrivateNested.DeepInPrivate.deep()", False, False),
    (66, "class", f"{P}.PackageTopLevel", False, False),
    (67, "method", f"{P}.PackageTopLevel.PackageTopLevel()", False, False),
    (70, "method", f"{P}.PackageTopLevel.publicInPackageClass()", False, False),
    (73, "class", f"{P}.PackageTopLevel.PublicInPackage", False, False),
    (74, "method", f"{P}.PackageTopLevel.PublicInPackage.deepPublic()", False, False),
]
"""Scopes.java at scope private: everything but the field; a member is as visible as
the least visible type around it (``deep`` is public in a private class: private)."""


def test_scopes_at_private_count_every_declaration() -> None:
    """At ``private`` every type, constructor and method is counted, with its effective
    scope deciding ``public`` (public or protected) and its qualified name nested."""
    assert rows("parity/com/example/scopes/Scopes.java", scope="private") == SCOPES_PRIVATE


@pytest.mark.parametrize(
    ("scope", "total", "missing"),
    [("public", 6, 4), ("protected", 11, 9), ("package", 19, 17), ("private", 24, 21)],
)
def test_each_scope_adds_the_less_visible(scope: str, total: int, missing: int) -> None:
    """public: Scopes, its public constructor, publicMethod, documented, PublicNested and
    its method (6, 4 missing); protected adds the protected
    constructor, protectedMethod, ProtectedNested and its two methods (11, 9); package
    adds packageMethod, PackageNested and its method, and PackageTopLevel's five (19,
    17); private adds privateMethod, PrivateNested, its method, DeepInPrivate and deep
    (24, 21)."""
    symbols = count("parity/com/example/scopes/Scopes.java", scope=scope)
    assert (len(symbols), sum(not s.documented for s in symbols)) == (total, missing)


def test_the_default_scope_is_public() -> None:
    """``JavaOptions()`` is Checkstyle's default: scope public."""
    assert rows("parity/com/example/scopes/Scopes.java") == [
        r for r in SCOPES_PRIVATE if r[0] in (4, 5, 15, 32, 36, 37)
    ]


def test_modifiers_in_any_order() -> None:
    """The first of public/protected/private in the modifiers gives the scope, wherever
    it stands; no such modifier is package."""
    m = "com.example.scopes.Modifiers"
    assert rows("parity/com/example/scopes/Modifiers.java", scope="private") == [
        (4, "class", m, True, True),
        (5, "method", f"{m}.staticFirst()", True, False),
        (8, "method", f"{m}.finalFirst()", True, False),
        (11, "method", f"{m}.abstractFirst()", True, False),
        (13, "method", f"{m}.synchronizedPackage()", False, False),
        (16, "class", f"{m}.FinalNested", True, False),
        (19, "class", f"{m}.AbstractNested", True, False),
        (20, "method", f"{m}.AbstractNested.hook()", True, False),
    ]
    assert missing_lines("parity/com/example/scopes/Modifiers.java") == [5, 11, 16, 19]


M = "com.example.members"


def test_interface_members_are_public_but_nested_types_surround_as_package() -> None:
    """A method or type directly in an interface is public; but the surrounding scope of
    what is inside a nested type comes from its modifiers alone (Checkstyle 8.36's
    ``getSurroundingScope``), so NestedClass's methods are package. A local class in a
    default method is directly in the interface too (methods are passed through)."""
    i = f"{M}.Interfaces"
    assert rows("parity/com/example/members/Interfaces.java", scope="private") == [
        (4, "class", i, True, True),
        (5, "method", f"{i}.implicitlyPublic()", True, False),
        (7, "method", f"{i}.alsoPublic(String,int...)", True, False),
        (9, "method", f"{i}.defaultMethod()", True, False),
        (13, "method", f"{i}.create()", True, False),
        (17, "class", f"{i}.NestedClass", True, False),
        (18, "method", f"{i}.NestedClass.packageInNested()", False, False),
        (21, "method", f"{i}.NestedClass.publicInNested()", False, False),
        (25, "class", f"{i}.NestedInterface", True, False),
        (26, "method", f"{i}.NestedInterface.nestedMember()", False, False),
        (29, "class", f"{i}.NestedEnum", True, False),
        (32, "method", f"{i}.NestedEnum.enumMember()", False, False),
        (37, "method", f"{i}.withLocal()", True, True),
        (38, "class", f"{i}.withLocal().LocalInDefault", True, False),
        (39, "method", f"{i}.withLocal().LocalInDefault.localMember()", False, False),
        (46, "class", f"{M}.PackageInterface", False, False),
        (47, "method", f"{M}.PackageInterface.memberOfPackageInterface()", False, False),
        (49, "class", f"{M}.PackageInterface.InPackageInterface", False, False),
        (50, "method", f"{M}.PackageInterface.InPackageInterface.deepMember()", False, False),
    ]
    assert missing_lines("parity/com/example/members/Interfaces.java") == [
        5, 7, 9, 13, 17, 25, 29, 38,
    ]  # fmt: skip


def test_enum_constant_bodies_and_constructors() -> None:
    """Methods in an enum constant's body are counted under the constant's name (the
    constant itself is not: Checkstyle's JavadocVariable would); ``@Override`` leaves
    ``label`` in WITH_BODY out; an enum constructor without modifiers is package."""
    e = f"{M}.Enums"
    assert rows("parity/com/example/members/Enums.java", scope="private") == [
        (4, "class", e, True, True),
        (12, "method", f"{e}.WITH_BODY.onlyInBody()", True, False),
        (17, "method", f"{e}.DOCUMENTED.packageInBody()", False, False),
        (21, "method", f"{e}.Enums()", False, False),
        (24, "method", f"{e}.label()", True, False),
        (28, "class", f"{e}.Inner", True, False),
        (31, "method", f"{e}.Inner.innerMember()", True, False),
        (36, "class", f"{M}.PackageEnum", False, False),
        (39, "method", f"{M}.PackageEnum.inPackageEnum()", False, False),
    ]


def test_annotation_fields_are_public_methods() -> None:
    """Annotation fields are counted as methods, public in their annotation type; types
    nested in an annotation type are public, their members package (as above)."""
    a = f"{M}.Annotations"
    assert rows("parity/com/example/members/Annotations.java", scope="private") == [
        (4, "class", a, True, True),
        (5, "method", f"{a}.value()", True, False),
        (7, "method", f"{a}.count()", True, False),
        (10, "method", f"{a}.names()", True, True),
        (12, "class", f"{a}.NestedInAnnotation", True, False),
        (13, "method", f"{a}.NestedInAnnotation.member()", False, False),
        (17, "class", f"{a}.Level", True, False),
        (20, "method", f"{a}.Level.levelMember()", False, False),
        (24, "class", f"{a}.Inner", True, False),
        (25, "method", f"{a}.Inner.depth()", False, False),
        (29, "class", f"{M}.PackageAnnotation", False, False),
        (30, "method", f"{M}.PackageAnnotation.field()", False, False),
    ]
    assert missing_lines("parity/com/example/members/Annotations.java") == [5, 7, 12, 17, 24]


def test_records_and_compact_constructors() -> None:
    """A compact constructor is a method named after its record with the components'
    types; a record in an interface is public, its members by their modifiers."""
    r = f"{M}.Records"
    assert rows("parity/com/example/members/Records.java", scope="private") == [
        (4, "class", r, True, True),
        (5, "class", f"{r}.Point", True, False),
        (6, "method", f"{r}.Point.Point(int,int)", True, False),
        (12, "method", f"{r}.Point.sum()", True, False),
        (17, "class", f"{r}.Named", True, False),
        (18, "method", f"{r}.Named.Named(String)", False, False),
        (23, "method", f"{r}.Named.of(String)", True, True),
        (28, "class", f"{r}.PackageRecord", False, False),
        (29, "method", f"{r}.PackageRecord.PackageRecord(long)", False, False),
        (34, "class", f"{r}.WithRecord", True, False),
        (35, "class", f"{r}.WithRecord.InInterface", True, False),
        (36, "method", f"{r}.WithRecord.InInterface.recordMember()", False, False),
    ]


def test_anonymous_classes_and_new_expressions_are_left_out() -> None:
    """What is inside a ``new`` expression (an anonymous class, a lambda in an array
    initialiser) has the surrounding scope anoninner and is never counted; a local class
    in a method or a lambda is, named after the method."""
    a = f"{M}.Anonymous"
    assert rows("parity/com/example/members/Anonymous.java", scope="private") == [
        (6, "class", a, True, True),
        (18, "class", f"{a}.InLambda", False, False),
        (19, "method", f"{a}.InLambda.inLambda()", False, False),
        (25, "method", f"{a}.withLocal()", True, False),
        (26, "class", f"{a}.withLocal().Local", False, False),
        (27, "method", f"{a}.withLocal().Local.localMethod()", False, False),
        (39, "method", f"{a}.arrays()", True, False),
        (49, "method", f"{a}.generic(Supplier<?extendsNumber>)", True, False),
    ]


def test_javadoc_placement_by_lines() -> None:
    """Documented: blank lines or ``//`` lines between, before an annotation, ending on
    a line after code, on the line above another declaration's line. Missing: on the
    declaration's own line, a ``/* */`` between, after an annotation, ``/* */`` and
    ``/**/`` comments, inside the modifiers."""
    documented = {
        s.line: s.documented for s in count("parity/com/example/placement/Placement.java")
    }
    assert documented == {
        8: True,
        9: False,
        15: True,
        20: True,
        25: False,
        29: True,
        33: False,
        39: False,
        43: False,
        47: True,
        56: True,
        61: False,
        65: True,
        69: True,
        73: False,
    }


def test_a_javadoc_on_the_first_line_over_a_blank_line() -> None:
    """The package-info-less FirstLine.java: its class is documented, and a file with no
    package-info name has no module symbol."""
    assert rows("parity/com/example/placement/FirstLine.java") == [
        (6, "class", "com.example.placement.FirstLine", True, True)
    ]
    assert rows("parity/com/example/placement/Undocumented.java") == [
        (2, "class", "com.example.placement.Undocumented", True, False),
        (3, "method", "com.example.placement.Undocumented.method()", True, False),
    ]


def test_package_info_is_the_package_module_symbol() -> None:
    """``package-info.java`` gives the module symbol, named after the package, at its
    ``package`` line: documented by a Javadoc before it (annotations between are fine)."""
    assert rows("parity/com/example/scopes/package-info.java") == [
        (4, "module", "com.example.scopes", True, True)
    ]
    assert rows("parity/com/example/placement/package-info.java") == [
        (1, "module", "com.example.placement", True, False)
    ]
    assert count("cases/nodoc/package-info.java")[0].problems == [MISSING]
    assert rows("cases/ignored/package-info.java") == []
    assert rows("cases/module-info.java") == []


@pytest.mark.parametrize(
    ("options", "missing"),
    [
        ({}, [14, 24, 29, 33, 37, 41]),
        ({"allowed_annotations": ("Custom", "Deprecated")}, [5, 9, 14, 19, 41]),
        ({"allowed_annotations": ()}, [5, 9, 14, 19, 24, 29, 33, 37, 41]),
    ],
)
def test_allowed_annotations(options: dict[str, object], missing: list[int]) -> None:
    """@Override (the default) leaves run, toString (``@java.lang.Override``) and clone
    out but not hashCode: ``@lang.Override`` is matched by its first part, Checkstyle
    8.36's quirk. Custom, Deprecated: custom, the constructor, deprecated and the
    qualified ``@com.example.options.Custom`` out, the overrides back in. A type is never
    excused by an annotation (CustomType)."""
    assert missing_lines("parity/com/example/options/Overrides.java", **options) == missing


def test_generated_types_are_skipped() -> None:
    """``@Generated`` (plain or qualified) leaves a type out, not what is inside it, nor a
    method so annotated."""
    assert missing_lines("parity/com/example/options/Generated.java") == [7, 15]


ACCESSORS = [10, 14, 18, 24, 29, 33, 37, 42, 46, 50, 54, 58, 62, 66, 70, 75, 79, 86, 90]
"""Accessors.java's public methods but the one-line ``setFlag`` (line 22, -1 lines)."""


def test_property_accessors() -> None:
    """allow_missing_property_javadoc leaves out what CheckUtil calls a getter or setter:
    getValue, setValue, isFlag, setWithComment (comments are not statements), getStatic
    and the interface's default getDefault; not a getter with two statements, a setter
    that logs, ``+=``, a non-void setter, a void getter, parameters, throws, type
    parameters, names without an upper-case letter after get/is/set, two parameters, an
    extra empty statement, an if, a constructor, an abstract getter."""
    path = "parity/com/example/options/Accessors.java"
    assert missing_lines(path) == ACCESSORS
    excused = {10, 14, 18, 70, 86}
    assert missing_lines(path, allow_missing_property_javadoc=True) == [
        line for line in ACCESSORS if line not in excused
    ]
    interface = [s.line for s in count(path, scope="package", allow_missing_property_javadoc=True)]
    assert [line for line in interface if line > 95] == [96, 97]


def test_accessor_traits() -> None:
    """The getter and setter traits are read at parse time, options aside."""
    parsed = parse("parity/com/example/options/Accessors.java")
    (accessors, interface) = parsed.module.children
    marked = {d.line: t for d in accessors.children for t in d.traits if t in ("getter", "setter")}
    assert marked == {
        10: "getter",
        14: "setter",
        18: "getter",
        22: "setter",
        70: "setter",
        86: "getter",
    }
    assert [t for t in interface.children[1].traits if t == "getter"] == ["getter"]


def test_line_counts_of_bodies() -> None:
    """Checkstyle 8.36's getMethodsNumberOfLine: no statement (or no body) is 1, else the
    closing brace's line less the opening brace's less one."""
    parsed = parse("parity/com/example/options/Lines.java")
    lines = {
        d.name: int(t.removeprefix("lines="))
        for d in parsed.module.children[0].children
        for t in d.traits
        if t.startswith("lines=")
    }
    assert lines == {
        "empty()": 1,
        "emptyOneLine()": 1,
        "oneLine()": -1,
        "statementThenBrace()": 0,
        "oneStatement()": 1,
        "twoStatements()": 2,
        "threeLines()": 3,
        "onlyComment()": 1,
        "emptyStatement()": 1,
        "noBody()": 1,
        "nativeMethod()": 1,
        "Lines()": 1,
        "Lines(int)": -1,
        "Lines(long)": 1,
    }


@pytest.mark.parametrize(
    ("min_line_count", "missing"),
    [
        (-2, [5, 8, 10, 12, 15, 19, 24, 30, 34, 38, 40, 42, 46, 48]),
        (-1, [5, 8, 12, 15, 19, 24, 30, 34, 38, 40, 42, 48]),
        (0, [5, 8, 15, 19, 24, 30, 34, 38, 40, 42, 48]),
        (1, [19, 24]),
        (2, [24]),
        (3, []),
    ],
)
def test_min_line_count(min_line_count: int, missing: list[int]) -> None:
    """A method or constructor of at most min_line_count lines is not counted: the
    default -1 already leaves out one-line bodies with a statement (oneLine, Lines(int))."""
    path = "parity/com/example/options/Lines.java"
    assert missing_lines(path, min_line_count=min_line_count) == missing


def test_annotation_fields_ignore_min_line_count_and_annotations() -> None:
    """Annotation fields are exempt from neither rule (Checkstyle 8.36 applies both to
    methods and constructors only)."""
    path = "parity/com/example/members/Annotations.java"
    assert missing_lines(path, min_line_count=5) == [5, 7, 12, 17, 24]


def test_doc_verdicts() -> None:
    """``/** */`` and a blank Javadoc are empty; a TODO, tags that say nothing, and a
    description restating the name are placeholders; a tag with text, ``{@inheritDoc}``
    and a real description are fine."""
    problems = {s.line: s.problems for s in count("cases/Verdicts.java")}
    assert problems == {
        4: [],
        6: [EMPTY],
        12: [EMPTY],
        16: [PLACEHOLDER],
        23: [PLACEHOLDER],
        30: [],
        34: [],
        38: [PLACEHOLDER],
        43: [],
    }
    symbols = JAVA_LANGUAGE.count(
        "cases/Verdicts.java",
        parse("cases/Verdicts.java"),
        replace(counting(), placeholders_undocumented=True),
    )
    assert [s.line for s in symbols if not s.documented] == [6, 12, 16, 23, 38]
    assert [s.line for s in count("cases/Verdicts.java") if not s.documented] == [6, 12]


def test_pragmas() -> None:
    """``// docaudit: ignore`` excuses the definition on its line, or below it when the
    comment stands alone on its line (not across a blank line); not what is inside."""
    assert rows("cases/Pragmas.java") == [
        (4, "class", "cases.Pragmas", True, True),
        (14, "method", "cases.Pragmas.blankBetween()", True, False),
        (18, "method", "cases.Pragmas.Excused.inside()", True, False),
    ]


def test_qualified_names_without_a_package() -> None:
    """In the default package names start at the type; parameter types are written as
    in the source without spaces (arrays, generics, varargs, C-style array names), so
    overloads differ."""
    assert rows("cases/NoPackage.java") == [
        (1, "class", "NoPackage", True, False),
        (
            2,
            "method",
            "NoPackage.method(int[],java.util.Map<String,Integer>,String...)",
            True,
            False,
        ),
        (5, "method", "NoPackage.NoPackage(int[][])", True, False),
        (8, "class", "NoPackage.Inner", True, False),
        (9, "method", "NoPackage.Inner.overloaded(int)", True, False),
        (12, "method", "NoPackage.Inner.overloaded(long)", True, False),
    ]
    assert parse("cases/NoPackage.java").module.traits == ("package=",)


def test_sealed_types() -> None:
    """Java 17 sealed and non-sealed types (which Checkstyle 8.36 cannot parse): at
    public, the interface, its abstract method and the three nested types are counted;
    the nested types' methods are package by their surrounding scope (Circle, Square and
    Shape have no modifiers), and come in at package."""
    assert missing_lines("cases/Sealed.java") == [5, 7, 13, 20]
    assert rows("cases/Sealed.java", scope="package")[-4:] == [
        (13, "class", "cases.Sealed.Square", True, False),
        (15, "method", "cases.Sealed.Square.area()", False, True),
        (20, "class", "cases.Sealed.Shape", True, False),
        (21, "method", "cases.Sealed.Shape.area()", False, False),
    ]
    assert len(count("cases/Sealed.java", scope="package")) == 8


def test_local_records_interfaces_and_enums() -> None:
    """Local types (Java 16) inside a method holding a pattern switch (Java 21): at
    private, the record and its compact constructor, the interface and its method (public
    in the interface, package by the interface's modifiers), the enum and its method."""
    path = "cases/Local.java"
    d = "cases.Local.describe(Object)"
    assert rows(path, scope="private") == [
        (4, "class", "cases.Local", True, True),
        (5, "method", d, True, False),
        (6, "class", f"{d}.Pair", False, False),
        (7, "method", f"{d}.Pair.Pair(int,int)", False, False),
        (11, "class", f"{d}.Namer", False, False),
        (12, "method", f"{d}.Namer.name()", False, False),
        (14, "class", f"{d}.Size", False, False),
        (17, "method", f"{d}.Size.grow()", False, False),
    ]
    assert missing_lines(path) == [5]


def test_a_syntax_error_is_reported_and_the_rest_counted() -> None:
    """tree-sitter recovers: the error is the first one, and all three methods count."""
    parsed = parse("cases/Broken.java")
    assert parsed.error == f"cannot parse line 8: missing ) {GAP}"
    assert missing_lines("cases/Broken.java") == [5, 8, 11]


def test_undecodable_files_raise() -> None:
    """A NUL byte or bytes that are not UTF-8 cannot be parsed; a BOM is dropped."""
    with pytest.raises(AnalysisError, match="NUL"):
        JAVA_LANGUAGE.parse(b"class A {}\x00", "A.java")
    with pytest.raises(AnalysisError, match="utf-8"):
        JAVA_LANGUAGE.parse(b"class \xff {}", "A.java")
    parsed = JAVA_LANGUAGE.parse(b"\xef\xbb\xbf/** A. */\nclass A {}\n", "A.java")
    assert parsed.module.children[0].doc == "ok"


def test_deep_nesting_needs_no_recursion() -> None:
    """2,000 nested classes (past Python's recursion limit) parse and count."""
    depth = 2000
    source = "".join(f"class C{i} {{\n" for i in range(depth)) + "}\n" * depth
    parsed = JAVA_LANGUAGE.parse(source.encode(), "Deep.java")
    symbols = JAVA_LANGUAGE.count("Deep.java", parsed, counting(scope="private"))
    assert len(symbols) == depth
    assert symbols[-1].qualname == ".".join(f"C{i}" for i in range(depth))


def test_imports_are_recorded_as_written() -> None:
    """Each import's dotted name, ``.*`` for a wildcard; static ones by their member."""
    assert parse("linking/a/c/E.java").imports == (
        ("java.util.List", "import"),
        ("a.b.C", "import"),
        ("a.b.C.Inner", "import"),
        ("a.b.C.m", "import"),
        ("a.b.C.*", "import"),
        ("a.b.*", "import"),
        ("a.missing.Gone", "import"),
    )


def test_link_resolves_imports_by_declared_packages() -> None:
    """A class import is the file declaring its package and top-level type (nested and
    static members included); a wildcard every file of the package (or, for a static
    one, the class); the JDK and a missing package drop out; D uses C with no import."""
    paths = ["Default.java", "a/b/C.java", "a/b/D.java", "a/c/E.java", "a/c/F.java"]
    parses = {p: JAVA_LANGUAGE.parse((LINKING / p).read_bytes(), p) for p in paths}
    assert JAVA_LANGUAGE.link(parses, lambda path: None) == {
        "Default.java": [("a/c/F.java", "import")],
        "a/b/C.java": [("a/b/D.java", "import")],
        "a/b/D.java": [],
        "a/c/E.java": [("a/b/C.java", "import"), ("a/b/D.java", "import")],
        "a/c/F.java": [("a/b/D.java", "import")],
    }
