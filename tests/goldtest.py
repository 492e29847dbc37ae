"""Golden files: compare output with a file under ``fixtures/gold``, or rewrite it.

``python -m pytest --update-gold`` writes every compared output to its gold file instead of
comparing, so that an intended change of output is one command and a reviewed diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

GOLD = Path(__file__).resolve().parent.parent / "fixtures" / "gold"


def check_gold(request: pytest.FixtureRequest, name: str, actual: str) -> None:
    """Assert ``actual`` equals ``fixtures/gold/NAME``; write it there under ``--update-gold``."""
    path = GOLD / name
    if request.config.getoption("update_gold"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert path.is_file(), f"no gold file {name}: run python -m pytest --update-gold"
    assert actual == path.read_text(encoding="utf-8")
