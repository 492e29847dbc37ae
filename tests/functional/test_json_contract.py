"""The JSON of every report on the fixture repositories, byte for byte against gold files.

These outputs were written before the code moved into its stage packages (issue 14), so a
refactoring that changes what any report says fails here. An intended change of output is
``python -m pytest tests/functional/test_json_contract.py --update-gold`` and a reviewed diff.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, UNDOCUMENTED, base_repo, build_company, feature, make_repo

REPORTS = ("coverage", "silos", "audit", "config")


@pytest.mark.parametrize("report", REPORTS)
def test_company_reports(report: str, tmp_path: Path, run_cli, gold) -> None:
    root = build_company(tmp_path / "company").path
    result = run_cli(report, "--no-cache", "--format", "json", ".", cwd=root)
    assert result.code == 0, result.err
    gold(f"contract/company-{report}.json", result.out)


@pytest.mark.parametrize("report", REPORTS)
@pytest.mark.parametrize("fixture", ["service", "envvars/operator"])
def test_surface_reports(report: str, fixture: str, tmp_path: Path, run_cli, gold) -> None:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / fixture, root)
    make_repo(root).commit("initial")
    result = run_cli(report, "--no-cache", "--format", "json", ".", cwd=root)
    assert result.code in (0, 1), result.err
    gold(f"contract/{Path(fixture).name}-{report}.json", result.out)


def test_check_report(tmp_path: Path, run_cli, gold) -> None:
    repo = base_repo(tmp_path / "check")
    feature(repo, UNDOCUMENTED)
    result = run_cli(
        "check", "--no-cache", "--format", "json", "--compare-ref", "main",
        "--fail-under", "90", "--new-code-fail-under", "100", ".", cwd=repo.path,
    )  # fmt: skip
    assert result.code == 1, result.err
    gold("contract/check.json", result.out)
