"""The audit: a ranking worked out by hand on a repository built for it."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from docaudit import api
from docaudit.config.settings import Config
from tests.helpers import ALICE, CAROL, build_company, make_repo


def test_ranking_worked_out_by_hand(tmp_path: Path) -> None:
    """Weights 30 knowledge, 25 documentation, 20 dependents, 15 size, 10 orphan (sum 100).

    Lines: core 6, report 6, common 4, app 4, web 3 (the most: 6); dependents: core 2
    (app, web), common 1 (web). Everyone is active, so effective = historical.
    core: 30·1 + 25·1 + 20·1 + 15·1 = 90, a silo 0% documented that two modules need,
    and the only one of the one critical a list of five allows (ceil(0.1·5) = 1).
    report: 30 + 15·ln7/ln7 = 45, medium. common: 15 + 20·ln2/ln3 + 15·ln5/ln7 = 40.0,
    medium. app: 15 + 15·ln5/ln7 = 27.4 and web: 15 + 15·ln4/ln7 = 25.7, low.
    """
    report = api.audit(build_company(tmp_path).path, Config.of(cache=False))
    size = math.log(5) / math.log(7)
    expected = [
        # module, level, score, bus factor, coverage, transitive dependents
        ("core", "critical", 90.0, 1, 0.0, 2),
        ("report", "medium", 45.0, 1, 100.0, 0),
        ("common", "medium", round(15 + 20 * math.log(2) / math.log(3) + 15 * size, 1), 2,
         100.0, 1),
        ("app", "low", round(15 + 15 * size, 1), 2, 100.0, 0),
        ("web", "low", round(15 + 15 * math.log(4) / math.log(7), 1), 2, 100.0, 0),
    ]  # fmt: skip
    got = [
        (m.module, m.risk, m.score, m.bus_factor, m.coverage, m.dependents) for m in report.modules
    ]
    assert got == expected
    assert report.modules[0].reason == (
        "only alice@example.com knows `core`; 0% documented; 6 lines; 2 modules depend on it"
    )
    assert report.modules[1].reason == (
        "only bob@example.com knows `report`; 100% documented; 6 lines; nothing depends on it"
    )
    assert report.level_counts() == {"critical": 1, "high": 0, "medium": 2, "low": 2}
    assert [(t.path, t.line, t.kind, t.qualname) for t in report.modules[0].to_document] == [
        # functions before modules, the longer first (run and stop: 2 lines each, so by
        # line; engine.py: 6 lines, the empty __init__.py: 0)
        ("core/engine.py", 1, "function", "run"),
        ("core/engine.py", 5, "function", "stop"),
        ("core/engine.py", 1, "module", "core.engine"),
        ("core/__init__.py", 1, "module", "core"),
    ]
    assert report.cycles == []


def test_departure_view(tmp_path: Path) -> None:
    config = Config.of(cache=False, departed=("alice@example.com", "bob@example.com"))
    report = api.audit(build_company(tmp_path).path, config)
    assert [(p.name, p.would_orphan, p.modules) for p in report.people] == [
        ("Alice", 3, ["common", "core"]),
        ("Bob", 3, ["common", "report"]),
    ]
    # --departed chooses whom to show; it does not remove them from the ranking.
    assert report.modules[0].key_people == ["alice@example.com"]


def test_json_document(tmp_path: Path, run_cli) -> None:
    build_company(tmp_path)
    result = run_cli("audit", str(tmp_path), "--format", "json", "--no-cache")
    assert result.code == 0
    document = json.loads(result.out)
    assert document["schema"] == "docaudit/1"
    assert document["summary"] == {
        "coverage": 69.23,
        "tests_coverage": None,
        "bus_factor": 2,
        "key_people": ["alice@example.com", "bob@example.com"],
        "historical_bus_factor": 2,
        "historical_key_people": ["alice@example.com", "bob@example.com"],
        "levels": {"critical": 1, "high": 0, "medium": 2, "low": 2},
        "left_out": {},
    }
    assert document["modules"][0] == {
        "module": "core",
        "risk": "critical",
        "score": 90.0,
        "reason": "only alice@example.com knows `core`; 0% documented; 6 lines;"
        " 2 modules depend on it",
        "bus_factor": 1,
        "historical_bus_factor": 1,
        "silo": True,
        "orphan": False,
        "key_people": ["alice@example.com"],
        "coverage": 0.0,
        "dependents": 2,
        "lines": 6,
        "direct_dependents": 2,
        "pagerank": document["modules"][0]["pagerank"],
        "in_cycle": False,
        "to_document": [
            {"kind": "function", "qualname": "run", "path": "core/engine.py", "line": 1},
            {"kind": "function", "qualname": "stop", "path": "core/engine.py", "line": 5},
            {"kind": "module", "qualname": "core.engine", "path": "core/engine.py", "line": 1},
            {"kind": "module", "qualname": "core", "path": "core/__init__.py", "line": 1},
        ],
    }  # fmt: skip
    ranks = {m["module"]: m["pagerank"] for m in document["modules"]}
    assert ranks["core"] > ranks["common"] > ranks["app"] == ranks["web"] == ranks["report"]
    assert [p["email"] for p in document["people"]] == ["alice@example.com", "bob@example.com"]
    assert document["coverage"]["summary"]["total"] == 13
    assert document["silos"]["repo"]["bus_factor"] == 2
    assert result.out == run_cli("audit", str(tmp_path), "--format", "json", "--no-cache").out


def test_outside_git_documentation_is_still_audited(tmp_path: Path, run_cli) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text('"""Pkg."""\n', encoding="utf-8")
    (tmp_path / "pkg" / "mod.py").write_text("def f():\n    pass\n", encoding="utf-8")
    result = run_cli("audit", str(tmp_path), "--no-cache")
    assert result.code == 0
    assert "ownership needs git history" in result.err
    assert result.out.startswith("Documentation coverage: 33.3% (3 symbols, ranked code)\nRisk: ")


def test_import_graph_kinds_and_cycles(tmp_path: Path) -> None:
    from docaudit.analysers.python.parse import analyse_python
    from docaudit.graph import file_graph, fold

    sources = {
        "src/pkg/__init__.py": "from . import a\n",
        "src/pkg/a.py": "from pkg.b import thing\nfrom typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from pkg import c\n",
        "src/pkg/b.py": "def f():\n    import pkg.a\n",
        "src/pkg/c.py": "try:\n    import pkg.util\nexcept ImportError:\n    pass\n",
        "src/pkg/util.py": "",
    }
    names = {
        "src/pkg/__init__.py": ("pkg", "pkg"),
        "src/pkg/a.py": ("pkg.a", "pkg"),
        "src/pkg/b.py": ("pkg.b", "pkg"),
        "src/pkg/c.py": ("pkg.c", "pkg"),
        "src/pkg/util.py": ("pkg.util", "pkg"),
    }
    parses = {p: analyse_python(s.encode(), *names[p]) for p, s in sources.items()}
    graph = file_graph(parses)
    assert sorted((a, b, d["kind"]) for a, b, d in graph.edges(data=True)) == [
        ("src/pkg/__init__.py", "src/pkg/a.py", "import"),
        ("src/pkg/a.py", "src/pkg/b.py", "import"),
        ("src/pkg/a.py", "src/pkg/c.py", "type-checking"),
        ("src/pkg/b.py", "src/pkg/a.py", "deferred"),
        ("src/pkg/c.py", "src/pkg/util.py", "conditional"),
    ]
    folded = fold(graph, lambda path: path.rpartition("/")[2])
    assert folded.cycles == [["a.py", "b.py"]]
    assert folded.dependents["c.py"].transitive == 0  # only a TYPE_CHECKING import
    # __init__ imports a; b sits in a's own cycle, so it is not one of a's dependents
    assert folded.dependents["a.py"].transitive == 1
    assert folded.dependents["a.py"].cycle == 2


@pytest.mark.parametrize("weights", [{"knowledge": 0, "documentation": 100}])
def test_risk_weights_from_config(tmp_path: Path, weights: dict) -> None:
    config = Config.of(cache=False).with_overrides({"risk_weights": weights})
    report = api.audit(build_company(tmp_path).path, config)
    scores = {m.module: m.score for m in report.modules}
    # the other weights stay as they are: dependents 20, size 15, orphan 10
    assert scores["core"] == round(100 * (100 + 20 + 15) / (0 + 100 + 20 + 15 + 10), 1)


def test_codeowners_coverage_and_drift(tmp_path: Path, run_cli) -> None:
    repo = build_company(tmp_path)
    repo.commit_as(
        CAROL,
        "2024-01-06",
        {
            ".github/CODEOWNERS": (
                "# owners\n"
                "core/ @carol\n"
                "report/ @bob\n"
                "common/ @team/platform\n"
                "app/ dave@example.com\n"
            ),
            "pyproject.toml": '[tool.docaudit.people]\n"@carol" = "carol@example.com"\n'
            '"@bob" = "bob@example.com"\n',
        },
    )
    report = api.audit(repo.path, Config.of(cache=False).with_overrides(
        {"people": {"@carol": "carol@example.com", "@bob": "bob@example.com"}}
    ))  # fmt: skip
    assert [(f.module, f.problem, f.listed) for f in report.codeowners] == [
        ("(root)", "uncovered", []),
        (".github", "uncovered", []),
        ("core", "drift", ["@carol"]),
        ("web", "uncovered", []),
    ]
    assert report.codeowners[2].message == (
        "`core` is owned by @carol in CODEOWNERS, but only alice@example.com knows it"
    )
    result = run_cli("audit", str(tmp_path), "--no-cache")
    assert (
        "CODEOWNERS: `core` is owned by @carol in CODEOWNERS, but only alice@example.com"
        in result.out
    )


def test_scripts_with_the_same_name_import_their_neighbour(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    repo.commit_as(ALICE, "2024-01-01", {
        "scripts/util.py": '"""U."""\n', "scripts/run.py": '"""R."""\nimport util\n',
        "tools/util.py": '"""U."""\n\n\ndef f():\n    """F."""\n',
    })  # fmt: skip
    first = {m.module: m.dependents for m in api.audit(tmp_path, Config()).modules}
    repo.write("tools/util.py", '"""Changed."""\n\n\ndef g():\n    """G."""\n')
    second = {m.module: m.dependents for m in api.audit(tmp_path, Config()).modules}
    third = {m.module: m.dependents for m in api.audit(tmp_path, Config.of(cache=False)).modules}
    assert first == second == third == {"scripts": 0, "tools": 0}


def test_departed_matches_any_email_or_the_name(tmp_path: Path) -> None:
    build_company(tmp_path)
    for who in ("Alice@Example.COM", "alice"):
        report = api.audit(tmp_path, Config.of(cache=False, departed=(who,)))
        assert [(p.name, p.email, p.would_orphan) for p in report.people] == [
            ("Alice", "alice@example.com", 3)
        ]


def test_html_with_an_undecodable_folder_name(tmp_path: Path, run_cli) -> None:
    import os

    repo = make_repo(tmp_path)
    folder = os.fsencode(tmp_path) + b"/b\xe9ta"
    os.mkdir(folder)
    with open(folder + b"/m.py", "wb") as handle:
        handle.write(b"def f():\n    pass\n")
    repo.commit("odd")
    result = run_cli("audit", str(tmp_path), "--format", "html", "-o", "out.html", "--no-cache",
                     cwd=tmp_path)  # fmt: skip
    assert result.code == 0, result.err
    assert "b\\xe9ta" in (tmp_path / "out.html").read_text(encoding="utf-8")


def test_test_modules_are_left_out_of_the_ranking_unless_asked(tmp_path: Path, run_cli) -> None:
    repo = build_company(tmp_path)
    repo.commit_as(CAROL, "2024-01-06", {"tests/test_core.py": "def test_run():\n    pass\n"})
    ranked = [m.module for m in api.audit(tmp_path, Config.of(cache=False)).modules]
    assert "tests" not in ranked
    result = run_cli("audit", str(tmp_path), "--no-cache", cwd=tmp_path)
    assert (
        "left out of the ranking: tests (1 module); see docs/file-classes.md;"
        " --rank-tests keeps tests" in result.err
    )
    kept = api.audit(tmp_path, Config.of(cache=False, rank_tests=True))
    assert "tests" in [m.module for m in kept.modules]
    assert (
        kept.coverage.summary.total
        == api.audit(tmp_path, Config.of(cache=False)).coverage.summary.total
    )


def test_history_built_beside_the_audit_reports_its_errors(tmp_path: Path, monkeypatch) -> None:
    """The silos report is built on a thread while the audit parses: a ``HistoryError``
    there is a notice (the rest audited), any other error is raised in the caller."""
    from docaudit.errors import HistoryError
    from docaudit.pipeline import audit as audit_pipeline

    repo = build_company(tmp_path).path

    def no_history(*args, **kwargs):
        raise HistoryError("git log stopped part-way")

    monkeypatch.setattr(audit_pipeline, "report", no_history)
    report = audit_pipeline.run(repo, Config.of(cache=False))
    assert report.silos is None
    assert "ownership left out: git log stopped part-way" in report.notices
    assert report.modules  # the documentation is still ranked

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(audit_pipeline, "report", broken)
    with pytest.raises(ZeroDivisionError, match="a bug"):
        audit_pipeline.run(repo, Config.of(cache=False))


def test_file_classes_read_the_heads_the_parse_workers_kept(tmp_path: Path, monkeypatch) -> None:
    """A cold audit classes its files from the first bytes the parse kept (no source
    file read again for its generated-code header or to tell a docstring-only file); a
    warm one, which parses nothing, reads them itself: the same classes either way."""
    from docaudit.pipeline import audit as audit_pipeline

    make_repo(
        tmp_path,
        {
            "app/__init__.py": '"""App."""\n\n\ndef run():\n    """Run."""\n',
            "client/__init__.py": "# Code generated by openapi-generator. DO NOT EDIT.\n\n"
            "\ndef get():\n    pass\n",
            "marker/__init__.py": '"""Only a docstring."""\n',
            # longer than a head; a definition, so it is no docstring-only file to read
            "big/__init__.py": '"""Big."""\n' + "x = 1\n" * 400 + 'def f():\n    """F."""\n',
        },
    )
    reads: list[str] = []
    original = audit_pipeline.read_file

    def spy(path: str, *args: object, **kwargs: object) -> bytes:
        reads.append(Path(path).relative_to(tmp_path).as_posix())
        return original(path, *args, **kwargs)

    monkeypatch.setattr(audit_pipeline, "read_file", spy)
    cold = audit_pipeline.run(tmp_path, Config())
    assert reads == []
    assert cold.left_out == {"generated": ["client"], "empty": ["marker"]}
    assert sorted(m.module for m in cold.modules) == ["app", "big"]
    warm = audit_pipeline.run(tmp_path, Config())
    assert sorted(reads) == sorted(
        ["app/__init__.py", "big/__init__.py", "client/__init__.py", "marker/__init__.py"]
    )
    assert (warm.left_out, [m.module for m in warm.modules]) == (
        cold.left_out,
        [m.module for m in cold.modules],
    )
