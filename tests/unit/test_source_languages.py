"""Which files are source code of a language docaudit counts (discover/languages.py)."""

from __future__ import annotations

import pytest

from docaudit.discover.files import resource_kind
from docaudit.discover.languages import source_language


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("pkg/mod.py", ("python", "source")),
        ("pkg/mod.pyi", ("python", "stub")),
        ("web/app.js", ("javascript", "source")),
        ("web/app.mjs", ("javascript", "source")),
        ("web/app.cjs", ("javascript", "source")),
        ("web/App.jsx", ("javascript", "source")),
        ("web/app.ts", ("typescript", "source")),
        ("web/types.d.ts", ("typescript", "source")),
        ("web/app.mts", ("typescript", "source")),
        ("web/app.cts", ("typescript", "source")),
        ("web/App.tsx", ("typescript", "source")),
        ("svc/main.go", ("go", "source")),
        ("crate/src/lib.rs", ("rust", "source")),
        ("app/src/main/java/App.java", ("java", "source")),
        ("README.md", None),
        ("web/app.json", None),
        ("Makefile", None),
        (".js", None),  # a dot file, no suffix
        ("a.b/readme", None),  # a dot in a folder name is no suffix
        # what each ecosystem's own tools leave out, for its languages only
        ("web/node_modules/lib/index.js", None),
        ("web/dist/app.js", None),
        ("web/build/app.js", None),
        ("crate/target/debug/build.rs", None),
        ("svc/vendor/github.com/x/y.go", None),
        ("svc/testdata/case.go", None),
        ("svc/main_test.go", None),
        ("svc/_examples/demo.go", None),
        ("svc/.tools/gen.go", None),
        ("static/app.min.js", None),
        ("static/app-min.js", None),
        ("svc/_examples/demo.ts", ("typescript", "source")),  # only the go tool skips _x
        ("svc/main_test.ts", ("typescript", "source")),
        ("pkg/build/steps.py", ("python", "source")),  # Python's own rules decide
    ],
)
def test_source_language(path: str, expected: tuple[str, str] | None) -> None:
    assert source_language(path) == expected


def test_the_languages_counted_together_are_those_with_count_all() -> None:
    from docaudit.analysers.languages import MODULES, language
    from docaudit.config.languages import LANGUAGE_NAMES
    from docaudit.discover.languages import COUNTED_TOGETHER

    assert sorted(MODULES) == sorted(LANGUAGE_NAMES[1:])
    assert {name for name in MODULES if language(name).count_all is not None} == COUNTED_TOGETHER


def test_resource_kind_by_name_and_a_python_files_folder() -> None:
    # names are remembered, folders are not: the same name answers by its folder each time
    cases = {
        "README": "doc",
        "docs/ReadMe.txt": "doc",
        "docs/guide.RST": "doc",
        "conf/app.yaml": "data",
        ".env.local": "data",
        "deploy/Dockerfile": "data",
        "deploy/app.dockerfile": "data",
        "go.mod": "data",
        "sub/GO.WORK": "data",
        "Settings_local.py": "data",
        "pkg/config.py": "data",
        "gunicorn.conf.py": "data",
        "pkg/settings/base.py": "data",
        "pkg/conf/base.py": "data",
        "pkg/config/base.py": "data",
        "pkg/Conf/base.py": None,
        "pkg/base.py": None,
        "base.py": None,
        "conf/sub/base.py": None,
        "locale/django.po": None,
        "Makefile": None,
    }
    for _ in range(2):
        assert {path: resource_kind(path) for path in cases} == cases
