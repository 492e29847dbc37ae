"""Property-based tests: strange input never crashes an analyser or leaks through a reporter.

Slow (``-m slow`` selects them, ``-m "not slow"`` leaves them out); CI runs them with a
fixed number of examples and no deadline, derandomised so that a run is repeatable.

- The Python census and its fact collectors take strange but valid Python
  (hypothesmith) and random bytes; the config readers and the spec reader take random
  bytes and random YAML/JSON-shaped text. Each returns a result or raises its own
  ``AnalysisError``, nothing else.
- Every reporter renders a real audit of a real repository whose file names, author
  names and emails are random; the output has the same shape (lines of text, the
  Markdown parser's elements) as the same audit with plain names, so no name added a
  line, a workflow command, a link or an element, and the JSON gives every name back.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import hypothesmith
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from docaudit.analysers.apis.openapi import analyse_spec
from docaudit.analysers.configuration.files import analyse_config
from docaudit.analysers.python.parse import analyse_python
from docaudit.errors import AnalysisError

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("DOCAUDIT_PROPERTY_EXAMPLES", "40"))
RUNS = settings(
    max_examples=EXAMPLES * 5,  # the analysers are cheap: 200 examples each by default
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
CONFIG_KINDS = ("yaml", "json", "toml", "ini", "env", "dockerfile", "python")


@pytest.mark.filterwarnings("ignore::SyntaxWarning", "ignore::DeprecationWarning")
@RUNS
@given(source=hypothesmith.from_grammar())
def test_strange_valid_python_is_analysed(source: str) -> None:
    try:
        analyse_python(source.encode("utf-8", "surrogatepass"), "strange", "")
    except AnalysisError as error:
        assert str(error).strip()


@RUNS
@given(data=st.binary(max_size=2000))
def test_random_bytes_are_analysed_or_refused(data: bytes) -> None:
    try:
        analyse_python(data, "random", "")
    except AnalysisError as error:
        assert str(error).strip()


_SYNTAX = st.sampled_from(list("[]{}():,-?|>&*!#'\"\n\t =%$\\") + ["---", "<<: ", "  "])
_YAMLISH = st.lists(st.one_of(_SYNTAX, st.text(max_size=8)), max_size=120).map("".join)


@RUNS
@given(text=_YAMLISH, raw=st.binary(max_size=300), kind=st.sampled_from(CONFIG_KINDS))
def test_config_readers_never_raise(text: str, raw: bytes, kind: str) -> None:
    for data in (text.encode("utf-8", "surrogatepass"), raw):
        result = analyse_config(f"config/app.{kind}", data, kind)
        assert all(isinstance(error, str) and error for error in result.errors)


@RUNS
@given(text=_YAMLISH, raw=st.binary(max_size=300))
def test_spec_reader_never_raises(text: str, raw: bytes) -> None:
    for body in (text.encode("utf-8", "surrogatepass"), raw):
        for data in (body, b"openapi: 3.0.0\n" + body, b'{"openapi": "3.0.0", ' + body):
            analyse_spec("openapi.yaml", data)


# --- reporters --------------------------------------------------------------------------

_NAME = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"),
    min_size=1,
    max_size=12,
).filter(lambda name: name not in (".", "..") and not name.startswith(".git"))
_HOSTILE = st.one_of(
    _NAME,
    st.sampled_from(
        [
            "x\n::error::pwned",
            "::set-output name=x::y",
            "<img src=x onerror=alert(1)>",
            "[link](javascript:evil)",
            "![i](data:x)",
            "*emph* `code` | pipe",
            "a\rb",
            "# heading",
            "<!--",
            "colon::x",
            "%0A%3C",
            "\x1b[31mred",
        ]
    ),
)
_PERSON = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="<>"),
    min_size=1,
    max_size=20,
).filter(lambda name: name.strip() == name and name.strip())

_FORMATS = (
    ("check", "text"),
    ("check", "github"),
    ("check", "markdown"),
    ("check", "gitlab"),
    ("check", "sarif"),
    ("check", "json"),
    ("audit", "table"),
    ("audit", "markdown"),
    ("audit", "json"),
    ("audit", "html"),
    ("silos", "table"),
    ("coverage", "table"),
)


def _build(root: Path, files: list[str], person: str) -> None:
    """A repository with one undocumented function in each named file, committed by
    ``person`` on a fixed date, and one file that does not parse."""
    root.mkdir()
    environment = {
        **os.environ,
        "GIT_AUTHOR_NAME": person,
        "GIT_AUTHOR_EMAIL": "p@example.com",
        "GIT_AUTHOR_DATE": "2024-01-02T03:04:05+00:00",
        "GIT_COMMITTER_NAME": "Committer",
        "GIT_COMMITTER_EMAIL": "c@example.com",
        "GIT_COMMITTER_DATE": "2024-01-02T03:04:05+00:00",
    }
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    for index, name in enumerate(files):
        folder = root / f"pkg{index}"
        folder.mkdir()
        (folder / f"{name}.py").write_text("def f():\n    pass\n", encoding="utf-8")
    (root / "broken.py").write_text("def (:\n", encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=environment)
    subprocess.run(["git", "commit", "-q", "-m", "add"], cwd=root, check=True, env=environment)


def _render(root: Path, command: str, output: str) -> str:
    """Run the real CLI on ``root`` and return one report, checking it exited by contract."""
    option = "--format"
    done = subprocess.run(
        [sys.executable, "-m", "docaudit", command, ".", option, output, "--no-cache"]
        + (["--fail-under", "100"] if command == "check" else []),
        cwd=root,
        capture_output=True,
        timeout=120,
    )
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode in (0, 1), stderr
    assert "internal error" not in stderr
    assert all(line.startswith("docaudit: ") for line in stderr.splitlines()), stderr
    return done.stdout.decode("utf-8")


def _shape(text: str, output: str) -> object:
    """Return what must not depend on the names: the lines, or the Markdown elements."""
    if output in ("json", "sarif", "gitlab"):
        return _json_shape(json.loads(text))
    if output == "markdown":
        tokens = MarkdownIt("commonmark").parse(text)
        kinds = Counter(token.type for token in tokens)
        for token in tokens:
            kinds.update(child.type for child in token.children or [])
        return kinds
    if output == "html":
        return Counter(part.split(">", 1)[0].split()[0] for part in text.split("<")[1:])
    return len(text.split("\n")), [line[:2] == "::" for line in text.split("\n")]


def _json_shape(value: object) -> object:
    """Return a JSON value's structure: keys and types, the strings left out."""
    if isinstance(value, dict):
        return {key: _json_shape(item) for key, item in value.items() if key != "tags"}
    if isinstance(value, list):
        return sorted((_json_shape(item) for item in value), key=repr)
    return type(value).__name__


@settings(
    max_examples=max(EXAMPLES // 4, 5),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(names=st.lists(_HOSTILE, min_size=1, max_size=3, unique=True), person=_PERSON)
def test_no_name_changes_the_shape_of_a_report(
    tmp_path_factory: pytest.TempPathFactory, names: list[str], person: str
) -> None:
    base = tmp_path_factory.mktemp("shape")
    hostile, plain = base / "hostile", base / "plain"
    _build(hostile, names, person)
    _build(plain, [f"name{i}" for i in range(len(names))], "Plain Person")
    for command, output in _FORMATS:
        seen = _render(hostile, command, output)
        expected = _render(plain, command, output)
        assert _shape(seen, output) == _shape(expected, output), (command, output)
        if output == "json" and command == "audit":
            paths = {entry["path"] for entry in json.loads(seen)["coverage"]["files"]}
            assert {f"pkg{i}/{name}.py" for i, name in enumerate(names)} <= paths
