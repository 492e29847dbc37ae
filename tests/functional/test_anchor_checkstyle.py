"""Parity with Checkstyle 8.36 (Debian's ``checkstyle`` package): the same undocumented
types and methods, line for line, under each option set.

Checkstyle runs with a configuration holding only ``MissingJavadocType`` and
``MissingJavadocMethod`` (tokens METHOD_DEF, CTOR_DEF, ANNOTATION_FIELD_DEF,
COMPACT_CTOR_DEF) on ``fixtures/languages/java/parity``, a corpus kept within what 8.36
parses (no sealed types, local records or pattern switches: those are counted by hand in
``tests/unit/languages/test_java.py``). docaudit audits the same folder with the matching
``[tool.docaudit.java]`` table; its undocumented ``class`` and ``method`` symbols must be
Checkstyle's ``[MissingJavadocType]`` and ``[MissingJavadocMethod]`` lines exactly. The
module symbols of ``package-info.java`` are docaudit's alone (MissingJavadocPackage is
not configured), and the corpus holds no empty or placeholder Javadoc, which Checkstyle
would accept and docaudit would not.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, REPO, audit

CORPUS = FIXTURES / "languages" / "java" / "parity"
INSTALL = "apt-get update && apt-get install -y checkstyle"
METHOD_TOKENS = "METHOD_DEF, CTOR_DEF, ANNOTATION_FIELD_DEF, COMPACT_CTOR_DEF"
_VIOLATION = re.compile(
    r"^\[\w+\] (?P<path>.+?):(?P<line>\d+):(?:\d+:)? .*"
    r"\[(?P<check>MissingJavadoc(?:Type|Method))\]$"
)
_KINDS = {"MissingJavadocType": "class", "MissingJavadocMethod": "method"}

Violation = tuple[str, int, str]

OPTION_SETS: dict[str, tuple[dict[str, object], int]] = {
    "public": ({}, 82),
    "protected": ({"scope": "protected"}, 89),
    "package": ({"scope": "package"}, 127),
    "private": ({"scope": "private"}, 131),
    "custom-annotations": (
        {"scope": "private", "allowed-annotations": ["Custom", "Deprecated"]},
        130,
    ),
    "no-annotations": ({"scope": "private", "allowed-annotations": []}, 135),
    "property-javadoc": ({"scope": "private", "allow-missing-property-javadoc": True}, 125),
    "min-line-count-2": ({"scope": "private", "min-line-count": 2}, 39),
}
"""docaudit's ``java`` table for each run, and how many violations Checkstyle 8.36.1
reported on the corpus with the same options."""
_PROPERTIES = {
    "allowed-annotations": "allowedAnnotations",
    "allow-missing-property-javadoc": "allowMissingPropertyJavadoc",
    "min-line-count": "minLineCount",
}


def checkstyle_config(options: dict[str, object]) -> str:
    """Return a Checkstyle configuration of the two checks under docaudit's options."""
    scope = f'<property name="scope" value="{options.get("scope", "public")}"/>'
    method = [scope, f'<property name="tokens" value="{METHOD_TOKENS}"/>']
    for key, name in _PROPERTIES.items():
        if key in options:
            value = options[key]
            written = ",".join(value) if isinstance(value, list) else str(value).lower()
            method.append(f'<property name="{name}" value="{written}"/>')
    return (
        '<?xml version="1.0"?>\n'
        '<!DOCTYPE module PUBLIC "-//Checkstyle//DTD Checkstyle Configuration 1.3//EN"'
        ' "https://checkstyle.org/dtds/configuration_1_3.dtd">\n'
        '<module name="Checker"><module name="TreeWalker">'
        f'<module name="MissingJavadocType">{scope}</module>'
        f'<module name="MissingJavadocMethod">{"".join(method)}</module>'
        "</module></module>\n"
    )


def checkstyle_violations(config: Path) -> list[Violation]:
    """Run Checkstyle on the corpus and return its violations as (path, line, kind),
    paths relative to the repository, sorted."""
    files = sorted(str(p.relative_to(REPO)) for p in CORPUS.rglob("*.java"))
    done = subprocess.run(
        ["checkstyle", "-c", str(config), *files],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Exception" not in done.stderr + done.stdout, done.stderr + done.stdout
    found: list[Violation] = []
    for line in done.stdout.splitlines():
        matched = _VIOLATION.match(line)
        if matched is not None:
            path = Path(matched["path"])
            relative = path.relative_to(REPO) if path.is_absolute() else path
            found.append((relative.as_posix(), int(matched["line"]), _KINDS[matched["check"]]))
    return sorted(found)


def docaudit_violations(options: dict[str, object]) -> list[Violation]:
    """Audit the corpus with the ``java`` table and return its undocumented types and
    methods as (path, line, kind), sorted."""
    report = audit(CORPUS, java=options)
    symbols = [s for s in report.symbols if s.language == "java" and s.kind != "module"]
    assert all(s.problems in ([], ["missing"]) for s in symbols)
    return sorted((s.path, s.line, s.kind) for s in symbols if not s.documented)


@pytest.fixture(scope="module")
def checkstyle() -> str:
    """Return the path of the ``checkstyle`` command, failing (not skipping) without it."""
    found = shutil.which("checkstyle")
    if found is None:
        pytest.fail(f"checkstyle is not installed: install Debian's package with `{INSTALL}`")
    version = subprocess.run([found, "--version"], capture_output=True, text=True, check=False)
    assert "8.36" in version.stdout, version.stdout
    return found


@pytest.mark.slow
@pytest.mark.parametrize("name", list(OPTION_SETS))
def test_undocumented_symbols_equal_checkstyles(
    name: str, checkstyle: str, tmp_path: Path
) -> None:
    """Each option set: the same (file, line, kind) multiset, of the pinned size."""
    options, expected = OPTION_SETS[name]
    config = tmp_path / "checkstyle.xml"
    config.write_text(checkstyle_config(options), encoding="utf-8")
    theirs = checkstyle_violations(config)
    ours = docaudit_violations(options)
    assert Counter(ours) - Counter(theirs) == Counter()
    assert Counter(theirs) - Counter(ours) == Counter()
    assert len(theirs) == len(ours) == expected


def test_the_configuration_carries_every_option() -> None:
    """The Checkstyle configuration names each option docaudit is given, as Checkstyle
    spells it (a list comma-joined, a boolean in lower case)."""
    config = checkstyle_config(
        {
            "scope": "package",
            "allowed-annotations": ["A", "B"],
            "allow-missing-property-javadoc": True,
            "min-line-count": 2,
        }
    )
    assert config.count('<property name="scope" value="package"/>') == 2
    assert '<property name="allowedAnnotations" value="A,B"/>' in config
    assert '<property name="allowMissingPropertyJavadoc" value="true"/>' in config
    assert '<property name="minLineCount" value="2"/>' in config
    assert f'<property name="tokens" value="{METHOD_TOKENS}"/>' in config
