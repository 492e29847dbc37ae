"""Placeholder collector: replaced by the real one."""

from __future__ import annotations

import ast
from typing import Any

from docaudit.docs.names import ImportTable


def collect(tree: ast.Module, imports: ImportTable, text: str) -> Any:
    """Return nothing yet."""
    return None
