"""The documentation index: whole-token mentions, stated defaults, configuration sections."""

from __future__ import annotations

from docaudit.docs.docindex import DocIndex, is_doc_file

README = """# Service

Set `DATABASE_URL` to your database.

## Configuration

| variable | meaning |
|---|---|
| `APP_PORT` | the port (default 8000) |
| `APP_SECRET` | required |

- OLD_NAME is gone.

## Running

Run with APP_DEBUG=1 and server.port.
"""
GUIDE = """Settings
========

These environment variables tune the cache.

CACHE_TTL
    How long to keep entries. Optional.

Django settings
---------------

Add MYAPP_PAGE_SIZE to your settings.py.

Usage
-----

```sh
# Settings for local runs
TOOL_FLAG=1 run
```

Not APP_PORTS, not XAPP_PORT.
"""


def index() -> DocIndex:
    return DocIndex({"README.md": README, "docs/guide.rst": GUIDE})


def test_names_are_found_as_whole_tokens_with_their_lines() -> None:
    found = index().find(["DATABASE_URL", "APP_PORT", "APP_DEBUG", "server.port", "NOWHERE"])
    assert {name: [(m.path, m.line) for m in ms] for name, ms in found.items()} == {
        "DATABASE_URL": [("README.md", 3)],
        "APP_PORT": [("README.md", 9)],
        "APP_DEBUG": [("README.md", 16)],
        "server.port": [("README.md", 16)],
    }


def test_a_mention_states_a_default_or_a_need_on_its_line() -> None:
    found = index().find(["APP_PORT", "APP_SECRET", "DATABASE_URL", "CACHE_TTL"])
    assert {name: ms[0].stated for name, ms in found.items()} == {
        "APP_PORT": True,
        "APP_SECRET": True,
        "DATABASE_URL": False,
        "CACHE_TTL": True,  # the definition's next line says "Optional"
    }


def test_names_can_be_found_in_any_case() -> None:
    found = index().find(["app_port", "cache_ttl"], ignore_case=True)
    assert sorted(found) == ["APP_PORT", "CACHE_TTL"]


def test_configuration_sections_list_their_variable_names() -> None:
    names = index().configuration_names()
    assert {name: (m.path, m.line) for name, m in names.items()} == {
        "APP_PORT": ("README.md", 9),
        "APP_SECRET": ("README.md", 10),
        "OLD_NAME": ("README.md", 12),
        "CACHE_TTL": ("docs/guide.rst", 6),
    }
    # Not MYAPP_PAGE_SIZE: that section speaks of settings, not environment variables;
    # not TOOL_FLAG: the "# Settings" line is a comment in a code block, not a heading.


def test_doc_files_are_readmes_markup_and_docs_text_but_not_changelogs() -> None:
    paths = [
        "README",
        "README.rst",
        "docs/config.md",
        "docs/env.txt",
        "notes.adoc",
        "requirements.txt",
        "CHANGELOG.md",
        "docs/release-notes.md",
        "docs/releases/5.0.txt",
        "LICENSE",
        "src/app.py",
    ]
    assert [p for p in paths if is_doc_file(p)] == [
        "README",
        "README.rst",
        "docs/config.md",
        "docs/env.txt",
        "notes.adoc",
    ]


def test_each_markup_has_its_own_headings_and_blocks() -> None:
    rst = (
        "Environment variables\n=====================\n\n"
        "========= ==========\nName      Meaning\n========= ==========\n"
        "RST_STALE  unused\n========= ==========\n"
    )
    adoc = (
        "= Guide\n\n== Environment variables\n\n[source,bash]\n----\n"
        "export ADOC_IN_LISTING=1\n----\n\nADOC_AFTER_LISTING:: unused\n"
    )
    markdown = (
        "## Environment variables\n\n~~~\n```\n~~~\n\n## Also environment\n\nGONE_TOO is here.\n"
        "<!-- HIDDEN_VAR is not documented yet -->\n"
    )
    index = DocIndex({"docs.rst": rst, "guide.adoc": adoc, "OTHER.md": markdown})
    # The RST table border is not a heading; the AsciiDoc listing block neither makes nor
    # hides one; a ``` inside a ~~~ fence does not open a fence; HTML comments are blank.
    assert sorted(index.configuration_names()) == [
        "ADOC_AFTER_LISTING",
        "ADOC_IN_LISTING",
        "GONE_TOO",
        "RST_STALE",
    ]
    assert index.find(["HIDDEN_VAR"]) == {}
