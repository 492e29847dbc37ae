"""Resolve JavaScript and TypeScript imports to repository files (not yet)."""

from __future__ import annotations

from collections.abc import Mapping

from docaudit.analysers.languages import Links, Reader
from docaudit.model.symbols import ParsedModule


def link(parses: Mapping[str, ParsedModule], read: Reader) -> Links:
    """Return each file's imports resolved to repository files (none yet)."""
    return {}
