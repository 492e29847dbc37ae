"""A full-stack repository: Python, TypeScript and Go counted, ranked and linked together.

The repository, worked out by hand (default settings: eslint-plugin-jsdoc's five contexts,
revive's exported rule, interrogate's counting for Python):

- ``backend/app`` (alice): ``__init__.py`` (module, documented) and ``api.py`` (module and
  ``serve``, documented; ``_helper`` not): Python 3 symbols... 4 in all, 1 missing.
- ``frontend/src/lib/api.ts`` (bob): ``fetchItems`` (a documented function declaration)
  and ``format`` (an exported arrow function, undocumented): 2, 1 missing.
- ``frontend/src/components/List.tsx`` (bob): imports ``../lib/api``; ``List`` (a
  function declaration, undocumented): 1, 1 missing.
- ``svc/main.go`` (carol): package ``main`` has no package comment (its module symbol,
  undocumented, on its only file); ``Run`` documented, ``helper`` unexported (not
  counted): 2, 1 missing.

So 9 symbols, 4 missing (55.6%); by language python 4/1, typescript 3/2, go 2/1. The
import graph: ``frontend/src/components`` depends on ``frontend/src/lib``.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

from docaudit import api
from docaudit.config.settings import Config
from docaudit.report import html
from tests.helpers import ALICE, BOB, CAROL, GitRepo, make_repo

BACKEND = {
    "backend/app/__init__.py": '"""The backend."""\n',
    "backend/app/api.py": (
        '"""The API."""\n\n\ndef serve():\n    """Serve."""\n\n\ndef _helper():\n    pass\n'
    ),
}
FRONTEND = {
    "frontend/src/lib/api.ts": (
        "/** Fetch the items. */\n"
        "export function fetchItems() {\n"
        '  return fetch("/items");\n'
        "}\n"
        "\n"
        "export const format = (x: string) => x.trim();\n"
    ),
    "frontend/src/components/List.tsx": (
        'import { fetchItems } from "../lib/api";\n'
        "\n"
        "export function List() {\n"
        "  fetchItems();\n"
        "  return <ul />;\n"
        "}\n"
    ),
}
SERVICE = {
    "svc/main.go": (
        "package main\n\n// Run runs the service.\nfunc Run() {}\n\nfunc helper() {}\n"
    ),
}


def full_stack(path: Path) -> GitRepo:
    """Return the repository above: each part committed by its own author."""
    repo = make_repo(path)
    repo.commit_as(ALICE, "2024-01-01", BACKEND, message="backend")
    repo.commit_as(BOB, "2024-01-02", FRONTEND, message="frontend")
    repo.commit_as(CAROL, "2024-01-03", SERVICE, message="service")
    return repo


def test_coverage_counts_every_language(tmp_path: Path, run_cli) -> None:
    repo = full_stack(tmp_path / "repo")
    result = run_cli("coverage", "--no-cache", "--format", "json", cwd=repo.path)
    document = json.loads(result.out)
    assert document["summary"] == {
        "total": 9,
        "documented": 5,
        "missing": 4,
        "coverage": 55.56,
    }
    assert [(e["language"], e["total"], e["missing"]) for e in document["languages"]] == [
        ("python", 4, 1),
        ("typescript", 3, 2),
        ("go", 2, 1),
    ]
    undocumented = [
        (s["path"], s["line"], s["kind"], s["qualname"], s["language"])
        for s in document["symbols"]
        if not s["documented"]
    ]
    assert undocumented == [
        ("backend/app/api.py", 8, "function", "_helper", "python"),
        (
            "frontend/src/components/List.tsx",
            3,
            "function",
            "frontend/src/components/List.List",
            "typescript",
        ),
        ("frontend/src/lib/api.ts", 6, "function", "frontend/src/lib/api.format", "typescript"),
        ("svc/main.go", 1, "module", "svc", "go"),
    ]
    table = run_cli("coverage", "--no-cache", cwd=repo.path).out
    assert "language      total    missing  cover\n" in table
    assert "typescript        3          2  33.3%\n" in table


def test_warm_run_gives_the_same_report(tmp_path: Path, run_cli) -> None:
    repo = full_stack(tmp_path / "repo")
    cold = run_cli("coverage", "--format", "json", cwd=repo.path).out
    warm = run_cli("coverage", "--format", "json", cwd=repo.path).out
    quiet = run_cli("coverage", "-q", cwd=repo.path).out
    assert warm == cold
    assert quiet == "TOTAL 9 4 55.6%\n"


def test_audit_ranks_frontend_modules_beside_the_backend(tmp_path: Path) -> None:
    repo = full_stack(tmp_path / "repo")
    report = api.audit(repo.path, Config.of(cache=False))
    ranked = {m.module: (m.coverage, m.dependents, tuple(m.key_people)) for m in report.modules}
    assert ranked == {
        "backend/app": (75.0, 0, ("alice@example.com",)),
        "frontend/src/components": (0.0, 0, ("bob@example.com",)),
        "frontend/src/lib": (50.0, 1, ("bob@example.com",)),
        "svc": (50.0, 0, ("carol@example.com",)),
    }


class _Tiles(HTMLParser):
    """The modules the treemap draws, with their colours."""

    def __init__(self) -> None:
        super().__init__()
        self.tiles: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "rect" and values.get("class") == "module":
            self.tiles[values.get("data-module") or ""] = values.get("fill") or ""


def test_treemap_colours_every_language(tmp_path: Path) -> None:
    repo = full_stack(tmp_path / "repo")
    page = html.render(api.audit(repo.path, Config.of(cache=False)))
    tiles = _Tiles()
    tiles.feed(page)
    assert sorted(tiles.tiles) == [
        "backend/app",
        "frontend/src/components",
        "frontend/src/lib",
        "svc",
    ]
    # 0% and 50% documented: different colours, neither the grey of "no code"
    assert tiles.tiles["frontend/src/components"] != tiles.tiles["frontend/src/lib"]
    assert tiles.tiles["frontend/src/lib"] == tiles.tiles["svc"]
