"""The table of renderers: which function turns which report into which format.

``RENDERERS`` is keyed by (report, format); a report is what one command prints
(``coverage``, ``config``, ``audit``, ``silos``, ``check``, ``hook``; ``total`` is what
``coverage --quiet`` prints). The CLI renders through ``render`` and offers each command
the formats of its report, in the table's order, the first being the default.

A renderer's module is imported on its first use, here and nowhere else, not with the
CLI: importing every report module with tabulate and Jinja2 when the CLI starts adds
43 ms of CPU time to the 137 ms of a ``docaudit coverage -q docaudit`` answered from the
cache (medians of 21 runs, CPU time; tabulate alone is 13 ms, Jinja2 15 ms).
``preload`` starts that import on a thread while the audit waits on git and the disk.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

PACKAGE = "docaudit.report"


@dataclass(frozen=True, slots=True)
class Display:
    """What a person asked the coverage table to show: each undocumented symbol
    (``verbose``), or not the files that are fully documented (``omit_covered``)."""

    verbose: bool = False
    omit_covered: bool = False


PLAIN = Display()
"""The coverage table as it is shown by default."""


@dataclass(frozen=True, slots=True)
class Renderer:
    """A render function, named by its module in ``docaudit.report`` and its name there.

    It takes the report and returns the text; ``display`` when it takes a ``Display``
    after the report; ``symbols`` when it lists every symbol, so the audit must keep them.
    """

    module: str
    function: str
    display: bool = False
    symbols: bool = False

    def load(self) -> Callable[..., str]:
        """Return the render function, importing its module on first use."""
        return getattr(import_module(f"{PACKAGE}.{self.module}"), self.function)


RENDERERS: dict[tuple[str, str], Renderer] = {
    ("coverage", "table"): Renderer("table", "render_coverage", display=True),
    ("coverage", "json"): Renderer("json", "render_coverage", symbols=True),
    ("total", "table"): Renderer("lines", "render_total"),
    ("total", "json"): Renderer("json", "render_coverage", symbols=True),
    ("config", "table"): Renderer("table", "render_config"),
    ("config", "markdown"): Renderer("configref", "render_markdown"),
    ("config", "json"): Renderer("json", "render_configuration"),
    ("audit", "table"): Renderer("table", "render_audit"),
    ("audit", "json"): Renderer("json", "render_audit"),
    ("audit", "markdown"): Renderer("markdown", "render_audit"),
    ("audit", "html"): Renderer("html", "render"),
    ("silos", "table"): Renderer("table", "render_silos"),
    ("silos", "json"): Renderer("json", "render_silos"),
    ("check", "text"): Renderer("lines", "render_check"),
    ("check", "json"): Renderer("json", "render_check"),
    ("check", "github"): Renderer("github", "render"),
    ("check", "sarif"): Renderer("sarif", "render"),
    ("check", "gitlab"): Renderer("gitlab", "render"),
    ("check", "markdown"): Renderer("markdown", "render"),
    ("hook", "text"): Renderer("lines", "render_hook"),
}
"""Every (report, format) the CLI prints, each report's formats in the order it offers them."""


def formats(report: str) -> tuple[str, ...]:
    """Return the formats of a report, in the table's order (the first is the default)."""
    return tuple(name for kind, name in RENDERERS if kind == report)


def render(report: str, format_name: str, value: Any, display: Display = PLAIN) -> str:
    """Return ``value``, a report of the kind ``report``, as text in a format."""
    renderer = RENDERERS[report, format_name]
    function = renderer.load()
    return function(value, display) if renderer.display else function(value)


def preload(report: str, format_name: str) -> None:
    """Import a renderer's module on a background thread, unless it is imported already."""
    module = f"{PACKAGE}.{RENDERERS[report, format_name].module}"
    if module not in sys.modules:
        threading.Thread(target=import_module, args=(module,), daemon=True).start()
