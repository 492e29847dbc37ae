"""JavaScript and TypeScript: eslint-plugin-jsdoc's require-jsdoc, counted on
fixtures/languages/javascript by hand (each row below was worked out from the rule's
source, and tests/functional/test_anchor_eslint.py checks the same files against eslint),
with each option's effect, placeholders, pragmas, syntax errors, imports and links."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from docaudit.analysers import treesitter
from docaudit.analysers.javascript import LANGUAGES, grammar
from docaudit.analysers.javascript.comments import Comments, verdict
from docaudit.analysers.javascript.link import loads
from docaudit.analysers.languages import language
from docaudit.config.languages import JAVASCRIPT_CONTEXTS, TYPESCRIPT_CONTEXTS
from docaudit.config.settings import Config
from docaudit.errors import AnalysisError
from docaudit.model.symbols import EMPTY, MISSING, OK, PLACEHOLDER, ParsedModule, Symbol
from tests.helpers import FIXTURES

GAP = "(a syntax error or a gap in the grammar; the rest is counted)"
"""How a file read in part says so, after its first line not parsed."""

ROOT = FIXTURES / "languages" / "javascript"
ANCHOR = ROOT / "anchor"
CASES = ROOT / "cases"
TYPESCRIPT = ("ts", "tsx", "mts", "cts")

Row = tuple[int, str, str, bool]


def parse_file(root: Path, rel: str) -> ParsedModule:
    """Parse one fixture file, named by its path under ``root``."""
    name = "typescript" if rel.endswith(TYPESCRIPT) else "javascript"
    return LANGUAGES[name].parse((root / rel).read_bytes(), rel)


def symbols(rel: str, root: Path = ANCHOR, **options: object) -> list[Symbol]:
    """Return the symbols counted in one fixture file under the given JavaScript options."""
    counting = Config.of().counting
    counting = replace(counting, javascript=replace(counting.javascript, **options))
    parsed = parse_file(root, rel)
    return LANGUAGES[parsed.language].count(rel, parsed, counting)


def rows(rel: str, root: Path = ANCHOR, **options: object) -> list[Row]:
    """Return ``(line, kind, qualname less the file's stem, documented)`` of each symbol."""
    stem = rel.rsplit(".", 1)[0] + "."
    return [
        (s.line, s.kind, s.qualname.removeprefix(stem), s.documented)
        for s in symbols(rel, root, **options)
    ]


def lines(rel: str, root: Path = ANCHOR, **options: object) -> list[int]:
    """Return the lines of the symbols counted in one fixture file."""
    return [row[0] for row in rows(rel, root, **options)]


RULES: dict[str, list[Row]] = {
    "functions.js": [
        (7, "function", "add", True),
        (12, "function", "subtract", False),  # a line comment is not JSDoc
        (17, "function", "multiply", False),  # nor a /* */ block
        (23, "function", "divide", False),  # a blank line between
        (29, "function", "modulo", True),  # a line comment in between is stepped over
        (34, "function", "stars", False),  # /***/: no space after /**
        (37, "function", "cramped", False),  # /**text*/: the same
        (39, "function", "sameLine", True),
        (42, "function", "load", True),
        (46, "function", "generate", False),
        (51, "function", "outer", True),  # /** Outer. */ restates the name: a placeholder
        (52, "function", "outer.inner", False),
        (56, "function", "outer.documentedInner", True),
        (60, "function", "exported", False),
        (63, "function", "documentedExport", True),  # the block is before export
        (65, "function", "default", False),  # export default function () {}
    ],
    "arrows.js": [
        (1, "function", "bare", False),
        (4, "function", "documented", True),
        (6, "function", "parenthesised", False),
        (8, "function", "exportedArrow", False),
        (11, "function", "documentedExported", True),
        (15, "function", "second", True),  # a block before the second declarator
        (17, "function", "fourth", False),
        (19, "function", "inline", True),  # a block right before the arrow
        (21, "function", "plainInline", False),  # a /* */ block there hides the const's
        (24, "function", "assigned", False),
        (27, "function", "assigned#2", True),
        (29, "function", "expression", False),
        (32, "function", "documentedExpression", True),
        # [].map(x => ...), setTimeout(function...), an IIFE, a ternary's arrow: not checked
        (44, "function", "withDefault", False),  # its default-parameter arrow is not checked
        (48, "function", "chained", False),  # the arrow it returns is not checked
        (51, "function", "multiline", False),  # reported on the arrow's line
        (54, "function", "gen", True),
    ],
    "classes.js": [
        (2, "class", "Shape", True),
        # constructor() {} (line 3): an empty constructor is exempt
        (6, "method", "Shape.area", True),
        (10, "method", "Shape.perimeter", False),
        (14, "method", "Shape.name", False),  # getter
        (18, "method", "Shape.name#2", False),  # setter
        (21, "method", "Shape.sides", True),
        (25, "method", "Shape.create", False),
        (29, "method", "Shape.#secret", False),
        (31, "method", "Shape.items", False),
        (33, "method", 'Shape.["computed"]', False),
        (35, "method", "Shape.quoted", False),
        (37, "method", "Shape.handler", False),  # an arrow field
        (40, "method", "Shape.other", True),
        (42, "method", "Shape.plain", False),  # a function field; value = 1 is not checked
        (51, "class", "Circle", False),
        (52, "method", "Circle.constructor", False),  # it has a parameter
        (58, "method", "Circle.from", True),
        (61, "class", "Square", False),
        (63, "method", "Square.constructor", True),
        (69, "class", "Returns", False),
        (70, "method", "Returns.constructor", False),  # it returns a value
        (76, "method", "Anonymous.method", False),  # a class expression is not checked
        (79, "class", "default", False),
        (80, "method", "default.method", False),
        (83, "class", "ExportedClass", False),
        (84, "method", "ExportedClass.method", False),
        (86, "method", "ExportedClass.field", False),
        (88, "method", "ExportedClass.#hidden", False),
        (91, "function", "factory", False),
        (92, "class", "factory.Inner", False),
        (93, "method", "factory.Inner.inner", False),
    ],
    "objects.js": [
        (2, "method", "api.get", False),
        (5, "method", "api.post", True),
        (9, "method", "api.put", False),
        (11, "method", "api.patch", False),
        (14, "method", "api.remove", True),
        (16, "method", "api.status", False),
        (20, "method", "api.status#2", False),
        (23, "method", "api.nested.deep", False),
        (26, "method", "api.quoted key", False),
        (28, "method", "api.[Symbol.iterator]", False),
        (34, "method", "exportedObject.method", False),
        (35, "method", "exportedObject.arrow", False),
        (39, "method", "default.defaultMethod", False),
        (42, "function", "takes", False),
        (47, "method", "callback", False),
        (48, "method", "other", False),
    ],
    "placeholders.js": [
        (2, "function", "todo", True),  # a placeholder counts documented by default
        (5, "function", "empty", False),  # /** */: empty, undocumented (eslint accepts it)
        (10, "function", "tagOnly", True),
        (17, "function", "returnsOnly", True),
        (24, "function", "tagWithText", True),
        (29, "function", "fixme", True),
        (32, "function", "explained", True),
    ],
    "overloads.ts": [
        (4, "function", "parse", True),  # the block above the first signature
        (9, "function", "undocumented", False),
        (15, "function", "exportedParse", True),
        # declare function / export declare function: TSDeclareFunction, not checked
        (25, "class", "Parser", False),
        (27, "method", "Parser.read", True),
        (28, "method", "Parser.read#2", True),  # bodiless overloads are methods too
        (29, "method", "Parser.read#3", True),
        (33, "method", "Parser.write", False),
        (34, "method", "Parser.write#2", False),
        # constructor(); (line 36): empty, exempt
        (37, "method", "Parser.constructor", False),
        (40, "method", "Parser.make", True),
        (41, "method", "Parser.make#2", False),  # not static: not the same overload set
    ],
    "decorators.ts": [
        (1, "function", "dec", False),
        (6, "class", "Decorated", True),  # reported on the decorator's line
        (9, "class", "Undocumented", False),
        (13, "class", "ExportedDecorated", True),
        (17, "class", "Between", True),  # the block before the first decorator counts
        (22, "class", "AfterExport", False),  # export @dec class: looked for after export
        (24, "class", "Members", False),
        (27, "method", "Members.method", True),
        (30, "method", "Members.undocumented", False),
        (34, "method", "Members.field", True),
        (37, "method", "Members.other", False),
        (41, "method", "Members.late", False),  # a block after the decorator does not
        (43, "method", "Members.handler", False),  # nor one before a decorated field's value
    ],
    "implements.ts": [
        (9, "class", "Friendly", False),
        (10, "method", "Friendly.greet", True),  # its interface documents greet
        (14, "method", "Friendly.farewell", False),
        (18, "method", "Friendly.shout", True),  # a documented property counts too
        (22, "method", "Friendly.extra", False),
        (26, "method", "Expression.greet", False),  # not for a class expression
        (30, "method", "Expression.farewell", False),
        (34, "method", "Expression.shout", False),
    ],
    "access.ts": [
        (1, "class", "Account", False),
        (2, "method", "Account.constructor", False),  # a parameter property is a parameter
        (4, "method", "Account.open", False),
        (6, "method", "Account.close", False),
        (8, "method", "Account.audit", False),
        (10, "method", "Account.#lock", False),
        (12, "method", "Account.handler", False),
        (14, "method", "Account.other", False),
        (16, "method", "Account.balance", False),
        (21, "class", "Base", False),  # abstract methods are not checked
        (26, "method", "Base.concrete", False),
        (29, "class", "Internal", False),
        (30, "method", "Internal.method", False),
    ],
    "ambient.d.ts": [
        (1, "class", "Client", False),  # declaration files count as any other
        (2, "method", "Client.constructor", False),
        (3, "method", "Client.request", False),
        (5, "method", "Client.close", True),
        (6, "method", "Client.ready", False),
        # export declare function connect: not checked
    ],
}


@pytest.mark.parametrize("rel", sorted(RULES))
def test_rule_rows(rel: str) -> None:
    """Each fixture file counts, at the defaults, exactly the rows worked out by hand."""
    stem = "ambient.d" if rel == "ambient.d.ts" else None
    found = rows(rel)
    if stem is not None:
        found = [(line, kind, name.removeprefix("d."), doc) for line, kind, name, doc in found]
    assert found == RULES[rel]


def test_totals_at_the_defaults() -> None:
    """The corpus's totals: what is counted, and what is undocumented (as eslint reports,
    plus the one empty block), by hand from the rows above and the other files."""
    counted = {rel: len(symbols(rel)) for rel in RULES}
    assert counted == {
        "functions.js": 16,
        "arrows.js": 17,
        "classes.js": 31,
        "objects.js": 16,
        "placeholders.js": 7,
        "overloads.ts": 12,
        "decorators.ts": 13,
        "implements.ts": 8,
        "access.ts": 13,
        "ambient.d.ts": 5,
    }
    undocumented = sum(not s.documented for rel in RULES for s in symbols(rel))
    assert undocumented == 9 + 10 + 25 + 14 + 1 + 6 + 8 + 6 + 13 + 4


def test_typescript_declarations_need_their_contexts() -> None:
    """Interfaces, type aliases and enums count only when ``require`` names them; a
    namespace names its members."""
    assert rows("types.ts") == [
        (37, "function", "Space.spaced", False),
        (38, "function", "Space.hidden", False),
        (49, "function", "useTypes", False),
    ]
    everything = JAVASCRIPT_CONTEXTS + TYPESCRIPT_CONTEXTS
    assert rows("types.ts", require=everything) == [
        (1, "class", "Options", False),
        (6, "class", "Documented", True),
        (10, "class", "Local", False),
        (14, "class", "Id", False),
        (17, "class", "Alias", True),
        (19, "class", "Color", False),
        (25, "class", "Size", True),  # const enum
        (29, "class", "Ambient", False),  # declare interface
        (34, "class", "Space.Inner", False),
        (37, "function", "Space.spaced", False),
        (38, "function", "Space.hidden", False),
        (42, "class", "virtual.Virtual", False),  # declare module "virtual"
        (45, "class", "DefaultShape", False),  # export default interface
        (49, "function", "useTypes", False),
    ]
    assert lines("types.ts", require=("TSEnumDeclaration",)) == [19, 25]


def test_require_limits_the_contexts() -> None:
    """``require`` names what is checked: function declarations alone, or methods alone."""
    assert lines("arrows.js", require=("FunctionDeclaration",)) == [44]
    assert lines("objects.js", require=("FunctionDeclaration",)) == [42]
    methods = [6, 10, 14, 18, 21, 25, 29, 31, 33, 35, 52, 58, 63, 70, 76, 80, 84, 88, 93]
    assert lines("classes.js", require=("MethodDefinition",)) == methods
    assert lines("classes.js", require=("ClassDeclaration",)) == [2, 51, 61, 69, 79, 83, 92]
    assert lines("objects.js", require=("ArrowFunctionExpression",)) == [11, 14, 26, 35, 48]


def test_exempt_empty_functions() -> None:
    """Functions with no parameters and no value returned of their own are left out:
    a bare return, a nested function's or a callback's return do not count; an
    expression-bodied arrow returns a value."""
    assert lines("returns.js") == [
        1, 5, 9, 13, 19, 27, 33, 41, 51, 52, 58, 64, 66, 70, 72, 78, 81, 85
    ]  # fmt: skip
    assert lines("returns.js", exempt_empty_functions=True) == [
        9, 13, 19, 27, 33, 41, 52, 64, 66, 72, 78, 81
    ]  # fmt: skip


def test_returns_rows_include_methods() -> None:
    """The class in returns.js: its empty constructor is exempt, its methods counted."""
    assert rows("returns.js")[-3:] == [
        (78, "class", "Holder", False),
        (81, "method", "Holder.method", False),
        (85, "method", "Holder.empty", False),
    ]


def test_constructors() -> None:
    """``check-constructors`` off leaves every constructor out; ``exempt-empty-
    constructors`` off counts the empty one too."""
    assert 52 in lines("classes.js") and 3 not in lines("classes.js")
    assert dropped("classes.js", check_constructors=False) == [52, 63, 70]
    assert lines("classes.js", exempt_empty_constructors=False)[:2] == [2, 3]
    assert len(lines("overloads.ts", exempt_empty_constructors=False)) == 13


def dropped(rel: str, **options: object) -> list[int]:
    """Return the lines counted at the defaults that ``options`` leave out."""
    kept = set(lines(rel, **options))
    return [n for n in lines(rel) if n not in kept]


def test_accessors() -> None:
    """``check-getters`` and ``check-setters`` off leave class and object accessors out."""
    assert dropped("classes.js", check_getters=False) == [14, 21]
    assert dropped("classes.js", check_setters=False) == [18]
    assert dropped("objects.js", check_getters=False, check_setters=False) == [16, 20]


def test_public_only_esm() -> None:
    """``public-only``: exported declarations, ``export { names }`` of what is already
    declared, ``export default name``, exported objects' and classes' members (and the
    methods of classes declared in an exported function), as the rule's export map has
    them."""
    assert rows("functions.js", public_only=True) == [
        (60, "function", "exported", False),
        (63, "function", "documentedExport", True),
        (65, "function", "default", False),
    ]
    assert rows("esm.mjs", public_only=True) == [
        (3, "function", "named", False),
        (5, "function", "arrow", False),
        (7, "class", "Listed", False),
        (8, "method", "Listed.method", False),
        (10, "method", "Listed.field", False),
        (19, "function", "defaulted", False),
        # later (line 25): exported by name before it is declared, which the map misses
        (28, "method", "holder.inside", False),
        (33, "function", "outerFunction", False),
        (34, "class", "outerFunction.Nested", False),
        (35, "method", "outerFunction.Nested.nestedMethod", False),
        (42, "function", "documentedOuter", True),
        # DocumentedNested (line 43): its export statement has a block
        (44, "method", "documentedOuter.DocumentedNested.method", False),
        (50, "method", "exportedClass.method", False),
        (52, "method", "exportedClass.field", False),
        # Listed.prototype.extra (line 55): a class's symbol has no prototype
        (57, "function", "named.attached", False),
    ]
    public = [s.qualname for s in symbols("esm.mjs") if s.public]
    assert public == [s.qualname for s in symbols("esm.mjs", public_only=True)]


def test_public_only_commonjs() -> None:
    """``module.exports`` and ``exports.name`` export what they are given; once
    ``module.exports`` is replaced, ``exports.name`` no longer exports."""
    assert rows("commonjs.cjs", public_only=True) == [
        (3, "function", "exportedByName", False),
        (5, "class", "Service", False),
        (6, "method", "Service.start", False),
        (8, "method", "Service.stop", False),
        (12, "method", "config.load", False),
        (18, "method", "module.exports.inline", False),
        (19, "method", "module.exports.arrow", False),
        (23, "function", "module.exports.later", False),
        (30, "function", "module.exports.documented", True),
    ]
    assert lines("exports-first.cjs", public_only=True) == [1, 3]


def test_public_only_typescript() -> None:
    """Private and protected members are never exported; an ``as const`` object's
    members are not in the map; an exported class's arrow fields are not either."""
    assert lines("access.ts", public_only=True) == [1, 2, 4, 16, 21, 26, 29, 30]
    assert lines("edges.ts", public_only=True) == [1, 12, 14, 21, 23, 29, 54, 58, 63, 65, 68, 74]


def test_placeholders_undocumented() -> None:
    """``placeholders-undocumented`` makes TODO blocks and tag-only blocks undocumented."""
    counting = replace(Config.of().counting, placeholders_undocumented=True)
    parsed = parse_file(ANCHOR, "placeholders.js")
    after = LANGUAGES["javascript"].count("placeholders.js", parsed, counting)
    assert [s.documented for s in after] == [False, False, False, False, True, False, True]
    assert [s.problems for s in after] == [
        [PLACEHOLDER], [EMPTY], [PLACEHOLDER], [PLACEHOLDER], [], [PLACEHOLDER], []
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        ("/** Adds two numbers. */", OK),
        ("/** */", EMPTY),
        ("/**\n *\n */", EMPTY),
        ("/** TODO */", PLACEHOLDER),
        ("/** @param {number} x */", PLACEHOLDER),
        ("/** @param x - */", PLACEHOLDER),
        ("/** @returns {Promise<{a: number}>} */", PLACEHOLDER),
        ("/** @param {number} x the count */", OK),
        ("/** @returns the count */", OK),
        ("/**\n * Frobs.\n * @param x\n */", OK),
        ("/** @deprecated */", PLACEHOLDER),
        ("/** @deprecated use g */", OK),
        ("/** Frob. */", PLACEHOLDER),  # restates the name, as for Python
    ],
)
def test_verdict(block: str, expected: str) -> None:
    """A block is judged as a docstring is, tags' names and types aside."""
    parsed = LANGUAGES["javascript"].parse(f"{block}\nfunction frob(x) {{}}\n".encode(), "a.js")
    assert parsed.module.children[0].doc == expected


def test_verdict_without_a_block() -> None:
    """No block is missing."""
    assert verdict(None, "f") == MISSING


def test_pragma() -> None:
    """``// docaudit: ignore`` on a definition's line or the line above leaves it out."""
    assert rows("pragma.js", CASES) == [
        (6, "function", "counted", False),
        (10, "function", "blankLineBetween", False),
        (12, "class", "Holder", False),
        (16, "method", "Holder.countedMethod", False),
    ]


def test_syntax_error_counts_what_parses() -> None:
    """A file with a syntax error reports it and still counts the rest."""
    parsed = parse_file(CASES, "broken.ts")
    assert parsed.error == f"cannot parse line 3 {GAP}"
    assert rows("broken.ts", CASES) == [
        (1, "function", "before", False),
        (6, "function", "after", True),
    ]


def test_decoding() -> None:
    """A byte order mark is dropped; a NUL byte is refused."""
    parse = LANGUAGES["javascript"].parse
    parsed = parse(b"\xef\xbb\xbf/** Doc. */\nfunction f() {}\n", "a.js")
    assert parsed.module.children[0].doc == OK
    with pytest.raises(AnalysisError, match="NUL"):
        parse(b"function f() {}\x00", "a.js")


def test_module_and_language() -> None:
    """The module definition spans the file; symbols carry their language; no module
    symbol is counted; a ``@file`` block is the module's doc."""
    parsed = parse_file(ANCHOR, "module.mts")
    assert (parsed.module.kind, parsed.module.span, parsed.language) == (
        "module",
        (1, 4),
        "typescript",
    )
    assert [s.language for s in symbols("module.mts")] == ["typescript", "typescript"]
    assert {s.language for s in symbols("component.jsx")} == {"javascript"}
    assert "module" not in {s.kind for s in symbols("functions.js")}
    parse = LANGUAGES["javascript"].parse
    assert parse(b"/** @file Tools. */\n\nfunction f() {}\n", "a.js").module.doc == OK
    assert parse(b"/** Not a file block. */\n\nf();\n", "a.js").module.doc == MISSING


def test_grammars() -> None:
    """.tsx is read with the TSX grammar (JSX and generic arrows), .ts with TypeScript's
    (angle-bracket casts), .js and .jsx with JavaScript's (JSX)."""
    assert grammar("a.tsx")[0].__name__ == "language_tsx"
    assert grammar("a.d.ts")[0].__name__ == "language_typescript"
    assert grammar("a.cjs")[0].__name__ == "language"
    assert rows("component.tsx") == [
        (5, "function", "Header", False),
        (10, "function", "Counter", True),
        (12, "function", "Counter.increment", False),
        (16, "function", "Generic", False),
    ]
    cast = LANGUAGES["typescript"].parse(b"const n = <number>value;\nfunction f() {}\n", "a.ts")
    assert cast.error is None and len(cast.module.children) == 1
    assert lines("component.jsx") == [3, 8, 10]


def test_registry() -> None:
    """The language registry finds both languages in this module."""
    assert language("javascript") is LANGUAGES["javascript"]
    assert language("typescript").name == "typescript"


def test_imports() -> None:
    """Imports, type-only imports, re-exports, ``require()`` and ``import()`` with a
    literal (not a template with a substitution, not two arguments), in source order."""
    assert parse_file(CASES, "imports.ts").imports == (
        ("./default", "import"),
        ("./types", "type-only"),
        ("./mixed", "import"),
        ("./side-effect", "import"),
        ("lodash", "import"),
        ("./legacy", "require"),
        ("./reexported", "reexport"),
        ("./everything", "reexport"),
        ("./typed", "reexport"),
        ("./lazy", "dynamic"),
        ("./templated", "dynamic"),
        ("./required", "require"),
    )


def test_comment_tokens() -> None:
    """The token before a node: comments are found by where their text ends (trailing
    spaces aside), and a parenthesis is one token."""
    data = b"/** a */  // b   \n(x)"
    tree = LANGUAGES["javascript"].parse(data, "a.js")
    assert tree.error is None
    grammar_function = grammar("a.js")[0]
    found = treesitter.captures(
        grammar_function, "(comment) @c", treesitter.parse(grammar_function, data).root_node
    )
    comments = Comments(data, found["c"])
    assert comments.before(len(data) - 2).kind == "("
    assert comments.before(data.index(b"(")).kind == "line"
    assert comments.jsdoc(data.index(b"("), 1) is not None


REPOSITORY = {
    "package.json": b'{"workspaces": ["packages/*"]}',
    "tsconfig.base.json": b"""{
        // shared options
        "compilerOptions": {
            "baseUrl": "./src",
            /* aliases */
            "paths": {"@/*": ["./*"], "exact": ["./lib/exact.ts"],},
        },
    }""",
    "tsconfig.json": b'{"extends": "./tsconfig.base", "include": ["src"]}',
    "src/app.ts": b"""
        import { a } from "./a.js";
        import b from "./b";
        import c from "./dir";
        import d from "@/deep/d";
        import e from "exact";
        import f from "lib/f";
        import g from "@acme/ui";
        import h from "@acme/ui/button";
        import i from "@acme/ui/forms";
        import i2 from "react";
        import j from "./missing";
        import k from "./styles.css";
        import type { L } from "./types";
        const m = await import("./lazy.mjs");
    """,
    "src/a.ts": b"export const a = 1;\n",
    "src/b.tsx": b"export default 1;\n",
    "src/dir/index.ts": b"export default 1;\n",
    "src/deep/d.ts": b"export default 1;\n",
    "src/lib/exact.ts": b"export default 1;\n",
    "src/lib/f.js": b"export default 1;\n",
    "src/types.d.ts": b"export type L = 1;\n",
    "src/lazy.mts": b"export default 1;\n",
    "packages/ui/package.json": b"""{"name": "@acme/ui", "main": "dist/index.js",
        "exports": {"./forms": {"import": "./lib/forms/index.js"}, "./*": "./dist/*.js"}}""",
    "packages/ui/lib/forms/index.ts": b"export default 1;\n",
    "packages/ui/src/index.ts": b"export default 1;\n",
    "packages/ui/src/button.tsx": b"export default 1;\n",
    "web/jsconfig.json": b'{"compilerOptions": {"baseUrl": "."}}',
    "web/main.js": b'const s = require("shared/s");\nconst t = require("../src/a");\n',
    "web/shared/s.js": b"module.exports = 1;\n",
}


def _link(files: dict[str, bytes]) -> dict[str, list[tuple[str, str]]]:
    """Parse the sources of an in-memory repository and link them."""
    parses = {}
    for path, data in files.items():
        if path.endswith((".ts", ".tsx", ".mts", ".js")):
            name = "typescript" if path.endswith(("ts", "tsx")) else "javascript"
            parses[path] = LANGUAGES[name].parse(data, path)
    return LANGUAGES["typescript"].link(parses, files.get)


def test_link() -> None:
    """Relative files (a .js specifier naming its .ts source, extensions, index files),
    tsconfig paths and baseUrl through a relative extends with comments and trailing
    commas, workspace packages by name (entry falling back to src/index) and subpath
    (through ``exports``, a ``./*`` pattern naming no file falling back to src/), a
    jsconfig's baseUrl; third-party, missing and non-source targets dropped."""
    links = _link(REPOSITORY)
    assert links["src/app.ts"] == [
        ("src/a.ts", "import"),
        ("src/b.tsx", "import"),
        ("src/dir/index.ts", "import"),
        ("src/deep/d.ts", "import"),
        ("src/lib/exact.ts", "import"),
        ("src/lib/f.js", "import"),
        ("packages/ui/src/index.ts", "import"),
        ("packages/ui/src/button.tsx", "import"),
        ("packages/ui/lib/forms/index.ts", "import"),
        ("src/types.d.ts", "type-only"),
        ("src/lazy.mts", "dynamic"),
    ]
    assert links["web/main.js"] == [("web/shared/s.js", "require"), ("src/a.ts", "require")]
    assert links["src/a.ts"] == []


def test_link_reads_files_it_was_not_given() -> None:
    """A target outside the parsed files is looked up with ``read``."""
    files = {"a.ts": b'import "./b";\n', "b.js": b"x;\n"}
    parses = {"a.ts": LANGUAGES["typescript"].parse(files["a.ts"], "a.ts")}
    assert LANGUAGES["typescript"].link(parses, files.get) == {"a.ts": [("b.js", "import")]}


def test_loads_tolerates_tsconfig_json() -> None:
    """Comments (not inside strings), trailing commas and a BOM are accepted; a file
    that is not JSON at all gives ``None``."""
    text = '\ufeff{"a": "http://x", /* c */ "b": [1, 2,], // d\n}'.encode()
    assert loads(text) == {"a": "http://x", "b": [1, 2]}
    assert loads(b"not json") is None
    assert loads(b"[1]") is None
