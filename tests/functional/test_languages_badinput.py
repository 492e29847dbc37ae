"""Bad input in other languages: each file gets its one-line error or notice, and the rest of
the audit completes (through the CLI, on a folder holding one file per case)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import make_repo

GAP = "(a syntax error or a gap in the grammar; the rest is counted)"
"""How a file read in part says so, after its first line not parsed."""

CASES: dict[str, bytes] = {
    # a byte order mark and CRLF line ends: read as UTF-8 lines, numbered from the mark
    "bom.ts": (
        b"\xef\xbb\xbf/** Doc. */\r\nexport function f() {}\r\n\r\nexport function g() {}\r\n"
    ),
    # bytes that are not UTF-8: an error naming the first bad byte; nothing counted
    "bad.go": b"package x\n\n// A is.\nfunc A() {}\n\xff\n",
    # a syntax error: what parses is counted, and the first error line is reported
    "Broken.java": (
        b"/** B. */\npublic class Broken {\n  public void ok() {}\n  public void bad( {\n}\n"
    ),
    # over max-source-bytes: skipped, as for Python
    "big.js": b"// x\n" * 110_000,
    # 3,000 nested parentheses: parsed, never walked by recursion
    "deep.js": (
        b"/** Deep nesting. */\nfunction d() {\n  return "
        + b"(\n" * 3000
        + b"1"
        + b")\n" * 3000
        + b";\n}\n"
    ),
    # a minified line: its 200 functions left out, with a notice; the one below is counted
    "bundle.js": b"".join(b"function m%d(){}" % n for n in range(200))
    + b"\nfunction later() {}\n",
    # a NUL byte
    "nul.rs": b"//! C\n\x00\n",
    # 1,500 nested functions: an error entry, never a crash
    "nested.js": b"function a() {\n" * 1500 + b"}\n" * 1500,
}


def test_each_bad_file_is_named_and_the_rest_is_counted(tmp_path: Path, run_cli) -> None:
    for name, content in CASES.items():
        (tmp_path / name).write_bytes(content)
    result = run_cli("coverage", "--no-cache", cwd=tmp_path)
    assert result.code == 0
    document = json.loads(run_cli("coverage", "--no-cache", "--format", "json", cwd=tmp_path).out)
    code_errors = [(e["path"], e["message"], e.get("kind")) for e in document["errors"]]
    assert [e[:2] for e in code_errors if e[2] is None] == [
        ("bad.go", "cannot decode as utf-8: byte 0xff at offset 32"),
        ("big.js", "skipped: 550,000 bytes is over the 500,000-byte limit (max-source-bytes)"),
        ("nested.js", "cannot analyse: definitions nested over 200 levels deep"),
        ("nul.rs", "source contains a NUL byte"),
    ]
    # read in part: reported, of its own kind, which fails no gate (see the next test)
    assert ("Broken.java", f"cannot parse line 4: missing ) {GAP}", "syntax") in code_errors
    symbols = [(s["path"], s["line"], s["qualname"], s["documented"]) for s in document["symbols"]]
    assert symbols == [
        ("Broken.java", 2, "Broken", True),
        ("Broken.java", 3, "Broken.ok()", False),
        ("Broken.java", 4, "Broken.bad()", False),
        ("bom.ts", 2, "bom.f", True),
        ("bom.ts", 4, "bom.g", False),
        ("bundle.js", 2, "bundle.later", False),
        ("deep.js", 2, "deep.d", True),
    ]
    notice = (
        "docaudit: bundle.js: 200 definition(s) on line 1 over 1,000 characters not counted"
        " (minified or bundled code? max-line-length sets the limit)\n"
    )
    assert notice in result.err


def test_a_file_read_in_part_is_reported_and_fails_no_gate(tmp_path: Path, run_cli) -> None:
    # tree-sitter-javascript reads no bare & in JSX text: valid code, a syntax error to it
    (tmp_path / "app.jsx").write_text(
        "/** Shows the operators. */\nexport function Ops() {\n  return <p>&&</p>;\n}\n"
    )
    result = run_cli("check", "--no-cache", cwd=tmp_path)
    assert (result.code, result.out) == (0, "TOTAL 1 0 100.0%\n")
    assert f"docaudit: app.jsx: cannot parse line 3 {GAP}\n" in result.err
    (tmp_path / "bad.py").write_text("def (:\n")  # Python's is read not at all: it fails
    failed = run_cli("check", "--no-cache", cwd=tmp_path)
    assert (failed.code, failed.out) == (
        1,
        "FAIL errors: 1 error(s) in files: bad.py (syntax error at line 1: invalid syntax)\n"
        "TOTAL 1 0 100.0%\n",
    )


def test_max_line_length_sets_the_limit(tmp_path: Path, run_cli) -> None:
    (tmp_path / "bundle.js").write_bytes(CASES["bundle.js"])
    # the cache is on: the parse depends on the limit, so it is not reused across limits
    assert run_cli("coverage", "-q", cwd=tmp_path).out == "TOTAL 1 1 0.0%\n"
    (tmp_path / "docaudit.toml").write_text("max-line-length = 10000\n")
    result = run_cli("coverage", "-q", cwd=tmp_path)
    # the long line is now read: its 200 functions and `later`
    assert result.out == "TOTAL 201 201 0.0%\n"
    assert "not counted" not in result.err
    (tmp_path / "docaudit.toml").unlink()
    assert run_cli("coverage", "-q", cwd=tmp_path).out == "TOTAL 1 1 0.0%\n"


def test_languages_chooses_what_is_counted(tmp_path: Path, run_cli) -> None:
    (tmp_path / "app.py").write_text('"""App."""\n\n\ndef run():\n    pass\n')
    (tmp_path / "web.ts").write_text("export function show() {}\n")
    assert run_cli("coverage", "--no-cache", "-q", cwd=tmp_path).out == "TOTAL 3 2 33.3%\n"
    python = run_cli("coverage", "--no-cache", "-q", "--languages", "python", cwd=tmp_path)
    assert python.out == "TOTAL 2 1 50.0%\n"
    both = run_cli(
        "coverage", "--no-cache", "-q", "--languages", "typescript,python", cwd=tmp_path
    )
    assert both.out == "TOTAL 3 2 33.3%\n"
    (tmp_path / "docaudit.toml").write_text('languages = ["typescript"]\n')
    assert run_cli("coverage", "--no-cache", "-q", cwd=tmp_path).out == "TOTAL 1 1 0.0%\n"
    (tmp_path / "docaudit.toml").write_text('languages = ["cobol"]\n')
    wrong = run_cli("coverage", "--no-cache", "-q", cwd=tmp_path)
    assert wrong.code == 2
    assert wrong.err == (
        f"docaudit: error: {tmp_path / 'docaudit.toml'}: 'languages' has an"
        " unknown language"
        " 'cobol'; choose from python, javascript, typescript, go, rust, java\n"
    )


def test_an_unknown_key_in_a_language_table_is_named(tmp_path: Path, run_cli) -> None:
    (tmp_path / "a.go").write_text("package a\n")
    where = tmp_path / "docaudit.toml"
    (tmp_path / "docaudit.toml").write_text("[go]\nexported = true\n")
    wrong = run_cli("coverage", "--no-cache", "-q", cwd=tmp_path)
    assert (wrong.code, wrong.err) == (
        2,
        f"docaudit: error: {where}: 'go.exported': 'go' takes no options\n",
    )
    (tmp_path / "docaudit.toml").write_text("[rust]\nprivate = true\n")
    wrong = run_cli("coverage", "--no-cache", "-q", cwd=tmp_path)
    assert (wrong.code, wrong.err) == (
        2,
        f"docaudit: error: {where}: 'rust.private' is not one of private-items\n",
    )


def test_a_source_file_too_large_to_read_has_one_error(tmp_path: Path, run_cli) -> None:
    # over max-source-bytes and max-config-bytes (it is read for its environment reads
    # too): one entry, the source file's; a .vue file, which is not counted, keeps its own
    (tmp_path / "huge.js").write_bytes(b"// x\n" * 220_000)
    (tmp_path / "huge.vue").write_bytes(b"<!-- x -->\n" * 100_000)
    document = json.loads(run_cli("coverage", "--no-cache", "--format", "json", cwd=tmp_path).out)
    assert [(e["path"], e["message"]) for e in document["errors"]] == [
        ("huge.js", "skipped: 1,100,000 bytes is over the 500,000-byte limit (max-source-bytes)"),
        (
            "huge.vue",
            "skipped: 1,100,000 bytes is over the 1,000,000-byte limit (max-config-bytes)",
        ),
    ]


def test_generated_files_are_named_together_in_one_notice(tmp_path: Path, run_cli) -> None:
    marker = b"// Code generated by protoc-gen-go. DO NOT EDIT.\n"
    (tmp_path / "api").mkdir()
    for name in ("a_pb.ts", "b_pb.ts", "c_pb.ts", "d_pb.ts"):
        (tmp_path / "api" / name).write_bytes(marker + b"export function f() {}\n")
    (tmp_path / "api" / "x.pb.go").write_bytes(marker + b"package api\n\nfunc F() {}\n")
    (tmp_path / "app.ts").write_text("export function run() {}\n")
    result = run_cli("coverage", "--no-cache", "-q", cwd=tmp_path)
    assert (result.code, result.out) == (0, "TOTAL 1 1 0.0%\n")
    assert result.err == (
        "docaudit: 5 generated file(s) not counted: api/a_pb.ts, api/b_pb.ts, api/c_pb.ts"
        " and 2 more (a code generator's marker or path; see docs/languages.md)\n"
    )


def test_a_generated_file_too_large_to_parse_is_left_out_by_its_head(
    tmp_path: Path, run_cli
) -> None:
    # excalidraw's harfbuzz-wasm.ts: 790 KB of base64 under a generator's banner; its head
    # says it is generated, so it is no error (and no check fails), as a small one would be
    banner = b"// GENERATED CODE -- DO NOT EDIT!\n/* eslint-disable */\n"
    (tmp_path / "wasm.ts").write_bytes(banner + b'export default "' + b"A" * 600_000 + b'";\n')
    (tmp_path / "big.go").write_bytes(
        b"// Code generated by go-bindata. DO NOT EDIT.\n\npackage x\n\nvar D = `"
        + b"x" * 600_000
        + b"`\n"
    )
    (tmp_path / "plain.ts").write_bytes(b'export const s = "' + b"A" * 600_000 + b'";\n')
    (tmp_path / "app.ts").write_text("/** Runs. */\nexport function run() {}\n")
    notice = (
        "docaudit: 2 generated file(s) not counted: big.go, wasm.ts"
        " (a code generator's marker or path; see docs/languages.md)\n"
        "docaudit: plain.ts: skipped: 600,021 bytes is over the 500,000-byte limit"
        " (max-source-bytes)\n"
    )
    skipped = (
        "plain.ts",
        "skipped: 600,021 bytes is over the 500,000-byte limit (max-source-bytes)",
    )

    def run() -> tuple[list[tuple[str, str]], str]:
        result = run_cli("coverage", "--format", "json", cwd=tmp_path)
        document = json.loads(result.out)
        assert document["summary"]["total"] == 1
        return [(e["path"], e["message"]) for e in document["errors"]], result.err

    assert run() == ([skipped], notice)  # a plain folder: each file hashed by its worker
    assert run() == ([skipped], notice)  # warm
    make_repo(tmp_path)
    assert run() == ([skipped], notice)  # git's blob ids, then from the cache
    assert run() == ([skipped], notice)
    (tmp_path / "plain.ts").unlink()
    checked = run_cli("check", "--no-cache", "--fail-under", "100", cwd=tmp_path)
    assert (checked.code, checked.err) == (0, notice.splitlines(keepends=True)[0])
