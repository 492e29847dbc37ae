"""Pytest fixtures: run the CLI in-process and capture what it prints."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from docaudit.cli import main
from tests.goldtest import check_gold


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-gold`` rewrites the gold files instead of comparing with them."""
    parser.addoption(
        "--update-gold",
        action="store_true",
        default=False,
        help="write compared outputs to their files under fixtures/gold",
    )


@pytest.fixture
def gold(request: pytest.FixtureRequest):
    """Return a function that checks an output against its gold file (see tests/goldtest.py)."""

    def compare(name: str, actual: str) -> None:
        check_gold(request, name, actual)

    return compare


@dataclass
class Result:
    """What one CLI run exited with and printed."""

    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Return a function that runs ``docaudit ARGS`` in a folder and returns its ``Result``."""

    def run(*args: str, cwd: Path | None = None) -> Result:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        capsys.readouterr()
        try:
            main(list(args))
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 2
        else:  # pragma: no cover - main always exits
            code = -1
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run
