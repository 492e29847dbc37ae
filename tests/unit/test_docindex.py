"""The documentation index: whole-token mentions, stated defaults, configuration sections."""

from __future__ import annotations

from docaudit.analysers.docindex import DocIndex
from docaudit.discover.docfiles import is_doc_file

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


def test_names_presented_as_environment_variables() -> None:
    names = index().env_var_names()
    assert {name: (m.path, m.line) for name, m in names.items()} == {
        "APP_PORT": ("README.md", 9),  # a table whose header says "variable"
        "APP_SECRET": ("README.md", 10),
        "APP_DEBUG": ("README.md", 16),  # shell syntax: APP_DEBUG=1
        "CACHE_TTL": ("docs/guide.rst", 6),  # the section opens "These environment variables"
        "TOOL_FLAG": ("docs/guide.rst", 19),  # TOOL_FLAG=1 run, in a code block
    }
    # Not OLD_NAME: a "Configuration" section presents settings, unless it says more;
    # not MYAPP_PAGE_SIZE: a Django setting.


FRAMEWORK = """Builtin Configuration Values
----------------------------

The following configuration values are used internally:

.. py:data:: SECRET_KEY

    A secret key. This is set with the ``APP_DEBUG_MODE`` environment variable.

.. code-block:: python

    app.config.update(
        SECRET_KEY="dev",
        PERMANENT_SESSION_LIFETIME=600
    )
    app.config.from_mapping(CELERY=dict(broker="redis://"))

Set ``DEVELOPER=True`` in ``configuration.py``. Bind as ``CN=Users,DC=example``.

Upgrading
---------

.. code-block:: bash

    NEWVER=4.5.0
    wget https://example.com/v$NEWVER.tar.gz
    export FLASK_SECRET_KEY="5f35"
    $ set -x FISH_VAR 1
    PS> $env:POWER_VAR = "1"

Configuring from Environment Variables
--------------------------------------

Each one becomes a key: ``app.config["MAX_CONTENT_LENGTH"]`` reads ``APP_MAX_LENGTH``.
"""


def test_settings_keyword_arguments_and_script_variables_are_not_environment_variables() -> None:
    names = DocIndex({"docs/config.rst": FRAMEWORK}).env_var_names()
    # A config value's own entry, Python keyword arguments (a trailing comma, a closing
    # parenthesis on the next line, a call as the value), a Python True, an LDAP name and
    # a variable the instructions expand themselves ($NEWVER) are not variables; a name
    # called an environment variable, shell exports and an env-var section's names are,
    # but not a dict key in that section.
    assert sorted(names) == [
        "APP_DEBUG_MODE",
        "APP_MAX_LENGTH",
        "FISH_VAR",
        "FLASK_SECRET_KEY",
        "POWER_VAR",
    ]


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
    assert sorted(index.env_var_names()) == [
        "ADOC_AFTER_LISTING",
        "ADOC_IN_LISTING",
        "GONE_TOO",
        "RST_STALE",
    ]
    assert index.find(["HIDDEN_VAR"]) == {}


def test_the_quick_scans_find_what_the_patterns_find() -> None:
    import random
    import re

    from docaudit.analysers import docindex

    underline = re.compile(r"^(?:={3,}|-{3,}|~{3,}|\^{3,}|\*{3,}|\+{3,}|#{3,})[ \t]*$", re.M)
    name_before_equals = re.compile(r"[A-Z][A-Z0-9_]{2,}=")
    rng = random.Random(14)
    for _ in range(20_000):
        text = "".join(rng.choice("==--~~^*+#AB1_a \t\n") for _ in range(rng.randint(0, 24)))
        assert list(docindex._underlines(text)) == [
            (m.start(), m.end(), m.group(0)) for m in underline.finditer(text)
        ]
        assert list(docindex._names_before_equals(text)) == [
            m.start() for m in name_before_equals.finditer(text)
        ]
