"""Output injection (issue 11, items 5 to 7): hostile names never become syntax.

Every name in a report comes from the audited repository. These tests build hostile cases
(real git repositories with fixed names and dates), run the real CLI, and check that no
line can be read as a GitHub workflow command, that no Markdown element comes from a name
(parsed with a real CommonMark parser, GFM tables and autolinks on), that SARIF URIs are
RFC 3986 relative references, and that the names still show exactly.
"""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest
from markdown_it import MarkdownIt

from docaudit.model.symbols import Symbol
from docaudit.report import github, table
from docaudit.report.escape import (
    json_text,
    markdown_code,
    markdown_text,
    printable,
    uri_reference,
)
from tests.helpers import SARIF_SCHEMA, GitRepo, make_repo

WHEN = "2024-01-02T03:04:05+00:00"
UNDOCUMENTED = "def f():\n    pass\n"
BROKEN = b"x = 1\n\xff\n"

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "[link](http://evil)",
    "![i](http://evil/x.png)",
    "*emph*",
    "_emph_",
    "__init__",
    "`code`",
    "a``b",
    "`",
    "a|b",
    "a\\|b",
    "carriage\rreturn",
    "new\nline",
    "<!-- comment",
    "&amp;",
    "back\\slash",
    "trailing\\",
    "\\*not emph\\*",
    "# heading",
    "> quote",
    "- item",
    "+ item",
    "1. item",
    "1) item",
    "2.",
    "- - -",
    "-",
    "    indented",
    "===",
    "---",
    "~~struck~~",
    "http://evil",
    "www.evil.com",
    "evil@example.com",
    "$x$",
    "</script>",
    "<http://evil>",
    "[x]: http://evil",
]


def _markdown() -> MarkdownIt:
    """Return a CommonMark parser with GFM tables, strikethrough and (non-fuzzy) autolinks."""
    parser = MarkdownIt("commonmark", {"linkify": True})
    parser.enable(["table", "strikethrough", "linkify"])
    parser.linkify.set({"fuzzy_link": False})
    return parser


def _elements(text: str) -> list[str]:
    """Return the type of every block and inline token of a Markdown document."""
    found = []
    for token in _markdown().parse(text):
        found.append(token.type)
        found += [child.type for child in token.children or []]
    return found


def _inlines(text: str) -> list[list[tuple[str, str]]]:
    """Return each inline run of a document as (type, content) pairs."""
    return [
        [
            (child.type, child.content)
            for child in token.children or []
            if child.content or child.type != "text"
        ]
        for token in _markdown().parse(text)
        if token.type == "inline"
    ]


# Terminal and CI-log text


def test_printable_keeps_normal_names() -> None:
    for name in ("pkg/a_b.py", "crate::module::f", "Ada Example", "ada@example.com", "café"):
        assert printable(name) == name


def test_printable_escapes_a_newline_before_a_workflow_command() -> None:
    assert printable("x\n::error::pwned") == "x\\n::error::pwned"


def test_printable_escapes_every_control_character() -> None:
    assert printable("a\rb\tc\x1b[31m\x00\x7f\x85\u2028\u2029\u202e\u2066") == (
        "a\\rb\\tc\\x1b[31m\\x00\\x7f\\x85\\u2028\\u2029\\u202e\\u2066"
    )


def test_printable_escapes_undecodable_file_name_bytes() -> None:
    assert printable(os.fsdecode(b"caf\xe9.py")) == "caf\\xe9.py"


def test_printable_neutralises_a_leading_workflow_command() -> None:
    assert printable("::set-output name=x::y") == "\\x3a:set-output name=x::y"


def test_printable_neutralises_a_workflow_command_after_white_space() -> None:
    assert printable("  ::error::x") == "  \\x3a:error::x"
    assert printable("\u3000::error::x") == "\u3000\\x3a:error::x"


def test_printable_neutralises_legacy_workflow_commands_anywhere() -> None:
    assert printable("a##[stop-commands]t ###[error]x") == (
        "a##\\x5bstop-commands]t ###\\x5berror]x"
    )


def test_printable_is_idempotent() -> None:
    for name in [*HOSTILE, "::error::x", "##[error]x", "\x1b", os.fsdecode(b"\xff")]:
        assert printable(printable(name)) == printable(name)


def test_symbol_line_of_a_hostile_path() -> None:
    symbol = Symbol("::error::a\n::warning::b.py", 3, "function", "f\rg", True, False)
    symbol.problems = ["missing"]
    assert table.symbol_line(symbol) == (
        "\\x3a:error::a\\n::warning::b.py:3: function f\\rg (missing)"
    )


# Markdown: one name in every context docaudit's Markdown puts names in


@pytest.mark.parametrize("name", HOSTILE)
def test_markdown_table_cells_show_the_name_and_nothing_else(name: str) -> None:
    document = f"| a | b |\n|---|---|\n| {markdown_text(name)} | {markdown_code(name, True)} |\n"
    assert _elements(document) == [
        *["table_open", "thead_open", "tr_open"],
        *["th_open", "inline", "text", "th_close"] * 2,
        *["tr_close", "thead_close", "tbody_open", "tr_open"],
        *["td_open", "inline", "text", "td_close"],
        *["td_open", "inline", "code_inline", "td_close"],
        *["tr_close", "tbody_close", "table_close"],
    ]
    cells = _inlines(document)[2:]
    assert cells == [[("text", printable(name))], [("code_inline", printable(name))]]


@pytest.mark.parametrize("name", HOSTILE)
def test_markdown_list_item_shows_the_name_in_bold_and_nothing_else(name: str) -> None:
    document = f"- **{markdown_text(name)}**: in {markdown_code(name)}\n"
    assert _inlines(document) == [
        [
            ("strong_open", ""),
            ("text", printable(name)),
            ("strong_close", ""),
            ("text", ": in "),
            ("code_inline", printable(name)),
        ]
    ]
    assert _elements(document)[:3] == ["bullet_list_open", "list_item_open", "paragraph_open"]


@pytest.mark.parametrize("name", HOSTILE)
def test_markdown_quote_starting_with_the_name_is_one_paragraph(name: str) -> None:
    document = f"> {markdown_text(name)}\n"
    assert _elements(document) == [
        *["blockquote_open", "paragraph_open", "inline", "text"],
        *["paragraph_close", "blockquote_close"],
    ]
    assert _inlines(document) == [[("text", printable(name))]]


def test_markdown_keeps_normal_names_byte_identical() -> None:
    for name in (
        "snake_case_name",
        "shop/settings.py:14",
        "README.md:9, .env.example:2",
        "-x",
        "--fail-under 80",
        "2024.01",
        "+1",
    ):
        assert markdown_text(name) == name
    assert markdown_code("SHOP_PLUGIN_*", table=True) == "`SHOP_PLUGIN_*`"


def test_markdown_code_fences_backticks_exactly() -> None:
    assert markdown_code("a`b") == "``a`b``"
    assert markdown_code("`x") == "`` `x ``"
    assert markdown_code("a|b", table=True) == "`a\\|b`"
    assert markdown_code("") == ""


# SARIF URIs


def test_uri_reference_keeps_normal_paths() -> None:
    assert uri_reference("pkg/sub-dir/a_b.py") == "pkg/sub-dir/a_b.py"


def test_uri_reference_encodes_a_colon_so_no_scheme_is_read() -> None:
    assert uri_reference("colon::x.py") == "colon%3A%3Ax.py"
    assert urlsplit(uri_reference("colon::x.py")).scheme == ""


def test_uri_reference_encodes_what_a_uri_cannot_hold() -> None:
    assert uri_reference("a b/%0A<|>\n#?.py") == "a%20b/%250A%3C%7C%3E%0A%23%3F.py"


def test_uri_reference_encodes_undecodable_bytes_and_decodes_back() -> None:
    path = os.fsdecode(b"caf\xe9/\xc3\xa9.py")
    assert uri_reference(path) == "caf%E9/%C3%A9.py"
    assert unquote(uri_reference(path), errors="surrogateescape") == path


# JSON printed to a CI log


def test_json_text_neutralises_legacy_commands_and_decodes_the_same() -> None:
    document = {"path": "##[add-mask]x.py", "n": [1]}
    text = json_text(document)
    assert "##[" not in text
    assert '"path": "##\\u005badd-mask]x.py"' in text
    assert json.loads(text) == document


# The real CLI on real repositories


def _hostile_repo(path: Path) -> GitRepo:
    """Return a repository with a workflow command in two file names, committed by Ada."""
    return make_repo(
        path,
        {
            "::error::a.py": UNDOCUMENTED,
            "b\n::error::b.py": BROKEN,
            "c/##[stop-commands]t.py": '"""C."""\n',
        },
    )


def _assert_no_workflow_command(text: str) -> None:
    """Assert that no line of ``text`` is a GitHub workflow command, new or legacy."""
    for line in text.split("\n"):
        assert not line.lstrip().startswith("::"), line
        assert "##[" not in line, line


def test_check_text_output_escapes_workflow_commands_in_file_names(
    tmp_path: Path, run_cli
) -> None:
    _hostile_repo(tmp_path)
    result = run_cli("check", "--no-cache", "--fail-under", "100", cwd=tmp_path)
    assert result.code == 1
    assert result.out == (
        "FAIL errors: 1 error(s) in files: b\\n::error::b.py"
        " (cannot decode as utf-8: byte 0xff at offset 6)\n"
        "FAIL fail-under: coverage 33.3% is under --fail-under 100%\n"
        "TOTAL 3 2 33.3%\n"
    )
    assert result.err == (
        "docaudit: b\\n::error::b.py: cannot decode as utf-8: byte 0xff at offset 6\n"
    )
    _assert_no_workflow_command(result.out + result.err)


def test_coverage_table_escapes_a_file_name_at_the_start_of_a_line(
    tmp_path: Path, run_cli
) -> None:
    _hostile_repo(tmp_path)
    result = run_cli("coverage", "--no-cache", cwd=tmp_path)
    assert result.code == 0
    assert result.out.splitlines()[2:4] == [
        "\\x3a:error::a.py                  2          2  0.0%",
        "c/##\\x5bstop-commands]t.py        1          0  100.0%",
    ]
    _assert_no_workflow_command(result.out + result.err)


def test_hook_output_escapes_a_staged_file_name(tmp_path: Path, run_cli) -> None:
    repo = make_repo(tmp_path, {"README.md": "x\n"})
    repo.write("::set-output name=x::y.py", UNDOCUMENTED)
    repo.git("add", "-A")
    result = run_cli("hook", "::set-output name=x::y.py", cwd=tmp_path)
    assert result.code == 1
    assert result.out.splitlines()[:2] == [
        "\\x3a:set-output name=x::y.py:1: module \\x3a:set-output name=x::y (missing)",
        "\\x3a:set-output name=x::y.py:1: function f (missing)",
    ]
    _assert_no_workflow_command(result.out)


def test_check_markdown_has_no_element_from_a_file_name(tmp_path: Path, run_cli) -> None:
    make_repo(tmp_path, {"<img src=x onerror=alert(1)>\r[l](x).py": BROKEN})
    result = run_cli("check", "--no-cache", "--format", "markdown", cwd=tmp_path)
    assert result.code == 1
    assert (
        "| errors | **fail** | 1 error(s) in files: \\<img src=x onerror=alert(1)>\\r"
        "\\[l\\](x).py (cannot decode as utf-8: byte 0xff at offset 6) |"
    ) in result.out
    inlines = _inlines(result.out)
    types = {kind for run in inlines for kind, _ in run}
    assert not types & {"link_open", "image", "html_inline", "em_open", "s_open"}
    assert "html_block" not in _elements(result.out)
    texts = [content for run in inlines for kind, content in run if kind == "text"]
    assert "1 error(s) in files: <img src=x onerror=alert(1)>\\r[l](x).py (cannot" in texts[-1]


def test_step_summary_has_no_element_from_a_file_name(
    tmp_path: Path, run_cli, monkeypatch
) -> None:
    make_repo(tmp_path, {"<b>x|![i](x.png).py": BROKEN})
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run_cli("check", "--no-cache", "--format", "github", cwd=tmp_path)
    assert result.code == 1
    text = summary.read_text(encoding="utf-8")
    assert "| 1 error(s) in files: \\<b>x\\|!\\[i\\](x.png).py (cannot decode" in text
    types = {kind for run in _inlines(text) for kind, _ in run}
    assert not types & {"link_open", "image", "html_inline"}
    assert "html_block" not in _elements(text)


def _authored(path: Path, name: str, files: dict[str, str | bytes]) -> GitRepo:
    """Return a repository whose one commit is by ``name``."""
    repo = make_repo(path)
    repo.commit_as((name, "e@example.com"), WHEN, files)
    return repo


EVIL_AUTHOR = "[x](http://evil) ![i](http://evil/x.png) *e* `c` # h"


def test_audit_markdown_if_they_left_shows_the_author_name_only(tmp_path: Path, run_cli) -> None:
    _authored(tmp_path, EVIL_AUTHOR, {"pkg/__init__.py": "", "pkg/m.py": UNDOCUMENTED})
    result = run_cli("audit", "--no-cache", "--format", "markdown", cwd=tmp_path)
    assert result.code == 0, result.err
    line = next(x for x in result.out.splitlines() if x.startswith("- **"))
    assert line == (
        "- **\\[x\\](http\\://evil) !\\[i\\](http\\://evil/x.png) \\*e\\* \\`c\\` \\# h**:"
        " 2 file(s) known by nobody, in `pkg`"
    )
    item = _inlines(line)[0]
    assert item[:3] == [("strong_open", ""), ("text", EVIL_AUTHOR), ("strong_close", "")]
    assert [kind for kind, _ in item[3:]] == ["text", "code_inline"]


def test_audit_table_and_silos_table_escape_author_names(tmp_path: Path, run_cli) -> None:
    _authored(tmp_path, "Eve ##[error]x", {"m.py": UNDOCUMENTED})
    audit = run_cli("audit", "--no-cache", cwd=tmp_path)
    silos = run_cli("silos", "--no-cache", cwd=tmp_path)
    assert audit.code == silos.code == 0
    assert "Eve ##\\x5berror]x" in silos.out
    _assert_no_workflow_command(audit.out + audit.err + silos.out + silos.err)


def test_config_markdown_has_no_element_from_a_variable_name(tmp_path: Path, run_cli) -> None:
    name = "[x](http://evil)|<img src=x>`*e*`"
    make_repo(tmp_path, {"app.py": f'import os\n\nos.environ.get("{name}", "`d|`")\n'})
    result = run_cli("config", "--format", "markdown", cwd=tmp_path)
    assert result.code == 0, result.err
    assert (
        "| `` [x](http://evil)\\|<img src=x>`*e*` `` | ``'`d\\|`'`` | app.py:3 | undocumented |"
        in result.out
    )
    rows = _inlines(result.out)[6:]
    assert rows == [
        [("code_inline", name)],
        [("code_inline", "'`d|`'")],
        [("text", "app.py:3")],
        [("text", "undocumented")],
    ]


def test_config_table_escapes_a_variable_name(tmp_path: Path, run_cli) -> None:
    make_repo(tmp_path, {"app.py": 'import os\n\nos.environ.get("::error::X")\n'})
    result = run_cli("config", cwd=tmp_path)
    assert result.code == 0, result.err
    assert result.out.splitlines()[2].startswith("\\x3a:error::X ")
    _assert_no_workflow_command(result.out)


HOSTILE_PATHS = [
    "colon::x.py",
    "a b.py",
    "%0A.py",
    "<|>.py",
    "new\nline.py",
    "hash#q?.py",
    os.fsdecode(b"caf\xe9.py"),
]


def test_sarif_uris_are_relative_references_that_decode_to_the_path(
    tmp_path: Path, run_cli
) -> None:
    make_repo(tmp_path, {path: UNDOCUMENTED for path in HOSTILE_PATHS})
    result = run_cli("check", "--no-cache", "--format", "sarif", cwd=tmp_path)
    assert result.code == 0, result.err
    log = json.loads(result.out)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
        if r["ruleId"] == "missing-docstring" and r["message"]["text"].startswith("function")
    ]
    assert sorted(uris) == [
        "%250A.py",
        "%3C%7C%3E.py",
        "a%20b.py",
        "caf%E9.py",
        "colon%3A%3Ax.py",
        "hash%23q%3F.py",
        "new%0Aline.py",
    ]
    for uri in uris:
        parts = urlsplit(uri)
        assert (parts.scheme, parts.netloc, parts.query, parts.fragment) == ("", "", "", "")
    decoded = {unquote(uri, errors="surrogateescape") for uri in uris}
    assert decoded == set(HOSTILE_PATHS)


def test_gitlab_paths_are_exact_and_the_output_is_log_safe(tmp_path: Path, run_cli) -> None:
    make_repo(tmp_path, {"##[error]x.py": UNDOCUMENTED, "colon::x.py": UNDOCUMENTED})
    result = run_cli("check", "--no-cache", "--format", "gitlab", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "##[" not in result.out
    paths = {issue["location"]["path"] for issue in json.loads(result.out)}
    assert paths == {"##[error]x.py", "colon::x.py"}


def test_html_escapes_markup_in_a_module_name(tmp_path: Path, run_cli) -> None:
    make_repo(tmp_path, {'<script>alert(1)<!--" onclick="x/m.py': UNDOCUMENTED})
    result = run_cli("audit", "--no-cache", "--format", "html", cwd=tmp_path)
    assert result.code == 0, result.err
    assert result.out.count("<script") == 1  # the page's own sorting script
    assert "<!--" not in result.out
    assert 'data-module="&lt;script&gt;alert(1)&lt;!--&#34; onclick=&#34;x"' in result.out


def test_html_template_marks_nothing_safe() -> None:
    template = resources.files("docaudit.report") / "templates" / "audit.html"
    text = template.read_text(encoding="utf-8")
    assert "|safe" not in text.replace(" ", "")
    assert "tojson" not in text


def test_baseline_line_escapes_a_configured_path(tmp_path: Path, run_cli) -> None:
    config = '[tool.docaudit]\nbaseline = "b\\n::error::x.json"\n'
    make_repo(tmp_path, {"pyproject.toml": config, "m.py": '"""M."""\n'})
    result = run_cli("baseline", "--no-cache", cwd=tmp_path)
    assert result.code == 0, result.err
    assert result.err.endswith("b\\n::error::x.json: 1 symbols, 100.0% documented\n")
    _assert_no_workflow_command(result.err)


def test_github_annotation_keeps_the_file_and_prints_the_message(tmp_path: Path, run_cli) -> None:
    make_repo(tmp_path, {"a\x1b[2J,b:c.py": UNDOCUMENTED, "d\n::error::e.py": BROKEN})
    result = run_cli("check", "--no-cache", "--format", "github", cwd=tmp_path)
    assert result.code == 1
    assert result.out.splitlines() == [
        "::error title=errors::1 error(s) in files: d\\n::error::e.py"
        " (cannot decode as utf-8: byte 0xff at offset 6)"
    ]
    symbol = Symbol("a\x1b[2J,b:c.py", 1, "function", "f\x1b[2J", True, False, ["missing"])
    assert github.annotation(symbol, "why") == (
        "::error file=a\x1b[2J%2Cb%3Ac.py,line=1,title=Undocumented function (missing-docstring)"
        "::f\\x1b[2J: why"
    )
