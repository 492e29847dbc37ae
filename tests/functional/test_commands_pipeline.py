"""The other languages' CLIs reach the report through the parsers: the cobra fixture's
commands, named from its root across packages (by hand: cmd/root.go's tool, its
subcommands in cmd/ and cmd/serve/, debug hidden and legacy deprecated)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers import FIXTURES, audit, make_repo


def test_a_cobra_cli_through_the_pipeline(tmp_path: Path) -> None:
    root = tmp_path / "cobra"
    shutil.copytree(FIXTURES / "languages" / "commands" / "cobra", root)
    make_repo(root).commit("initial")
    commands = [(s.qualname, s.public) for s in audit(root).symbols if s.kind == "cli-command"]
    assert sorted(commands) == [
        ("tool", True),
        ("tool debug", False),
        ("tool legacy", False),  # Deprecated: cobra hides it
        ("tool serve", True),
        ("tool user", True),
        ("tool user add", True),
        ("tool user remove", True),
        ("tool version", True),
    ]
