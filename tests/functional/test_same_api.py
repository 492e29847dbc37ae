"""One API implemented in four frameworks of four languages (Express, gin, Spring,
axum: ``fixtures/languages/routes/same-api/``) gives the same endpoints, whatever each
framework's syntax for prefixes and parameters."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, make_repo

SAME_API = FIXTURES / "languages" / "routes" / "same-api"

ENDPOINTS = [
    "DELETE /api/articles/{slug}",
    "GET /api/articles",
    "GET /api/articles/{slug}",
    "GET /api/articles/{slug}/comments",
    "GET /api/user",
    "POST /api/articles",
    "POST /api/users/login",
    "PUT /api/articles/{slug}",
]
"""A part of the RealWorld API (https://realworld-docs.netlify.app), by hand."""


def test_the_api_is_implemented_in_four_frameworks() -> None:
    assert sorted(p.name for p in SAME_API.iterdir()) == ["axum", "express", "gin", "spring"]


@pytest.mark.parametrize("framework", ["axum", "express", "gin", "spring"])
def test_each_implementation_serves_the_same_endpoints(
    framework: str, tmp_path: Path, run_cli
) -> None:
    root = tmp_path / framework
    shutil.copytree(SAME_API / framework, root)
    make_repo(root).commit("initial")
    result = run_cli("coverage", "--no-cache", "--format", "json", cwd=root)
    symbols = json.loads(result.out)["symbols"]
    found = sorted(s["qualname"] for s in symbols if s["kind"] == "endpoint")
    assert found == ENDPOINTS
